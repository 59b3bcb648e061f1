/**
 * Upward reports (上级临时要报的表, 最多报一次): saved definitions, run over the members as they
 * stood on the as-of date, stored as frozen runs that later edits of member records never change.
 * Next year the definition is copied with its date a year later and run with one click.
 *
 * Permissions: statistics.read to see definitions and runs whose org the caller's scope reaches
 * (a branch secretary: their branch's), and to preview; statistics.write (组织部) to save, run and
 * delete. A run's people carry ID numbers as stored; they leave the server masked unless the
 * caller has members.sensitive (lib/person).
 */
import {
  type ReportDefinition,
  type ReportPerson,
  type ReportResult,
  ageOn,
  cellMembers,
  nextYear,
  reportDefinitionProblems,
  reportDefinitionSchema,
  runReport,
} from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { presentIdNumber } from '../../lib/person.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import {
  type DefinitionRow,
  type RunRow,
  countRuns,
  deleteDefinition,
  findDefinition,
  findOrg,
  findRun,
  openedIdNumbers,
  insertDefinition,
  insertRun,
  listDefinitions,
  membersOnDate,
  runsOf,
  updateDefinition,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;
type Permission = 'statistics.read' | 'statistics.write';

/** A person as a frozen run keeps them for the drill-down. */
interface RunPerson {
  memberId: number;
  name: string;
  gender: string;
  birthDate: string | null;
  age: number | null;
  education: string | null;
  title: string | null;
  orgName: string;
  category: string;
  joinedOn: string | null;
  idNumber: string;
}

/** What a run stores: the result with the people behind each cell. */
interface StoredResult extends ReportResult {
  people: RunPerson[];
}

type StoredDefinition = ReportDefinition & { orgName: string };

/** The org of a definition: in the unit (400 on the field), in the caller's scope (403). */
async function orgInScope(ctx: Ctx, db: Db, orgId: number, path: string, permission: Permission) {
  const org = await findOrg(db, ctx.tenantId, orgId);
  return requireInScope(ctx.scope(permission), org && { ...org, orgPath: org.path }, fieldError(ctx.language, path, 'REPORT_ORG_UNKNOWN', { id: orgId }));
}

/** The rules beyond shapes, the first problem as a 400 naming the part ('body.filters.ageMax'). */
function checkDefinition(ctx: Ctx, d: ReportDefinition, prefix = 'body') {
  const [problem] = reportDefinitionProblems(d);
  if (problem) throw fieldError(ctx.language, `${prefix}.${problem.path}`, problem.code, problem.params ?? {});
}

export const specOf = (d: ReportDefinition) =>
  JSON.stringify({ includeSubtree: d.includeSubtree, subject: d.subject, fields: d.fields, rowDimension: d.rowDimension, columnDimension: d.columnDimension, filters: d.filters, note: d.note });

/** A stored definition as core's shape (the spec parsed again, so older rows gain new defaults). */
function definitionOf(row: DefinitionRow): ReportDefinition {
  return reportDefinitionSchema.parse({ ...(row.spec as object), title: row.title, requester: row.requester, asOf: row.asOf, orgId: row.orgId });
}

async function visibleDefinition(ctx: Ctx, db: Db, id: number, permission: Permission): Promise<DefinitionRow> {
  const row = await findDefinition(db, ctx.tenantId, id);
  return requireInScope(ctx.scope(permission), row, notFound('REPORT_NOT_FOUND', id));
}

async function visibleRun(ctx: Ctx, id: number): Promise<RunRow> {
  const row = await findRun(ctx.db, ctx.tenantId, id);
  return requireInScope(ctx.scope('statistics.read'), row, notFound('REPORT_RUN_NOT_FOUND', id));
}

function presentDefinition(ctx: Ctx, row: DefinitionRow, lastRun: { id: number; asOf: string; total: number; runAt: Date } | null) {
  const d = definitionOf(row);
  return {
    ...d,
    id: row.id,
    orgName: row.orgName,
    version: row.version,
    basedOnId: row.basedOnId,
    createdByName: row.createdByName,
    updatedAt: row.updatedAt.toISOString(),
    lastRun: lastRun && { id: lastRun.id, asOf: lastRun.asOf, total: lastRun.total, runAt: lastRun.runAt.toISOString() },
    canEdit: ctx.can('statistics.write') && covers(ctx.scope('statistics.write'), row.orgPath),
  };
}

