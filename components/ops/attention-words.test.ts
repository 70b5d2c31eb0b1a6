import { describe, expect, test } from 'vitest';
import { resolutionText } from './attention-words';

describe('resolutionText', () => {
  test('a hand resolution shows who resolved it and the note they wrote', () => {
    expect(resolutionText({ resolution: 'resolved', resolvedBy: 'Olu', note: 'Sent by hand.' })).toBe('Resolved by Olu: Sent by hand.');
  });

  test('a step that worked when run again says so, and who ran it', () => {
    expect(resolutionText({ resolution: 'retried', resolvedBy: 'Sam (ops)', note: null })).toBe('Worked when run again by Sam (ops)');
  });

  test('a compensation says what the shop did instead', () => {
    expect(resolutionText({ resolution: 'compensated', resolvedBy: 'Olu', note: null })).toBe('Compensated by Olu: cancelled and refunded');
  });
});
