import type { ApiResult } from '../../api/contract';

export type CommissionOverview = ApiResult<'/api/v1/commission/overview'>;
export type CommissionUnitRow = CommissionOverview['units'][number];
export type CommissionUnit = ApiResult<'/api/v1/commission/units/{tenantId}'>;
export type TrendPoint = CommissionUnitRow['trend'][number];

export const METRICS = ['complianceRate', 'duesRate', 'members', 'funnel', 'worksystemsProgress'] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_LABEL = {
  complianceRate: 'commission.col.compliance',
  duesRate: 'commission.col.dues',
  members: 'commission.col.members',
  funnel: 'commission.col.funnel',
  worksystemsProgress: 'commission.col.worksystems',
} as const;
export const PERCENT_METRICS: readonly Metric[] = ['complianceRate', 'duesRate', 'worksystemsProgress'];

export const DAY_CHOICES = [30, 90, 180] as const;

/** '87.5%' or '—'. */
export const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);