/** ID numbers masked unless the caller may see them; the drill-down's lists left out. */
function presentResult(ctx: Ctx, r: ReportResult) {
  const breakdown = r.breakdown && { ...r.breakdown, cells: undefined };
  if (breakdown) delete breakdown.cells;
  return {
    asOf: r.asOf,
    total: r.total,
    breakdown,
    rows: r.rows.map((row) => (typeof row.idNumber === 'string' ? { ...row, idNumber: presentIdNumber(ctx, row.idNumber) } : row)),
  };
}

export async function definitionList(ctx: Ctx, page: { page: number; pageSize: number }) {
  const { items, total, last } = await listDefinitions(ctx.db, ctx.tenantId, ctx.scope('statistics.read'), { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  const lastOf = new Map(last.map((l) => [Number(l.definitionId), l]));
  return { items: items.map((row) => presentDefinition(ctx, row, lastOf.get(row.id) ?? null)), total };
}

export async function definitionDetail(ctx: Ctx, id: number) {
  const row = await visibleDefinition(ctx, ctx.db, id, 'statistics.read');
  const [last] = await runsOf(ctx.db, ctx.tenantId, id);
  return presentDefinition(ctx, row, last ?? null);
}

const valuesOf = (d: ReportDefinition, basedOnId: number | null = null) => ({ title: d.title, requester: d.requester, as_of: d.asOf, org_id: d.orgId, spec: specOf(d), based_on_id: basedOnId });

const auditView = (d: ReportDefinition) => ({ ...d });

export async function createDefinition(ctx: Ctx, d: ReportDefinition): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    checkDefinition(ctx, d);
    await orgInScope(ctx, trx, d.orgId, 'body.orgId', 'statistics.write');
    const id = await insertDefinition(trx, ctx.tenantId, valuesOf(d), ctx.name);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'report_definition', entityId: id, summary: `新建上报表：${d.title}`, after: auditView(d) });
    return id;
  });
}

export async function changeDefinition(ctx: Ctx, id: number, version: number, d: ReportDefinition): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleDefinition(ctx, trx, id, 'statistics.write');
    checkDefinition(ctx, d);
    await orgInScope(ctx, trx, d.orgId, 'body.orgId', 'statistics.write');
    if (!(await updateDefinition(trx, ctx.tenantId, id, version, valuesOf(d, before.basedOnId)))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'report_definition', entityId: id, summary: `修改上报表：${d.title}`, before: auditView(definitionOf(before)), after: auditView(d) });
  });
}

/** A definition with runs stays: its runs are what was reported. */
export async function removeDefinition(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleDefinition(ctx, trx, id, 'statistics.write');
    if ((await countRuns(trx, ctx.tenantId, id)) > 0) throw new AppError(409, 'REPORT_HAS_RUNS');
    if (!(await deleteDefinition(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'report_definition', entityId: id, summary: `删除上报表：${before.title}`, before: auditView(definitionOf(before)) });
  });
}

function runPerson(p: ReportPerson, asOf: string): RunPerson {
  return {
    memberId: p.id,
    name: p.name,
    gender: p.gender === 'male' ? '男' : '女',
    birthDate: p.birthDate,
    age: p.birthDate ? ageOn(p.birthDate, asOf) : null,
    education: p.education,
    title: p.title,
    orgName: p.orgName,
    category: p.category === 'full' ? '正式党员' : '预备党员',
    joinedOn: p.joinedOn,
    idNumber: p.idNumber,
  };
}

/** Runs a definition over the members of its org as they stood on its date. */
async function compute(ctx: Ctx, db: Db, d: ReportDefinition, permission: Permission, path: string): Promise<{ org: { id: number; name: string }; result: StoredResult }> {
  const org = await orgInScope(ctx, db, d.orgId, path, permission);
  return { org, result: frozenResult(d, await membersOnDate(db, ctx.tenantId, org, d.includeSubtree, d.asOf)) };
}

/** The result a run stores: core's result with the people counted, for the drill-down. */
export function frozenResult(d: ReportDefinition, people: readonly ReportPerson[]): StoredResult {
  const result = runReport(d, people);
  const counted = new Set(result.breakdown ? result.breakdown.cells.flat(2) : []);
  for (const row of result.rows) counted.add(row.memberId);
  return { ...result, people: people.filter((p) => counted.has(p.id)).map((p) => runPerson(p, d.asOf)) };
}

