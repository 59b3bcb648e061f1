/**
 * Upward reports (上级临时要报的表, 最多报一次): the saved definitions with their last run; an
 * editor (title, requester, as-of date, org, columns, breakdown, filters) with a preview; a
 * definition's runs; a frozen run's breakdown whose numbers open the people behind them; 下年再报
 * (the definition a year later, run at once); Excel export. Writes only with statistics.write.
 */
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { EDUCATIONS, MEMBER_STATUSES, REPORT_DIMENSIONS, REPORT_FIELDS, TITLES, codeLabel } from '@hongyi/core';
import { Alert, App, Button, Checkbox, Col, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Radio, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { can } from '../../access';
import { api, downloadFile } from '../../api/client';
import type { ApiBody, ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { ServerTable, useServerList } from '../../components/ServerList';
import { useFormSubmit } from '../../components/useFormSubmit';
import { type MessageKey, isMessageKey, useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';

type DefinitionRow = ApiItem<'/api/v1/reports'>;
type Definition = ApiResult<'/api/v1/reports/{id}'>;
type Run = ApiResult<'/api/v1/reports/runs/{id}'>;
type RunSummary = ApiResult<'/api/v1/reports/{id}/runs'>[number];
type Result = ApiResult<'/api/v1/reports/preview', 'post'>;
type Cell = ApiResult<'/api/v1/reports/runs/{id}/cell'>;
type DefinitionBody = ApiBody<'/api/v1/reports', 'post'>;
type Field = (typeof REPORT_FIELDS)[number];

/** An instant (ISO) in the browser's time zone, to the minute. */
const instant = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** How a breakdown value or a person's value reads in the caller's language. */
function useValueLabel() {
  const { t, language } = useI18n();
  return (value: string | number | null | undefined, kind?: string): string => {
    if (value === null || value === undefined) return '';
    const text = String(value);
    if (kind === 'status' && isMessageKey(`memberStatus.${text}`)) return t(`memberStatus.${text}` as MessageKey);
    if (isMessageKey(`reportValue.${text}`)) return t(`reportValue.${text}` as MessageKey);
    if (language === 'zh-CN') return text;
    for (const list of ['education', 'title', 'jobCategory', 'ethnicity'] as const) {
      const label = codeLabel(list, text, language);
      if (label !== text) return label;
    }
    return text;
  };
}

export default function ReportsPage() {
  const { t } = useI18n();
  const me = useMe();
  const list = useServerList<DefinitionRow>({ url: '/api/v1/reports', filterKeys: [], defaultPageSize: 20 });
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<Definition | 'new' | null>(null);
  const [run, setRun] = useState<number | null>(null);
  const canWrite = can(me, 'statistics.write');
  const columns: ColumnsType<DefinitionRow> = [
    {
      key: 'title',
      title: t('reports.col.title'),
      render: (_, d) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpen(d.id)} data-testid="report-open">
          {d.title}
        </Button>
      ),
    },
    { key: 'requester', title: t('reports.col.requester'), dataIndex: 'requester', responsive: ['md'] },
    { key: 'asOf', title: t('reports.col.asOf'), dataIndex: 'asOf', width: 110 },
    { key: 'org', title: t('reports.col.org'), dataIndex: 'orgName', responsive: ['lg'] },
    {
      key: 'lastRun',
      title: t('reports.col.lastRun'),
      responsive: ['sm'],
      render: (_, d) =>
        d.lastRun ? (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setRun(d.lastRun!.id)}>
            {t('reports.lastRunText', { date: instant(d.lastRun.runAt).slice(0, 10), asOf: d.lastRun.asOf, n: d.lastRun.total })}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('reports.neverRun')}</Typography.Text>
        ),
    },
  ];
  return (
    <PageCard
      title={t('reports.title')}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-report">
            {t('reports.new')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('reports.intro')}</Typography.Paragraph>
      {list.rows.length === 0 && !list.loading ? <Empty description={t('reports.none')} /> : null}
      {list.rows.length > 0 ? <ServerTable list={list} columns={columns} rowKey="id" scrollX="100%" data-testid="reports" /> : null}
      {open !== null ? (
        <DefinitionDrawer
          id={open}
          onClose={() => setOpen(null)}
          onEdit={(d) => setEditing(d)}
          onOpenRun={setRun}
          onOpenDefinition={(id) => setOpen(id)}
          onChanged={list.reload}
        />
      ) : null}
      {editing ? <EditorModal definition={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(id) => (list.reload(), setOpen(id))} /> : null}
      {run !== null ? <RunDrawer id={run} onClose={() => setRun(null)} /> : null}
    </PageCard>
  );
}

