// Where the parcel goes. Each input's error key ('address.city') is the one the shop answers
// with, so a refusal lands beside the right field.
import { inputId } from '../forms/card';
import { Field } from '../forms/field';
import type { FieldErrors } from '../forms/field-errors';
import { ADDRESS_FIELDS, type AddressDraft, COUNTRY_LABEL, COUNTRY_OPTIONS, addressKey } from './checkout-draft';

export function AddressFields({
  formId,
  address,
  errors,
  onChange,
}: {
  formId: string;
  address: AddressDraft;
  errors: FieldErrors;
  onChange: (field: keyof AddressDraft, value: string) => void;
}) {
  const [name, line1, line2, city, postcode] = ADDRESS_FIELDS;
  const textInput = (field: (typeof ADDRESS_FIELDS)[number]) => (
    <Field
      key={field.name}
      id={inputId(formId, addressKey(field.name))}
      label={field.label}
      error={errors[addressKey(field.name)]}
    >
      {(props) => (
        <input
          {...props}
          type="text"
          autoComplete={field.autoComplete}
          maxLength={field.maxLength}
          value={address[field.name]}
          onChange={(e) => onChange(field.name, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <fieldset className="space-y-3">
      <legend className="text-lg font-semibold text-roast-900">Shipping address</legend>
      {[name, line1, line2].map(textInput)}
      <div className="grid gap-3 sm:grid-cols-2">{[city, postcode].map(textInput)}</div>
      <Field id={inputId(formId, addressKey('country'))} label={COUNTRY_LABEL} error={errors[addressKey('country')]}>
        {(props) => (
          <select
            {...props}
            autoComplete="shipping country"
            value={address.country}
            onChange={(e) => onChange('country', e.target.value)}
          >
            {COUNTRY_OPTIONS.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
