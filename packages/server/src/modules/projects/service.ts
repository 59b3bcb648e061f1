/**
 * Front-line action projects (一线支部项目): a branch secretary (projects.write, their subtree)
 * proposes and runs their branch's projects; the 党委 (projects.review) approves them (立项),
 * records the mid-term check and the acceptance (验收) with a conclusion. Who moves which step is
 * core projectTransition; a branch never approves or accepts its own project (it has no
 * projects.review). A member (projects.read, self scope) sees the projects they lead or own a task
 * of. Every write is audited in its transaction; a stale version answers 409.
 */
import {
  type Language,
  type ProjectConclusion,
  type ProjectStage,
  type ProjectsSettings,
  compareDates,
  nextProjectStages,
  outcomeReached,
  projectClosed,
  projectProgress,
  projectTransition,
  taskOverdue,
  projectTaskState,
} from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import {
  type OutcomeRow,
  type ProjectFilter,
  type ProjectRow,
  type ProjectValues,
  type StageValues,
  type TaskRow,
  findMember,
  findOrg,
  findProject,
  insertProject,
  insertTask,
  listProjects,
  listProjectsPage,
  memberTakesPart,
  outcomesOf,
  replaceOutcomes,
  tasksOf,
  updateProject,
} from './repository.js';

export type Db = Ctx['db'] | Transaction<DB>;
type ProjectPermission = 'projects.read' | 'projects.write';

/** The org types a project may belong to: a branch or a temporary branch set up for a special task. */
export const PROJECT_ORG_TYPES: readonly string[] = ['branch', 'joint_branch', 'temporary_branch'];


export async function projectsSettings(ctx: Ctx) {
  return loadSettings(ctx.db, ctx.tenantId, 'projects');
}

export async function saveProjectsSettings(ctx: Ctx, value: ProjectsSettings, version: number) {
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'projects', value, version, { summary: '修改一线项目设置', language: ctx.language }));
}

