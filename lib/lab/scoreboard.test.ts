import { describe, expect, it } from 'vitest';
import { contradicts, median, score, timeToFinalMs, timeToTruthMs, violatedReadYourWrites } from './scoreboard';

describe('lab scoreboard', () => {
  it('counts a stale read after a paid command as a read-your-writes violation', () => {
    const press = {
      outcome: 'paid' as const,
      renders: [
        { atMs: 40, shown: 'not-found' as const },
        { atMs: 3050, shown: 'making' as const },
      ],
    };
    expect(violatedReadYourWrites(press)).toBe(true);
    expect(timeToTruthMs(press)).toBe(3050);
  });

  it('does not count a spinner as a claim, but the wait is the time to truth', () => {
    const press = {
      outcome: 'paid' as const,
      renders: [
        { atMs: 0, shown: 'nothing' as const },
        { atMs: 4600, shown: 'ready' as const },
      ],
    };
    expect(violatedReadYourWrites(press)).toBe(false);
    expect(timeToTruthMs(press)).toBe(4600);
    expect(timeToFinalMs(press)).toBe(4600);
  });

  it('treats anything but "declined" as contradicting a declined command', () => {
    expect(contradicts('paid', 'declined')).toBe(true);
    expect(contradicts('not-found', 'declined')).toBe(true);
    expect(contradicts('declined', 'declined')).toBe(false);
    expect(contradicts('declined', 'paid')).toBe(true);
    expect(contradicts('making', 'paid')).toBe(false);
  });

  it('has no time to truth or final state before the panel shows one', () => {
    const press = { outcome: 'paid' as const, renders: [{ atMs: 30, shown: 'not-found' as const }] };
    expect(timeToTruthMs(press)).toBeNull();
    expect(timeToFinalMs(press)).toBeNull();
  });

  it('scores a session: violations counted per press, last and median times', () => {
    const s = score([
      {
        outcome: 'paid',
        renders: [
          { atMs: 20, shown: 'paid' },
          { atMs: 1500, shown: 'ready' },
        ],
      },
      {
        outcome: 'paid',
        renders: [
          { atMs: 25, shown: 'not-found' },
          { atMs: 3010, shown: 'paid' },
          { atMs: 4600, shown: 'ready' },
        ],
      },
      {
        outcome: 'declined',
        renders: [
          { atMs: 30, shown: 'not-found' },
          { atMs: 40, shown: 'not-found' },
          { atMs: 3020, shown: 'declined' },
        ],
      },
    ]);
    expect(s).toEqual({
      presses: 3,
      violations: 2,
      lastTimeToTruthMs: 3020,
      medianTimeToTruthMs: 3010,
      lastTimeToFinalMs: 3020,
      medianTimeToFinalMs: 3020,
    });
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
