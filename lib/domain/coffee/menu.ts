// Menu rules: what a drink costs and which combinations exist. The items themselves are rows
// (seeded in prisma/seed.ts); sizes and milks are rules, because they apply to every drink.
import { type Result, fail, ok } from '../shared/result';

export const SIZES = ['S', 'M', 'L'] as const;
export type Size = (typeof SIZES)[number];

export const MILKS = ['whole', 'oat', 'soy'] as const;
export type Milk = (typeof MILKS)[number];

/** Added to (or taken from) the item's price, which is the price of a medium. */
export const SIZE_DELTA_CENTS: Record<Size, number> = { S: -40, M: 0, L: 60 };

/** Plant milks cost extra. */
export const MILK_SURCHARGE_CENTS: Record<Milk, number> = { whole: 0, oat: 60, soy: 50 };

export const SIZE_LABEL: Record<Size, string> = { S: 'Small', M: 'Medium', L: 'Large' };

export const MAX_QUANTITY_PER_LINE = 20;
export const MAX_LINES = 20;

export interface MenuItem {
  id: string;
  name: string;
  priceCents: number;
  takesMilk: boolean;
}

export interface RequestedLine {
  itemId: string;
  size: Size;
  milk?: Milk | null | undefined;
  quantity: number;
}

export interface PricedLine {
  itemId: string;
  name: string;
  size: Size;
  milk: Milk | null;
  quantity: number;
  unitPriceCents: number;
}

export type MenuErrorCode = 'VALIDATION';

/**
 * Prices every line against the menu. Every problem is reported against its field
 * (`items.2.milk`) so the form can show it beside the input that caused it.
 */
export function priceLines(menu: ReadonlyMap<string, MenuItem>, requested: readonly RequestedLine[]): Result<PricedLine[], MenuErrorCode> {
  const fields: Record<string, string> = {};
  const priced: PricedLine[] = [];
  if (requested.length === 0) fields.items = 'Add at least one drink.';
  if (requested.length > MAX_LINES) fields.items = `At most ${MAX_LINES} different drinks per order.`;

  requested.forEach((line, i) => {
    const item = menu.get(line.itemId);
    if (!item) {
      fields[`items.${i}.itemId`] = `There is no "${line.itemId}" on the menu.`;
      return;
    }
    if (!SIZES.includes(line.size)) {
      fields[`items.${i}.size`] = 'Size must be S, M or L.';
      return;
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY_PER_LINE) {
      fields[`items.${i}.quantity`] = `Quantity must be a whole number from 1 to ${MAX_QUANTITY_PER_LINE}.`;
      return;
    }
    const milk = line.milk ?? null;
    if (milk && !item.takesMilk) {
      fields[`items.${i}.milk`] = `${item.name} is not made with milk.`;
      return;
    }
    const chosenMilk: Milk | null = item.takesMilk ? (milk ?? 'whole') : null;
    priced.push({
      itemId: item.id,
      name: item.name,
      size: line.size,
      milk: chosenMilk,
      quantity: line.quantity,
      unitPriceCents: unitPrice(item, line.size, chosenMilk),
    });
  });

  if (Object.keys(fields).length > 0) return fail('VALIDATION', 'Some drinks cannot be ordered as asked.', fields);
  return ok(priced);
}

export function unitPrice(item: MenuItem, size: Size, milk: Milk | null): number {
  return item.priceCents + SIZE_DELTA_CENTS[size] + (milk ? MILK_SURCHARGE_CENTS[milk] : 0);
}

export function totalCents(lines: readonly { unitPriceCents: number; quantity: number }[]): number {
  return lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
}

/** "large oat latte", the way a barista calls it out. */
export function describeDrink(d: { name: string; size: string; milk: string | null }): string {
  const size = SIZE_LABEL[d.size as Size]?.toLowerCase() ?? d.size;
  return [size, d.milk && d.milk !== 'whole' ? d.milk : null, d.name.toLowerCase()].filter(Boolean).join(' ');
}
