// The shared view feed against a real Redis pub/sub: many streams on one order cost one view
// load per change (or fewer, when changes arrive during a load), not one per stream per change.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prefix = `cs_t_feed_${randomBytes(4).toString('hex')}`;
let feed: typeof import('../../lib/live/view-feed');
let channel: typeof import('../../lib/live/channel');
let redis: import('ioredis').Redis;

beforeAll(async () => {
  Object.assign(process.env, { QUEUE_PREFIX: prefix, LOG_LEVEL: 'error' });
  feed = await import('../../lib/live/view-feed');
  channel = await import('../../lib/live/channel');
  const { commandRedis, waitForRedis } = await import('../../lib/queue/redis');
  redis = commandRedis();
  await waitForRedis(redis);
});

afterAll(() => {
  redis.disconnect();
  const hub = (globalThis as { __liveHub?: { subscriber: { disconnect(): void } } }).__liveHub;
  hub?.subscriber.disconnect();
});

/** Resolves once the process's hub is subscribed, so no announcement is missed. */
async function hubListening(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [, count] = (await redis.pubsub('NUMSUB', channel.liveChannel())) as [string, number];
    if (Number(count) >= 1) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the hub never subscribed');
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(check(), what).toBe(true);
};

describe('one view feed per order', () => {
  it('N streams on one order, M changes → at most M loads, every stream gets every view', async () => {
    const orderId = randomUUID();
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { version: loads };
    };
    const STREAMS = 8;
    const CHANGES = 5;
    const seen: number[][] = Array.from({ length: STREAMS }, () => []);
    const stops = seen.map((views, i) =>
      // Each stream passes its own loader, as the route does; only the first one's is used.
      feed.followOrderView(orderId, 'order', i === 0 ? load : async () => ({ version: -1 }), (view) => views.push(view.version)),
    );
    await hubListening();
    expect(feed.viewFeedStats().feeds).toBeGreaterThanOrEqual(1);

    for (let change = 1; change <= CHANGES; change++) {
      await channel.announce({ orderId, types: ['OrderPaid'], committedAt: Date.now() });
      await until(() => seen.every((views) => views.length === change), `every stream saw change ${change}`);
    }
    expect(loads).toBe(CHANGES); // not STREAMS × CHANGES
    for (const views of seen) expect(views).toEqual([1, 2, 3, 4, 5]);

    for (const stop of stops) stop();
    await channel.announce({ orderId, types: ['OrderPaid'], committedAt: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(loads).toBe(CHANGES); // the last stream to leave closed the feed
  });

  it('changes arriving during a load fold into one more load carrying the oldest commit', async () => {
    const orderId = randomUUID();
    let loads = 0;
    let release: () => void = () => {};
    const load = async () => {
      loads += 1;
      if (loads === 1) await new Promise<void>((resolve) => (release = resolve));
      return { version: loads };
    };
    const got: { version: number; committedAt: number }[] = [];
    const stops = [1, 2, 3].map(() =>
      feed.followOrderView(orderId, 'order', load, (view, committedAt) => got.push({ ...view, committedAt })),
    );
    await hubListening();

    await channel.announce({ orderId, types: ['A'], committedAt: 1_000 });
    await until(() => loads === 1, 'the first load started');
    for (const committedAt of [3_000, 2_000, 4_000]) await channel.announce({ orderId, types: ['B'], committedAt });
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the three arrive while loading
    release();
    await until(() => got.length === 6, 'two views for each of three streams');
    expect(loads).toBe(2);
    expect(got.filter((g) => g.version === 2).map((g) => g.committedAt)).toEqual([2_000, 2_000, 2_000]);
    for (const stop of stops) stop();
  });

  it('a load that fails is tried again: the change is not dropped, and carries its own commit', async () => {
    const orderId = randomUUID();
    let loads = 0;
    const load = async () => {
      loads += 1;
      if (loads === 1) throw new Error('the database is busy');
      return { version: loads };
    };
    const got: { version: number; committedAt: number }[] = [];
    const stop = feed.followOrderView(orderId, 'order', load, (view, committedAt) => got.push({ ...view, committedAt }));
    await hubListening();

    await channel.announce({ orderId, types: ['DrinkReady'], committedAt: 5_000 });
    await until(() => got.length === 1, 'the view after the failed load, without another change');
    expect(loads).toBe(2);
    expect(got[0]).toEqual({ version: 2, committedAt: 5_000 });
    stop();
  });

  it('a shop-wide view (the barista board): one load per burst of changes for every follower', async () => {
    let loads = 0;
    const load = async () => ++loads;
    const seen: number[][] = [[], [], [], []];
    const matters = (message: { types: string[] }) => message.types.includes('TicketStarted');
    const stops = seen.map((views) => feed.followShopView('test-board', matters, 50, load, (v) => views.push(v)));
    await hubListening();

    // Changes that do not matter to the board load nothing.
    await channel.announce({ orderId: randomUUID(), types: ['OrderPaid'], committedAt: Date.now() });
    for (let burst = 1; burst <= 3; burst++) {
      await Promise.all(
        [1, 2, 3].map(() => channel.announce({ orderId: randomUUID(), types: ['TicketStarted'], committedAt: Date.now() })),
      );
      await until(() => seen.every((views) => views.length === burst), `every follower saw burst ${burst}`);
    }
    expect(loads).toBe(3); // not 4 followers × 9 changes
    for (const views of seen) expect(views).toEqual([1, 2, 3]);
    for (const stop of stops) stop();
  });
});