/** The project's org: in the unit (400 on the field), a branch or temporary branch (400), within the caller's scope (403). */
async function projectOrg(ctx: Ctx, db: Db, orgId: number, path: string) {
  const org = await findOrg(db, ctx.tenantId, orgId);
  if (!org) throw fieldError(ctx.language, path, 'PROJECT_ORG_UNKNOWN', { id: orgId });
  if (!PROJECT_ORG_TYPES.includes(org.type)) throw fieldError(ctx.language, path, 'PROJECT_ORG_NOT_BRANCH', { name: org.name });
  if (!covers(ctx.scope('projects.write'), org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
  return org;
}

/**
 * A lead or task owner (党员设岗定责): an active member of the unit, of the project's branch — or of
 * any branch for a temporary branch, whose people keep their membership where they are.
 */
export async function checkPerson(ctx: Ctx, db: Db, memberId: number, org: { path: string; type: string }, path: string): Promise<{ id: number; name: string }> {
  const member = await findMember(db, ctx.tenantId, memberId);
  if (!member) throw fieldError(ctx.language, path, 'PROJECT_MEMBER_UNKNOWN', { id: memberId });
  if (member.status !== 'active') throw fieldError(ctx.language, path, 'PROJECT_MEMBER_INACTIVE', { name: member.name });
  if (org.type !== 'temporary_branch' && !member.path.startsWith(org.path)) throw fieldError(ctx.language, path, 'PROJECT_MEMBER_NOT_IN_BRANCH', { name: member.name });
  return member;
}

/** The project, when it is in the unit (404) and the caller's scope reaches it (403): a member's, when they lead it or own a task of it. */
export async function visibleProject(ctx: Ctx, db: Db, id: number, permission: ProjectPermission): Promise<ProjectRow> {
  const project = await findProject(db, ctx.tenantId, id);
  if (!project) throw notFound('PROJECT_NOT_FOUND', id);
  const scope = ctx.scope(permission);
  if (scope.kind === 'self') {
    if (scope.memberId === null || !(await memberTakesPart(db, ctx.tenantId, id, scope.memberId))) throw new AppError(403, 'OUT_OF_SCOPE');
  } else if (!covers(scope, project.orgPath)) throw new AppError(403, 'OUT_OF_SCOPE');
  return project;
}

/** A project the caller may change: in their projects.write scope and not closed (409). */
export async function openProject(ctx: Ctx, db: Db, id: number): Promise<ProjectRow> {
  const project = await visibleProject(ctx, db, id, 'projects.write');
  if (projectClosed(project.stage)) throw new AppError(409, 'PROJECT_CLOSED', { stage: stageLabel(project.stage, ctx.language) });
  return project;
}

const STAGE_LABELS: Record<ProjectStage, Record<Language, string>> = {
  proposed: { 'zh-CN': '申报', 'en-US': 'proposed' },
  approved: { 'zh-CN': '已立项', 'en-US': 'approved' },
  midterm: { 'zh-CN': '已中期检查', 'en-US': 'past its mid-term check' },
  accepted: { 'zh-CN': '已验收', 'en-US': 'accepted' },
  rejected: { 'zh-CN': '不予立项', 'en-US': 'rejected' },
  withdrawn: { 'zh-CN': '已撤销', 'en-US': 'withdrawn' },
};

export function stageLabel(stage: ProjectStage, language: Language): string {
  return STAGE_LABELS[stage][language];
}

// ---------------------------------------------------------------------------------------
// Plan: project fields, tasks, outcomes

export interface TaskPlan {
  title: string;
  ownerMemberId: number;
  dueOn: string;
}

export interface OutcomeInput {
  indicator: string;
  unit: string;
  target: number | null;
  actual: number | null;
  better: 'higher' | 'lower';
}

export interface ProjectInput {
  title: string;
  area: string;
  goal: string;
  startedOn: string;
  endsOn: string;
  leadMemberId: number;
}

export interface NewProjectInput extends ProjectInput {
  orgId: number;
  tasks: TaskPlan[];
  outcomes: OutcomeInput[];
}

async function checkArea(ctx: Ctx, db: Db, area: string, before: string | null) {
  const settings = (await loadSettings(db, ctx.tenantId, 'projects')).value;
  if (!settings.areas.includes(area) && area !== before) throw fieldError(ctx.language, 'body.area', 'PROJECT_AREA_UNKNOWN', { area });
}

async function checkProject(ctx: Ctx, db: Db, input: ProjectInput, org: { id: number; path: string; type: string }, before: ProjectRow | null): Promise<ProjectValues> {
  await checkArea(ctx, db, input.area, before?.area ?? null);
  if (compareDates(input.endsOn, input.startedOn) < 0) throw fieldError(ctx.language, 'body.endsOn', 'PROJECT_ENDS_BEFORE_START', { ends: input.endsOn, start: input.startedOn });
  await checkPerson(ctx, db, input.leadMemberId, org, 'body.leadMemberId');
  return { org_id: org.id, title: input.title, area: input.area, goal: input.goal, started_on: input.startedOn, ends_on: input.endsOn, lead_member_id: input.leadMemberId };
}

/** A task's due date lies within the project's dates. */
export function checkDue(ctx: Ctx, dueOn: string, project: { startedOn: string; endsOn: string }, path: string) {
  if (compareDates(dueOn, project.startedOn) < 0 || compareDates(dueOn, project.endsOn) > 0) throw fieldError(ctx.language, path, 'PROJECT_TASK_DUE_OUTSIDE', { due: dueOn, start: project.startedOn, ends: project.endsOn });
}

/** Outcome figures: the actual only once the project runs (approved), the plan's targets any time before it closes. */
export function checkOutcomes(ctx: Ctx, outcomes: readonly OutcomeInput[], stage: ProjectStage): OutcomeRow[] {
  outcomes.forEach((o, i) => {
    if (o.actual !== null && stage === 'proposed') throw fieldError(ctx.language, `body.outcomes[${i}].actual`, 'PROJECT_NOT_RUNNING_ACTUAL', { row: i + 1 });
  });
  return outcomes.map((o) => ({ indicator: o.indicator, unit: o.unit, target: o.target, actual: o.actual, better: o.better }));
}

export async function createProject(ctx: Ctx, input: NewProjectInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await projectOrg(ctx, trx, input.orgId, 'body.orgId');
    const values = await checkProject(ctx, trx, input, org, null);
    for (const [i, t] of input.tasks.entries()) {
      await checkPerson(ctx, trx, t.ownerMemberId, org, `body.tasks[${i}].ownerMemberId`);
      checkDue(ctx, t.dueOn, input, `body.tasks[${i}].dueOn`);
    }
    const outcomes = checkOutcomes(ctx, input.outcomes, 'proposed');
    const id = await insertProject(trx, ctx.tenantId, values, ctx.userId);
    for (const t of input.tasks) await insertTask(trx, ctx.tenantId, id, { title: t.title, owner_member_id: t.ownerMemberId, due_on: t.dueOn, status: 'open', done_on: null, result: '' });
    await replaceOutcomes(trx, ctx.tenantId, id, outcomes);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'project', entityId: id, summary: `申报一线项目：${values.title}（${org.name}）`, after: { ...values, tasks: input.tasks, outcomes } });
    return id;
  });
}

