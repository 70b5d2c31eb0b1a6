// Process configuration, parsed once at start-up in every process (web, relay, workers).
// A bad value fails loudly here rather than as a strange behaviour later.
import { z } from 'zod';
import { sessionSecretProblem } from './auth/session';
import { KNOWN_DEMO_PASSWORDS, parseStaffAccounts } from './auth/staff-accounts';

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z.object({
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/counter_shelf'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key and pub/sub channel: lets tests and demos share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i)
    .default('cs'),
  /**
   * Which card network takes the money (lib/adapters.ts). Only 'fake' exists today: the product
   * ships no real network's adapter, so any other value stops the process at start-up.
   */
  CARD_NETWORK: z
    .enum(['fake'], { error: "only 'fake' is available: no real card network adapter is built yet (lib/adapters.ts)" })
    .default('fake'),
  /** Which courier books parcels (lib/adapters.ts). Only 'fake' exists today, as for CARD_NETWORK. */
  COURIER: z.enum(['fake'], { error: "only 'fake' is available: no real courier adapter is built yet (lib/adapters.ts)" }).default('fake'),
  /** How long the fake card network takes to answer (the 3220 test card always takes 3 s). */
  CARD_LATENCY_MS: ms(700),
  /** How long the barista takes per drink. */
  PREP_MS_PER_DRINK: ms(4000),
  /** An order whose payment outcome never arrived is cancelled after this long. */
  PAYMENT_TIMEOUT_MS: ms(60_000),
  /**
   * How long a retry with a used Idempotency-Key waits for the first attempt's answer before
   * finishing that attempt itself (after an outage) or answering "still in progress".
   */
  IDEMPOTENCY_REPLAY_WAIT_MS: ms(15_000),
  /** How long the fake courier takes to answer a dispatch request. */
  COURIER_LATENCY_MS: ms(400),
  /** How long a parcel takes from dispatch to the customer's door (fake courier). */
  COURIER_DELIVERY_MS: ms(20_000),
  /** How long a customer has to answer for a backordered line before it is cancelled for them. */
  BACKORDER_DECISION_MS: ms(5 * 60_000),
  /**
   * A cart untouched for this long is gone (reads ignore it, writes and the relay delete it). Here
   * rather than in the edge's settings because the relay, which never reaches lib/http, prunes by it.
   */
  CART_TTL_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 365)
    .default(72),
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
  STUCK_AFTER_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(5 * 60_000),
  /** GET /api/health says "degraded" when the oldest unconsumed event is older than this. */
  HEALTH_LAG_MS: z.coerce.number().int().min(100).default(60_000),
  /** PostgreSQL connections per process; by default sized by the process for its concurrency. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  /** Orders one customer (cookie) may place per window; more are answered 429. */
  ORDER_RATE_LIMIT_PER_CUSTOMER: z.coerce.number().int().min(1).default(10),
  /** Orders one client address may place per window. */
  ORDER_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  ORDER_RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Staff accounts, one per person: "Sam:barista:<password>,Olu:ops:<password>". Read by the seed,
   * which stores only password hashes (staff_members). Unset → the demo accounts in
   * lib/auth/staff-accounts.ts, which production refuses unless ALLOW_DEMO_CREDENTIALS=1.
   */
  STAFF_ACCOUNTS: z.string().optional(),
  /** "1" lets a production build run with the public demo accounts: the demo, e2e and bench set it. */
  ALLOW_DEMO_CREDENTIALS: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
  /**
   * Signs staff session cookies: at least 32 random bytes as hex or base64 (openssl rand -base64 32).
   * Required in production; elsewhere a random one per process is made up when it is missing.
   */
  SESSION_SECRET: z.string().optional(),
  /** Sign-in attempts one name may fail per window before it is answered 429. */
  STAFF_SIGN_IN_LIMIT_PER_NAME: z.coerce.number().int().min(1).default(5),
  /** Sign-in attempts one client address may fail per window (across all names). */
  STAFF_SIGN_IN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  STAFF_SIGN_IN_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(900),
  NODE_ENV: z.string().optional(),
  /** Shrinks steps' retry budgets for tests and rehearsals, e.g. {"shipping.dispatch":{"attempts":2}}. */
  STEP_POLICY_OVERRIDES: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

/** Every setting this module reads; a test checks each is in docs/configuration.md. */
export const SETTING_NAMES = Object.keys(schema.shape) as (keyof Config)[];

let cached: Config | undefined;

export function config(): Config {
  if (!cached) {
    const parsed = schema.superRefine(staffSettingsProblems).safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
      throw new Error(`Invalid configuration:\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/**
 * The staff settings every process checks at start-up, whether or not it signs anybody in (a
 * worker given a bad secret or a public password is a deployment mistake worth stopping):
 *  - STAFF_PASSWORD is gone: one shared password let a barista choose to be ops. Say so.
 *  - STAFF_ACCOUNTS must parse; in production none of its passwords may be a public demo one.
 *  - SESSION_SECRET, when set, must be long and random enough; it is never derived from a
 *    password. Its absence is refused where it is needed: the web server (instrumentation.ts).
 */
function staffSettingsProblems(env: z.infer<typeof schema>, ctx: z.RefinementCtx): void {
  const production = env.NODE_ENV === 'production';
  if (process.env.STAFF_PASSWORD !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['STAFF_PASSWORD'],
      message: 'no longer used: give each person an account with STAFF_ACCOUNTS="name:role:password,..." (see docs/configuration.md)',
    });
  }
  if (env.STAFF_ACCOUNTS !== undefined) {
    const accounts = parseStaffAccounts(env.STAFF_ACCOUNTS);
    if (!accounts.ok) {
      for (const problem of accounts.problems) ctx.addIssue({ code: 'custom', path: ['STAFF_ACCOUNTS'], message: problem });
    } else if (production && !env.ALLOW_DEMO_CREDENTIALS) {
      for (const account of accounts.accounts.filter((a) => KNOWN_DEMO_PASSWORDS.has(a.password))) {
        ctx.addIssue({
          code: 'custom',
          path: ['STAFF_ACCOUNTS'],
          message: `${account.name} has a public demo password; production refuses it (choose another one)`,
        });
      }
    }
  }
  if (env.SESSION_SECRET !== undefined) {
    const problem = sessionSecretProblem(env.SESSION_SECRET);
    if (problem) ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: problem });
  }
}

/**
 * What a production web server needs before it takes its first request, beyond config():
 * a session secret of its own, and staff accounts that are not the public demo ones.
 * Called by instrumentation.ts at start-up; [] when all is well (or not in production).
 */
export function productionWebProblems(cfg: Config = config()): string[] {
  if (cfg.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (cfg.SESSION_SECRET === undefined) {
    problems.push('SESSION_SECRET is not set: give the web server 32 random bytes (openssl rand -base64 32); it signs staff sessions.');
  }
  if (cfg.STAFF_ACCOUNTS === undefined && !cfg.ALLOW_DEMO_CREDENTIALS) {
    problems.push(
      'STAFF_ACCOUNTS is not set, so only the public demo accounts exist: give every person an account ("name:role:password,...") and seed it, or set ALLOW_DEMO_CREDENTIALS=1 for a demo.',
    );
  }
  return problems;
}
