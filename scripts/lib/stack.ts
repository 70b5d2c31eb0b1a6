// Starting the whole shop — web server, outbox relay, worker processes — for the demo, the
// end-to-end tests and the benchmark. Each is a separate OS process, as in production.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, fstatSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRASH_EXIT_CODE } from '../../lib/switches/control';
import { RELAY_JS, WORKERS_JS, buildWorkersIfStale } from './build-workers';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'node_modules/.bin');

export const DEFAULTS = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/counter_shelf',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

export class PrerequisiteError extends Error {
  override name = 'PrerequisiteError';
}

function probe(host: string, port: number, timeoutMs = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function hostPort(url: string, fallbackPort: number): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || fallbackPort) };
}

/** Says exactly which service is missing and how to get it, instead of a stack trace later. */
export async function checkServices(env: NodeJS.ProcessEnv): Promise<void> {
  const pg = hostPort(env.DATABASE_URL ?? DEFAULTS.DATABASE_URL, 5432);
  const redis = hostPort(env.REDIS_URL ?? DEFAULTS.REDIS_URL, 6379);
  const [pgUp, redisUp] = await Promise.all([probe(pg.host, pg.port), probe(redis.host, redis.port)]);
  const problems: string[] = [];
  if (!pgUp) {
    problems.push(
      `PostgreSQL is not reachable at ${pg.host}:${pg.port}.\n` +
        `  Start it (Debian/Ubuntu: sudo pg_ctlcluster <version> main start; macOS: brew services start postgresql),\n` +
        `  or run \`docker compose up -d postgres\`, or point DATABASE_URL at one.`,
    );
  }
  if (!redisUp) {
    problems.push(
      `Redis is not reachable at ${redis.host}:${redis.port}.\n` +
        `  Start it (redis-server --daemonize yes; macOS: brew services start redis),\n` +
        `  or run \`docker compose up -d redis\`, or point REDIS_URL at one.`,
    );
  }
  if (problems.length) throw new PrerequisiteError(problems.join('\n'));
}

const TETHER = path.join(ROOT, 'scripts/lib/tether.mjs');

/**
 * Spawns `command` through the tether (scripts/lib/tether.mjs), the leader of a new process
 * group: a signal to the group reaches the command and everything it started, and the whole
 * group stops by itself when this process dies, even by SIGKILL (the tether sees its stdin pipe
 * close). Nothing is ever written to that pipe; it only has to stay open while we live.
 */
function spawnTethered(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [TETHER, command, ...args], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdin!.on('error', () => {}); // the tether is gone; its exit is reported on `child`
  return child;
}

/** Runs a project script to completion (migrations, seed, build), failing with its output. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, label = command): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnTethered(command, args, env);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d));
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code}):\n${output}`))));
  });
}

export async function prepareDatabase(env: NodeJS.ProcessEnv): Promise<void> {
  await run(path.join(BIN, 'tsx'), ['scripts/migrate.ts'], env, 'migrations');
  await run(path.join(BIN, 'tsx'), ['prisma/seed.ts'], env, 'seed');
}

const SOURCE_DIRS = ['app', 'components', 'lib', 'prisma'];
const SOURCE_FILES = ['next.config.js', 'proxy.ts', 'package.json', 'postcss.config.mjs'];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules' && entry !== 'generated') visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const d of SOURCE_DIRS) if (existsSync(path.join(ROOT, d))) visit(path.join(ROOT, d));
  for (const f of SOURCE_FILES) if (existsSync(path.join(ROOT, f))) newest = Math.max(newest, statSync(path.join(ROOT, f)).mtimeMs);
  return newest;
}

/** Builds the production bundle unless one newer than every source file exists. */
export async function buildIfStale(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const buildId = path.join(ROOT, env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSourceMtime()) {
    log('production build is up to date');
    return;
  }
  log('building the web app (next build) — a minute or two on a small machine…');
  await run(path.join(BIN, 'next'), ['build'], { ...env, NEXT_TELEMETRY_DISABLED: '1' }, 'next build');
}

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Sends a signal to the whole process group (the program and whatever it started). */
  kill(signal: NodeJS.Signals): void;
  /** True while any process of the group is still alive. */
  alive(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a long-running process of the shop, prefixing its output with its name. */
export function start(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Proc {
  // Its own process group, so that stopping it also stops what it started (tsx runs the real
  // program in a child process; a signal to tsx alone can leave that child behind); tethered, so
  // that the group also stops when we are killed without a chance to stop it.
  const child = spawnTethered(command, args, env);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const prefix = (stream: NodeJS.ReadableStream) => {
    let buffered = '';
    stream.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) out(`[${name}] ${line}`);
    });
  };
  prefix(child.stdout!);
  prefix(child.stderr!);
  return {
    name,
    child,
    kill: signalGroup,
    alive: () => {
      try {
        if (!child.pid) return false;
        process.kill(-child.pid, 0);
        return true;
      } catch {
        return false;
      }
    },
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        signalGroup(signal);
        setTimeout(() => signalGroup('SIGKILL'), 10_000).unref();
      }),
  };
}

