/**
 * 党建与业务: a branch's department figures (门急诊人次, 出院人次 …) month by month beside the
 * branch's party work counted from the records (meetings, service, studies, development steps),
 * with a plain note that they are shown together, not as cause and effect. A secretary sees their
 * own branch; the office picks any. The office also edits the unit's catalogue and imports the
 * monthly sheet (.xlsx or .csv) with a preview and the row errors in the server's words.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { FIGURE_KINDS, IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Modal, Row, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { can } from '../../access';
import { ApiError, api, downloadFile, uploadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { type ChartOption, EChart } from '../../components/EChart';
import { FileUpload } from '../../components/FileUpload';
import { PageCard } from '../../components/PageCard';
import { type Problem, ProblemAlert } from '../../components/ProblemAlert';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';

echarts.use([LineChart, GridComponent]);

type Branch = ApiResult<'/api/v1/figures/branches/{id}'>;
type Figure = ApiResult<'/api/v1/figures/catalogue'>[number];
type Preview = ApiResult<'/api/v1/figures/import', 'post'>;
const IMPORT = '/api/v1/figures/import';

const monthLabel = (m: string) => `${Number(m.slice(5))}月`;

function BranchView() {
  const { t } = useI18n();
  const today = useToday();
  const branches = useApiGet<{ id: number; name: string }[]>('/api/v1/figures/branches');
  const [orgId, setOrgId] = useState<number | null>(null);
  const [year, setYear] = useState(today.year);
  const chosen = orgId ?? branches.data?.[0]?.id ?? null;
  const page = useApiGet<Branch>(chosen ? `/api/v1/figures/branches/${chosen}?year=${year}` : null);
  const [picked, setPicked] = useState<number[] | null>(null);
  const data = page.data;
  const figures = data?.figures ?? [];
  const withValues = figures.filter((f) => data?.values.some((v) => v.figureId === f.id));
  const shown = picked ?? withValues.filter((f) => f.kind === 'count').slice(0, 2).map((f) => f.id);

  const figureOption = useMemo<ChartOption>(() => {
    const months = data?.months ?? [];
    const list = figures.filter((f) => shown.includes(f.id));
    // Two figures: one axis each (门急诊 in thousands beside 出院 in hundreds); more: counts left, ratios and scores right.
    const axisOf = (f: Figure, i: number) => (list.length <= 2 ? i : f.kind === 'count' ? 0 : 1);
    const ratioAxis = list.length === 2 || list.some((f) => f.kind !== 'count');
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: ratioAxis ? 48 : 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: months.map(monthLabel) },
      yAxis: [{ type: 'value' }, ...(ratioAxis ? [{ type: 'value', max: list.length > 2 ? 100 : undefined, splitLine: { show: false } }] : [])],
      series: list.map((f, i) => ({
        type: 'line',
        name: `${f.name}（${f.unit}）`,
        yAxisIndex: axisOf(f, i),
        // A branch bound to several departments: counts add up, ratios and scores are their mean.
        data: months.map((m) => {
          const values = (data?.values ?? []).filter((v) => v.figureId === f.id && v.month === m).map((v) => v.value);
          if (values.length === 0) return null;
          const sum = values.reduce((a, b) => a + b, 0);
          return f.kind === 'count' ? sum : Math.round((sum / values.length) * 10) / 10;
        }),
      })),
    };
  }, [data, figures, shown]);

  const activityOption = useMemo<ChartOption>(() => {
    const rows = data?.activity ?? [];
    const line = (key: 'meetings' | 'serviceEvents' | 'studies' | 'developmentSteps' | 'serviceHours', axis = 0) => ({ type: 'line', name: t(`figures.activity.${key}`), yAxisIndex: axis, data: rows.map((r) => r[key]) });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 48, top: 56, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => monthLabel(r.month)) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', name: t('figures.activity.hoursAxis'), splitLine: { show: false } }],
      series: [line('meetings'), line('serviceEvents'), line('studies'), line('developmentSteps'), line('serviceHours', 1)],
    };
  }, [data, t]);

  if (branches.data && branches.data.length === 0) return <Empty description={t('figures.noBranch')} />;
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 240 }}
          value={chosen ?? undefined}
          onChange={(v: number) => {
            setOrgId(v);
            setPicked(null);
          }}
          options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          placeholder={t('figures.branch')}
          data-testid="figures-branch"
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Select style={{ width: 110 }} value={year} onChange={setYear} options={[today.year - 1, today.year].map((y) => ({ value: y, label: `${y}` }))} data-testid="figures-year" />
      </Flex>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('figures.note')} data-testid="figures-note" />
      {data ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('figures.businessTitle', { department: data.departments.map((d) => d.name).join('、') || '—' })} data-testid="figures-business">
              <Select
                mode="multiple"
                style={{ width: '100%', marginBottom: 8 }}
                value={shown}
                onChange={setPicked}
                options={figures.map((f) => ({ value: f.id, label: `${f.name}（${f.unit}）` }))}
                data-testid="figures-pick"
              />
              {withValues.length === 0 ? <Empty description={t('figures.noValues')} /> : <EChart option={figureOption} height={300} ariaLabel={t('figures.businessChart')} />}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('figures.activityTitle', { branch: data.org.name })} data-testid="figures-activity">
              <EChart option={activityOption} height={340} ariaLabel={t('figures.activityChart')} />
            </Card>
          </Col>
        </Row>
      ) : null}
    </>
  );
}

function CatalogueView({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const catalogue = useApiGet<Figure[]>('/api/v1/figures/catalogue');
  const [editing, setEditing] = useState<Figure | 'new' | null>(null);
  const [form] = Form.useForm();
  const save = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    try {
      if (editing === 'new') await api.post('/api/v1/figures/catalogue', values);
      else if (editing) await api.put(`/api/v1/figures/catalogue/${editing.id}`, { ...values, version: editing.version });
      setEditing(null);
      catalogue.reload();
      void message.success(t('figures.saved'));
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error(errorText(error));
    }
  };
  const open = (f: Figure | 'new') => {
    setEditing(f);
    form.setFieldsValue(f === 'new' ? { code: '', name: '', unit: '人次', kind: 'count', gkCode: null, active: true, sort: 200 } : f);
  };
  return (
    <>
      {canWrite ? (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')} data-testid="figure-new">
          {t('figures.catalogue.new')}
        </Button>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 640 }}
        loading={catalogue.loading}
        dataSource={catalogue.data ?? []}
        columns={[
          { key: 'name', title: t('figures.catalogue.name'), dataIndex: 'name' },
          { key: 'code', title: t('figures.catalogue.code'), dataIndex: 'code' },
          { key: 'unit', title: t('figures.catalogue.unit'), dataIndex: 'unit', width: 70 },
          { key: 'kind', title: t('figures.catalogue.kind'), render: (_: unknown, f: Figure) => t(`figures.kind.${f.kind}`) },
          { key: 'gk', title: t('figures.catalogue.gkCode'), render: (_: unknown, f: Figure) => f.gkCode ?? '' },
          { key: 'active', title: t('figures.catalogue.active'), render: (_: unknown, f: Figure) => (f.active ? <Tag color="green">{t('figures.catalogue.on')}</Tag> : <Tag>{t('figures.catalogue.off')}</Tag>) },
          ...(canWrite ? [{ key: 'edit', title: '', width: 70, render: (_: unknown, f: Figure) => <Button size="small" type="link" onClick={() => open(f)}>{t('figures.catalogue.edit')}</Button> }] : []),
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? t('figures.catalogue.new') : t('figures.catalogue.edit')} onCancel={() => setEditing(null)} onOk={() => void save()} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('figures.catalogue.name')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="code" label={t('figures.catalogue.code')} rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]{0,31}$/, message: t('figures.catalogue.codeHint') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unit" label={t('figures.catalogue.unit')} rules={[{ required: true, max: 10 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('figures.catalogue.kind')} rules={[{ required: true }]}>
            <Select options={FIGURE_KINDS.map((k) => ({ value: k, label: t(`figures.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="gkCode" label={t('figures.catalogue.gkCode')} normalize={(v: string) => v || null}>
            <Input />
          </Form.Item>
          <Form.Item name="sort" label={t('figures.catalogue.sort')}>
            <InputNumber min={0} max={9999} />
          </Form.Item>
          <Form.Item name="active" label={t('figures.catalogue.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ImportView() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const today = useToday();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (error: unknown) => setProblem({ title: errorText(error), lines: error instanceof ApiError ? error.details.map((d) => d.message) : [] });
  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await uploadFile<Preview>(IMPORT, file, file.name, { fields: { dryRun: 'false' } });
      setDone(result);
      setPreview(null);
      void message.success(t('figures.import.done', { values: result.values }));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('figures.import.hint')} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} data-testid="figures-template" onClick={() => downloadFile('/api/v1/figures/template', 'figures-template.xlsx').catch((e: unknown) => void message.error(errorText(e)))}>
          {t('figures.import.template')}
        </Button>
        <Button icon={<DownloadOutlined />} data-testid="figures-export" onClick={() => downloadFile(`/api/v1/figures/export?year=${today.year}`, 'figures.xlsx').catch((e: unknown) => void message.error(errorText(e)))}>
          {t('figures.import.export', { year: today.year })}
        </Button>
        <FileUpload
          action={IMPORT}
          accept=".xlsx,.xls,.csv"
          maxBytes={IMPORT_FILE_MAX_BYTES}
          fields={{ dryRun: 'true' }}
          label={t('figures.import.choose')}
          testId="figures-choose"
          disabled={busy}
          onStart={(f) => {
            setFile(f);
            setPreview(null);
            setProblem(null);
            setDone(null);
          }}
          onUploaded={(result) => setPreview(result)}
          onError={fail}
        />
        {file ? <Tag data-testid="figures-file">{file.name}</Tag> : null}
        <Button type="primary" disabled={!preview || preview.values === 0} loading={busy} onClick={() => void commit()} data-testid="figures-commit">
          {t('figures.import.commit')}
        </Button>
      </Flex>
      <ProblemAlert problem={problem} testId="figures-problem" style={{ marginBottom: 12 }} />
      {done ? <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('figures.import.done', { values: done.values })} data-testid="figures-done" /> : null}
      {preview ? (
        <>
          <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="figures-ready" title={t('figures.import.ready', { values: preview.values, departments: preview.departments, months: preview.months.join('、') })} />
          <Table
            rowKey={(r) => `${r.department}|${r.month}|${r.figure}`}
            size="small"
            scroll={{ x: 560 }}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            dataSource={preview.preview}
            columns={[
              { key: 'department', title: t('figures.import.department'), dataIndex: 'department' },
              { key: 'month', title: t('figures.import.month'), dataIndex: 'month' },
              { key: 'figure', title: t('figures.import.figure'), dataIndex: 'figure' },
              { key: 'value', title: t('figures.import.value'), dataIndex: 'value', align: 'right' },
              {
                key: 'previous',
                title: t('figures.import.previous'),
                align: 'right',
                render: (_: unknown, r: Preview['preview'][number]) => (r.previous === null ? <Typography.Text type="secondary">—</Typography.Text> : r.previous === r.value ? r.previous : <Typography.Text type="warning">{r.previous}</Typography.Text>),
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}

export default function FiguresPage() {
  const { t } = useI18n();
  const me = useMe();
  const canWrite = can(me, 'figures.write');
  const items = [
    { key: 'branch', label: t('figures.tab.branch'), children: <BranchView /> },
    { key: 'catalogue', label: t('figures.tab.catalogue'), children: <CatalogueView canWrite={canWrite} /> },
    ...(canWrite ? [{ key: 'import', label: t('figures.tab.import'), children: <ImportView /> }] : []),
  ];
  return (
    <PageCard title={t('figures.title')}>
      <Tabs items={items} destroyOnHidden />
    </PageCard>
  );
}
