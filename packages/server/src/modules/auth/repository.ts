/**
 * Every query of sign-in and sessions: the login throttle, the accounts a sign-in name leads to,
 * the session rows (plugins/auth.ts resolves and touches them on every request) and the
 * signed-in user's own settings.
 */
import type { Language, RoleGrant } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---- Login throttle -------------------------------------------------------------------------

export interface ThrottleRow {
  attempts: number;
  window_start: Date;
  lockouts: number;
  blocked_until: Date | null;
  /** The database's clock, so that every server counts the window alike. */
  now: Date;
}

/** The key's row, created when missing and locked for the read-modify-write of one attempt. */
export async function lockThrottle(trx: Transaction<DB>, key: string): Promise<ThrottleRow> {
  await trx
    .insertInto('login_throttle')
    .values({ key, attempts: 0, window_start: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await trx
    .selectFrom('login_throttle')
    .select(['attempts', 'window_start', 'lockouts', 'blocked_until', sql<Date>`now()`.as('now')])
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirstOrThrow()) as ThrottleRow;
}

export async function saveThrottle(
  trx: Transaction<DB>,
  key: string,
  values: { attempts: number; window_start: Date; lockouts: number; blocked_until?: Date; updated_at: Date },
): Promise<void> {
  await trx.updateTable('login_throttle').set(values).where('key', '=', key).execute();
}

/** After a successful sign-in: the account's count goes, the address gets one attempt back, stale keys go. */
export async function clearThrottle(db: Kysely<DB>, accountKey: string, addressKey: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', accountKey).execute();
  await db
    .updateTable('login_throttle')
    .set({ attempts: sql<number>`greatest(attempts - 1, 0)` })
    .where('key', '=', addressKey)
    .execute();
  // Keep the table small: a key untouched for two days holds no lock (locks last a day at most).
  await db.deleteFrom('login_throttle').where('updated_at', '<', sql<Date>`now() - interval '2 days'`).execute();
}

// ---- Accounts a sign-in leads to ------------------------------------------------------------

export interface LoginAccount {
  tenant_id: number;
  id: number;
  username: string;
  password_hash: string;
  active: boolean;
}

const LOGIN_COLUMNS = ['u.tenant_id', 'u.id', 'u.username', 'u.password_hash', 'u.active'] as const;

/** The account of a unit (by its code) with this name, case-insensitive; an exact match first. */
export async function loginAccountInUnit(db: Db, tenantCode: string, username: string): Promise<LoginAccount | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select(LOGIN_COLUMNS)
    .where('t.code', '=', tenantCode)
    .where(sql<boolean>`lower(u.username) = ${username.toLowerCase()}`)
    .orderBy(sql`u.username = ${username}`, 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Where a sign-in name (lower case) leads across the deployment; tenant and user null when several accounts share it. */
export function loginName(db: Db, name: string) {
  return db.selectFrom('login_names').select(['tenant_id', 'user_id']).where('name', '=', name).executeTakeFirst();
}

export async function loginAccount(db: Db, tenantId: number, userId: number): Promise<LoginAccount | null> {
  const row = await db.selectFrom('users as u').select(LOGIN_COLUMNS).where('u.tenant_id', '=', tenantId).where('u.id', '=', userId).executeTakeFirst();
  return row ?? null;
}

/** Whether a username is taken anywhere in the deployment (case-insensitive). */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom('login_names').select('name').where('name', '=', username.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}

// ---- Sessions -------------------------------------------------------------------------------

export async function insertSession(db: Db, row: { tenant_id: number; id: string; user_id: number; csrf_token: string; ip: string; user_agent: string }): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function deleteSession(db: Db, tenantId: number, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function touchSession(db: Db, tenantId: number, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Ends a user's sessions (all of them, or all but the one that keeps going). */
export async function deleteUserSessions(db: Db, tenantId: number, userId: number, except?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
  if (except !== undefined) query = query.where('id', '!=', except);
  await query.execute();
}

/**
 * The session with its user, tenant and role grants (with their org paths), in one round trip:
 * every request needs them. A prepared statement (Database.prepared): planning this join on every
 * request cost more than running it. It also tells whether the tenant is the deployment's
 * operating unit ($3: HONGYI_OPERATOR_TENANT, the unit with that code; null, the first unit
 * created), so that who-am-I and the operator's routes need no second round trip (an index probe
 * of a small table); nothing is kept between requests.
 */
const SESSION_LOOKUP = `
  select s.id, s.csrf_token, s.last_seen_at,
    u.id as user_id, u.username, u.name, u.language, u.member_id, u.active, u.must_change_password,
    t.id as tenant_id, t.code as tenant_code, t.name as tenant_name,
    coalesce(case when $3::text is null then t.id = (select min(f.id) from tenants f) else t.code = $3::text end, false) as operator,
    coalesce((
      select json_agg(json_build_object('role', r.role, 'orgId', r.org_id, 'orgPath', o.path) order by r.id)
      from user_roles r left join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
      where r.tenant_id = s.tenant_id and r.user_id = s.user_id), '[]'::json) as grants
  from sessions s
  join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
  join tenants t on t.id = s.tenant_id
  where s.tenant_id = $1 and s.id = $2`;

export interface SessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: number;
  username: string;
  name: string;
  language: Language;
  member_id: number | null;
  active: boolean;
  must_change_password: boolean;
  tenant_id: number;
  tenant_code: string;
  tenant_name: string;
  operator: boolean;
  grants: RoleGrant[];
}

/** `operatorCode`: HONGYI_OPERATOR_TENANT (none: the first tenant created is the operator). */
export async function sessionWithUser(prepared: Database['prepared'], tenantId: number, id: string, operatorCode: string | undefined): Promise<SessionRow | undefined> {
  // The name changes with the text: a pooler may share server connections between versions.
  const [row] = await prepared<SessionRow>('hongyi_session_lookup_2', SESSION_LOOKUP, [tenantId, id, operatorCode || null]);
  return row;
}

// ---- The signed-in user's own -------------------------------------------------------------

export function orgNames(db: Db, tenantId: number, ids: number[]) {
  return ids.length ? db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([]);
}

export async function hasDevelopmentFile(db: Db, tenantId: number, memberId: number): Promise<boolean> {
  const row = await db.selectFrom('development_files').select('id').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).executeTakeFirst();
  return row !== undefined;
}

export async function setUserLanguage(db: Db, tenantId: number, userId: number, language: Language): Promise<void> {
  await db.updateTable('users').set({ language }).where('tenant_id', '=', tenantId).where('id', '=', userId).execute();
}

export async function passwordHashOf(db: Db, tenantId: number, userId: number): Promise<string> {
  const row = await db.selectFrom('users').select('password_hash').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirstOrThrow();
  return row.password_hash;
}

/** A new password: a chosen one (must_change_password false) or a one-time one from an administrator (true). */
export async function setPassword(db: Db, tenantId: number, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, ...(mustChange ? {} : { password_changed_at: new Date() }), version: (eb) => eb('version', '+', 1) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}
