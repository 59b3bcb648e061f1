/**
 * The org lookups every module makes: one org of the unit by id, the unit's top org (the 党委
 * at the root), and a member with their branch's path. Each function takes the database or a
 * transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface OrgRef {
  id: number;
  name: string;
  path: string;
  type: string;
  parentId: number | null;
}

/** The org with this id in the unit, or undefined (another unit's org is the same as none). */
export async function findOrg(db: Db, tenantId: number, orgId: number): Promise<OrgRef | undefined> {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'type', 'parent_id as parentId']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

/** The unit's top org (the 党委 at the root). */
export async function rootOrg(db: Db, tenantId: number): Promise<OrgRef | undefined> {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'type', 'parent_id as parentId']).where('tenant_id', '=', tenantId).where('parent_id', 'is', null).orderBy('sort').orderBy('id').executeTakeFirst();
}

/** A member of the unit with their branch (org_id) and its path, for the scope check; undefined when not the unit's. */
export async function memberWithPath(db: Db, tenantId: number, memberId: number) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.org_id', 'o.path'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}
