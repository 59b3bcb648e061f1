/**
 * Accounts of a unit, managed by its system administrator: roles (a branch role names its org),
 * the member record an account belongs to, disabling and one-time passwords. Every change is
 * one transaction and audited; a disabled account's sessions end at once.
 */
import { randomInt } from 'node:crypto';
import { ORG_ROLES, type Role } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { assertPasswordAcceptable, hashPassword } from '../../plugins/password.js';
import { deleteUserSessions, setPassword, usernameTaken } from '../auth/repository.js';
import { accountPage, accountWithRoles, insertAccount, memberExists, orgExists, replaceRoles, updateAccount } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface RoleInput {
  role: Role;
  orgId?: number | null;
}

/** Branch roles need an org of this tenant; tenant-wide roles and 'member' carry none. */
export async function normaliseRoles(db: Db, tenantId: number, roles: RoleInput[]) {
  const result: Array<{ role: Role; org_id: number | null }> = [];
  for (const [index, r] of roles.entries()) {
    if (ORG_ROLES.includes(r.role)) {
      if (!r.orgId) throw new AppError(400, 'ORG_REQUIRED_FOR_ROLE', { index });
      if (!(await orgExists(db, tenantId, r.orgId))) throw new AppError(400, 'ORG_NOT_FOUND', { id: r.orgId });
      result.push({ role: r.role, org_id: r.orgId });
    } else {
      result.push({ role: r.role, org_id: null });
    }
  }
  const seen = new Set<string>();
  return result.filter((r) => {
    const key = `${r.role}:${r.org_id ?? 0}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A readable one-time password: 10 characters from an alphabet without look-alikes, with a digit. */
export function temporaryPassword(): string {
  const letters = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  let out = '';
  for (let i = 0; i < 7; i++) out += letters[randomInt(letters.length)];
  for (let i = 0; i < 3; i++) out += digits[randomInt(digits.length)];
  return out;
}

/** An account as the administrator's pages show it (and the audit log records it). */
export async function userWithRoles(db: Db, tenantId: number, userId: number) {
  const found = await accountWithRoles(db, tenantId, userId);
  if (!found) return null;
  const { user, roles } = found;
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    active: user.active,
    language: user.language,
    version: user.version,
    memberId: user.member_id,
    memberName: user.member_name,
    roles: roles.map((r) => ({ role: r.role, orgId: r.org_id, orgName: r.org_name })),
  };
}

export async function listUsers(ctx: Ctx, q: string | undefined, page: number, pageSize: number) {
  const { ids, total } = await accountPage(ctx.db, ctx.tenantId, q, page, pageSize);
  const items = [];
  for (const id of ids) {
    const user = await userWithRoles(ctx.db, ctx.tenantId, id);
    if (user) items.push(user);
  }
  return { items, total };
}

const memberNotFound = (ctx: Ctx, id: number) => new AppError(400, 'MEMBER_NOT_FOUND', { id }, [{ path: 'body.memberId', message: translate('MEMBER_NOT_FOUND', ctx.language, { id }) }]);

export interface NewUser {
  username: string;
  name: string;
  password: string;
  memberId?: number | null;
  roles: RoleInput[];
}

/**
 * Creates an account that must change its password at the first sign-in. Usernames are unique
 * across the deployment (login_names): a unit can never take the name another unit's user signs
 * in with (docs/decisions/0002-usernames-across-units.md).
 */
export async function createUser(ctx: Ctx, input: NewUser) {
  if (await usernameTaken(ctx.db, input.username)) {
    const params = { username: input.username };
    throw new AppError(409, 'USERNAME_TAKEN', params, [{ path: 'body.username', message: translate('USERNAME_TAKEN', ctx.language, params) }]);
  }
  await assertPasswordAcceptable(input.password, { username: input.username, name: input.name }, 'body.password', ctx.language);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    if (input.memberId && !(await memberExists(trx, ctx.tenantId, input.memberId))) throw new AppError(400, 'MEMBER_NOT_FOUND', { id: input.memberId });
    const roles = await normaliseRoles(trx, ctx.tenantId, input.roles);
    const id = await insertAccount(trx, ctx.tenantId, { username: input.username, name: input.name, passwordHash, memberId: input.memberId ?? null });
    await replaceRoles(trx, ctx.tenantId, id, roles);
    const after = await userWithRoles(trx, ctx.tenantId, id);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'user', entityId: id, summary: `创建账号 ${input.username}`, after });
    return after!;
  });
}

export interface UserEdit {
  version: number;
  name?: string;
  active?: boolean;
  memberId?: number | null;
  roles?: RoleInput[];
}

/** Edits an account (409 on a stale version); disabling one ends its sessions; nobody disables themselves. */
export async function updateUser(ctx: Ctx, id: number, edit: UserEdit) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await userWithRoles(trx, ctx.tenantId, id);
    if (!before) throw notFound('USER_NOT_FOUND', id);
    if (edit.memberId && !(await memberExists(trx, ctx.tenantId, edit.memberId))) throw memberNotFound(ctx, edit.memberId);
    if (edit.active === false && id === ctx.userId) throw new AppError(400, 'CANNOT_DISABLE_SELF');
    const changes = {
      ...(edit.name !== undefined ? { name: edit.name } : {}),
      ...(edit.active !== undefined ? { active: edit.active } : {}),
      ...(edit.memberId !== undefined ? { member_id: edit.memberId } : {}),
    };
    if (!(await updateAccount(trx, ctx.tenantId, id, edit.version, changes))) throw conflict();
    if (edit.roles) await replaceRoles(trx, ctx.tenantId, id, await normaliseRoles(trx, ctx.tenantId, edit.roles));
    if (edit.active === false) await deleteUserSessions(trx, ctx.tenantId, id);
    const after = await userWithRoles(trx, ctx.tenantId, id);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'user', entityId: id, summary: `修改账号 ${before.username}`, before, after });
    return after!;
  });
}

/** A one-time password that must be changed at the next sign-in; the account's sessions end. */
export async function resetPassword(ctx: Ctx, id: number): Promise<{ temporaryPassword: string }> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const user = await userWithRoles(trx, ctx.tenantId, id);
    if (!user) throw notFound('USER_NOT_FOUND', id);
    await setPassword(trx, ctx.tenantId, id, passwordHash, true);
    await deleteUserSessions(trx, ctx.tenantId, id);
    await writeAudit(trx, ctx.auditor, { action: 'password_reset', entityType: 'user', entityId: id, summary: `重置密码 ${user.username}` });
  });
  return { temporaryPassword: password };
}
