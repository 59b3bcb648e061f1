/**
 * What is read from the dues ledger: one member's dues (the collector's view and the member's
 * own page), the arrears list (党章 第九条), the yearly 党费收缴台账 and the branch collection
 * report, and their Excel and Word exports.
 */
import { type DataScope, type DuesCategory, type LapseLevel, duesArrears, duesNeedsBase } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import { notFound } from '../../plugins/errors.js';
import { lapses } from '../orglife/lapses.js';
import { ledgerDocx, ledgerTitle } from './ledgerDocx.js';
import { arrearsCount, arrearsList, baseSetters, memberBases, monthSums, orgNames, unitName, voluntaryTotal } from './repository.js';
import { type LedgerRow, collectionRows, collectionTotal, ledgerRows, memberEntries } from './repository-ledger.js';
import { listBases, memberInScope, orgFilterPath, yearOf } from './service.js';

/** A file for the caller to download. */
export interface Download {
  name: string;
  buffer: Buffer;
}

const yuan = (c: number | null | undefined) => (c === null || c === undefined ? null : Number((c / 100).toFixed(2)));
const percent = (bp: number | null | undefined) => (bp === null || bp === undefined ? null : `${(bp / 100).toFixed(1)}%`);

const CATEGORY_LABELS: Record<DuesCategory, { 'zh-CN': string; 'en-US': string }> = {
  employed: { 'zh-CN': '在职', 'en-US': 'Employed' },
  retired: { 'zh-CN': '离退休', 'en-US': 'Retired' },
  student: { 'zh-CN': '学生', 'en-US': 'Student' },
  unemployed: { 'zh-CN': '下岗失业', 'en-US': 'Unemployed' },
  low_income: { 'zh-CN': '低保/救济', 'en-US': 'Relief / minimum allowance' },
  farmer: { 'zh-CN': '农民', 'en-US': 'Farmer' },
};

/** Sheet columns of rows T, headed in the caller's language ([zh-CN, en-US]). */
function columnsOf<T>(zh: boolean) {
  return (heading: [string, string], width: number, value: SheetColumn<T>['value']): SheetColumn<T> => ({ header: zh ? heading[0] : heading[1], width, value });
}

// ---------------------------------------------------------------------------------------
// One member's dues

/**
 * A member's bases, months, entries and arrears, and whether a base is missing: a member whose
 * dues are a share of a base owes nothing the ledger can show until one is set, so "all paid"
 * would be false comfort; the page says who sets it instead.
 */
async function memberDuesIn(ctx: Ctx, scope: DataScope, memberId: number) {
  const { db, tenantId } = ctx;
  const member = await memberInScope(db, ctx, scope, memberId);
  const year = Number(ctx.today.slice(0, 4));
  const bases = await memberBases(db, tenantId, memberId);
  const months = ((await monthSums(db, tenantId, [memberId])).get(memberId) ?? []).sort((a, b) => b.month.localeCompare(a.month));
  const needed = duesNeedsBase(member.dues_category);
  const missing = needed && !bases.some((b) => b.year <= year);
  return {
    member: { id: member.id, name: member.name, orgName: member.org_name, category: member.dues_category, farmerMonthlyCents: member.dues_farmer_cents, version: member.version },
    bases: bases.map((b) => ({
      id: b.id,
      year: b.year,
      category: b.category,
      baseCents: b.base_cents,
      rateBasisPoints: b.rate_basis_points,
      monthlyCents: b.monthly_cents,
      source: b.source,
      setBy: b.set_by_name,
      setAt: new Date(b.set_at).toISOString(),
    })),
    months,
    voluntaryCents: await voluntaryTotal(db, tenantId, memberId),
    entries: await memberEntries(db, tenantId, memberId, 200),
    arrears: duesArrears(months),
    base: { year, needed, missing, setters: missing ? await baseSetters(db, tenantId, member.orgPath) : [] },
  };
}

export function memberDues(ctx: Ctx, memberId: number) {
  return memberDuesIn(ctx, ctx.scope('dues.read'), memberId);
}

/** The signed-in member's own dues (404 for an account without a member record). */
export function myDues(ctx: Ctx) {
  if (ctx.memberId === null) throw notFound('MEMBER_NOT_FOUND', '—');
  return memberDuesIn(ctx, { kind: 'self', memberId: ctx.memberId }, ctx.memberId);
}

