// Who works here: one account per person, each with its own password and its role. The list is
// configured as STAFF_ACCOUNTS and written into the staff_members table by the seed
// (prisma/seed.ts), which keeps only password hashes. The role belongs to the account, so a
// barista's password can never open the ops pages, whatever the sign-in form says.
//
// Pure: no config, no I/O (lib/config.ts imports it to check the setting at start-up).
import type { StaffRole } from './session';

export interface StaffAccount {
  name: string;
  role: StaffRole;
  password: string;
}

export const STAFF_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .'_-]{0,39}$/u;
export const MIN_PASSWORD_LENGTH = 8;

/**
 * The accounts used when STAFF_ACCOUNTS is not set: for development, tests, the demo and the
 * bench only. Their passwords are in this public repository, so production refuses them (see
 * lib/config.ts) unless ALLOW_DEMO_CREDENTIALS=1 says this run is a demo.
 */
export const DEMO_ACCOUNTS: readonly StaffAccount[] = [
  { name: 'Sam', role: 'barista', password: 'barista-demo' },
  { name: 'Ada', role: 'barista', password: 'barista-demo' },
  { name: 'Bo', role: 'barista', password: 'barista-demo' },
  { name: 'Olu', role: 'ops', password: 'ops-demo-only' },
];

/** Passwords anybody can read here, including the one shared password the shop used to have. */
export const KNOWN_DEMO_PASSWORDS: ReadonlySet<string> = new Set([...DEMO_ACCOUNTS.map((a) => a.password), 'barista-and-ops']);

/** The key a name is looked up (and rate-limited) by: "Olu", " olu " and "OLU" are one person. */
export function loginOf(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/**
 * `STAFF_ACCOUNTS="Sam:barista:<password>,Olu:ops:<password>"` → accounts. The password is
 * everything after the second colon (so it may hold colons, not commas). Every problem is
 * reported, never the password itself.
 */
export function parseStaffAccounts(text: string): { ok: true; accounts: StaffAccount[] } | { ok: false; problems: string[] } {
  const accounts: StaffAccount[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) problems.push('no accounts: give at least one as name:role:password');
  for (const [index, entry] of entries.entries()) {
    const first = entry.indexOf(':');
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    const where = `account ${index + 1}`;
    if (second < 0) {
      problems.push(`${where}: expected name:role:password`);
      continue;
    }
    const name = entry.slice(0, first).trim();
    const role = entry.slice(first + 1, second).trim();
    const password = entry.slice(second + 1);
    if (!STAFF_NAME_PATTERN.test(name)) problems.push(`${where}: the name must be 1–40 letters, digits, spaces or . ' _ -`);
    if (role !== 'barista' && role !== 'ops') problems.push(`${where} (${name}): the role must be barista or ops`);
    if (password.length < MIN_PASSWORD_LENGTH)
      problems.push(`${where} (${name}): the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    if (seen.has(loginOf(name))) problems.push(`${where} (${name}): that name is already taken`);
    seen.add(loginOf(name));
    if (role === 'barista' || role === 'ops') accounts.push({ name, role, password });
  }
  return problems.length ? { ok: false, problems } : { ok: true, accounts };
}
