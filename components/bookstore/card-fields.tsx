// The card, for the hold placed at checkout. The inputs and their error keys ('card.cvc') are the
// coffee counter's (CARD_FIELDS), so both shops answer card mistakes the same way.
import { Field } from '../coffee/field';
import { CARD_FIELDS, type CardDraft } from '../coffee/order-draft';
import { type FieldErrors, inputId } from './checkout-draft';

type CardField = (typeof CARD_FIELDS)[number];

const AUTOCOMPLETE: Record<keyof CardDraft, string> = {
  number: 'cc-number',
  expMonth: 'cc-exp-month',
  expYear: 'cc-exp-year',
  cvc: 'cc-csc',
};

const PLACEHOLDER: Record<keyof CardDraft, string> = { number: '1234 1234 1234 1234', expMonth: 'MM', expYear: 'YYYY', cvc: '123' };

const MAX_LENGTH: Record<keyof CardDraft, number> = { number: 32, expMonth: 2, expYear: 4, cvc: 4 };

export function CardFields({
  formId,
  card,
  errors,
  onChange,
}: {
  formId: string;
  card: CardDraft;
  errors: FieldErrors;
  onChange: (field: keyof CardDraft, value: string) => void;
}) {
  const [numberField, ...expiryAndCvcFields] = CARD_FIELDS;
  const input = (field: CardField) => (
    <Field key={field.key} id={inputId(formId, field.key)} label={field.label} error={errors[field.key]}>
      {(props) => (
        <input
          {...props}
          type="text"
          inputMode="numeric"
          autoComplete={AUTOCOMPLETE[field.name]}
          placeholder={PLACEHOLDER[field.name]}
          maxLength={MAX_LENGTH[field.name]}
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
      <p className="rounded-xl bg-roast-50 p-3 text-sm text-roast-800">
        Test cards: <code className="font-mono">4242 4242 4242 4242</code> is approved,{' '}
        <code className="font-mono">4000 0000 0000 0002</code> is declined (any CVC, any future expiry).
      </p>
    </fieldset>
  );
}
