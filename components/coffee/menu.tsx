'use client';
// The menu beside the order: each drink with its own size and milk choice, priced as chosen.
import { useId, useState } from 'react';
import type { Milk, Size } from '@/lib/domain/coffee/menu';
import type { MenuView } from '@/lib/queries/menu';
import { formatMoney, milkLabel, sizeLabel } from '../format';
import { type MenuItemView, priceOf } from './order-draft';

type OnAdd = (item: MenuItemView, size: Size, milk: Milk | null) => void;

/**
 * `locked` while a payment is in flight: the order being paid must not change under it, so the
 * menu cannot add to it until the card has answered.
 */
export function Menu({
  formId,
  menu,
  onAdd,
  locked,
}: {
  formId: string;
  menu: MenuView;
  onAdd: OnAdd;
  locked: boolean;
}) {
  return (
    <section aria-labelledby={`${formId}-menu`}>
      <h2 id={`${formId}-menu`} className="text-2xl font-semibold text-roast-900">
        Menu
      </h2>
      {menu.items.length === 0 ? (
        <p className="card mt-4 p-6 text-roast-700">
          The menu is empty. Seed it with <code className="font-mono">npm run db:seed</code>.
        </p>
      ) : (
        <fieldset disabled={locked} aria-describedby={locked ? `${formId}-menu-locked` : undefined} className="min-w-0">
          <legend className="sr-only">Drinks to add</legend>
          {locked && (
            <p id={`${formId}-menu-locked`} className="mt-2 text-sm text-roast-700">
              Paying — the order cannot change until the card answers.
            </p>
          )}
          <ul className="mt-4 grid gap-4 sm:grid-cols-2">
            {menu.items.map((item) => (
              <li key={item.id}>
                <MenuCard item={item} onAdd={onAdd} />
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </section>
  );
}

function MenuCard({ item, onAdd }: { item: MenuItemView; onAdd: OnAdd }) {
  const id = useId();
  const [size, setSize] = useState<Size>('M');
  const [milk, setMilk] = useState<Milk | null>(item.milks.length > 0 ? 'whole' : null);
  return (
    <article aria-labelledby={`${id}-name`} className="card flex h-full flex-col gap-3 p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={`${id}-name`} className="text-lg font-semibold text-roast-900">
          {item.name}
        </h3>
        <p className="font-semibold tabular-nums text-roast-800">{formatMoney(priceOf(item, size, milk))}</p>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${id}-size`} className="field-label">
            Size
          </label>
          <select
            id={`${id}-size`}
            value={size}
            onChange={(e) => setSize(e.target.value as Size)}
            className="field-input py-1.5"
          >
            {item.sizes.map((s) => (
              <option key={s.id} value={s.id}>
                {sizeLabel(s.id)}
              </option>
            ))}
          </select>
        </div>
        {item.milks.length > 0 && (
          <div>
            <label htmlFor={`${id}-milk`} className="field-label">
              Milk
            </label>
            <select
              id={`${id}-milk`}
              value={milk ?? ''}
              onChange={(e) => setMilk(e.target.value as Milk)}
              className="field-input py-1.5"
            >
              {item.milks.map((m) => (
                <option key={m.id} value={m.id}>
                  {milkLabel(m.id)}
                  {m.surchargeCents > 0 ? ` (+${formatMoney(m.surchargeCents)})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <button type="button" onClick={() => onAdd(item, size, milk)} className="btn btn-secondary mt-auto">
        Add {item.name}
      </button>
    </article>
  );
}
