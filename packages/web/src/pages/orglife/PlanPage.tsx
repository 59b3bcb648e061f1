import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { COMMITTEE_KINDS } from '@hongyi/core';
import { Alert, App, Button, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../access';
import { ApiError, api } from '../../api/client';
import { flattenOrgs, useApiGet, useErrorText, useOrgTree, useUrlParams } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';
import { MEETING_KINDS, type MeetingKind, type PlanItem, PlanStateTag } from './shared';

const PLAN_ORG_TYPES = ['committee', 'branch', 'joint_branch', 'temporary_branch'];

interface ItemValues {
  plannedOn: Dayjs;
  kind: MeetingKind;
  title?: string;
  note?: string;
}

/**
 * A branch's (or 党委's) yearly plan: each item with its state against the server's today — done
 * with a link to the meeting record that completed it, open, or overdue — and, for those who may
 * write, adding, moving, re-kinding and removing items, or generating the year from the rules.
 */
export default function PlanPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const today = useToday();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const defaultOrg = me.roles.find((r) => r.role === 'branch_secretary')?.orgId ?? null;
  const orgId = Number(params.get('orgId')) || defaultOrg;
  const year = Number(params.get('year')) || today.year;
  const writable = can(me, 'orglife.write');
  const tree = useOrgTree();
  const org = useMemo(() => flattenOrgs(tree.data ?? []).find((o) => o.id === orgId) ?? null, [tree.data, orgId]);
  const plan = useApiGet<PlanItem[]>(orgId ? `/api/v1/orglife/orgs/${orgId}/plan?year=${year}` : null);
  const [editing, setEditing] = useState<PlanItem | 'new' | null>(null);
  const [busy, setBusy] = useState(false);

  const items = plan.data ?? [];
  const count = (s: PlanItem['state']) => items.filter((i) => i.state === s).length;
  const planned = org !== null && PLAN_ORG_TYPES.includes(org.type);
  // The kinds an org may plan: a 党委's own, or a branch's (everything but the 党委 study session).
  const kindOptions = (org?.type === 'committee' ? COMMITTEE_KINDS : MEETING_KINDS.filter((k) => k !== 'committee_study_session')).map((k) => ({ value: k, label: label('orglife.kind', k) }));

  async function generate() {
    setBusy(true);
    try {
      const created = await api.post<PlanItem[]>(`/api/v1/orglife/orgs/${orgId}/plan`, { year });
      void message.success(t('orglife.plan.generated', { count: created.length }));
      plan.reload();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(item: PlanItem) {
    try {
      await api.delete(`/api/v1/orglife/plan-items/${item.id}?version=${item.version}`);
      plan.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  const columns: ColumnsType<PlanItem> = [
    { key: 'plannedOn', dataIndex: 'plannedOn', title: t('orglife.plan.plannedOn'), width: 110 },
    {
      key: 'kind',
      title: t('orglife.plan.kind'),
      render: (_, i) => (
        <Flex vertical>
          <span>{label('orglife.kind', i.kind)}</span>
          {i.title ? <Typography.Text type="secondary">{i.title}</Typography.Text> : null}
        </Flex>
      ),
    },
    { key: 'state', title: t('orglife.plan.state'), width: 96, render: (_, i) => <PlanStateTag state={i.state} /> },
    {
      key: 'record',
      title: t('orglife.plan.record'),
      width: 170,
      render: (_, i) =>
        i.record ? (
          <Link to={`/orglife/records/${i.record.id}`} data-testid={`plan-record-${i.id}`}>
            {t('orglife.plan.recordLink', { date: i.record.heldOn })}
          </Link>
        ) : writable && i.plannedOn <= today.date ? (
          <Link to={`/orglife/records/new?orgId=${i.orgId}&kinds=${i.kind}&planItem=${i.id}`}>{t('orglife.plan.recordNow')}</Link>
        ) : null,
    },
    { key: 'note', dataIndex: 'note', title: t('orglife.plan.note'), ellipsis: true },
    ...(writable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 96,
            render: (_: unknown, i: PlanItem) => (
              <Space size={4}>
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(i)} />
                {i.record ? (
                  <Tooltip title={t('orglife.plan.doneCannotDelete')}>
                    <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('orglife.detail.delete')} disabled />
                  </Tooltip>
                ) : (
                  <Popconfirm title={t('orglife.plan.deleteConfirm')} onConfirm={() => void remove(i)}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('orglife.detail.delete')} />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageCard
      title={t('orglife.plan.title')}
      extra={
        writable && planned && items.length > 0 ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="plan-add">
            {t('orglife.plan.add')}
          </Button>
        ) : null
      }
    >
      <Flex gap={8} style={{ marginBottom: 12 }} wrap align="center">
        <OrgTreeSelect value={orgId} onChange={(v) => set('orgId', v)} placeholder={t('orglife.plan.pickOrg')} style={{ width: 320, maxWidth: '100%' }} />
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => set('year', v ?? null)} addonBefore={t('orglife.compliance.year')} />
        {items.length > 0 ? (
          <Typography.Text data-testid="plan-summary">{t('orglife.plan.summary', { total: items.length, done: count('done'), open: count('open'), overdue: count('overdue') })}</Typography.Text>
        ) : null}
      </Flex>
      {!orgId ? <Alert type="info" title={t('orglife.plan.pickOrg')} /> : null}
      {plan.error ? <Alert type="error" title={errorText(plan.error)} /> : null}
      {orgId && !plan.loading && !plan.error && items.length === 0 ? (
        <Empty description={planned ? t('orglife.plan.empty', { year }) : t('orglife.plan.notForOrg')}>
          {writable && planned ? (
            <Button type="primary" loading={busy} onClick={() => void generate()} data-testid="plan-generate">
              {t('orglife.plan.generate')}
            </Button>
          ) : null}
        </Empty>
      ) : null}
      {items.length > 0 ? (
        <>
          <Typography.Paragraph type="secondary">{t('orglife.plan.hint', { today: today.date })}</Typography.Paragraph>
          <Table<PlanItem>
            size="small"
            rowKey="id"
            loading={plan.loading}
            dataSource={items}
            columns={columns}
            pagination={false}
            scroll={{ x: 760 }}
            data-testid="plan-table"
            onRow={(i) => ({ 'data-testid': `plan-item-${i.id}`, 'data-state': i.state }) as React.HTMLAttributes<HTMLElement>}
          />
        </>
      ) : null}
      {editing !== null && orgId ? (
        <PlanItemDialog
          orgId={orgId}
          year={year}
          item={editing === 'new' ? null : editing}
          kindOptions={kindOptions}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            plan.reload();
          }}
        />
      ) : null}
    </PageCard>
  );
}

/** Adds an item to the year's plan, or changes one (date within the year, kind, title, note). */
function PlanItemDialog({
  orgId,
  year,
  item,
  kindOptions,
  onClose,
  onSaved,
}: {
  orgId: number;
  year: number;
  item: PlanItem | null;
  kindOptions: { value: MeetingKind; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const today = useToday();
  const errorText = useErrorText();
  const [form] = Form.useForm<ItemValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A new item starts on today when planning this year, else on the year's first day.
  const start = year === today.year ? today.day : dayjs(`${year}-01-01`);

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const body = { plannedOn: v.plannedOn.format('YYYY-MM-DD'), kind: v.kind, title: v.title ?? '', note: v.note ?? '' };
    try {
      if (item) await api.patch(`/api/v1/orglife/plan-items/${item.id}`, { ...body, version: item.version });
      else await api.post(`/api/v1/orglife/orgs/${orgId}/plan/items`, body);
      onSaved();
    } catch (err) {
      const marked = applyFieldErrors(form, err);
      if (!marked) setError(err instanceof ApiError && err.details.length > 0 ? err.details.map((d) => d.message).join('；') : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={item ? t('orglife.plan.editTitle') : t('orglife.plan.addTitle')} okText={t('common.save')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="plan-item-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        data-testid="plan-item-form"
        initialValues={item ? { plannedOn: dayjs(item.plannedOn), kind: item.kind, title: item.title, note: item.note } : { plannedOn: start, kind: kindOptions[0]?.value }}
      >
        <Form.Item name="plannedOn" label={t('orglife.plan.plannedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.year() !== year} />
        </Form.Item>
        <Form.Item name="kind" label={t('orglife.plan.kind')} rules={[{ required: true }]}>
          <Select options={kindOptions} data-testid="plan-item-kind" />
        </Form.Item>
        <Form.Item name="title" label={t('orglife.plan.itemTitle')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('orglife.plan.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