function DefinitionDrawer({
  id,
  onClose,
  onEdit,
  onOpenRun,
  onOpenDefinition,
  onChanged,
}: {
  id: number;
  onClose: () => void;
  onEdit: (d: Definition) => void;
  onOpenRun: (id: number) => void;
  onOpenDefinition: (id: number) => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const label = useValueLabel();
  const { data, reload } = useApiGet<Definition>(`/api/v1/reports/${id}`);
  const runs = useApiGet<RunSummary[]>(`/api/v1/reports/${id}/runs`);
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const runNow = () =>
    act(async () => {
      const r = await api.post<{ id: number }>(`/api/v1/reports/${id}/runs`);
      void message.success(t('reports.runDone'));
      reload();
      runs.reload();
      onChanged();
      onOpenRun(r.id);
    });
  const nextYear = () =>
    act(async () => {
      const r = await api.post<{ definitionId: number; runId: number }>(`/api/v1/reports/${id}/next-year`);
      const next = await api.get<Definition>(`/api/v1/reports/${r.definitionId}`);
      void message.success(t('reports.nextYearDone', { title: next.title }));
      onChanged();
      onOpenDefinition(r.definitionId);
      onOpenRun(r.runId);
    });
  const remove = (d: Definition) =>
    act(async () => {
      await api.delete(`/api/v1/reports/${d.id}?version=${d.version}`);
      void message.success(t('reports.removed'));
      onChanged();
      onClose();
    });
  const nextAsOf = data ? dayjs(data.asOf).add(1, 'year').format('YYYY-MM-DD') : '';
  return (
    <Drawer open onClose={onClose} size="large" title={data?.title ?? ''} data-testid="report-drawer">
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {data.canEdit ? (
            <Flex wrap gap={8}>
              <Button type="primary" loading={busy} onClick={() => void runNow()} data-testid="report-run">
                {t('reports.run')}
              </Button>
              <Popconfirm title={t('reports.nextYearConfirm', { asOf: nextAsOf })} onConfirm={() => void nextYear()}>
                <Button loading={busy} data-testid="report-next-year">
                  {t('reports.nextYear')}
                </Button>
              </Popconfirm>
              <Button onClick={() => onEdit(data)} data-testid="report-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm title={t('reports.removeConfirm')} onConfirm={() => void remove(data)}>
                <Button danger>{t('reports.remove')}</Button>
              </Popconfirm>
            </Flex>
          ) : null}
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('reports.col.requester')}>{data.requester || t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('reports.col.asOf')}>{data.asOf}</Descriptions.Item>
            <Descriptions.Item label={t('reports.col.org')}>
              {data.orgName}（{data.includeSubtree ? t('reports.subtree') : t('reports.subtreeOnly')}）
            </Descriptions.Item>
            <Descriptions.Item label={t('reports.breakdownLabel')}>
              {[data.rowDimension, data.columnDimension].filter(Boolean).map((d) => t(`dimension.${d}` as MessageKey)).join(' × ') || t('reports.dimensionNone')}
            </Descriptions.Item>
            <Descriptions.Item label={t('reports.fields')}>{data.fields.map((f) => t(`field.${f}` as MessageKey)).join('、') || t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('reports.filters')}>{filterText(data.filters, t, label) || t('reports.filter.any')}</Descriptions.Item>
            {data.note ? <Descriptions.Item label={t('reports.col.note')}>{data.note}</Descriptions.Item> : null}
            {data.basedOnId ? <Descriptions.Item label={t('reports.basedOn')}>#{data.basedOnId}</Descriptions.Item> : null}
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('reports.runs')}
          </Typography.Title>
          <Table<RunSummary>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={runs.data ?? []}
            locale={{ emptyText: t('reports.runsNone') }}
            data-testid="report-runs"
            columns={[
              { key: 'asOf', title: t('reports.col.asOf'), dataIndex: 'asOf' },
              { key: 'total', title: t('reports.col.total'), dataIndex: 'total' },
              { key: 'runAt', title: t('reports.col.runAt'), render: (_, r) => `${instant(r.runAt)} ${r.runByName}`, responsive: ['sm'] },
              {
                key: 'open',
                title: '',
                render: (_, r) => (
                  <Button type="link" size="small" onClick={() => onOpenRun(r.id)} data-testid="run-open">
                    {t('reports.open')}
                  </Button>
                ),
              },
            ]}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

function filterText(f: Definition['filters'], t: (k: MessageKey, p?: Record<string, string | number>) => string, label: (v: string, kind?: string) => string): string {
  const parts: string[] = [];
  const listOf = (key: MessageKey, values: readonly string[], kind?: string) => {
    if (values.length > 0) parts.push(`${t(key)}：${values.map((v) => label(v, kind)).join('、')}`);
  };
  listOf('reports.filter.statuses', f.statuses, 'status');
  listOf('reports.filter.categories', f.categories.map((c) => (c === 'full' ? '正式党员' : '预备党员')));
  listOf('reports.filter.genders', f.genders.map((g) => (g === 'male' ? '男' : '女')));
  listOf('reports.filter.educations', f.educations);
  listOf('reports.filter.titles', f.titles);
  if (f.ageMin !== null) parts.push(`${t('reports.filter.ageMin')} ${f.ageMin}`);
  if (f.ageMax !== null) parts.push(`${t('reports.filter.ageMax')} ${f.ageMax}`);
  if (f.joinedFrom) parts.push(`${t('reports.filter.joinedFrom')} ${f.joinedFrom}`);
  if (f.joinedTo) parts.push(`${t('reports.filter.joinedTo')} ${f.joinedTo}`);
  if (f.minorityOnly) parts.push(t('reports.filter.minorityOnly'));
  return parts.join('；');
}

interface EditorForm {
  title: string;
  requester: string;
  asOf: Dayjs | null;
  orgId: number | undefined;
  includeSubtree: boolean;
  fields: Field[];
  rowDimension: string | null;
  columnDimension: string | null;
  note: string;
  filters: {
    statuses: string[];
    categories: string[];
    genders: string[];
    educations: string[];
    titles: string[];
    ageMin: number | null;
    ageMax: number | null;
    joinedFrom: Dayjs | null;
    joinedTo: Dayjs | null;
    minorityOnly: boolean;
  };
}

function EditorModal({ definition, onClose, onSaved }: { definition: Definition | null; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useI18n();
  const today = useToday();
  const errorText = useErrorText();
  const [form] = Form.useForm<EditorForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const [preview, setPreview] = useState<Result | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewProblem, setPreviewProblem] = useState<string | null>(null);
  const d = definition;
  const initial: EditorForm = {
    title: d?.title ?? '',
    requester: d?.requester ?? '',
    asOf: d ? dayjs(d.asOf) : dayjs(`${today.year - 1}-12-31`),
    orgId: d?.orgId,
    includeSubtree: d?.includeSubtree ?? true,
    fields: (d?.fields ?? ['name', 'gender', 'age', 'education', 'org']) as Field[],
    rowDimension: d?.rowDimension ?? null,
    columnDimension: d?.columnDimension ?? null,
    note: d?.note ?? '',
    filters: {
      statuses: d?.filters.statuses ?? ['active'],
      categories: d?.filters.categories ?? [],
      genders: d?.filters.genders ?? [],
      educations: d?.filters.educations ?? [],
      titles: d?.filters.titles ?? [],
      ageMin: d?.filters.ageMin ?? null,
      ageMax: d?.filters.ageMax ?? null,
      joinedFrom: d?.filters.joinedFrom ? dayjs(d.filters.joinedFrom) : null,
      joinedTo: d?.filters.joinedTo ? dayjs(d.filters.joinedTo) : null,
      minorityOnly: d?.filters.minorityOnly ?? false,
    },
  };
  const bodyOf = (v: EditorForm): DefinitionBody =>
    ({
      title: v.title,
      requester: v.requester ?? '',
      asOf: v.asOf ? v.asOf.format('YYYY-MM-DD') : '',
      orgId: v.orgId,
      includeSubtree: v.includeSubtree,
      subject: 'members',
      fields: v.fields ?? [],
      rowDimension: v.rowDimension ?? null,
      columnDimension: v.columnDimension ?? null,
      note: v.note ?? '',
      filters: {
        ...v.filters,
        ageMin: v.filters.ageMin ?? null,
        ageMax: v.filters.ageMax ?? null,
        joinedFrom: v.filters.joinedFrom ? v.filters.joinedFrom.format('YYYY-MM-DD') : null,
        joinedTo: v.filters.joinedTo ? v.filters.joinedTo.format('YYYY-MM-DD') : null,
      },
    }) as DefinitionBody;
  const runPreview = async () => {
    const v = await form.validateFields();
    setPreviewing(true);
    setPreviewProblem(null);
    try {
      setPreview(await api.post<Result>('/api/v1/reports/preview', bodyOf(v)));
    } catch (err) {
      setPreview(null);
      setPreviewProblem(errorText(err));
    } finally {
      setPreviewing(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    const body = bodyOf(v);
    let id = d?.id ?? 0;
    await save(
      async () => {
        if (d) await api.put(`/api/v1/reports/${d.id}`, { ...body, version: d.version });
        else id = (await api.post<{ id: number }>('/api/v1/reports', body)).id;
      },
      () => (onSaved(id), onClose()),
    );
  };
  const dimensionOptions = REPORT_DIMENSIONS.map((x) => ({ value: x, label: t(`dimension.${x}` as MessageKey) }));
  const fieldsChosen = Form.useWatch('fields', form) ?? initial.fields;
  return (
    <Modal
      open
      title={d ? t('reports.edit') : t('reports.new')}
      onCancel={onClose}
      width={960}
      footer={
        <Flex wrap gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={previewing} onClick={() => void runPreview()} data-testid="report-preview">
            {t('reports.preview')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="report-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('reports.col.title')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="report-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="requester" label={t('reports.col.requester')}>
              <Input maxLength={100} placeholder="市卫健委党委" data-testid="report-requester" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="asOf" label={t('reports.col.asOf')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} data-testid="report-as-of" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="orgId" label={t('reports.col.org')} rules={[{ required: true }]}>
              <OrgTreeSelect data-testid="report-org" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="includeSubtree" label=" ">
              <Radio.Group
                optionType="button"
                size="small"
                options={[
                  { value: true, label: t('reports.subtree') },
                  { value: false, label: t('reports.subtreeOnly') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="rowDimension" label={t('reports.rowDimension')}>
              <Select allowClear placeholder={t('reports.dimensionNone')} options={dimensionOptions} data-testid="report-row-dimension" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="columnDimension" label={t('reports.columnDimension')}>
              <Select allowClear placeholder={t('reports.dimensionNone')} options={dimensionOptions} data-testid="report-column-dimension" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="fields" label={t('reports.fields')} extra={t('reports.fieldsHelp')}>
          <Checkbox.Group data-testid="report-fields">
            <Row gutter={[8, 4]}>
              {REPORT_FIELDS.map((f) => (
                <Col key={f} xs={12} sm={8} md={6}>
                  <Checkbox value={f} data-testid={`report-field-${f}`}>
                    {t(`field.${f}` as MessageKey)}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Typography.Title level={5}>{t('reports.filters')}</Typography.Title>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name={['filters', 'statuses']} label={t('reports.filter.statuses')}>
              <Select mode="multiple" options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`memberStatus.${s}` as MessageKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['filters', 'categories']} label={t('reports.filter.categories')}>
              <Select mode="multiple" placeholder={t('reports.filter.any')} options={(['full', 'probationary'] as const).map((c) => ({ value: c, label: t(`memberCategory.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['filters', 'genders']} label={t('reports.filter.genders')}>
              <Select mode="multiple" placeholder={t('reports.filter.any')} options={(['male', 'female'] as const).map((g) => ({ value: g, label: t(`gender.${g}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['filters', 'educations']} label={t('reports.filter.educations')}>
              <Select mode="multiple" placeholder={t('reports.filter.any')} options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['filters', 'titles']} label={t('reports.filter.titles')}>
              <Select mode="multiple" placeholder={t('reports.filter.any')} options={TITLES.map((e) => ({ value: e, label: e }))} data-testid="report-titles" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['filters', 'ageMin']} label={t('reports.filter.ageMin')}>
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['filters', 'ageMax']} label={t('reports.filter.ageMax')}>
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['filters', 'joinedFrom']} label={t('reports.filter.joinedFrom')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['filters', 'joinedTo']} label={t('reports.filter.joinedTo')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={['filters', 'minorityOnly']} valuePropName="checked">
              <Checkbox>{t('reports.filter.minorityOnly')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('reports.col.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('reports.previewHint')}</Typography.Text>
      {previewProblem ? <Alert type="error" showIcon title={previewProblem} style={{ marginTop: 8 }} /> : null}
      {preview ? (
        <div data-testid="report-preview-result" style={{ marginTop: 8 }}>
          <Typography.Paragraph strong>{t('reports.previewTotal', { n: preview.total, asOf: preview.asOf })}</Typography.Paragraph>
          <ResultView result={preview} fields={fieldsChosen} />
        </div>
      ) : null}
    </Modal>
  );
}

type Breakdown = NonNullable<Result['breakdown']>;
type TableRow = { key: number; label: string; counts: number[]; total: number };

/** The breakdown as a table; with onCell, each number opens the people behind it. */
function BreakdownTable({ breakdown: b, onCell }: { breakdown: Breakdown; onCell?: (row: number, column: number) => void }) {
  const { t } = useI18n();
  const label = useValueLabel();
  const one = b.columnDimension === null;
  const number = (n: number, row: number, column: number) =>
    onCell && n > 0 && row >= 0 ? (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onCell(row, column)} data-testid={`cell-${row}-${column}`}>
        {n}
      </Button>
    ) : (
      n
    );
  const rows: TableRow[] = [...b.rows.map((r, i) => ({ key: i, label: label(r), counts: b.counts[i]!, total: b.rowTotals[i]! })), { key: -1, label: t('reports.total'), counts: b.columnTotals, total: b.total }];
  const columns: ColumnsType<TableRow> = [
    { key: 'label', title: t(`dimension.${b.rowDimension}` as MessageKey) + (b.columnDimension ? ` \\ ${t(`dimension.${b.columnDimension}` as MessageKey)}` : ''), dataIndex: 'label', fixed: 'left', width: 130 },
    ...(one ? [] : b.columns.map((c, j) => ({ key: `c${j}`, title: label(c), align: 'right' as const, render: (_: unknown, r: TableRow) => number(r.counts[j]!, r.key, j) }))),
    { key: 'total', title: one ? t('reports.count') : t('reports.total'), align: 'right', render: (_, r) => <strong>{number(r.total, r.key, one ? 0 : -1)}</strong> },
  ];
  return <Table<TableRow> size="small" bordered rowKey="key" pagination={false} columns={columns} dataSource={rows} scroll={{ x: 'max-content' }} data-testid="report-breakdown" />;
}

function PeopleTable({ rows, fields }: { rows: Result['rows']; fields: readonly string[] }) {
  const { t } = useI18n();
  const label = useValueLabel();
  const columns: ColumnsType<Result['rows'][number]> = [
    { key: 'seq', title: '#', width: 48, render: (_, _r, i) => i + 1 },
    ...fields.map((f) => ({ key: f, title: t(`field.${f}` as MessageKey), render: (_: unknown, r: Result['rows'][number]) => label(r[f], f) })),
  ];
  return <Table size="small" rowKey={(r) => String(r.memberId)} columns={columns} dataSource={rows} pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }} scroll={{ x: 'max-content' }} data-testid="report-people" />;
}

function ResultView({ result, fields, onCell }: { result: Result; fields: readonly string[]; onCell?: (row: number, column: number) => void }) {
  const { t } = useI18n();
  const items = [
    ...(result.breakdown ? [{ key: 'breakdown', label: t('reports.breakdown'), children: <BreakdownTable breakdown={result.breakdown} {...(onCell ? { onCell } : {})} /> }] : []),
    ...(fields.length > 0 ? [{ key: 'people', label: `${t('reports.people')}（${result.rows.length}）`, children: <PeopleTable rows={result.rows} fields={fields} /> }] : []),
  ];
  return <Tabs size="small" items={items} />;
}

function RunDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { data } = useApiGet<Run>(`/api/v1/reports/runs/${id}`);
  const [cell, setCell] = useState<{ row: number; column: number } | null>(null);
  const exportRun = () => void downloadFile(`/api/v1/reports/runs/${id}/export`, 'report.xlsx').catch((err: unknown) => void message.error(errorText(err)));
  return (
    <Drawer open onClose={onClose} size="large" title={data ? `${data.title}（${data.asOf}）` : ''} data-testid="run-drawer">
      {data ? (
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Flex wrap gap={8} justify="space-between" align="center">
            <Typography.Text type="secondary">{t('reports.frozen', { at: instant(data.runAt), by: data.runByName })}</Typography.Text>
            <Button icon={<FileExcelOutlined />} onClick={exportRun} data-testid="run-export">
              {t('reports.export')}
            </Button>
          </Flex>
          <Typography.Text>
            {data.definition.requester ? `${t('reports.col.requester')}：${data.definition.requester} · ` : ''}
            {t('reports.col.org')}：{data.definition.orgName} · {t('reports.previewTotal', { n: data.total, asOf: data.asOf })}
          </Typography.Text>
          {data.result.breakdown ? <Typography.Text type="secondary">{t('reports.cellHint')}</Typography.Text> : null}
          <ResultView result={data.result} fields={data.definition.fields} onCell={(row, column) => setCell({ row, column })} />
        </Space>
      ) : null}
      {cell ? <CellDrawer runId={id} row={cell.row} column={cell.column} onClose={() => setCell(null)} /> : null}
    </Drawer>
  );
}

function CellDrawer({ runId, row, column, onClose }: { runId: number; row: number; column: number; onClose: () => void }) {
  const { t } = useI18n();
  const label = useValueLabel();
  const [page, setPage] = useState({ current: 1, size: 50 });
  const { data, loading } = useApiGet<Cell>(`/api/v1/reports/runs/${runId}/cell?row=${row}&column=${column}&limit=${page.size}&offset=${(page.current - 1) * page.size}`);
  const fields = useMemo(() => ['name', 'gender', 'age', 'education', 'title', 'orgName', 'category', 'joinedOn', 'idNumber'] as const, []);
  const titleOf: Record<(typeof fields)[number], MessageKey> = {
    name: 'field.name',
    gender: 'field.gender',
    age: 'field.age',
    education: 'field.education',
    title: 'field.title',
    orgName: 'field.org',
    category: 'field.category',
    joinedOn: 'field.joinedOn',
    idNumber: 'field.idNumber',
  };
  return (
    <Drawer open onClose={onClose} size="default" title={data ? t('reports.cellTitle', { row: label(data.row), column: label(data.column), n: data.total }) : ''} data-testid="cell-drawer">
      {data ? (
        <Table
          size="small"
          rowKey="memberId"
          loading={loading}
          pagination={{ current: page.current, pageSize: page.size, total: data.total, hideOnSinglePage: true, showSizeChanger: false, onChange: (current, size) => setPage({ current, size }) }}
          dataSource={data.people}
          scroll={{ x: 'max-content' }}
          columns={fields.map((f) => ({ key: f, title: t(titleOf[f]), render: (_: unknown, p: Cell['people'][number]) => label(p[f]) }))}
        />
      ) : null}
    </Drawer>
  );
}
