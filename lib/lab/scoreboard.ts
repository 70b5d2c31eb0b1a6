// The lab's scoreboard: what each design's panel actually put on screen, held against the truth
// the command returned. Pure (no clock, no I/O): the panel records each render with its own
// timestamp and this module judges them, so a count on screen is computed, never assumed.

/** What the command answered, synchronously, inside its one transaction. */
export type LabOutcome = 'paid' | 'declined';

/** Everything a panel can show about an order, from whichever source it read. */
export type LabShown =
  | 'nothing' // a spinner or an empty panel: no claim either way
  | 'not-found' // the read model did not know the order yet
  | 'paid'
  | 'making'
  | 'ready'
  | 'declined';

/** One thing a panel rendered, `atMs` after the customer pressed (the panel's own clock). */
export interface LabRender {
  atMs: number;
  shown: LabShown;
}

/** One press of a panel's button and everything the panel rendered for it. */
export interface LabPress {
  outcome: LabOutcome;
  renders: readonly LabRender[];
}

/** The final state of an order: a paid drink is handed over ready; a declined order ends there. */
export const finalStateOf = (outcome: LabOutcome): LabShown => (outcome === 'paid' ? 'ready' : 'declined');

/**
 * Whether what was shown contradicts the command's answer. A paid order may show as paid, being
 * made or ready (each is true at some moment); "not found" is a lie once the command said paid or
 * declined; a spinner claims nothing.
 */
export function contradicts(shown: LabShown, outcome: LabOutcome): boolean {
  if (shown === 'nothing') return false;
  if (outcome === 'declined') return shown !== 'declined';
  return shown === 'not-found' || shown === 'declined';
}

/** True when the press showed the customer at least one thing its own command had contradicted. */
export function violatedReadYourWrites(press: LabPress): boolean {
  return press.renders.some((r) => contradicts(r.shown, press.outcome));
}

/** When the panel first showed the command's answer truthfully (any true claim), or null if never yet. */
export function timeToTruthMs(press: LabPress): number | null {
  const first = press.renders.find((r) => r.shown !== 'nothing' && !contradicts(r.shown, press.outcome));
  return first ? first.atMs : null;
}

/** When the panel first showed the order's final state, or null if not yet. */
export function timeToFinalMs(press: LabPress): number | null {
  const final = finalStateOf(press.outcome);
  const first = press.renders.find((r) => r.shown === final);
  return first ? first.atMs : null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface LabScore {
  presses: number;
  violations: number;
  lastTimeToTruthMs: number | null;
  medianTimeToTruthMs: number | null;
  lastTimeToFinalMs: number | null;
  medianTimeToFinalMs: number | null;
}

/** The counts a panel shows for all its presses in this session (oldest first). */
export function score(presses: readonly LabPress[]): LabScore {
  const truths = presses.map(timeToTruthMs).filter((t): t is number => t !== null);
  const finals = presses.map(timeToFinalMs).filter((t): t is number => t !== null);
  const last = presses.at(-1);
  return {
    presses: presses.length,
    violations: presses.filter(violatedReadYourWrites).length,
    lastTimeToTruthMs: last ? timeToTruthMs(last) : null,
    medianTimeToTruthMs: median(truths),
    lastTimeToFinalMs: last ? timeToFinalMs(last) : null,
    medianTimeToFinalMs: median(finals),
  };
}
