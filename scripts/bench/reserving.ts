// 6. Reserving under contention (the bookstore): N customers check out at once, each with one
// copy of a book in their cart. "Hot": every one of them wants the same book, so every
// reservation is a transaction on the same inventory row and most of them lose a version race and
// retry. "Spread": each wants a different book. Both are timed from the first checkout sent to
// the last line reserved; the ratio is what optimistic concurrency on one hot aggregate costs.
import { randomUUID } from 'node:crypto';
import { type BenchShop, waitUntilQuiet } from './shop';

export interface Reserving {
  customers: number;
  hot: { answeredMs: number; reservedMs: number };
  spread: { answeredMs: number; reservedMs: number };
  errors: number;
}

const ADDRESS = { name: 'Bench Reader', line1: '1 Load Street', city: 'London', postcode: 'N1 9GU', country: 'GB' };
const CARD = { number: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };

/** Enough copies on every shelf that nobody is backordered: this measures contention, not scarcity. */
async function stockUp(shop: BenchShop, copies: number): Promise<string[]> {
  await shop.pool.query('UPDATE inventories SET stocked = stocked + $1, available = available + $1, version = version + 1', [copies]);
  const { rows } = await shop.pool.query<{ id: string }>('SELECT id FROM books ORDER BY position');
  return rows.map((r) => r.id);
}

async function round(
  shop: BenchShop,
  bookFor: (i: number) => string,
  customers: number,
): Promise<{ answeredMs: number; reservedMs: number; errors: number }> {
  const who = Array.from({ length: customers }, (_, i) => ({ customerId: randomUUID(), bookId: bookFor(i) }));
  await shop.pool.query(
    `INSERT INTO cart_items (customer_id, book_id, quantity, added_at)
     SELECT unnest($1::uuid[]), unnest($2::uuid[]), 1, now()`,
    [who.map((w) => w.customerId), who.map((w) => w.bookId)],
  );
  const started = performance.now();
  const answers = await Promise.all(
    who.map(async (w) => {
      const res = await fetch(`${shop.baseUrl}/api/bookstore/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), cookie: `cs_customer=${w.customerId}` },
        body: JSON.stringify({ address: ADDRESS, card: CARD }),
      });
      return res.status === 201 ? ((await res.json()) as { orderRequest: { id: string } }).orderRequest.id : null;
    }),
  );
  const answeredMs = performance.now() - started;
  const ids = answers.filter((id): id is string => id !== null);
  for (;;) {
    const { rows } = await shop.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM order_request_lines WHERE request_id = ANY($1::uuid[]) AND status = 'reserving'`,
      [ids],
    );
    if (rows[0]!.n === 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { answeredMs, reservedMs: performance.now() - started, errors: customers - ids.length };
}

export async function measureReserving(shop: BenchShop, customers: number, progress: (line: string) => void): Promise<Reserving> {
  const books = await stockUp(shop, customers * 4);
  const hotBook = books[0]!;
  progress(`6. reserving: ${customers} checkouts of one book, then of ${Math.min(customers, books.length)} different books`);
  await waitUntilQuiet(shop);
  const hot = await round(shop, () => hotBook, customers);
  await waitUntilQuiet(shop);
  const spread = await round(shop, (i) => books[i % books.length]!, customers);
  await waitUntilQuiet(shop);
  return {
    customers,
    hot: { answeredMs: hot.answeredMs, reservedMs: hot.reservedMs },
    spread: { answeredMs: spread.answeredMs, reservedMs: spread.reservedMs },
    errors: hot.errors + spread.errors,
  };
}
