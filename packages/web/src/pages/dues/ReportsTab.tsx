import { FileWordOutlined } from '@ant-design/icons';
import { Flex, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { toQueryString } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ExportButton } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { yearOptions } from './BasesTab';
import { type CollectionRow, type LedgerRow, rate, yuan } from './types';
import { useToday } from '../../today';

/** The yearly ledger (党费收缴台账) and the branch collection / remittance report, both exportable. */
export function ReportsTab() {
  const { t, label } = useI18n();
  const today = useToday();
  const [year, setYear] = useState(String(today.year));
  const [orgId, setOrgId] = useState<number | null>(null);
  const [month, setMonth] = useState<string | undefined>(undefined);
  const ledgerQuery = toQueryString({ year, orgId });
  const collectionQuery = toQueryString({ year, month });
  const ledger = useApiGet<ApiResult<'/api/v1/dues/ledger'>>(`/api/v1/dues/ledger${ledgerQuery}`);
  const collection = useApiGet<ApiResult<'/api/v1/dues/reports/collection'>>(`/api/v1/dues/reports/collection${collectionQuery}`);
  const totals = (collection.data?.items ?? []).reduce(
    (s, r) => ({ due: s.due + r.dueCents, paid: s.paid + r.paidCents, remit: s.remit + r.remitCents, centre: s.centre + r.toCentreCents }),
    { due: 0, paid: 0, remit: 0, centre: 0 },
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <Select value={year} options={yearOptions(today.year)} onChange={setYear} style={{ width: 100 }} aria-label={t('dues.year')} />
      </Flex>
      <div>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('dues.report.collection')}
          </Typography.Title>
          <Flex gap={8}>
            <Select
              allowClear
              placeholder={t('dues.report.wholeYear')}
              value={month}
              onChange={setMonth}
              style={{ width: 120 }}
              options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('dues.report.month', { month: i + 1 }) }))}
            />
            <ExportButton url={`/api/v1/dues/reports/collection/export${collectionQuery}`} />
          </Flex>
        </Flex>
        <Table<CollectionRow>
          size="small"
          rowKey="id"
          loading={collection.loading}
          dataSource={collection.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          scroll={{ x: 'max-content' }}
          data-testid="dues-collection"
          columns={[
            { dataIndex: 'orgName', title: t('dues.org') },
            { dataIndex: 'parentName', title: t('dues.report.parent'), render: (v: string | null) => v ?? '—' },
            { dataIndex: 'memberCount', title: t('dues.report.members'), align: 'right' },
            { dataIndex: 'dueCents', title: t('dues.report.due'), align: 'right', render: (v: number) => yuan(v) },
            { dataIndex: 'paidCents', title: t('dues.report.paid'), align: 'right', render: (v: number) => yuan(v) },
            { dataIndex: 'voluntaryCents', title: t('dues.report.voluntary'), align: 'right', render: (v: number) => yuan(v) },
            { dataIndex: 'toCentreCents', title: t('dues.toCentre'), align: 'right', render: (v: number) => yuan(v) },
            { dataIndex: 'remitCents', title: t('dues.report.remit'), align: 'right', render: (v: number) => yuan(v) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                {t('dues.report.total')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{yuan(totals.due)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{yuan(totals.paid)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} />
              <Table.Summary.Cell index={6} align="right">{yuan(totals.centre)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{yuan(totals.remit)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </div>
      <div>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('dues.report.ledger', { year })}
          </Typography.Title>
          <Flex gap={8}>
            <OrgTreeSelect value={orgId} onChange={setOrgId} placeholder={t('dues.org')} style={{ width: 240 }} />
            <ExportButton url={`/api/v1/dues/ledger/export${ledgerQuery}`} />
            {/* The yearly ledger as the Word document (党费收缴台账, landscape, with 合计 and 制表人). */}
            <ExportButton
              url={`/api/v1/dues/ledger/docx${ledgerQuery}`}
              fileName="dues-ledger.docx"
              icon={<FileWordOutlined />}
              label={t('dues.ledger.exportWord')}
              testId="dues-ledger-word"
            />
          </Flex>
        </Flex>
        <Table<LedgerRow>
          size="small"
          rowKey="id"
          loading={ledger.loading}
          dataSource={ledger.data?.items ?? []}
          pagination={{ pageSize: 50 }}
          scroll={{ x: 'max-content' }}
          data-testid="dues-ledger"
          columns={[
            { dataIndex: 'no', title: t('dues.ledger.no'), width: 60 },
            { dataIndex: 'name', title: t('dues.col.name') },
            { dataIndex: 'orgName', title: t('dues.col.branch') },
            { dataIndex: 'category', title: t('dues.col.category'), render: (v: string | null) => label('dues.category', v) },
            { dataIndex: 'baseCents', title: t('dues.ledger.base'), align: 'right', render: (v: number | null) => yuan(v) },
            { dataIndex: 'rateBasisPoints', title: t('dues.ledger.rate'), align: 'right', render: (v: number | null) => (v === null ? t('dues.fixed') : rate(v)) },
            { dataIndex: 'monthlyCents', title: t('dues.col.monthly'), align: 'right', render: (v: number | null) => yuan(v) },
            { dataIndex: 'yearDueCents', title: t('dues.ledger.yearDue'), align: 'right', render: (v: number) => yuan(v) },
            {
              dataIndex: 'yearPaidCents',
              title: t('dues.ledger.yearPaid'),
              align: 'right',
              render: (v: number, row) => (v < row.yearDueCents ? <Typography.Text type="danger">{yuan(v)}</Typography.Text> : yuan(v)),
            },
            { dataIndex: 'voluntaryCents', title: t('dues.report.voluntary'), align: 'right', render: (v: number) => (v ? yuan(v) : '—') },
          ]}
        />
      </div>
    </Space>
  );
}
