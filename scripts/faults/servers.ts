// The fault suite's own PostgreSQL and Redis: a throw-away cluster and a bare redis-server on ports
// of their own, so the suite can kill, restart and flush them without touching the shared servers
// everyone else uses (5432 / 6379). Both run as children of the suite (scripts/lib/stack.ts
// start()), so they go when the suite goes.
//
// PostgreSQL runs in the foreground (`postgres -D …`) rather than through `pg_ctl start`, which
// would daemonise it out of our reach. A restart is what `pg_ctl restart -m fast` does: SIGINT to
// the postmaster (fast shutdown: open transactions are rolled back, clients disconnected), wait
// for it to exit, start it again on the same data directory.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Proc, start } from '../lib/stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, up: boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await portTaken(port)) === up) return;
    await sleep(50);
  }
  throw new Error(`${what} did not ${up ? 'open' : 'close'} port ${port} within ${timeoutMs / 1000} s`);
}

/** The newest PostgreSQL server binaries on this machine (Debian keeps them per major version). */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) if (existsSync(path.join(base, v, 'bin/initdb'))) return path.join(base, v, 'bin');
  try {
    return path.dirname(execFileSync('which', ['initdb'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error('no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and on PATH); set PG_BIN');
  }
}

/**
 * PostgreSQL refuses to run as root: as root we run it as the `postgres` OS user. setpriv execs
 * the command in place (runuser would stay in between as its parent and relay signals its own way).
 */
const asRoot = process.getuid?.() === 0;
const asPostgres = (command: string, args: string[]): [string, string[]] =>
  asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]] : [command, args];

export interface OwnPostgres {
  port: number;
  url(database: string): string;
  /** Fast shutdown and start again on the same data (pg_ctl restart -m fast), after `downMs`. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnPostgres(port: number, log: (line: string) => void): Promise<OwnPostgres> {
  if (await portTaken(port)) throw new Error(`port ${port} is taken; set FAULTS_PG_PORT to a free one`);
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), 'cs-faults-pg-'));
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    );
  const data = path.join(dir, 'data');
  const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  log(`PostgreSQL cluster initialised in ${data} (${bin})`);

  // Durability is not under test (a fast shutdown flushes anyway); speed is what we need.
  const settings = [
    'fsync=off',
    'synchronous_commit=off',
    'full_page_writes=off',
    'shared_buffers=48MB',
    'max_connections=200',
    `unix_socket_directories=${dir}`,
    'listen_addresses=127.0.0.1',
    `port=${port}`,
    'logging_collector=off',
    'log_min_messages=fatal',
  ];
  const launch = (): Proc => {
    const [cmd, args] = asPostgres(path.join(bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])]);
    return start('pg', cmd, args, process.env, () => {});
  };
  let proc = launch();
  await waitForPort(port, true, 20_000, 'PostgreSQL');

  const shutdown = async () => {
    await proc.stop('SIGINT'); // fast shutdown
    await waitForPort(port, false, 20_000, 'PostgreSQL');
  };
  return {
    port,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    restart: async (downMs = 0) => {
      await shutdown();
      if (downMs) await sleep(downMs);
      proc = launch();
      await waitForPort(port, true, 20_000, 'PostgreSQL');
    },
    stop: async () => {
      await shutdown().catch(() => proc.kill('SIGKILL'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnRedis {
  port: number;
  url: string;
  /** Kill -9 and, after `downMs`, start an empty one on the same port: everything Redis held is gone. */
  restartEmpty(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnRedis(port: number, log: (line: string) => void): Promise<OwnRedis> {
  if (await portTaken(port)) throw new Error(`port ${port} is taken; set FAULTS_REDIS_PORT to a free one`);
  const dir = mkdtempSync(path.join(tmpdir(), 'cs-faults-redis-'));
  const launch = () =>
    start(
      'redis',
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--maxmemory-policy',
        'noeviction',
        '--loglevel',
        'warning',
      ],
      process.env,
      () => {},
    );
  let proc = launch();
  await waitForPort(port, true, 10_000, 'Redis');
  log(`Redis started on port ${port} (nothing kept on disk)`);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    restartEmpty: async (downMs = 0) => {
      proc.kill('SIGKILL');
      await waitForPort(port, false, 10_000, 'Redis');
      if (downMs) await sleep(downMs);
      proc = launch();
      await waitForPort(port, true, 10_000, 'Redis');
    },
    stop: async () => {
      await proc.stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
