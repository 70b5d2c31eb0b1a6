// The staff settings for a production build run as a demo (npm run demo, the e2e shop, the
// bench). Production refuses to start without a SESSION_SECRET and with the public demo accounts
// (lib/config.ts, instrumentation.ts), so these runs say explicitly what they are: a secret made
// up for this run (unless one is given), and ALLOW_DEMO_CREDENTIALS=1 unless real accounts are
// configured in STAFF_ACCOUNTS.
import { randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS } from '../../lib/auth/staff-accounts';

export function demoStaffEnv(env: NodeJS.ProcessEnv): { SESSION_SECRET: string; ALLOW_DEMO_CREDENTIALS: string } {
  return {
    SESSION_SECRET: env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    ALLOW_DEMO_CREDENTIALS: env.STAFF_ACCOUNTS === undefined ? '1' : (env.ALLOW_DEMO_CREDENTIALS ?? '0'),
  };
}

/** How to sign in, for the demo's banner: the demo accounts, or a pointer to STAFF_ACCOUNTS. */
export function staffSignInLines(env: NodeJS.ProcessEnv): string[] {
  if (env.STAFF_ACCOUNTS !== undefined) return ['the accounts in your STAFF_ACCOUNTS'];
  const byRole = (role: 'barista' | 'ops') => {
    const accounts = DEMO_ACCOUNTS.filter((a) => a.role === role);
    const passwords = [...new Set(accounts.map((a) => a.password))];
    return `${role === 'ops' ? 'ops    ' : 'barista'} ${accounts.map((a) => a.name).join(', ')} — password ${passwords.join(' / ')}`;
  };
  return [byRole('barista'), byRole('ops'), 'these are public demo accounts (ALLOW_DEMO_CREDENTIALS=1): never use them for a real shop'];
}
