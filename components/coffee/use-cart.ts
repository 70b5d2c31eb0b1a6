'use client';
// The order being put together: its lines, what they cost, how each is named to a screen reader,
// and what was just added or removed (announced through the form's status region).
import { useState } from 'react';
import { type Milk, type Size, describeDrink } from '@/lib/domain/coffee/menu';
import { capitalize } from '../format';
import type { FieldErrorsState } from '../forms/field-errors';
import { type Line, MAX_QUANTITY, type MenuItemView, parseQuantity, priceOf } from './order-draft';

export function useCart(errors: Pick<FieldErrorsState, 'clear' | 'clearUnder'>) {
  const [lines, setLines] = useState<Line[]>([]);
  const [announcement, setAnnouncement] = useState('');

  const total = lines.reduce((sum, l) => sum + l.unitPriceCents * parseQuantity(l.quantity), 0);

  // Lines of the same drink need their options in their labels to stay unique.
  const labelFor = (line: Line) => (lines.filter((l) => l.itemId === line.itemId).length > 1 ? capitalize(describeDrink(line)) : line.name);

  /** Adds one drink; the same drink with the same options adds to its line instead. */
  function add(item: MenuItemView, size: Size, milk: Milk | null) {
    const unitPriceCents = priceOf(item, size, milk);
    const key = `${item.id}:${size}:${milk ?? '-'}`;
    setLines((current) => {
      const existing = current.find((l) => l.key === key);
      if (existing) {
        return current.map((l) => (l.key === key ? { ...l, quantity: String(Math.min(MAX_QUANTITY, parseQuantity(l.quantity) + 1)) } : l));
      }
      return [...current, { key, itemId: item.id, name: item.name, size, milk, quantity: '1', unitPriceCents }];
    });
    errors.clear('items');
    setAnnouncement(`Added ${describeDrink({ name: item.name, size, milk })} to your order.`);
  }

  function updateQuantity(key: string, quantity: string) {
    setLines((current) => current.map((l) => (l.key === key ? { ...l, quantity } : l)));
    const index = lines.findIndex((l) => l.key === key);
    errors.clear(`items.${index}.quantity`);
  }

  function remove(line: Line) {
    const label = labelFor(line);
    setLines((current) => current.filter((l) => l.key !== line.key));
    // Line errors are keyed by position; after a line is removed they would point at the wrong
    // line, so they are dropped rather than mislabelled.
    errors.clearUnder('items.');
    setAnnouncement(`Removed ${label} from your order.`);
  }

  return { lines, total, announcement, labelFor, add, updateQuantity, remove };
}

export type Cart = ReturnType<typeof useCart>;
