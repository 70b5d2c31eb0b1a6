// What the customer has typed at checkout so far, and the plain rules about it: the obvious
// mistakes, caught before asking the shop, and the request it becomes. The server checks
// everything again (postcode formats, card dates). No React here.
import { COUNTRIES, type CountryCode } from '@/lib/domain/bookstore/address';
import { type CardDraft, newCardDraft, toCardInput, validateCard } from '../forms/card';
import type { FieldErrors } from '../forms/field-errors';

export interface AddressDraft {
  name: string;
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  country: string;
}

export interface CheckoutDraft {
  address: AddressDraft;
  card: CardDraft;
}

type TextField = Exclude<keyof AddressDraft, 'country'>;

/** The address text inputs, in screen order; `key` is the field path errors come back under. */
export const ADDRESS_FIELDS = [
  { name: 'name', label: 'Full name', autoComplete: 'shipping name', maxLength: 80, required: 'Who should the parcel be addressed to?' },
  {
    name: 'line1',
    label: 'Address line 1',
    autoComplete: 'shipping address-line1',
    maxLength: 100,
    required: 'Enter the street and house number.',
  },
  { name: 'line2', label: 'Address line 2 (optional)', autoComplete: 'shipping address-line2', maxLength: 100, required: null },
  { name: 'city', label: 'Town or city', autoComplete: 'shipping address-level2', maxLength: 60, required: 'Enter the town or city.' },
  { name: 'postcode', label: 'Postcode', autoComplete: 'shipping postal-code', maxLength: 12, required: 'Enter the postcode.' },
] as const satisfies readonly { name: TextField; label: string; autoComplete: string; maxLength: number; required: string | null }[];

export const COUNTRY_LABEL = 'Country';

export const COUNTRY_OPTIONS = Object.entries(COUNTRIES) as [CountryCode, string][];

/** The error key of an address input: 'address.postcode'. */
export const addressKey = (name: keyof AddressDraft) => `address.${name}` as const;

export function newCheckoutDraft(): CheckoutDraft {
  return {
    address: { name: '', line1: '', line2: '', city: '', postcode: '', country: 'GB' },
    card: newCardDraft(),
  };
}

/** The obvious mistakes: required fields left empty. */
export function validateCheckout({ address, card }: CheckoutDraft): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of ADDRESS_FIELDS) {
    if (field.required && address[field.name].trim() === '') errors[addressKey(field.name)] = field.required;
  }
  if (!(address.country in COUNTRIES)) errors[addressKey('country')] = 'Choose a country we ship to.';
  return { ...errors, ...validateCard(card) };
}

/** The body the checkout action parses (PlaceBookOrderRequest). */
export function toCheckoutInput({ address, card }: CheckoutDraft) {
  const trimmed = Object.fromEntries(Object.entries(address).map(([k, v]) => [k, v.trim()])) as unknown as AddressDraft;
  return {
    address: { ...trimmed, line2: trimmed.line2 || null },
    card: toCardInput(card),
  };
}
