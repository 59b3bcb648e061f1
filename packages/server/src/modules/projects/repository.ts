/**
 * Every query of front-line projects (一线支部项目): projects, their tasks, outcomes and evidence
 * files. Each function takes the database or a transaction and the tenant id; scope conditions
 * come from lib/scope (a member's self scope: the projects they lead or own a task of).
 */
import type { DataScope, ProjectConclusion, ProjectStage, ProjectTaskStatus } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { groupByOwner, replaceOwnedRows } from '../../db/owned.js';
import { bumpVersioned, deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { escapeLike, inIds } from '../../lib/scope.js';
export { findOrg, memberWithPath as findMember } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Names of the secretaries of orgs (branch_secretary grants), for the report's signature and the digest. */
export async function secretaryNames(db: Db, tenantId: number, orgId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.user_id'))
    .select('u.name')
    .where('r.tenant_id', '=', tenantId)
    .where('r.role', '=', 'branch_secretary')
    .where('r.org_id', '=', orgId)
    .orderBy('u.name')
    .execute();
  return rows.map((r) => r.name);
}

// ---------------------------------------------------------------------------------------
// Projects

export interface ProjectRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  orgType: string;
  title: string;
  area: string;
  goal: string;
  startedOn: string;
  endsOn: string;
  leadMemberId: number;
  leadName: string;
  stage: ProjectStage;
  approvedOn: string | null;
  approvalNote: string;
  midtermOn: string | null;
  midtermNote: string;
  acceptedOn: string | null;
  conclusion: ProjectConclusion | null;
  acceptanceNote: string;
  closedOn: string | null;
  closedNote: string;
  version: number;
}

export interface ProjectFilter {
  orgPath?: string | undefined;
  year?: number | undefined;
  stage?: ProjectStage | undefined;
  area?: string | undefined;
}

/** Rows in the scope: the org subtree, or, for a member, the projects they lead or own a task of. */
function inProjectScope(scope: DataScope) {
  if (scope.kind === 'tenant') return sql<boolean>`true`;
  if (scope.kind === 'self') {
    if (scope.memberId === null) return sql<boolean>`false`;
    return sql<boolean>`(p.lead_member_id = ${scope.memberId} or exists (select 1 from project_tasks t where t.tenant_id = p.tenant_id and t.project_id = p.id and t.owner_member_id = ${scope.memberId}))`;
  }
  return sql<boolean>`(${sql.join(
    scope.paths.map((path) => sql`o.path like ${`${escapeLike(path)}%`}`),
    sql` or `,
  )})`;
}

function projectColumns(db: Db, tenantId: number) {
  return db
    .selectFrom('projects as p')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .innerJoin('members as l', (j) => j.onRef('l.tenant_id', '=', 'p.tenant_id').onRef('l.id', '=', 'p.lead_member_id'))
    .select([
      'p.id',
      'p.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'o.type as org_type',
      'p.title',
      'p.area',
      'p.goal',
      'p.started_on',
      'p.ends_on',
      'p.lead_member_id',
      'l.name as lead_name',
      'p.stage',
      'p.approved_on',
      'p.approval_note',
      'p.midterm_on',
      'p.midterm_note',
      'p.accepted_on',
      'p.conclusion',
      'p.acceptance_note',
      'p.closed_on',
      'p.closed_note',
      'p.version',
    ])
    .where('p.tenant_id', '=', tenantId);
}

type ProjectSelect = Awaited<ReturnType<ReturnType<typeof projectColumns>['execute']>>[number];
const presentProject = (r: ProjectSelect): ProjectRow => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  orgPath: r.org_path,
  orgType: r.org_type,
  title: r.title,
  area: r.area,
  goal: r.goal,
  startedOn: r.started_on,
  endsOn: r.ends_on,
  leadMemberId: r.lead_member_id,
  leadName: r.lead_name,
  stage: r.stage,
  approvedOn: r.approved_on,
  approvalNote: r.approval_note,
  midtermOn: r.midterm_on,
  midtermNote: r.midterm_note,
  acceptedOn: r.accepted_on,
  conclusion: r.conclusion,
  acceptanceNote: r.acceptance_note,
  closedOn: r.closed_on,
  closedNote: r.closed_note,
  version: r.version,
});

function filteredProjects(db: Db, tenantId: number, scope: DataScope, f: ProjectFilter) {
  let q = projectColumns(db, tenantId).where(inProjectScope(scope));
  if (f.orgPath) q = q.where('o.path', 'like', `${escapeLike(f.orgPath)}%`);
  if (f.year) q = q.where('p.started_on', '>=', `${f.year}-01-01`).where('p.started_on', '<=', `${f.year}-12-31`);
  if (f.stage) q = q.where('p.stage', '=', f.stage);
  if (f.area) q = q.where('p.area', '=', f.area);
  return q.orderBy('o.name').orderBy('p.started_on', 'desc').orderBy('p.id');
}

