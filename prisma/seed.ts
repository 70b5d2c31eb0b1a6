// Seeds the coffee menu, the bookstore catalogue and the staff accounts. Safe to run again: menu
// items and books are upserted by id, so names and prices can be edited here; a book's inventory
// is created only the first time, so a re-run never resets live stock (reserved, shipped or
// restocked copies). Staff accounts are made to match STAFF_ACCOUNTS (or the demo accounts where
// those are allowed): see syncStaffAccounts.
import { syncStaffAccounts } from '../lib/auth/store';
import { DEMO_ACCOUNTS, type StaffAccount, parseStaffAccounts } from '../lib/auth/staff-accounts';
import { config } from '../lib/config';
import { db, disconnectDb } from '../lib/db/client';

export const MENU = [
  { id: 'espresso', name: 'Espresso', priceCents: 280, takesMilk: false },
  { id: 'americano', name: 'Americano', priceCents: 320, takesMilk: false },
  { id: 'latte', name: 'Latte', priceCents: 420, takesMilk: true },
  { id: 'cappuccino', name: 'Cappuccino', priceCents: 410, takesMilk: true },
  { id: 'flat-white', name: 'Flat white', priceCents: 430, takesMilk: true },
  { id: 'mocha', name: 'Mocha', priceCents: 460, takesMilk: true },
  { id: 'tea', name: 'Tea', priceCents: 250, takesMilk: false },
  { id: 'hot-chocolate', name: 'Hot chocolate', priceCents: 390, takesMilk: true },
] as const;

export interface SeedBook {
  id: string;
  title: string;
  author: string;
  priceCents: number;
  /** Copies on the shelf when the inventory is first created. */
  stock: number;
}

/**
 * The Hobbit: the one popular title with only 5 copies, so a handful of customers buying at once
 * runs it out and the backorder path (wait or cancel) shows up in demos and tests.
 */
export const POPULAR_BOOK_ID = '0198a000-0000-7000-8000-000000000003';

// Ids are fixed so tests, demos and links can name a book. Stock is chosen to show every path:
// most titles are plentiful (20–50), a few are scarce (1–3), The Hobbit has 5 and sells out,
// and two have none at all, so every request for them is backordered until a restock.
export const BOOKS: readonly SeedBook[] = [
  { id: '0198a000-0000-7000-8000-000000000001', title: 'Pride and Prejudice', author: 'Jane Austen', priceCents: 899, stock: 40 },
  { id: '0198a000-0000-7000-8000-000000000002', title: 'Nineteen Eighty-Four', author: 'George Orwell', priceCents: 999, stock: 45 },
  { id: POPULAR_BOOK_ID, title: 'The Hobbit', author: 'J. R. R. Tolkien', priceCents: 1299, stock: 5 },
  { id: '0198a000-0000-7000-8000-000000000004', title: 'To Kill a Mockingbird', author: 'Harper Lee', priceCents: 1099, stock: 35 },
  { id: '0198a000-0000-7000-8000-000000000005', title: 'The Great Gatsby', author: 'F. Scott Fitzgerald', priceCents: 899, stock: 30 },
  { id: '0198a000-0000-7000-8000-000000000006', title: 'Jane Eyre', author: 'Charlotte Brontë', priceCents: 949, stock: 25 },
  { id: '0198a000-0000-7000-8000-000000000007', title: 'Wuthering Heights', author: 'Emily Brontë', priceCents: 899, stock: 22 },
  { id: '0198a000-0000-7000-8000-000000000008', title: 'Middlemarch', author: 'George Eliot', priceCents: 1199, stock: 2 },
  { id: '0198a000-0000-7000-8000-000000000009', title: 'Moby-Dick', author: 'Herman Melville', priceCents: 1299, stock: 20 },
  { id: '0198a000-0000-7000-8000-000000000010', title: 'Crime and Punishment', author: 'Fyodor Dostoevsky', priceCents: 1399, stock: 24 },
  { id: '0198a000-0000-7000-8000-000000000011', title: 'Anna Karenina', author: 'Leo Tolstoy', priceCents: 1499, stock: 3 },
  { id: '0198a000-0000-7000-8000-000000000012', title: 'War and Peace', author: 'Leo Tolstoy', priceCents: 2499, stock: 0 },
  {
    id: '0198a000-0000-7000-8000-000000000013',
    title: 'One Hundred Years of Solitude',
    author: 'Gabriel García Márquez',
    priceCents: 1399,
    stock: 30,
  },
  { id: '0198a000-0000-7000-8000-000000000014', title: 'Beloved', author: 'Toni Morrison', priceCents: 1199, stock: 26 },
  { id: '0198a000-0000-7000-8000-000000000015', title: 'The Catcher in the Rye', author: 'J. D. Salinger', priceCents: 999, stock: 28 },
  { id: '0198a000-0000-7000-8000-000000000016', title: 'Brave New World', author: 'Aldous Huxley', priceCents: 999, stock: 32 },
  { id: '0198a000-0000-7000-8000-000000000017', title: 'Frankenstein', author: 'Mary Shelley', priceCents: 899, stock: 38 },
  { id: '0198a000-0000-7000-8000-000000000018', title: 'Dracula', author: 'Bram Stoker', priceCents: 899, stock: 21 },
  {
    id: '0198a000-0000-7000-8000-000000000019',
    title: 'The Left Hand of Darkness',
    author: 'Ursula K. Le Guin',
    priceCents: 1199,
    stock: 1,
  },
  { id: '0198a000-0000-7000-8000-000000000020', title: 'Things Fall Apart', author: 'Chinua Achebe', priceCents: 1099, stock: 27 },
  { id: '0198a000-0000-7000-8000-000000000021', title: 'Mrs Dalloway', author: 'Virginia Woolf', priceCents: 999, stock: 23 },
  { id: '0198a000-0000-7000-8000-000000000022', title: 'The Remains of the Day', author: 'Kazuo Ishiguro', priceCents: 1199, stock: 29 },
  { id: '0198a000-0000-7000-8000-000000000023', title: 'Dune', author: 'Frank Herbert', priceCents: 1499, stock: 50 },
  { id: '0198a000-0000-7000-8000-000000000024', title: 'Ulysses', author: 'James Joyce', priceCents: 1899, stock: 0 },
  { id: '0198a000-0000-7000-8000-000000000025', title: 'Great Expectations', author: 'Charles Dickens', priceCents: 999, stock: 33 },
  { id: '0198a000-0000-7000-8000-000000000026', title: 'Don Quixote', author: 'Miguel de Cervantes', priceCents: 1899, stock: 20 },
  { id: '0198a000-0000-7000-8000-000000000027', title: 'The Name of the Rose', author: 'Umberto Eco', priceCents: 1399, stock: 24 },
  { id: '0198a000-0000-7000-8000-000000000028', title: 'Wolf Hall', author: 'Hilary Mantel', priceCents: 1299, stock: 36 },
  { id: '0198a000-0000-7000-8000-000000000029', title: "The Handmaid's Tale", author: 'Margaret Atwood', priceCents: 1099, stock: 42 },
  { id: '0198a000-0000-7000-8000-000000000030', title: 'Slaughterhouse-Five', author: 'Kurt Vonnegut', priceCents: 1099, stock: 31 },
];

