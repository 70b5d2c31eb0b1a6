// The shop under benchmark: its own database and queue prefix, a production build, the web
// server, the relay and one worker process — the same processes as the demo, with zero card
// latency and zero preparation time so the figures are the software's, not the fakes' sleeps.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { dropDatabase } from '../../lib/db/migrate';
import {
  DEFAULTS,
  type Proc,
  buildIfStale,
  checkServices,
  prepareDatabase,
  startRelay,
  startWeb,
  startWorkers,
  waitForHealthy,
} from '../lib/stack';
import { demoStaffEnv } from '../lib/demo-credentials';
import { QUEUES } from '../../lib/queue/topology';

export const BENCH_DATABASE = 'counter_shelf_bench';
export const WORKER_CONCURRENCY = 8;

export interface BenchShop {
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  pool: pg.Pool;
  redis: Redis;
  /** The anonymous customer every benchmark request is made as. */
  cookie: string;
  procs: { web: Proc; relay: Proc; workers: Proc };
  queue(name: string): Queue;
  /**
   * Stops the worker process and starts another with `settings` on top of the shop's, once the
   * old one has let go of its jobs; resolves when the new one is taking jobs. The old one's peak
   * memory still counts in peakMemory().
   */
  restartWorkers(settings: Record<string, string>): Promise<void>;
  /** The highest peak resident memory of worker processes already stopped, in MB. */
  retiredWorkersPeakMb: number;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const quiet = (line: string) => {
  if (/"level":"(error|warn)"|Error|error/.test(line)) process.stderr.write(`${line}\n`);
};

export async function openShop(log: (line: string) => void, port = Number(process.env.BENCH_PORT ?? 3400)): Promise<BenchShop> {
  const serverUrl = process.env.DATABASE_URL ?? DEFAULTS.DATABASE_URL;
  const databaseUrl = withDatabase(serverUrl, BENCH_DATABASE);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? DEFAULTS.REDIS_URL,
    QUEUE_PREFIX: `cs_bench_${randomBytes(3).toString('hex')}`,
    CARD_LATENCY_MS: '0',
    PREP_MS_PER_DRINK: '0',
    BARISTA_STATIONS: String(WORKER_CONCURRENCY),
    COURIER_LATENCY_MS: '0',
    COURIER_DELIVERY_MS: '0',
    LOG_LEVEL: 'warn',
    // The order rate limit still runs (its Redis round trip is part of the figures) but never bites.
    ORDER_RATE_LIMIT_PER_CUSTOMER: '1000000',
    ORDER_RATE_LIMIT_PER_ADDRESS: '1000000',
    // Likewise the edge's other limits: every bench customer (and idle stream) comes from one address.
    CUSTOMER_MINTS_PER_ADDRESS: '1000000',
    CART_WRITES_PER_CUSTOMER: '1000000',
    CART_WRITES_PER_ADDRESS: '1000000',
    SSE_STREAMS_PER_CUSTOMER: '1000000',
  };
  // A production build: it needs a session secret and leave to use the demo staff accounts.
  Object.assign(env, demoStaffEnv(env));
  await checkServices(env);
  log(`recreating the database ${BENCH_DATABASE}`);
  await dropDatabase(databaseUrl); // prepareDatabase creates it afresh
  await prepareDatabase(env);
  await buildIfStale(env, log);

  log('starting web, relay and workers');
  const relay = startRelay(env, quiet);
  const workers = startWorkers(env, 1, quiet);
  const web = startWeb(port, env, quiet);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl);
  const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
  await waitForBackground(baseUrl);

  const cookieHeader = (await fetch(`${baseUrl}/api/health`)).headers.get('set-cookie') ?? '';
  const cookie = /cs_customer=([^;]+)/.exec(cookieHeader)?.[1];
  if (!cookie) throw new Error('the shop did not hand out a customer cookie');

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 40 });
  const queues = new Map<string, Queue>();
  const shop: BenchShop = {
    baseUrl,
    env,
    databaseUrl,
    pool,
    redis,
    cookie,
    procs: { web, relay, workers },
    retiredWorkersPeakMb: 0,
    async restartWorkers(settings) {
      shop.retiredWorkersPeakMb = Math.max(shop.retiredWorkersPeakMb, peakOfTree(shop.procs.workers));
      await shop.procs.workers.stop();
      shop.procs.workers = startWorkers({ ...env, ...settings }, 1, quiet);
      const brewing = shop.queue(QUEUES.brewing);
      while ((await brewing.getWorkers()).length === 0) {
        if (!shop.procs.workers.alive()) throw new Error('the restarted worker process exited');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection: redis, prefix: env.QUEUE_PREFIX });
        queues.set(name, q);
      }
      return q;
    },
    async stop() {
      await Promise.all(Object.values(shop.procs).map((proc) => proc.stop()));
      for (const q of queues.values()) await q.obliterate({ force: true }).catch(() => undefined);
      await Promise.all([...queues.values()].map((q) => q.close()));
      const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await pool.end();
    },
  };
  return shop;
}

