import { DEVELOPMENT_STAGES, DEVELOPMENT_STATUSES } from '@hongyi/core';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography, Upload, message } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, downloadFile, uploadFile } from '../../api/client';
import type { ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { CHART_COLORS, EChart } from '../../components/EChart';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { NewButton } from '../../components/NewButton';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { can } from '../../access';
import { DatePicker } from '../../components/DatePicker';
import { FilePersonFields } from './FileExtras';

echarts.use([BarChart, GridComponent]);

// Shapes from the API contract (generated from the server's OpenAPI document).
export type FileSummary = ApiItem<'/api/v1/development/files'>;
type Board = ApiResult<'/api/v1/development/board'>;
type DueList = ApiResult<'/api/v1/development/due'>;
type Settings = ApiResult<'/api/v1/development/settings'>;

export const STATUS_COLORS: Record<string, string> = { applicant: 'default', activist: 'blue', candidate: 'purple', probationary: 'orange', full: 'red', disqualified: 'default' };

function BoardTab() {
  const { t } = useI18n();
  const [orgId, setOrgId] = useState<number | undefined>();
  const board = useApiGet<Board>(`/api/v1/development/board${orgId ? `?orgId=${orgId}` : ''}`);
  // One centred band per stage, its width proportional to how many stand at the stage now (the
  // number it shows, as the table does): an invisible bar of half the remaining width centres
  // each one. The tooltip adds how many have reached the stage (at it or beyond).
  const option = useMemo(() => {
    const current = board.data?.stages ?? [];
    const reached = current.map((_, i) => current.slice(i).reduce((a, b) => a + b, 0));
    // Room on each side of the widest band for the label beside it.
    const span = Math.max(1, ...current) * 1.8;
    const names = current.map((_, i) => t(`development.stage.${i + 1}` as MessageKey));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number; seriesIndex: number }) =>
          p.seriesIndex === 1 ? t('development.funnelTooltip', { stage: names[p.dataIndex] ?? '', current: current[p.dataIndex] ?? 0, reached: reached[p.dataIndex] ?? 0 }) : '',
      },
      grid: { left: 8, right: 8, top: 8, bottom: 8 },
      xAxis: { type: 'value', show: false, max: span },
      yAxis: { type: 'category', show: false, inverse: true, data: names },
      series: [
        { type: 'bar', stack: 'funnel', silent: true, itemStyle: { color: 'transparent' }, data: current.map((n) => (span - n) / 2) },
        {
          type: 'bar',
          stack: 'funnel',
          barCategoryGap: '14%',
          data: current.map((n, i) => ({ value: n, itemStyle: { color: CHART_COLORS[i % CHART_COLORS.length] } })),
          label: {
            show: true,
            // Beside the band: a stage with few people has a narrow band, its name still reads.
            position: 'right',
            color: '#262626',
            formatter: (p: { dataIndex: number }) => t('development.funnelLabel', { stage: names[p.dataIndex] ?? '', count: current[p.dataIndex] ?? 0 }),
          },
        },
      ],
    };
  }, [board.data, t]);
  const stageName = (i: number) => t(`development.stage.${i + 1}` as MessageKey);
  const columns: ColumnsType<Board['branches'][number]> = [
    { key: 'name', dataIndex: 'name', title: t('development.branch'), render: (v: string, r) => <Link to={`/development?tab=files&orgId=${r.id}`}>{v}</Link> },
    ...DEVELOPMENT_STAGES.map((_, i) => ({ key: `s${i}`, title: stageName(i), align: 'right' as const, render: (_: unknown, r: Board['branches'][number]) => r.stages[i] || '' })),
    { key: 'total', dataIndex: 'total', title: t('development.total'), align: 'right' },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <OrgTreeSelect value={orgId} onChange={(v) => setOrgId(v ?? undefined)} style={{ width: 320 }} allowClear placeholder={t('development.orgId')} />
      <div data-testid="development-funnel">
        <EChart option={option} height={280} ariaLabel={t('development.funnel')} />
      </div>
      <Table rowKey="id" size="small" columns={columns} dataSource={board.data?.branches ?? []} loading={board.loading} pagination={{ pageSize: 20 }} />
    </Space>
  );
}

