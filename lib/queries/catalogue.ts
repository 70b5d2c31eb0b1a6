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
  const stock = await availableCopies(books.map((b) => b.id));
  return {
    books: books.map((b) => ({ id: b.id, title: b.title, author: b.author, priceCents: b.priceCents, available: stock.get(b.id) ?? 0 })),
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
