// Input validation only: placeCoffeeOrder itself needs a database and is covered by the
// integration tests.
import { describe, expect, test } from 'vitest';
import { MAX_NAME_LENGTH, PlaceCoffeeOrderRequest } from './place-coffee-order';

const valid = {
  customerName: 'Ada',
  items: [
    { itemId: 'latte', size: 'L', milk: 'oat', quantity: 2 },
    { itemId: 'espresso', size: 'M', quantity: 1 },
  ],
  card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' },
};

type Body = Record<string, unknown>;

/** The paths (dotted) of every issue zod finds in the body. */
function issuePaths(body: unknown): string[] {
  const result = PlaceCoffeeOrderRequest.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((i) => i.path.join('.'));
}

function withItem(patch: Body): Body {
  return { ...valid, items: [{ ...valid.items[0], ...patch }] };
}

function withCard(patch: Body): Body {
  return { ...valid, card: { ...valid.card, ...patch } };
}

describe('PlaceCoffeeOrderRequest', () => {
  test('accepts a well-formed order', () => {
    const parsed = PlaceCoffeeOrderRequest.parse(valid);

    expect(parsed.items).toHaveLength(2);
    expect(parsed.items[1]?.milk).toBeUndefined();
  });

  test('trims the name the barista will call out', () => {
    expect(PlaceCoffeeOrderRequest.parse({ ...valid, customerName: '  Ada  ' }).customerName).toBe('Ada');
  });

  test.each([
    ['empty', ''],
    ['only whitespace', '   \t '],
    [`${MAX_NAME_LENGTH + 1} characters`, 'x'.repeat(MAX_NAME_LENGTH + 1)],
    ['a number', 42],
    ['missing', undefined],
  ])('a name that is %s is refused on customerName', (_, customerName) => {
    expect(issuePaths({ ...valid, customerName })).toEqual(['customerName']);
  });

  test.each([
    ['a right-to-left override', 'Sam\u202E'],
    ['a zero-width space', 'S\u200Bam'],
    ['a byte-order mark inside', 'Sa\uFEFFm'],
    ['a line break inside', 'Sam\nBob'],
  ])('a name with %s is refused on customerName, with a message that says so', (_, customerName) => {
    const result = PlaceCoffeeOrderRequest.safeParse({ ...valid, customerName });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['customerName', 'Use letters, not control characters (some were pasted in).'],
    ]);
  });

  test('a name in any script, or with an emoji, is accepted', () => {
    expect(issuePaths({ ...valid, customerName: 'Zoë 王 محمد ☕️' })).toEqual([]);
  });

  test(`a ${MAX_NAME_LENGTH}-character name is accepted, and surrounding spaces do not count`, () => {
    const name = 'x'.repeat(MAX_NAME_LENGTH);

    expect(issuePaths({ ...valid, customerName: name })).toEqual([]);
    expect(issuePaths({ ...valid, customerName: `   ${name}   ` })).toEqual([]);
  });

  test('an order without drinks is refused on items', () => {
    expect(issuePaths({ ...valid, items: [] })).toEqual(['items']);
  });

  test.each([
    ['missing', undefined],
    ['not a list', 'latte'],
    ['more than 20 lines', Array(21).fill(valid.items[1])],
  ])('items that are %s are refused on items', (_, items) => {
    expect(issuePaths({ ...valid, items })).toEqual(['items']);
  });

  test.each([0, -1, 1000, 1.5, '2', null])('quantity %j is refused on items.0.quantity', (quantity) => {
    expect(issuePaths(withItem({ quantity }))).toEqual(['items.0.quantity']);
  });

  test('a bad field on the second line is reported against index 1', () => {
    const body = { ...valid, items: [valid.items[0], { ...valid.items[1], quantity: 0 }] };

    expect(issuePaths(body)).toEqual(['items.1.quantity']);
  });

  test.each([1, 20])('quantity %s is accepted', (quantity) => {
    expect(issuePaths(withItem({ quantity }))).toEqual([]);
  });

  test.each(['XL', 's', '', 2])('size %j is refused on items.0.size', (size) => {
    expect(issuePaths(withItem({ size }))).toEqual(['items.0.size']);
  });

  test.each(['almond', 'Oat', ''])('milk %j is refused on items.0.milk', (milk) => {
    expect(issuePaths(withItem({ milk }))).toEqual(['items.0.milk']);
  });

  test.each([null, undefined])('milk may be left out (%s)', (milk) => {
    expect(issuePaths(withItem({ milk }))).toEqual([]);
  });

  test.each([
    ['empty', ''],
    ['a number', 7],
    ['missing', undefined],
  ])('an itemId that is %s is refused on items.0.itemId', (_, itemId) => {
    expect(issuePaths(withItem({ itemId }))).toEqual(['items.0.itemId']);
  });

  test('a missing card is refused on card', () => {
    const { card: _card, ...withoutCard } = valid;

    expect(issuePaths(withoutCard)).toEqual(['card']);
  });

  test('a card that is not an object is refused on card', () => {
    expect(issuePaths({ ...valid, card: '4242424242424242' })).toEqual(['card']);
  });

  test.each([
    ['number', 4242424242424242],
    ['number', 'x'.repeat(33)],
    ['cvc', 123],
    ['cvc', '123456789'],
    ['expMonth', 'June'],
    ['expMonth', 6.5],
    ['expYear', undefined],
  ])('card.%s = %j is refused on that field', (field, value) => {
    expect(issuePaths(withCard({ [field]: value }))).toEqual([`card.${field}`]);
  });

  test('expiry month and year typed as text are read as numbers', () => {
    const parsed = PlaceCoffeeOrderRequest.parse(withCard({ expMonth: '06', expYear: '2030' }));

    expect(parsed.card).toMatchObject({ expMonth: 6, expYear: 2030 });
  });

  test('reports every bad field at once', () => {
    const body = { customerName: '', items: [{ itemId: 'latte', size: 'XL', milk: 'almond', quantity: 0 }] };

    expect(issuePaths(body).sort()).toEqual(['card', 'customerName', 'items.0.milk', 'items.0.quantity', 'items.0.size']);
  });

  test('a body that is not an object at all is refused', () => {
    expect(PlaceCoffeeOrderRequest.safeParse('order please').success).toBe(false);
    expect(PlaceCoffeeOrderRequest.safeParse(null).success).toBe(false);
  });
});
