// Text that people type and staff read: names called out at the counter, printed on parcels,
// shown on the barista board and the needs-attention list. Some characters never render as
// themselves and exist to change how the rest renders: bidi overrides (U+202A–U+202E,
// U+2066–U+2069) can make "Sam" display reversed or push text over a neighbouring column,
// zero-width characters (U+200B–U+200D, U+2060, U+FEFF) make two names look alike but differ,
// C0/C1 controls can break logs and terminals. Such text is refused with a message, never
// quietly stripped: what is stored is exactly what the person typed.
//
// Refused (Unicode general categories): Cc control, Cf format, Cs lone surrogate, Co private use,
// Zl/Zp line and paragraph separators. Unassigned code points (Cn) are let through: they may be
// characters newer than this runtime's Unicode tables, and they carry no formatting power.
// Zero-width joiners do have legitimate uses (some emoji sequences, Persian and Indic spelling);
// names here are called out and printed, so the look-alike risk wins.

const REFUSED = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;
const REFUSED_EXCEPT_LINE_BREAKS = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;

/** What a person is told: names the problem without showing the invisible character. */
export const INVISIBLE_CHARACTER_MESSAGE = 'Use letters, not control characters (some were pasted in).';

export interface TextRules {
  /** Tabs and line breaks are fine (a note written over several lines). Default: no. */
  allowLineBreaks?: boolean;
}

/** The first refused character, as "U+202E" (for logs and tests), or null if the text is plain. */
export function findInvisibleCharacter(text: string, rules: TextRules = {}): string | null {
  const match = (rules.allowLineBreaks ? REFUSED_EXCEPT_LINE_BREAKS : REFUSED).exec(text);
  if (!match) return null;
  const code = match[0].codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function isPlainText(text: string, rules: TextRules = {}): boolean {
  return findInvisibleCharacter(text, rules) === null;
}