/** The projects in the scope matching the filter, the newest start first (a year's list is a few dozen; bounded all the same). */
export async function listProjects(db: Db, tenantId: number, scope: DataScope, f: ProjectFilter): Promise<ProjectRow[]> {
  return (await filteredProjects(db, tenantId, scope, f).limit(2000).execute()).map(presentProject);
}

/**
 * One page of the projects in the scope matching the filter (pages from 1, the order of
 * listProjects), with what the list's summary line tells of the whole filtered set: how many
 * projects, how many accepted, how many overdue tasks (open past their due date, before
 * today, on a running project: core taskOverdue) and how many projects have one (behind).
 */
export async function listProjectsPage(db: Db, tenantId: number, scope: DataScope, f: ProjectFilter, today: string, page: number, pageSize: number) {
  const filtered = filteredProjects(db, tenantId, scope, f);
  const whole = filtered.clearOrderBy().clearSelect().select([
    'p.stage',
    sql<number>`(select count(*) from project_tasks t where t.tenant_id = p.tenant_id and t.project_id = p.id and t.status = 'open' and t.due_on < ${today})`.as('overdue'),
  ]);
  // The page and the whole list's counts at once, on two pooled connections.
  const rowsQuery = filtered.limit(pageSize).offset((page - 1) * pageSize).execute();
  const countsQuery = db
    .selectFrom(whole.as('w'))
    .select([
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) filter (where w.stage = 'accepted')`.as('accepted'),
      sql<string>`coalesce(sum(w.overdue) filter (where w.stage in ('approved', 'midterm')), 0)`.as('overdue'),
      sql<string>`count(*) filter (where w.overdue > 0 and w.stage in ('approved', 'midterm'))`.as('behind'),
    ])
    .executeTakeFirstOrThrow();
  const [rows, counts] = await Promise.all([rowsQuery, countsQuery]);
  return { rows: rows.map(presentProject), total: Number(counts.total), accepted: Number(counts.accepted), overdue: Number(counts.overdue), behind: Number(counts.behind) };
}

export async function findProject(db: Db, tenantId: number, id: number): Promise<ProjectRow | undefined> {
  const row = await projectColumns(db, tenantId).where('p.id', '=', id).executeTakeFirst();
  return row ? presentProject(row) : undefined;
}

/** Whether a member leads the project or owns one of its tasks (a member's self scope). */
export async function memberTakesPart(db: Db, tenantId: number, projectId: number, memberId: number): Promise<boolean> {
  const row = await db
    .selectFrom('projects as p')
    .select('p.id')
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', projectId)
    .where((eb) =>
      eb.or([
        eb('p.lead_member_id', '=', memberId),
        eb.exists(eb.selectFrom('project_tasks as t').select('t.id').whereRef('t.tenant_id', '=', 'p.tenant_id').whereRef('t.project_id', '=', 'p.id').where('t.owner_member_id', '=', memberId)),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export interface ProjectValues {
  org_id: number;
  title: string;
  area: string;
  goal: string;
  started_on: string;
  ends_on: string;
  lead_member_id: number;
}

export interface StageValues {
  stage: ProjectStage;
  approved_on?: string;
  approval_note?: string;
  midterm_on?: string;
  midterm_note?: string;
  accepted_on?: string;
  conclusion?: ProjectConclusion;
  acceptance_note?: string;
  closed_on?: string;
  closed_note?: string;
}

export async function insertProject(db: Db, tenantId: number, v: ProjectValues, createdBy: number | null): Promise<number> {
  return (await db.insertInto('projects').values({ tenant_id: tenantId, ...v, created_by: createdBy }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes a project over the version read; false when the version is stale. */
export async function updateProject(db: Db, tenantId: number, id: number, version: number, v: Partial<ProjectValues> | StageValues | Record<string, never>): Promise<boolean> {
  return updateVersioned(db, 'projects', tenantId, id, version, v);
}

// ---------------------------------------------------------------------------------------
// Tasks

export interface TaskRow {
  id: number;
  projectId: number;
  title: string;
  ownerMemberId: number;
  ownerName: string;
  dueOn: string;
  status: ProjectTaskStatus;
  doneOn: string | null;
  result: string;
  version: number;
}

function taskColumns(db: Db, tenantId: number) {
  return db
    .selectFrom('project_tasks as t')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.owner_member_id'))
    .select(['t.id', 't.project_id', 't.title', 't.owner_member_id', 'm.name as owner_name', 't.due_on', 't.status', 't.done_on', 't.result', 't.version'])
    .where('t.tenant_id', '=', tenantId);
}

type TaskSelect = Awaited<ReturnType<ReturnType<typeof taskColumns>['execute']>>[number];
const presentTask = (r: TaskSelect): TaskRow => ({
  id: r.id,
  projectId: r.project_id,
  title: r.title,
  ownerMemberId: r.owner_member_id,
  ownerName: r.owner_name,
  dueOn: r.due_on,
  status: r.status,
  doneOn: r.done_on,
  result: r.result,
  version: r.version,
});

/** The tasks of projects, by project, in due-date order. */
export async function tasksOf(db: Db, tenantId: number, projectIds: readonly number[]): Promise<Map<number, TaskRow[]>> {
  if (projectIds.length === 0) return new Map<number, TaskRow[]>();
  const rows = await taskColumns(db, tenantId).where(inIds('t.project_id', projectIds)).orderBy('t.project_id').orderBy('t.due_on').orderBy('t.id').execute();
  return groupByOwner(rows, (r) => r.project_id, presentTask);
}

export async function findTask(db: Db, tenantId: number, projectId: number, taskId: number): Promise<TaskRow | undefined> {
  const row = await taskColumns(db, tenantId).where('t.project_id', '=', projectId).where('t.id', '=', taskId).executeTakeFirst();
  return row ? presentTask(row) : undefined;
}

export interface TaskValues {
  title: string;
  owner_member_id: number;
  due_on: string;
  status: ProjectTaskStatus;
  done_on: string | null;
  result: string;
}

export async function insertTask(db: Db, tenantId: number, projectId: number, v: TaskValues): Promise<number> {
  return (await db.insertInto('project_tasks').values({ tenant_id: tenantId, project_id: projectId, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTask(db: Db, tenantId: number, taskId: number, version: number, v: Partial<TaskValues>): Promise<boolean> {
  return bumpVersioned(db, 'project_tasks', tenantId, taskId, version, v);
}

export async function deleteTask(db: Db, tenantId: number, taskId: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'project_tasks', tenantId, taskId, version);
}

/** Open tasks past their due date on running projects of the unit (the digest), with their branch. */
export async function overdueTasks(db: Db, tenantId: number, today: string, since: string) {
  return db
    .selectFrom('project_tasks as t')
    .innerJoin('projects as p', (j) => j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.project_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.owner_member_id'))
    .select(['t.id', 't.title', 't.due_on', 't.owner_member_id', 'm.name as owner_name', 'p.id as project_id', 'p.title as project_title', 'p.org_id', 'o.name as org_name'])
    // The owner's account (a member has at most one active), whom the reminder reaches in person.
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select((e) => e.fn.min('u.id').as('id'))
        .whereRef('u.tenant_id', '=', 't.tenant_id')
        .whereRef('u.member_id', '=', 't.owner_member_id')
        .where('u.active', '=', true)
        .as('owner_user_id'),
    )
    .where('t.tenant_id', '=', tenantId)
    .where('t.status', '=', 'open')
    .where('t.due_on', '<', today)
    .where('t.due_on', '>=', since)
    .where('p.stage', 'in', ['approved', 'midterm'])
    .orderBy('t.due_on')
    .orderBy('t.id')
    .limit(5000)
    .execute();
}

// ---------------------------------------------------------------------------------------
// Outcomes

export interface OutcomeRow {
  indicator: string;
  unit: string;
  target: number | null;
  actual: number | null;
  better: 'higher' | 'lower';
}

export async function outcomesOf(db: Db, tenantId: number, projectIds: readonly number[]): Promise<Map<number, OutcomeRow[]>> {
  if (projectIds.length === 0) return new Map<number, OutcomeRow[]>();
  const rows = await db
    .selectFrom('project_outcomes')
    .select(['project_id', 'indicator', 'unit', sql<number | null>`target::float8`.as('target'), sql<number | null>`actual::float8`.as('actual'), 'better'])
    .where('tenant_id', '=', tenantId)
    .where(inIds('project_id', projectIds))
    .orderBy('project_id')
    .orderBy('seq')
    .execute();
  return groupByOwner(rows, (r) => r.project_id, (r) => ({ indicator: r.indicator, unit: r.unit, target: r.target, actual: r.actual, better: r.better }));
}

export async function replaceOutcomes(db: Db, tenantId: number, projectId: number, list: readonly OutcomeRow[]): Promise<void> {
  await replaceOwnedRows(db, 'project_outcomes', tenantId, 'project_id', projectId, list.map((o, i) => ({ seq: i + 1, indicator: o.indicator, unit: o.unit, target: o.target, actual: o.actual, better: o.better })));
}

// ---------------------------------------------------------------------------------------
// The demo loader's reads (no caller, no scope)

/** The member record linked to an account of the unit (the demo gives the member login a task). */
export async function memberOfAccount(db: Db, tenantId: number, username: string): Promise<number | null> {
  const row = await db.selectFrom('users').select('member_id').where('tenant_id', '=', tenantId).where('username', '=', username).executeTakeFirst();
  return row?.member_id ?? null;
}
