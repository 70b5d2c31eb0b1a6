// Identifiers: UUID version 7 (RFC 9562) — a millisecond timestamp, then random bits.
//
// Every row the shop writes is keyed by one of these, and most tables are indexed by them. Random
// (v4) ids scatter each insert across the whole B-tree, so as history grows every insert touches
// a cold page; time-ordered ids land at the right-hand edge, where the pages are already in
// memory. Same format as any UUID, so nothing that stores or validates them changes.
import { randomBytes } from 'node:crypto';

export function newId(now: number = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
