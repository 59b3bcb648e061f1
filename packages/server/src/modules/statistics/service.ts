/**
 * Year-end party statistics (党内统计年报): live tables of an org for a year (as of 12-31), the
 * people behind each cell, the reconciliation with last year, and snapshots — a draft that can be
 * taken again, a submitted version that is frozen, a correction that is the next version with
 * its reason. Scope: statistics.read (office, leader, inspector: the unit; a branch secretary:
 * their branch) and statistics.write (the office) for snapshots.
 */
import { type CellCount, type PersonFlows, breakdownIssues, buildTables, isStatisticsCell, reconcileDifference, reconcileHint, yearEnd } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { presentIdNumber, presentPhone } from '../../lib/person.js';
import { requireInScope, subtree } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import {
  type ReconcileRow,
  type SnapshotRow,
  cellPeople,
  countCells,
  findOrg,
  findSnapshot,
  insertSnapshot,
  latestSnapshot,
  listSnapshots,
  orgsUnder,
  reconcileRows,
  replaceCounts,
  retakeDraft,
  rootOrg,
  snapshotHasFacts,
  storeSnapshotFacts,
  submitSnapshot,
} from './repository.js';

type Permission = 'statistics.read' | 'statistics.write';

/** What a snapshot keeps: the counts (laid out in the caller's language on reading). */
interface SnapshotData {
  counts: CellCount[];
}

/** The org asked for (or the caller's scope root), when it exists and the scope reaches it. */
async function orgFor(ctx: Ctx, orgId: number | undefined, permission: Permission = 'statistics.read', field = 'query.orgId') {
  const scope = ctx.scope(permission);
  let id = orgId;
  if (id === undefined) {
    if (scope.kind === 'subtree') id = scope.orgIds[0];
    else id = (await rootOrg(ctx.db, ctx.tenantId))?.id;
  }
  if (id === undefined) throw fieldError(ctx.language, field, 'STATISTICS_ORG_UNKNOWN', { id: '' });
  const org = await findOrg(ctx.db, ctx.tenantId, id);
  if (!org && orgId !== undefined) throw fieldError(ctx.language, field, 'STATISTICS_ORG_UNKNOWN', { id: orgId });
  return requireInScope(scope, org ? { ...org, orgPath: org.path } : null, new AppError(404, 'STATISTICS_ORG_UNKNOWN', { id }));
}

async function counts(ctx: Ctx, path: string, year: number) {
  return countCells(ctx.db, { tenantId: ctx.tenantId, path, year });
}

function present(ctx: Ctx, c: readonly CellCount[]) {
  const tables = buildTables(c, ctx.language);
  return { tables, issues: breakdownIssues(tables) };
}

/** The live tables of an org for a year, with any breakdown that does not add up. */
export async function liveStatistics(ctx: Ctx, q: { year: number; orgId?: number | undefined }) {
  const org = await orgFor(ctx, q.orgId);
  const c = await counts(ctx, org.path, q.year);
  return { org: { id: org.id, name: org.name }, year: q.year, asOf: yearEnd(q.year), ...present(ctx, c) };
}

/** The orgs the caller may pick (their scope root and the orgs under it). */
export async function statisticsOrgs(ctx: Ctx) {
  const root = await orgFor(ctx, undefined);
  return orgsUnder(ctx.db, ctx.tenantId, root.path);
}

