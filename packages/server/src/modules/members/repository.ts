import type { DataScope } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { escapeLike, scopeCondition } from '../../lib/scope.js';

export const memberFilters = z.object({
  q: z.string().trim().max(50).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  category: z.enum(['full', 'probationary']).optional(),
  status: z.enum(['active', 'transferred_out', 'stopped', 'left', 'expelled', 'deceased']).optional(),
  sort: z.enum(['name', 'joinedOn', 'birthDate', 'org', 'orgName', 'category']).default('org'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type MemberFilters = z.infer<typeof memberFilters>;

const sortColumns = { name: 'm.name', joinedOn: 'm.joined_on', birthDate: 'm.birth_date', org: 'o.path', orgName: 'o.name', category: 'm.category' } as const;

/** Members in scope with their branch and department names; active members unless a status is asked for. */
export function memberListQuery(db: Kysely<DB>, tenantId: number, scope: DataScope, f: MemberFilters) {
  let q = db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'm.tenant_id').onRef('d.id', '=', 'm.department_id'))
    .select([
      'm.id',
      'm.name',
      'm.gender',
      'm.id_number',
      'm.phone',
      'm.category',
      'm.status',
      'm.org_id',
      'o.name as org_name',
      'd.name as department_name',
      'm.title',
      'm.education',
      'm.post',
      'm.joined_on',
      'm.birth_date',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', f.status ?? 'active')
    .where(scopeCondition(scope, 'o.path', 'm.id'));
  if (f.orgId) {
    // The org's subtree, or a party group's members (they belong to the group's branch).
    q = q.where(
      sql<boolean>`(o.path like (select f.path from orgs f where f.tenant_id = ${tenantId} and f.id = ${f.orgId}) || '%' or m.party_group_id = ${f.orgId})`,
    );
  }
  if (f.category) q = q.where('m.category', '=', f.category);
  if (f.q) {
    const text = f.q;
    const like = `%${escapeLike(text)}%`;
    q = q.where((eb) =>
      eb.or([eb('m.name', 'like', like), eb('m.id_number', 'like', `%${escapeLike(text.toUpperCase())}`), eb('d.name', 'like', like)]),
    );
  }
  return q.orderBy(sortColumns[f.sort], f.order).orderBy('m.id');
}
