import { DownloadOutlined, ExportOutlined, ImportOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { downloadFile } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { PageCard } from '../../components/PageCard';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';
import type { ApiItem, ApiResult } from '../../api/contract';
import { ReceiptModal, TransferInModal, TransferInternalModal, TransferOutModal } from './TransferModals';

type TransferRow = ApiItem<'/api/v1/transfers'>;

const FILTERS = ['kind', 'receipt', 'q'] as const;

/**
 * 组织关系转接: internal moves, letters out (with the 回执 watch: a receipt not back within a
 * month is overdue) and arrivals registered with their letter number.
 */
export default function TransfersPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useServerList<TransferRow>({ url: '/api/v1/transfers', filterKeys: FILTERS });
  const overdue = useApiGet<ApiResult<'/api/v1/transfers'>>(`/api/v1/transfers?receipt=overdue&pageSize=1`);
  const [dialog, setDialog] = useState<'internal' | 'out' | 'in' | null>(null);
  const [receiptFor, setReceiptFor] = useState<TransferRow | null>(null);
  const writable = can('members.write');
  const none = t('common.none');

  const refresh = () => {
    list.reload();
    overdue.reload();
  };

  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('transfers.search'), width: 200 },
      { kind: 'select', name: 'kind', placeholder: t('transfers.filter.kind'), options: (['internal', 'out', 'in'] as const).map((k) => ({ value: k, label: t(`transfers.kind.${k}`) })), width: 120 },
      {
        kind: 'select',
        name: 'receipt',
        placeholder: t('transfers.filter.receipt'),
        options: (['pending', 'overdue', 'received'] as const).map((k) => ({ value: k, label: t(`transfers.receipt.${k}`) })),
        width: 130,
      },
    ],
    [t],
  );

  const columns = useMemo<ColumnsType<TransferRow>>(
    () => [
      { key: 'kind', dataIndex: 'kind', title: t('transfers.col.kind'), width: 80, render: (v: TransferRow['kind']) => <Tag color={v === 'out' ? 'volcano' : v === 'in' ? 'green' : 'blue'}>{t(`transfers.kind.${v}` as MessageKey)}</Tag> },
      { key: 'letterNo', dataIndex: 'letterNo', title: t('transfers.col.letterNo'), render: (v: string) => v || none },
      { key: 'member', dataIndex: 'memberName', title: t('transfers.col.member'), render: (v: string, r) => <Link to={`/members/${r.memberId}`}>{v}</Link> },
      { key: 'idNumber', dataIndex: 'idNumber', title: t('transfers.col.idNumber') },
      { key: 'from', dataIndex: 'fromOrgName', title: t('transfers.col.from'), render: (v: string) => v || none },
      { key: 'to', dataIndex: 'toOrgName', title: t('transfers.col.to') },
      { key: 'effectiveOn', dataIndex: 'effectiveOn', title: t('transfers.col.effectiveOn') },
      { key: 'paidThrough', dataIndex: 'paidThrough', title: t('transfers.col.paidThrough'), render: (v: string | null, r) => (r.kind === 'out' ? (v ?? t('transfers.paidThroughNone')) : none) },
      {
        key: 'receipt',
        title: t('transfers.col.receipt'),
        render: (_: unknown, r) => {
          if (r.kind !== 'out') return none;
          if (r.receiptReceivedOn) return <Tag color="green">{t('transfers.receiptReceived', { date: r.receiptReceivedOn })}</Tag>;
          if (r.receiptOverdue) return <Tag color="red">{t('transfers.receiptOverdue', { date: r.receiptDueOn ?? '' })}</Tag>;
          return <Tag color="gold">{t('transfers.receiptDue', { date: r.receiptDueOn ?? '' })}</Tag>;
        },
      },
      ...(writable
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right' as const,
              render: (_: unknown, r: TransferRow) =>
                r.kind === 'out' ? (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="link"
                      icon={<DownloadOutlined />}
                      data-testid={`transfer-letter-${r.id}`}
                      onClick={() => downloadFile(`/api/v1/transfers/${r.id}/letter`, `letter-${r.letterNo}.docx`).catch((e: unknown) => void message.error(errorText(e)))}
                    >
                      {t('transfers.letter')}
                    </Button>
                    {r.receiptReceivedOn ? null : (
                      <Button size="small" type="link" onClick={() => setReceiptFor(r)} data-testid={`transfer-receipt-${r.id}`}>
                        {t('transfers.recordReceipt')}
                      </Button>
                    )}
                  </Space>
                ) : null,
            },
          ]
        : []),
    ],
    [t, none, writable, message, errorText],
  );

  const overdueCount = overdue.data?.overdueReceipts ?? 0;
  return (
    <PageCard
      title={t('transfers.title')}
      extra={
        writable ? (
          <Flex gap={8} wrap>
            <Button icon={<SwapOutlined />} onClick={() => setDialog('internal')} data-testid="transfer-new-internal">
              {t('transfers.new.internal')}
            </Button>
            <Button icon={<ExportOutlined />} onClick={() => setDialog('out')} data-testid="transfer-new-out">
              {t('transfers.new.out')}
            </Button>
            <Button icon={<ImportOutlined />} onClick={() => setDialog('in')} data-testid="transfer-new-in">
              {t('transfers.new.in')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {overdueCount > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('transfers.overdue', { count: overdueCount })}
          data-testid="transfer-overdue"
          action={
            list.filters.receipt === 'overdue' ? null : (
              <Button size="small" onClick={() => list.setFilters({ receipt: 'overdue', kind: null })}>
                {t('transfers.showOverdue')}
              </Button>
            )
          }
        />
      ) : null}
      <ListToolbar list={list} filters={filters} exportable />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="transfer-table" />
      {dialog === 'internal' ? <TransferInternalModal onClose={() => setDialog(null)} onDone={refresh} /> : null}
      {dialog === 'out' ? <TransferOutModal onClose={() => setDialog(null)} onDone={refresh} /> : null}
      {dialog === 'in' ? <TransferInModal onClose={() => setDialog(null)} onDone={refresh} /> : null}
      {receiptFor ? <ReceiptModal transfer={receiptFor} onClose={() => setReceiptFor(null)} onDone={refresh} /> : null}
    </PageCard>
  );
}
