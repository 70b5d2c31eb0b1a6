import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('staff password hashes', () => {
  it('verify the password they were made from, and nothing else', async () => {
    const stored = await hashPassword('a long enough password');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain('a long enough password');
    expect(await verifyPassword('a long enough password', stored)).toBe(true);
    for (const wrong of ['a long enough passwor', 'a long enough password ', 'A long enough password', '']) {
      expect(await verifyPassword(wrong, stored)).toBe(false);
    }
  });

  it('salt every hash, so equal passwords do not look equal', async () => {
    const [a, b] = await Promise.all([hashPassword('barista-demo'), hashPassword('barista-demo')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('barista-demo', a)).toBe(true);
    expect(await verifyPassword('barista-demo', b)).toBe(true);
  });

  it('never match a malformed or tampered hash, nor one with an absurd cost', async () => {
    const stored = await hashPassword('a long enough password');
    const parts = stored.split('$');
    const withCost = (n: string) => [parts[0], n, ...parts.slice(2)].join('$');
    const hash = parts[5]!;
    // The first character carries six bits of the key (the last one has padding bits to spare).
    const bent = [...parts.slice(0, 5), `${hash[0] === 'A' ? 'B' : 'A'}${hash.slice(1)}`].join('$');
    for (const bad of ['', 'plain-text-password', 'bcrypt$x', `${stored}$extra`, withCost('1073741824'), withCost('x'), bent]) {
      expect(await verifyPassword('a long enough password', bad)).toBe(false);
    }
  });
});
