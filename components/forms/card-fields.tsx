// The card inputs, each labelled by a Field and keyed by its error path (see CARD_FIELDS). What
// follows the inputs (which test cards this shop's demo knows) is the caller's.
import type { ReactNode } from 'react';
import { CARD_FIELDS, type CardDraft, type CardField, inputId } from './card';
import { Field } from './field';
import type { FieldErrors } from './field-errors';

/** How each card input differs from the others. */
const CARD_INPUTS: Record<keyof CardDraft, { autoComplete: string; placeholder: string; maxLength: number }> = {
  number: { autoComplete: 'cc-number', placeholder: '1234 1234 1234 1234', maxLength: 32 },
  expMonth: { autoComplete: 'cc-exp-month', placeholder: 'MM', maxLength: 2 },
  expYear: { autoComplete: 'cc-exp-year', placeholder: 'YYYY', maxLength: 4 },
  cvc: { autoComplete: 'cc-csc', placeholder: '123', maxLength: 4 },
};

export function CardFields({
  formId,
  card,
  errors,
  onChange,
  children,
}: {
  formId: string;
  card: CardDraft;
  errors: FieldErrors;
  onChange: (field: keyof CardDraft, value: string) => void;
  children?: ReactNode;
}) {
  // The number gets a row of its own; expiry and CVC share the next one.
  const [numberField, ...expiryAndCvcFields] = CARD_FIELDS;
  const input = (field: CardField) => (
    <Field key={field.key} id={inputId(formId, field.key)} label={field.label} error={errors[field.key]}>
      {(props) => (
        <input
          {...props}
          type="text"
          inputMode="numeric"
          {...CARD_INPUTS[field.name]}
          value={card[field.name]}
          onChange={(e) => onChange(field.name, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <fieldset className="space-y-3">
      <legend className="text-lg font-semibold text-roast-900">Card</legend>
      {input(numberField)}
      <div className="grid grid-cols-3 gap-3">{expiryAndCvcFields.map(input)}</div>
      {children}
    </fieldset>
  );
}