export async function changeProject(ctx: Ctx, id: number, version: number, input: ProjectInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await openProject(ctx, trx, id);
    const values = await checkProject(ctx, trx, input, { id: before.orgId, path: before.orgPath, type: before.orgType }, before);
    const tasks = (await tasksOf(trx, ctx.tenantId, [id])).get(id) ?? [];
    tasks.forEach((t) => {
      if (compareDates(t.dueOn, input.startedOn) < 0 || compareDates(t.dueOn, input.endsOn) > 0) throw fieldError(ctx.language, 'body.endsOn', 'PROJECT_DATES_EXCLUDE_TASK', { title: t.title, due: t.dueOn });
    });
    if (!(await updateProject(trx, ctx.tenantId, id, version, values))) throw conflict();
    const { orgPath: _p, ...was } = before;
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'project', entityId: id, summary: `修改一线项目：${values.title}`, before: was, after: values });
  });
}

export async function saveOutcomes(ctx: Ctx, id: number, version: number, outcomes: OutcomeInput[]): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const project = await openProject(ctx, trx, id);
    const rows = checkOutcomes(ctx, outcomes, project.stage);
    const before = (await outcomesOf(trx, ctx.tenantId, [id])).get(id) ?? [];
    if (!(await updateProject(trx, ctx.tenantId, id, version, {}))) throw conflict();
    await replaceOutcomes(trx, ctx.tenantId, id, rows);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'project', entityId: id, summary: `记录一线项目成效：${project.title}`, before: { outcomes: before }, after: { outcomes: rows } });
  });
}

// ---------------------------------------------------------------------------------------
// Lifecycle

export interface ReviewInput {
  version: number;
  stage: 'approved' | 'rejected' | 'midterm' | 'accepted';
  on: string;
  note: string;
  conclusion?: ProjectConclusion | null | undefined;
}

/** The date of the step before: a step's date may not come before it. */
function previousDate(p: ProjectRow): string | null {
  return p.midtermOn ?? p.approvedOn ?? null;
}

/** The 党委's steps: 立项 or 不予立项, the mid-term check, the acceptance with its conclusion. */
export async function reviewProject(ctx: Ctx, id: number, input: ReviewInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    ctx.scope('projects.review');
    const before = await visibleProject(ctx, trx, id, 'projects.read');
    if (before.version !== input.version) throw conflict();
    // 验收 follows the mid-term check: an approved project is checked at mid-term first.
    if (before.stage === 'approved' && input.stage === 'accepted') throw fieldError(ctx.language, 'body.stage', 'PROJECT_MIDTERM_FIRST');
    if (projectTransition(before.stage, input.stage) !== 'committee') {
      throw fieldError(ctx.language, 'body.stage', 'PROJECT_STAGE_NOT_NEXT', { from: stageLabel(before.stage, ctx.language), to: stageLabel(input.stage, ctx.language) });
    }
    if (compareDates(input.on, ctx.today) > 0) throw fieldError(ctx.language, 'body.on', 'PROJECT_DATE_FUTURE', { date: input.on });
    const previous = previousDate(before);
    if (previous && compareDates(input.on, previous) < 0) throw fieldError(ctx.language, 'body.on', 'PROJECT_STAGE_BEFORE', { date: input.on, previous });
    let change: StageValues;
    if (input.stage === 'accepted') {
      if (!input.conclusion) throw fieldError(ctx.language, 'body.conclusion', 'PROJECT_CONCLUSION_REQUIRED');
      change = { stage: 'accepted', accepted_on: input.on, conclusion: input.conclusion, acceptance_note: input.note };
    } else {
      if (input.conclusion) throw fieldError(ctx.language, 'body.conclusion', 'PROJECT_CONCLUSION_ONLY_ACCEPTANCE');
      if (input.stage === 'approved') change = { stage: 'approved', approved_on: input.on, approval_note: input.note };
      else if (input.stage === 'midterm') change = { stage: 'midterm', midterm_on: input.on, midterm_note: input.note };
      else change = { stage: 'rejected', closed_on: input.on, closed_note: input.note };
    }
    if (!(await updateProject(trx, ctx.tenantId, id, input.version, change))) throw conflict();
    const conclusion = input.stage === 'accepted' ? `，结论：${input.conclusion}` : '';
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'project',
      entityId: id,
      summary: `一线项目“${before.title}”：${stageLabel(before.stage, 'zh-CN')} → ${stageLabel(input.stage, 'zh-CN')}（${input.on}${conclusion}）`,
      before: { stage: before.stage },
      after: change,
    });
  });
}

