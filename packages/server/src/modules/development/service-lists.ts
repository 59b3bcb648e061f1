/**
 * Views over many files: the list, the 发展党员工作台账 (Excel), the pipeline board, the due
 * list (also the source of development deadlines for the reminder digest) and a member's own file.
 */
import { DEVELOPMENT_DUE_KINDS, DEVELOPMENT_STAGES, DEVELOPMENT_STEP, DEVELOPMENT_STEP_COUNT, type DataScope, type DevelopmentDueKind, type Language, addDays, developmentProgress, fileDeadlines, stepDef } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { workbookBuffer } from '../../lib/excel.js';
import { personViewer } from '../../lib/person.js';
import { writeAudit } from '../../plugins/audit.js';
import { DUE_NAMES, STATUS_NAMES, STEP_NAMES } from './labels.js';
import { type EntryPerson, presentApplicant } from './present.js';
import { deadlineCounts, filesToCompute, keptDeadlines, storeDeadlines } from './repository-deadlines.js';
import { FILE_STATUSES, type FileFilters, entriesByFile, fileCounts, fileIdOfMember, filePage, fileRows, fileSteps, stepCounts } from './repository.js';
import { effective, fileDetail, toFacts } from './service.js';

export async function listFiles(ctx: Ctx, filters: FileFilters, page: number, pageSize: number) {
  const { total, rows } = await filePage(ctx.db, ctx.tenantId, ctx.scope('development.read'), filters, page, pageSize);
  const viewer = personViewer(ctx.grants);
  return { items: rows.map((row) => presentApplicant(viewer, row)), total };
}

/** 发展党员工作台账: every file in scope with the date of each of the 25 steps, audited. */
export async function exportLedger(ctx: Ctx, filters: FileFilters): Promise<{ name: string; buffer: Buffer }> {
  const rows = await fileRows(ctx.db, ctx.tenantId, ctx.scope('development.read'), filters, 100_000);
  const byFile = await entriesByFile(ctx.db, ctx.tenantId, rows.map((x) => x.id));
  const { language } = ctx;
  const zh = language === 'zh-CN';
  const viewer = personViewer(ctx.grants);
  const items = rows.map((row) => {
    const history = effective(byFile.get(row.id) ?? []);
    const p = developmentProgress(history.map(toFacts));
    const people = (step: number) => ((history.find((e) => e.kind === 'step' && e.step === step)?.people as EntryPerson[] | undefined) ?? []).map((x) => x.name).join('、');
    return { ...presentApplicant(viewer, row), p, mentors: people(DEVELOPMENT_STEP.mentors_assigned), sponsors: people(DEVELOPMENT_STEP.sponsors_assigned) };
  });
  const buffer = await workbookBuffer(
    zh ? '发展党员工作台账' : 'Development ledger',
    [
      { header: zh ? '序号' : 'No.', width: 6, value: (_x, i) => i + 1 },
      { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.name },
      { header: zh ? '性别' : 'Gender', width: 6, value: (x) => (x.gender === 'male' ? (zh ? '男' : 'M') : zh ? '女' : 'F') },
      { header: zh ? '公民身份号码' : 'ID number', width: 20, value: (x) => x.idNumber, text: true },
      { header: zh ? '出生日期' : 'Birth date', width: 12, value: (x) => x.birthDate },
      { header: zh ? '学历' : 'Education', width: 10, value: (x) => x.education },
      { header: zh ? '所在党支部' : 'Branch', width: 26, value: (x) => x.orgName },
      { header: zh ? '当前状态' : 'Status', width: 12, value: (x) => STATUS_NAMES[language][x.status] },
      { header: zh ? '培养联系人' : 'Mentors', width: 14, value: (x) => x.mentors },
      { header: zh ? '入党介绍人' : 'Sponsors', width: 14, value: (x) => x.sponsors },
      ...STEP_NAMES[language].map((name, i) => ({ header: `${i + 1} ${name}`, width: 13, value: (x: (typeof items)[number]) => x.p.stepDates[i + 1] ?? '' })),
      { header: zh ? '预备期满' : 'Probation ends', width: 12, value: (x) => x.p.probationEnd },
    ],
    items,
  );
  await writeAudit(ctx.db, ctx.auditor, { action: 'export', entityType: 'development_file', entityId: '', summary: `导出发展党员工作台账（${items.length} 人）` });
  return { name: zh ? '发展党员工作台账.xlsx' : 'development-ledger.xlsx', buffer };
}

