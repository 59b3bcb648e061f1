import { DUES_INPUT_LIMITS } from '@hongyi/core';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { PaymentModal } from './PaymentModal';
import { StatementModal } from './StatementModal';
import { type BaseRow, type EntryRow, type MonthClose, type MonthCloseResult, yuan } from './types';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';

const FILTERS = ['month', 'orgId', 'kind', 'memberId'] as const;

/** Month close, payments, and the append-only ledger with corrections. */
export function CollectTab() {
  const { t, label } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const writable = can('dues.write');
  const list = useServerList<EntryRow>({ url: '/api/v1/dues/entries', filterKeys: FILTERS });
  const closes = useApiGet<ApiResult<'/api/v1/dues/months'>>('/api/v1/dues/months?pageSize=6');
  const today = useToday();
  // Collectors close the month they are collecting for: the current one by default.
  const [closeMonth, setCloseMonth] = useState(today.day);
  const [closeOrg, setCloseOrg] = useState<number | null>(null);
  const [closeResult, setCloseResult] = useState<MonthCloseResult | null>(null);
  const [paying, setPaying] = useState<number | null>(null);
  const [picking, setPicking] = useState(false);
  const [correcting, setCorrecting] = useState<EntryRow | null>(null);
  const [importing, setImporting] = useState(false);

  const doClose = async () => {
    try {
      const result = await api.post<MonthCloseResult>(
        `/api/v1/dues/months/${closeMonth.format('YYYY-MM')}/close`,
        closeOrg ? { orgId: closeOrg } : {},
      );
      setCloseResult(result);
      closes.reload();
      list.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'org', name: 'orgId', placeholder: t('dues.org') },
      { kind: 'select', name: 'kind', placeholder: t('dues.col.kind'), options: (['due', 'payment', 'voluntary', 'correction'] as const).map((k) => ({ value: k, label: label('dues.kind', k) })) },
    ],
    [t, label],
  );

  const columns = useMemo<ColumnsType<EntryRow>>(
    () => [
      { key: 'id', dataIndex: 'id', title: '#', width: 70 },
      { key: 'month', dataIndex: 'month', title: t('dues.col.month'), width: 90 },
      { key: 'memberName', dataIndex: 'memberName', title: t('dues.col.name') },
      { key: 'orgName', dataIndex: 'orgName', title: t('dues.col.branch') },
      {
        key: 'kind',
        dataIndex: 'kind',
        title: t('dues.col.kind'),
        render: (v: string, row) => (
          <>
            <Tag color={v === 'due' ? 'blue' : v === 'payment' ? 'green' : v === 'voluntary' ? 'purple' : 'orange'}>{label('dues.kind', v)}</Tag>
            {row.correctsId ? <Typography.Text type="secondary">→ #{row.correctsId}</Typography.Text> : null}
            {row.toCentre ? <Tag color="red">{t('dues.toCentre')}</Tag> : null}
          </>
        ),
      },
      { key: 'amount', dataIndex: 'amountCents', title: t('dues.col.amount'), align: 'right', render: (v: number) => yuan(v) },
      {
        key: 'effective',
        dataIndex: 'effectiveCents',
        title: t('dues.col.effective'),
        align: 'right',
        render: (v: number, row) => (row.kind !== 'correction' && v !== row.amountCents ? <Typography.Text mark>{yuan(v)}</Typography.Text> : yuan(v)),
      },
      { key: 'method', dataIndex: 'method', title: t('dues.pay.method'), render: (v: string | null, row) => (v ? `${label('dues.method', v)} ${row.paidOn ?? ''}` : '—') },
      { key: 'note', dataIndex: 'note', title: t('dues.note') },
      { key: 'recordedBy', dataIndex: 'recordedBy', title: t('dues.col.recordedBy'), render: (v: string, row) => `${v} ${row.recordedAt.slice(0, 10)}` },
      ...(writable
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right' as const,
              render: (_: unknown, row: EntryRow) => (
                <Flex gap={4}>
                  {row.kind !== 'correction' ? (
                    <Button size="small" type="link" onClick={() => setCorrecting(row)}>
                      {t('dues.correct')}
                    </Button>
                  ) : null}
                  {row.kind === 'due' ? (
                    <Button size="small" type="link" onClick={() => setPaying(row.memberId)}>
                      {t('dues.pay.record')}
                    </Button>
                  ) : null}
                </Flex>
              ),
            },
          ]
        : []),
    ],
    [t, label, writable],
  );

  return (
    <>
      {writable ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('dues.close.title')}</Typography.Text>
          <DatePicker picker="month" value={closeMonth} allowClear={false} onChange={(d) => d && setCloseMonth(d)} disabledDate={(d) => d.isAfter(today.day, 'month')} data-testid="dues-close-month" />
          <OrgTreeSelect value={closeOrg} onChange={setCloseOrg} placeholder={t('dues.close.orgPlaceholder')} style={{ width: 240 }} />
          <Popconfirm title={t('dues.close.confirm', { month: closeMonth.format('YYYY-MM') })} onConfirm={() => void doClose()}>
            <Button type="primary" data-testid="dues-close">
              {t('dues.close.action')}
            </Button>
          </Popconfirm>
          <Button onClick={() => setPicking(true)} data-testid="dues-record-payment">
            {t('dues.pay.record')}
          </Button>
          <Button onClick={() => setImporting(true)} data-testid="dues-import-statement">
            {t('dues.statement.import')}
          </Button>
        </Flex>
      ) : null}
      {closeResult ? (
        <Alert
          closable
          onClose={() => setCloseResult(null)}
          style={{ marginBottom: 12 }}
          type={closeResult.withoutBase.length > 0 ? 'warning' : 'success'}
          showIcon
          title={t('dues.close.done', { created: closeResult.created, amount: yuan(closeResult.dueCents) })}
          description={
            closeResult.withoutBase.length > 0 ? t('dues.close.withoutBase', { names: closeResult.withoutBase.slice(0, 20).map((m) => m.name).join('、'), count: closeResult.withoutBase.length }) : null
          }
          data-testid="dues-close-result"
        />
      ) : null}
      {closes.data && closes.data.items.length > 0 ? (
        <Table<MonthClose>
          size="small"
          style={{ marginBottom: 16 }}
          rowKey="id"
          pagination={false}
          dataSource={closes.data.items}
          title={() => t('dues.close.recent')}
          columns={[
            { dataIndex: 'month', title: t('dues.col.month') },
            { dataIndex: 'orgName', title: t('dues.org') },
            { dataIndex: 'memberCount', title: t('dues.close.count') },
            { dataIndex: 'dueCents', title: t('dues.close.due'), align: 'right', render: (v: number) => yuan(v) },
            { dataIndex: 'closedBy', title: t('dues.col.recordedBy'), render: (v: string, row) => `${v} ${row.closedAt.slice(0, 10)}` },
          ]}
        />
      ) : null}
      <ListToolbar
        list={list}
        filters={filters}
        extra={
          <DatePicker
            picker="month"
            value={list.filters.month ? dayjs(`${list.filters.month}-01`) : null}
            placeholder={t('dues.col.month')}
            onChange={(d) => list.setFilters({ month: d ? d.format('YYYY-MM') : null })}
          />
        }
      />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="dues-entries" />
      <MemberPicker open={picking} onClose={() => setPicking(false)} onPick={(id) => { setPicking(false); setPaying(id); }} />
      <PaymentModal
        memberId={paying}
        onClose={() => setPaying(null)}
        onSaved={() => {
          setPaying(null);
          list.reload();
        }}
      />
      <StatementModal open={importing} onClose={() => setImporting(false)} onSaved={() => { setImporting(false); list.reload(); }} />
      <CorrectionModal entry={correcting} onClose={() => setCorrecting(null)} onSaved={() => { setCorrecting(null); list.reload(); }} />
    </>
  );
}