/** A definition run without saving anything (the editor's preview). */
export async function previewDefinition(ctx: Ctx, d: ReportDefinition) {
  checkDefinition(ctx, d);
  const { result } = await compute(ctx, ctx.db, d, 'statistics.read', 'body.orgId');
  return presentResult(ctx, result);
}

async function storeRun(ctx: Ctx, trx: Transaction<DB>, id: number, d: ReportDefinition): Promise<number> {
  const { org, result } = await compute(ctx, trx, d, 'statistics.write', 'orgId');
  const definition: StoredDefinition = { ...d, orgName: org.name };
  const runId = await insertRun(trx, ctx.tenantId, { definition_id: id, org_id: org.id, as_of: d.asOf, definition: JSON.stringify(definition), result: JSON.stringify(result), total: result.total }, ctx.name);
  await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'report_run', entityId: runId, summary: `生成上报表：${d.title}（截至 ${d.asOf}，${result.total} 人）`, after: { definitionId: id, asOf: d.asOf, total: result.total } });
  return runId;
}

/** Runs a saved definition and stores the frozen result. */
export async function runDefinition(ctx: Ctx, id: number): Promise<{ id: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await visibleDefinition(ctx, trx, id, 'statistics.write');
    return { id: await storeRun(ctx, trx, id, definitionOf(row)) };
  });
}

/** 下年再报: a copy of the definition with its date a year later, run at once. */
export async function rerunNextYear(ctx: Ctx, id: number): Promise<{ definitionId: number; runId: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await visibleDefinition(ctx, trx, id, 'statistics.write');
    const next = nextYear(definitionOf(row));
    const definitionId = await insertDefinition(trx, ctx.tenantId, valuesOf(next, id), ctx.name);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'report_definition', entityId: definitionId, summary: `下年再报：${next.title}（截至 ${next.asOf}）`, after: { ...auditView(next), basedOnId: id } });
    return { definitionId, runId: await storeRun(ctx, trx, definitionId, next) };
  });
}

export async function definitionRuns(ctx: Ctx, id: number) {
  await visibleDefinition(ctx, ctx.db, id, 'statistics.read');
  return (await runsOf(ctx.db, ctx.tenantId, id)).map((r) => ({ ...r, runAt: r.runAt.toISOString() }));
}

function storedOf(run: RunRow) {
  return { definition: run.definition as StoredDefinition, result: run.result as StoredResult };
}

export async function runDetail(ctx: Ctx, id: number) {
  const run = await visibleRun(ctx, id);
  const { definition, result } = storedOf(run);
  return {
    id: run.id,
    definitionId: run.definitionId,
    title: definition.title,
    asOf: run.asOf,
    total: run.total,
    runByName: run.runByName,
    runAt: run.runAt.toISOString(),
    definition,
    result: presentResult(ctx, openedIdNumbers(result)),
  };
}

/** The people behind one cell of a run's breakdown (column -1: the row's total), as frozen. */
export async function runCell(ctx: Ctx, id: number, q: { row: number; column: number; limit: number; offset: number }) {
  const { row, column, limit, offset } = q;
  const run = await visibleRun(ctx, id);
  const { result } = storedOf(run);
  const b = result.breakdown;
  const ids = b ? cellMembers(b, row, column) : null;
  if (!b || !ids) throw fieldError(ctx.language, 'query.row', 'REPORT_CELL_UNKNOWN', { row, column });
  const byId = new Map(result.people.map((p) => [p.memberId, p]));
  const all = ids.flatMap((mid) => {
    const p = byId.get(mid);
    return p ? [p] : [];
  });
  // Only the page is masked and sent: a 党委's cell can hold thousands.
  const people = openedIdNumbers(all.slice(offset, offset + limit)).map((p) => ({ ...p, idNumber: presentIdNumber(ctx, p.idNumber) }));
  return { row: b.rows[row]!, column: column === -1 ? '' : b.columns[column]!, total: all.length, limit, offset, people };
}

/** A run for the export (unmasked: the Excel kit masks by the caller's role). */
export async function runForExport(ctx: Ctx, id: number) {
  const run = await visibleRun(ctx, id);
  const stored = storedOf(run);
  return { run, definition: stored.definition, result: openedIdNumbers(stored.result) };
}
