import { Alert, Button, Flex, Statistic, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { PaymentModal } from './PaymentModal';
import { type ArrearsRow, LEVEL_COLORS, LEVEL_MONTHS, monthRuns, yuan } from './types';

const FILTERS = ['orgId', 'level', 'minMonths'] as const;

/**
 * Members with unpaid months: remind at 3, warn at 5, report at 6 (党章 第九条), shown beside
 * the same member's organisational-life flag (months without attending, sent with each row when
 * the user may read it). One request: the page's rows, the total, and the tally of every level.
 */
export function ArrearsTab() {
  const { t } = useI18n();
  const levelLabel = (l: ArrearsRow['level']) => t(`dues.level.${l}`, { months: LEVEL_MONTHS[l] });
  const { can } = useSession();
  const list = useServerList<ArrearsRow>({ url: '/api/v1/dues/arrears', filterKeys: FILTERS });
  const counts = list.extra?.counts as Record<ArrearsRow['level'], number> | undefined;
  const orglifeShown = can('orglife.read');
  const [paying, setPaying] = useState<number | null>(null);

  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'org', name: 'orgId', placeholder: t('dues.org') },
      { kind: 'select', name: 'level', placeholder: t('dues.arrears.level'), options: (['remind', 'warn', 'report'] as const).map((l) => ({ value: l, label: levelLabel(l) })) },
    ],
    [t],
  );

  const columns = useMemo<ColumnsType<ArrearsRow>>(
    () => [
      { key: 'name', dataIndex: 'name', title: t('dues.col.name'), fixed: 'left', width: 90 },
      { key: 'orgName', dataIndex: 'orgName', title: t('dues.col.branch'), width: 200 },
      { key: 'months', dataIndex: 'consecutiveUnpaidMonths', title: t('dues.arrears.months'), align: 'right', width: 110 },
      { key: 'level', dataIndex: 'level', title: t('dues.arrears.level'), width: 130, render: (v: ArrearsRow['level']) => <Tag color={LEVEL_COLORS[v]}>{levelLabel(v)}</Tag> },
      // The amounts come before the long list of months, which wraps in a column of its own width:
      // a list of many months pushed them under the fixed action column.
      { key: 'outstanding', dataIndex: 'outstandingCents', title: t('dues.outstanding'), align: 'right', width: 110, render: (v: number) => yuan(v) },
      { key: 'paidThrough', dataIndex: 'paidThrough', title: t('dues.paidThrough'), width: 100, render: (v: string | null) => v ?? '—' },
      ...(orglifeShown
        ? [
            {
              key: 'orglife',
              title: t('dues.arrears.orglife'),
              width: 130,
              render: (_: unknown, row: ArrearsRow) =>
                row.orglife && row.orglife.level !== 'none' ? <Tag color={LEVEL_COLORS[row.orglife.level]}>{t('dues.arrears.orglifeMonths', { months: row.orglife.months })}</Tag> : '—',
            },
          ]
        : []),
      { key: 'unpaid', dataIndex: 'unpaidMonths', title: t('dues.arrears.unpaidMonths'), width: 180, render: (v: string[]) => monthRuns(v) },
      ...(can('dues.write')
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right' as const,
              width: 140,
              render: (_: unknown, row: ArrearsRow) => (
                <Button size="small" type="link" onClick={() => setPaying(row.id)}>
                  {t('dues.pay.record')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, can, orglifeShown],
  );

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('dues.arrears.rule', { remind: LEVEL_MONTHS.remind, warn: LEVEL_MONTHS.warn, report: LEVEL_MONTHS.report })} />
      {counts ? (
        <Flex gap={32} wrap style={{ marginBottom: 12 }} data-testid="dues-arrears-counts">
          {(['remind', 'warn', 'report'] as const).map((l) => (
            <Statistic key={l} title={levelLabel(l)} value={counts[l]} suffix={counts[l] === 1 ? t('dues.person') : t('dues.people')} styles={{ content: { color: l === 'report' ? '#cf1322' : undefined } }} />
          ))}
        </Flex>
      ) : null}
      <ListToolbar list={list} filters={filters} exportable />
      <ServerTable list={list} columns={columns} rowKey="id" scrollX={1190} data-testid="dues-arrears" />
      <PaymentModal
        memberId={paying}
        onClose={() => setPaying(null)}
        onSaved={() => {
          setPaying(null);
          list.reload();
        }}
      />
    </>
  );
}
