// The interaction lab's tiny shop, kept apart from the real one: its state lives only in Redis,
// under `<QUEUE_PREFIX>:lab:`, with an hour's expiry, so nothing a presenter does here reaches an
// order, a queue or a mail of the shop.
//
// Two sides, as in the shop:
//  - the command (`placeLabOrder`) settles payment at once and records the answer in the write
//    model; in the same MULTI it queues what the read model will learn and when (`apply_at` =
//    the moment the fact happened + the chosen projection lag);
//  - the query (`readLabOrder`) reads the read model. Before it reads, it applies every queued
//    projection whose apply_at has passed — the projector runs on read, so at any moment the read
//    model holds exactly the facts that are at least `lag` old, which is what a lagging projection
//    looks like to a reader.
// The barista is simulated: a paid drink is ready BREW_MS after payment, behind the counter.
import { z } from 'zod';
import { config } from '../config';
import { ServiceUnavailable } from '../db/errors';
import { newId } from '../ids';
import { commandRedis, redisIsReady, waitForRedis } from '../queue/redis';
import type { LabOutcome } from './scoreboard';

/** How long the simulated barista takes to make a paid drink. */
export const BREW_MS = 1_500;
export const MAX_LAG_MS = 10_000;
/** Lab state is for one talk, not for keeps. */
const KEEP_S = 3_600;

export const PlaceLabOrderRequest = z.object({
  lagMs: z.number().int('Whole milliseconds, please.').min(0).max(MAX_LAG_MS),
  declinePercent: z.number().min(0).max(100),
});
export type PlaceLabOrderRequest = z.infer<typeof PlaceLabOrderRequest>;

export interface LabOrderAnswer {
  id: string;
  outcome: LabOutcome;
  committedAt: number;
  /** When the read model will first know of the order. */
  visibleAt: number;
  /** When the read model will show the final state (ready, or declined). */
  finalAt: number;
}

/** What the read model says about an order: nothing yet, or its projected status. */
export type LabReadStatus = 'not-found' | 'paid' | 'ready' | 'declined';

const prefix = () => `${config().QUEUE_PREFIX}:lab`;
const orderKey = (id: string) => `${prefix()}:order:${id}`;
const readKey = (id: string) => `${prefix()}:read:${id}`;
const pendingKey = () => `${prefix()}:projection`;

async function redis() {
  const r = commandRedis();
  if (!redisIsReady(r) && !(await waitForRedis(r))) throw new ServiceUnavailable('redis', 'Redis is not reachable');
  return r;
}

/**
 * Pays for a lab order: declined with probability declinePercent / 100 (the card's answer is the
 * command's, given while the customer waits). `random` is passed in so the odds can be held still.
 */
export async function placeLabOrder(
  request: PlaceLabOrderRequest,
  at: { now: number; random: number } = { now: Date.now(), random: Math.random() },
): Promise<LabOrderAnswer> {
  const id = newId(at.now);
  const outcome: LabOutcome = at.random * 100 < request.declinePercent ? 'declined' : 'paid';
  const visibleAt = at.now + request.lagMs;
  const finalAt = outcome === 'paid' ? at.now + BREW_MS + request.lagMs : visibleAt;
  const r = await redis();
  const tx = r
    .multi()
    .hset(orderKey(id), { outcome, committedAt: String(at.now) })
    .expire(orderKey(id), KEEP_S)
    .zadd(pendingKey(), visibleAt, `${id}|${outcome}`);
  if (outcome === 'paid') tx.zadd(pendingKey(), finalAt, `${id}|ready`);
  tx.expire(pendingKey(), KEEP_S);
  const results = await tx.exec();
  const failed = results?.find(([error]) => error);
  if (!results || failed) throw new Error(`lab order not recorded: ${failed?.[0]?.message ?? 'transaction aborted'}`);
  return { id, outcome, committedAt: at.now, visibleAt, finalAt };
}

// Applies every due projection (oldest first, at most 500 a call), then reads one order's row.
// 'ready' is never overwritten by a late 'paid' (both are due at once when the lag is long).
const PROJECT_AND_READ = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 500)
for _, member in ipairs(due) do
  local sep = string.find(member, '|', 1, true)
  local key = ARGV[2] .. string.sub(member, 1, sep - 1)
  local status = string.sub(member, sep + 1)
  if not (status == 'paid' and redis.call('HGET', key, 'status') == 'ready') then
    redis.call('HSET', key, 'status', status)
  end
  redis.call('EXPIRE', key, ${KEEP_S})
  redis.call('ZREM', KEYS[1], member)
end
return redis.call('HGET', ARGV[2] .. ARGV[3], 'status')`;

/** The read model's view of one lab order, as of `now`. */
export async function readLabOrder(id: string, now: number = Date.now()): Promise<LabReadStatus> {
  const r = await redis();
  const status = (await r.eval(PROJECT_AND_READ, 1, pendingKey(), String(now), readKey(''), id)) as string | null;
  return status === 'paid' || status === 'ready' || status === 'declined' ? status : 'not-found';
}
