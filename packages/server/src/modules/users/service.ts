import { randomInt } from 'node:crypto';
import type { Role } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../plugins/errors.js';

export interface RoleInput {
  role: Role;
  orgId?: number | null;
}

/** Branch roles need an org of this tenant; tenant-wide roles and 'member' carry none. */
export async function normaliseRoles(db: Kysely<DB> | Transaction<DB>, tenantId: number, roles: RoleInput[]) {
  const result: Array<{ role: Role; org_id: number | null }> = [];
  for (const [index, r] of roles.entries()) {
    if (r.role === 'branch_secretary') {
      if (!r.orgId) throw new AppError(400, 'ORG_REQUIRED_FOR_ROLE', { index });
      const org = await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('id', '=', r.orgId).executeTakeFirst();
      if (!org) throw new AppError(400, 'ORG_NOT_FOUND', { id: r.orgId });
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

/** Whether the member exists in the tenant (an account may be linked to it). */
export async function memberExists(db: Kysely<DB> | Transaction<DB>, tenantId: number, memberId: number): Promise<boolean> {
  const member = await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirst();
  return member !== undefined;
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

export async function userWithRoles(db: Kysely<DB> | Transaction<DB>, tenantId: number, userId: number) {
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
