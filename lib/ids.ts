// Identifiers: UUID version 7 (RFC 9562) — a millisecond timestamp, then random bits.
//
// Every row the shop writes is keyed by one of these, and most tables are indexed by them. Random
// (v4) ids scatter each insert across the whole B-tree, so as history grows every insert touches
// a cold page; time-ordered ids land at the right-hand edge, where the pages are already in
// memory. Same format as any UUID, so nothing that stores or validates them changes.
//
// Within one process the ids are strictly increasing, also within one millisecond: the 12 bits
// after the version are a counter (RFC 9562, method 1), so events written by one transaction sort
// in the order they were raised, and a timeline ordered by (time, id) reads as they happened.
import { randomBytes, randomInt } from 'node:crypto';

const COUNTER_MAX = 0xfff;
let lastMs = 0;
let counter = 0;

export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = randomInt(COUNTER_MAX >> 1); // start low, leaving room to count up
  } else if (now === lastMs || now > lastMs - 10_000) {
    // The same millisecond (or the clock stepped back a little): count on from the last id.
    if (++counter > COUNTER_MAX) {
      lastMs += 1;
      counter = 0;
    }
    now = lastMs;
  }
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (counter >> 8); // version 7, then the counter's top 4 bits
  b[7] = counter & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
