// The note a person leaves when resolving a needs-attention item is read by the next person and
// told to the customer's timeline: it may run over several lines, but may not carry characters
// that change how the rest displays. Input validation only (no database).
import { describe, expect, test } from 'vitest';
import { ResolveAttentionRequest } from './attention';

const itemId = '0192f5c4-7c2e-7a1b-9e3d-2f6a8b1c4d5e';
const messages = (note: string) => {
  const result = ResolveAttentionRequest.safeParse({ itemId, note });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the note on a resolved attention item', () => {
  test('may run over several lines', () => {
    expect(messages('Refunded by hand.\r\nCalled the customer.')).toEqual([]);
  });

  test.each([
    ['a right-to-left override', 'Refunded \u202Ednah yb'],
    ['a zero-width joiner', 'Refun\u200Dded'],
    ['an escape sequence', '\u001B[2JRefunded'],
  ])('with %s is refused', (_, note) => {
    expect(messages(note)).toEqual(['note: Use letters, not control characters (some were pasted in).']);
  });
});
