/**
 * Every query of upward reports: definitions, frozen runs, and the members as they stood on an
 * as-of date. Each function takes the database or a transaction; scope conditions come from
 * lib/scope.
 *
 * Members on a date: the branch from the membership periods (member_org_periods, from_on ≤ date <
 * to_on; a member with no period recorded counts by their current org, one whose periods all lie
 * elsewhere in time was not in the unit that day); not yet joined (入党 after the date) left out;
 * status, category, education, degree, title, post and 工作岗位 rolled back through the change
 * history (member_changes: the old value of the first change after the date, China time). A value
 * filled in later (null before) counts as known on the date — it is a record completed, not a life
 * changed. A full member whose 转正 came after the date was probationary then.
 */
import type { DataScope, ReportPerson } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';
import { openIdNumber, openIdNumbersIn, sealIdNumbersIn } from '../../db/sealed.js';
export { findOrg, rootOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Fields rolled back through the change history (column → ReportPerson key). */
const ROLLED_BACK = { status: 'status', category: 'category', education: 'education', degree: 'degree', title: 'title', post: 'post', job_category: 'jobCategory', full_on: 'fullOn' } as const;

interface MemberOnDate {
  id: number;
  name: string;
  gender: 'male' | 'female';
  id_number_enc: string;
  birth_date: string | null;
  ethnicity: string;
  native_place: string;
  education: string | null;
  degree: string | null;
  title: string | null;
  post: string;
  job_category: string | null;
  department: string | null;
  org_id: number;
  org_name: string;
  category: 'full' | 'probationary';
  status: ReportPerson['status'];
  joined_on: string | null;
  full_on: string | null;
  work_started_on: string | null;
}

/** The members of an org (and its subtree, if asked) as they stood on the date. */
export async function membersOnDate(db: Db, tenantId: number, org: { id: number; path: string }, includeSubtree: boolean, date: string): Promise<ReportPerson[]> {
  const orgCondition = includeSubtree ? sql`path like ${`${escapeLike(org.path)}%`}` : sql`id = ${org.id}`;
  const { rows } = await sql<MemberOnDate>`
    with scope_orgs as materialized (
      select id, name from orgs where tenant_id = ${tenantId} and ${orgCondition}
    ),
    on_date as (
      select distinct on (p.member_id) p.member_id, p.org_id from member_org_periods p
      where p.tenant_id = ${tenantId} and p.from_on <= ${date}::date and (p.to_on is null or p.to_on > ${date}::date)
      order by p.member_id, p.from_on desc, p.id desc
    )
    select m.id, m.name, m.gender, m.id_number_enc, m.birth_date::text as birth_date, m.ethnicity, m.native_place, m.education, m.degree, m.title, m.post,
      m.job_category, d.name as department, so.id as org_id, so.name as org_name, m.category, m.status, m.joined_on::text as joined_on,
      m.full_on::text as full_on, m.work_started_on::text as work_started_on
    from members m
    left join on_date od on od.member_id = m.id
    join scope_orgs so on so.id = coalesce(od.org_id,
      case when not exists (select 1 from member_org_periods q where q.tenant_id = m.tenant_id and q.member_id = m.id) then m.org_id end)
    left join departments d on d.tenant_id = m.tenant_id and d.id = m.department_id
    where m.tenant_id = ${tenantId} and (m.joined_on is null or m.joined_on <= ${date}::date)`.execute(db);
  if (rows.length === 0) return [];
  const changes = await db
    .selectFrom('member_changes')
    .select(['member_id', 'field', 'old_value'])
    .where('tenant_id', '=', tenantId)
    .where(inIds('member_id', rows.map((r) => r.id)))
    .where('field', 'in', Object.keys(ROLLED_BACK))
    .where('old_value', 'is not', null)
    .where(sql<boolean>`at >= ((${date}::date + 1)::timestamp at time zone 'Asia/Shanghai')`)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const firstAfter = new Map<string, string>();
  for (const c of changes) {
    const key = `${c.member_id}:${c.field}`;
    if (!firstAfter.has(key)) firstAfter.set(key, c.old_value!);
  }
  return rows.map((r): ReportPerson => {
    const back = (column: keyof typeof ROLLED_BACK, value: string | null) => firstAfter.get(`${r.id}:${column}`) ?? value;
    const fullOn = back('full_on', r.full_on);
    let category = back('category', r.category) as ReportPerson['category'];
    if (category === 'full' && fullOn !== null && fullOn > date) category = 'probationary';
    return {
      id: Number(r.id),
      name: r.name,
      gender: r.gender,
      idNumber: openIdNumber(r.id_number_enc),
      birthDate: r.birth_date,
      ethnicity: r.ethnicity,
      nativePlace: r.native_place,
      education: back('education', r.education),
      degree: back('degree', r.degree),
      title: back('title', r.title),
      post: back('post', r.post) ?? '',
      jobCategory: back('job_category', r.job_category),
      department: r.department,
      orgId: Number(r.org_id),
      orgName: r.org_name,
      category,
      status: back('status', r.status) as ReportPerson['status'],
      joinedOn: r.joined_on,
      fullOn,
      workStartedOn: r.work_started_on,
    };
  });
}

// ---------------------------------------------------------------------------------------
// Definitions

export interface DefinitionRow {
  id: number;
  title: string;
  requester: string;
  asOf: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  spec: unknown;
  basedOnId: number | null;
  version: number;
  createdByName: string;
  updatedAt: Date;
}

function definitionBase(db: Db, tenantId: number) {
  return db
    .selectFrom('report_definitions as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .where('r.tenant_id', '=', tenantId)
    .select([
      'r.id',
      'r.title',
      'r.requester',
      sql<string>`r.as_of::text`.as('asOf'),
      'r.org_id as orgId',
      'o.name as orgName',
      'o.path as orgPath',
      'r.spec',
      'r.based_on_id as basedOnId',
      'r.version',
      'r.created_by_name as createdByName',
      'r.updated_at as updatedAt',
    ]);
}

export async function findDefinition(db: Db, tenantId: number, id: number): Promise<DefinitionRow | undefined> {
  return definitionBase(db, tenantId).where('r.id', '=', id).executeTakeFirst();
}

export interface LastRun {
  definitionId: number;
  id: number;
  asOf: string;
  total: number;
  runAt: Date;
}

/** Definitions whose org lies in the scope, newest first, each with its last run. */
export async function listDefinitions(db: Db, tenantId: number, scope: DataScope, page: { limit: number; offset: number }) {
  const base = definitionBase(db, tenantId).where(subtree(scope, 'o.path'));
  const [items, count] = await Promise.all([
    base.orderBy('r.as_of', 'desc').orderBy('r.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    db
      .selectFrom('report_definitions as r')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
      .where('r.tenant_id', '=', tenantId)
      .where(subtree(scope, 'o.path'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const ids = items.map((i) => i.id);
  const last: LastRun[] = ids.length === 0 ? [] : await db
    .selectFrom('report_runs')
    .distinctOn('definition_id')
    .select(['definition_id as definitionId', 'id', sql<string>`as_of::text`.as('asOf'), 'total', 'run_at as runAt'])
    .where('tenant_id', '=', tenantId)
    .where(inIds('definition_id', ids))
    .orderBy('definition_id')
    .orderBy('run_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return { items, total: Number(count.n), last };
}

export interface DefinitionValues {
  title: string;
  requester: string;
  as_of: string;
  org_id: number;
  spec: string;
  based_on_id?: number | null;
}

export async function insertDefinition(db: Db, tenantId: number, values: DefinitionValues, byName: string): Promise<number> {
  const row = await db.insertInto('report_definitions').values({ tenant_id: tenantId, ...values, created_by_name: byName }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateDefinition(db: Db, tenantId: number, id: number, version: number, values: DefinitionValues): Promise<boolean> {
  const r = await db
    .updateTable('report_definitions')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteDefinition(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('report_definitions').where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function countRuns(db: Db, tenantId: number, definitionId: number): Promise<number> {
  const r = await db.selectFrom('report_runs').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('definition_id', '=', definitionId).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------------------------------
// Runs

export interface RunRow {
  id: number;
  definitionId: number;
  orgId: number;
  orgPath: string;
  asOf: string;
  definition: unknown;
  result: unknown;
  total: number;
  runByName: string;
  runAt: Date;
}

function runBase(db: Db, tenantId: number) {
  return db
    .selectFrom('report_runs as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .where('r.tenant_id', '=', tenantId);
}

export async function insertRun(db: Db, tenantId: number, values: { definition_id: number; org_id: number; as_of: string; definition: string; result: string; total: number }, byName: string): Promise<number> {
  // The people a run froze keep their ID numbers sealed (decision 0005).
  const result = JSON.stringify(sealIdNumbersIn(JSON.parse(values.result)));
  const row = await db.insertInto('report_runs').values({ tenant_id: tenantId, ...values, result, run_by_name: byName }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findRun(db: Db, tenantId: number, id: number): Promise<RunRow | undefined> {
  const run = await runBase(db, tenantId)
    .where('r.id', '=', id)
    .select(['r.id', 'r.definition_id as definitionId', 'r.org_id as orgId', 'o.path as orgPath', sql<string>`r.as_of::text`.as('asOf'), 'r.definition', 'r.result', 'r.total', 'r.run_by_name as runByName', 'r.run_at as runAt'])
    .executeTakeFirst();
  return run;
}

/**
 * The ID numbers a run froze, opened (they are stored sealed). Only what is read is opened: a
 * 党委's run holds thousands of people, and a page of one cell needs fifty.
 */
export function openedIdNumbers<T>(value: T): T {
  return openIdNumbersIn(value);
}

/** A definition's runs, newest first (no results: those are read one at a time). */
export async function runsOf(db: Db, tenantId: number, definitionId: number) {
  return runBase(db, tenantId)
    .where('r.definition_id', '=', definitionId)
    .select(['r.id', sql<string>`r.as_of::text`.as('asOf'), 'r.total', 'r.run_by_name as runByName', 'r.run_at as runAt', sql<string>`r.definition->>'title'`.as('title')])
    .orderBy('r.run_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();
}
