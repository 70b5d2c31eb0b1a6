import { describe, expect, test } from 'vitest';
import { type CardInput, normalizeCardNumber, passesLuhn, validateCard } from './card';

// "Now" is always handed in; mid-June 2025, UTC.
const NOW = new Date('2025-06-15T12:00:00.000Z');

const good: CardInput = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' };

function fieldsOf(result: ReturnType<typeof validateCard>): Record<string, string> {
  if (result.ok) throw new Error('expected a validation failure');
  expect(result.error.code).toBe('VALIDATION');
  return result.error.fields ?? {};
}

describe('normalizeCardNumber', () => {
  test('drops the spaces and dashes customers type', () => {
    expect(normalizeCardNumber('4242 4242-4242  4242')).toBe('4242424242424242');
    expect(normalizeCardNumber(' 4242\t4242 ')).toBe('42424242');
  });

  test('keeps anything else, so letters are still caught later', () => {
    expect(normalizeCardNumber('4242-abcd')).toBe('4242abcd');
  });
});

describe('passesLuhn', () => {
  test.each(['4242424242424242', '4000000000000002', '4000000000009995', '4000000000003220'])('the test card %s passes', (number) => {
    expect(passesLuhn(number)).toBe(true);
  });

  test('a mistyped last digit fails', () => {
    expect(passesLuhn('4242424242424241')).toBe(false);
  });

  test.each([
    ['letters', '42424242424242a2'],
    ['spaces', '4242 4242 4242 4242'],
    ['11 digits', '00000000000'],
    ['20 digits', '00000000000000000000'],
    ['nothing', ''],
  ])('a number with %s fails even if its digits add up', (_, number) => {
    expect(passesLuhn(number)).toBe(false);
  });

  test('12 and 19 digits are the shortest and longest accepted', () => {
    expect(passesLuhn('000000000000')).toBe(true);
    expect(passesLuhn('0000000000000000000')).toBe(true);
  });
});

describe('validateCard', () => {
  test('a good card gives back the bare number and its last four digits', () => {
    expect(validateCard(good, NOW)).toEqual({ ok: true, value: { number: '4242424242424242', last4: '4242' } });
  });

  test('a number that fails the checksum is an error on card.number', () => {
    expect(Object.keys(fieldsOf(validateCard({ ...good, number: '4242424242424241' }, NOW)))).toEqual(['card.number']);
  });

  test.each(['4242', '4242 4242 4242 424x', '42424242424242424242'])('the number "%s" is an error on card.number', (number) => {
    expect(Object.keys(fieldsOf(validateCard({ ...good, number }, NOW)))).toEqual(['card.number']);
  });

  test('a card expiring this month is still valid', () => {
    expect(validateCard({ ...good, expMonth: 6, expYear: 2025 }, NOW).ok).toBe(true);
  });

  test('a card that expired last month is an error on card.expYear', () => {
    const fields = fieldsOf(validateCard({ ...good, expMonth: 5, expYear: 2025 }, NOW));

    expect(Object.keys(fields)).toEqual(['card.expYear']);
    expect(fields['card.expYear']).toMatch(/expired/);
  });

  test('expiry is judged against the "now" passed in, not the real clock', () => {
    const card = { ...good, expMonth: 1, expYear: 2020 };

    expect(validateCard(card, new Date('2020-01-31T23:59:59.000Z')).ok).toBe(true);
    expect(validateCard(card, new Date('2020-02-01T00:00:00.000Z')).ok).toBe(false);
  });

  test('two-digit years mean 20xx', () => {
    expect(validateCard({ ...good, expMonth: 6, expYear: 25 }, NOW).ok).toBe(true);
    expect(Object.keys(fieldsOf(validateCard({ ...good, expMonth: 6, expYear: 24 }, NOW)))).toEqual(['card.expYear']);
  });

  test('a year more than 20 years ahead is an error on card.expYear', () => {
    expect(validateCard({ ...good, expYear: 2045 }, NOW).ok).toBe(true);
    expect(Object.keys(fieldsOf(validateCard({ ...good, expYear: 2046 }, NOW)))).toEqual(['card.expYear']);
  });

  test.each([0, 13, -1, 1.5, Number.NaN])('month %s is an error on card.expMonth', (expMonth) => {
    expect(Object.keys(fieldsOf(validateCard({ ...good, expMonth }, NOW)))).toEqual(['card.expMonth']);
  });

  test.each(['123', '1234'])('a %s-character cvc is accepted', (cvc) => {
    expect(validateCard({ ...good, cvc }, NOW).ok).toBe(true);
  });

  test.each(['', '12', '12345', '12a', ' 123'])('the cvc "%s" is an error on card.cvc', (cvc) => {
    expect(Object.keys(fieldsOf(validateCard({ ...good, cvc }, NOW)))).toEqual(['card.cvc']);
  });

  test('reports every bad field at once', () => {
    const fields = fieldsOf(validateCard({ number: '1234', expMonth: 13, expYear: 2030, cvc: '1' }, NOW));

    expect(Object.keys(fields).sort()).toEqual(['card.cvc', 'card.expMonth', 'card.number']);
  });
});