/** Waits until /api/health has seen the relay and a worker process. */
async function waitForBackground(baseUrl: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const health = (await (await fetch(`${baseUrl}/api/health`)).json()) as { relay: string; workers: string };
    if (health.relay === 'ok' && health.workers === 'ok') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('relay or workers did not start');
}

/** Until every outbox row is published and no job of ours waits or runs. */
export async function waitUntilQuiet(shop: BenchShop, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await shop.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    let busy = rows[0]!.n;
    for (const name of Object.values(QUEUES)) {
      const c = await shop.queue(name).getJobCounts('wait', 'active', 'delayed', 'prioritized');
      busy += Object.values(c).reduce((a, b) => a + b, 0);
    }
    if (busy === 0) return;
    if (Date.now() > deadline) throw new Error(`the shop did not settle (${busy} items left)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// --- memory --------------------------------------------------------------------------------

function children(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) for (const child of text.split(/\s+/)) found.push(Number(child), ...children(Number(child)));
    }
  } catch {
    // the process is gone
  }
  return found;
}

function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Peak resident memory (VmHWM) of each process, in MB. `tsx` runs the worker in a child node
 * process; the largest process of each tree is the one doing the work, and is what is reported.
 */
export function peakMemory(shop: BenchShop): Record<'web' | 'relay' | 'workers', number> {
  const { web, relay, workers } = shop.procs;
  return { web: peakOfTree(web), relay: peakOfTree(relay), workers: Math.max(peakOfTree(workers), shop.retiredWorkersPeakMb) };
}

function peakOfTree(proc: Proc): number {
  const pid = proc.child.pid;
  if (!pid) return 0;
  return Math.max(peakRssMb(pid), ...children(pid).map(peakRssMb));
}

// --- CPU -----------------------------------------------------------------------------------

/** Clock ticks per second in /proc (USER_HZ): 100 on every Linux this runs on. */
const TICKS_PER_S = 100;

interface ProcTimes {
  comm: string;
  ppid: number;
  /** utime + stime, in ticks. */
  own: number;
  /** cutime + cstime: the children it has waited for (a PostgreSQL backend that exited), in ticks. */
  reaped: number;
}

/** /proc/<pid>/stat, or null once the process is gone. */
function procTimes(pid: number): ProcTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    // After the command's closing parenthesis: state, ppid, …, utime (12th), stime, cutime, cstime.
    const fields = stat.slice(close + 2).split(' ');
    const ticks = (i: number) => Number(fields[i]);
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ppid: ticks(1), own: ticks(11) + ticks(12), reaped: ticks(13) + ticks(14) };
  } catch {
    return null;
  }
}

const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_S;

/** A process's CPU time so far (user + system), in ms: with its children, or alone. */
function cpuMs(pid: number | undefined, withChildren = true): number {
  if (!pid) return 0;
  return ms((withChildren ? [pid, ...children(pid)] : [pid]).reduce((sum, p) => sum + (procTimes(p)?.own ?? 0), 0));
}

/**
 * CPU so far of every process with this command name and of all its descendants, in ms, counting
 * the descendants that already exited too (the top process's cutime): PostgreSQL's backends come
 * and go with the pools' connections.
 */
function serverCpuMs(comm: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const top = procTimes(Number(entry));
    if (top?.comm !== comm || procTimes(top.ppid)?.comm === comm) continue;
    ticks += top.own + top.reaped;
    for (const child of children(Number(entry))) ticks += procTimes(child)?.own ?? 0;
  }
  return ms(ticks);
}

/**
 * The whole machine's busy time so far, in ms summed over its CPUs, and the time the host gave
 * to other machines while this one wanted to run (steal), from the first line of /proc/stat.
 */
function machineMs(): { busy: number; stolen: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: busy is all but idle, iowait and steal.
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number) as number[];
  return { busy: ms(user! + nice! + system! + irq! + softirq!), stolen: ms(steal!) };
}

/** Where CPU time went, in ms: the shop's three processes, the load generator (this process), the servers and the machine. */
export interface CpuSplit {
  web: number;
  relay: number;
  workers: number;
  load: number;
  postgres: number;
  redis: number;
  /** The whole machine: the above plus the kernel's network work and anything else running. */
  machine: number;
  /** Time the host gave to other machines while this one's CPUs had work: a disturbed run, not a cost. */
  stolen: number;
}

export function cpuSnapshot(shop: BenchShop): CpuSplit {
  const { web, relay, workers } = shop.procs;
  const { busy, stolen } = machineMs();
  return {
    web: cpuMs(web.child.pid),
    relay: cpuMs(relay.child.pid),
    workers: cpuMs(workers.child.pid),
    load: cpuMs(process.pid, false), // not its children: they are the shop
    postgres: serverCpuMs('postgres'),
    redis: serverCpuMs('redis-server'),
    machine: busy,
    stolen,
  };
}

/** CPU ms per request between two snapshots. */
export function cpuPerRequest(before: CpuSplit, after: CpuSplit, requests: number): CpuSplit {
  const split = {} as CpuSplit;
  for (const key of Object.keys(after) as (keyof CpuSplit)[]) split[key] = requests > 0 ? (after[key] - before[key]) / requests : 0;
  return split;
}
