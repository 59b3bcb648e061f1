/**
 * The org lookups every module makes: one org of the unit by id, the unit's top org (the 党委
 * at the root), a member with their branch's path, and the branches under a path in a period. Each function takes the database or a
 * transaction.
 */
import { BRANCH_ORG_TYPES } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { escapeLike } from './scope.js';

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

/** A member of the unit with their status, their branch (org_id) and its path, for the scope check; undefined when not the unit's. */
export async function memberWithPath(db: Db, tenantId: number, memberId: number) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.status', 'm.org_id', 'o.path'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}

/** The branches under a path that existed in the period (dissolved before it began or set up after it ended: not yet or no longer there), in tree order. */
export async function branchesUnder(db: Db, tenantId: number, path: string, period: { from: string; to: string }) {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'type'])
    .where('tenant_id', '=', tenantId)
    .where('path', 'like', `${escapeLike(path)}%`)
    .where('type', 'in', [...BRANCH_ORG_TYPES])
    .where((eb) => eb.or([eb('dissolved_on', 'is', null), eb('dissolved_on', '>=', period.from)]))
    .where((eb) => eb.or([eb('established_on', 'is', null), eb('established_on', '<=', period.to)]))
    .orderBy('path')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
