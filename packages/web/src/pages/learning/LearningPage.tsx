/**
 * Learning, never scored: the materials a member may read (their branch's and the 党委's), the
 * 第一议题 library with which 党委会 opened with one, study series numbered issue by issue, and a
 * member's own notes. No points, no minutes, no rankings, no check-ins — the page shows what was
 * read and which meetings studied it, nothing about who read how much.
 */
import { BookOutlined, EditOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { LEARNING_KINDS_MAX } from '@hongyi/core';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, List, Modal, Pagination, Popconfirm, Progress, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../access';
import { api, toQueryString } from '../../api/client';
import type { ApiBody, ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { EditDeleteActions } from '../../components/EditDeleteActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { type FilterDef, ListToolbar, useServerList } from '../../components/ServerList';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';

type Material = ApiItem<'/api/v1/learning/materials'>;
type MaterialDetail = ApiResult<'/api/v1/learning/materials/{id}'>;
type Series = ApiResult<'/api/v1/learning/series'>[number];
type FirstTopics = ApiResult<'/api/v1/learning/first-topics'>;
type Notes = ApiResult<'/api/v1/learning/notes'>;
type Note = Notes['items'][number];
type Settings = ApiResult<'/api/v1/learning/settings'>;
type Study = MaterialDetail['studyList'][number];
const FILTERS = ['q', 'kind', 'seriesId', 'firstTopic', 'year'] as const;

export default function LearningPage() {
  const { t } = useI18n();
  const [params, set] = useUrlParams();
  const tab = params.get('tab') ?? 'materials';
  return (
    <PageCard title={t('learning.title')}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('learning.intro')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => set('tab', key)}
        destroyOnHidden
        items={[
          { key: 'materials', label: t('learning.tab.materials'), children: <MaterialsTab /> },
          { key: 'firstTopics', label: t('learning.tab.firstTopics'), children: <FirstTopicsTab /> },
          { key: 'series', label: t('learning.tab.series'), children: <SeriesTab /> },
          { key: 'notes', label: t('learning.tab.notes'), children: <NotesTab /> },
        ]}
      />
    </PageCard>
  );
}

/** "第 3 期" of a series, or nothing. */
function issueText(t: ReturnType<typeof useI18n>['t'], m: Pick<Material, 'seriesName' | 'issueNo'>) {
  return m.seriesName && m.issueNo ? t('learning.issueOf', { series: m.seriesName, n: m.issueNo }) : '';
}

function MaterialsTab() {
  const { t } = useI18n();
  const me = useMe();
  const list = useServerList<Material>({ url: '/api/v1/learning/materials', filterKeys: FILTERS, defaultPageSize: 20 });
  const settings = useApiGet<Settings>('/api/v1/learning/settings');
  const series = useApiGet<Series[]>('/api/v1/learning/series');
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<MaterialDetail | 'new' | null>(null);
  const [kindsOpen, setKindsOpen] = useState(false);
  const canWrite = can(me, 'learning.write');
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('learning.filter.q'), width: 200 },
      { kind: 'select', name: 'kind', placeholder: t('learning.filter.kind'), options: (settings.data?.kinds ?? []).map((k) => ({ value: k, label: k })), width: 130 },
      { kind: 'select', name: 'seriesId', placeholder: t('learning.filter.series'), options: (series.data ?? []).map((s) => ({ value: String(s.id), label: s.name })), width: 180 },
      { kind: 'select', name: 'firstTopic', placeholder: t('learning.filter.all'), options: [{ value: 'true', label: t('learning.filter.firstTopic') }], width: 130 },
    ],
    [t, settings.data, series.data],
  );
  return (
    <>
      <ListToolbar
        list={list}
        filters={filters}
        exportable
        extra={
          <Space>
            {can(me, 'settings.manage') && settings.data ? (
              <Button icon={<SettingOutlined />} onClick={() => setKindsOpen(true)} data-testid="learning-kinds">
                {t('learning.kinds')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-material">
                {t('learning.new')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {list.rows.length === 0 && !list.loading ? <Empty description={t('learning.none')} /> : null}
      <List
        data-testid="materials"
        dataSource={list.rows}
        loading={list.loading}
        renderItem={(m) => (
          <List.Item key={m.id} onClick={() => setOpen(m.id)} style={{ cursor: 'pointer' }} data-testid="material">
            <List.Item.Meta
              avatar={<BookOutlined style={{ fontSize: 20, color: '#c0392b' }} />}
              title={
                <Flex wrap gap={6} align="center">
                  <Typography.Text strong>{m.title}</Typography.Text>
                  {m.firstTopic ? <Tag color="red">{t('learning.firstTopic')}</Tag> : null}
                  <Tag>{m.kind}</Tag>
                  {m.seriesName ? <Tag color="blue">{issueText(t, m)}</Tag> : null}
                </Flex>
              }
              description={[m.publishedOn, m.orgName, m.source, m.studies > 0 ? t('learning.studiedTimes', { n: m.studies }) : ''].filter(Boolean).join(' · ')}
            />
          </List.Item>
        )}
      />
      {list.total > list.pageSize ? (
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Pagination current={list.page} pageSize={list.pageSize} total={list.total} onChange={list.setPaging} size="small" />
        </Flex>
      ) : null}
      {open !== null ? <MaterialDrawer id={open} onClose={() => setOpen(null)} onEdit={(m) => (setOpen(null), setEditing(m))} onChanged={list.reload} /> : null}
      {editing ? <MaterialModal material={editing === 'new' ? null : editing} kinds={settings.data?.kinds ?? []} series={series.data ?? []} onClose={() => setEditing(null)} onSaved={(id) => (list.reload(), series.reload(), setOpen(id))} /> : null}
      {kindsOpen && settings.data ? <KindsModal settings={settings.data} onClose={() => setKindsOpen(false)} onSaved={settings.reload} /> : null}
    </>
  );
}

/** Where a study took place, linked when the reader may open the meeting. */
function StudyLine({ s }: { s: Study }) {
  const { label } = useI18n();
  const what = s.kind === 'orglife' ? s.what.map((k) => label('orglife.kind', k)).join('、') : s.what.join('');
  const text = `${s.heldOn} ${s.where}${what ? ` · ${what}` : ''}`;
  if (!s.open) return <span>{text}</span>;
  return <Link to={s.kind === 'orglife' ? `/orglife/records/${s.recordId}` : `/decisions/meetings/${s.recordId}`}>{text}</Link>;
}

function MaterialDrawer({ id, onClose, onEdit, onChanged }: { id: number; onClose: () => void; onEdit: (m: MaterialDetail) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const { data, reload } = useApiGet<MaterialDetail>(`/api/v1/learning/materials/${id}`);
  const remove = async (m: MaterialDetail) => {
    try {
      await api.delete(`/api/v1/learning/materials/${m.id}?version=${m.version}`);
      void message.success(t('learning.removed'));
      onChanged();
      onClose();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const unlink = async (studyId: number) => {
    try {
      await api.delete(`/api/v1/learning/materials/${id}/studies/${studyId}`);
      reload();
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const hidden = data ? data.studies - data.studyList.length : 0;
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={data?.title ?? ''}
      extra={data ? <EditDeleteActions show={data.canEdit} confirm={t('learning.removeConfirm')} deleteText={t('learning.delete')} onDelete={() => void remove(data)} onEdit={() => onEdit(data)} editTestId="edit-material" /> : null}
    >
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="material-detail">
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('learning.col.kind')}>
              <Space>
                {data.kind}
                {data.firstTopic ? <Tag color="red">{t('learning.firstTopic')}</Tag> : null}
              </Space>
            </Descriptions.Item>
            {data.seriesName ? <Descriptions.Item label={t('learning.col.series')}>{issueText(t, data)}</Descriptions.Item> : null}
            <Descriptions.Item label={t('learning.col.publishedOn')}>{data.publishedOn}</Descriptions.Item>
            <Descriptions.Item label={t('learning.col.org')}>{data.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('learning.col.source')}>{data.source || t('common.none')}</Descriptions.Item>
            {data.url ? (
              <Descriptions.Item label={t('learning.col.url')}>
                <a href={data.url} target="_blank" rel="noopener noreferrer">
                  {data.url}
                </a>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {data.summary ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.summary}</Typography.Paragraph> : null}
          <Card size="small" title={t('learning.studiedAt', { n: data.studies })} data-testid="material-studies">
            {data.studyList.length === 0 && hidden === 0 ? <Typography.Text type="secondary">{t('learning.notStudied')}</Typography.Text> : null}
            <List
              size="small"
              dataSource={data.studyList}
              renderItem={(s) => (
                <List.Item
                  key={s.id}
                  data-testid="study"
                  extra={
                    can(me, 'learning.write') ? (
                      <Popconfirm title={t('learning.unlinkConfirm')} onConfirm={() => void unlink(s.id)}>
                        <Button size="small" type="link" danger>
                          {t('learning.unlink')}
                        </Button>
                      </Popconfirm>
                    ) : null
                  }
                >
                  <StudyLine s={s} />
                </List.Item>
              )}
            />
            {hidden > 0 ? <Typography.Text type="secondary">{t('learning.studiesElsewhere', { n: hidden })}</Typography.Text> : null}
          </Card>
          <LinkMeeting materialId={data.id} onLinked={() => (reload(), onChanged())} />
        </Space>
      ) : null}
    </Drawer>
  );
}

/** Record that a meeting studied the material: a branch meeting the writer may read, or a 党委会 / 院长办公会. */
function LinkMeeting({ materialId, onLinked }: { materialId: number; onLinked: () => void }) {
  const { t, label } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [source, setSource] = useState<'orglife' | 'decision'>(can(me, 'orglife.read') ? 'orglife' : 'decision');
  const [picked, setPicked] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const records = useApiGet<{ items: Array<{ id: number; heldOn: string; orgName: string; kinds: string[]; topic: string }> }>(
    can(me, 'learning.write') && can(me, 'orglife.read') && source === 'orglife' ? `/api/v1/orglife/records${toQueryString({ pageSize: 50, q: q || undefined })}` : null,
  );
  const meetings = useApiGet<{ items: Array<{ id: number; heldOn: string; bodyName: string; number: string }> }>(
    can(me, 'learning.write') && can(me, 'decisions.read') && source === 'decision' ? '/api/v1/decisions/meetings?pageSize=50' : null,
  );
  if (!can(me, 'learning.write')) return null;
  const options =
    source === 'orglife'
      ? (records.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.heldOn} ${r.orgName} · ${r.kinds.map((k) => label('orglife.kind', k)).join('、')}${r.topic ? ` · ${r.topic}` : ''}` }))
      : (meetings.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.heldOn} ${m.bodyName} ${m.number}` }));
  const link = async () => {
    if (picked === null) return;
    try {
      await api.post(`/api/v1/learning/materials/${materialId}/studies`, source === 'orglife' ? { orglifeRecordId: picked } : { decisionMeetingId: picked });
      void message.success(t('learning.linked'));
      setPicked(null);
      onLinked();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const sources = [can(me, 'orglife.read') ? { value: 'orglife', label: t('learning.source.orglife') } : null, can(me, 'decisions.read') ? { value: 'decision', label: t('learning.source.decision') } : null].filter((x) => x !== null);
  if (sources.length === 0) return null;
  return (
    <Card size="small" title={t('learning.link')}>
      <Flex wrap gap={8}>
        <Select value={source} onChange={(v) => (setSource(v), setPicked(null))} options={sources} style={{ width: 140 }} data-testid="study-source" />
        <Select
          value={picked}
          onChange={setPicked}
          showSearch={{ filterOption: false, onSearch: setQ }}
          options={options}
          placeholder={t('learning.pickMeeting')}
          style={{ flex: 1, minWidth: 240 }}
          loading={records.loading || meetings.loading}
          data-testid="study-meeting"
        />
        <Button type="primary" disabled={picked === null} onClick={() => void link()} data-testid="study-link">
          {t('learning.linkButton')}
        </Button>
      </Flex>
    </Card>
  );
}

/** The material as the form holds it: the API's body, with the publication date as a day. */
type MaterialForm = Omit<ApiBody<'/api/v1/learning/materials', 'post'>, 'publishedOn'> & { publishedOn: Dayjs };

function MaterialModal({ material, kinds, series, onClose, onSaved }: { material: MaterialDetail | null; kinds: readonly string[]; series: readonly Series[]; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useI18n();
  const today = useToday();
  const [form] = Form.useForm<MaterialForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const kindOptions = [...kinds, ...(material && !kinds.includes(material.kind) ? [material.kind] : [])];
  const initial: Partial<MaterialForm> = {
    orgId: material?.orgId,
    kind: material?.kind ?? kinds[0],
    title: material?.title ?? '',
    source: material?.source ?? '',
    url: material?.url ?? '',
    summary: material?.summary ?? '',
    publishedOn: material ? dayjs(material.publishedOn) : today.day,
    firstTopic: material?.firstTopic ?? false,
    seriesId: material?.seriesId ?? null,
  };
  const submit = async () => {
    const v = await form.validateFields();
    const body = { orgId: v.orgId, kind: v.kind, title: v.title, source: v.source ?? '', url: v.url ?? '', summary: v.summary ?? '', publishedOn: v.publishedOn.format('YYYY-MM-DD'), firstTopic: Boolean(v.firstTopic), seriesId: v.seriesId ?? null };
    let id = material?.id ?? 0;
    await save(
      async () => {
        if (material) await api.put(`/api/v1/learning/materials/${material.id}`, { ...body, version: material.version });
        else id = (await api.post<{ id: number; issueNo: number | null }>('/api/v1/learning/materials', body)).id;
      },
      () => (onSaved(id), onClose()),
    );
  };
  return (
    <Modal open title={material ? t('learning.edit') : t('learning.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} width={640}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="orgId" label={t('learning.col.org')} rules={[{ required: true }]}>
          <OrgTreeSelect data-testid="material-org" />
        </Form.Item>
        <Form.Item name="title" label={t('learning.col.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="material-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('learning.col.kind')} rules={[{ required: true }]}>
            <Select options={kindOptions.map((k) => ({ value: k, label: k }))} style={{ width: 150 }} data-testid="material-kind" />
          </Form.Item>
          <Form.Item name="publishedOn" label={t('learning.col.publishedOn')} rules={[{ required: true }]}>
            <DatePicker maxDate={today.day} allowClear={false} />
          </Form.Item>
          <Form.Item name="firstTopic" label={t('learning.firstTopic')} valuePropName="checked" tooltip={t('learning.firstTopicHelp')}>
            <Switch data-testid="material-first-topic" />
          </Form.Item>
        </Space>
        <Form.Item name="seriesId" label={t('learning.col.series')} extra={material ? undefined : t('learning.seriesHelp')}>
          <Select allowClear options={series.map((s) => ({ value: s.id, label: `${s.name}（${s.orgName}）` }))} data-testid="material-series" />
        </Form.Item>
        <Form.Item name="source" label={t('learning.col.source')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="url" label={t('learning.col.url')}>
          <Input maxLength={500} placeholder="https://" />
        </Form.Item>
        <Form.Item name="summary" label={t('learning.col.summary')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function KindsModal({ settings, onClose, onSaved }: { settings: Settings; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [kinds, setKinds] = useState<string[]>(settings.kinds);
  const { problem, submit } = useFormSubmit(null);
  const save = () => submit(() => api.put('/api/v1/learning/settings', { kinds, version: settings.version }), () => (onSaved(), onClose()));
  return (
    <Modal open title={t('learning.kinds')} onCancel={onClose} onOk={() => void save()} okText={t('common.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('learning.kindsHelp', { max: LEARNING_KINDS_MAX })}</Typography.Paragraph>
      <Select mode="tags" value={kinds} onChange={(v: string[]) => setKinds(v.map((s) => s.trim()).filter(Boolean))} style={{ width: '100%' }} open={false} data-testid="learning-kind-items" />
    </Modal>
  );
}

function FirstTopicsTab() {
  const { t } = useI18n();
  const me = useMe();
  const today = useToday();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const year = Number(params.get('year') ?? today.year);
  const { data, error } = useApiGet<FirstTopics>(`/api/v1/learning/first-topics?year=${year}`);
  const years = Array.from({ length: 5 }, (_, i) => today.year - i);
  const missing = new Set(data?.coverage.missing.map((m) => m.meetingId) ?? []);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex wrap gap={24} align="center">
        <Select value={year} onChange={(v) => set('year', v)} options={years.map((y) => ({ value: y, label: t('learning.year', { year: y }) }))} style={{ width: 110 }} data-testid="first-topics-year" />
        {data ? (
          <>
            <Statistic title={t('learning.ft.meetings')} value={data.coverage.meetings} />
            <Statistic title={t('learning.ft.covered')} value={data.coverage.covered} data-testid="first-topics-covered" />
            <Statistic title={t('learning.ft.topics')} value={data.topics.length} />
          </>
        ) : null}
      </Flex>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {data && data.coverage.missing.length > 0 ? <Alert type="warning" showIcon title={t('learning.ft.missing', { dates: data.coverage.missing.map((m) => m.heldOn).join('、') })} data-testid="first-topics-missing" /> : null}
      <Card size="small" title={t('learning.ft.meetingsTitle')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={data?.meetings ?? []}
          data-testid="first-topic-meetings"
          columns={[
            {
              title: t('learning.ft.heldOn'),
              dataIndex: 'heldOn',
              width: 110,
              render: (v: string, m: FirstTopics['meetings'][number]) => (can(me, 'decisions.read') ? <Link to={`/decisions/meetings/${m.id}`}>{v}</Link> : v),
            },
            { title: t('learning.ft.number'), dataIndex: 'number', width: 130 },
            {
              title: t('learning.ft.topic'),
              render: (_: unknown, m: FirstTopics['meetings'][number]) =>
                missing.has(m.id) ? (
                  <Tag color="orange">{t('learning.ft.none')}</Tag>
                ) : m.studied.length > 0 ? (
                  m.studied.join('；')
                ) : (
                  <Space>
                    {m.written}
                    <Tag>{t('learning.ft.written')}</Tag>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('learning.ft.library')}>
        <List
          dataSource={data?.topics ?? []}
          locale={{ emptyText: t('learning.none') }}
          data-testid="first-topic-library"
          renderItem={(m) => {
            const committee = m.studyList.filter((s) => s.kind === 'decision').length;
            return (
              <List.Item key={m.id}>
                <List.Item.Meta
                  title={m.title}
                  description={[m.publishedOn, m.source, t('learning.ft.studies', { committee, branches: m.studyList.length - committee })].filter(Boolean).join(' · ')}
                />
              </List.Item>
            );
          }}
        />
      </Card>
    </Space>
  );
}

function SeriesTab() {
  const { t } = useI18n();
  const me = useMe();
  const [, set] = useUrlParams();
  const { data, reload } = useApiGet<Series[]>('/api/v1/learning/series');
  const [editing, setEditing] = useState<Series | 'new' | null>(null);
  return (
    <>
      {can(me, 'learning.write') ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-series">
            {t('learning.series.new')}
          </Button>
        </Flex>
      ) : null}
      {data && data.length === 0 ? <Empty description={t('learning.series.none')} /> : null}
      <Row gutter={[12, 12]} data-testid="series-list">
        {(data ?? []).map((s) => (
          <Col key={s.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={s.name}
              data-testid="series-card"
              extra={can(me, 'learning.write') ? <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={t('common.edit')} /> : null}
              actions={[
                <Button key="open" type="link" size="small" onClick={() => (set('seriesId', s.id), set('tab', 'materials'))}>
                  {t('learning.series.open')}
                </Button>,
              ]}
            >
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text type="secondary">{s.orgName}</Typography.Text>
                {s.plannedIssues ? <Progress percent={Math.round((100 * s.issues) / s.plannedIssues)} format={() => t('learning.series.progress', { n: s.issues, planned: s.plannedIssues ?? 0 })} size="small" /> : <Typography.Text>{t('learning.series.issues', { n: s.issues })}</Typography.Text>}
                {s.description ? <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{s.description}</Typography.Paragraph> : null}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {editing ? <SeriesModal series={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={reload} /> : null}
    </>
  );
}

function SeriesModal({ series, onClose, onSaved }: { series: Series | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ orgId: number; name: string; description: string; plannedIssues: number | null }>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    const body = { name: v.name, description: v.description ?? '', plannedIssues: v.plannedIssues ?? null };
    await save(
      () => (series ? api.put(`/api/v1/learning/series/${series.id}`, { ...body, version: series.version }) : api.post('/api/v1/learning/series', { ...body, orgId: v.orgId })),
      () => (onSaved(), onClose()),
    );
  };
  return (
    <Modal open title={series ? t('learning.series.edit') : t('learning.series.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ orgId: series?.orgId, name: series?.name ?? '', description: series?.description ?? '', plannedIssues: series?.plannedIssues ?? null }}>
        {series ? null : (
          <Form.Item name="orgId" label={t('learning.col.org')} rules={[{ required: true }]}>
            <OrgTreeSelect data-testid="series-org" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('learning.series.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder={t('learning.series.namePlaceholder')} data-testid="series-name" />
        </Form.Item>
        <Form.Item name="plannedIssues" label={t('learning.series.planned')}>
          <InputNumber min={1} max={1000} precision={0} style={{ width: 140 }} data-testid="series-planned" />
        </Form.Item>
        <Form.Item name="description" label={t('learning.series.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NotesTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const { data, reload } = useApiGet<Notes>(`/api/v1/learning/notes?page=${page}&pageSize=20`);
  const [editing, setEditing] = useState<Note | 'new' | null>(null);
  if (data && !data.linked) return <Alert type="info" showIcon title={t('learning.notes.unlinked')} />;
  const remove = async (n: Note) => {
    try {
      await api.delete(`/api/v1/learning/notes/${n.id}?version=${n.version}`);
      reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('learning.notes.private')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-note">
          {t('learning.notes.new')}
        </Button>
      </Flex>
      <List
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('learning.notes.none') }}
        data-testid="notes"
        renderItem={(n) => (
          <List.Item
            key={n.id}
            data-testid="note"
            actions={[
              <Button key="edit" type="link" size="small" onClick={() => setEditing(n)}>
                {t('common.edit')}
              </Button>,
              <Popconfirm key="del" title={t('learning.notes.removeConfirm')} onConfirm={() => void remove(n)}>
                <Button type="link" size="small" danger>
                  {t('learning.delete')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta title={[n.notedOn, n.materialTitle].filter(Boolean).join(' · ')} description={<span style={{ whiteSpace: 'pre-wrap' }}>{n.content}</span>} />
          </List.Item>
        )}
      />
      {data && data.total > 20 ? (
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Pagination current={page} pageSize={20} total={data.total} onChange={setPage} size="small" />
        </Flex>
      ) : null}
      {editing ? <NoteModal note={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={reload} /> : null}
    </>
  );
}

function NoteModal({ note, onClose, onSaved }: { note: Note | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const [q, setQ] = useState('');
  const materials = useApiGet<{ items: Material[] }>(`/api/v1/learning/materials${toQueryString({ pageSize: 30, q: q || undefined })}`);
  const [form] = Form.useForm<{ notedOn: Dayjs; materialId: number | null; content: string }>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    const body = { notedOn: v.notedOn.format('YYYY-MM-DD'), materialId: v.materialId ?? null, content: v.content };
    await save(
      () => (note ? api.put(`/api/v1/learning/notes/${note.id}`, { ...body, version: note.version }) : api.post('/api/v1/learning/notes', body)),
      () => (onSaved(), onClose()),
    );
  };
  const options = [
    ...(note?.materialId && note.materialTitle ? [{ value: note.materialId, label: note.materialTitle }] : []),
    ...(materials.data?.items ?? []).filter((m) => m.id !== note?.materialId).map((m) => ({ value: m.id, label: m.title })),
  ];
  return (
    <Modal open title={note ? t('learning.notes.edit') : t('learning.notes.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ notedOn: note ? dayjs(note.notedOn) : today.day, materialId: note?.materialId ?? null, content: note?.content ?? '' }}>
        <Form.Item name="notedOn" label={t('learning.notes.date')} rules={[{ required: true }]}>
          <DatePicker maxDate={today.day} allowClear={false} />
        </Form.Item>
        <Form.Item name="materialId" label={t('learning.notes.material')}>
          <Select allowClear showSearch={{ filterOption: false, onSearch: setQ }} options={options} data-testid="note-material" />
        </Form.Item>
        <Form.Item name="content" label={t('learning.notes.content')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 4, maxRows: 10 }} data-testid="note-content" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
