import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Drawer, Empty, Form, Grid, Input, InputNumber, List, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, downloadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { flattenOrgs, useApiGet, useErrorText, useOrgTree } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { sizeText } from '../../components/FileUpload';
import { ExportButton } from '../../components/ServerList';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { recordLabel, recordPath } from './recordPath';

type Framework = ApiResult<'/api/v1/worksystems/{id}'>;
type Values = ApiResult<'/api/v1/worksystems/adoptions/{id}/values'>;
type Drill = ApiResult<'/api/v1/worksystems/adoptions/{id}/indicators/{key}/records'>;
type Templates = ApiResult<'/api/v1/worksystems/templates'>;
type Vocabulary = ApiResult<'/api/v1/worksystems/vocabulary'>;
type IndicatorValue = Values['dimensions'][number]['indicators'][number];


const shown = (v: number, unit: string) => `${v.toLocaleString('zh-CN')}${unit ? ` ${unit}` : ''}`;
/** Records per page in the drill-down drawer. */
const DRILL_PAGE_SIZE = 20;

/** One framework: this year's values by dimension with per-branch figures and the records behind each value; the definition editor. */
export default function WorksystemPage() {
  const { t, language, label } = useI18n();
  const { id } = useParams();
  const today = useToday();
  const { year } = today;
  const errorText = useErrorText();
  const framework = useApiGet<Framework>(`/api/v1/worksystems/${id}`);
  const [adoptionId, setAdoptionId] = useState<number | null>(null);
  const adoptions = framework.data?.adoptions ?? [];
  useEffect(() => {
    if (adoptionId === null && adoptions.length > 0) setAdoptionId((adoptions.find((a) => a.year === year) ?? adoptions[0])!.id);
  }, [adoptions, adoptionId, year]);
  const values = useApiGet<Values>(adoptionId ? `/api/v1/worksystems/adoptions/${adoptionId}/values` : null);
  const [drill, setDrill] = useState<{ key: string; orgId?: number; page?: number } | null>(null);
  const drillQuery = drill ? new URLSearchParams({ page: String(drill.page ?? 1), pageSize: String(DRILL_PAGE_SIZE), ...(drill.orgId ? { orgId: String(drill.orgId) } : {}) }) : null;
  const drillData = useApiGet<Drill>(drill && adoptionId ? `/api/v1/worksystems/adoptions/${adoptionId}/indicators/${drill.key}/records?${drillQuery}` : null);
  const [targetsOpen, setTargetsOpen] = useState(false);
  const [adoptOpen, setAdoptOpen] = useState(false);
  const [manualKey, setManualKey] = useState<string | null>(null);
  // The indicator as last read, so that files uploaded in the dialog show at once.
  const manualFor = manualKey ? (values.data?.dimensions.flatMap((d) => d.indicators).find((i) => i.key === manualKey) ?? null) : null;
  const f = framework.data;
  return (
    <PageCard title={f ? f.name : t('worksystems.title')} extra={f ? <Typography.Text type="secondary">{f.orgName}</Typography.Text> : null}>
      {framework.error ? <Alert type="error" showIcon title={errorText(framework.error)} /> : null}
      {f ? (
        <Tabs
          items={[
            {
              key: 'values',
              label: t('worksystems.tab.values'),
              children: (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    {adoptions.length > 0 ? (
                      <Select style={{ width: 200 }} value={adoptionId ?? undefined} onChange={setAdoptionId} options={adoptions.map((a) => ({ value: a.id, label: t('worksystems.adoptionLabel', { year: a.year, org: a.orgName }) }))} data-testid="adoption-select" />
                    ) : null}
                    {values.data ? <Tag color="blue">{values.data.versionNo ? t('worksystems.versionInForce', { no: values.data.versionNo, date: values.data.publishedOn ?? '' }) : t('worksystems.noVersion')}</Tag> : null}
                    {adoptionId && values.data ? <ExportButton url={`/api/v1/worksystems/adoptions/${adoptionId}/export`} /> : null}
                    {values.data?.canEditTargets ? (
                      <Button onClick={() => setTargetsOpen(true)} data-testid="edit-targets">
                        {t('worksystems.editTargets')}
                      </Button>
                    ) : null}
                    {f.canWrite && f.versions.length > 0 && !adoptions.some((a) => a.year === year) ? (
                      <Button type="primary" onClick={() => setAdoptOpen(true)} data-testid="adopt">
                        {t('worksystems.adopt', { year })}
                      </Button>
                    ) : null}
                  </Space>
                  {adoptions.length === 0 ? <Empty description={t('worksystems.notAdopted', { year })} /> : null}
                  {values.error ? <Alert type="error" showIcon title={errorText(values.error)} /> : null}
                  {(values.data?.dimensions ?? []).map((d) => (
                    <Card key={d.key} size="small" title={d.name} style={{ marginBottom: 12 }} data-testid={`dimension-${d.key}`}>
                      <List
                        dataSource={d.indicators}
                        renderItem={(i) => <IndicatorItem indicator={i} onOpen={(orgId) => setDrill(orgId ? { key: i.key, orgId } : { key: i.key })} onEnter={values.data?.canEnterManual && i.kind === 'manual' ? () => setManualKey(i.key) : undefined} />}
                      />
                    </Card>
                  ))}
                </>
              ),
            },
            ...(f.canWrite ? [{ key: 'definition', label: t('worksystems.tab.definition'), children: <DefinitionEditor framework={f} onSaved={framework.reload} /> }] : []),
          ]}
        />
      ) : null}
      <Drawer open={drill !== null} onClose={() => setDrill(null)} title={drillData.data ? `${drillData.data.name}：${shown(drillData.data.value, drillData.data.unit)}` : t('worksystems.records')} size="large" data-testid="drill-drawer">
        {drillData.error ? <Alert type="error" showIcon title={errorText(drillData.error)} /> : null}
        {drillData.data ? (
          <>
            <Typography.Paragraph type="secondary">{t('worksystems.drillIntro', { count: drillData.data.total, from: drillData.data.period.from, to: drillData.data.period.to })}</Typography.Paragraph>
            <List
              loading={drillData.loading}
              dataSource={drillData.data.items}
              pagination={
                drillData.data.total > DRILL_PAGE_SIZE
                  ? { current: drill?.page ?? 1, pageSize: DRILL_PAGE_SIZE, total: drillData.data.total, showSizeChanger: false, size: 'small', onChange: (page) => setDrill((d) => (d ? { ...d, page } : d)) }
                  : false
              }
              renderItem={(r) => {
                const path = recordPath(r.linkKind, r.linkId);
                const title = recordLabel(r, label, language);
                return (
                  <List.Item extra={drillData.data && drillData.data.aggregate === 'sum' ? <Typography.Text strong>{shown(r.amount, drillData.data.unit)}</Typography.Text> : r.hit ? <Tag color="green">✓</Tag> : null} data-testid="drill-record">
                    <List.Item.Meta title={path ? <Link to={path}>{title}</Link> : title} description={`${r.date || ''} · ${r.orgName}`} />
                  </List.Item>
                );
              }}
            />
          </>
        ) : null}
      </Drawer>
      {f && adoptOpen ? (
        <AdoptModal
          framework={f}
          year={year}
          onClose={() => setAdoptOpen(false)}
          onSaved={(newId) => {
            setAdoptOpen(false);
            setAdoptionId(newId);
            framework.reload();
          }}
        />
      ) : null}
      {values.data && manualFor ? (
        <ManualModal
          values={values.data}
          indicator={manualFor}
          onClose={() => setManualKey(null)}
          onChanged={values.reload}
          onSaved={(isNew) => {
            // A new value stays open: its evidence files can be attached now that it is saved.
            if (!isNew) setManualKey(null);
            values.reload();
          }}
        />
      ) : null}
      {values.data && targetsOpen ? <TargetsModal values={values.data} onClose={() => setTargetsOpen(false)} onSaved={() => { setTargetsOpen(false); values.reload(); }} /> : null}
    </PageCard>
  );
}