/** “党费已交到” for a membership transfer letter, with what is still outstanding. */
export async function paidThrough(ctx: Ctx, memberId: number) {
  const member = await memberInScope(ctx.db, ctx, ctx.scope('dues.read'), memberId);
  const a = duesArrears((await monthSums(ctx.db, ctx.tenantId, [member.id])).get(member.id) ?? []);
  return { memberId: member.id, name: member.name, paidThrough: a.paidThrough, outstandingCents: a.outstandingCents, unpaidMonths: a.unpaidMonths };
}

// ---------------------------------------------------------------------------------------
// Arrears (党章 第九条)

export interface ArrearsFilters {
  orgId?: number | undefined;
  minMonths: number;
  level?: LapseLevel | undefined;
}

async function arrearsIn(ctx: Ctx, f: ArrearsFilters, page?: { limit: number; offset: number }) {
  const scope = ctx.scope('dues.read');
  const orgPath = await orgFilterPath(ctx, scope, f.orgId);
  return arrearsList(ctx.db, ctx.tenantId, { scope, orgPath, minMonths: f.minMonths, level: f.level, ...page });
}

/** How many members in the caller's scope are in arrears (at least one month): the list's total alone (the overview's card). */
export async function arrearsTotal(ctx: Ctx): Promise<number> {
  return arrearsCount(ctx.db, ctx.tenantId, { scope: ctx.scope('dues.read'), orgPath: null });
}

/**
 * A page of the members in arrears, worst first, each with their months without organisational
 * life as the orglife lapses list counts them: none counted (a unit without records yet, a member
 * who attends) is 0 months; null only for a caller who may not read organisational life.
 */
export async function listArrears(ctx: Ctx, f: ArrearsFilters, page: { limit: number; offset: number }) {
  const list = await arrearsIn(ctx, f, page);
  let orglife: Map<number, { months: number; level: LapseLevel }> | null = null;
  if (ctx.can('orglife.read')) {
    orglife = new Map();
    const memberIds = list.items.map((x) => x.id);
    if (memberIds.length > 0) {
      const { items } = await lapses(ctx.db, ctx.tenantId, ctx.today, { scope: ctx.scope('orglife.read'), memberIds });
      for (const x of items) orglife.set(x.id, { months: x.months, level: x.level });
    }
  }
  const none = { months: 0, level: 'none' as const };
  return { ...list, items: list.items.map((x) => ({ ...x, orglife: orglife ? (orglife.get(x.id) ?? none) : null })) };
}

export async function arrearsWorkbook(ctx: Ctx, f: ArrearsFilters): Promise<Download> {
  const zh = ctx.language === 'zh-CN';
  const rows = (await arrearsIn(ctx, f)).items;
  const column = columnsOf<(typeof rows)[number]>(zh);
  const levels = { none: '—', remind: zh ? '提醒' : 'Remind', warn: zh ? '警示' : 'Warn', report: zh ? '报告' : 'Report' };
  const buffer = await workbookBuffer(
    zh ? '欠缴党费' : 'Arrears',
    [
      column(['序号', 'No.'], 6, (_x, i) => i + 1),
      column(['姓名', 'Name'], 10, (x) => x.name),
      column(['所在党支部', 'Branch'], 26, (x) => x.orgName),
      column(['连续未交（月）', 'Consecutive months'], 14, (x) => x.consecutiveUnpaidMonths),
      column(['未交月份', 'Unpaid months'], 40, (x) => x.unpaidMonths.join('、')),
      column(['欠缴金额（元）', 'Outstanding (yuan)'], 14, (x) => yuan(x.outstandingCents)),
      column(['党费已交到', 'Paid through'], 12, (x) => x.paidThrough),
      column(['处理', 'Level'], 8, (x) => levels[x.level]),
    ],
    rows,
  );
  return { name: zh ? '欠缴党费.xlsx' : 'dues-arrears.xlsx', buffer };
}

// ---------------------------------------------------------------------------------------
// Bases self-check sheet

