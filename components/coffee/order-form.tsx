'use client';
// The counter: choose drinks, then pay and wait for the card's final answer. This is the one
// synchronous step of the coffee scenario, so the form holds the customer here until the answer
// comes back, and never lets one attempt turn into two charges (one idempotency key per attempt).
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { OrderSummary } from '@/lib/commands/order-summary';
import { type Milk, type Size, describeDrink } from '@/lib/domain/coffee/menu';
import type { ActionResult } from '@/lib/http/action-result';
import type { MenuView } from '@/lib/queries/menu';
import { capitalize, formatMoney, milkLabel, sizeLabel } from '../format';
import { Spinner } from '../ui/spinner';

type MenuItemView = MenuView['items'][number];

export type PlaceOrderAction = (
  input: unknown,
  idempotencyKey: string,
) => Promise<ActionResult<{ order: OrderSummary }>>;

interface Line {
  key: string;
  itemId: string;
  name: string;
  size: Size;
  milk: Milk | null;
  /** As typed, so the field can be cleared while editing; parsed when pricing and paying. */
  quantity: string;
  unitPriceCents: number;
}

type Phase = 'idle' | 'paying' | 'redirecting';

interface Problem {
  code: string;
  message: string;
}

const MAX_QUANTITY = 20;
const MAX_NAME_LENGTH = 40;

/** Answers after which the same attempt may be sent again with the same key. */
const RETRYABLE_CODES = new Set(['UNAVAILABLE', 'IDEMPOTENCY.IN_PROGRESS', 'NETWORK']);

const CARD_FIELDS = [
  { key: 'card.number', id: 'card-number', label: 'Card number' },
  { key: 'card.expMonth', id: 'card-exp-month', label: 'Expiry month' },
  { key: 'card.expYear', id: 'card-exp-year', label: 'Expiry year' },
  { key: 'card.cvc', id: 'card-cvc', label: 'CVC' },
] as const;

const TEST_CARDS = [
  { number: '4242 4242 4242 4242', outcome: 'approved' },
  { number: '4000 0000 0000 0002', outcome: 'declined' },
  { number: '4000 0000 0000 9995', outcome: 'insufficient funds' },
  { number: '4000 0000 0000 3220', outcome: 'slow (3 s) approval' },
] as const;

