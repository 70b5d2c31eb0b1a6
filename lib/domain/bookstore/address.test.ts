import { describe, expect, test } from 'vitest';
import { type AddressInput, COUNTRIES, validateAddress } from './address';

const good: AddressInput = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  line2: null,
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
};

function fieldsOf(result: ReturnType<typeof validateAddress>): Record<string, string> {
  if (result.ok) throw new Error('expected a validation failure');
  expect(result.error.code).toBe('VALIDATION');
  return result.error.fields ?? {};
}

describe('validateAddress', () => {
  test('a good address comes back as it was typed', () => {
    expect(validateAddress(good)).toEqual({ ok: true, value: good });
  });

  test('trims every field, collapses runs of spaces and upper-cases the postcode', () => {
    const result = validateAddress({
      name: '  Ada   Lovelace ',
      line1: '12\tSt  James\nSquare',
      line2: '  Flat   3 ',
      city: ' London  ',
      postcode: '  sw1y   4jh ',
      country: 'GB',
    });

    expect(result).toEqual({
      ok: true,
      value: { name: 'Ada Lovelace', line1: '12 St James Square', line2: 'Flat 3', city: 'London', postcode: 'SW1Y 4JH', country: 'GB' },
    });
  });

  test.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['only spaces', '   '],
  ])('an address line 2 that is %s becomes null', (_, line2) => {
    const result = validateAddress({ ...good, line2 });

    expect(result).toMatchObject({ ok: true, value: { line2: null } });
  });

  test.each([
    ['GB', 'sw1a 1aa', 'SW1A 1AA'],
    ['GB', 'M1 1AE', 'M1 1AE'],
    ['GB', 'ec1a1bb', 'EC1A1BB'],
    ['IE', 'd02 x285', 'D02 X285'],
    ['IE', 'D6W1234', 'D6W1234'],
    ['FR', '75001', '75001'],
    ['DE', '10115', '10115'],
    ['NL', '1012 ab', '1012 AB'],
    ['US', '94105', '94105'],
    ['US', '94105-1234', '94105-1234'],
  ])('a %s postcode typed as "%s" is accepted as "%s"', (country, postcode, expected) => {
    const result = validateAddress({ ...good, country, postcode });

    expect(result).toMatchObject({ ok: true, value: { country, postcode: expected } });
  });

  test('every country we ship to has a postcode rule that accepts its own example', () => {
    // The example in each error message must itself be valid, or the hint misleads.
    for (const country of Object.keys(COUNTRIES)) {
      const fields = fieldsOf(validateAddress({ ...good, country, postcode: '?' }));
      const example = /for example (.+)\)/.exec(fields['address.postcode'] ?? '')?.[1];

      expect({ country, example: typeof example }).toEqual({ country, example: 'string' });
      expect({ country, ok: validateAddress({ ...good, country, postcode: example ?? '' }).ok }).toEqual({ country, ok: true });
    }
  });

  test.each([
    ['name', { name: '  ' }, 'address.name'],
    ['street', { line1: '' }, 'address.line1'],
    ['city', { city: '\t' }, 'address.city'],
    ['postcode', { postcode: '' }, 'address.postcode'],
  ])('a missing %s is an error on its own field', (_, change, field) => {
    expect(Object.keys(fieldsOf(validateAddress({ ...good, ...change })))).toEqual([field]);
  });

  test('an empty postcode is asked for, rather than called malformed', () => {
    expect(fieldsOf(validateAddress({ ...good, postcode: ' ' }))['address.postcode']).toBe('Enter the postcode.');
  });

  test.each([
    ['GB', '12345'],
    ['GB', 'SW1A 1A'],
    ['IE', 'D02-X285'],
    ['FR', '7500'],
    ['DE', '101155'],
    ['NL', '1012 A'],
    ['US', '9410'],
    ['US', '94105-12'],
  ])('"%s" does not accept the postcode "%s"', (country, postcode) => {
    const fields = fieldsOf(validateAddress({ ...good, country, postcode }));

    expect(Object.keys(fields)).toEqual(['address.postcode']);
    expect(fields['address.postcode']).toContain(COUNTRIES[country as keyof typeof COUNTRIES]);
  });

  test.each(['XX', 'gb', 'UK', '', ' GB'])('the country "%s" is one we do not ship to', (country) => {
    const fields = fieldsOf(validateAddress({ ...good, country }));

    expect(Object.keys(fields)).toEqual(['address.country']);
  });

  // Plain-object lookups see Object.prototype too: a name inherited from it is not a country, and
  // an expected failure must come back as a value, never as a throw.
  test('a country named like an Object.prototype property is one we do not ship to, not a crash', () => {
    for (const country of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const attempt = () => validateAddress({ ...good, country });

      expect(attempt, country).not.toThrow();
      expect({ country, fields: Object.keys(fieldsOf(attempt())) }).toEqual({ country, fields: ['address.country'] });
    }
  });

  test.each([
    ['name', 80, 'address.name'],
    ['line1', 100, 'address.line1'],
    ['line2', 100, 'address.line2'],
    ['city', 60, 'address.city'],
  ] as const)('a %s of %i characters is accepted, one more is an error on its field', (key, limit, field) => {
    expect(validateAddress({ ...good, [key]: 'a'.repeat(limit) }).ok).toBe(true);

    const fields = fieldsOf(validateAddress({ ...good, [key]: 'a'.repeat(limit + 1) }));

    expect(Object.keys(fields)).toEqual([field]);
    expect(fields[field]).toContain(String(limit));
  });

  test('the length limit counts the cleaned text, not the spaces around it', () => {
    expect(validateAddress({ ...good, name: `   ${'a'.repeat(80)}   ` }).ok).toBe(true);
    expect(validateAddress({ ...good, city: `${'a'.repeat(30)}      ${'b'.repeat(29)}` }).ok).toBe(true);
  });

  test.each([
    ['name', 'Ada \u202Eecalevol'],
    ['name', 'Ad\u200Ba Lovelace'],
    ['line1', '12 St James\u2066 Square'],
    ['line2', 'Flat 2\uFEFF'],
    ['city', 'Lon\u0000don'],
    ['postcode', 'SW1Y\u00AD4JH'],
  ] as const)('a %s with a control or format character is refused, not cleaned', (field, value) => {
    expect(fieldsOf(validateAddress({ ...good, [field]: value }))).toEqual({
      [`address.${field}`]: 'Use letters, not control characters (some were pasted in).',
    });
  });

  test('a name pasted over two lines is still only whitespace', () => {
    const result = validateAddress({ ...good, name: 'Ada\nLovelace' });
    expect(result.ok && result.value.name).toBe('Ada Lovelace');
  });

  test('reports every bad field at once', () => {
    const fields = fieldsOf(validateAddress({ name: '', line1: ' ', line2: 'x'.repeat(101), city: '', postcode: 'nope', country: 'FR' }));

    expect(Object.keys(fields).sort()).toEqual(['address.city', 'address.line1', 'address.line2', 'address.name', 'address.postcode']);
  });

  test('an unknown country is reported alongside the other bad fields, with no postcode judged', () => {
    const fields = fieldsOf(validateAddress({ ...good, name: '', postcode: 'nope', country: 'ZZ' }));

    expect(Object.keys(fields).sort()).toEqual(['address.country', 'address.name']);
  });
});
