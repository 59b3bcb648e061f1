/**
 * Every query of the members area (the list, a member's record and profile, edits and their
 * history, the structure report's rows). The roster import's bulk queries are in
 * repository-roster.ts. Each function takes the database or a transaction.
 */
import { type DataScope, MEMBER_STATUSES } from '@hongyi/core';
import { type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { idNumberHash, isSealed, openIdNumber, openPhone, openRow, sealIdNumber, sealPhone, sealRow } from '../../db/sealed.js';
import { updateVersioned } from '../../db/versioned.js';
import { escapeLike, subtree } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

export const memberFilters = z.object({
  q: z.string().trim().max(50).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  category: z.enum(['full', 'probationary']).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  education: z.string().trim().max(20).optional(),
  title: z.string().trim().max(10).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
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
export async function filterOrgOf(db: Db, tenantId: number, orgId: number | undefined): Promise<FilterOrg | null> {
  if (!orgId) return null;
  return (await db.selectFrom('orgs').select(['id', 'type', 'path']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst()) ?? null;
}

/** What the list presents (schemas.ts memberOut), and nothing more. */
const LIST_COLUMNS = [
  'm.id',
  'm.name',
  'm.gender',
  'm.id_number_enc',
  'm.phone_enc',
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
    .where(subtree(scope, 'o.path', 'm.id'));
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
    } else if (/^\d{14}[\dxX]$|^\d{17}[\dxX]$/.test(text)) {
      // A whole ID number: its keyed hash (the number itself is stored sealed, decision 0005).
      q = q.where('m.id_number_hash', '=', idNumberHash(text));
    } else if (/^\d{3,17}[\dxX]?$/.test(text)) {
      // Digits: the end of the ID number (people quote the last 4 or 6), by the stored last 6;
      // a longer part by its last 6 (decision 0005).
      q = q.where('m.id_number_tail', 'like', `%${escapeLike(text.toUpperCase().slice(-6))}`);
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
export function memberByIdNumber(db: Db, tenantId: number, idNumber: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.status', 'o.path as org_path'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id_number_hash', '=', idNumberHash(idNumber))
    .executeTakeFirst();
}

type Opened<T> = Omit<T, 'id_number_enc' | 'phone_enc'> & { id_number: string; phone: string };
export type MemberListRow = Opened<Awaited<ReturnType<ReturnType<typeof memberListQuery>['execute']>>[number]>;
export type MemberExportRow = Opened<Awaited<ReturnType<ReturnType<typeof memberExportQuery>['execute']>>[number]>;

/** A page of the list and its total. The count and the page are independent: on PostgreSQL they run on two connections at once. */
export async function memberPage(db: Kysely<DB>, tenantId: number, scope: DataScope, f: MemberFilters, org: FilterOrg | null, page: number, pageSize: number) {
  const [{ total }, rows] = await Promise.all([
    memberCountQuery(db, tenantId, scope, f, org).executeTakeFirstOrThrow(),
    memberListQuery(db, tenantId, scope, f, org)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { total: Number(total), rows: rows.map(openRow) };
}

/** The export's rows (at most `limit`). */
export async function memberExportRows(db: Kysely<DB>, tenantId: number, scope: DataScope, f: MemberFilters, org: FilterOrg | null, limit: number) {
  return (await memberExportQuery(db, tenantId, scope, f, org).limit(limit).execute()).map(openRow);
}

/** Names of the unit's party groups and campuses by id (the export writes names). */
export async function groupAndCampusNames(db: Db, tenantId: number) {
  const [groups, campuses] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('type', '=', 'party_group').execute(),
    db.selectFrom('campuses').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
  ]);
  return { groups: new Map(groups.map((g) => [g.id, g.name])), campuses: new Map(campuses.map((c) => [c.id, c.name])) };
}

/** A member's whole record with their branch's path and name; undefined when the unit has no such member. */
export async function memberRecord(db: Db, tenantId: number, id: number) {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .selectAll('m')
    .select(['o.path as org_path', 'o.name as org_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', id)
    .executeTakeFirst();
  return row && openRow(row);
}
export type MemberRecord = NonNullable<Awaited<ReturnType<typeof memberRecord>>>;

/** What the profile shows beside the record: names of the department, campus and party group, posts held, branch periods and transfers. */
export async function profileExtras(db: Db, tenantId: number, m: Pick<MemberRecord, 'id' | 'department_id' | 'campus_id' | 'party_group_id'>) {
  const t = tenantId;
  const [department, campus, group, posts, periods, transfers] = await Promise.all([
    m.department_id ? db.selectFrom('departments').select('name').where('tenant_id', '=', t).where('id', '=', m.department_id).executeTakeFirst() : undefined,
    m.campus_id ? db.selectFrom('campuses').select('name').where('tenant_id', '=', t).where('id', '=', m.campus_id).executeTakeFirst() : undefined,
    m.party_group_id ? db.selectFrom('orgs').select('name').where('tenant_id', '=', t).where('id', '=', m.party_group_id).executeTakeFirst() : undefined,
    db
      .selectFrom('org_committee_seats as s')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
      .select(['s.org_id', 'o.name', 's.post', 's.started_on'])
      .where('s.tenant_id', '=', t)
      .where('s.member_id', '=', m.id)
      .execute(),
    db
      .selectFrom('member_org_periods as p')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
      .select(['p.org_id', 'o.name', 'p.from_on', 'p.to_on'])
      .where('p.tenant_id', '=', t)
      .where('p.member_id', '=', m.id)
      .orderBy('p.from_on')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('member_transfers')
      .select(['id', 'kind', 'from_org_name', 'to_org_name', 'effective_on', 'letter_no', 'receipt_received_on'])
      .where('tenant_id', '=', t)
      .where('member_id', '=', m.id)
      .orderBy('effective_on')
      .orderBy('id')
      .execute(),
  ]);
  return { departmentName: department?.name ?? null, campusName: campus?.name ?? null, groupName: group?.name ?? null, posts, periods, transfers };
}

/** The change history of a member's record, newest first. */
export async function memberChanges(db: Db, tenantId: number, memberId: number, limit: number) {
  const rows = await db.selectFrom('member_changes').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => (SEALED_FIELDS.has(r.field) ? { ...r, old_value: openChange(r.field, r.old_value), new_value: openChange(r.field, r.new_value) } : r));
}

/** The history keeps ID and phone numbers sealed (decision 0005). */
const SEALED_FIELDS = new Set(['id_number', 'phone']);
function openChange(field: string, value: string | null): string | null {
  if (value === null || !isSealed(value)) return value;
  return field === 'phone' ? openPhone(value) : openIdNumber(value);
}
function sealChange(field: string, value: string | null): string | null {
  if (value === null || value === '' || isSealed(value)) return value;
  return field === 'phone' ? sealPhone(value) : sealIdNumber(value);
}

export type ChangeSource = 'edit' | 'import' | 'transfer' | 'org';
export interface ChangeRow {
  tenant_id: number;
  member_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: ChangeSource;
  username: string;
}

/** Appends history rows (2,000 per statement). */
export async function insertChanges(db: Db, rows: readonly ChangeRow[]): Promise<void> {
  const sealed = rows.map((r) => (SEALED_FIELDS.has(r.field) ? { ...r, old_value: sealChange(r.field, r.old_value), new_value: sealChange(r.field, r.new_value) } : r));
  for (let i = 0; i < sealed.length; i += 2000) await db.insertInto('member_changes').values(sealed.slice(i, i + 2000)).execute();
}

/** An org as a member's branch is checked: its path, type and whether it is dissolved. */
export function orgForMembers(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'type', 'dissolved_on']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

/** True when the party group belongs to the branch. */
export async function isGroupOfBranch(db: Db, tenantId: number, groupId: number, branchId: number): Promise<boolean> {
  const group = await db
    .selectFrom('orgs')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', groupId)
    .where('type', '=', 'party_group')
    .where('parent_id', '=', branchId)
    .executeTakeFirst();
  return group !== undefined;
}

/** Inserts a member and the first period in their branch; returns the new id. */
export async function insertMember(db: Db, tenantId: number, columns: Record<string, unknown>, fromOn: string): Promise<number> {
  const row = await db
    .insertInto('members')
    .values({ tenant_id: tenantId, ...sealRow(columns) } as never)
    .returning(['id', 'org_id'])
    .executeTakeFirstOrThrow();
  await db.insertInto('member_org_periods').values({ tenant_id: tenantId, member_id: row.id, org_id: row.org_id, from_on: fromOn }).execute();
  return row.id;
}

/**
 * Opens the first branch period of every member of the unit who has none: from their 入党日期
 * (not before their branch was founded), else `fallbackOn`. One statement for the whole unit
 * (members written in bulk, the demo hospital's, arrive without one).
 */
export async function openMissingPeriods(db: Db, tenantId: number, fallbackOn: string): Promise<void> {
  await sql`
    insert into member_org_periods (tenant_id, member_id, org_id, from_on)
    select m.tenant_id, m.id, m.org_id, coalesce(greatest(m.joined_on, o.established_on), m.joined_on, ${fallbackOn}::date)
    from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
    where m.tenant_id = ${tenantId}
      and not exists (select 1 from member_org_periods p where p.tenant_id = m.tenant_id and p.member_id = m.id)`.execute(db);
}

/** Marks members as 学科带头人 (one of the 双带头人 criteria). */
export async function setAcademicLeaders(db: Db, tenantId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('members').set({ academic_leader: true }).where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
}

/** Every member of the unit (any status) in id order, with what a committee is staffed by: branch, category, title, post and 入党日期. */
export async function membersForStaffing(db: Db, tenantId: number) {
  return db.selectFrom('members').select(['id', 'org_id', 'category', 'title', 'post', 'joined_on']).where('tenant_id', '=', tenantId).orderBy('id').execute();
}

/** Sets columns of a member over the version read; false when the version has moved on. */
export async function updateMemberRow(db: Db, tenantId: number, id: number, version: number, set: Record<string, unknown>): Promise<boolean> {
  return updateVersioned(db, 'members', tenantId, id, version, sealRow(set) as Updateable<DB['members']>);
}

/** A member's current version. */
export async function memberVersion(db: Db, tenantId: number, id: number): Promise<number> {
  return (await db.selectFrom('members').select('version').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow()).version;
}

/** An org's name and path (the structure report's subtree). */
export function orgNameAndPath(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('orgs').select(['name', 'path']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

/** The active members in scope (and under `path` when given), with the columns the structure report counts. */
export function structureRows(db: Db, tenantId: number, scope: DataScope, path: string | null) {
  let q = db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.education', 'm.title', 'm.birth_date', 'm.gender', 'm.job_category', 'm.joined_on', 'm.category'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where(subtree(scope, 'o.path', 'm.id'));
  if (path) q = q.where('o.path', 'like', `${escapeLike(path)}%`);
  return q.execute();
}
