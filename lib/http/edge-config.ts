// Settings of the HTTP edge (addresses, origins, limits on minting customers, carts and streams),
// parsed once per process like lib/config.ts but kept here so the edge is configured in one place.
import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const schema = z.object({
  /**
   * How many reverse proxies in front of the web server append to X-Forwarded-For. 0: the
   * client is whoever opened the socket (a client-sent X-Forwarded-For is ignored); N: the
   * address the outermost of N trusted proxies saw (the N-th entry from the right).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * The shop's own origin as browsers see it (e.g. https://shop.example). Unset: an API write's
   * Origin must name the host the request was sent to (its Host header).
   */
  PUBLIC_ORIGIN: z
    .string()
    .url()
    .transform((url) => new URL(url).origin)
    .optional(),
  /** New anonymous customers (cookies) one address may be given per window. */
  CUSTOMER_MINTS_PER_ADDRESS: count(60),
  CUSTOMER_MINT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** Cart writes (add, change, remove) per window, per customer and per address. */
  CART_WRITES_PER_CUSTOMER: count(60),
  CART_WRITES_PER_ADDRESS: count(300),
  CART_WRITE_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** Live streams (SSE) one customer may hold open at once in one web process. */
  SSE_STREAMS_PER_CUSTOMER: count(6),
});

export type EdgeConfig = z.infer<typeof schema>;

/** Every setting of the edge; a test checks each is in docs/configuration.md. */
export const EDGE_SETTING_NAMES = Object.keys(schema.shape) as (keyof EdgeConfig)[];

let cached: EdgeConfig | undefined;

export function edgeConfig(): EdgeConfig {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
      throw new Error(`Invalid configuration:\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
