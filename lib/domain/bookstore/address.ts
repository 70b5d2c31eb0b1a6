// Shipping address rules, checked before the card is asked for anything.
import { type Result, fail, ok } from '../shared/result';
import { INVISIBLE_CHARACTER_MESSAGE, isPlainText } from '../shared/text';

export const COUNTRIES = {
  GB: 'United Kingdom',
  IE: 'Ireland',
  FR: 'France',
  DE: 'Germany',
  NL: 'Netherlands',
  US: 'United States',
} as const;
export type CountryCode = keyof typeof COUNTRIES;

export interface ShippingAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postcode: string;
  country: CountryCode;
}

export interface AddressInput {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  postcode: string;
  country: string;
}

// Enough to catch typos, not a full postal validator: the courier has the last word.
const POSTCODES: Record<CountryCode, { pattern: RegExp; example: string }> = {
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, example: 'SW1A 1AA' },
  IE: { pattern: /^[A-Z]\d[\dW] ?[A-Z\d]{4}$/, example: 'D02 X285' },
  FR: { pattern: /^\d{5}$/, example: '75001' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/, example: '1012 AB' },
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '94105' },
};

const LIMITS = { name: 80, line1: 100, line2: 100, city: 60 } as const;

export function validateAddress(input: AddressInput): Result<ShippingAddress, 'VALIDATION'> {
  const fields: Record<string, string> = {};
  const clean = (s: string | null | undefined) => (s ?? '').trim().replace(/\s+/g, ' ');
  const name = clean(input.name);
  const line1 = clean(input.line1);
  const line2 = clean(input.line2);
  const city = clean(input.city);
  const postcode = clean(input.postcode).toUpperCase();

  if (!name) fields['address.name'] = 'Who should the parcel be addressed to?';
  else if (name.length > LIMITS.name) fields['address.name'] = `Keep the name to ${LIMITS.name} characters.`;
  if (!line1) fields['address.line1'] = 'Enter the street and house number.';
  else if (line1.length > LIMITS.line1) fields['address.line1'] = `Keep this line to ${LIMITS.line1} characters.`;
  if (line2.length > LIMITS.line2) fields['address.line2'] = `Keep this line to ${LIMITS.line2} characters.`;
  if (!city) fields['address.city'] = 'Enter the town or city.';
  else if (city.length > LIMITS.city) fields['address.city'] = `Keep the city to ${LIMITS.city} characters.`;

  const country = Object.hasOwn(COUNTRIES, input.country) ? (input.country as CountryCode) : null;
  if (!country) fields['address.country'] = 'Choose a country we ship to.';
  else if (!POSTCODES[country].pattern.test(postcode)) {
    fields['address.postcode'] = postcode
      ? `That does not look like a ${COUNTRIES[country]} postcode (for example ${POSTCODES[country].example}).`
      : 'Enter the postcode.';
  }

  // Printed on the parcel and read by staff: refuse what changes how text displays (see
  // shared/text.ts). Tabs and line breaks are only whitespace here, folded to spaces above.
  for (const key of ['name', 'line1', 'line2', 'city', 'postcode'] as const) {
    if (!isPlainText(input[key] ?? '', { allowLineBreaks: true })) fields[`address.${key}`] = INVISIBLE_CHARACTER_MESSAGE;
  }

  if (!country || Object.keys(fields).length > 0) return fail('VALIDATION', 'Check the shipping address.', fields);
  return ok({ name, line1, line2: line2 || null, city, postcode, country });
}
