// Durations and rates as the lag pages write them. Pure, so the words are tested on their own.

/** "—" for nothing measured, "840 ms", "2.4 s", "1 min 05 s". */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1_000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** "0.52/s", "12/s", or "—" when nothing was completed lately. */
export function formatRate(perS: number | null): string {
  if (perS === null) return '—';
  return `${perS < 10 ? perS.toFixed(2) : Math.round(perS)}/s`;
}
