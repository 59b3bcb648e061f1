/**
 * The dues pages' shapes, named after the endpoints that answer them (generated from the
 * server's OpenAPI document: api/contract.ts), and the formatting they share. Money in 分.
 */
import { LAPSE_RULES, type LapseLevel, lapseLevelBounds, monthIndex } from '@hongyi/core';
import type { ApiItem, ApiResult } from '../../api/contract';
import { useI18n } from '../../i18n';

export type BaseRow = ApiItem<'/api/v1/dues/bases'>;
export type BaseSummary = ApiResult<'/api/v1/dues/bases/summary'>;
export type DuesPreview = ApiResult<'/api/v1/dues/preview', 'post'>;
export type PayrollChoice = ApiResult<'/api/v1/dues/payroll/settings'>;
export type PayrollPreview = ApiResult<'/api/v1/dues/payroll/preview', 'post'>;
export type PayrollRow = PayrollPreview['rows'][number];
export type EntryRow = ApiItem<'/api/v1/dues/entries'>;
export type MonthClose = ApiItem<'/api/v1/dues/months'>;
export type MonthCloseResult = ApiResult<'/api/v1/dues/months/{month}/close', 'post'>;
export type PaymentResult = ApiResult<'/api/v1/dues/payments', 'post'>;
export type VoluntaryResult = ApiResult<'/api/v1/dues/voluntary', 'post'>;
export type StatementResult = ApiResult<'/api/v1/dues/statements', 'post'>;
export type ArrearsRow = ApiItem<'/api/v1/dues/arrears'>;
export type MemberDues = ApiResult<'/api/v1/dues/members/{id}'>;
export type LedgerRow = ApiItem<'/api/v1/dues/ledger'>;
export type CollectionRow = ApiItem<'/api/v1/dues/reports/collection'>;

/** The months of arrears at which each level begins (党章 第九条, core's LAPSE_RULES), for the labels that name them. */
export const LEVEL_MONTHS: Record<LapseLevel, number> = { none: 0, remind: LAPSE_RULES.remindAtMonths, warn: LAPSE_RULES.warnAtMonths, report: LAPSE_RULES.reportAtMonths };

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

/** A lapse level in words with the months it starts at, from core's rule ("提醒（3个月）"). */
export function useLapseLevelText(): (level: LapseLevel) => string {
  const { t } = useI18n();
  return (level) => {
    if (level === 'none') return t('orglife.lapseLevel.none');
    const months = lapseLevelBounds(level).min;
    return level === 'remind' ? t('orglife.lapseLevel.remind', { months }) : level === 'warn' ? t('orglife.lapseLevel.warn', { months }) : t('orglife.lapseLevel.report', { months });
  };
}

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
