// What the counter needs to take the payment: a name to call out, and the card. Each input is
// labelled by a Field, and its error key (see CARD_FIELDS) is the one the counter answers with.
import { Field } from './field';
import { CARD_FIELDS, type CardDraft, type FieldErrors, MAX_NAME_LENGTH } from './order-draft';

type CardField = (typeof CARD_FIELDS)[number];

/** How each card input differs from the others. */
const CARD_INPUTS: Record<keyof CardDraft, { autoComplete: string; placeholder: string; maxLength: number }> = {
  number: { autoComplete: 'cc-number', placeholder: '1234 1234 1234 1234', maxLength: 32 },
  expMonth: { autoComplete: 'cc-exp-month', placeholder: 'MM', maxLength: 2 },
  expYear: { autoComplete: 'cc-exp-year', placeholder: 'YYYY', maxLength: 4 },
  cvc: { autoComplete: 'cc-csc', placeholder: '123', maxLength: 4 },
};

const TEST_CARDS = [
  { number: '4242 4242 4242 4242', outcome: 'approved' },
  { number: '4000 0000 0000 0002', outcome: 'declined' },
  { number: '4000 0000 0000 9995', outcome: 'insufficient funds' },
  { number: '4000 0000 0000 3220', outcome: 'slow (3 s) approval' },
] as const;

export function PaymentFields({
  formId,
  customerName,
  card,
  errors,
  onNameChange,
  onCardChange,
}: {
  formId: string;
  customerName: string;
  card: CardDraft;
  errors: FieldErrors;
  onNameChange: (value: string) => void;
  onCardChange: (field: keyof CardDraft, value: string) => void;
}) {
  // The number gets a row of its own; expiry and CVC share the next one.
  const [numberField, ...expiryAndCvcFields] = CARD_FIELDS;
  const cardInput = (field: CardField) => (
    <Field key={field.key} id={`${formId}-${field.id}`} label={field.label} error={errors[field.key]}>
      {(props) => (
        <input
          {...props}
          type="text"
          inputMode="numeric"
          {...CARD_INPUTS[field.name]}
          value={card[field.name]}
          onChange={(e) => onCardChange(field.name, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <>
      <Field
        id={`${formId}-name`}
        label="Name for the cup"
        error={errors.customerName}
        hint="We call this out when the drink is ready."
      >
        {(props) => (
          <input
            {...props}
            type="text"
            maxLength={MAX_NAME_LENGTH}
            autoComplete="given-name"
            value={customerName}
            onChange={(e) => onNameChange(e.target.value)}
          />
        )}
      </Field>

      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold text-roast-900">Card</legend>
        {cardInput(numberField)}
        <div className="grid grid-cols-3 gap-3">{expiryAndCvcFields.map(cardInput)}</div>
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
    </>
  );
}
