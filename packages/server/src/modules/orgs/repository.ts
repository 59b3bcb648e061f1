import type { DataScope } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { scopeCondition } from '../../lib/scope.js';

/** Orgs the scope reaches, in tree order. A member (self scope) sees their own branch. */
export async function orgsVisible(db: Kysely<DB>, tenantId: number, scope: DataScope, memberId: number | null) {
  let query = db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.parent_id', 'o.type', 'o.name', 'o.path', 'o.depth', 'o.sort'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.dissolved_on', 'is', null);
  if (scope.kind === 'self') {
    const own = memberId
      ? await db.selectFrom('members').select('org_id').where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirst()
      : undefined;
    if (!own) return [];
    query = query.where('o.id', '=', own.org_id);
  } else {
    query = query.where(scopeCondition(scope, 'o.path'));
  }
  return query.orderBy('o.depth').orderBy('o.sort').orderBy('o.id').execute();
}
