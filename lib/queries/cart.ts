// The customer's cart as the cart page and GET /api/cart show it, priced from the catalogue now.
// A cart untouched for CART_TTL_HOURS is gone: its rows are left out here even before a write or
// the relay's retention pass deletes them (lib/commands/cart.ts).
import { db } from '../db/client';
import { config } from '../config';
import { availableCopies, waitingLines } from './catalogue';

export interface CartView {
  lines: {
    bookId: string;
    title: string;
    author: string;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
    /** Copies on the shelf now: fewer than `quantity` means part of the line will be backordered. */
    available: number;
    /** Order lines already waiting for the book: while any wait, this line waits behind them. */
    waiting: number;
  }[];
  /** Number of copies in the cart. */
  count: number;
  totalCents: number;
}

/** Rows touched before this are an expired cart's. */
export function cartCutoff(now: Date, ttlHours = config().CART_TTL_HOURS): Date {
  return new Date(now.getTime() - ttlHours * 3_600_000);
}

/** The `where` of a customer's live (unexpired) cart rows; checkout reads the cart through it too. */
export function liveCartWhere(customerId: string, now: Date = new Date()) {
  return { customerId, updatedAt: { gte: cartCutoff(now) } };
}

export async function getCart(customerId: string, now: Date = new Date()): Promise<CartView> {
  const items = await db().cartItem.findMany({ where: liveCartWhere(customerId, now), orderBy: { addedAt: 'asc' } });
  const books = await db().book.findMany({ where: { id: { in: items.map((i) => i.bookId) } } });
  const byId = new Map(books.map((b) => [b.id, b]));
  const ids = items.map((i) => i.bookId);
  const [stock, waiting] = await Promise.all([availableCopies(ids), waitingLines(ids)]);
  const lines = items.flatMap((item) => {
    const book = byId.get(item.bookId);
    if (!book) return [];
    return [
      {
        bookId: book.id,
        title: book.title,
        author: book.author,
        quantity: item.quantity,
        unitPriceCents: book.priceCents,
        lineTotalCents: book.priceCents * item.quantity,
        available: stock.get(book.id) ?? 0,
        waiting: waiting.get(book.id) ?? 0,
      },
    ];
  });
  return {
    lines,
    count: lines.reduce((s, l) => s + l.quantity, 0),
    totalCents: lines.reduce((s, l) => s + l.lineTotalCents, 0),
  };
}
