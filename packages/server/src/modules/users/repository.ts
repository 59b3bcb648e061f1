import type { Role } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bumpVersioned } from '../../db/versioned.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';
import { openRow } from '../../db/sealed.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Active members matching a name, pinyin or initials, with the account linked to each (if any): the link dialog's search. */
export async function memberCandidates(db: Db, tenantId: number, q: string, limit: number) {
  const text = q.replace(/\s/g, '');
  let query = db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'm.tenant_id').onRef('d.id', '=', 'm.department_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.member_id', '=', 'm.id'))
    .select(['m.id', 'm.name', 'm.id_number_enc', 'o.name as org_name', 'd.name as department_name', 'u.id as user_id', 'u.username'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active');
  if (/^[a-z]+$/i.test(text)) {
    const prefix = `${escapeLike(text.toLowerCase())}%`;
    query = query.where((eb) => eb.or([eb('m.name_pinyin', 'like', prefix), eb('m.name_initials', 'like', prefix)]));
  } else if (text) {
    query = query.where('m.name', 'like', `%${escapeLike(text)}%`);
  }
  return (await query.orderBy('m.name_sort').orderBy('m.id').limit(limit).execute()).map(openRow);
}

/** A member of the unit with the account already linked to them (if any). */
export function memberWithAccount(db: Db, tenantId: number, memberId: number) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.member_id', '=', 'm.id'))
    .select(['m.id', 'm.name', 'm.status', 'm.org_id', 'o.path as org_path', 'u.id as user_id', 'u.username'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}

export function accountOf(db: Db, tenantId: number, userId: number) {
  return db.selectFrom('users').select(['id', 'username', 'name', 'member_id', 'version']).where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
}

/** Links an account to a member (or unlinks it) with optimistic concurrency; false when the version is stale. */
export async function setAccountMember(trx: Transaction<DB>, tenantId: number, userId: number, version: number, memberId: number | null): Promise<boolean> {
  return bumpVersioned(trx, 'users', tenantId, userId, version, { member_id: memberId });
}

/** Active members of an org's subtree with no account yet, in roster order. */
export async function membersWithoutAccount(db: Db, tenantId: number, orgPath: string) {
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.id_number_enc', 'm.name_pinyin', 'o.name as org_name', 'o.path as org_path'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where(subtree({ kind: 'subtree', orgIds: [], paths: [orgPath] }, 'o.path'))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select(sql`1`.as('one')).whereRef('u.tenant_id', '=', 'm.tenant_id').whereRef('u.member_id', '=', 'm.id'))))
    .orderBy('m.name_sort')
    .orderBy('m.id')
    .execute();
  return rows.map(openRow);
}

/** How many active members of the subtree already have an account. */
export async function membersWithAccountCount(db: Db, tenantId: number, orgPath: string): Promise<number> {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.member_id', '=', 'm.id'))
    .select(sql<number>`count(distinct m.id)`.as('n'))
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where(subtree({ kind: 'subtree', orgIds: [], paths: [orgPath] }, 'o.path'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Which of these usernames are taken, in any unit: proposals and bulk accounts never repeat a
 * username another unit uses, so no unit's sign-in can be affected by another's accounts.
 */
export async function takenUsernames(db: Db, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('username').where(sql<boolean>`lower(username) = any(${usernames.map((u) => u.toLowerCase())}::text[])`).execute();
  return new Set(rows.map((r) => r.username.toLowerCase()));
}

/** Usernames in any unit starting with one of these stems (to propose the next free one). */
export async function usernamesLike(db: Db, stems: string[]): Promise<Set<string>> {
  if (stems.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where(sql<boolean>`lower(username) like any(${stems.map((s) => `${escapeLike(s.toLowerCase())}%`)}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.username.toLowerCase()));
}

export function orgForAccounts(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'type', 'dissolved_on']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

export function activeMembersByIds(db: Db, tenantId: number, ids: number[]) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.member_id', '=', 'm.id'))
    .select(['m.id', 'm.name', 'm.status', 'o.name as org_name', 'o.path as org_path', 'u.username'])
    .where('m.tenant_id', '=', tenantId)
    .where(inIds('m.id', ids))
    .execute();
}

export async function insertMemberAccounts(trx: Transaction<DB>, tenantId: number, accounts: { username: string; name: string; passwordHash: string; memberId: number }[]) {
  const users = await trx
    .insertInto('users')
    .values(accounts.map((a) => ({ tenant_id: tenantId, username: a.username, name: a.name, password_hash: a.passwordHash, member_id: a.memberId, must_change_password: true, password_changed_at: null })))
    .returning(['id', 'username', 'member_id'])
    .execute();
  await trx
    .insertInto('user_roles')
    .values(users.map((u) => ({ tenant_id: tenantId, user_id: u.id, role: 'member' as const, org_id: null })))
    .execute();
  return users;
}

// ---- Accounts as the administrator manages them ----------------------------------------------

/** A page of the unit's accounts (by username or name), in the order they were created. */
export async function accountPage(db: Db, tenantId: number, q: string | undefined, page: number, pageSize: number) {
  let base = db.selectFrom('users').where('tenant_id', '=', tenantId);
  if (q) {
    const like = `%${escapeLike(q)}%`;
    base = base.where((eb) => eb.or([eb('username', 'ilike', like), eb('name', 'ilike', like)]));
  }
  const [{ total }] = (await base.select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
  const rows = await base.select('id').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { ids: rows.map((r) => r.id), total: Number(total) };
}

/** An account with its linked member's name and its roles (with their orgs' names). */
export async function accountWithRoles(db: Db, tenantId: number, userId: number) {
  const user = await db
    .selectFrom('users as u')
    .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'u.tenant_id').onRef('m.id', '=', 'u.member_id'))
    .select(['u.id', 'u.username', 'u.name', 'u.active', 'u.language', 'u.version', 'u.member_id', 'm.name as member_name'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const roles = await db
    .selectFrom('user_roles as r')
    .leftJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .select(['r.role', 'r.org_id', 'o.name as org_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.user_id', '=', userId)
    .orderBy('r.id')
    .execute();
  return { user, roles };
}

export async function orgExists(db: Db, tenantId: number, orgId: number): Promise<boolean> {
  return (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst()) !== undefined;
}

export async function memberExists(db: Db, tenantId: number, memberId: number): Promise<boolean> {
  return (await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirst()) !== undefined;
}

export async function insertAccount(trx: Transaction<DB>, tenantId: number, account: { username: string; name: string; passwordHash: string; memberId: number | null }): Promise<number> {
  const user = await trx
    .insertInto('users')
    .values({ tenant_id: tenantId, username: account.username, name: account.name, password_hash: account.passwordHash, member_id: account.memberId, must_change_password: true, password_changed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return user.id;
}

/**
 * Accounts with their roles, many at once, ready to use (their passwords were given, not issued:
 * the demo's logins). Returns their ids by username.
 */
export async function insertAccountsWithRoles(
  trx: Transaction<DB>,
  tenantId: number,
  accounts: ReadonlyArray<{ username: string; name: string; passwordHash: string; memberId: number | null; roles: ReadonlyArray<{ role: Role; org_id: number | null }> }>,
): Promise<Map<string, number>> {
  if (accounts.length === 0) return new Map();
  const users = await trx
    .insertInto('users')
    .values(accounts.map((a) => ({ tenant_id: tenantId, username: a.username, name: a.name, password_hash: a.passwordHash, member_id: a.memberId, password_changed_at: null })))
    .returning(['id', 'username'])
    .execute();
  const ids = new Map(users.map((u) => [u.username, u.id]));
  const roles = accounts.flatMap((a) => a.roles.map((r) => ({ tenant_id: tenantId, user_id: ids.get(a.username)!, ...r })));
  if (roles.length > 0) await trx.insertInto('user_roles').values(roles).execute();
  return ids;
}

/** Edits an account with optimistic concurrency; false when the version is stale. */
export async function updateAccount(trx: Transaction<DB>, tenantId: number, userId: number, version: number, changes: { name?: string; active?: boolean; member_id?: number | null }): Promise<boolean> {
  return bumpVersioned(trx, 'users', tenantId, userId, version, changes);
}

/** Replaces an account's roles. */
export async function replaceRoles(trx: Transaction<DB>, tenantId: number, userId: number, roles: Array<{ role: Role; org_id: number | null }>): Promise<void> {
  await trx.deleteFrom('user_roles').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  if (roles.length > 0) await trx.insertInto('user_roles').values(roles.map((r) => ({ tenant_id: tenantId, user_id: userId, ...r }))).execute();
}
