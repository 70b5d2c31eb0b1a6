// The catching-up baseline in SQL: each backlog order's asynchronous transactions, statement for
// statement as the steps sent them before they were cut down (counted from a run with
// log_statement = 'all'), straight to PostgreSQL with `pg` — no Redis, no BullMQ, no Prisma, no
// process boundary — with as many orders in flight as the worker runs tickets at once. What is
// left between this and the app is ours: queues, the driver layers, the process's CPU.
//
// Per order, 33 round trips:
//   relay       UPDATE outbox published (OrderPlaced, PaymentApproved)                      1
//   open-ticket BEGIN, inbox, order, lines, least busy station, ticket, outbox, timeline, COMMIT  9
//   confirm     BEGIN, inbox, ticket by order, guarded UPDATE, COMMIT                         5
//   relay       UPDATE outbox published (TicketOpened)                                        1
//   brew start  BEGIN, ticket, station FOR SHARE, guarded UPDATE, outbox, timeline, COMMIT    7
//   brew ready  BEGIN, ticket, inbox, guarded UPDATE, outbox, timeline, COMMIT                7
//   relay       UPDATE outbox published + consumed (DrinkStarted, DrinkReady: no subscriber) 1
//   reconciler  UPDATE outbox consumed (the three subscribed events)                         1
//   timings     INSERT step_timings (the three jobs)                                          1
//
// The outbox rows it writes go in already marked published and consumed (then marked again, as
// the relay and reconciler would), so the shop's own relay, running meanwhile, leaves them alone.
import type pg from 'pg';
import { newId } from '../../lib/ids';
import { OPEN_STATUSES } from '../../lib/domain/coffee/ticket';

export const ROUND_TRIPS_PER_ORDER = 33;

export interface BacklogOrder {
  orderId: string;
  placedEventId: string;
  approvedEventId: string;
}

const DRINKS = JSON.stringify([{ name: 'Latte', size: 'M', milk: 'oat', quantity: 1 }]);

async function inTransaction(client: pg.PoolClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function appendEvent(
  client: pg.PoolClient,
  id: string,
  type: string,
  ticketId: string,
  orderId: string,
  data: object,
): Promise<void> {
  const payload = JSON.stringify(data);
  await client.query(
    `INSERT INTO outbox (id, type, aggregate_id, order_id, payload, created_at, published_at, consumed_at)
     VALUES ($1, $2, $3, $4, $5, now(), now(), now())`,
    [id, type, ticketId, orderId, payload],
  );
  await client.query(
    `INSERT INTO order_timeline (id, order_id, type, mode, actor, data, occurred_at) VALUES ($1, $2, $3, 'async', 'barista', $4, now())`,
    [id, orderId, type, payload],
  );
}

/** One order from paid to ready, as the steps' SQL. */
async function carryOrder(client: pg.PoolClient, order: BacklogOrder, stations: number): Promise<void> {
  const { orderId } = order;
  const ticketId = newId();
  const opened = newId();
  const started = newId();
  const ready = newId();
  const startedAt = Date.now();

  await client.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [[order.placedEventId, order.approvedEventId]]);

  await inTransaction(client, async () => {
    await client.query(
      `INSERT INTO processed_messages (consumer, event_id, processed_at) VALUES ('tickets.open-ticket', $1, now()) ON CONFLICT DO NOTHING`,
      [order.placedEventId],
    );
    const { rows } = await client.query<{ customer_name: string }>('SELECT * FROM orders WHERE id = $1', [orderId]);
    await client.query('SELECT * FROM order_lines WHERE order_id = $1 ORDER BY position', [orderId]);
    const station = await client.query<{ id: number }>(
      `SELECT s.id FROM generate_series(1, $1::int) AS s(id)
         LEFT JOIN (SELECT station, count(*) AS n FROM barista_tickets WHERE status = ANY($2::text[]) GROUP BY station) AS busy
           ON busy.station = s.id
        ORDER BY coalesce(busy.n, 0), s.id LIMIT 1`,
      [stations, [...OPEN_STATUSES]],
    );
    await client.query(
      `INSERT INTO barista_tickets (id, order_id, customer_name, status, paid, version, drinks, opened_at, updated_at, station, remakes)
       VALUES ($1, $2, $3, 'queued', false, 1, $4, now(), now(), $5, 0) ON CONFLICT DO NOTHING`,
      [ticketId, orderId, rows[0]?.customer_name ?? 'Backlog', DRINKS, station.rows[0]?.id ?? 1],
    );
    await appendEvent(client, opened, 'TicketOpened', ticketId, orderId, { station: station.rows[0]?.id ?? 1 });
  });

  await inTransaction(client, async () => {
    await client.query(
      `INSERT INTO processed_messages (consumer, event_id, processed_at) VALUES ('tickets.confirm-payment', $1, now()) ON CONFLICT DO NOTHING`,
      [order.approvedEventId],
    );
    await client.query('SELECT * FROM barista_tickets WHERE order_id = $1', [orderId]);
    await client.query('UPDATE barista_tickets SET paid = true, version = 2, updated_at = now() WHERE id = $1 AND version = 1', [ticketId]);
  });

  await client.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [[opened]]);

  await inTransaction(client, async () => {
    await client.query('SELECT * FROM barista_tickets WHERE id = $1', [ticketId]);
    await client.query('SELECT mode FROM barista_stations WHERE id = 1 FOR SHARE');
    await client.query(
      `UPDATE barista_tickets SET status = 'making', started_at = now(), version = 3, updated_at = now() WHERE id = $1 AND version = 2`,
      [ticketId],
    );
    await appendEvent(client, started, 'DrinkStarted', ticketId, orderId, {});
  });

  await inTransaction(client, async () => {
    await client.query('SELECT * FROM barista_tickets WHERE id = $1', [ticketId]);
    await client.query(
      `INSERT INTO processed_messages (consumer, event_id, processed_at) VALUES ('brewing.brew-drink', $1, now()) ON CONFLICT DO NOTHING`,
      [opened],
    );
    await client.query(
      `UPDATE barista_tickets SET status = 'ready', ready_at = now(), version = 4, updated_at = now() WHERE id = $1 AND version = 3`,
      [ticketId],
    );
    await appendEvent(client, ready, 'DrinkReady', ticketId, orderId, {});
  });

  await client.query('UPDATE outbox SET published_at = now(), consumed_at = now() WHERE id = ANY($1::uuid[])', [[started, ready]]);
  await client.query('UPDATE outbox SET consumed_at = now() WHERE id = ANY($1::uuid[])', [
    [order.placedEventId, order.approvedEventId, opened],
  ]);
  const at = new Date(startedAt);
  await client.query(
    `INSERT INTO step_timings (step, event_id, committed_at, published_at, started_at, handled_at)
     SELECT t.step, t.event_id, now(), $2, $2, now()
       FROM unnest($1::text[], $3::uuid[]) AS t(step, event_id)
     ON CONFLICT (step, event_id) DO NOTHING`,
    [['tickets.open-ticket', 'tickets.confirm-payment', 'brewing.brew-drink'], at, [order.placedEventId, order.approvedEventId, opened]],
  );
}

/** Carries every order of `backlog` from paid to ready with `concurrency` orders in flight; orders per second. */
export async function rawSqlCatchingUp(
  pool: pg.Pool,
  backlog: readonly BacklogOrder[],
  concurrency: number,
  stations: number,
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect();
      try {
        for (let i = next++; i < backlog.length; i = next++) await carryOrder(client, backlog[i]!, stations);
      } finally {
        client.release();
      }
    }),
  );
  return backlog.length / ((performance.now() - t0) / 1000);
}