/** People per stage and status for each branch in scope, and the totals (the funnel); as of a past day when given. */
export async function pipelineBoard(ctx: Ctx, orgId: number | undefined, asOf?: string) {
  const scope = ctx.scope('development.read');
  const rows =
    asOf === undefined
      ? await fileCounts(ctx.db, ctx.tenantId, scope, orgId)
      : (await filesAsOf(ctx, await fileSteps(ctx.db, ctx.tenantId, scope, orgId), asOf)).map((r) => ({ ...r, n: 1 }));
  const noStages = () => DEVELOPMENT_STAGES.map(() => 0);
  const noStatuses = () => Object.fromEntries(FILE_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  const stages = noStages();
  const statuses = noStatuses();
  const branches = new Map<number, { id: number; name: string; path: string; total: number; stages: number[]; statuses: Record<string, number> }>();
  for (const row of rows) {
    const b = branches.get(row.org_id) ?? { id: row.org_id, name: row.org_name, path: row.org_path, total: 0, stages: noStages(), statuses: noStatuses() };
    branches.set(row.org_id, b);
    b.total += row.n;
    statuses[row.status] = (statuses[row.status] ?? 0) + row.n;
    b.statuses[row.status] = (b.statuses[row.status] ?? 0) + row.n;
    if (row.last_step > 0 && row.last_step <= DEVELOPMENT_STEP_COUNT) {
      const stage = stepDef(row.last_step).stage - 1;
      stages[stage] = (stages[stage] ?? 0) + row.n;
      b.stages[stage] = (b.stages[stage] ?? 0) + row.n;
    }
  }
  return { stages, statuses, branches: [...branches.values()].sort((a, b) => a.path.localeCompare(b.path)) };
}

/** The board's funnel alone (the overview's card): people per stage in scope, counted by step in the database. */
export async function funnelStages(ctx: Ctx): Promise<number[]> {
  const stages = DEVELOPMENT_STAGES.map(() => 0);
  for (const row of await stepCounts(ctx.db, ctx.tenantId, ctx.scope('development.read'))) {
    if (row.lastStep > 0 && row.lastStep <= DEVELOPMENT_STEP_COUNT) stages[stepDef(row.lastStep).stage - 1]! += row.n;
  }
  return stages;
}

/**
 * The files as they stood at the end of a day (a unit's summary for a past day, the commission's
 * trend): each file's step and status from its entries dated by then, by the same rules
 * (core developmentProgress over the effective entries); a file with no entry by then is left out.
 */
async function filesAsOf<T extends { id: number; last_step: number; status: string }>(ctx: Ctx, rows: readonly T[], asOf: string): Promise<T[]> {
  const byFile = await entriesByFile(ctx.db, ctx.tenantId, rows.map((r) => r.id));
  return rows.flatMap((row) => {
    const history = effective(byFile.get(row.id) ?? []).filter((e) => String(e.date) <= asOf);
    if (history.length === 0) return [];
    const p = developmentProgress(history.map(toFacts));
    return [{ ...row, last_step: p.lastStep, status: p.status ?? 'applicant' }];
  });
}

export interface DevelopmentDeadline {
  fileId: number;
  name: string;
  orgId: number;
  orgName: string;
  /** The branch's path: whose scope (whose digest) the deadline belongs to. */
  orgPath: string;
  status: string;
  kind: DevelopmentDueKind;
  label: string;
  date: string;
  overdue: boolean;
}

interface DeadlineOptions {
  day: string;
  withinDays: number;
  scope?: DataScope;
  orgId?: number;
}

/**
 * Brings the kept deadlines of the open files in scope up to date: the files whose deadlines were
 * never computed, or were computed before their latest entry, are computed again (core
 * fileDeadlines over the effective entries) and kept. After the first list of a unit, only the
 * files written since are read.
 */
async function refreshDeadlines(db: Kysely<DB> | Transaction<DB>, tenantId: number, scope: DataScope, orgId: number | undefined): Promise<void> {
  const stale = await filesToCompute(db, tenantId, scope, orgId);
  for (let i = 0; i < stale.length; i += 2000) {
    const batch = stale.slice(i, i + 2000);
    const byFile = await entriesByFile(db, tenantId, batch.map((f) => f.id));
    await storeDeadlines(
      db,
      tenantId,
      batch.map((f) => ({
        fileId: f.id,
        version: f.version,
        dues: fileDeadlines(effective(byFile.get(f.id) ?? []).map(toFacts)).map((d) => ({ ...d, seq: DEVELOPMENT_DUE_KINDS.indexOf(d.kind) })),
      })),
    );
  }
}

/**
 * The development deadlines of a unit's open files on `day`: talks, 6-monthly reviews, 公示
 * ending, approvals near the 3-month limit, probation ending — overdue, or due within
 * `withinDays` after it — in date order; one page of them when `page` is given, with the
 * counts. Limited to a scope (and an org subtree) when given. The due list shows them; the
 * reminder digest pushes them (modules/development/digest.ts).
 */
export async function developmentDeadlines(
  db: Kysely<DB> | Transaction<DB>,
  tenantId: number,
  options: DeadlineOptions & { language: Language; page?: { page: number; pageSize: number } },
): Promise<{ items: DevelopmentDeadline[]; total: number; overdue: number }> {
  const scope = options.scope ?? { kind: 'tenant' };
  await refreshDeadlines(db, tenantId, scope, options.orgId);
  const horizon = addDays(options.day, options.withinDays);
  const paging = options.page && { limit: options.page.pageSize, offset: (options.page.page - 1) * options.page.pageSize };
  const [rows, counts] = await Promise.all([
    keptDeadlines(db, tenantId, scope, options.orgId, horizon, paging),
    deadlineCounts(db, tenantId, scope, options.orgId, horizon, options.day),
  ]);
  const items = rows.map((r) => {
    const kind = r.kind as DevelopmentDueKind;
    return { fileId: r.file_id, name: r.name, orgId: r.org_id, orgName: r.org_name, orgPath: r.org_path, status: r.status, kind, label: DUE_NAMES[options.language][kind], date: r.date, overdue: r.date < options.day };
  });
  return { items, ...counts };
}

/** How many deadlines fall due within `withinDays` (overdue ones included) and how many are overdue: counts only (the overview's card). */
export async function deadlineTotals(db: Kysely<DB> | Transaction<DB>, tenantId: number, options: DeadlineOptions): Promise<{ total: number; overdue: number }> {
  const scope = options.scope ?? { kind: 'tenant' };
  await refreshDeadlines(db, tenantId, scope, options.orgId);
  return deadlineCounts(db, tenantId, scope, options.orgId, addDays(options.day, options.withinDays), options.day);
}

/** The due list of the caller's scope, a page at a time, with how many there are and how many are overdue. */
export async function dueList(ctx: Ctx, query: { days: number; orgId?: number; page: number; pageSize: number }) {
  const { items, total, overdue } = await developmentDeadlines(ctx.db, ctx.tenantId, {
    day: ctx.today,
    withinDays: query.days,
    language: ctx.language,
    scope: ctx.scope('development.read'),
    orgId: query.orgId,
    page: { page: query.page, pageSize: query.pageSize },
  });
  return {
    items: items.map((d) => ({ id: d.fileId, fileId: d.fileId, name: d.name, orgName: d.orgName, status: d.status, kind: d.kind, label: d.label, date: d.date, overdue: d.overdue })),
    total,
    overdue,
  };
}

/** The overview's card: how many deadlines in the caller's scope within `days`, how many overdue. */
export async function dueCounts(ctx: Ctx, days: number) {
  return deadlineTotals(ctx.db, ctx.tenantId, { day: ctx.today, withinDays: days, scope: ctx.scope('development.read') });
}

/** The signed-in member's own file, if they joined through one. */
export async function myFile(ctx: Ctx) {
  if (ctx.memberId === null) return { file: null };
  const own = await fileIdOfMember(ctx.db, ctx.tenantId, ctx.memberId);
  return { file: own === null ? null : await fileDetail(ctx, { kind: 'self', memberId: ctx.memberId }, own) };
}
