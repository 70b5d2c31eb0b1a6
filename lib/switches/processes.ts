// Which processes are running and which version of the switches each of them sees. Every
// process that obeys the switches reports, a few times a second, the version its cached copy
// has (`${QUEUE_PREFIX}:switches:seen`, one hash field per process); the ops page shows those
// next to the heartbeats, so a presenter can watch a change arrive everywhere.
import type { Redis } from 'ioredis';
import { config } from '../config';
import { heartbeatKey } from '../queue/queues';
import { readSwitches } from './store';

export type ProcessRole = 'web' | 'relay' | 'workers';

export const REPORT_EVERY_MS = 250;
/** A process seen by its heartbeat (every 3 s) this recently is alive, as /api/health counts it. */
const ALIVE_WITHIN_MS = 10_000;
/** A process that reports switches several times a second and has gone quiet this long is gone. */
const REPORTS_STOP_WITHIN_MS = 3_000;
const FORGET_AFTER_MS = 60_000;

const seenKey = () => `${config().QUEUE_PREFIX}:switches:seen`;

interface Seen {
  version: number;
  /** When this process first saw this version. */
  since: number;
  /** When it last said so. */
  at: number;
}

let mine: { version: number; since: number } | undefined;

/** Records the version of the switches this process sees now. */
export async function reportSeen(redis: Redis, role: ProcessRole): Promise<number> {
  const { version } = await readSwitches();
  const now = Date.now();
  if (mine?.version !== version) mine = { version, since: now };
  await redis.hset(seenKey(), `${role}:${process.pid}`, JSON.stringify({ version, since: mine.since, at: now } satisfies Seen));
  return version;
}

/**
 * Keeps reporting, for a long-running process (the relay, a worker). Each report reads the
 * switches through the same half-second cache the process's own steps use, so what it reports is
 * what those steps obey.
 */
export function reportSwitchesSeen(redis: Redis, role: ProcessRole, everyMs = REPORT_EVERY_MS): NodeJS.Timeout {
  const tick = () => void reportSeen(redis, role).catch(() => undefined);
  tick();
  return setInterval(tick, everyMs).unref();
}

export interface ProcessView {
  role: string;
  pid: number;
  /** Last heartbeat (ms since epoch), or null if only a switches report was seen. */
  heartbeatAt: number | null;
  /** The switches version it reported, since when it has seen it, and when it last said so; null if it does not report. */
  seenVersion: number | null;
  seenSince: number | null;
  seenAt: number | null;
}

/** The live processes, from heartbeats and switches reports of the last 10 seconds. */
export async function liveProcesses(redis: Redis, now = Date.now()): Promise<ProcessView[]> {
  const [beats, seen] = await Promise.all([
    redis.zrangebyscore(heartbeatKey(), now - ALIVE_WITHIN_MS, '+inf', 'WITHSCORES'),
    redis.hgetall(seenKey()),
  ]);
  const views = new Map<string, ProcessView>();
  const viewOf = (member: string): ProcessView | null => {
    const [role, pid] = member.split(':');
    if (!role || !pid || !/^\d+$/.test(pid)) return null;
    let view = views.get(member);
    if (!view) {
      view = { role, pid: Number(pid), heartbeatAt: null, seenVersion: null, seenSince: null, seenAt: null };
      views.set(member, view);
    }
    return view;
  };
  for (let i = 0; i + 1 < beats.length; i += 2) {
    const view = viewOf(beats[i]!);
    if (view) view.heartbeatAt = Number(beats[i + 1]);
  }
  const stale: string[] = [];
  for (const [member, raw] of Object.entries(seen)) {
    let report: Seen;
    try {
      report = JSON.parse(raw) as Seen;
    } catch {
      stale.push(member);
      continue;
    }
    if (now - report.at > FORGET_AFTER_MS) {
      stale.push(member);
      continue;
    }
    const view = viewOf(member);
    if (view) {
      view.seenVersion = report.version;
      view.seenSince = report.since ?? null;
      view.seenAt = report.at;
    }
  }
  if (stale.length) await redis.hdel(seenKey(), ...stale);
  // A crashed worker's last heartbeat lingers for seconds; its switches reports stop at once.
  const alive = [...views.values()].filter((v) => (v.seenAt === null ? v.heartbeatAt !== null : now - v.seenAt <= REPORTS_STOP_WITHIN_MS));
  const order: Record<string, number> = { web: 0, relay: 1, workers: 2 };
  return alive.sort((a, b) => (order[a.role] ?? 9) - (order[b.role] ?? 9) || a.pid - b.pid);
}
