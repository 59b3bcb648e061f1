import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../plugins/errors.js';
import { hashPassword, verifyPassword } from '../../plugins/password.js';

/**
 * Sign-in throttling. Every attempt is counted before its password is checked, in one locked
 * read-modify-write per key, so a burst of concurrent attempts cannot all pass the check before
 * the first failure is written: at most LOGIN_ACCOUNT_MAX_ATTEMPTS passwords are checked per
 * account and window, however many arrive at once.
 *
 * - Per account (unit + name): 5 attempts in 15 minutes; the 6th locks the account for 15
 *   minutes, and each further lock within a day lasts twice as long (up to a day). Signing in
 *   clears the account's count and its back-off.
 * - Per client address (secondary, against spraying many names): 50 attempts in 15 minutes,
 *   with the same back-off. A hospital's staff often share one outgoing address, so a signed-in
 *   attempt gives its count back and only failures add up.
 */
export const LOGIN_ACCOUNT_MAX_ATTEMPTS = 5;
export const LOGIN_ADDRESS_MAX_ATTEMPTS = 50;
export const LOGIN_WINDOW_MINUTES = 15;
export const LOGIN_MAX_LOCK_MINUTES = 24 * 60;

export interface ThrottleKey {
  key: string;
  limit: number;
}

export const accountKey = (tenantId: number | null, username: string): ThrottleKey => ({
  key: `account:${tenantId ?? '-'}:${username.toLowerCase()}`,
  limit: LOGIN_ACCOUNT_MAX_ATTEMPTS,
});
export const addressKey = (ip: string): ThrottleKey => ({ key: `ip:${ip}`, limit: LOGIN_ADDRESS_MAX_ATTEMPTS });

/** The lock after `lockouts` earlier ones: 15, 30, 60 … minutes, at most a day. */
export function lockMinutes(lockouts: number): number {
  return Math.min(LOGIN_WINDOW_MINUTES * 2 ** Math.min(lockouts, 10), LOGIN_MAX_LOCK_MINUTES);
}

interface ThrottleRow {
  attempts: number;
  window_start: Date;
  lockouts: number;
  blocked_until: Date | null;
  now: Date;
}

/**
 * Counts one attempt against the key. Returns null when it may go ahead, else the instant the
 * key's lock ends. The row is locked for the read-modify-write, so concurrent attempts on the
 * same key are counted one after another.
 */
async function countAttempt(db: Kysely<DB>, { key, limit }: ThrottleKey): Promise<Date | null> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_throttle')
      .values({ key, attempts: 0, window_start: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = (await trx
      .selectFrom('login_throttle')
      .select(['attempts', 'window_start', 'lockouts', 'blocked_until', sql<Date>`now()`.as('now')])
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirstOrThrow()) as ThrottleRow;
    const now = new Date(row.now).getTime();
    const blockedUntil = row.blocked_until ? new Date(row.blocked_until).getTime() : null;
    if (blockedUntil !== null && blockedUntil > now) return new Date(blockedUntil);
    let attempts = row.attempts;
    let windowStart = new Date(row.window_start).getTime();
    let lockouts = row.lockouts;
    // A day without a lock forgets the back-off.
    if (blockedUntil !== null && blockedUntil + 86_400_000 < now) lockouts = 0;
    if (windowStart + LOGIN_WINDOW_MINUTES * 60_000 <= now) {
      attempts = 0;
      windowStart = now;
    }
    if (attempts + 1 > limit) {
      const until = new Date(now + lockMinutes(lockouts) * 60_000);
      await trx
        .updateTable('login_throttle')
        .set({ attempts: 0, window_start: new Date(now), lockouts: lockouts + 1, blocked_until: until, updated_at: new Date(now) })
        .where('key', '=', key)
        .execute();
      return until;
    }
    await trx
      .updateTable('login_throttle')
      .set({ attempts: attempts + 1, window_start: new Date(windowStart), lockouts, updated_at: new Date(now) })
      .where('key', '=', key)
      .execute();
    return null;
  });
}

function rateLimited(until: Date, language: string): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const untilText = until.toLocaleTimeString(language === 'en-US' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
  return new AppError(429, 'LOGIN_RATE_LIMITED', { minutes: Math.ceil(seconds / 60), until: untilText }, [], { 'retry-after': String(seconds) });
}

/** Counts the attempt against each key in order; throws 429 (with Retry-After) at the first key that is locked. */
export async function countLoginAttempt(db: Kysely<DB>, keys: ThrottleKey[], language: string): Promise<void> {
  for (const key of keys) {
    const until = await countAttempt(db, key);
    if (until) throw rateLimited(until, language);
  }
}

/** After a successful sign-in: the account starts afresh, the address gets its attempt back. */
export async function loginSucceeded(db: Kysely<DB>, account: ThrottleKey, address: ThrottleKey): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', account.key).execute();
  await db
    .updateTable('login_throttle')
    .set({ attempts: sql<number>`greatest(attempts - 1, 0)` })
    .where('key', '=', address.key)
    .execute();
  // Keep the table small: a key untouched for two days holds no lock (locks last a day at most).
  await db.deleteFrom('login_throttle').where('updated_at', '<', sql<Date>`now() - interval '2 days'`).execute();
}

export interface LoginAccount {
  tenant_id: number;
  id: number;
  username: string;
  password_hash: string;
  active: boolean;
}

/**
 * The account a sign-in name leads to. Usernames are unique across the deployment
 * (login_names, case-insensitive), so the name alone finds the unit. A name that several
 * accounts shared before that rule needs the unit's code (400 TENANT_REQUIRED without it).
 */
export async function findLoginAccount(db: Kysely<DB>, username: string, tenantCode: string | undefined): Promise<LoginAccount | null> {
  const name = username.toLowerCase();
  const columns = ['u.tenant_id', 'u.id', 'u.username', 'u.password_hash', 'u.active'] as const;
  if (tenantCode) {
    const row = await db
      .selectFrom('users as u')
      .innerJoin('tenants as t', 't.id', 'u.tenant_id')
      .select(columns)
      .where('t.code', '=', tenantCode)
      .where(sql<boolean>`lower(u.username) = ${name}`)
      // An exact match first, should two names of one unit differ only in case.
      .orderBy(sql`u.username = ${username}`, 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ?? null;
  }
  const entry = await db.selectFrom('login_names').select(['tenant_id', 'user_id']).where('name', '=', name).executeTakeFirst();
  if (!entry) return null;
  if (entry.tenant_id === null || entry.user_id === null) throw new AppError(400, 'TENANT_REQUIRED');
  const row = await db.selectFrom('users as u').select(columns).where('u.tenant_id', '=', entry.tenant_id).where('u.id', '=', entry.user_id).executeTakeFirst();
  return row ?? null;
}

/** Whether a username is taken anywhere in the deployment (case-insensitive). */
export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  const row = await db.selectFrom('login_names').select('name').where('name', '=', username.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}

/**
 * A hash of a random password with the same cost as real ones: an unknown username is checked
 * against it, so it takes as long to refuse as a known one with a wrong password.
 */
let dummyHash: Promise<string> | null = null;
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64url'));
  return dummyHash;
}

/**
 * Checks the password of the account (or of the dummy when there is none). Unknown name, wrong
 * password and a disabled account all answer the same, after the same work: a disabled
 * account's answer must not tell whether the password was right.
 */
export async function passwordAccepted(account: LoginAccount | null, password: string): Promise<boolean> {
  const ok = await verifyPassword(account?.password_hash ?? (await prepareDummyHash()), password);
  return ok && account !== null && account.active;
}
