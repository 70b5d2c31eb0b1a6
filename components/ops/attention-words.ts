// What an order's timeline says about a step that gave up and went to a person, and what the
// person did. The same words on the customer's order page (both scenarios) and on the staff's
// needs-attention list: the customer reads the same story, told plainly, with nothing hidden.
import type { TimelineItem } from '@/lib/queries/order-view';

/** Timeline types written by the needs-attention machinery (lib/reactions/step-failures.ts). */
export const ATTENTION_FACTS = ['AttentionRaised', 'StepRetried', 'AttentionResolved'] as const;

const str = (d: Record<string, unknown>, key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
const num = (d: Record<string, unknown>, key: string) => (typeof d[key] === 'number' ? (d[key] as number) : undefined);
const tries = (n: number) => (n === 1 ? '1 try' : `${n} tries`);

/** Label and detail of a needs-attention fact, or null for any other timeline entry. */
export function describeAttentionFact(item: TimelineItem): { label: string; detail: string | null } | null {
  const d = item.data;
  const what = str(d, 'what') ?? 'A step';
  switch (item.type) {
    case 'AttentionRaised': {
      const attempts = num(d, 'attempts');
      const after = attempts === undefined ? '' : ` after ${tries(attempts)}`;
      return d.again === true
        ? { label: 'Still not working — back with a person at the shop', detail: `“${what}” failed again${after}.` }
        : { label: 'Handed to a person at the shop', detail: `“${what}” did not work${after}; someone at the shop will sort it out.` };
    }
    case 'StepRetried':
      return { label: 'Tried again by the shop', detail: `“${what}”, run again${by(d)}.` };
    case 'AttentionResolved':
      switch (str(d, 'resolution')) {
        case 'retried':
          return { label: 'Sorted: it worked when tried again', detail: `“${what}” went through.` };
        case 'compensated':
          return { label: 'Sorted: the shop cancelled and refunded', detail: `Instead of “${what}”${by(d)}.` };
        default:
          return { label: 'Sorted out by the shop', detail: `${str(d, 'note') ?? 'Resolved'}${signed(d)}` };
      }
    default:
      return null;
  }
}

/**
 * What became of an item that was dealt with, on one line of the resolved list: who did what,
 * and for a hand resolution the note itself ("Resolved by Sam (ops): Sent it by hand").
 */
export function resolutionText(item: { resolution: string | null; resolvedBy: string | null; note: string | null }): string {
  const who = item.resolvedBy ? ` by ${item.resolvedBy}` : '';
  switch (item.resolution) {
    case 'retried':
      return `Worked when run again${who}`;
    case 'compensated':
      return `Compensated${who}: cancelled and refunded${item.note ? ` — ${item.note}` : ''}`;
    default:
      return `Resolved${who}${item.note ? `: ${item.note}` : ''}`;
  }
}

function by(d: Record<string, unknown>): string {
  const name = str(d, 'by');
  return name ? ` by ${name}` : '';
}

function signed(d: Record<string, unknown>): string {
  const name = str(d, 'by');
  return name ? ` — ${name}` : '';
}
