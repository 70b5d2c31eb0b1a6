// Bookstore helpers for integration tests: a cart filled and checked out the way the API does it,
// and the card network's ledger read back to check that the money adds up.
import { randomUUID } from 'node:crypto';
import { addToCart } from '../../lib/commands/cart';
import { placeBookOrder } from '../../lib/commands/place-book-order';
import { db } from '../../lib/db/client';
import { BOOKS, POPULAR_BOOK_ID } from '../../prisma/seed';
import { CARDS } from './shop';

export { BOOKS, POPULAR_BOOK_ID };

export const bookTitled = (title: string) => {
  const book = BOOKS.find((b) => b.title === title);
  if (!book) throw new Error(`no seeded book "${title}"`);
  return book;
};

export const ADDRESS = { name: 'Ada Reader', line1: '1 Library Lane', city: 'London', postcode: 'N1 9GU', country: 'GB' };

export function checkoutRequest(card: string = CARDS.approved) {
  return { address: ADDRESS, card: { number: card, expMonth: 12, expYear: 2031, cvc: '123' } };
}

/** Fills a new customer's cart and checks out. */
export async function checkout(lines: { bookId: string; quantity: number }[], card?: string, customerId = randomUUID()) {
  for (const line of lines) {
    const added = await addToCart(customerId, line);
    if (!added.ok) throw new Error(added.error.message);
  }
  const idempotencyKey = randomUUID();
  const answer = await placeBookOrder(checkoutRequest(card), { customerId, idempotencyKey });
  return { customerId, idempotencyKey, answer };
}

export async function checkedOut(lines: { bookId: string; quantity: number }[]) {
  const { customerId, answer } = await checkout(lines);
  if (!answer.ok) throw new Error(`checkout answered ${answer.error.code}: ${answer.error.message}`);
  return { customerId, orderId: answer.value.orderRequest.id };
}

export const linesOf = (orderId: string) => db().orderRequestLine.findMany({ where: { requestId: orderId }, orderBy: { position: 'asc' } });

export const inventoryOf = (bookId: string) => db().inventory.findUniqueOrThrow({ where: { bookId } });

/**
 * The card network's side of one order request: what it holds, took and gave back. Balances when
 * captures + voids never exceed the hold, and each line's capture or release matches a ledger row.
 */
export async function ledgerOf(orderId: string) {
  const authorizationKey = `book-auth-${orderId}`;
  const entries = await db().cardNetworkEntry.findMany({
    where: { OR: [{ idempotencyKey: authorizationKey }, { chargeKey: authorizationKey }] },
  });
  const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountCents, 0);
  return {
    authorized: sum('authorization'),
    captured: sum('capture'),
    voided: sum('void'),
    entries: entries.map((e) => `${e.kind}:${e.idempotencyKey}`),
  };
}

/** The order request's own record of money, per line, against the ledger: they must agree. */
export async function expectLedgerBalances(orderId: string) {
  const [ledger, lines, request] = await Promise.all([
    ledgerOf(orderId),
    linesOf(orderId),
    db().orderRequest.findUniqueOrThrow({ where: { id: orderId } }),
  ]);
  const captured = lines.reduce((s, l) => s + l.capturedCents, 0);
  const released = lines.reduce((s, l) => s + l.releasedCents, 0);
  const problems: string[] = [];
  if (ledger.authorized !== request.totalCents) problems.push(`authorized ${ledger.authorized} ≠ total ${request.totalCents}`);
  if (ledger.captured !== captured) problems.push(`ledger captured ${ledger.captured} ≠ order captured ${captured}`);
  if (ledger.voided !== released) problems.push(`ledger voided ${ledger.voided} ≠ order released ${released}`);
  if (ledger.captured + ledger.voided > ledger.authorized) problems.push('more moved than was held');
  for (const line of lines) {
    if (line.capturedCents > 0 && line.releasedCents > 0) problems.push(`line ${line.id} both captured and released`);
  }
  return { ledger, problems };
}
