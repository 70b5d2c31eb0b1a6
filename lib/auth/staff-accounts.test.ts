import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, KNOWN_DEMO_PASSWORDS, loginOf, parseStaffAccounts } from './staff-accounts';

describe('the STAFF_ACCOUNTS setting', () => {
  it('gives one account per person, each with its own role and password', () => {
    expect(parseStaffAccounts('Sam:barista:s3cret-sam, Olu:ops:pass:with:colons')).toEqual({
      ok: true,
      accounts: [
        { name: 'Sam', role: 'barista', password: 's3cret-sam' },
        { name: 'Olu', role: 'ops', password: 'pass:with:colons' },
      ],
    });
  });

  it('says what is wrong with each entry, without repeating a password', () => {
    const result = parseStaffAccounts('Sam:admin:hunter2hunter2,Olu:ops:short,sam:barista:another-one,nocolons,:ops:abcdefgh');
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      expect.stringMatching(/account 1 \(Sam\): the role must be barista or ops/),
      expect.stringMatching(/account 2 \(Olu\): the password must have at least 8/),
      expect.stringMatching(/account 3 \(sam\): that name is already taken/),
      expect.stringMatching(/account 4: expected name:role:password/),
      expect.stringMatching(/account 5: the name must be/),
    ]);
    expect(problems.join(' ')).not.toMatch(/hunter2|short|another-one/);
    expect(parseStaffAccounts(' , ')).toEqual({ ok: false, problems: [expect.stringMatching(/no accounts/)] });
  });

  it('folds names for look-ups', () => {
    expect(loginOf('  Olu ')).toBe('olu');
    expect(loginOf('OLU')).toBe(loginOf('olu'));
  });

  it('knows every demo password (and the old shared one) as public', () => {
    for (const account of DEMO_ACCOUNTS) expect(KNOWN_DEMO_PASSWORDS.has(account.password)).toBe(true);
    expect(KNOWN_DEMO_PASSWORDS.has('barista-and-ops')).toBe(true);
    expect(DEMO_ACCOUNTS.some((a) => a.role === 'ops') && DEMO_ACCOUNTS.some((a) => a.role === 'barista')).toBe(true);
  });
});