export async function basesWorkbook(ctx: Ctx, f: Parameters<typeof listBases>[1]): Promise<Download> {
  const { year, items } = await listBases(ctx, f);
  const zh = ctx.language === 'zh-CN';
  const column = columnsOf<(typeof items)[number]>(zh);
  const buffer = await workbookBuffer(
    zh ? '党费基数' : 'Dues bases',
    [
      column(['序号', 'No.'], 6, (_x, i) => i + 1),
      column(['姓名', 'Name'], 10, (x) => x.name),
      column(['所在党支部', 'Branch'], 26, (x) => x.orgName),
      column(['党费类别', 'Category'], 12, (x) => CATEGORY_LABELS[x.category][ctx.language]),
      column(['核定年度', 'Base year'], 10, (x) => x.baseYear),
      column(['党费计算基数（元）', 'Base (yuan)'], 16, (x) => yuan(x.baseCents)),
      column(['交纳比例', 'Rate'], 10, (x) => percent(x.rateBasisPoints)),
      column(['每月应交党费（元）', 'Monthly (yuan)'], 16, (x) => yuan(x.monthlyCents)),
      column(['核定人', 'Set by'], 10, (x) => x.setBy),
    ],
    items,
  );
  return { name: zh ? `党费基数${year}.xlsx` : `dues-bases-${year}.xlsx`, buffer };
}

// ---------------------------------------------------------------------------------------
// Yearly ledger (党费收缴台账, formats.md)

/** 执行标准 in the ledger: the rate, 定额 for fixed amounts, nothing when no base was ever set. */
function ledgerRate(x: { rateBasisPoints: number | null; monthlyCents: number | null }, zh: boolean): string {
  return percent(x.rateBasisPoints) ?? (x.monthlyCents === null ? '' : zh ? '定额' : 'fixed');
}

/** 备注 in the ledger: what is owed for the year, voluntary extras, and extras handed to the Centre. */
function ledgerRemark(x: { yearDueCents: number; yearPaidCents: number; voluntaryCents: number; toCentreCents: number }, zh: boolean): string {
  const parts: string[] = [];
  if (x.yearPaidCents < x.yearDueCents) parts.push(`${zh ? '欠缴' : 'owing'} ${((x.yearDueCents - x.yearPaidCents) / 100).toFixed(2)}`);
  if (x.voluntaryCents > 0) parts.push(`${zh ? '自愿多交' : 'voluntary'} ${(x.voluntaryCents / 100).toFixed(2)}`);
  if (x.toCentreCents > 0) parts.push(zh ? '含上缴中央部分' : 'incl. to the Centre');
  return parts.join('；');
}

export interface LedgerFilters {
  year?: number | undefined;
  orgId?: number | undefined;
}

export async function ledger(ctx: Ctx, f: LedgerFilters): Promise<{ year: number; items: LedgerRow[]; total: number }> {
  const scope = ctx.scope('dues.read');
  const year = yearOf(ctx, f.year);
  const items = await ledgerRows(ctx.db, ctx.tenantId, scope, await orgFilterPath(ctx, scope, f.orgId), year);
  return { year, items, total: items.length };
}

export async function ledgerWorkbook(ctx: Ctx, f: LedgerFilters): Promise<Download> {
  const zh = ctx.language === 'zh-CN';
  const { year, items } = await ledger(ctx, f);
  const column = columnsOf<LedgerRow>(zh);
  const buffer = await workbookBuffer(
    zh ? `${year}年党费收缴台账` : `Dues ledger ${year}`,
    [
      column(['序号', 'No.'], 6, (x) => x.no),
      column(['姓名', 'Name'], 10, (x) => x.name),
      column(['月工资收入', 'Monthly base'], 14, (x) => yuan(x.baseCents)),
      column(['执行标准（比例）', 'Rate'], 14, (x) => ledgerRate(x, zh)),
      column(['月应缴党费', 'Monthly dues'], 12, (x) => yuan(x.monthlyCents)),
      column(['全年应缴', 'Due in year'], 12, (x) => yuan(x.yearDueCents)),
      column(['全年实缴', 'Paid in year'], 12, (x) => yuan(x.yearPaidCents)),
      column(['备注', 'Remarks'], 30, (x) => ledgerRemark(x, zh)),
    ],
    items,
  );
  return { name: zh ? `党费收缴台账${year}.xlsx` : `dues-ledger-${year}.xlsx`, buffer };
}

/** The organisation a ledger is for: the chosen one, else the secretary's branches, else the unit's top organisation(s). */
async function ledgerOrgName(ctx: Ctx, scope: DataScope, orgId: number | undefined): Promise<string> {
  const ids = orgId ? [orgId] : scope.kind === 'subtree' && scope.orgIds.length > 0 ? scope.orgIds : null;
  const names = await orgNames(ctx.db, ctx.tenantId, ids);
  return names.length > 0 ? names.join('、') : unitName(ctx.db, ctx.tenantId);
}