/** The people or records behind one cell; ID and phone numbers masked unless the caller may see them. */
export async function cellDetail(ctx: Ctx, q: { year: number; orgId?: number | undefined; snapshotId?: number | undefined; table: string; row: string; limit: number }) {
  if (!isStatisticsCell(q.table, q.row) || (q.table === 'comparison' && q.row === 'change')) {
    throw fieldError(ctx.language, 'query.row', 'STATISTICS_CELL_UNKNOWN', { table: q.table, row: q.row });
  }
  let found: { items: Awaited<ReturnType<typeof cellPeople>>['items']; total: number };
  let source: 'live' | 'snapshot' = 'live';
  if (q.snapshotId !== undefined) {
    // A snapshot's cell lists the people stored with it when it was taken, whatever changed since;
    // a snapshot taken before people were stored is counted again from the records (source: live).
    const s = await snapshotInScope(ctx, q.snapshotId, 'statistics.read');
    const frame = { tenantId: ctx.tenantId, path: s.orgPath, year: s.year };
    const stored = await snapshotHasFacts(ctx.db, ctx.tenantId, s.id);
    found = await cellPeople(ctx.db, frame, q.table, q.row, q.limit, stored ? s.id : undefined);
    if (stored) source = 'snapshot';
  } else {
    const org = await orgFor(ctx, q.orgId);
    found = await cellPeople(ctx.db, { tenantId: ctx.tenantId, path: org.path, year: q.year }, q.table, q.row, q.limit);
  }
  const { items, total } = found;
  return {
    source,
    total,
    items: items.map((p) => ({ ...p, idNumber: presentIdNumber(ctx, p.idNumber), phone: presentPhone(ctx, p.phone) })),
  };
}

/** Per org, the people whose records do not add up (last year + movements ≠ this year), with a likely reason. */
export async function reconciliation(ctx: Ctx, q: { year: number; orgId?: number | undefined }) {
  const org = await orgFor(ctx, q.orgId);
  const rows = await reconcileRows(ctx.db, { tenantId: ctx.tenantId, path: org.path, year: q.year });
  type Person = ReconcileRow & { expected: number; difference: number; hint: ReturnType<typeof reconcileHint> };
  const byOrg = new Map<number, { orgId: number; orgName: string; difference: number; people: Person[] }>();
  for (const r of rows) {
    const flows: PersonFlows = r;
    const difference = reconcileDifference(flows);
    const entry = byOrg.get(r.orgId) ?? { orgId: r.orgId, orgName: r.orgName, difference: 0, people: [] };
    entry.difference += difference;
    entry.people.push({ ...r, expected: flows.thisYear - difference, difference, hint: reconcileHint({ ...flows, joinedOn: r.joinedOn, closedWithoutDate: r.closedWithoutDate }) });
    byOrg.set(r.orgId, entry);
  }
  return { year: q.year, org: { id: org.id, name: org.name }, orgs: [...byOrg.values()] };
}

// ---------------------------------------------------------------------------------------
// Snapshots

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

function summary(s: Omit<SnapshotRow, 'data'>) {
  const { orgPath: _p, ...rest } = s;
  return { ...rest, createdAt: iso(s.createdAt), submittedAt: s.submittedAt === null ? null : iso(s.submittedAt) };
}

function presentSnapshot(ctx: Ctx, s: SnapshotRow) {
  const data = (typeof s.data === 'string' ? JSON.parse(s.data) : s.data) as SnapshotData;
  const { data: _d, ...rest } = s;
  return { ...summary(rest), ...present(ctx, data.counts) };
}

async function snapshotInScope(ctx: Ctx, id: number, permission: Permission) {
  const s = await findSnapshot(ctx.db, ctx.tenantId, id);
  return requireInScope(ctx.scope(permission), s ? { ...s, orgPath: s.orgPath } : null, notFound('STATISTICS_SNAPSHOT_NOT_FOUND', id));
}

export async function snapshotList(ctx: Ctx, q: { orgId?: number | undefined; year?: number | undefined }) {
  const scope = ctx.scope('statistics.read');
  return (await listSnapshots(ctx.db, ctx.tenantId, { ...q, pathLike: subtree(scope, 'o.path') })).map(summary);
}

export async function snapshotDetail(ctx: Ctx, id: number) {
  return presentSnapshot(ctx, await snapshotInScope(ctx, id, 'statistics.read'));
}

function assertYearEnded(ctx: Ctx, year: number) {
  if (yearEnd(year) >= ctx.today) throw fieldError(ctx.language, 'body.year', 'STATISTICS_YEAR_FUTURE', { year });
}

/**
 * Takes the year's tables as they stand now: the first draft, or the draft again (its version
 * named). A submitted year is corrected instead.
 */
