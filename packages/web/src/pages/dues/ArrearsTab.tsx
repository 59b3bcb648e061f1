import { Alert, Button, Flex, Statistic, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useApiGet } from '../../api/hooks';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { PaymentModal } from './PaymentModal';
import { type ArrearsRow, LEVEL_COLORS, yuan } from './types';

const FILTERS = ['orgId', 'level', 'minMonths'] as const;

interface OrgLifeLapse {
  id: number;
  months: number;
  level: ArrearsRow['level'];
}

/**
 * Members with unpaid months: remind at 3, warn at 5, report at 6 (党章 第九条), shown beside
 * the same member's organisational-life flag (months without attending) when the user may read it.
 */
export function ArrearsTab() {
  const { t, label } = useI18n();
  const { can } = useSession();
  const list = useServerList<ArrearsRow & { counts?: never }>({ url: '/api/v1/dues/arrears', filterKeys: FILTERS });
  const counts = useApiGet<{ counts: Record<ArrearsRow['level'], number> }>(`/api/v1/dues/arrears?pageSize=1${list.filters.orgId ? `&orgId=${list.filters.orgId}` : ''}`);
  const lapses = useApiGet<{ items: OrgLifeLapse[] }>(
    can('orglife.read') ? `/api/v1/orglife/lapses?pageSize=200&minMonths=1${list.filters.orgId ? `&orgId=${list.filters.orgId}` : ''}` : null,
  );
  const lapseOf = useMemo(() => new Map((lapses.data?.items ?? []).map((x) => [x.id, x])), [lapses.data]);
  const [paying, setPaying] = useState<number | null>(null);

  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'org', name: 'orgId', placeholder: t('dues.org') },
      { kind: 'select', name: 'level', placeholder: t('dues.arrears.level'), options: (['remind', 'warn', 'report'] as const).map((l) => ({ value: l, label: t(`dues.level.${l}`) })) },
    ],
    [t],
  );

  const columns = useMemo<ColumnsType<ArrearsRow>>(
    () => [
      { key: 'name', dataIndex: 'name', title: t('dues.col.name'), fixed: 'left', width: 100 },
      { key: 'orgName', dataIndex: 'orgName', title: t('dues.col.branch') },
      { key: 'months', dataIndex: 'consecutiveUnpaidMonths', title: t('dues.arrears.months'), align: 'right' },
      { key: 'level', dataIndex: 'level', title: t('dues.arrears.level'), render: (v: ArrearsRow['level']) => <Tag color={LEVEL_COLORS[v]}>{label('dues.level', v)}</Tag> },
      { key: 'unpaid', dataIndex: 'unpaidMonths', title: t('dues.arrears.unpaidMonths'), render: (v: string[]) => v.join('、') },
      { key: 'outstanding', dataIndex: 'outstandingCents', title: t('dues.outstanding'), align: 'right', render: (v: number) => yuan(v) },
      { key: 'paidThrough', dataIndex: 'paidThrough', title: t('dues.paidThrough'), render: (v: string | null) => v ?? '—' },
      ...(lapses.data
        ? [
            {
              key: 'orglife',
              title: t('dues.arrears.orglife'),
              render: (_: unknown, row: ArrearsRow) => {
                const lapse = lapseOf.get(row.id);
                return lapse && lapse.level !== 'none' ? <Tag color={LEVEL_COLORS[lapse.level]}>{t('dues.arrears.orglifeMonths', { months: lapse.months })}</Tag> : '—';
              },
            },
          ]
        : []),
      ...(can('dues.write')
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right' as const,
              render: (_: unknown, row: ArrearsRow) => (
                <Button size="small" type="link" onClick={() => setPaying(row.id)}>
                  {t('dues.pay.record')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, label, can, lapses.data, lapseOf],
  );

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('dues.arrears.rule')} />
      {counts.data ? (
        <Flex gap={32} style={{ marginBottom: 12 }} data-testid="dues-arrears-counts">
          {(['remind', 'warn', 'report'] as const).map((l) => (
            <Statistic key={l} title={t(`dues.level.${l}`)} value={counts.data!.counts[l]} suffix={t('dues.people')} styles={{ content: { color: l === 'report' ? '#cf1322' : undefined } }} />
          ))}
        </Flex>
      ) : null}
      <ListToolbar list={list} filters={filters} exportable />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="dues-arrears" />
      <PaymentModal
        memberId={paying}
        onClose={() => setPaying(null)}
        onSaved={() => {
          setPaying(null);
          list.reload();
          counts.reload();
        }}
      />
    </>
  );
}