/**
 * The staff accounts to write: STAFF_ACCOUNTS when set (config() has already refused it if it is
 * malformed, or public passwords in production). Unset, the demo accounts — except in production
 * without ALLOW_DEMO_CREDENTIALS=1, where the seed refuses rather than create them.
 */
export function staffAccountsToSeed(): readonly StaffAccount[] {
  const cfg = config();
  if (cfg.STAFF_ACCOUNTS !== undefined) {
    const parsed = parseStaffAccounts(cfg.STAFF_ACCOUNTS);
    if (!parsed.ok) throw new Error(`STAFF_ACCOUNTS: ${parsed.problems.join('; ')}`);
    return parsed.accounts;
  }
  if (cfg.NODE_ENV === 'production' && !cfg.ALLOW_DEMO_CREDENTIALS) {
    throw new Error(
      'STAFF_ACCOUNTS is not set: production needs real staff accounts ("name:role:password,..."); the public demo accounts are only for ALLOW_DEMO_CREDENTIALS=1.',
    );
  }
  return DEMO_ACCOUNTS;
}

export async function seed(): Promise<void> {
  await syncStaffAccounts(staffAccountsToSeed());

  for (const [position, item] of MENU.entries()) {
    await db().menuItem.upsert({
      where: { id: item.id },
      create: { ...item, position },
      update: { ...item, position },
    });
  }

  for (const [position, { stock: _stock, ...book }] of BOOKS.entries()) {
    await db().book.upsert({
      where: { id: book.id },
      create: { ...book, position },
      update: { ...book, position },
    });
  }

  // A new inventory aggregate (version 1, everything on the shelf), written only where none
  // exists yet: stock that has moved since must survive a re-run of the seed.
  const now = new Date();
  await db().inventory.createMany({
    data: BOOKS.map((book) => ({
      bookId: book.id,
      version: 1,
      stocked: book.stock,
      available: book.stock,
      reserved: 0,
      shipped: 0,
      updatedAt: now,
    })),
    skipDuplicates: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seed()
    .then(() => console.log(`seeded ${MENU.length} menu items, ${BOOKS.length} books and ${staffAccountsToSeed().length} staff accounts`))
    .catch((error: unknown) => {
      console.error('seeding failed:', error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => disconnectDb());
}
