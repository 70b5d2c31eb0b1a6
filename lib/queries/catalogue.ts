// The bookstore catalogue as /books and GET /api/books show it: books with how many copies are
// on the shelf right now (a snapshot; the warehouse decides at reservation time).
import type { Prisma } from '../db/generated/client';
import { db } from '../db/client';

export const PAGE_SIZE = 12;
export const MAX_QUERY_LENGTH = 100;

export interface BookCard {
  id: string;
  title: string;
  author: string;
  priceCents: number;
  /** Copies on the shelf now; 0 means an order for it will be backordered. */
  available: number;
  /**
   * Order lines already waiting for this book. Waiting lines are served first, and nobody jumps
   * the queue (lib/domain/bookstore/inventory.ts), so while any wait, a new order waits too.
   */
  waiting: number;
}

export interface CataloguePage {
  books: BookCard[];
  query: string;
  page: number;
  pages: number;
  total: number;
}

/** One page of books whose title or author contains `query` (case-insensitive). */
export async function listBooks(query: string, page: number): Promise<CataloguePage> {
  const q = query.trim().slice(0, MAX_QUERY_LENGTH);
  const where: Prisma.BookWhereInput = q
    ? { OR: [{ title: { contains: q, mode: 'insensitive' } }, { author: { contains: q, mode: 'insensitive' } }] }
    : {};
  const total = await db().book.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const books = await db().book.findMany({
    where,
    orderBy: { position: 'asc' },
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const ids = books.map((b) => b.id);
  const [stock, waiting] = await Promise.all([availableCopies(ids), waitingLines(ids)]);
  return {
    books: books.map((b) => ({
      id: b.id,
      title: b.title,
      author: b.author,
      priceCents: b.priceCents,
      available: stock.get(b.id) ?? 0,
      waiting: waiting.get(b.id) ?? 0,
    })),
    query: q,
    page: current,
    pages,
    total,
  };
}

export async function availableCopies(bookIds: string[]): Promise<Map<string, number>> {
  if (bookIds.length === 0) return new Map();
  const rows = await db().inventory.findMany({ where: { bookId: { in: bookIds } }, select: { bookId: true, available: true } });
  return new Map(rows.map((r) => [r.bookId, r.available]));
}

/** How many order lines wait for each book (backordered, first come, first served). */
export async function waitingLines(bookIds: string[]): Promise<Map<string, number>> {
  if (bookIds.length === 0) return new Map();
  const rows = await db().stockClaim.groupBy({
    by: ['bookId'],
    where: { bookId: { in: bookIds }, status: 'waiting' },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.bookId, r._count._all]));
}
