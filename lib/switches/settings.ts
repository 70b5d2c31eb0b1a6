// The failure switches: what a presenter can make go wrong, and how badly. Pure: the shape, the
// defaults (nothing goes wrong) and the bounds. Stored and shared by lib/switches/store.ts.
import { z } from 'zod';

const rate = z.number().min(0).max(1);

export const Switches = z.object({
  card: z
    .object({
      /** Share of otherwise good cards the network declines. */
      declineRate: rate.default(0),
      /** Added to every card network answer. */
      extraLatencyMs: z.number().int().min(0).max(30_000).default(0),
      /** Share of charges/authorisations that go through but whose answer never arrives. */
      unknownOutcomeRate: rate.default(0),
    })
    .prefault({}),
  barista: z
    .object({
      /** Share of drinks spilt when finished (they are remade). */
      spillRate: rate.default(0),
      /** Preparation takes this many times longer. */
      slowness: z.number().min(1).max(10).default(1),
      /** Drinks with oat milk cannot be made. */
      outOfOatMilk: z.boolean().default(false),
    })
    .prefault({}),
  courier: z
    .object({
      /** The courier refuses every booking. */
      outage: z.boolean().default(false),
    })
    .prefault({}),
});
export type Switches = z.infer<typeof Switches>;

export const NOTHING_WRONG: Switches = Switches.parse({});
