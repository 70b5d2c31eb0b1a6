// Money is integer cents everywhere; this is the one place it becomes text (pages and e-mails).
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** 420 → "$4.20". */
export function formatMoney(cents: number): string {
  return usd.format(cents / 100);
}
