/**
 * Training of members (党员培训): the classes an org ran or sent members to — organiser level,
 * kind, dates, class hours — with their participants, members of the roster. The office and
 * branch secretaries record them; the year's classes are counted in the statistics table
 * 党员培训情况. Excel export of the list.
 */
import { PlusOutlined } from '@ant-design/icons';
import { TRAINING_KINDS, TRAINING_LEVELS } from '@hongyi/core';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { can } from '../../access';
import { api } from '../../api/client';
import type { ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useOrgTree } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { MembersSelect } from '../../components/MemberSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { type FilterDef, ListToolbar, ServerTable, useServerList } from '../../components/ServerList';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';

type ClassRow = ApiItem<'/api/v1/training/classes'>;
type ClassDetail = ApiResult<'/api/v1/training/classes/{id}'>;

const FILTERS = ['year', 'level', 'kind', 'orgId', 'q'] as const;

type Option = { value: string; label: string };
const LEVELS_ZH: Option[] = TRAINING_LEVELS.map((l) => ({ value: l.key, label: l.label }));
const LEVELS_EN: Option[] = TRAINING_LEVELS.map((l) => ({ value: l.key, label: l.en }));
const KINDS_ZH: Option[] = TRAINING_KINDS.map((k) => ({ value: k.key, label: k.label }));
const KINDS_EN: Option[] = TRAINING_KINDS.map((k) => ({ value: k.key, label: k.en }));

function useLabels() {
  const { language } = useI18n();
  const en = language === 'en-US';
  return {
    level: (k: string) => {
      const l = TRAINING_LEVELS.find((x) => x.key === k);
      return l ? (en ? l.en : l.label) : k;
    },
    kind: (k: string) => {
      const x = TRAINING_KINDS.find((y) => y.key === k);
      return x ? (en ? x.en : x.label) : k;
    },
    levels: en ? LEVELS_EN : LEVELS_ZH,
    kinds: en ? KINDS_EN : KINDS_ZH,
  };
}

interface FormValues {
  orgId: number;
  title: string;
  level: string;
  kind: string;
  organiser?: string;
  dates: [Dayjs, Dayjs];
  hours: number;
  note?: string;
  memberIds: number[];
}