/** The branch withdraws (撤销) a project that is not closed, with the reason. */
export async function withdrawProject(ctx: Ctx, id: number, input: { version: number; on: string; note: string }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await openProject(ctx, trx, id);
    if (before.version !== input.version) throw conflict();
    if (!projectTransition(before.stage, 'withdrawn')) throw fieldError(ctx.language, 'body.stage', 'PROJECT_STAGE_NOT_NEXT', { from: stageLabel(before.stage, ctx.language), to: stageLabel('withdrawn', ctx.language) });
    if (compareDates(input.on, ctx.today) > 0) throw fieldError(ctx.language, 'body.on', 'PROJECT_DATE_FUTURE', { date: input.on });
    const change: StageValues = { stage: 'withdrawn', closed_on: input.on, closed_note: input.note };
    if (!(await updateProject(trx, ctx.tenantId, id, input.version, change))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'project', entityId: id, summary: `撤销一线项目“${before.title}”（${input.note}）`, before: { stage: before.stage }, after: change });
  });
}

// ---------------------------------------------------------------------------------------
// Reading

export interface ListFilter {
  orgId?: number | undefined;
  year?: number | undefined;
  stage?: ProjectStage | undefined;
  area?: string | undefined;
}

function presentTasks(tasks: readonly TaskRow[], stage: ProjectStage, today: string) {
  return tasks.map((t) => ({ ...t, state: projectTaskState(t, today), overdue: taskOverdue(t, stage, today) }));
}

/**
 * One page of the year's list (pages from 1), with what the page's summary line tells of the
 * whole list: how many projects, how many accepted, how many overdue tasks (the database pages
 * and counts; only the page's projects are read with their tasks and outcomes).
 */
export async function projectPage(ctx: Ctx, f: ListFilter, page: number, pageSize: number) {
  const { scope, filter } = await listScope(ctx, f);
  const { rows, ...counts } = await listProjectsPage(ctx.db, ctx.tenantId, scope, filter, ctx.today, page, pageSize);
  return { items: await listItems(ctx, rows), ...counts };
}

/** The year's list for the 党委 (a branch: its own; a member: theirs) with progress, overdue tasks and results. */
export async function projectList(ctx: Ctx, f: ListFilter) {
  const { scope, filter } = await listScope(ctx, f);
  return listItems(ctx, await listProjects(ctx.db, ctx.tenantId, scope, filter));
}

/** The caller's scope of the list and the repository's filter (an org given: one the caller sees). */
async function listScope(ctx: Ctx, f: ListFilter) {
  const scope = ctx.scope('projects.read');
  const filter: ProjectFilter = { year: f.year, stage: f.stage, area: f.area };
  if (f.orgId) {
    const org = await findOrg(ctx.db, ctx.tenantId, f.orgId);
    if (!org) throw fieldError(ctx.language, 'query.orgId', 'PROJECT_ORG_UNKNOWN', { id: f.orgId });
    if (scope.kind !== 'self' && !covers(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
    filter.orgPath = org.path;
  }
  return { scope, filter };
}

/** The list's rows with progress, overdue tasks and results. */
async function listItems(ctx: Ctx, projects: readonly ProjectRow[]) {
  const ids = projects.map((p) => p.id);
  const [tasks, outcomes] = await Promise.all([tasksOf(ctx.db, ctx.tenantId, ids), outcomesOf(ctx.db, ctx.tenantId, ids)]);
  return projects.map((p) => {
    const ts = tasks.get(p.id) ?? [];
    const os = outcomes.get(p.id) ?? [];
    return {
      project: p,
      progress: projectProgress(ts, p.stage, ctx.today),
      outcomes: os.length,
      outcomesReached: os.filter((o) => outcomeReached(o) === true).length,
      overdueTasks: presentTasks(ts, p.stage, ctx.today)
        .filter((t) => t.overdue)
        .map((t) => ({ id: t.id, title: t.title, ownerName: t.ownerName, dueOn: t.dueOn })),
    };
  });
}

/** What the caller may do with a project: edit the plan and record results (the branch), the 党委's steps (review). */
function actionsFor(ctx: Ctx, p: ProjectRow) {
  const canWrite = ctx.can('projects.write') && ctx.scope('projects.write').kind !== 'self' && covers(ctx.scope('projects.write'), p.orgPath);
  const canReview = ctx.can('projects.review');
  const next = nextProjectStages(p.stage)
    .filter((n) => (n.by === 'committee' ? canReview : canWrite))
    .map((n) => n.stage);
  return { canEdit: canWrite && !projectClosed(p.stage), canReview, next };
}

export async function projectDetail(ctx: Ctx, id: number) {
  const project = await visibleProject(ctx, ctx.db, id, 'projects.read');
  const tasks = presentTasks((await tasksOf(ctx.db, ctx.tenantId, [id])).get(id) ?? [], project.stage, ctx.today);
  const outcomes = ((await outcomesOf(ctx.db, ctx.tenantId, [id])).get(id) ?? []).map((o) => ({ ...o, reached: outcomeReached(o) }));
  return { project, tasks, outcomes, progress: projectProgress(tasks, project.stage, ctx.today), ...actionsFor(ctx, project) };
}
