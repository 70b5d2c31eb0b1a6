// The last stage of the consistency window, measured in the web process: from a handler's commit
// (the live message's `committedAt`) to the moment a stream wrote the changed view to a browser.
// It covers the pub/sub hop, loading the view and writing it out; the browser's own receipt is
// the network's few milliseconds later and is not measured (no beacon: that would be a request
// per change per viewer for a number the server side already nearly gives).
//
// Samples are kept in one Redis list per deployment (newest first, capped), so every web process
// adds to the same history and any process can read it. Written in batches once a second; best
// effort, like the announcement itself.
import type { Redis } from 'ioredis';
import { config } from '../config';
import { commandRedis, redisIsReady } from '../queue/redis';

/** The newest samples kept; a busy shop's last few minutes, a quiet one's last hour. */
export const PUSH_SAMPLES_KEPT = 2_000;
const FLUSH_MS = 1_000;

export function pushSamplesKey(): string {
  return `${config().QUEUE_PREFIX}:lag:push`;
}

/** A sample as stored: "<sentAt>:<lagMs>" (epoch ms, ms). */
export function encodePushSample(sentAt: number, lagMs: number): string {
  return `${Math.round(sentAt)}:${Math.max(0, Math.round(lagMs))}`;
}

export function decodePushSample(raw: string): { sentAt: number; lagMs: number } | null {
  const [a, b] = raw.split(':');
  const sentAt = Number(a);
  const lagMs = Number(b);
  return Number.isFinite(sentAt) && Number.isFinite(lagMs) && b !== undefined ? { sentAt, lagMs } : null;
}

const holder = globalThis as unknown as { __pushLag?: { pending: string[]; timer: NodeJS.Timeout } };

/** Notes that a stream has just sent a view caused by the commit at `committedAt`. Cheap: an array push. */
export function notePush(committedAt: number, sentAt: number = performance.timeOrigin + performance.now()): void {
  if (!holder.__pushLag) {
    const state = { pending: [] as string[], timer: setInterval(() => void flushPushSamples(), FLUSH_MS) };
    state.timer.unref();
    holder.__pushLag = state;
  }
  if (holder.__pushLag.pending.length < PUSH_SAMPLES_KEPT) holder.__pushLag.pending.push(encodePushSample(sentAt, sentAt - committedAt));
}

export async function flushPushSamples(redis: Redis = commandRedis()): Promise<void> {
  const state = holder.__pushLag;
  if (!state || state.pending.length === 0 || !redisIsReady(redis)) return;
  const batch = state.pending;
  state.pending = [];
  try {
    await redis
      .multi()
      .lpush(pushSamplesKey(), ...batch)
      .ltrim(pushSamplesKey(), 0, PUSH_SAMPLES_KEPT - 1)
      .exec();
  } catch {
    // Best effort (see the top of this file).
  }
}

/** The stored samples sent since `since` (epoch ms). */
export async function readPushSamples(redis: Redis, since: number): Promise<number[]> {
  const raw = await redis.lrange(pushSamplesKey(), 0, PUSH_SAMPLES_KEPT - 1);
  const lags: number[] = [];
  for (const r of raw) {
    const s = decodePushSample(r);
    if (s && s.sentAt >= since) lags.push(s.lagMs);
  }
  return lags;
}