/**
 * For a program whose parent holds a pipe to its stdin, as Playwright does for its webServer:
 * calls `stop` once that pipe closes, which is how the program learns that its parent has died,
 * however it died (a SIGKILLed parent cannot signal anyone). False, and nothing watched, when
 * stdin is not a pipe: a terminal, a file or /dev/null (run by hand, or with nothing attached).
 */
export function stopWhenParentGoes(stop: () => void): boolean {
  let piped: boolean;
  try {
    const stat = fstatSync(0);
    piped = stat.isFIFO() || stat.isSocket();
  } catch {
    piped = false;
  }
  if (!piped) return false;
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    stop();
  };
  process.stdin.on('end', once);
  process.stdin.on('close', once);
  process.stdin.on('error', once);
  process.stdin.resume(); // nothing is expected on it; read only to see its end
  return true;
}

/**
 * Heap sizes per role (keep in step with the start:* scripts in package.json). Node sizes its
 * heap for the machine, not the program, and collects lazily: on a 24 GB machine a worker whose
 * live data is tens of MB would sit at 300 MB. These bound that, with room to spare.
 *
 * `--liftoff-only` keeps V8 from recompiling Prisma's query compiler (a large WebAssembly module)
 * with its optimising tier: that second compilation alone peaks at some 85 MB per process, and
 * buys nothing here, where the hot paths write raw SQL and Prisma reuses its cached query plans
 * (measured on a bare client, 200 queries: peak 203 → 117 MB, and half the CPU).
 */
export const HEAP_FLAGS = {
  web: '--max-old-space-size=256 --max-semi-space-size=8',
  background: ['--max-old-space-size=96', '--max-semi-space-size=4', '--liftoff-only'],
};

const SOCKET_ADDRESS_PRELOAD = path.join(ROOT, 'lib/http/socket-address-preload.mjs');

export const startWeb = (port: number, env: NodeJS.ProcessEnv, out?: (line: string) => void) =>
  start(
    'web',
    path.join(BIN, 'next'),
    ['start', '-p', String(port), '-H', '127.0.0.1'],
    {
      ...env,
      PORT: String(port),
      // The preload pins the socket's address into X-Forwarded-For (see lib/http/client-address.ts).
      NODE_OPTIONS: [env.NODE_OPTIONS, HEAP_FLAGS.web, `--import=${SOCKET_ADDRESS_PRELOAD}`].filter(Boolean).join(' '),
    },
    out,
  );

/**
 * CPU_PROFILE_DIR=<dir>: the relay and workers write a V8 CPU profile under <dir>/relay and
 * <dir>/workers when they stop (node --cpu-prof; Node 20 does not fill in a pid placeholder in
 * --cpu-prof-name, so each kind gets its own folder and node's default name, which has the pid).
 */