function FilesTab() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useServerList<FileSummary>({ url: '/api/v1/development/files', filterKeys: ['q', 'orgId', 'status', 'stage'] as const });
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('development.searchPlaceholder') },
      { kind: 'org', name: 'orgId', placeholder: t('development.orgId') },
      {
        kind: 'select',
        name: 'status',
        placeholder: t('development.col.status'),
        options: DEVELOPMENT_STATUSES.map((s) => ({ value: s, label: t(`development.status.${s}` as MessageKey) })),
      },
      { kind: 'select', name: 'stage', placeholder: t('development.funnel'), options: DEVELOPMENT_STAGES.map((s) => ({ value: String(s), label: t(`development.stage.${s}` as MessageKey) })) },
    ],
    [t],
  );
  const columns: ColumnsType<FileSummary> = [
    { key: 'name', dataIndex: 'name', title: t('development.col.name'), render: (v: string, r) => <Link to={`/development/files/${r.id}`}>{v}</Link> },
    { key: 'status', dataIndex: 'status', title: t('development.col.status'), render: (v: string) => <Tag color={STATUS_COLORS[v]}>{t(`development.status.${v}` as MessageKey)}</Tag> },
    { key: 'step', dataIndex: 'lastStep', title: t('development.col.step'), render: (v: number) => (v ? `${v}. ${t(`development.step.${v}` as MessageKey)}` : '') },
    { key: 'org', dataIndex: 'orgName', title: t('development.col.org') },
    { key: 'idNumber', dataIndex: 'idNumber', title: t('development.idNumber') },
  ];
  return (
    <>
      <ListToolbar
        list={list}
        filters={filters}
        exportable
        extra={
          <NewButton permission="development.write" onClick={() => setCreating(true)} testId="development-new">
            {t('development.new')}
          </NewButton>
        }
      />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="development-table" />
      <NewFileModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/development/files/${id}`)} />
    </>
  );
}

function NewFileModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const file = await api.post<{ id: number }>('/api/v1/development/files', { ...v, appliedOn: v.appliedOn.format('YYYY-MM-DD') });
      onCreated(file.id);
    } catch (err) {
      setError(err instanceof ApiError ? [err.message, ...(err.details ?? []).map((d) => d.message)].join('；') : errorText(err));
    }
  };
  return (
    <Modal open={open} title={t('development.new')} onCancel={onClose} onOk={submit} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <FilePersonFields>
          <Form.Item name="appliedOn" label={t('development.appliedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </FilePersonFields>
      </Form>
    </Modal>
  );
}

function DueTab() {
  const { t } = useI18n();
  // Paged on the server (a large unit has thousands of deadlines), by date, overdue first.
  const due = useServerList<DueList['items'][number]>({ url: '/api/v1/development/due', filterKeys: [], defaultPageSize: 20 });
  const overdue = typeof due.extra?.overdue === 'number' ? due.extra.overdue : null;
  const columns: ColumnsType<DueList['items'][number]> = [
    { key: 'date', dataIndex: 'date', title: t('development.col.date'), render: (v: string, r) => (r.overdue ? <Tag color="red">{`${v} ${t('development.overdue')}`}</Tag> : v) },
    { key: 'label', dataIndex: 'label', title: t('development.col.due') },
    { key: 'name', dataIndex: 'name', title: t('development.col.name'), render: (v: string, r) => <Link to={`/development/files/${r.fileId}`}>{v}</Link> },
    { key: 'org', dataIndex: 'orgName', title: t('development.col.org') },
  ];
  return (
    <>
      {overdue !== null && due.total > 0 ? (
        <Typography.Paragraph type="secondary" data-testid="development-due-summary">
          {t('development.dueSummary', { total: due.total, overdue })}
        </Typography.Paragraph>
      ) : null}
      <Table
        rowKey={(r) => `${r.fileId}-${r.kind}`}
        size="small"
        columns={columns}
        dataSource={due.rows}
        loading={due.loading}
        locale={{ emptyText: t('development.noDue') }}
        scroll={{ x: 'max-content' }}
        onChange={(p) => due.setPaging(p.current ?? 1, p.pageSize ?? due.pageSize)}
        pagination={{ current: due.page, pageSize: due.pageSize, total: due.total, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        data-testid="development-due"
      />
    </>
  );
}

function ImportTab() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ dryRun: boolean; created: number; entries: number; warnings: Array<{ row: number; name: string; message: string }> } | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const run = async (dryRun: boolean) => {
    setError(null);
    try {
      if (!file) return;
      setResult(await uploadFile('/api/v1/development/import', file, file.name, { fields: { dryRun } }));
      if (!dryRun) message.success(t('development.saved'));
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError ? [err.message, ...(err.details ?? []).map((d) => d.message)] : [errorText(err)]);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="development-import">
      <Alert type="info" showIcon title={t('development.import.hint')} />
      <Space>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/api/v1/development/import/template')}>
          {t('development.import.template')}
        </Button>
        <Upload
          accept=".xlsx,.xls"
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setResult(null);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('development.import.choose')}</Button>
        </Upload>
        <Button disabled={!file} onClick={() => void run(true)} data-testid="development-import-preview">
          {t('development.import.preview')}
        </Button>
        <Button type="primary" disabled={!file || !result?.dryRun} onClick={() => void run(false)} data-testid="development-import-commit">
          {t('development.import.commit')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error[0]} description={<ul>{error.slice(1).map((e) => <li key={e}>{e}</li>)}</ul>} data-testid="development-import-error" />}
      {result && (
        <>
          <Alert type={result.warnings.length ? 'warning' : 'success'} showIcon data-testid="development-import-result" title={t('development.import.result', { created: result.created, entries: result.entries, warnings: result.warnings.length })} />
          {result.warnings.length > 0 ? <Table rowKey={(r) => `${r.row}-${r.message}`} size="small" dataSource={result.warnings} columns={[{ dataIndex: 'row', title: '#' }, { dataIndex: 'name', title: t('development.col.name') }, { dataIndex: 'message', title: t('development.warning') }]} /> : null}
        </>
      )}
    </Space>
  );
}

/** The unit's 公示 length before admission (the 细则 sets none; 5 working days by default). */
function SettingsTab() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const settings = useApiGet<Settings>('/api/v1/development/settings');
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  if (!settings.data) return null;
  const save = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await api.put('/api/v1/development/settings', { version: settings.data!.version, publicNotice: { days: v.days, unit: v.unit } });
      message.success(t('development.settings.saved'));
      settings.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message || errorText(err) : errorText(err));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Alert type="info" showIcon title={t('development.settings.hint')} />
      {error && <Alert type="error" showIcon title={error} />}
      <Form form={form} layout="inline" initialValues={settings.data.publicNotice} key={settings.data.version}>
        <Form.Item name="days" label={t('development.settings.noticeDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={30} />
        </Form.Item>
        <Form.Item name="unit">
          <Select
            style={{ width: 140 }}
            options={(['working_days', 'calendar_days'] as const).map((u) => ({ value: u, label: t(`development.settings.unit.${u}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" onClick={() => void save()} data-testid="development-settings-save">
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
    </Space>
  );
}

export default function DevelopmentPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const writer = can(me, 'development.write');
  // The 公示 length is unit-wide: only a tenant-wide role changes it (settings.manage).
  const settingsManager = can(me, 'settings.manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'board';
  return (
    <PageCard title={t('development.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          { key: 'board', label: t('development.tab.board'), children: <BoardTab /> },
          { key: 'files', label: t('development.tab.files'), children: <FilesTab /> },
          { key: 'due', label: t('development.tab.due'), children: <DueTab /> },
          ...(writer ? [{ key: 'import', label: t('development.tab.import'), children: <ImportTab /> }] : []),
          ...(settingsManager ? [{ key: 'settings', label: t('development.tab.settings'), children: <SettingsTab /> }] : []),
        ]}
      />
    </PageCard>
  );
}
