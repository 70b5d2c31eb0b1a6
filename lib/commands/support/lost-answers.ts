// When the card network's answer is lost on the way back, the request may or may not have gone
// through. The only safe question is "what happened under this key?" — asked a few times, briefly,
// since the network may still be writing it down. Never the request again under a new key.
const LOOKUP_WAITS_MS = [0, 200, 400, 800] as const;

/** The first record found, or null if the network never saw the request. */
export async function findAfterLostAnswer<T>(
  lookUp: () => Promise<T | null>,
  waits: readonly number[] = LOOKUP_WAITS_MS,
): Promise<T | null> {
  for (const wait of waits) {
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const found = await lookUp();
    if (found) return found;
  }
  return null;
}

/** The decline code of a payment the network never saw: nothing was taken, nothing held. */
export const NO_ANSWER_CODE = 'network_no_answer';