const profileFlags = (env: NodeJS.ProcessEnv, name: string) =>
  env.CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(env.CPU_PROFILE_DIR, name)}`] : [];

/**
 * glibc gives each thread that allocates its own malloc arena (up to 8 per CPU), and Node's
 * threads (libuv's pool, V8's helpers) each keep one: two arenas cut the background processes'
 * peak resident memory by 7–12 MB in the bench, with no change in throughput. Set it yourself to
 * override.
 */
export const backgroundEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' });

// The relay and workers run compiled (scripts/lib/build-workers.ts): node itself, no tsx, whose
// compiler would cost each process about 35 MB. Built first if any source is newer than dist/.
export const startRelay = (env: NodeJS.ProcessEnv, out?: (line: string) => void) => {
  buildWorkersIfStale();
  return start('relay', process.execPath, [...HEAP_FLAGS.background, ...profileFlags(env, 'relay'), RELAY_JS], backgroundEnv(env), out);
};

export const startWorkers = (env: NodeJS.ProcessEnv, index = 1, out?: (line: string) => void) => {
  buildWorkersIfStale();
  const args = [...HEAP_FLAGS.background, ...profileFlags(env, 'workers'), WORKERS_JS];
  return start(`workers-${index}`, process.execPath, args, backgroundEnv(env), out);
};

export interface SuperviseOptions {
  log: (line: string) => void;
  /** More crashes than this within `withinMs` and the supervisor gives up. */
  maxCrashes?: number;
  withinMs?: number;
  /** Wait before the n-th restart in a row (n from 1). */
  backoffMs?: (n: number) => number;
  /** Called once when the supervisor gives up (the process is left down). */
  onGiveUp?: (lastExit: string) => void;
}

export interface Supervised {
  name: string;
  /** The process running now, or the last one if it is between restarts. */
  current(): Proc;
  restarts(): number;
  /** Stops restarting, then stops the current process. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `signal ${signal}` : code === CRASH_EXIT_CODE ? `code ${code}: crashed on purpose` : `code ${code}`;

/**
 * Keeps a process running: when it exits (for any reason but stop()), it is started again after
 * a short backoff, up to `maxCrashes` times a minute; past that something is wrong that a restart
 * will not fix, and the supervisor gives up. What the demo and the e2e server do for worker
 * processes; in production a process manager (systemd, Kubernetes, pm2…) plays this part.
 */
export function supervise(startOne: () => Proc, options: SuperviseOptions): Supervised {
  const { log, maxCrashes = 5, withinMs = 60_000, backoffMs = (n) => Math.min(250 * 2 ** (n - 1), 4_000), onGiveUp } = options;
  let proc = startOne();
  const name = proc.name;
  let stopping = false;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  const crashes: number[] = [];

  const watch = (p: Proc) => {
    p.child.once('exit', (code, signal) => {
      if (stopping) return;
      const exit = describeExit(code, signal);
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && (crashes[0] ?? now) <= now - withinMs) crashes.shift();
      if (crashes.length > maxCrashes) {
        log(`${name} exited (${exit}) — ${crashes.length} times within ${withinMs / 1000} s; giving up on it`);
        onGiveUp?.(exit);
        return;
      }
      const wait = backoffMs(crashes.length);
      log(`${name} exited (${exit}); restarting it in ${wait} ms (${crashes.length} of at most ${maxCrashes} restarts a minute)`);
      timer = setTimeout(() => {
        if (stopping) return;
        restarts++;
        proc = startOne();
        log(`${name} restarted (restart ${restarts})`);
        watch(proc);
      }, wait);
    });
  };
  watch(proc);

  return {
    name,
    current: () => proc,
    restarts: () => restarts,
    stop: async (signal) => {
      stopping = true;
      clearTimeout(timer);
      await proc.stop(signal);
    },
  };
}

/** Waits until GET /api/health answers 200 (database and Redis reachable from the web process). */
export async function waitForHealthy(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the web server did not become healthy at ${baseUrl} within ${timeoutMs / 1000} s (last answer: ${last})`);
}
