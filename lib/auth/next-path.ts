// Where to go after signing in. Only a path on this site is accepted — "/ops", "/barista?x=1" —
// never "//evil.example", "/\evil.example", "https://…" or anything with control characters,
// which a browser would treat as another site (an open redirect).
const FALLBACK = '/barista';

export function safeNext(next: unknown, fallback = FALLBACK): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 512) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Browsers drop tabs and newlines in URLs and read "\" as "/": refuse rather than normalise.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    const url = new URL(next, 'http://same.invalid');
    if (url.origin !== 'http://same.invalid') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
