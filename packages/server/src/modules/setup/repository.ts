/** Every query about units (tenants) as a whole: first-run setup, the operating unit, the list the daily jobs walk. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function anyTenant(db: Db): Promise<boolean> {
  return (await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Locks the tenants table's rows so two first-run submissions cannot both create a unit. */
export async function lockTenants(trx: Transaction<DB>): Promise<void> {
  await trx.selectFrom('tenants').select('id').forUpdate().execute();
}

/** A unit with its 党委 at the root of its org tree and its system administrator. */
export async function insertUnit(
  trx: Transaction<DB>,
  unit: { code: string; name: string; committeeName: string },
  admin: { username: string; name: string; passwordHash: string },
): Promise<{ tenantId: number; userId: number }> {
  const tenant = await trx.insertInto('tenants').values({ code: unit.code, name: unit.name }).returning('id').executeTakeFirstOrThrow();
  const root = await trx
    .insertInto('orgs')
    .values({ tenant_id: tenant.id, parent_id: null, type: 'committee', name: unit.committeeName, campus_id: null, established_on: null, ends_on: null, dissolved_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('orgs').set({ path: `/${root.id}/` }).where('tenant_id', '=', tenant.id).where('id', '=', root.id).execute();
  const user = await trx
    .insertInto('users')
    .values({ tenant_id: tenant.id, username: admin.username, name: admin.name, password_hash: admin.passwordHash, member_id: null, password_changed_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('user_roles').values({ tenant_id: tenant.id, user_id: user.id, role: 'sys_admin', org_id: null }).execute();
  return { tenantId: tenant.id, userId: user.id };
}

/** A unit of its own: the tenant only (its orgs, people and accounts are written by their modules). */
export async function insertTenant(trx: Transaction<DB>, unit: { code: string; name: string }): Promise<number> {
  return (await trx.insertInto('tenants').values({ code: unit.code, name: unit.name }).returning('id').executeTakeFirstOrThrow()).id;
}

/** The units holding these codes, in the order they were created. */
export async function tenantsByCodes(db: Db, codes: readonly string[]): Promise<Array<{ id: number; code: string }>> {
  if (codes.length === 0) return [];
  return db.selectFrom('tenants').select(['id', 'code']).where('code', 'in', [...codes]).orderBy('id').execute();
}

/** Every unit, in the order they were created. */
export async function tenantIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('tenants').select('id').orderBy('id').execute()).map((t) => t.id);
}

