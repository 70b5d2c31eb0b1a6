import { describe, expect, test } from 'vitest';
import { findInvisibleCharacter, isPlainText } from './text';

describe('isPlainText', () => {
  test.each([
    ['a plain name', 'Sam'],
    ['accents and other scripts', 'Zoë Ødegård 王小明 محمد Ἀθηνᾶ'],
    ['spaces, hyphens and apostrophes', "Mary-Jane O'Neil"],
    ['an emoji with a variation selector (a mark, not a format character)', 'Sam ☕️'],
    ['a character newer than this runtime knows (unassigned here)', 'x\u{1FAE9}'],
  ])('%s is fine', (_, text) => {
    expect(isPlainText(text)).toBe(true);
  });

  test.each([
    ['right-to-left override', 'Sam\u202Emoc.liam', 'U+202E'],
    ['left-to-right embedding', '\u202ASam', 'U+202A'],
    ['right-to-left isolate', 'Sam\u2067x', 'U+2067'],
    ['pop directional isolate', 'Sam\u2069', 'U+2069'],
    ['zero-width space', 'S\u200Bam', 'U+200B'],
    ['zero-width non-joiner', 'S\u200Cam', 'U+200C'],
    ['zero-width joiner', 'S\u200Dam', 'U+200D'],
    ['word joiner', 'S\u2060am', 'U+2060'],
    ['byte-order mark', '\uFEFFSam', 'U+FEFF'],
    ['soft hyphen', 'Sa\u00ADm', 'U+00AD'],
    ['a NUL', 'Sam\u0000', 'U+0000'],
    ['an escape (terminal colours)', '\u001B[31mSam', 'U+001B'],
    ['a C1 control', 'Sam\u0085', 'U+0085'],
    ['a line break', 'Sam\nBob', 'U+000A'],
    ['a tab', 'Sam\tBob', 'U+0009'],
    ['a line separator', 'Sam\u2028Bob', 'U+2028'],
    ['a paragraph separator', 'Sam\u2029Bob', 'U+2029'],
    ['a private-use character', 'Sam\uE000', 'U+E000'],
    ['a lone surrogate', 'Sam\uD800', 'U+D800'],
    ['a tag character', 'Sam\u{E0041}', 'U+E0041'],
  ])('%s is refused', (_, text, found) => {
    expect(isPlainText(text)).toBe(false);
    expect(findInvisibleCharacter(text)).toBe(found);
  });

  test('line breaks and tabs are allowed when asked for, nothing else is', () => {
    const rules = { allowLineBreaks: true };
    expect(isPlainText('Refunded by hand.\r\nCalled the customer.\tDone.', rules)).toBe(true);
    expect(findInvisibleCharacter('Refunded\n\u202Eby hand', rules)).toBe('U+202E');
    expect(findInvisibleCharacter('Refunded\u2028by hand', rules)).toBe('U+2028');
    expect(findInvisibleCharacter('Refunded\u0000', rules)).toBe('U+0000');
  });
});
