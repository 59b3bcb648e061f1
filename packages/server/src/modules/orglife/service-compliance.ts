/** A branch's roster and checklist, and the 党委 matrix (on screen and as Excel). */
import { type ComplianceState, periodsOfYear } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { workbookBuffer } from '../../lib/excel.js';
import { matrixRows, matrixTally } from './matrix.js';

export type { MatrixTally } from './repository-compliance.js';
import { rosterOn } from './repository.js';
import { STATE_NAMES } from './schemas.js';
import { complianceFor, orgInScope } from './service.js';

/** Members due at a meeting of the org on a date (应到), each with their vote. */
export async function rosterOf(ctx: Ctx, orgId: number, date: string | undefined) {
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, ctx.scope('orglife.read'));
  const roster = await rosterOn(ctx.db, ctx.tenantId, org.id, date ?? ctx.today);
  return roster.map((m) => ({
    id: m.id,
    name: m.name,
    namePinyin: m.namePinyin,
    nameInitials: m.nameInitials,
    category: m.categoryOn,
    partyGroupId: m.partyGroupId,
    voting: m.entitlement.entitled,
    noVoteReason: m.entitlement.entitled ? null : m.entitlement.reason,
    exclusions: m.exclusions,
  }));
}

/** A branch's checklist of a year: the org itself and its party groups (a committee's is its own rules only). */
export async function checklistOf(ctx: Ctx, orgId: number, year: number | undefined) {
  const scope = ctx.scope('orglife.read');
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, scope);
  const y = year ?? Number(ctx.today.slice(0, 4));
  const result = await complianceFor(ctx.db, ctx.tenantId, y, ctx.today, org.path, scope);
  const shown = result.orgs.filter((o) => o.id === org.id || (o.parent_id === org.id && o.type === 'party_group'));
  return {
    year: y,
    today: ctx.today,
    orgs: shown.map((o) => ({ id: o.id, name: o.name, type: o.type, cells: result.cells.filter((c) => c.orgId === o.id).map(({ orgId: _o, ...c }) => c) })),
  };
}

async function matrixOf(ctx: Ctx, year: number | undefined, parentId: number | undefined) {
  const scope = ctx.scope('orglife.read');
  const y = year ?? Number(ctx.today.slice(0, 4));
  const parent = parentId ? await orgInScope(ctx.db, ctx.tenantId, parentId, scope) : null;
  const rows = await matrixRows(ctx.db, ctx.tenantId, y, ctx.today, parent?.path ?? null, scope);
  return { year: y, parent, rows, months: periodsOfYear(y, 'month') };
}

/** The 党委 matrix: branches × months, the worst state of the items due in each month. */
export async function matrix(ctx: Ctx, year: number | undefined, parentId: number | undefined) {
  const { year: y, rows, months } = await matrixOf(ctx, year, parentId);
  return { year: y, today: ctx.today, months, rows };
}

/**
 * The matrix of the caller's scope counted, not listed (the overview's cards): by campus, the
 * branches, those with no missed item in the year and those with something due, pending or
 * missed in `month` (YYYY-MM of the year).
 */
export async function matrixFigures(ctx: Ctx, year: number, month: string) {
  const scope = ctx.scope('orglife.read');
  return matrixTally(ctx.db, ctx.tenantId, year, ctx.today, scope, periodsOfYear(year, 'month').indexOf(month));
}

/** The matrix as Excel: one row per branch, the state of each month, items met and missed. */
export async function matrixWorkbook(ctx: Ctx, year: number | undefined, parentId: number | undefined): Promise<{ name: string; buffer: Buffer }> {
  const zh = ctx.language === 'zh-CN';
  const { year: y, parent, rows, months } = await matrixOf(ctx, year, parentId);
  const state = (s: ComplianceState) => (zh ? STATE_NAMES[s].zh : STATE_NAMES[s].en);
  const buffer = await workbookBuffer(
    zh ? `${y}年组织生活落实情况` : `Organisational life ${y}`,
    [
      { header: zh ? '序号' : 'No.', width: 6, value: (_x, i) => i + 1 },
      { header: zh ? '党组织' : 'Organisation', width: 30, value: (x) => x.name },
      ...months.map((m, i) => ({ header: zh ? `${Number(m.slice(5))}月` : m, width: 9, value: (x: (typeof rows)[number]) => state(x.states[i]!) })),
      { header: zh ? '已完成事项' : 'Items met', width: 10, value: (x) => x.met },
      { header: zh ? '未完成事项' : 'Items missed', width: 10, value: (x) => x.missed },
    ],
    rows,
  );
  return { name: zh ? `${parent?.name ?? ''}${y}年组织生活落实情况.xlsx` : `organisational-life-${y}.xlsx`, buffer };
}
