/** Shapes of the dues API (packages/server/src/modules/dues/routes.ts). Money in 分. */
import { type DuesCategory, type LapseLevel, monthIndex } from '@hongyi/core';

export interface BaseRow {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
  category: DuesCategory;
  farmerMonthlyCents: number | null;
  memberVersion: number;
  baseId: number | null;
  baseYear: number | null;
  baseCents: number | null;
  rateBasisPoints: number | null;
  monthlyCents: number | null;
  source: string | null;
  setBy: string | null;
  setAt: string | null;
}

export interface EntryRow {
  id: number;
  memberId: number;
  memberName: string;
  orgName: string;
  month: string;
  kind: 'due' | 'payment' | 'voluntary' | 'correction';
  affects: 'due' | 'paid' | 'voluntary';
  amountCents: number;
  effectiveCents: number;
  method: string | null;
  paidOn: string | null;
  correctsId: number | null;
  toCentre: boolean;
  reference: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

export interface Arrears {
  consecutiveUnpaidMonths: number;
  unpaidMonths: string[];
  outstandingCents: number;
  paidThrough: string | null;
  level: LapseLevel;
}

export interface ArrearsRow extends Arrears {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
  /** Months without organisational life (null when the user may not read organisational life). */
  orglife: { months: number; level: Arrears['level'] } | null;
}

export interface MemberDues {
  member: { id: number; name: string; orgName: string; category: DuesCategory; farmerMonthlyCents: number | null; version: number };
  bases: { id: number; year: number; category: DuesCategory; baseCents: number; rateBasisPoints: number | null; monthlyCents: number; source: string; setBy: string; setAt: string }[];
  months: { month: string; dueCents: number; paidCents: number }[];
  voluntaryCents: number;
  entries: EntryRow[];
  arrears: Arrears;
  /** missing: the category needs a base and none is in force for `year` (nothing is due until one is set). */
  base: { year: number; needed: boolean; missing: boolean; setters: string[] };
}

export interface BaseSummary {
  year: number;
  members: number;
  set: number;
  carried: number;
  missing: number;
}

export interface MonthClose {
  id: number;
  month: string;
  orgId: number;
  orgName: string;
  memberCount: number;
  dueCents: number;
  closedBy: string;
  closedAt: string;
}

export interface PayrollRow {
  row: number;
  name: string;
  memberId: number | null;
  orgName: string | null;
  grossCents: number;
  deductionCents: number;
  baseCents: number | null;
  rateBasisPoints: number | null;
  monthlyCents: number | null;
  previousMonthlyCents: number | null;
  errors: { path: string; message: string }[];
}

export interface LedgerRow {
  id: number;
  no: number;
  name: string;
  orgName: string;
  category: DuesCategory | null;
  baseCents: number | null;
  rateBasisPoints: number | null;
  monthlyCents: number | null;
  yearDueCents: number;
  yearPaidCents: number;
  voluntaryCents: number;
  toCentreCents: number;
}

export interface CollectionRow {
  id: number;
  orgName: string;
  parentName: string | null;
  memberCount: number;
  dueCents: number;
  paidCents: number;
  voluntaryCents: number;
  toCentreCents: number;
  remitCents: number;
}

/** 123456 分 → '1,234.56' */
export function yuan(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 150 bp → '1.5%' */
export function rate(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? '—' : `${(bp / 100).toFixed(1)}%`;
}

/** '1234.5' 元 → 123450 分; null when not a valid amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const LEVEL_COLORS: Record<LapseLevel, string> = { none: 'default', remind: 'gold', warn: 'orange', report: 'red' };

/** 'YYYY-MM' months as runs: ['2026-04', '2026-05', '2026-06', '2026-09'] → '2026-04～2026-06、2026-09'. */
export function monthRuns(months: readonly string[]): string {
  const sorted = [...months].sort();
  const runs: string[][] = [];
  for (const m of sorted) {
    const last = runs.at(-1);
    if (last && monthIndex(m) - monthIndex(last.at(-1)!) === 1) last.push(m);
    else runs.push([m]);
  }
  return runs.map((r) => (r.length === 1 ? r[0] : `${r[0]}～${r.at(-1)}`)).join('、');
}