export async function takeSnapshot(ctx: Ctx, b: { orgId: number; year: number; version?: number | undefined }) {
  const org = await orgFor(ctx, b.orgId, 'statistics.write', 'body.orgId');
  assertYearEnded(ctx, b.year);
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await latestSnapshot(trx, ctx.tenantId, org.id, b.year);
    if (latest?.status === 'submitted') throw new AppError(409, 'STATISTICS_SUBMITTED', { year: b.year, versionNo: latest.version_no });
    const frame = { tenantId: ctx.tenantId, path: org.path, year: b.year };
    let id: number;
    if (latest) {
      if (b.version === undefined) throw new AppError(409, 'STATISTICS_DRAFT_PENDING', { versionNo: latest.version_no });
      id = Number(latest.id);
      const c = await storeSnapshotFacts(trx, frame, id);
      if (!(await retakeDraft(trx, ctx.tenantId, id, b.version, { counts: c } satisfies SnapshotData, ctx.userId, ctx.name))) throw conflict();
    } else {
      id = await insertSnapshot(trx, { tenantId: ctx.tenantId, orgId: org.id, year: b.year, asOf: yearEnd(b.year), versionNo: 1, data: { counts: [] }, reason: '', userId: ctx.userId, userName: ctx.name });
      await replaceCounts(trx, ctx.tenantId, id, await storeSnapshotFacts(trx, frame, id));
    }
    await writeAudit(trx, ctx.auditor, { action: latest ? 'update' : 'create', entityType: 'statistics_snapshot', entityId: id, summary: `生成${b.year}年党内统计草稿：${org.name}`, after: { orgId: org.id, year: b.year } });
    return { id };
  });
}

/** Submits a draft: from then on it is frozen. */
export async function submit(ctx: Ctx, id: number, version: number) {
  const s = await snapshotInScope(ctx, id, 'statistics.write');
  assertYearEnded(ctx, s.year);
  return ctx.db.transaction().execute(async (trx) => {
    if (s.status === 'submitted') throw new AppError(409, 'STATISTICS_SUBMITTED', { year: s.year, versionNo: s.versionNo });
    if (!(await submitSnapshot(trx, ctx.tenantId, id, version, ctx.userId, ctx.name))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'statistics_snapshot', entityId: id, summary: `报送${s.year}年党内统计（第${s.versionNo}版）：${s.orgName}`, after: { status: 'submitted' } });
    return presentSnapshot(ctx, (await findSnapshot(trx, ctx.tenantId, id))!);
  });
}

/** A correction of a submitted year: the next version, taken from the records now, with its reason (a draft to submit). */
export async function correct(ctx: Ctx, id: number, reason: string) {
  const s = await snapshotInScope(ctx, id, 'statistics.write');
  if (s.status !== 'submitted') throw new AppError(409, 'STATISTICS_NOT_SUBMITTED');
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await latestSnapshot(trx, ctx.tenantId, s.orgId, s.year);
    if (latest && latest.version_no !== s.versionNo) throw new AppError(409, 'STATISTICS_NOT_LATEST', { versionNo: latest.version_no });
    const newId = await insertSnapshot(trx, { tenantId: ctx.tenantId, orgId: s.orgId, year: s.year, asOf: s.asOf, versionNo: s.versionNo + 1, data: { counts: [] }, reason, userId: ctx.userId, userName: ctx.name });
    await replaceCounts(trx, ctx.tenantId, newId, await storeSnapshotFacts(trx, { tenantId: ctx.tenantId, path: s.orgPath, year: s.year }, newId));
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'statistics_snapshot', entityId: newId, summary: `更正${s.year}年党内统计（第${s.versionNo + 1}版）：${s.orgName}`, after: { reason, corrects: id } });
    return { id: newId };
  });
}

/** The tables for an export: a snapshot's or the live ones. */
export async function tablesForExport(ctx: Ctx, q: { year: number; orgId?: number | undefined; snapshotId?: number | undefined }) {
  if (q.snapshotId !== undefined) {
    const s = await snapshotDetail(ctx, q.snapshotId);
    return { orgName: s.orgName, year: s.year, versionNo: s.versionNo as number | null, tables: s.tables };
  }
  const live = await liveStatistics(ctx, q);
  return { orgName: live.org.name, year: live.year, versionNo: null, tables: live.tables };
}