export function OrderForm({ menu, placeOrder }: { menu: MenuView; placeOrder: PlaceOrderAction }) {
  const router = useRouter();
  const formId = useId();
  const [lines, setLines] = useState<Line[]>([]);
  const [customerName, setCustomerName] = useState('');
  const [card, setCard] = useState(() => ({
    number: '',
    // A valid date a few years ahead, so a demo only needs a card number and a CVC.
    expMonth: '12',
    expYear: String(new Date().getFullYear() + 3),
    cvc: '',
  }));
  const [phase, setPhase] = useState<Phase>('idle');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [announcement, setAnnouncement] = useState('');

  // One key per payment attempt: made when the form mounts, kept for retries of that attempt,
  // replaced after any final answer so the next attempt (say, another card) is a new order.
  const idempotencyKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    idempotencyKey.current ??= newIdempotencyKey();
  }, []);

  useEffect(() => {
    if (problem) alertRef.current?.focus();
  }, [problem]);

  const total = lines.reduce((sum, l) => sum + l.unitPriceCents * parseQuantity(l.quantity), 0);
  const busy = phase !== 'idle';

  function addLine(item: MenuItemView, size: Size, milk: Milk | null) {
    const unitPriceCents = priceOf(item, size, milk);
    const key = `${item.id}:${size}:${milk ?? '-'}`;
    setLines((current) => {
      const existing = current.find((l) => l.key === key);
      if (existing) {
        return current.map((l) =>
          l.key === key ? { ...l, quantity: String(Math.min(MAX_QUANTITY, parseQuantity(l.quantity) + 1)) } : l,
        );
      }
      return [...current, { key, itemId: item.id, name: item.name, size, milk, quantity: '1', unitPriceCents }];
    });
    clearFieldError('items');
    setAnnouncement(`Added ${describeDrink({ name: item.name, size, milk })} to your order.`);
  }

  function updateQuantity(key: string, quantity: string) {
    setLines((current) => current.map((l) => (l.key === key ? { ...l, quantity } : l)));
    const index = lines.findIndex((l) => l.key === key);
    clearFieldError(`items.${index}.quantity`);
  }

  function removeLine(line: Line, label: string) {
    setLines((current) => current.filter((l) => l.key !== line.key));
    // Line errors are keyed by position, which just changed: drop them rather than mislabel.
    setFieldErrors((current) => Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith('items.'))));
    setAnnouncement(`Removed ${label} from your order.`);
  }

  function clearFieldError(key: string) {
    setFieldErrors((current) => {
      if (!(key in current)) return current;
      const { [key]: _removed, ...rest } = current;
      return rest;
    });
  }

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // `disabled` stops clicks, but not a second Enter press before React re-renders.
    if (inFlight.current) return;

    const clientErrors = validate(lines, customerName, card);
    if (Object.keys(clientErrors).length > 0) {
      setFieldErrors(clientErrors);
      setProblem({ code: 'VALIDATION', message: 'Some details need fixing.' });
      return;
    }

    inFlight.current = true;
    setPhase('paying');
    setProblem(null);
    setFieldErrors({});
    const key = (idempotencyKey.current ??= newIdempotencyKey());
    const input = {
      customerName: customerName.trim(),
      items: lines.map((l) => ({
        itemId: l.itemId,
        size: l.size,
        ...(l.milk ? { milk: l.milk } : {}),
        quantity: parseQuantity(l.quantity),
      })),
      card: {
        number: card.number,
        expMonth: Number(card.expMonth),
        expYear: Number(card.expYear),
        cvc: card.cvc.trim(),
      },
    };

    let result: ActionResult<{ order: OrderSummary }>;
    try {
      result = await placeOrder(input, key);
    } catch {
      result = {
        ok: false,
        code: 'NETWORK',
        message:
          'We lost touch with the counter before the card answered. Press Pay again: it asks about the same payment, so you will not be charged twice.',
      };
    }

    if (result.ok) {
      setPhase('redirecting');
      router.push(`/orders/${result.data.order.id}`);
      return;
    }

    if (!RETRYABLE_CODES.has(result.code)) idempotencyKey.current = newIdempotencyKey();
    setFieldErrors(result.fields ?? {});
    setProblem({ code: result.code, message: result.message });
    setPhase('idle');
    inFlight.current = false;
  }

  // Lines of the same drink need their options in their labels to stay unique.
  const labelFor = (line: Line) =>
    lines.filter((l) => l.itemId === line.itemId).length > 1 ? capitalize(describeDrink(line)) : line.name;

  const lineIndexOf = (key: string) => lines.findIndex((l) => l.key === key);

  // Errors the form has no field for still belong in the summary, with their message.
  const placedKeys = new Set<string>(['customerName', 'items', ...CARD_FIELDS.map((f) => f.key)]);
  const isPlaced = (key: string) => {
    const line = /^items\.(\d+)\./.exec(key);
    return placedKeys.has(key) || (line !== null && Number(line[1]) < lines.length);
  };
  const strayErrors = Object.entries(fieldErrors).filter(([k]) => !isPlaced(k));

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby={`${formId}-menu`}>
        <h2 id={`${formId}-menu`} className="text-2xl font-semibold text-roast-900">
          Menu
        </h2>
        {menu.items.length === 0 ? (
          <p className="card mt-4 p-6 text-roast-700">
            The menu is empty. Seed it with <code className="font-mono">npm run db:seed</code>.
          </p>
        ) : (
          <ul className="mt-4 grid gap-4 sm:grid-cols-2">
            {menu.items.map((item) => (
              <li key={item.id}>
                <MenuCard item={item} onAdd={addLine} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <form
        onSubmit={pay}
        noValidate
        aria-labelledby={`${formId}-order`}
        aria-busy={phase === 'paying'}
        className="card h-fit space-y-6 p-5 sm:p-6 lg:sticky lg:top-6"
      >
        <div>
          <h2 id={`${formId}-order`} className="text-2xl font-semibold text-roast-900">
            Your order
          </h2>
          <p role="status" className="sr-only">
            {announcement}
          </p>
          {lines.length === 0 ? (
            <p className="mt-3 rounded-xl border border-dashed border-roast-200 p-4 text-sm text-roast-600">
              Nothing yet — add a drink from the menu.
            </p>
          ) : (
            <ul className="mt-3 divide-y divide-roast-100">
              {lines.map((line) => {
                const label = labelFor(line);
                const index = lineIndexOf(line.key);
                const qtyId = `${formId}-qty-${line.key}`;
                const lineErrors = Object.entries(fieldErrors).filter(([k]) => k.startsWith(`items.${index}.`));
                const qtyError = fieldErrors[`items.${index}.quantity`];
                const otherErrors = lineErrors.filter(([k]) => k !== `items.${index}.quantity`);
                return (
                  <li key={line.key} className="py-3">
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="font-medium text-roast-900">{line.name}</p>
                        <p className="text-sm text-roast-600">
                          {[sizeLabel(line.size), milkLabel(line.milk)].filter(Boolean).join(' · ')} ·{' '}
                          {formatMoney(line.unitPriceCents)} each
                        </p>
                      </div>
                      <p className="font-semibold tabular-nums text-roast-900">
                        {formatMoney(line.unitPriceCents * parseQuantity(line.quantity))}
                      </p>
                    </div>
                    <div className="mt-2 flex items-center gap-3">
                      <label htmlFor={qtyId} className="sr-only">
                        Quantity of {label}
                      </label>
                      <span aria-hidden="true" className="text-sm text-roast-600">
                        Qty
                      </span>
                      <input
                        id={qtyId}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={MAX_QUANTITY}
                        step={1}
                        value={line.quantity}
                        onChange={(e) => updateQuantity(line.key, e.target.value)}
                        disabled={busy}
                        aria-invalid={qtyError ? true : undefined}
                        aria-describedby={qtyError ? `${qtyId}-error` : undefined}
                        className="field-input mt-0 w-20 py-1"
                      />
                      <button
                        type="button"
                        onClick={() => removeLine(line, label)}
                        disabled={busy}
                        className="btn btn-ghost ml-auto"
                      >
                        Remove<span className="sr-only"> {label}</span>
                      </button>
                    </div>
                    {qtyError && (
                      <p id={`${qtyId}-error`} className="field-error">
                        {qtyError}
                      </p>
                    )}
                    {otherErrors.map(([k, message]) => (
                      <p key={k} className="field-error">
                        {message}
                      </p>
                    ))}
                  </li>
                );
              })}
            </ul>
          )}
          {fieldErrors.items && (
            <p id={`${formId}-items-error`} className="field-error">
              {fieldErrors.items}
            </p>
          )}
          <div className="mt-3 flex items-baseline justify-between border-t border-roast-200 pt-3">
            <span className="font-medium text-roast-800">Total</span>
            <span className="text-xl font-semibold tabular-nums text-roast-950">{formatMoney(total)}</span>
          </div>
        </div>

        <Field
          id={`${formId}-name`}
          label="Name for the cup"
          error={fieldErrors.customerName}
          hint="We call this out when the drink is ready."
        >
          {(props) => (
            <input
              {...props}
              type="text"
              maxLength={MAX_NAME_LENGTH}
              autoComplete="given-name"
              value={customerName}
              onChange={(e) => {
                setCustomerName(e.target.value);
                clearFieldError('customerName');
              }}
            />
          )}
        </Field>

        <fieldset className="space-y-3">
          <legend className="text-lg font-semibold text-roast-900">Card</legend>
          <Field id={`${formId}-card-number`} label="Card number" error={fieldErrors['card.number']}>
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="numeric"
                autoComplete="cc-number"
                placeholder="1234 1234 1234 1234"
                maxLength={32}
                value={card.number}
                onChange={(e) => {
                  setCard((c) => ({ ...c, number: e.target.value }));
                  clearFieldError('card.number');
                }}
              />
            )}
          </Field>
          <div className="grid grid-cols-3 gap-3">
            <Field id={`${formId}-card-exp-month`} label="Expiry month" error={fieldErrors['card.expMonth']}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  inputMode="numeric"
                  autoComplete="cc-exp-month"
                  placeholder="MM"
                  maxLength={2}
                  value={card.expMonth}
                  onChange={(e) => {
                    setCard((c) => ({ ...c, expMonth: e.target.value }));
                    clearFieldError('card.expMonth');
                  }}
                />
              )}
            </Field>
            <Field id={`${formId}-card-exp-year`} label="Expiry year" error={fieldErrors['card.expYear']}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  inputMode="numeric"
                  autoComplete="cc-exp-year"
                  placeholder="YYYY"
                  maxLength={4}
                  value={card.expYear}
                  onChange={(e) => {
                    setCard((c) => ({ ...c, expYear: e.target.value }));
                    clearFieldError('card.expYear');
                  }}
                />
              )}
            </Field>
            <Field id={`${formId}-card-cvc`} label="CVC" error={fieldErrors['card.cvc']}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  inputMode="numeric"
                  autoComplete="cc-csc"
                  placeholder="123"
                  maxLength={4}
                  value={card.cvc}
                  onChange={(e) => {
                    setCard((c) => ({ ...c, cvc: e.target.value }));
                    clearFieldError('card.cvc');
                  }}
                />
              )}
            </Field>
          </div>
          <div className="rounded-xl bg-roast-50 p-3 text-sm text-roast-800">
            <p className="font-medium">Test cards (any CVC, any future expiry):</p>
            <ul className="mt-1 space-y-0.5">
              {TEST_CARDS.map((c) => (
                <li key={c.number}>
                  <code className="font-mono">{c.number}</code> — {c.outcome}
                </li>
              ))}
            </ul>
          </div>
        </fieldset>

        {problem && (
          <div
            ref={alertRef}
            role="alert"
            tabIndex={-1}
            className={`rounded-xl border p-4 text-sm ${
              problem.code === 'PAYMENT.DECLINED'
                ? 'border-red-300 bg-red-50 text-red-900'
                : 'border-amber-300 bg-amber-50 text-amber-950'
            }`}
          >
            <ProblemText problem={problem} />
            {problem.code === 'VALIDATION' && (
              <ErrorSummary fieldErrors={fieldErrors} strayErrors={strayErrors} formId={formId} lines={lines} />
            )}
          </div>
        )}

        <button type="submit" disabled={busy} className="btn btn-primary w-full py-3 text-base">
          {phase === 'paying' ? (
            <>
              <Spinner />
              <span>Paying… (waiting for your card)</span>
            </>
          ) : phase === 'redirecting' ? (
            <>
              <Spinner />
              <span>Paid — opening your order…</span>
            </>
          ) : (
            `Pay ${formatMoney(total)}`
          )}
        </button>
        <p className="text-center text-xs text-roast-600">
          You wait here for the card&apos;s answer. The barista may start your drink meanwhile; if the card is
          declined, they bin it.
        </p>
      </form>
    </div>
  );
}

