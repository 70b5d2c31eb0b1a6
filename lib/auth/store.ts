// Staff accounts and sessions in PostgreSQL. Each function is one statement (or one short
// transaction): signing in writes a session row, signing out marks it revoked, and every staff
// request reads it — the cookie's signature alone no longer decides, so a sign-out is final.
import { randomUUID } from 'node:crypto';
import { db } from '../db/client';
import { hashPassword, verifyPassword } from './password';
import { SESSION_MAX_AGE_S, type StaffRole } from './session';
import { type StaffAccount, loginOf } from './staff-accounts';

export interface StaffMemberRow {
  id: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
}

const asRole = (role: string): StaffRole | null => (role === 'ops' || role === 'barista' ? role : null);

export async function findStaffByName(name: string): Promise<StaffMemberRow | null> {
  const row = await db().staffMember.findUnique({
    where: { login: loginOf(name) },
    select: { id: true, name: true, role: true, passwordHash: true },
  });
  const role = row && asRole(row.role);
  return row && role ? { ...row, role } : null;
}

/**
 * A new live session for this person, ending SESSION_MAX_AGE_S from now. Their sessions that have
 * expired go at the same time, so the table holds at most a day's worth per person (a revoked
 * one stays until its expiry: it is what proves a replayed cookie was signed out).
 */
export async function openSession(staff: { id: string; role: StaffRole }, now: Date): Promise<{ id: string; expiresAt: Date }> {
  const session = { id: randomUUID(), expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000) };
  await db().$transaction([
    db().staffSession.deleteMany({ where: { staffId: staff.id, expiresAt: { lte: now } } }),
    db().staffSession.create({
      data: { id: session.id, staffId: staff.id, role: staff.role, createdAt: now, expiresAt: session.expiresAt },
    }),
  ]);
  return session;
}

/**
 * Who a session belongs to while it is live: not revoked, not expired, its person still there with
 * the role the session was opened under (a person moved from ops to barista loses ops sessions).
 */
export async function liveSession(
  id: string,
  now: Date,
): Promise<{ staffId: string; name: string; role: StaffRole; expiresAt: Date } | null> {
  const row = await db().staffSession.findFirst({
    where: { id, revokedAt: null, expiresAt: { gt: now } },
    select: { role: true, expiresAt: true, staff: { select: { id: true, name: true, role: true } } },
  });
  if (!row || row.staff.role !== row.role) return null;
  const role = asRole(row.role);
  return role && { staffId: row.staff.id, name: row.staff.name, role, expiresAt: row.expiresAt };
}

/** Signs a session out for good; a second sign-out (or an unknown id) changes nothing. */
export async function revokeSession(id: string, now: Date): Promise<boolean> {
  const { count } = await db().staffSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

/**
 * Makes the staff_members table say what `accounts` says (the seed calls this): new people are
 * added, a changed role or password is written (ending that person's sessions), people no longer
 * listed are removed with their sessions. A password that still matches is not re-hashed, so a
 * re-run of the seed leaves everybody signed in.
 */
export async function syncStaffAccounts(
  accounts: readonly StaffAccount[],
  now = new Date(),
): Promise<{ added: number; changed: number; removed: number }> {
  const existing = await db().staffMember.findMany({ select: { id: true, login: true, name: true, role: true, passwordHash: true } });
  const byLogin = new Map(existing.map((row) => [row.login, row]));
  let added = 0;
  let changed = 0;
  for (const account of accounts) {
    const login = loginOf(account.name);
    const row = byLogin.get(login);
    byLogin.delete(login);
    if (!row) {
      const passwordHash = await hashPassword(account.password);
      await db().staffMember.create({
        data: { id: randomUUID(), login, name: account.name, role: account.role, passwordHash, createdAt: now, updatedAt: now },
      });
      added++;
      continue;
    }
    const samePassword = await verifyPassword(account.password, row.passwordHash);
    if (samePassword && row.role === account.role && row.name === account.name) continue;
    const passwordHash = samePassword ? row.passwordHash : await hashPassword(account.password);
    await db().$transaction([
      db().staffMember.update({ where: { id: row.id }, data: { name: account.name, role: account.role, passwordHash, updatedAt: now } }),
      // A new password or role ends the sessions opened under the old one.
      ...(samePassword && row.role === account.role
        ? []
        : [db().staffSession.updateMany({ where: { staffId: row.id, revokedAt: null }, data: { revokedAt: now } })]),
    ]);
    changed++;
  }
  const gone = [...byLogin.values()].map((row) => row.id);
  if (gone.length) await db().staffMember.deleteMany({ where: { id: { in: gone } } });
  return { added, changed, removed: gone.length };
}
