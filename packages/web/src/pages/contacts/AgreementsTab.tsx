/**
 * The 结对共建 tab: agreements either side of which the caller sees (an internal pairing shows in
 * both sides' lists, its activities counted once for each), the counts per org for the year, and
 * a drawer with the agreement's renewals and joint activities; the office records them.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { can } from '../../access';
import { api } from '../../api/client';
import type { ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { type FilterDef, ListToolbar, ServerTable, useServerList } from '../../components/ServerList';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';
import { AgreementStateTag } from './shared';

type Agreement = ApiItem<'/api/v1/contacts/agreements'>;
type Detail = ApiResult<'/api/v1/contacts/agreements/{id}'>;
type Activity = Detail['activityList'][number];
type Counts = ApiResult<'/api/v1/contacts/activity-counts'>;
type Candidates = ApiResult<'/api/v1/contacts/agreements/{id}/link-candidates'>;
const FILTERS = ['orgId', 'kind', 'state'] as const;
const STATES = ['running', 'active', 'expiring', 'ended'] as const;

export function AgreementsTab({ kinds }: { kinds: readonly string[] }) {
  const { t, label } = useI18n();
  const me = useMe();
  const today = useToday();
  const office = can(me, 'contacts.write');
  const list = useServerList<Agreement>({ url: '/api/v1/contacts/agreements', filterKeys: FILTERS, defaultPageSize: 20 });
  const counts = useApiGet<Counts>(`/api/v1/contacts/activity-counts?year=${today.year}`);
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<Detail | 'new' | null>(null);
  const reload = () => (list.reload(), counts.reload());
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'org', name: 'orgId', placeholder: t('contacts.agreement.eitherSide') },
      { kind: 'select', name: 'kind', placeholder: t('contacts.col.kind'), options: kinds.map((k) => ({ value: k, label: k })), width: 130 },
      { kind: 'select', name: 'state', placeholder: t('contacts.col.state'), options: STATES.map((s) => ({ value: s, label: label('contacts.agreementState', s) })), width: 130 },
    ],
    [t, label, kinds],
  );
  const columns: ColumnsType<Agreement> = [
    { title: t('contacts.col.org'), dataIndex: 'orgName', key: 'org', width: 180 },
    {
      title: t('contacts.col.partner'),
      key: 'partner',
      width: 240,
      render: (_, a) => (
        <Space size={4} wrap>
          <Tag color={a.internal ? 'blue' : 'purple'}>{a.internal ? t('contacts.agreement.internal') : t('contacts.agreement.external')}</Tag>
          <span>{a.partner}</span>
        </Space>
      ),
    },
    { title: t('contacts.col.kind'), dataIndex: 'kind', key: 'kind', width: 90 },
    { title: t('contacts.col.signedOn'), dataIndex: 'signedOn', key: 'signed', width: 100 },
    {
      title: t('contacts.col.endsOn'),
      key: 'ends',
      width: 170,
      render: (_, a) => (
        <Space size={4}>
          <span>{a.endsOn}</span>
          <AgreementStateTag state={a.state} />
        </Space>
      ),
    },
    { title: t('contacts.col.renewals'), dataIndex: 'renewals', key: 'renewals', width: 60, align: 'right' },
    { title: t('contacts.col.activities', { year: (list.extra?.year as number | undefined) ?? today.year }), key: 'activities', width: 110, align: 'right', render: (_, a) => `${a.activitiesInYear} / ${a.activities}` },
    {
      title: t('common.actions'),
      key: 'open',
      width: 64,
      render: (_, a) => (
        <Button type="link" size="small" onClick={() => setOpen(a.id)} data-testid={`agreement-open-${a.id}`}>
          {t('contacts.agreement.open')}
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Collapse
        size="small"
        data-testid="activity-counts"
        items={[
          {
            key: 'counts',
            label: t('contacts.agreement.counts', { year: counts.data?.year ?? today.year }),
            children: (
              <Table
                size="small"
                rowKey="orgId"
                pagination={false}
                dataSource={counts.data?.items ?? []}
                columns={[
                  { title: t('contacts.col.org'), dataIndex: 'orgName', key: 'org' },
                  { title: t('contacts.col.agreements'), dataIndex: 'agreements', key: 'agreements', width: 100, align: 'right' },
                  { title: t('contacts.col.activityCount'), dataIndex: 'activities', key: 'activities', width: 100, align: 'right' },
                ]}
              />
            ),
          },
        ]}
      />
      <div>
        <ListToolbar
          list={list}
          filters={filters}
          exportable
          extra={
            office ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="agreement-new">
                {t('contacts.agreement.new')}
              </Button>
            ) : null
          }
        />
        <ServerTable<Agreement> list={list} columns={columns} rowKey="id" data-testid="agreements-table" />
      </div>
      {open !== null ? <AgreementDrawer id={open} onClose={() => setOpen(null)} onEdit={(d) => setEditing(d)} onChanged={reload} /> : null}
      {editing ? <AgreementModal agreement={editing === 'new' ? null : editing} kinds={kinds} onClose={() => setEditing(null)} onSaved={reload} /> : null}
    </Space>
  );
}

function AgreementDrawer({ id, onClose, onEdit, onChanged }: { id: number; onClose: () => void; onEdit: (d: Detail) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { data, reload } = useApiGet<Detail>(`/api/v1/contacts/agreements/${id}`);
  const [renewing, setRenewing] = useState(false);
  const [activity, setActivity] = useState<Activity | 'new' | null>(null);
  const changed = () => (reload(), onChanged());
  const run = async (what: () => Promise<unknown>, done: string, close = false) => {
    try {
      await what();
      void message.success(done);
      changed();
      if (close) onClose();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={data ? `${data.orgName} ⇄ ${data.partner}` : ''}
      extra={
        data?.canEdit ? (
          <Space wrap>
            <Popconfirm title={t('contacts.agreement.removeConfirm')} onConfirm={() => void run(() => api.delete(`/api/v1/contacts/agreements/${data.id}?version=${data.version}`), t('contacts.agreement.removed'), true)}>
              <Button danger>{t('contacts.remove')}</Button>
            </Popconfirm>
            <Button onClick={() => setRenewing(true)} data-testid="agreement-renew">
              {t('contacts.agreement.renew')}
            </Button>
            <Button icon={<EditOutlined />} onClick={() => onEdit(data)}>
              {t('common.edit')}
            </Button>
          </Space>
        ) : null
      }
    >
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="agreement-detail">
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('contacts.col.org')}>{data.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('contacts.col.partner')}>
              <Space size={4} wrap>
                <Tag color={data.internal ? 'blue' : 'purple'}>{data.internal ? t('contacts.agreement.internal') : t('contacts.agreement.external')}</Tag>
                {data.partner}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('contacts.col.kind')}>{data.kind}</Descriptions.Item>
            <Descriptions.Item label={t('contacts.col.term')}>
              <Space size={4} wrap>
                {t('contacts.agreement.term', { from: data.signedOn, to: data.endsOn })}
                <AgreementStateTag state={data.state} />
              </Space>
            </Descriptions.Item>
            {data.content ? <Descriptions.Item label={t('contacts.col.content')}>{data.content}</Descriptions.Item> : null}
          </Descriptions>
          {data.internal ? <Alert type="info" showIcon title={t('contacts.agreement.bothSides')} /> : null}
          <div>
            <Typography.Title level={5}>{t('contacts.agreement.renewals')}</Typography.Title>
            {data.renewalList.length === 0 ? (
              <Typography.Text type="secondary">{t('contacts.agreement.noRenewals')}</Typography.Text>
            ) : (
              <Timeline
                data-testid="agreement-renewals"
                items={data.renewalList.map((r) => ({ content: t('contacts.agreement.renewalLine', { on: r.renewedOn, from: r.previousEndsOn, to: r.endsOn, note: r.note ? `（${r.note}）` : '' }) }))}
              />
            )}
          </div>
          <div>
            <Flex justify="space-between" align="center">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('contacts.agreement.activities', { count: data.activityList.length })}
              </Typography.Title>
              {data.canEdit ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setActivity('new')} data-testid="activity-new">
                  {t('contacts.activity.new')}
                </Button>
              ) : null}
            </Flex>
            {data.activityList.length === 0 ? <Empty description={t('contacts.activity.none')} /> : null}
            <List
              size="small"
              dataSource={data.activityList}
              data-testid="agreement-activities"
              renderItem={(a) => (
                <List.Item
                  style={{ paddingInline: 0 }}
                  actions={
                    data.canEdit
                      ? [
                          <Button key="edit" type="link" size="small" onClick={() => setActivity(a)}>
                            {t('common.edit')}
                          </Button>,
                          <Popconfirm key="remove" title={t('contacts.activity.removeConfirm')} onConfirm={() => void run(() => api.delete(`/api/v1/contacts/agreements/${data.id}/activities/${a.id}?version=${a.version}`), t('contacts.activity.removed'))}>
                            <Button type="link" size="small" danger>
                              {t('contacts.remove')}
                            </Button>
                          </Popconfirm>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={`${a.heldOn} ${a.title}`}
                    description={
                      <Space orientation="vertical" size={0}>
                        <span>{[a.place, a.participants ? t('common.peopleCount', { count: a.participants }) : ''].filter(Boolean).join(' · ')}</span>
                        {a.summary ? <span>{a.summary}</span> : null}
                        {a.link ? <Tag color="geekblue">{t(a.link.kind === 'orglife' ? 'contacts.activity.linkOrglife' : 'contacts.activity.linkService', { org: a.link.orgName, date: a.link.heldOn, title: a.link.title })}</Tag> : null}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </div>
          {renewing ? <RenewModal agreement={data} onClose={() => setRenewing(false)} onSaved={changed} /> : null}
          {activity ? <ActivityModal agreement={data} activity={activity === 'new' ? null : activity} onClose={() => setActivity(null)} onSaved={changed} /> : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

interface AgreementForm {
  orgId: number;
  internal: boolean;
  partnerOrgId: number | null;
  partnerName: string;
  kind: string;
  signedOn: Dayjs;
  endsOn: Dayjs;
  content: string;
}

function AgreementModal({ agreement, kinds, onClose, onSaved }: { agreement: Detail | null; kinds: readonly string[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const [form] = Form.useForm<AgreementForm>();
  const internal = Form.useWatch('internal', form) ?? agreement?.internal ?? true;
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      orgId: v.orgId,
      partnerOrgId: v.internal ? v.partnerOrgId : null,
      partnerName: v.internal ? '' : (v.partnerName ?? ''),
      kind: v.kind,
      signedOn: v.signedOn.format('YYYY-MM-DD'),
      endsOn: v.endsOn.format('YYYY-MM-DD'),
      content: v.content ?? '',
    };
    await save(async () => {
      if (agreement) await api.put(`/api/v1/contacts/agreements/${agreement.id}`, { ...body, version: agreement.version });
      else await api.post('/api/v1/contacts/agreements', body);
    }, () => {
      onSaved();
      onClose();
    });
  };
  const initial: Partial<AgreementForm> = agreement
    ? { orgId: agreement.orgId, internal: agreement.internal, partnerOrgId: agreement.partnerOrgId, partnerName: agreement.partnerName, kind: agreement.kind, signedOn: dayjs(agreement.signedOn), endsOn: dayjs(agreement.endsOn), content: agreement.content }
    : { internal: true, signedOn: today.day, content: '' };
  const kindOptions = [...kinds, ...(agreement && !kinds.includes(agreement.kind) ? [agreement.kind] : [])];
  return (
    <Modal open title={agreement ? t('contacts.agreement.edit') : t('contacts.agreement.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} width={640} destroyOnHidden>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="orgId" label={t('contacts.col.org')} rules={[{ required: true }]}>
          <OrgTreeSelect data-testid="agreement-org" />
        </Form.Item>
        <Form.Item name="internal" label={t('contacts.col.partner')}>
          <Radio.Group
            options={[
              { value: true, label: t('contacts.agreement.internal') },
              { value: false, label: t('contacts.agreement.external') },
            ]}
          />
        </Form.Item>
        {internal ? (
          <Form.Item name="partnerOrgId" label={t('contacts.agreement.partnerOrg')} rules={[{ required: true }]}>
            <OrgTreeSelect data-testid="agreement-partner-org" />
          </Form.Item>
        ) : (
          <Form.Item name="partnerName" label={t('contacts.agreement.partnerName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} placeholder={t('contacts.agreement.partnerPlaceholder')} data-testid="agreement-partner-name" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('contacts.col.kind')} rules={[{ required: true }]}>
          <Select options={kindOptions.map((k) => ({ value: k, label: k }))} data-testid="agreement-kind" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="signedOn" label={t('contacts.col.signedOn')} rules={[{ required: true }]}>
            <DatePicker maxDate={today.day} />
          </Form.Item>
          <Form.Item name="endsOn" label={t('contacts.col.endsOn')} rules={[{ required: true }]} extra={agreement && agreement.renewals > 0 ? t('contacts.agreement.endsByRenewal') : null}>
            <DatePicker disabled={Boolean(agreement && agreement.renewals > 0)} />
          </Form.Item>
        </Flex>
        <Form.Item name="content" label={t('contacts.col.content')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenewModal({ agreement, onClose, onSaved }: { agreement: Detail; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const [form] = Form.useForm<{ renewedOn: Dayjs; endsOn: Dayjs; note: string }>();
  const { saving, problem, submit: save } = useFormSubmit(form, { savedText: t('contacts.agreement.renewed') });
  const submit = async () => {
    const v = await form.validateFields();
    await save(() => api.post(`/api/v1/contacts/agreements/${agreement.id}/renewals`, { version: agreement.version, renewedOn: v.renewedOn.format('YYYY-MM-DD'), endsOn: v.endsOn.format('YYYY-MM-DD'), note: v.note ?? '' }), () => {
      onSaved();
      onClose();
    });
  };
  const current = dayjs(agreement.endsOn);
  return (
    <Modal open title={t('contacts.agreement.renew')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('contacts.agreement.renew')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('contacts.agreement.renewHint', { ends: agreement.endsOn })}</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ renewedOn: today.day, endsOn: current.add(1, 'year'), note: '' }}>
        <Flex gap={12} wrap>
          <Form.Item name="renewedOn" label={t('contacts.agreement.renewedOn')} rules={[{ required: true }]}>
            <DatePicker maxDate={today.day} />
          </Form.Item>
          <Form.Item name="endsOn" label={t('contacts.agreement.newEnd')} rules={[{ required: true }]}>
            <DatePicker minDate={current.add(1, 'day')} />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('contacts.col.note')}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ActivityForm {
  heldOn: Dayjs;
  title: string;
  place: string;
  participants: number | null;
  summary: string;
  link: string | null;
}

function ActivityModal({ agreement, activity, onClose, onSaved }: { agreement: Detail; activity: Activity | null; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const today = useToday();
  const candidates = useApiGet<Candidates>(`/api/v1/contacts/agreements/${agreement.id}/link-candidates`);
  const [form] = Form.useForm<ActivityForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    const [kind, linkId] = (v.link ?? '').split(':');
    const body = {
      heldOn: v.heldOn.format('YYYY-MM-DD'),
      title: v.title,
      place: v.place ?? '',
      participants: v.participants ?? 0,
      summary: v.summary ?? '',
      orglifeRecordId: kind === 'orglife' ? Number(linkId) : null,
      serviceEventId: kind === 'service' ? Number(linkId) : null,
    };
    await save(async () => {
      if (activity) await api.put(`/api/v1/contacts/agreements/${agreement.id}/activities/${activity.id}`, { ...body, version: activity.version });
      else await api.post(`/api/v1/contacts/agreements/${agreement.id}/activities`, body);
    }, () => {
      onSaved();
      onClose();
    });
  };
  const last = dayjs(agreement.endsOn).isBefore(today.day) ? dayjs(agreement.endsOn) : today.day;
  const initial: Partial<ActivityForm> = activity
    ? { heldOn: dayjs(activity.heldOn), title: activity.title, place: activity.place, participants: activity.participants, summary: activity.summary, link: activity.link ? `${activity.link.kind}:${activity.link.id}` : null }
    : { heldOn: last, title: '', place: '', participants: null, summary: '', link: null };
  const options = [
    {
      label: t('contacts.activity.orglifeRecords'),
      options: (candidates.data?.records ?? []).map((r) => ({ value: `orglife:${r.id}`, label: `${r.heldOn} ${r.orgName} ${r.title || r.kinds.map((k) => label('orglife.kind', k)).join('、')}` })),
    },
    { label: t('contacts.activity.serviceEvents'), options: (candidates.data?.events ?? []).map((e) => ({ value: `service:${e.id}`, label: `${e.heldOn} ${e.orgName} ${e.title}` })) },
  ];
  return (
    <Modal open title={activity ? t('contacts.activity.edit') : t('contacts.activity.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} width={640} destroyOnHidden>
      {agreement.internal ? <Alert type="info" showIcon title={t('contacts.activity.onceHint')} style={{ marginBottom: 12 }} /> : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Flex gap={12} wrap>
          <Form.Item name="heldOn" label={t('contacts.col.heldOn')} rules={[{ required: true }]}>
            <DatePicker minDate={dayjs(agreement.signedOn)} maxDate={last} />
          </Form.Item>
          <Form.Item name="participants" label={t('contacts.col.participantsCount')}>
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('contacts.col.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="activity-title" />
        </Form.Item>
        <Form.Item name="place" label={t('contacts.col.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={t('contacts.col.summary')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="link" label={t('contacts.activity.link')} extra={t('contacts.activity.linkHelp')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={candidates.loading} options={options} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