function MenuCard({ item, onAdd }: { item: MenuItemView; onAdd: (item: MenuItemView, size: Size, milk: Milk | null) => void }) {
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

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  hint?: string;
  children: (props: {
    id: string;
    name: string;
    className: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({
        id,
        name: id,
        className: 'field-input',
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-roast-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function ProblemText({ problem }: { problem: Problem }) {
  switch (problem.code) {
    case 'PAYMENT.DECLINED':
      return (
        <>
          <p className="font-semibold">{problem.message}</p>
          <p className="mt-1">
            Your order was cancelled and nothing was charged. Everything you entered is still here — you can try
            another card.
          </p>
        </>
      );
    case 'VALIDATION':
      return <p className="font-semibold">{problem.message}</p>;
    case 'UNAVAILABLE':
    case 'IDEMPOTENCY.IN_PROGRESS':
    case 'NETWORK':
      return (
        <>
          <p className="font-semibold">{problem.message}</p>
          <p className="mt-1">Pressing Pay again continues this same payment; it never charges twice.</p>
        </>
      );
    default:
      return <p className="font-semibold">{problem.message}</p>;
  }
}

function ErrorSummary({
  fieldErrors,
  strayErrors,
  formId,
  lines,
}: {
  fieldErrors: Record<string, string>;
  strayErrors: [string, string][];
  formId: string;
  lines: Line[];
}) {
  const links: { href: string; text: string }[] = [];
  if (fieldErrors.customerName) links.push({ href: `#${formId}-name`, text: 'Name for the cup' });
  if (fieldErrors.items) links.push({ href: `#${formId}-order`, text: 'Your order' });
  lines.forEach((line, i) => {
    if (fieldErrors[`items.${i}.quantity`]) {
      links.push({ href: `#${formId}-qty-${line.key}`, text: `Quantity of ${capitalize(describeDrink(line))}` });
    }
  });
  for (const f of CARD_FIELDS) {
    if (fieldErrors[f.key]) links.push({ href: `#${formId}-${f.id}`, text: f.label });
  }
  if (links.length === 0 && strayErrors.length === 0) return null;
  return (
    <div className="mt-2">
      {links.length > 0 && (
        <>
          <p>Please check:</p>
          <ul className="mt-1 list-inside list-disc">
            {links.map((l) => (
              <li key={l.href}>
                <a href={l.href} className="underline underline-offset-2">
                  {l.text}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {strayErrors.length > 0 && (
        <ul className="mt-1 list-inside list-disc">
          {strayErrors.map(([k, message]) => (
            <li key={k}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function priceOf(item: MenuItemView, size: Size, milk: Milk | null): number {
  const sizeDelta = item.sizes.find((s) => s.id === size)?.deltaCents ?? 0;
  const surcharge = milk ? (item.milks.find((m) => m.id === milk)?.surchargeCents ?? 0) : 0;
  return item.priceCents + sizeDelta + surcharge;
}

function parseQuantity(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The obvious mistakes, caught before asking the counter; the server still checks everything. */
function validate(lines: Line[], customerName: string, card: { number: string; expMonth: string; expYear: string; cvc: string }) {
  const errors: Record<string, string> = {};
  if (lines.length === 0) errors.items = 'Add at least one drink.';
  lines.forEach((line, i) => {
    const n = Number(line.quantity);
    if (line.quantity.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_QUANTITY) {
      errors[`items.${i}.quantity`] = `Quantity must be a whole number from 1 to ${MAX_QUANTITY}.`;
    }
  });
  if (customerName.trim() === '') errors.customerName = 'Give a name to call out.';
  if (card.number.trim() === '') errors['card.number'] = 'Enter the card number.';
  if (card.expMonth.trim() === '') errors['card.expMonth'] = 'Enter the expiry month.';
  if (card.expYear.trim() === '') errors['card.expYear'] = 'Enter the expiry year.';
  if (card.cvc.trim() === '') errors['card.cvc'] = 'Enter the security code.';
  return errors;
}

/** crypto.randomUUID needs a secure context; plain-http demos on a LAN address still get a v4 id. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
