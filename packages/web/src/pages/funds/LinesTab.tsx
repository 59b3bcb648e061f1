/**
 * The budget lines of a year by org (预算优先安排): budget, spent, approved and not yet paid,
 * balance (red below zero: a recorded overrun). The office adds a line, changes its amount (not
 * below what is spent) or deletes an unused one.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { can } from '../../access';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { type FilterDef, ListToolbar, ServerTable, useServerList } from '../../components/ServerList';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { type FundsSettings, type LineList, type LineRow, YuanInput, toCents, yuan, useFundsErrorText } from './shared';

const FILTERS = ['year', 'orgId'] as const;

export function LinesTab({ year, settings }: { year: number; settings: FundsSettings | undefined }) {
  const { t, label } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useFundsErrorText();
  const [, setSearch] = useSearchParams();
  const list = useServerList<LineRow>({ url: '/api/v1/funds/lines', filterKeys: FILTERS, defaultPageSize: 50 });
  const totals = (list.extra as Partial<LineList> | null)?.totals;
  const [editing, setEditing] = useState<LineRow | 'new' | null>(null);
  const office = can(me, 'funds.approve');
  const filters = useMemo<FilterDef[]>(() => [{ kind: 'org', name: 'orgId', placeholder: t('funds.filter.org') }], [t]);
  const remove = async (line: LineRow) => {
    try {
      await api.delete(`/api/v1/funds/lines/${line.id}?version=${line.version}`);
      void message.success(t('funds.line.removed'));
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const expensesOf = (line: LineRow) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      next.delete('page');
      next.set('tab', 'expenses');
      next.set('budgetLineId', String(line.id));
      return next;
    });
  const columns: ColumnsType<LineRow> = [
    { key: 'org', title: t('funds.col.org'), width: 230, render: (_, l) => <Space size={4}>{l.orgName}{l.orgType === 'committee' ? <Tag>{label('orgType', l.orgType)}</Tag> : null}</Space> },
    { key: 'category', title: t('funds.col.category'), dataIndex: 'category', width: 90 },
    { key: 'budget', title: t('funds.col.budget'), align: 'right', width: 100, render: (_, l) => yuan(l.budgetCents) },
    { key: 'spent', title: t('funds.col.spent'), align: 'right', width: 100, render: (_, l) => yuan(l.spentCents) },
    { key: 'committed', title: t('funds.col.committed'), align: 'right', width: 100, render: (_, l) => yuan(l.committedCents) },
    {
      key: 'balance',
      title: t('funds.col.balance'),
      align: 'right',
      width: 150,
      render: (_, l) => (
        <Space size={4} wrap={false} data-testid="line-balance">
          <Typography.Text type={l.balanceCents < 0 ? 'danger' : undefined} strong>
            {yuan(l.balanceCents)}
          </Typography.Text>
          {l.overrunCents > 0 ? <Tag color="red">{t('funds.line.overrun')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'note', title: t('funds.col.note'), dataIndex: 'note', width: 130, ellipsis: true },
    {
      key: 'actions',
      title: t('common.actions'),
      width: office ? 180 : 90,
      render: (_, l) => (
        <Space size={0} wrap={false}>
          <Button type="link" size="small" onClick={() => expensesOf(l)}>
            {t('funds.line.expenses')}
          </Button>
          {office ? (
            <>
              <Button type="link" size="small" onClick={() => setEditing(l)}>
                {t('common.edit')}
              </Button>
              <Popconfirm title={t('funds.line.removeConfirm')} onConfirm={() => void remove(l)}>
                <Button type="link" size="small" danger>
                  {t('funds.line.remove')}
                </Button>
              </Popconfirm>
            </>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="line-totals">
        {(
          [
            ['budget', totals?.budgetCents],
            ['spent', totals?.spentCents],
            ['committed', totals?.committedCents],
            ['balance', totals?.balanceCents],
          ] as const
        ).map(([key, cents]) => (
          <Col key={key} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`funds.col.${key}`)} value={yuan(cents ?? 0)} suffix={t('funds.yuan')} />
            </Card>
          </Col>
        ))}
      </Row>
      <ListToolbar
        list={list}
        filters={filters}
        extra={
          office ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-line">
              {t('funds.line.new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<LineRow> list={list} columns={columns} rowKey="id" scrollX={1080} data-testid="lines" />
      {editing ? <LineModal line={editing === 'new' ? null : editing} year={year} settings={settings} onClose={() => setEditing(null)} onSaved={list.reload} /> : null}
    </>
  );
}

interface LineForm {
  orgId: number;
  category: string;
  budget: number;
  note: string;
}

function LineModal({ line, year, settings, onClose, onSaved }: { line: LineRow | null; year: number; settings: FundsSettings | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useFundsErrorText();
  const [form] = Form.useForm<LineForm>();
  const { saving, problem, submit: save } = useFormSubmit(form, { errorText });
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      if (line) await api.put(`/api/v1/funds/lines/${line.id}`, { budgetCents: toCents(v.budget), note: v.note ?? '', version: line.version });
      else await api.post('/api/v1/funds/lines', { orgId: v.orgId, year, category: v.category, budgetCents: toCents(v.budget), note: v.note ?? '' });
    }, () => {
      onSaved();
      onClose();
    });
  };
  return (
    <Modal open title={line ? t('funds.line.edit', { org: line.orgName, category: line.category }) : t('funds.line.newTitle', { year })} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={line ? { budget: line.budgetCents / 100, note: line.note } : { note: '' }}>
        {line ? null : (
          <>
            <Form.Item name="orgId" label={t('funds.col.org')} rules={[{ required: true }]}>
              <OrgTreeSelect data-testid="line-org" />
            </Form.Item>
            <Form.Item name="category" label={t('funds.col.category')} rules={[{ required: true }]}>
              <Select options={(settings?.categories ?? []).map((c) => ({ value: c, label: c }))} data-testid="line-category" />
            </Form.Item>
          </>
        )}
        <Form.Item name="budget" label={t('funds.col.budget')} rules={[{ required: true }]} extra={line ? t('funds.line.spentNote', { spent: yuan(line.spentCents) }) : null}>
          <YuanInput data-testid="line-budget" />
        </Form.Item>
        <Form.Item name="note" label={t('funds.col.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
