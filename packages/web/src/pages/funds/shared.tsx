/** What the funds pages share: the API's shapes, money in 元, the request states' colours. */
import type { FundRequestStatus } from '@hongyi/core';
import { InputNumber, Tag } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../../api/client';
import type { ApiItem, ApiResult } from '../../api/contract';
import { useErrorText } from '../../api/hooks';
import { useI18n } from '../../i18n';

export type LineRow = ApiItem<'/api/v1/funds/lines'>;
export type LineList = ApiResult<'/api/v1/funds/lines'>;
export type RequestRow = ApiItem<'/api/v1/funds/requests'>;
export type RequestDetail = ApiResult<'/api/v1/funds/requests/{id}'>;
export type ExpenseRow = ApiItem<'/api/v1/funds/expenses'>;
export type ExpenseDetail = ApiResult<'/api/v1/funds/expenses/{id}'>;
export type Priority = ApiResult<'/api/v1/funds/priority'>;
export type FundsSettings = ApiResult<'/api/v1/funds/settings'>;

/** 123456 分 → '1,234.56' */
export function yuan(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 元 as typed (at most two decimals) → 分. */
export const toCents = (value: number) => Math.round(value * 100);

const STATUS_COLORS: Record<FundRequestStatus, string> = { submitted: 'gold', approved: 'blue', returned: 'default', paid: 'green' };

export function StatusTag({ status }: { status: FundRequestStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="request-status">
      {t(`funds.status.${status}`)}
    </Tag>
  );
}

/** An amount in 元 (two decimals), as a form control. */
export function YuanInput(props: { value?: number | null; onChange?: (value: number | null) => void; 'data-testid'?: string; max?: number }) {
  const { t } = useI18n();
  return (
    <InputNumber<number>
      min={0.01}
      max={props.max ?? 21_000_000}
      precision={2}
      step={100}
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v)}
      suffix={t('funds.yuan')}
      style={{ width: '100%' }}
      inputMode="decimal"
      data-testid={props['data-testid']}
    />
  );
}

/**
 * The text of a failed request: the server's own words for the funds' state conflicts (a line in
 * use, a request someone already decided), which say more than "changed by someone else".
 */
export function useFundsErrorText(): (error: unknown) => string {
  const errorText = useErrorText();
  return useCallback((error: unknown) => (error instanceof ApiError && error.status === 409 && error.code.startsWith('FUNDS_') && error.message ? error.message : errorText(error)), [errorText]);
}
