// After a failed check, the list of what to fix, each a link to its field. An error the form has
// no field for (a path the counter knows and the form does not show) is still listed, as text.
import { describeDrink } from '@/lib/domain/coffee/menu';
import { capitalize } from '../format';
import { CARD_FIELDS, type FieldErrors, type Line } from './order-draft';

export function ErrorSummary({ formId, errors, lines }: { formId: string; errors: FieldErrors; lines: Line[] }) {
  const links: { href: string; text: string }[] = [];
  if (errors.customerName) links.push({ href: `#${formId}-name`, text: 'Name for the cup' });
  if (errors.items) links.push({ href: `#${formId}-order`, text: 'Your order' });
  lines.forEach((line, i) => {
    if (errors[`items.${i}.quantity`]) {
      links.push({ href: `#${formId}-qty-${line.key}`, text: `Quantity of ${capitalize(describeDrink(line))}` });
    }
  });
  for (const f of CARD_FIELDS) {
    if (errors[f.key]) links.push({ href: `#${formId}-${f.id}`, text: f.label });
  }
  const strays = strayErrors(errors, lines.length);
  if (links.length === 0 && strays.length === 0) return null;
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
      {strays.length > 0 && (
        <ul className="mt-1 list-inside list-disc">
          {strays.map(([k, message]) => (
            <li key={k}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

const PLACED_KEYS = new Set<string>(['customerName', 'items', ...CARD_FIELDS.map((f) => f.key)]);

/** Errors shown beside no field: keys the form does not have, or lines that no longer exist. */
function strayErrors(errors: FieldErrors, lineCount: number): [string, string][] {
  const isPlaced = (key: string) => {
    const line = /^items\.(\d+)\./.exec(key);
    return PLACED_KEYS.has(key) || (line !== null && Number(line[1]) < lineCount);
  };
  return Object.entries(errors).filter(([k]) => !isPlaced(k));
}
