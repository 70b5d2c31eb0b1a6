import { describe, expect, test } from 'vitest';
import { parseControlCommand } from './control';
import { NOTHING_WRONG, Switches, fromPercent, happens, isNothingWrong, parseSaveRequest, toPercent } from './settings';

describe('the switches', () => {
  test('default to nothing going wrong', () => {
    expect(NOTHING_WRONG).toEqual({
      card: { declineRate: 0, extraLatencyMs: 0, unknownOutcomeRate: 0 },
      barista: { spillRate: 0, slowness: 1, outOfOatMilk: false },
      courier: { outage: false },
    });
    expect(isNothingWrong(NOTHING_WRONG)).toBe(true);
  });

  test('fill in what a stored row or a request leaves out', () => {
    const parsed = Switches.parse({ card: { declineRate: 0.5 }, courier: { outage: true } });
    expect(parsed.card).toEqual({ declineRate: 0.5, extraLatencyMs: 0, unknownOutcomeRate: 0 });
    expect(parsed.barista).toEqual(NOTHING_WRONG.barista);
    expect(parsed.courier.outage).toBe(true);
    expect(isNothingWrong(parsed)).toBe(false);
  });

  test('drop settings they do not know (an older or newer version wrote them)', () => {
    const parsed = Switches.parse({ card: { declineRate: 0.1, colour: 'red' }, weather: 'rain' });
    expect(parsed).toEqual({ ...NOTHING_WRONG, card: { ...NOTHING_WRONG.card, declineRate: 0.1 } });
  });

  test.each([
    [{ card: { declineRate: 1.01 } }],
    [{ card: { declineRate: -0.1 } }],
    [{ card: { extraLatencyMs: 30_001 } }],
    [{ card: { extraLatencyMs: 1.5 } }],
    [{ card: { unknownOutcomeRate: 2 } }],
    [{ barista: { slowness: 0.5 } }],
    [{ barista: { slowness: 11 } }],
    [{ barista: { outOfOatMilk: 'yes' } }],
    [{ courier: { outage: 1 } }],
    [{ card: { declineRate: '0.5' } }],
  ])('refuse out-of-range or mistyped values: %j', (input) => {
    expect(Switches.safeParse(input).success).toBe(false);
  });
});

describe('a save request', () => {
  test('carries the whole set of switches and the version the form showed', () => {
    const result = parseSaveRequest({ switches: { barista: { slowness: 3 } }, version: 4 });
    expect(result).toEqual({
      ok: true,
      request: { switches: { ...NOTHING_WRONG, barista: { ...NOTHING_WRONG.barista, slowness: 3 } }, version: 4 },
    });
  });

  test('names each bad field by its path, for the control beside it', () => {
    const result = parseSaveRequest({ switches: { card: { declineRate: 1.5, extraLatencyMs: -1 } }, version: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields['card.declineRate']).toBe('Must be at most 1.');
    expect(result.fields['card.extraLatencyMs']).toBe('Must be at least 0.');
  });

  test('needs a whole, non-negative version', () => {
    for (const version of [undefined, -1, 1.5, '3']) {
      const result = parseSaveRequest({ switches: {}, version });
      expect(result.ok, String(version)).toBe(false);
      if (!result.ok) expect(Object.keys(result.fields)).toEqual(['version']);
    }
  });

  test('without a body at all is refused as a whole', () => {
    expect(parseSaveRequest(null)).toEqual({ ok: false, fields: { form: expect.any(String) } });
  });
});

describe('rates', () => {
  test('are shown as whole percentages and stored as shares', () => {
    expect(toPercent(0.1)).toBe(10);
    expect(toPercent(0.075)).toBe(8);
    expect(fromPercent(35)).toBe(0.35);
    expect(fromPercent(100)).toBe(1);
    expect(fromPercent(140)).toBe(1);
    expect(fromPercent(-5)).toBe(0);
    expect(fromPercent(12.4)).toBe(0.12);
  });

  test('0 never happens, 1 always does, anything between by chance', () => {
    const sequence = (values: number[]) => () => values.shift() ?? 0;
    expect(happens(0, () => 0)).toBe(false);
    expect(happens(1, () => 0.9999)).toBe(true);
    const random = sequence([0.1, 0.3, 0.29]);
    expect([happens(0.3, random), happens(0.3, random), happens(0.3, random)]).toEqual([true, false, true]);
  });
});

describe('a control command', () => {
  const id = '0190c0de-0000-7000-8000-000000000001';

  test('is a crash, for any worker or for one pid', () => {
    expect(parseControlCommand(JSON.stringify({ id, kind: 'crash', sentAt: 1 }))).toEqual({ id, kind: 'crash', sentAt: 1 });
    expect(parseControlCommand(JSON.stringify({ id, kind: 'crash', pid: 42, sentAt: 1 }))?.pid).toBe(42);
  });

  test.each(['not json', '{}', JSON.stringify({ id, kind: 'reboot', sentAt: 1 }), JSON.stringify({ id: 'x', kind: 'crash', sentAt: 1 })])(
    'anything else is ignored: %s',
    (message) => {
      expect(parseControlCommand(message)).toBeNull();
    },
  );
});
