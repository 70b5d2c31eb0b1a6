// What the shelf says to the customer, in the catalogue and the cart. The numbers are a snapshot:
// the warehouse decides when it reserves, so these are hints, never promises. No React here.
import { MAX_COPIES_PER_LINE } from '@/lib/domain/bookstore/order-request';

/** At or below this many copies the catalogue says "Only n left". */
export const LOW_STOCK = 3;

/** The quantities a customer can choose for one book: 1 to 5. */
export const QUANTITIES = Array.from({ length: MAX_COPIES_PER_LINE }, (_, i) => i + 1);

export type StockTone = 'ok' | 'low' | 'out';

const waitingPeople = (n: number) => (n === 1 ? '1 person is' : `${n} people are`);

/**
 * The catalogue's hint. Customers already waiting come first (first come, first served, and
 * nobody jumps the queue), so while anyone waits, copies on the shelf are not this customer's.
 */
export function stockHint(available: number, waiting: number): { text: string; tone: StockTone } {
  if (waiting > 0) {
    return { text: `${waitingPeople(waiting)} waiting for this book — an order now waits behind them`, tone: 'out' };
  }
  if (available <= 0) return { text: 'Out of stock — order now and we will backorder it', tone: 'out' };
  if (available <= LOW_STOCK) return { text: `Only ${available} left`, tone: 'low' };
  return { text: 'In stock', tone: 'ok' };
}

export const STOCK_TONE_CLASS: Record<StockTone, string> = {
  ok: 'text-emerald-800',
  low: 'text-amber-800',
  out: 'text-roast-700',
};

/**
 * The warning for a cart line the shelf cannot fill. The warehouse reserves a line whole or not
 * at all, so a line asking for more than the shelf has waits as a whole for a restock.
 */
export function backorderWarning(quantity: number, available: number, waiting: number): string | null {
  if (waiting > 0) {
    return `${waitingPeople(waiting)} already waiting for this book, and they are served first: this line will be backordered behind them, and we will ask you to wait for a restock or cancel it.`;
  }
  if (available >= quantity) return null;
  if (available <= 0) {
    return 'None on the shelf right now: this line will be backordered, and we will ask you to wait for a restock or cancel it.';
  }
  return `Only ${available} on the shelf for the ${quantity} you want: this line will be backordered until all ${quantity} are in. Choose ${available} to have it reserved straight away.`;
}

export function copies(n: number): string {
  return `${n} ${n === 1 ? 'copy' : 'copies'}`;
}
