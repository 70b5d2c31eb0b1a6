// After a failed check, the list of what to fix, each a link to its field. An error the form has
// no field for (a path the server knows and the form does not show) is still listed, as text.
import type { FieldErrors } from './field-errors';

/** Where the error under `key` is shown: a link to `href`, worded `text`. */
export interface ErrorPlace {
  key: string;
  href: string;
  text: string;
  /** For a place with no error text of its own beside it (a section, not a field): say it here. */
  withMessage?: boolean;
}

export function ErrorSummary({
  places,
  errors,
  shownElsewhere = () => false,
}: {
  places: ErrorPlace[];
  errors: FieldErrors;
  /** Errors shown beside something that is not linked from here (say, a line of the order). */
  shownElsewhere?: (key: string) => boolean;
}) {
  const links = places.filter((p) => errors[p.key]);
  const strays = Object.entries(errors).filter(([key]) => !places.some((p) => p.key === key) && !shownElsewhere(key));
  if (links.length === 0 && strays.length === 0) return null;
  return (
    <div className="mt-2">
      <p>Please check:</p>
      <ul className="mt-1 list-inside list-disc">
        {links.map((l) => (
          <li key={l.key}>
            <a href={l.href} className="underline underline-offset-2">
              {l.text}
            </a>
            {l.withMessage && <>: {errors[l.key]}</>}
          </li>
        ))}
        {strays.map(([key, message]) => (
          <li key={key}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
