import type { DataScope } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { escapeLike, scopeCondition } from '../../lib/scope.js';

export const memberFilters = z.object({
  q: z.string().trim().max(50).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  category: z.enum(['full', 'probationary']).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  education: z.string().trim().max(20).optional(),
  title: z.string().trim().max(10).optional(),
  status: z.enum(['active', 'transferred_out', 'stopped', 'left', 'expelled', 'deceased', 'disqualified']).optional(),
  sort: z.enum(['name', 'joinedOn', 'birthDate', 'org', 'orgName', 'category']).default('org'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type MemberFilters = z.infer<typeof memberFilters>;

const sortColumns = { name: 'm.name', joinedOn: 'm.joined_on', birthDate: 'm.birth_date', org: 'o.path', orgName: 'o.name', category: 'm.category' } as const;

export interface FilterOrg {
  id: number;
  type: string;
  path: string;
}

/** The org of the list's orgId filter, read once so the list query gets its path as a literal. */
export async function filterOrgOf(db: Kysely<DB>, tenantId: number, orgId: number | undefined): Promise<FilterOrg | null> {
  if (!orgId) return null;
  return (await db.selectFrom('orgs').select(['id', 'type', 'path']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst()) ?? null;
}

/** Members in scope with their branch and department names; active members unless a status is asked for. */
export function memberListQuery(db: Kysely<DB>, tenantId: number, scope: DataScope, f: MemberFilters, org?: FilterOrg | null) {
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
      'm.version',
      'm.ethnicity',
      'm.native_place',
      'm.degree',
      'm.party_group_id',
      'm.full_on',
      'm.work_started_on',
      'm.job_category',
      'm.address',
      'm.lost_contact',
      'm.flow_to',
      'm.sponsors',
      'm.campus_id',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', f.status ?? 'active')
    .where(scopeCondition(scope, 'o.path', 'm.id'));
  if (f.orgId) {
    // The org's subtree by its path (a literal prefix the path index can use), or a party
    // group's members (they belong to the group's branch). An unknown org matches nobody.
    if (!org) q = q.where(sql<boolean>`false`);
    else if (org.type === 'party_group') q = q.where('m.party_group_id', '=', org.id);
    else q = q.where('o.path', 'like', `${escapeLike(org.path)}%`);
  }
  if (f.category) q = q.where('m.category', '=', f.category);
  if (f.departmentId) q = q.where('m.department_id', '=', f.departmentId);
  if (f.education) q = q.where('m.education', '=', f.education);
  if (f.title) q = q.where(f.title === 'none' ? sql<boolean>`m.title is null` : sql<boolean>`m.title = ${f.title}`);
  if (f.q) {
    const text = f.q.replace(/\s/g, '');
    if (/^[a-z]+$/i.test(text)) {
      // Latin letters: full pinyin ('zhangsan', 'zhang') or initials ('zs') from the start of the name.
      const prefix = `${escapeLike(text.toLowerCase())}%`;
      q = q.where((eb) => eb.or([eb('m.name_pinyin', 'like', prefix), eb('m.name_initials', 'like', prefix)]));
    } else if (/^\d{3,17}[\dxX]?$/.test(text)) {
      // Digits: the end of the ID number (people quote the last 4 or 6).
      q = q.where('m.id_number', 'like', `%${escapeLike(text.toUpperCase())}`);
    } else {
      const like = `%${escapeLike(text)}%`;
      q = q.where((eb) => eb.or([eb('m.name', 'like', like), eb('d.name', 'like', like)]));
    }
  }
  return q.orderBy(sortColumns[f.sort], f.order).orderBy('m.id');
}
