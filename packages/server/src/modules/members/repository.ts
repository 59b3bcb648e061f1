import type { DataScope } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
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

export interface FilterOrg {
  id: number;
  type: string;
  path: string;
}

/**
 * The org of the list's orgId filter, read once so the list queries get its path as a literal.
 * (Folding the lookup into the queries saves this round trip but hides the subtree's size from
 * the planner: on 100,000 members the whole-hospital filter became 10 × slower.)
 */
export async function filterOrgOf(db: Kysely<DB>, tenantId: number, orgId: number | undefined): Promise<FilterOrg | null> {
  if (!orgId) return null;
  return (await db.selectFrom('orgs').select(['id', 'type', 'path']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst()) ?? null;
}

/** What the list presents (routes.ts memberOut), and nothing more. */
const LIST_COLUMNS = [
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
] as const;

/** The export writes the roster's columns (importable again). */
const EXPORT_COLUMNS = [
  ...LIST_COLUMNS,
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
] as const;

/**
 * Members in scope matching the filters; active members unless a status is asked for. The
 * conditions on the branch (scope, org filter) name `o`, which the caller joins — the count
 * only when a condition needs it.
 */
function filteredMembers(db: Kysely<DB>, tenantId: number, scope: DataScope, f: MemberFilters, org: FilterOrg | null | undefined) {
  let q = db
    .selectFrom('members as m')
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'm.tenant_id').onRef('d.id', '=', 'm.department_id'))
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', f.status ?? 'active')
    .where(scopeCondition(scope, 'o.path', 'm.id'));
  let needsOrg = scope.kind === 'subtree';
  if (f.orgId) {
    // The org's subtree by its path (a literal prefix the path index can use), or a party
    // group's members (they belong to the group's branch). An unknown org matches nobody.
    if (!org) q = q.where(sql<boolean>`false`);
    else if (org.type === 'party_group') q = q.where('m.party_group_id', '=', org.id);
    else {
      q = q.where(sql<boolean>`o.path like ${`${escapeLike(org.path)}%`}`);
      needsOrg = true;
    }
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
  return { q, needsOrg };
}

function withOrgs<T extends ReturnType<typeof filteredMembers>['q']>(q: T) {
  return q.innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'));
}

/**
 * The list's order, always ending with the id (in the same direction) so that pages are stable.
 * - name: roster order, by pinyin syllable and tone (members.name_sort), then the characters;
 *   served by the index members_status_sort.
 * - org: tree order, each branch's members together. Paths compare byte by byte (~<~, the
 *   text_pattern_ops of the path index), so that a parent comes before its children whatever
 *   the database's collation, and a short page walks the path index instead of sorting every
 *   member.
 */
function ordered<T extends ReturnType<typeof withOrgs>>(q: T, sort: MemberFilters['sort'], dir: 'asc' | 'desc') {
  switch (sort) {
    case 'name':
      return q.orderBy('m.name_sort', dir).orderBy('m.name', dir).orderBy('m.id', dir);
    case 'org':
      return q.orderBy(sql`o.path using ${sql.raw(dir === 'asc' ? '~<~' : '~>~')}`).orderBy('m.id', dir);
    case 'orgName':
      return q.orderBy('o.name', dir).orderBy('m.id', dir);
    case 'joinedOn':
      return q.orderBy('m.joined_on', dir).orderBy('m.id', dir);
    case 'birthDate':
      return q.orderBy('m.birth_date', dir).orderBy('m.id', dir);
    case 'category':
      return q.orderBy('m.category', dir).orderBy('m.id', dir);
  }
}

/** The list: members in scope with their branch and department names, in the asked order. */
export function memberListQuery(db: Kysely<DB>, tenantId: number, scope: DataScope, f: MemberFilters, org?: FilterOrg | null) {
  return ordered(withOrgs(filteredMembers(db, tenantId, scope, f, org).q), f.sort, f.order).select(LIST_COLUMNS);
}

/** The list's total. The branch is joined only when a condition needs it (the count of a whole hospital reads members alone). */
export function memberCountQuery(db: Kysely<DB>, tenantId: number, scope: DataScope, f: MemberFilters, org?: FilterOrg | null) {
  const { q, needsOrg } = filteredMembers(db, tenantId, scope, f, org);
  return (needsOrg ? withOrgs(q) : q).select(sql<number>`count(*)`.as('total'));
}

/** The export: the list's members with every roster column. */
export function memberExportQuery(db: Kysely<DB>, tenantId: number, scope: DataScope, f: MemberFilters, org?: FilterOrg | null) {
  return ordered(withOrgs(filteredMembers(db, tenantId, scope, f, org).q), f.sort, f.order).select(EXPORT_COLUMNS);
}

/** The member holding an ID number in the unit (any status), with their branch's path for the scope check. */
export function memberByIdNumber(db: Kysely<DB> | Transaction<DB>, tenantId: number, idNumber: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.status', 'o.path as org_path'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id_number', '=', idNumber)
    .executeTakeFirst();
}