/** The yearly ledger as the 党费收缴台账 Word document (landscape A4, totals, 制表人/制表日期). */
export async function ledgerDocument(ctx: Ctx, f: LedgerFilters): Promise<Download> {
  const { year, items } = await ledger(ctx, f);
  const orgName = await ledgerOrgName(ctx, ctx.scope('dues.read'), f.orgId);
  const total = items.reduce(
    (s, x) => ({
      yearDueCents: s.yearDueCents + x.yearDueCents,
      yearPaidCents: s.yearPaidCents + x.yearPaidCents,
      voluntaryCents: s.voluntaryCents + x.voluntaryCents,
      toCentreCents: s.toCentreCents + x.toCentreCents,
    }),
    { yearDueCents: 0, yearPaidCents: 0, voluntaryCents: 0, toCentreCents: 0 },
  );
  const buffer = await ledgerDocx({
    orgName,
    year,
    rows: items.map((x) => ({ ...x, rate: ledgerRate(x, true), remark: ledgerRemark(x, true) })),
    totalRemark: [`共${items.length}人`, ledgerRemark(total, true)].filter(Boolean).join('；'),
    preparedBy: ctx.name,
    preparedOn: ctx.today,
  });
  return { name: `${ledgerTitle(orgName, year)}.docx`, buffer };
}

// ---------------------------------------------------------------------------------------
// Branch collection and remittance

export interface CollectionFilters {
  year?: number | undefined;
  /** 1–12: one month; the whole year without it. */
  month?: number | undefined;
  /**
   * The collection as the ledger stood at the end of a day ('YYYY-MM-DD'): months after it not yet
   * due, payments made after it not yet paid. A unit's summary for a past day (the commission's
   * trend) asks for it; the page asks for the ledger as it is.
   */
  asOf?: string | undefined;
}

export async function collection(ctx: Ctx, f: CollectionFilters) {
  const year = yearOf(ctx, f.year);
  const period = f.month ? `${year}-${String(f.month).padStart(2, '0')}` : String(year);
  const last = f.month ? period : `${year}-12`;
  const to = f.asOf && f.asOf.slice(0, 7) < last ? f.asOf.slice(0, 7) : last;
  const rows = await collectionRows(ctx.db, ctx.tenantId, ctx.scope('dues.read'), f.month ? period : `${year}-01`, to, f.asOf);
  // What the branch hands to the level above: collected dues plus voluntary extras; the
  // ≥1000元 one-off extras go to the Centre in full and are listed separately (党费规定).
  const items = rows.map((x) => ({ ...x, remitCents: x.paidCents + x.voluntaryCents }));
  return { period, items, total: items.length };
}

/** The year's dues charged and paid over the caller's scope: the collection report's totals without its rows. */
export async function collectionTotals(ctx: Ctx, year: number | undefined) {
  const y = yearOf(ctx, year);
  return collectionTotal(ctx.db, ctx.tenantId, ctx.scope('dues.read'), `${y}-01`, `${y}-12`);
}

export async function collectionWorkbook(ctx: Ctx, f: CollectionFilters): Promise<Download> {
  const zh = ctx.language === 'zh-CN';
  const { period, items } = await collection(ctx, f);
  const column = columnsOf<(typeof items)[number]>(zh);
  const buffer = await workbookBuffer(
    zh ? '党费收缴与上缴' : 'Collection',
    [
      column(['党组织', 'Organisation'], 28, (x) => x.orgName),
      column(['上级党组织', 'Level above'], 24, (x) => x.parentName),
      column(['应缴人数', 'Members'], 10, (x) => x.memberCount),
      column(['应缴（元）', 'Due'], 12, (x) => yuan(x.dueCents)),
      column(['实缴（元）', 'Paid'], 12, (x) => yuan(x.paidCents)),
      column(['自愿多交（元）', 'Voluntary'], 14, (x) => yuan(x.voluntaryCents)),
      column(['上缴中央（元）', 'To the Centre'], 14, (x) => yuan(x.toCentreCents)),
      column(['上缴上级（元）', 'Remit'], 14, (x) => yuan(x.remitCents)),
    ],
    items,
  );
  return { name: zh ? `党费收缴${period}.xlsx` : `dues-collection-${period}.xlsx`, buffer };
}
