// Card input rules that the shop checks before it asks the network anything.
import { type Result, fail, ok } from '../shared/result';

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** Digits only: customers type spaces and dashes. */
export function normalizeCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function validateCard(card: CardInput, now: Date): Result<{ number: string; last4: string }, 'VALIDATION'> {
  const fields: Record<string, string> = {};
  const number = normalizeCardNumber(card.number);
  if (!/^\d{12,19}$/.test(number)) fields['card.number'] = 'Enter the 12 to 19 digits on the card.';
  else if (!passesLuhn(number)) fields['card.number'] = 'This card number is not valid; check the digits.';

  const month = card.expMonth;
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  if (!Number.isInteger(month) || month < 1 || month > 12) fields['card.expMonth'] = 'Month must be 1 to 12.';
  else if (!Number.isInteger(year) || year > now.getUTCFullYear() + 20) fields['card.expYear'] = 'Enter a valid year.';
  else if (year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
    fields['card.expYear'] = 'This card has expired.';
  }
  if (!/^\d{3,4}$/.test(card.cvc)) fields['card.cvc'] = 'The security code is 3 or 4 digits.';

  if (Object.keys(fields).length > 0) return fail('VALIDATION', 'Check the card details.', fields);
  return ok({ number, last4: number.slice(-4) });
}
