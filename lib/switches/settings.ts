// The failure switches: what a presenter can make go wrong, and how badly. Pure: the shape, the
// defaults (nothing goes wrong) and the bounds. Stored and shared by lib/switches/store.ts; obeyed
// by the fakes (lib/fakes) and the brewing step. Pausing a queue and crashing a worker are not
// switches of this shape: the first lives in BullMQ (lib/switches/queues.ts), the second is a
// one-off command (lib/switches/control.ts).
import { z } from 'zod';

const rate = z.number().min(0).max(1);

export const MAX_EXTRA_CARD_LATENCY_MS = 30_000;
export const MAX_SLOWNESS = 10;

export const Switches = z.object({
  card: z
    .object({
      /** Share of otherwise good cards the network declines. */
      declineRate: rate.default(0),
      /** Added to every card network answer. */
      extraLatencyMs: z.number().int().min(0).max(MAX_EXTRA_CARD_LATENCY_MS).default(0),
      /** Share of charges/authorisations that go through but whose answer never arrives. */
      unknownOutcomeRate: rate.default(0),
    })
    .prefault({}),
  barista: z
    .object({
      /** Share of drinks spilt when finished (they are remade). */
      spillRate: rate.default(0),
      /** Preparation takes this many times longer. */
      slowness: z.number().min(1).max(MAX_SLOWNESS).default(1),
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

/** Whether something that happens with this probability happens this time: 0 never, 1 always. */
export function happens(rate: number, random: () => number = Math.random): boolean {
  return rate >= 1 || (rate > 0 && random() < rate);
}

/** True when every switch is where "Reset everything" puts it. */
export function isNothingWrong(switches: Switches): boolean {
  return JSON.stringify(Switches.parse(switches)) === JSON.stringify(NOTHING_WRONG);
}

/** A presenter's save: the whole set of switches, and the version the form was showing. */
export const SaveSwitchesRequest = z.object({
  switches: Switches,
  version: z.number().int().min(0),
});
export type SaveSwitchesRequest = z.infer<typeof SaveSwitchesRequest>;

export type ParsedSave = { ok: true; request: SaveSwitchesRequest } | { ok: false; fields: Record<string, string> };

/**
 * Checks a save from a form or the API. Field errors are keyed by the switch's path
 * (`card.declineRate`), so the page can put each message beside its control.
 */
export function parseSaveRequest(input: unknown): ParsedSave {
  const parsed = SaveSwitchesRequest.safeParse(input);
  if (parsed.success) return { ok: true, request: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path[0] === 'switches' ? issue.path.slice(1) : issue.path;
    const key = path.map(String).join('.') || 'form';
    fields[key] ??= explain(issue);
  }
  return { ok: false, fields };
}

function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    return `Must be ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)}.`;
  }
  if (issue.code === 'invalid_type') return `Must be a ${issue.expected}.`;
  return issue.message;
}

/** Rates are stored as shares (0–1) and shown as whole percentages. */
export const toPercent = (rate: number): number => Math.round(rate * 100);
export const fromPercent = (percent: number): number => Math.min(100, Math.max(0, Math.round(percent))) / 100;
