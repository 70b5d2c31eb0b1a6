import { describe, expect, test } from 'vitest';
import { MAX_LINES, type MenuItem, type RequestedLine, describeDrink, priceLines, totalCents, unitPrice } from './menu';

const latte: MenuItem = { id: 'latte', name: 'Latte', priceCents: 450, takesMilk: true };
const espresso: MenuItem = { id: 'espresso', name: 'Espresso', priceCents: 300, takesMilk: false };
const menu = new Map([latte, espresso].map((i) => [i.id, i]));

function fieldsOf(result: ReturnType<typeof priceLines>): Record<string, string> {
  if (result.ok) throw new Error('expected a validation failure');
  expect(result.error.code).toBe('VALIDATION');
  return result.error.fields ?? {};
}

describe('unitPrice', () => {
  test('a medium costs the listed price', () => {
    expect(unitPrice(espresso, 'M', null)).toBe(300);
  });

  test('a small is 40 cents less and a large 60 cents more', () => {
    expect(unitPrice(espresso, 'S', null)).toBe(260);
    expect(unitPrice(espresso, 'L', null)).toBe(360);
  });

  test('whole milk is free, oat adds 60 cents and soy 50', () => {
    expect(unitPrice(latte, 'M', 'whole')).toBe(450);
    expect(unitPrice(latte, 'M', 'oat')).toBe(510);
    expect(unitPrice(latte, 'M', 'soy')).toBe(500);
  });

  test('size and milk surcharges add up', () => {
    expect(unitPrice(latte, 'L', 'oat')).toBe(450 + 60 + 60);
    expect(unitPrice(latte, 'S', 'soy')).toBe(450 - 40 + 50);
  });
});

describe('totalCents', () => {
  test('sums unit price times quantity over all lines', () => {
    expect(
      totalCents([
        { unitPriceCents: 570, quantity: 2 },
        { unitPriceCents: 300, quantity: 1 },
      ]),
    ).toBe(1440);
  });

  test('is zero for no lines', () => {
    expect(totalCents([])).toBe(0);
  });
});

describe('priceLines', () => {
  test('prices every line against the menu, keeping the order of the request', () => {
    const result = priceLines(menu, [
      { itemId: 'latte', size: 'L', milk: 'oat', quantity: 2 },
      { itemId: 'espresso', size: 'S', quantity: 1 },
    ]);

    expect(result).toEqual({
      ok: true,
      value: [
        { itemId: 'latte', name: 'Latte', size: 'L', milk: 'oat', quantity: 2, unitPriceCents: 570 },
        { itemId: 'espresso', name: 'Espresso', size: 'S', milk: null, quantity: 1, unitPriceCents: 260 },
      ],
    });
  });

  test.each([undefined, null])('a milk drink with milk %s gets whole milk at no extra cost', (milk) => {
    const result = priceLines(menu, [{ itemId: 'latte', size: 'M', milk, quantity: 1 }]);

    expect(result).toMatchObject({ ok: true, value: [{ milk: 'whole', unitPriceCents: 450 }] });
  });

  test('a drink without milk has milk null when none is asked for', () => {
    const result = priceLines(menu, [{ itemId: 'espresso', size: 'M', milk: null, quantity: 1 }]);

    expect(result).toMatchObject({ ok: true, value: [{ milk: null, unitPriceCents: 300 }] });
  });

  test("asking for milk in a drink made without it is an error on that line's milk", () => {
    const fields = fieldsOf(priceLines(menu, [{ itemId: 'espresso', size: 'M', milk: 'oat', quantity: 1 }]));

    expect(Object.keys(fields)).toEqual(['items.0.milk']);
    expect(fields['items.0.milk']).toContain('Espresso');
  });

  test("an item that is not on the menu is an error on that line's itemId", () => {
    const fields = fieldsOf(priceLines(menu, [{ itemId: 'mocha', size: 'M', quantity: 1 }]));

    expect(Object.keys(fields)).toEqual(['items.0.itemId']);
    expect(fields['items.0.itemId']).toContain('mocha');
  });

  test.each([0, -1, 21, 1.5, Number.NaN])("quantity %s is an error on that line's quantity", (quantity) => {
    const fields = fieldsOf(
      priceLines(menu, [
        { itemId: 'latte', size: 'M', quantity: 1 },
        { itemId: 'latte', size: 'M', quantity },
      ]),
    );

    expect(Object.keys(fields)).toEqual(['items.1.quantity']);
  });

  test.each([1, 20])('quantity %s is accepted', (quantity) => {
    expect(priceLines(menu, [{ itemId: 'latte', size: 'M', quantity }]).ok).toBe(true);
  });

  test('an empty order is an error on items', () => {
    expect(Object.keys(fieldsOf(priceLines(menu, [])))).toEqual(['items']);
  });

  test(`more than ${MAX_LINES} lines is an error on items, even when every line is fine`, () => {
    const line: RequestedLine = { itemId: 'espresso', size: 'M', quantity: 1 };

    expect(priceLines(menu, Array(MAX_LINES).fill(line)).ok).toBe(true);
    expect(Object.keys(fieldsOf(priceLines(menu, Array(MAX_LINES + 1).fill(line))))).toEqual(['items']);
  });

  test('reports every bad line at once, each against its own index, and prices nothing', () => {
    const result = priceLines(menu, [
      { itemId: 'mocha', size: 'M', quantity: 1 },
      { itemId: 'latte', size: 'M', quantity: 1 },
      { itemId: 'latte', size: 'M', quantity: 0 },
      { itemId: 'espresso', size: 'M', milk: 'soy', quantity: 1 },
    ]);

    expect(result.ok).toBe(false);
    expect(Object.keys(fieldsOf(result)).sort()).toEqual(['items.0.itemId', 'items.2.quantity', 'items.3.milk']);
  });
});

describe('describeDrink', () => {
  test('calls out size, plant milk and name the way a barista says it', () => {
    expect(describeDrink({ name: 'Latte', size: 'L', milk: 'oat' })).toBe('large oat latte');
    expect(describeDrink({ name: 'Flat White', size: 'S', milk: 'soy' })).toBe('small soy flat white');
  });

  test('leaves whole milk unsaid, and says nothing about milk for a drink without it', () => {
    expect(describeDrink({ name: 'Latte', size: 'M', milk: 'whole' })).toBe('medium latte');
    expect(describeDrink({ name: 'Espresso', size: 'S', milk: null })).toBe('small espresso');
  });

  test('an unknown size code is said as it is', () => {
    expect(describeDrink({ name: 'Latte', size: 'XL', milk: null })).toBe('XL latte');
  });
});
