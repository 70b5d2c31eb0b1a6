// What the customer has typed at the counter so far, and the plain rules about it: prices,
// quantities, the obvious mistakes, and the request it becomes. No React here, so the hooks and
// the pieces of the form all read the same rules.
import type { Milk, Size } from '@/lib/domain/coffee/menu';
import type { MenuView } from '@/lib/queries/menu';
import { type CardDraft, toCardInput, validateCard } from '../forms/card';
import type { FieldErrors } from '../forms/field-errors';

export type MenuItemView = MenuView['items'][number];

export interface Line {
  key: string;
  itemId: string;
  name: string;
  size: Size;
  milk: Milk | null;
  /** As typed, so the field can be cleared while editing; parsed when pricing and paying. */
  quantity: string;
  unitPriceCents: number;
}

export interface OrderDraft {
  lines: Line[];
  customerName: string;
  card: CardDraft;
}

export const MAX_QUANTITY = 20;
export const MAX_NAME_LENGTH = 40;

export function priceOf(item: MenuItemView, size: Size, milk: Milk | null): number {
  const sizeDelta = item.sizes.find((s) => s.id === size)?.deltaCents ?? 0;
  const surcharge = milk ? (item.milks.find((m) => m.id === milk)?.surchargeCents ?? 0) : 0;
  return item.priceCents + sizeDelta + surcharge;
}

export function parseQuantity(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The obvious mistakes, caught before asking the counter; the server still checks everything. */
export function validate({ lines, customerName, card }: OrderDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (lines.length === 0) errors.items = 'Add at least one drink.';
  lines.forEach((line, i) => {
    const n = Number(line.quantity);
    if (line.quantity.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_QUANTITY) {
      errors[`items.${i}.quantity`] = `Quantity must be a whole number from 1 to ${MAX_QUANTITY}.`;
    }
  });
  if (customerName.trim() === '') errors.customerName = 'Give a name to call out.';
  return { ...errors, ...validateCard(card) };
}

/** The body the counter's action parses (the same shape as POST /api/coffee/orders). */
export function toOrderInput({ lines, customerName, card }: OrderDraft) {
  return {
    customerName: customerName.trim(),
    items: lines.map((l) => ({
      itemId: l.itemId,
      size: l.size,
      ...(l.milk ? { milk: l.milk } : {}),
      quantity: parseQuantity(l.quantity),
    })),
    card: toCardInput(card),
  };
}
