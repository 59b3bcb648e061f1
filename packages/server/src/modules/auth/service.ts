import { randomBytes } from 'node:crypto';
import { type Language, PERMISSIONS, hasPermission } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx, PublicCtx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { type SessionOptions, newSession } from '../../plugins/auth.js';
import type { AuthContext } from '../../plugins/context.js';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from '../../plugins/password.js';
import {
  type LoginAccount,
  clearThrottle,
  deleteSession,
  deleteUserSessions,
  hasDevelopmentFile,
  lockThrottle,
  loginAccount,
  loginAccountInUnit,
  loginName,
  orgNames,
  passwordHashOf,
  saveThrottle,
  setPassword,
  setUserLanguage,
} from './repository.js';

export { type LoginAccount, usernameTaken } from './repository.js';

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

/**
 * Counts one attempt against the key. Returns null when it may go ahead, else the instant the
 * key's lock ends. The row is locked for the read-modify-write, so concurrent attempts on the
 * same key are counted one after another.
 */
async function countAttempt(db: Kysely<DB>, { key, limit }: ThrottleKey): Promise<Date | null> {
  return db.transaction().execute(async (trx) => {
    const row = await lockThrottle(trx, key);
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
      await saveThrottle(trx, key, { attempts: 0, window_start: new Date(now), lockouts: lockouts + 1, blocked_until: until, updated_at: new Date(now) });
      return until;
    }
    await saveThrottle(trx, key, { attempts: attempts + 1, window_start: new Date(windowStart), lockouts, updated_at: new Date(now) });
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
  await clearThrottle(db, account.key, address.key);
}

/**
 * The account a sign-in name leads to. Usernames are unique across the deployment
 * (login_names, case-insensitive), so the name alone finds the unit. A name that several
 * accounts shared before that rule needs the unit's code (400 TENANT_REQUIRED without it).
 */
export async function findLoginAccount(db: Kysely<DB>, username: string, tenantCode: string | undefined): Promise<LoginAccount | null> {
  if (tenantCode) return loginAccountInUnit(db, tenantCode, username);
  const entry = await loginName(db, username.toLowerCase());
  if (!entry) return null;
  if (entry.tenant_id === null || entry.user_id === null) throw new AppError(400, 'TENANT_REQUIRED');
  return loginAccount(db, entry.tenant_id, entry.user_id);
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

/**
 * Signs in: the address is counted first (a locked address checks nothing and counts against no
 * account), then the account; a wrong name, a wrong password and a disabled account answer the
 * same 401. A session starts and the sign-in is audited. Returns the session cookie's value and
 * the CSRF token.
 */
export async function signIn(client: PublicCtx, input: { username: string; password: string; tenant?: string }, session: SessionOptions) {
  const db = client.db;
  const address = addressKey(client.ip);
  await countLoginAttempt(db, [address], client.language);
  const user = await findLoginAccount(db, input.username, input.tenant);
  const account = accountKey(user?.tenant_id ?? null, input.username);
  await countLoginAttempt(db, [account], client.language);
  if (!(await passwordAccepted(user, input.password)) || !user) throw new AppError(401, 'LOGIN_FAILED');
  await loginSucceeded(db, account, address);
  const started = await newSession(db, { tenantId: user.tenant_id, userId: user.id }, client, session.secret);
  await writeAudit(db, { tenantId: user.tenant_id, userId: user.id, username: user.username, ip: client.ip }, { action: 'login', entityType: 'session', entityId: user.id, summary: '登录' });
  return started;
}

/** Signs out: audited, and the session row goes. */
export async function signOut(ctx: Ctx, sessionId: string): Promise<void> {
  await writeAudit(ctx.db, ctx.auditor, { action: 'logout', entityType: 'session', entityId: ctx.userId, summary: '退出' });
  await deleteSession(ctx.db, ctx.tenantId, sessionId);
}

/** The signed-in user as the web app starts from: roles with their orgs' names, permissions, the server's today. */
export async function whoAmI(ctx: Ctx, auth: AuthContext) {
  const orgIds = auth.grants.map((g) => g.orgId).filter((id): id is number => id !== null);
  const [orgs, developmentFile] = await Promise.all([
    orgNames(ctx.db, ctx.tenantId, orgIds),
    auth.memberId === null ? false : hasDevelopmentFile(ctx.db, ctx.tenantId, auth.memberId),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return {
    user: {
      id: auth.userId,
      username: auth.username,
      name: auth.name,
      language: auth.language,
      mustChangePassword: auth.mustChangePassword,
      memberId: auth.memberId,
      hasDevelopmentFile: developmentFile,
    },
    tenant: { id: auth.tenantId, code: auth.tenantCode, name: auth.tenantName, operator: auth.operator },
    roles: auth.grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgId ? (orgName.get(g.orgId) ?? null) : null })),
    permissions: PERMISSIONS.filter((p) => hasPermission(auth.grants, p)),
    csrfToken: auth.csrfToken,
    today: ctx.today,
  };
}

export async function saveLanguage(ctx: Ctx, language: Language): Promise<{ language: Language }> {
  await setUserLanguage(ctx.db, ctx.tenantId, ctx.userId, language);
  return { language };
}

/**
 * Replaces the signed-in user's password: the current one must be right, the new one differ and
 * be acceptable. The user's other sessions end (whoever knew the old password is locked out);
 * audited in the same transaction.
 */
export async function changePassword(ctx: Ctx, sessionId: string, currentPassword: string, newPassword: string): Promise<void> {
  if (!(await verifyPassword(await passwordHashOf(ctx.db, ctx.tenantId, ctx.userId), currentPassword))) {
    throw new AppError(400, 'PASSWORD_WRONG', {}, [{ path: 'body.currentPassword', message: translate('PASSWORD_WRONG', ctx.language) }]);
  }
  if (newPassword === currentPassword) {
    throw new AppError(400, 'PASSWORD_SAME', {}, [{ path: 'body.newPassword', message: translate('PASSWORD_SAME', ctx.language) }]);
  }
  await assertPasswordAcceptable(newPassword, { username: ctx.username, name: ctx.name }, 'body.newPassword', ctx.language);
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await setPassword(trx, ctx.tenantId, ctx.userId, passwordHash, false);
    await deleteUserSessions(trx, ctx.tenantId, ctx.userId, sessionId);
    await writeAudit(trx, ctx.auditor, { action: 'password_change', entityType: 'user', entityId: ctx.userId, summary: '修改密码' });
  });
}