function ClassModal({ detail, onClose, onSaved }: { detail: ClassDetail | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const labels = useLabels();
  const today = useToday();
  const me = useMe();
  const [form] = Form.useForm<FormValues>();
  const { saving, problem, submit } = useFormSubmit(form);
  const initial = useMemo(() => (detail ? detail.participantList.map((p) => ({ value: p.memberId, label: `${p.name}（${p.orgName}）` })) : []), [detail]);
  const save = async () => {
    const v = await form.validateFields();
    const body = {
      orgId: v.orgId,
      title: v.title,
      level: v.level,
      kind: v.kind,
      organiser: v.organiser ?? '',
      startsOn: v.dates[0].format('YYYY-MM-DD'),
      endsOn: v.dates[1].format('YYYY-MM-DD'),
      hours: v.hours,
      note: v.note ?? '',
      memberIds: v.memberIds ?? [],
    };
    await submit(() => (detail ? api.put(`/api/v1/training/classes/${detail.id}`, { ...body, version: detail.version }) : api.post('/api/v1/training/classes', body)), () => {
      onSaved();
      onClose();
    });
  };
  const defaultOrg = me?.roles.find((r) => r.orgId !== null)?.orgId ?? undefined;
  // A unit-wide writer records for the 党委 unless they pick another org.
  const tree = useOrgTree();
  useEffect(() => {
    const root = tree.data?.[0]?.id;
    if (!detail && root !== undefined && form.getFieldValue('orgId') === undefined) form.setFieldValue('orgId', root);
  }, [tree.data, detail, form]);
  return (
    <Modal open title={t(detail ? 'training.edit' : 'training.new')} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} okText={t('common.save')} width="min(720px, 100vw)" destroyOnHidden data-testid="training-modal">
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          detail
            ? { orgId: detail.orgId, title: detail.title, level: detail.level, kind: detail.kind, organiser: detail.organiser, dates: [dayjs(detail.startsOn), dayjs(detail.endsOn)], hours: detail.hours, note: detail.note, memberIds: detail.participantList.map((p) => p.memberId) }
            : { orgId: defaultOrg, level: defaultOrg ? 'branch' : 'unit', kind: 'thematic', dates: [today.day, today.day], hours: 4, memberIds: [] }
        }
      >
        <Form.Item name="title" label={t('training.col.title')} rules={[{ required: true, message: t('training.form.titleRequired') }]}>
          <Input maxLength={200} data-testid="training-title" />
        </Form.Item>
        <Form.Item name="orgId" label={t('training.col.org')} rules={[{ required: true, message: t('training.form.orgRequired') }]}>
          <OrgTreeSelect data-testid="training-org" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="level" label={t('training.col.level')} rules={[{ required: true }]}>
            <Select options={labels.levels} style={{ width: 180 }} data-testid="training-level" />
          </Form.Item>
          <Form.Item name="kind" label={t('training.col.kind')} rules={[{ required: true }]}>
            <Select options={labels.kinds} style={{ width: 160 }} data-testid="training-kind" />
          </Form.Item>
          <Form.Item name="hours" label={t('training.col.hours')} rules={[{ required: true, message: t('training.form.hoursRequired') }]}>
            <InputNumber min={0.5} max={5000} step={0.5} style={{ width: 110 }} data-testid="training-hours" />
          </Form.Item>
        </Space>
        <Form.Item name="dates" label={t('training.col.dates')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%', maxWidth: 340 }} data-testid="training-dates" />
        </Form.Item>
        <Form.Item name="organiser" label={t('training.col.organiser')}>
          <Input maxLength={100} placeholder={t('training.form.organiserHint')} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('training.col.participants')}>
          <MembersSelect initial={initial} placeholder={t('training.form.participantsHint')} testId="training-participants" />
        </Form.Item>
        <Form.Item name="note" label={t('training.col.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ClassDrawer({ id, onClose, onEdit, onRemoved }: { id: number | null; onClose: () => void; onEdit: (d: ClassDetail) => void; onRemoved: () => void }) {
  const { t } = useI18n();
  const labels = useLabels();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const res = useApiGet<ClassDetail>(id ? `/api/v1/training/classes/${id}` : null);
  const d = res.data;
  const remove = async () => {
    if (!d) return;
    try {
      await api.delete(`/api/v1/training/classes/${d.id}?version=${d.version}`);
      void message.success(t('training.removed'));
      onRemoved();
      onClose();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Drawer open={id !== null} onClose={onClose} width="min(640px, 100vw)" title={d?.title ?? ''} data-testid="training-drawer">
      {res.loading && !d ? <Spin /> : null}
      {d ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color="red">{labels.level(d.level)}</Tag>
            <Tag>{labels.kind(d.kind)}</Tag>
            <Typography.Text>
              {d.startsOn} ~ {d.endsOn} · {t('training.hoursN', { n: d.hours })}
            </Typography.Text>
          </Space>
          <Typography.Text type="secondary">
            {d.orgName}
            {d.organiser ? ` · ${d.organiser}` : ''}
          </Typography.Text>
          {d.note ? <Typography.Paragraph>{d.note}</Typography.Paragraph> : null}
          <Typography.Title level={5}>{t('training.participantsN', { n: d.participants })}</Typography.Title>
          {d.participantList.length < d.participants ? <Typography.Text type="secondary">{t('training.participantsHidden', { n: d.participants - d.participantList.length })}</Typography.Text> : null}
          <Space wrap size={[4, 4]} data-testid="training-participant-list">
            {d.participantList.map((p) => (
              <Tag key={p.memberId}>
                {p.name}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  {p.orgName}
                </Typography.Text>
              </Tag>
            ))}
          </Space>
          {d.canEdit ? (
            <Space>
              <Button onClick={() => onEdit(d)} data-testid="training-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm title={t('training.removeConfirm')} onConfirm={() => void remove()}>
                <Button danger>{t('training.remove')}</Button>
              </Popconfirm>
            </Space>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

export default function TrainingPage() {
  const { t } = useI18n();
  const me = useMe();
  const today = useToday();
  const labels = useLabels();
  const list = useServerList<ClassRow>({ url: '/api/v1/training/classes', filterKeys: FILTERS, defaultPageSize: 20 });
  const [editing, setEditing] = useState<ClassDetail | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const writer = can(me, 'learning.write');
  const year = today.year;
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'select', name: 'year', placeholder: t('training.filter.year'), options: Array.from({ length: 6 }, (_, i) => ({ value: String(year - i), label: String(year - i) })), width: 110 },
      { kind: 'select', name: 'level', placeholder: t('training.col.level'), options: labels.levels, width: 150 },
      { kind: 'select', name: 'kind', placeholder: t('training.col.kind'), options: labels.kinds, width: 130 },
      { kind: 'org', name: 'orgId', placeholder: t('training.col.org') },
      { kind: 'search', name: 'q', placeholder: t('training.filter.q') },
    ],
    [t, year, labels.levels, labels.kinds],
  );
  const columns: ColumnsType<ClassRow> = [
    {
      key: 'title',
      title: t('training.col.title'),
      render: (_, c) => (
        <Button type="link" size="small" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }} onClick={() => setOpen(c.id)} data-testid="training-open">
          {c.title}
        </Button>
      ),
    },
    { key: 'level', title: t('training.col.level'), width: 130, render: (_, c) => labels.level(c.level) },
    { key: 'kind', title: t('training.col.kind'), width: 100, render: (_, c) => labels.kind(c.kind) },
    { key: 'dates', title: t('training.col.dates'), width: 190, render: (_, c) => (c.startsOn === c.endsOn ? c.startsOn : `${c.startsOn} ~ ${c.endsOn}`) },
    { key: 'hours', title: t('training.col.hours'), width: 70, align: 'right', dataIndex: 'hours' },
    { key: 'participants', title: t('training.col.participantCount'), width: 90, align: 'right', dataIndex: 'participants' },
    { key: 'org', title: t('training.col.org'), width: 200, dataIndex: 'orgName' },
  ];
  return (
    <PageCard title={t('menu.training')}>
      <Typography.Paragraph type="secondary">{t('training.intro')}</Typography.Paragraph>
      <ListToolbar
        list={list}
        filters={filters}
        exportable
        extra={
          writer ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="training-new">
              {t('training.new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<ClassRow> list={list} columns={columns} rowKey="id" scrollX={960} data-testid="training-list" />
      <ClassDrawer id={open} onClose={() => setOpen(null)} onEdit={(d) => setEditing(d)} onRemoved={list.reload} />
      {editing ? (
        <ClassModal
          detail={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            list.reload();
            if (open !== null) setOpen(null);
          }}
        />
      ) : null}
    </PageCard>
  );
}
