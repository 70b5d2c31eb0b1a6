// Process configuration, parsed once at start-up in every process (web, relay, workers).
// A bad value fails loudly here rather than as a strange behaviour later.
import { z } from 'zod';

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z.object({
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/counter_shelf'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key and pub/sub channel: lets tests and demos share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('cs'),
  /** How long the fake card network takes to answer (the 3220 test card always takes 3 s). */
  CARD_LATENCY_MS: ms(700),
  /** How long the barista takes per drink. */
  PREP_MS_PER_DRINK: ms(4000),
  /** An order whose payment outcome never arrived is cancelled after this long. */
  PAYMENT_TIMEOUT_MS: ms(60_000),
  /** How long the fake courier takes to answer a dispatch request. */
  COURIER_LATENCY_MS: ms(400),
  /** How long a parcel takes from dispatch to the customer's door (fake courier). */
  COURIER_DELIVERY_MS: ms(20_000),
  /** How long a customer has to answer for a backordered line before it is cancelled for them. */
  BACKORDER_DECISION_MS: ms(5 * 60_000),
  /** How many drinks are made at once (the number of espresso machines). */
  BARISTA_STATIONS: z.coerce.number().int().min(1).max(64).default(2),
  /** A worker that stops renewing its lock for this long is presumed dead; its job is retried. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** The relay sweeps the outbox at least this often even without a wake-up signal. */
  RELAY_SWEEP_MS: z.coerce.number().int().min(10).default(500),
  /**
   * The reconciler (in the relay) checks a published event this long after publishing: any
   * subscriber that has not recorded it by then and whose job BullMQ no longer has (lost with
   * Redis's data) gets the job again, under its original id.
   */
  RECONCILE_AFTER_MS: z.coerce.number().int().min(100).default(30_000),
  /** An event still not consumed this long after publishing, and not merely queued, goes to a person. */
  STUCK_AFTER_MS: z.coerce.number().int().min(100).default(5 * 60_000),
  /** GET /api/health says "degraded" when the oldest unconsumed event is older than this. */
  HEALTH_LAG_MS: z.coerce.number().int().min(100).default(60_000),
  /** PostgreSQL connections per process; by default sized by the process for its concurrency. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  /** Orders one customer (cookie) may place per window; more are answered 429. */
  ORDER_RATE_LIMIT_PER_CUSTOMER: z.coerce.number().int().min(1).default(10),
  /** Orders one client address may place per window. */
  ORDER_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  ORDER_RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** The staff password for the demo (the demo prints it). Set your own anywhere else. */
  STAFF_PASSWORD: z.string().min(8).default('barista-and-ops'),
  /** Signs staff session cookies; defaults to one derived from STAFF_PASSWORD (set it in production). */
  SESSION_SECRET: z.string().min(16).optional(),
  /** Shrinks steps' retry budgets for tests and rehearsals, e.g. {"shipping.dispatch":{"attempts":2}}. */
  STEP_POLICY_OVERRIDES: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

export function config(): Config {
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
