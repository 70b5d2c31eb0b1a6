// 3. Telling the customer: from a worker's commit to the change arriving at an SSE client, with
// 100 and with 1,000 streams open, next to a bare Redis publish → subscriber hop in the same run.
//
// Most streams sit idle on orders that are finished (the load of customers watching); a few
// "active" customers keep placing an order, opening its stream and watching it until the drink
// is ready, then pause briefly before the next. Every event they receive after paying was committed by a worker process; each
// carries its commit time, and the client notes when it arrived.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import hdr from 'hdr-histogram-js';
import { Redis } from 'ioredis';
import { ORDER_BODY } from './answering';
import type { BenchShop } from './shop';

export interface Latency {
  events: number;
  p50: number;
  p99: number;
  max: number;
}

export interface TellingRow {
  streams: number;
  app: Latency;
  redisHop: Latency;
}

const ACTIVE_CUSTOMERS = 10;
/**
 * How long the workers take per drink while telling is measured. The shop is benchmarked with no
 * preparation time, and then a drink is ready before its customer's stream has even opened: only
 * the events that lost that race would be measured (9–53 a run, so the p99 was the slowest one).
 * A preparation time moves when the workers commit, not how long a commit takes to reach the client.
 */
const TELLING_PREP_MS = 200;
/** A customer does not order again the instant their drink is ready. */
const THINK_TIME_MS = 500;
const epochMs = () => performance.timeOrigin + performance.now();

function newHistogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
}

function summary(h: hdr.Histogram): Latency {
  // Recorded in microseconds, reported in milliseconds.
  return {
    events: h.totalCount,
    p50: h.getValueAtPercentile(50) / 1000,
    p99: h.getValueAtPercentile(99) / 1000,
    max: h.maxValue / 1000,
  };
}

interface Stream {
  opened: Promise<void>;
  close(): void;
}

interface StreamEvent {
  order: { barista: { status: string; paid: boolean } | null };
  committedAt: number | null;
}

const OPEN_WAVE = 50;

function openStream(shop: BenchShop, orderId: string, onEvent: (event: StreamEvent, arrivedAt: number) => void): Stream {
  let resolveOpened!: () => void;
  let rejectOpened!: (e: Error) => void;
  const opened = new Promise<void>((resolve, reject) => {
    resolveOpened = resolve;
    rejectOpened = reject;
  });
  const req = http.get(
    `${shop.baseUrl}/api/orders/${orderId}/stream`,
    { headers: { cookie: `cs_customer=${shop.cookie}`, accept: 'text/event-stream' } },
    (res) => {
      if (res.statusCode !== 200) return rejectOpened(new Error(`stream answered ${res.statusCode}`));
      resolveOpened();
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const arrivedAt = epochMs();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: order\ndata: (.*)$/m.exec(block)?.[1];
          if (data) onEvent(JSON.parse(data) as StreamEvent, arrivedAt);
        }
      });
      res.on('error', () => undefined);
    },
  );
  req.on('error', (e) => rejectOpened(e));
  return { opened, close: () => req.destroy() };
}

async function placeOne(shop: BenchShop): Promise<string> {
  const res = await fetch(`${shop.baseUrl}/api/coffee/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `cs_customer=${shop.cookie}`, 'idempotency-key': randomUUID() },
    body: ORDER_BODY,
  });
  if (res.status !== 201) throw new Error(`placing an order answered ${res.status}`);
  return ((await res.json()) as { order: { id: string } }).order.id;
}

/** One active customer: order, watch until the drink is ready and paid, again, until `until`. */
async function activeCustomer(shop: BenchShop, until: number, histogram: hdr.Histogram): Promise<void> {
  while (performance.now() < until) {
    const orderId = await placeOne(shop);
    await new Promise<void>((resolve, reject) => {
      const stream = openStream(shop, orderId, (event, arrivedAt) => {
        if (event.committedAt !== null) histogram.recordValue(Math.max(1, Math.round((arrivedAt - event.committedAt) * 1000)));
        if (event.order.barista?.status === 'ready' && event.order.barista.paid) {
          stream.close();
          resolve();
        }
      });
      stream.opened.catch(reject);
      setTimeout(() => {
        stream.close();
        resolve();
      }, 10_000).unref();
    });
    await new Promise((r) => setTimeout(r, THINK_TIME_MS));
  }
}

async function redisHop(redisUrl: string, channel: string, ratePerSecond: number, seconds: number): Promise<Latency> {
  const histogram = newHistogram();
  const publisher = new Redis(redisUrl);
  const subscriber = new Redis(redisUrl);
  await subscriber.subscribe(channel);
  subscriber.on('message', (_c, message: string) => {
    histogram.recordValue(Math.max(1, Math.round((epochMs() - Number(message)) * 1000)));
  });
  const interval = 1000 / Math.max(1, ratePerSecond);
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await publisher.publish(channel, String(epochMs()));
    await new Promise((r) => setTimeout(r, interval));
  }
  await new Promise((r) => setTimeout(r, 200));
  const result = summary(histogram);
  histogram.destroy();
  publisher.disconnect();
  subscriber.disconnect();
  return result;
}

export async function measureTelling(
  shop: BenchShop,
  streamCounts: readonly number[],
  seconds: number,
  progress: (line: string) => void,
): Promise<TellingRow[]> {
  const rows: TellingRow[] = [];
  progress(`telling: the workers restarted with ${TELLING_PREP_MS} ms per drink`);
  await shop.restartWorkers({ PREP_MS_PER_DRINK: String(TELLING_PREP_MS) });
  try {
    for (const streams of streamCounts) rows.push(await tellWith(shop, streams, seconds, progress));
  } finally {
    progress('telling: the workers restarted with no preparation time');
    await shop.restartWorkers({});
  }
  return rows;
}

async function tellWith(shop: BenchShop, streams: number, seconds: number, progress: (line: string) => void): Promise<TellingRow> {
  const idleCount = Math.max(0, streams - ACTIVE_CUSTOMERS);
  const { rows: orders } = await shop.pool.query<{ id: string }>(
    'SELECT id FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2',
    [shop.cookie, idleCount],
  );
  if (orders.length < idleCount) throw new Error(`need ${idleCount} orders to watch, have ${orders.length}`);
  progress(`telling: opening ${idleCount} idle streams + ${ACTIVE_CUSTOMERS} active customers`);
  // Opened in waves, as viewers arrive, not all in one instant: a thousand streams asking for
  // their first snapshot in the same millisecond would queue for the web process's ten
  // database connections past their timeout, which is a different (and unrealistic) figure.
  const idle: Stream[] = [];
  for (let i = 0; i < orders.length; i += OPEN_WAVE) {
    const wave = orders.slice(i, i + OPEN_WAVE).map((o) => openStream(shop, o.id, () => undefined));
    idle.push(...wave);
    await Promise.all(wave.map((s) => s.opened));
  }

  progress(`telling: measuring commit → SSE client with ${streams} streams for ${seconds} s`);
  const histogram = newHistogram();
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: ACTIVE_CUSTOMERS }, () => activeCustomer(shop, until, histogram)));
  const app = summary(histogram);
  histogram.destroy();
  for (const s of idle) s.close();

  progress('telling: bare Redis publish → subscriber at the same rate');
  const hop = await redisHop(shop.env.REDIS_URL!, `${shop.env.QUEUE_PREFIX}:bench-hop`, app.events / seconds, Math.min(seconds, 5));
  return { streams, app, redisHop: hop };
}