/** Finds a member by name among those in scope (the bases list is the member list of the dues area). */
function MemberPicker({ open, onClose, onPick }: { open: boolean; onClose: () => void; onPick: (id: number) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useApiGet<ApiResult<'/api/v1/dues/bases'>>(open && q ? `/api/v1/dues/bases?pageSize=20&q=${encodeURIComponent(q)}` : null);
  return (
    <Modal open={open} title={t('dues.pay.pickMember')} onCancel={onClose} footer={null} destroyOnHidden>
      <Input.Search placeholder={t('dues.searchName')} onSearch={(text) => setQ(text.trim())} enterButton data-testid="dues-member-search" />
      <Table<BaseRow>
        size="small"
        style={{ marginTop: 12 }}
        rowKey="id"
        pagination={false}
        loading={found.loading && Boolean(q)}
        dataSource={found.data?.items ?? []}
        onRow={(row) => ({ onClick: () => onPick(row.id), style: { cursor: 'pointer' } })}
        columns={[
          { dataIndex: 'name', title: t('dues.col.name') },
          { dataIndex: 'orgName', title: t('dues.col.branch') },
          { dataIndex: 'monthlyCents', title: t('dues.col.monthly'), align: 'right', render: (v: number | null) => yuan(v) },
        ]}
      />
    </Modal>
  );
}

function CorrectionModal({ entry, onClose, onSaved }: { entry: EntryRow | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ amount: number; reason: string }>();
  const submit = async () => {
    if (!entry) return;
    const v = await form.validateFields();
    try {
      await api.post(`/api/v1/dues/entries/${entry.id}/corrections`, { amountCents: Math.round(v.amount * 100), expectedCents: entry.effectiveCents, reason: v.reason });
      void message.success(t('common.saved'));
      onSaved();
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return (
    <Modal open={entry !== null} title={entry ? t('dues.correct.title', { id: entry.id, name: entry.memberName, month: entry.month }) : ''} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('dues.correct.hint')} />
      <Form form={form} layout="vertical" initialValues={{ amount: entry ? entry.effectiveCents / 100 : 0 }}>
        <Form.Item name="amount" label={t('dues.correct.amount', { current: yuan(entry?.effectiveCents) })} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} addonAfter={t('dues.yuan')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('dues.correct.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={DUES_INPUT_LIMITS.noteMaxLength} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

