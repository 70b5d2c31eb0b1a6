// What the counter needs to take the payment: a name to call out, and the card. Each input is
// labelled by a Field, and its error key is the one the counter answers with.
import { CardFields } from '../forms/card-fields';
import type { CardDraft } from '../forms/card';
import { Field } from '../forms/field';
import type { FieldErrors } from '../forms/field-errors';
import { MAX_NAME_LENGTH } from './order-draft';

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

      <CardFields formId={formId} card={card} errors={errors} onChange={onCardChange}>
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
      </CardFields>
    </>
  );
}