function IndicatorItem({ indicator: i, onOpen, onEnter }: { indicator: IndicatorValue; onOpen: (orgId?: number) => void; onEnter?: (() => void) | undefined }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const wide = Grid.useBreakpoint().sm ?? true;
  return (
    <List.Item data-testid={`indicator-${i.key}`} style={{ display: 'block' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{i.name}</Typography.Text>
          <Space size={4} wrap>
            {i.kind === 'manual' ? <Tag>{t('worksystems.manual')}</Tag> : null}
            {onEnter ? (
              <Button size="small" onClick={onEnter} data-testid={`enter-${i.key}`}>
                {t('worksystems.enterValue')}
              </Button>
            ) : null}
          </Space>
        </Space>
        <Button type="link" onClick={() => onOpen()} data-testid={`value-${i.key}`} style={{ paddingInline: 0 }}>
          {shown(i.value, i.unit)}
          {i.target !== null ? <Typography.Text type="secondary">{` / ${shown(i.target, i.unit)}`}</Typography.Text> : null}
        </Button>
      </Space>
      {i.progress !== null ? <Progress percent={i.progress} size="small" /> : null}
      {i.manualValues.length > 0 ? <ManualValues indicator={i} /> : null}
      {i.branches.length > 0 ? (
        <Button type="link" size="small" onClick={() => setOpen(!open)} style={{ paddingInline: 0 }}>
          {open ? t('worksystems.hideBranches') : t('worksystems.showBranches', { count: i.branches.length })}
        </Button>
      ) : null}
      {open ? (
        <Table
          size="small"
          rowKey="orgId"
          pagination={false}
          scroll={wide ? undefined : { x: true }}
          dataSource={i.branches}
          columns={[
            { title: t('worksystems.branch'), dataIndex: 'orgName' },
            { title: t('worksystems.value'), dataIndex: 'value', align: 'right', render: (v: number, b) => <Button type="link" size="small" onClick={() => onOpen(b.orgId)}>{shown(v, i.unit)}</Button> },
          ]}
        />
      ) : null}
    </List.Item>
  );
}

/** The entered values of a manual indicator: who, how much, the evidence note and link, and the evidence files to download. */
function ManualValues({ indicator: i }: { indicator: IndicatorValue }) {
  const { t } = useI18n();
  return (
    <div style={{ marginTop: 4 }} data-testid={`manual-values-${i.key}`}>
      {i.manualValues.map((m) => (
        <div key={m.id} style={{ fontSize: 13, overflowWrap: 'anywhere' }} data-testid="manual-value-row">
          <Typography.Text type="secondary">{`${m.orgName}：`}</Typography.Text>
          <Typography.Text>{shown(m.value, i.unit)}</Typography.Text>
          {m.evidence ? <Typography.Text type="secondary">{` · ${m.evidence}`}</Typography.Text> : null}
          {m.link ? (
            <>
              {' · '}
              <Typography.Link href={m.link} target="_blank" rel="noopener noreferrer">
                {t('worksystems.evidenceLink')}
              </Typography.Link>
            </>
          ) : null}
          {m.files.filter((f) => !f.withdrawn).map((f) => (
            <Button key={f.id} type="link" size="small" icon={<PaperClipOutlined />} onClick={() => void downloadFile(`/api/v1/worksystems/manual-values/${m.id}/files/${f.id}`, f.name)} title={sizeText(f.size)} data-testid="manual-file" style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}>
              {f.name}
            </Button>
          ))}
        </div>
      ))}
    </div>
  );
}

/** Adopt the framework for a year: the branches it flows down to (none chosen: every branch under the org) and a yearly target per indicator. */
function AdoptModal({ framework: f, year, onClose, onSaved }: { framework: Framework; year: number; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ branchIds: number[]; targets: Record<string, number | null> }>();
  const { saving, problem, submit } = useFormSubmit(form);
  const tree = useOrgTree();
  const branches = useMemo(() => {
    const own = flattenOrgs(tree.data ?? []).find((o) => o.id === f.orgId);
    return own ? flattenOrgs(own.children ?? []) : [];
  }, [tree.data, f.orgId]);
  const latest = f.versions.at(-1);
  const indicators = ((latest?.definition as { dimensions?: Array<{ indicators: Array<{ key: string; name: string; unit?: string }> }> } | undefined)?.dimensions ?? []).flatMap((d) => d.indicators);
  const save = () =>
    submit(
      async () => {
        const v = await form.validateFields();
        const targets = Object.fromEntries(Object.entries(v.targets ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
        const r = await api.post<{ id: number }>(`/api/v1/worksystems/${f.id}/adoptions`, { year, branchIds: v.branchIds ?? [], targets });
        onSaved(r.id);
      },
      () => undefined,
    );
  return (
    <Modal open title={t('worksystems.adoptTitle', { year, name: f.name })} onCancel={onClose} onOk={save} okText={t('worksystems.save')} confirmLoading={saving} width={640} data-testid="adopt-modal">
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ branchIds: [], targets: {} }}>
        <Form.Item name="branchIds" label={t('worksystems.adoptBranches')} extra={t('worksystems.adoptBranchesHint')}>
          <Select mode="multiple" allowClear loading={tree.loading} options={branches.map((b) => ({ value: b.id, label: b.name }))} optionFilterProp="label" data-testid="adopt-branches" />
        </Form.Item>
        <Typography.Text strong>{t('worksystems.adoptTargets')}</Typography.Text>
        {indicators.map((i) => (
          <Form.Item key={i.key} name={['targets', i.key]} label={`${i.name}（${i.unit || '—'}）`} style={{ marginBottom: 8 }}>
            <InputNumber min={0} style={{ width: '100%' }} data-testid={`adopt-target-${i.key}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** 填报: a manual indicator's value for an org with its evidence (a note and/or a link). */
function ManualModal({ values, indicator, onClose, onSaved, onChanged }: { values: Values; indicator: IndicatorValue; onClose: () => void; onSaved: (isNew: boolean) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ orgId: number; value: number; evidence: string; link: string }>();
  const orgId = Form.useWatch('orgId', form);
  const { saving, problem, submit } = useFormSubmit(form);
  // The adopting org (the 党委) only for who may write there (the office); a secretary enters for their branch.
  const orgs = [...(values.canEditTargets ? [{ id: values.adoption.orgId, name: values.adoption.orgName }] : []), ...values.branches];
  const first = orgs.find((o) => indicator.manualValues.every((m) => m.orgId !== o.id)) ?? orgs[0];
  const existing = (orgId: number | undefined) => indicator.manualValues.find((m) => m.orgId === orgId);
  const fill = (orgId: number | undefined) => {
    const m = existing(orgId);
    form.setFieldsValue({ value: m?.value ?? (undefined as unknown as number), evidence: m?.evidence ?? '', link: m?.link ?? '' });
  };
  useEffect(() => fill(first?.id), []);
  const saved = existing(orgId);
  const save = () => {
    const isNew = !saved;
    return submit(async () => {
      const v = await form.validateFields();
      await api.put(`/api/v1/worksystems/adoptions/${values.adoption.id}/manual`, { indicatorKey: indicator.key, orgId: v.orgId, value: v.value, evidence: v.evidence ?? '', link: v.link ?? '', version: existing(v.orgId)?.version ?? 0 });
    }, () => onSaved(isNew));
  };
  return (
    <Modal open width={640} title={t('worksystems.enterTitle', { name: indicator.name })} onCancel={onClose} onOk={save} okText={t('worksystems.save')} cancelText={t('worksystems.close')} cancelButtonProps={{ 'data-testid': 'manual-close' } as ButtonProps} confirmLoading={saving} data-testid="manual-modal">
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ orgId: first?.id }}>
        <Form.Item name="orgId" label={t('worksystems.enterOrg')} rules={[{ required: true }]}>
          <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} onChange={(id: number) => fill(id)} data-testid="manual-org" />
        </Form.Item>
        <Form.Item name="value" label={`${t('worksystems.value')}${indicator.unit ? `（${indicator.unit}）` : ''}`} rules={[{ required: true, message: t('worksystems.enterValueRequired') }]}>
          <InputNumber style={{ width: '100%' }} data-testid="manual-value" />
        </Form.Item>
        <Form.Item name="evidence" label={t('worksystems.evidence')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} data-testid="manual-evidence" />
        </Form.Item>
        <Form.Item name="link" label={t('worksystems.evidenceLink')}>
          <Input placeholder="https://" maxLength={500} data-testid="manual-link" />
        </Form.Item>
      </Form>
      <Typography.Text strong>{t('worksystems.evidenceFiles')}</Typography.Text>
      {saved ? (
        <div style={{ marginTop: 8 }}>
          <EvidenceFiles
            files={saved.files}
            canUpload
            canWithdraw
            url={`/api/v1/worksystems/manual-values/${saved.id}/files`}
            uploadLabel={t('worksystems.evidenceUpload')}
            emptyText={t('worksystems.evidenceNone')}
            testId="manual-files"
            onChanged={onChanged}
          />
        </div>
      ) : (
        <Typography.Paragraph type="secondary" data-testid="manual-evidence-later">
          {t('worksystems.evidenceAfterSave')}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

function TargetsModal({ values, onClose, onSaved }: { values: Values; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [targets, setTargets] = useState<Record<string, number | null>>(() => ({ ...values.adoption.targets }));
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    try {
      const clean = Object.fromEntries(Object.entries(targets).filter((e): e is [string, number] => typeof e[1] === 'number'));
      await api.put(`/api/v1/worksystems/adoptions/${values.adoption.id}/targets`, { targets: clean, version: values.adoption.version });
      onSaved();
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <Modal open title={t('worksystems.editTargets')} onCancel={onClose} onOk={save} okText={t('worksystems.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical">
        {values.dimensions.flatMap((d) => d.indicators).map((i) => (
          <Form.Item key={i.key} label={`${i.name}（${i.unit || '—'}）`} style={{ marginBottom: 8 }}>
            <InputNumber min={0} style={{ width: '100%' }} value={targets[i.key] ?? null} onChange={(v) => setTargets({ ...targets, [i.key]: v })} data-testid={`target-${i.key}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function DefinitionEditor({ framework: f, onSaved }: { framework: Framework; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const templates = useApiGet<Templates>('/api/v1/worksystems/templates');
  const initial = useMemo(() => JSON.stringify(f.draft, null, 2), [f.draft]);
  const [text, setText] = useState(initial);
  const [name, setName] = useState(f.name);
  const [errors, setErrors] = useState<Array<{ path: string; message: string }>>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(initial), [initial]);
  const save = async () => {
    setErrors([]);
    setProblem(null);
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (err) {
      setProblem(t('worksystems.jsonInvalid', { message: (err as Error).message }));
      return;
    }
    try {
      await api.put(`/api/v1/worksystems/${f.id}/draft`, { name, definition, version: f.version });
      message.success(t('worksystems.saved'));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.details.length > 0) setErrors(err.details);
      setProblem(errorText(err));
    }
  };
  const publish = async () => {
    try {
      const r = await api.post<{ no: number }>(`/api/v1/worksystems/${f.id}/publish`, { version: f.version });
      message.success(t('worksystems.published', { no: r.no }));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.details.length > 0) setErrors(err.details);
      setProblem(errorText(err));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('worksystems.editorIntro')}</Typography.Paragraph>
      <Space wrap>
        <Input value={name} onChange={(e) => setName(e.target.value)} style={{ width: 240 }} addonBefore={t('worksystems.name')} />
        <Select
          style={{ width: 240 }}
          placeholder={t('worksystems.fromTemplate')}
          options={(templates.data ?? []).map((x) => ({ value: x.key, label: x.name }))}
          onChange={(key: string) => {
            const tpl = templates.data?.find((x) => x.key === key);
            if (tpl) setText(JSON.stringify(tpl.definition, null, 2));
          }}
          data-testid="definition-template"
        />
      </Space>
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
      {errors.length > 0 ? (
        <Alert
          type="warning"
          data-testid="definition-errors"
          title={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {errors.map((e) => (
                <li key={e.path}>
                  {e.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <DefinitionHelp />
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 12, maxRows: 30 }} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="definition-json" />
      <Space wrap>
        <Button type="primary" onClick={save} data-testid="save-draft">
          {t('worksystems.saveDraft')}
        </Button>
        <Button onClick={publish} data-testid="publish">
          {t('worksystems.publish')}
        </Button>
        <Typography.Text type="secondary">{f.versions.length > 0 ? t('worksystems.versions', { list: f.versions.map((v) => `v${v.no}（${v.publishedOn}）`).join('、') }) : t('worksystems.draftOnly')}</Typography.Text>
      </Space>
    </Space>
  );
}

/** What a definition may say, as the server's core allow-list lists it: sources with their filters and fields, aggregates, scopes. */
function DefinitionHelp() {
  const { t } = useI18n();
  const vocabulary = useApiGet<Vocabulary>('/api/v1/worksystems/vocabulary');
  const v = vocabulary.data;
  if (!v) return null;
  const code = (x: string) => (
    <Typography.Text code key={x}>
      {x}
    </Typography.Text>
  );
  return (
    <Collapse
      size="small"
      data-testid="definition-help"
      items={[
        {
          key: 'help',
          label: t('worksystems.help.title'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>
                <Typography.Text strong>{t('worksystems.help.kinds')}</Typography.Text> {v.kinds.map((k) => <span key={k}>{code(k)} {t(`worksystems.help.kind.${k}`)} </span>)}
              </Typography.Text>
              <Typography.Text>
                <Typography.Text strong>{t('worksystems.help.aggregates')}</Typography.Text> {v.aggregates.map((a) => <span key={a}>{code(a)} {t(`worksystems.help.aggregate.${a}`)} </span>)}
              </Typography.Text>
              <Typography.Text>
                <Typography.Text strong>{t('worksystems.help.scopes')}</Typography.Text> {v.scopes.map((a) => <span key={a}>{code(a)} {t(`worksystems.help.scope.${a}`)} </span>)}
              </Typography.Text>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 640 }}
                dataSource={v.sources}
                columns={[
                  { title: t('worksystems.help.source'), dataIndex: 'key', width: 160, render: (k: Vocabulary['sources'][number]['key']) => <Space direction="vertical" size={0}>{code(k)}<Typography.Text type="secondary">{t(`worksystems.help.source.${k}`)}</Typography.Text></Space> },
                  {
                    title: t('worksystems.help.filters'),
                    dataIndex: 'filters',
                    render: (fs: Vocabulary['sources'][number]['filters']) =>
                      fs.length === 0 ? '—' : (
                        <Space direction="vertical" size={2}>
                          {fs.map((f) => (
                            <span key={f.name}>
                              {code(f.name)} {f.type === 'flag' ? 'true / false' : f.values ? f.values.join(', ') : t('worksystems.help.freeList')}
                            </span>
                          ))}
                        </Space>
                      ),
                  },
                  { title: t('worksystems.help.sumFields'), dataIndex: 'sumFields', width: 150, render: (xs: string[]) => (xs.length ? xs.join(', ') : '—') },
                  { title: t('worksystems.help.distinctFields'), dataIndex: 'distinctFields', width: 150, render: (xs: string[]) => (xs.length ? xs.join(', ') : '—') },
                ]}
              />
            </Space>
          ),
        },
      ]}
    />
  );
}
