/**
 * The yearly assessment (述职评议考核). The office edits a scheme's weighted items (the weights must
 * total 100), publishes it, follows every branch's sheet (total, suggested grade, grade), returns or
 * grades a submitted sheet and downloads the Excel summary. A secretary opens the branch's own sheet:
 * the figures filled in from the records (with the records behind them), the self-assessment to write
 * and submit, the 考核表 and the yearly work report as Word documents. A sheet opens in a drawer that
 * takes the whole width of a phone.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { ASSESSMENT_GRADES, ASSESSMENT_ITEM_KINDS, ASSESSMENT_SCORINGS, type FrameworkDefinition, versionInForce } from '@hongyi/core';
import { Alert, App, Button, Cascader, Descriptions, Drawer, Empty, Flex, Form, Grid, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../access';
import { ApiError, api, downloadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { useMe } from '../../session';
import { useToday } from '../../today';
import { recordLabel, recordPath } from '../worksystems/recordPath';

type Schemes = ApiResult<'/api/v1/assessment/schemes'>;
type Scheme = Schemes['items'][number];
type Sheets = ApiResult<'/api/v1/assessment/schemes/{id}/sheets'>;
type Sheet = ApiResult<'/api/v1/assessment/sheets/{id}'>;
type Frameworks = ApiResult<'/api/v1/worksystems'>;
type Framework = ApiResult<'/api/v1/worksystems/{id}'>;
type Vocabulary = ApiResult<'/api/v1/worksystems/vocabulary'>;

const STATUS_COLOUR: Record<string, string> = { draft: 'default', submitted: 'blue', returned: 'orange', graded: 'green', published: 'green' };


export default function AssessmentPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const schemes = useApiGet<Schemes>('/api/v1/assessment/schemes');
  const [schemeId, setSchemeId] = useState<number | null>(null);
  const [editing, setEditing] = useState<Scheme | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const office = can(me, 'assessment.grade');
  const list = schemes.data?.items ?? [];
  useEffect(() => {
    if (schemeId === null && list.length > 0) setSchemeId((list.find((s) => s.status === 'published') ?? list[0])!.id);
  }, [list, schemeId]);
  const scheme = list.find((s) => s.id === schemeId) ?? null;
  const sheets = useApiGet<Sheets>(scheme && scheme.status === 'published' ? `/api/v1/assessment/schemes/${scheme.id}/sheets` : null);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      void message.success(done);
      schemes.reload();
      sheets.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <PageCard title={t('assessment.title')}>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 260, maxWidth: '100%' }}
          value={schemeId ?? undefined}
          placeholder={t('assessment.pickScheme')}
          onChange={setSchemeId}
          options={list.map((s) => ({ value: s.id, label: `${s.title}${s.status === 'draft' ? ` (${t('assessment.status.draft')})` : ''}` }))}
          data-testid="scheme-select"
        />
        {office ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-scheme">
            {t('assessment.newScheme')}
          </Button>
        ) : null}
        {scheme && scheme.canEdit ? (
          <>
            <Button onClick={() => setEditing(scheme)} data-testid="edit-scheme">
              {t('common.edit')}
            </Button>
            <Popconfirm title={t('assessment.publishConfirm')} onConfirm={() => void act(() => api.post(`/api/v1/assessment/schemes/${scheme.id}/publish`, { version: scheme.version }), t('assessment.published'))}>
              <Button type="primary" data-testid="publish-scheme">
                {t('assessment.publish')}
              </Button>
            </Popconfirm>
            <Popconfirm title={t('assessment.removeConfirm')} onConfirm={() => void act(async () => (await api.delete(`/api/v1/assessment/schemes/${scheme.id}?version=${scheme.version}`), setSchemeId(null)), t('assessment.removed'))}>
              <Button danger>{t('assessment.delete')}</Button>
            </Popconfirm>
          </>
        ) : null}
        {scheme && scheme.status === 'published' ? (
          <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/assessment/schemes/${scheme.id}/summary`, 'summary.xlsx').catch((err: unknown) => message.error(errorText(err)))} data-testid="summary">
            {t('assessment.summary')}
          </Button>
        ) : null}
      </Flex>
      {list.length === 0 && !schemes.loading ? <Empty description={t('assessment.none')} /> : null}
      {scheme ? (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: 'max-content' }}
          style={{ marginBottom: 16 }}
          dataSource={scheme.items}
          data-testid="scheme-items"
          columns={[
            { title: t('assessment.item.name'), dataIndex: 'name' },
            { title: t('assessment.item.kind'), dataIndex: 'kind', render: (k: string) => t(`assessment.kind.${k}` as MessageKey) },
            { title: t('assessment.item.weight'), dataIndex: 'weight' },
            { title: t('assessment.item.target'), render: (_: unknown, i: Scheme['items'][number]) => (i.target === null ? '—' : `${i.target}${i.unit}`) },
            { title: t('assessment.item.scoring'), dataIndex: 'scoring', render: (s: string) => t(`assessment.scoring.${s}` as MessageKey) },
          ]}
        />
      ) : null}
      {sheets.data ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={sheets.data.items}
          data-testid="sheets"
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('assessment.col.branch'), dataIndex: 'orgName' },
            { title: t('assessment.col.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOUR[s]}>{t(`assessment.status.${s}` as MessageKey)}</Tag> },
            { title: t('assessment.col.total'), dataIndex: 'total', render: (total: number, r) => (r.awaitingScores ? <Tooltip title={t('assessment.partialTotal')}><Typography.Text type="secondary">{t('assessment.partialTotalShort', { total })}</Typography.Text></Tooltip> : total) },
            { title: t('assessment.col.suggested'), dataIndex: 'suggestedGrade', render: (g: string | null) => g ?? <Typography.Text type="secondary">{t('assessment.item.provisional')}</Typography.Text> },
            { title: t('assessment.col.grade'), dataIndex: 'grade', render: (g: string | null) => (g ? <Tag color="red">{g}</Tag> : '—') },
            { title: '', key: 'open', render: (_: unknown, r) => <Button size="small" type="link" onClick={() => setOpen(r.id)} data-testid="open-sheet">{t('assessment.open')}</Button> },
          ]}
        />
      ) : null}
      {open !== null ? <SheetDrawer id={open} onClose={() => setOpen(null)} onChanged={sheets.reload} /> : null}
      {editing ? <SchemeModal scheme={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => schemes.reload()} /> : null}
    </PageCard>
  );
}

function SheetDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { t, language, label } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = Grid.useBreakpoint().md === false;
  const { data, reload } = useApiGet<Sheet>(`/api/v1/assessment/sheets/${id}`);
  const [text, setText] = useState('');
  const [grading, setGrading] = useState(false);
  const [returning, setReturning] = useState(false);
  useEffect(() => setText(data?.selfAssessment ?? ''), [data?.selfAssessment]);
  const save = async (submit: boolean) => {
    if (!data) return;
    try {
      await api.put(`/api/v1/assessment/sheets/${data.id}/self`, { selfAssessment: text, submit, version: data.version });
      void message.success(submit ? t('assessment.submitted') : t('common.saved'));
      reload();
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const download = (kind: 'document' | 'report') => void downloadFile(`/api/v1/assessment/sheets/${id}/${kind}`, `${kind}.docx`).catch((err: unknown) => message.error(errorText(err)));
  return (
    <Drawer open onClose={onClose} size={phone ? '100%' : 'large'} title={data ? `${data.orgName} · ${data.scheme.year}` : ''} data-testid="sheet-drawer">
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="sheet-detail">
          <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'}>
            <Descriptions.Item label={t('assessment.col.status')}>
              <Tag color={STATUS_COLOUR[data.status]}>{t(`assessment.status.${data.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={data.awaitingScores ? t('assessment.partialTotal') : t('assessment.col.total')}>
              <span data-testid="sheet-total">{data.total}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment.col.suggested')}>{data.suggestedGrade ?? <Typography.Text type="secondary">{t('assessment.item.provisional')}</Typography.Text>}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.col.grade')}>{data.grade ? <Tag color="red" data-testid="sheet-grade">{data.grade}</Tag> : '—'}</Descriptions.Item>
            {data.gradeReason ? <Descriptions.Item label={t('assessment.gradeReason')}>{data.gradeReason}</Descriptions.Item> : null}
          </Descriptions>
          {data.status === 'returned' && data.returnReason ? <Alert type="warning" showIcon message={t('assessment.returnedBecause', { reason: data.returnReason })} /> : null}
          <List
            size="small"
            bordered
            dataSource={data.items}
            data-testid="sheet-items"
            renderItem={(it) => (
              <List.Item>
                <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Typography.Text strong>{it.name}</Typography.Text>
                    <Typography.Text>
                      {t('assessment.scoreOf', { score: it.score === null ? '—' : it.score, weight: it.weight })}
                    </Typography.Text>
                  </Flex>
                  <Typography.Text type="secondary">
                    {it.kind === 'manual' ? t('assessment.manualScored') : t('assessment.valueLine', { value: `${it.value ?? 0}${it.unit}`, target: it.target === null ? '—' : `${it.target}${it.unit}`, records: it.records })}
                  </Typography.Text>
                  {it.evidence.length > 0 ? (
                    <Flex wrap gap={4}>
                      {it.evidence.slice(0, 6).map((e, i) => {
                        const path = recordPath(e.linkKind, e.linkId);
                        const text = `${e.date ? `${e.date} ` : ''}${recordLabel(e, label, language)}`;
                        return <Tag key={i} style={{ maxWidth: '100%', whiteSpace: 'normal' }} data-testid="evidence-tag">{path ? <Link to={path}>{text}</Link> : text}</Tag>;
                      })}
                    </Flex>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
          <div>
            <Typography.Title level={5}>{t('assessment.self')}</Typography.Title>
            {data.canWrite ? (
              <>
                <Input.TextArea rows={6} value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} data-testid="self-text" />
                <Flex gap={8} style={{ marginTop: 8 }} wrap>
                  <Button onClick={() => void save(false)} data-testid="self-save">
                    {t('common.save')}
                  </Button>
                  <Popconfirm title={t('assessment.submitConfirm')} onConfirm={() => void save(true)}>
                    <Button type="primary" data-testid="self-submit">
                      {t('assessment.submit')}
                    </Button>
                  </Popconfirm>
                </Flex>
              </>
            ) : (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="self-readonly">
                {data.selfAssessment || t('assessment.selfNone')}
              </Typography.Paragraph>
            )}
          </div>
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} onClick={() => download('document')} data-testid="download-sheet">
              {t('assessment.downloadSheet')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => download('report')} data-testid="download-report">
              {t('assessment.downloadReport')}
            </Button>
            {data.canGrade ? (
              <>
                <Button type="primary" onClick={() => setGrading(true)} data-testid="grade-open">
                  {t('assessment.grade')}
                </Button>
                {data.status === 'submitted' ? (
                  <Button onClick={() => setReturning(true)} data-testid="return-open">
                    {t('assessment.return')}
                  </Button>
                ) : null}
              </>
            ) : null}
          </Flex>
        </Space>
      ) : null}
      {data && grading ? <GradeModal sheet={data} onClose={() => setGrading(false)} onSaved={() => (reload(), onChanged())} /> : null}
      {data && returning ? <ReturnModal sheet={data} onClose={() => setReturning(false)} onSaved={() => (reload(), onChanged())} /> : null}
    </Drawer>
  );
}

function suggestFor(total: number, s: Sheet['settings']) {
  return total >= s.goodFrom ? '好' : total >= s.fairlyGoodFrom ? '较好' : total >= s.averageFrom ? '一般' : '差';
}

function GradeModal({ sheet, onClose, onSaved }: { sheet: Sheet; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { saving, problem, submit } = useFormSubmit(form);
  const manual = sheet.items.filter((i) => i.kind === 'manual');
  const scores = Form.useWatch('scores', form) as Record<string, number | null> | undefined;
  const grade = Form.useWatch('grade', form) as string | undefined;
  const auto = sheet.items.filter((i) => i.kind !== 'manual').reduce((s, i) => s + (i.score ?? 0), 0);
  const total = Math.round((auto + manual.reduce((s, i) => s + (scores?.[i.key] ?? 0), 0)) * 10) / 10;
  const suggested = suggestFor(total, sheet.settings);
  const initialScores = Object.fromEntries(manual.map((i) => [i.key, i.score ?? undefined]));
  // The grade follows the suggestion until the 党委 picks another one.
  const [picked, setPicked] = useState(false);
  useEffect(() => {
    if (!picked) form.setFieldValue('grade', suggested);
  }, [form, suggested, picked]);
  return (
    <Modal
      open
      title={t('assessment.gradeTitle', { name: sheet.orgName })}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('assessment.grade')}
      okButtonProps={{ id: 'grade-save' }}
      onOk={() =>
        void form.validateFields().then((v: { scores: Record<string, number>; grade: string; reason?: string }) =>
          submit(() => api.post(`/api/v1/assessment/sheets/${sheet.id}/grade`, { scores: v.scores ?? {}, grade: v.grade, reason: v.reason ?? '', version: sheet.version }), () => (onSaved(), onClose())),
        )
      }
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ scores: initialScores, grade: sheet.grade ?? sheet.suggestedGrade, reason: sheet.gradeReason }}>
        {manual.map((i) => (
          <Form.Item key={i.key} name={['scores', i.key]} label={`${i.name}（0–${i.weight}）`} rules={[{ required: true }]}>
            <InputNumber min={0} max={i.weight} step={0.5} style={{ width: '100%' }} data-testid={`score-${i.key}`} />
          </Form.Item>
        ))}
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('assessment.suggestedLine', { total, grade: suggested })} data-testid="grade-suggested" />
        <Form.Item name="grade" label={t('assessment.col.grade')} rules={[{ required: true }]}>
          <Select options={ASSESSMENT_GRADES.map((g) => ({ value: g, label: g }))} onChange={() => setPicked(true)} data-testid="grade-select" />
        </Form.Item>
        {grade && grade !== suggested ? (
          <Form.Item name="reason" label={t('assessment.gradeReason')} rules={[{ required: true, message: t('assessment.reasonNeeded') }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="grade-reason" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function ReturnModal({ sheet, onClose, onSaved }: { sheet: Sheet; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { saving, problem, submit } = useFormSubmit(form);
  return (
    <Modal
      open
      title={t('assessment.return')}
      onCancel={onClose}
      confirmLoading={saving}
      onOk={() => void form.validateFields().then((v: { reason: string }) => submit(() => api.post(`/api/v1/assessment/sheets/${sheet.id}/return`, { reason: v.reason, version: sheet.version }), () => (onSaved(), onClose())))}
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('assessment.returnReason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ItemForm {
  key: string;
  name: string;
  kind: 'indicator' | 'measure' | 'manual';
  weight: number;
  unit?: string;
  target?: number | null;
  scoring: 'proportional' | 'threshold';
  /** kind indicator: the adoption and the indicator's key, chosen together in the picker. */
  indicator?: { adoptionId: number; indicatorKey: string } | null;
  source?: string;
  aggregate?: string;
  field?: string;
}

interface IndicatorChoice {
  value: string;
  label: string;
  unit: string;
  /** The adoption's target, when it is one branch's (each sheet scores one branch). */
  target: number | null;
  /** The adoption's target when it covers several branches: not a branch's, so not prefilled. */
  wholeTarget: { target: number; orgName: string } | null;
}
interface PickerOption {
  value: string | number;
  label: string;
  children?: PickerOption[];
  indicator?: IndicatorChoice;
}

/**
 * The year's work-system adoptions the office reaches, each with the dimensions and indicators of
 * the framework's version in force for the year (as the server reads them), for the indicator picker.
 */
function useIndicatorTree(year: number | undefined): { options: PickerOption[]; loading: boolean } {
  const today = useToday();
  const list = useApiGet<Frameworks>(year ? `/api/v1/worksystems?year=${year}` : null);
  const [details, setDetails] = useState<Record<number, Framework>>({});
  const frameworkIds = useMemo(() => (list.data?.items ?? []).filter((f) => f.adoptions.length > 0).map((f) => f.id), [list.data]);
  useEffect(() => {
    let live = true;
    void Promise.all(frameworkIds.map((id) => api.get<Framework>(`/api/v1/worksystems/${id}`).catch(() => null))).then((all) => {
      if (live) setDetails(Object.fromEntries(all.filter((f): f is Framework => f !== null).map((f) => [f.id, f])));
    });
    return () => {
      live = false;
    };
  }, [frameworkIds]);
  const options = useMemo(() => {
    const out: PickerOption[] = [];
    for (const f of list.data?.items ?? []) {
      const detail = details[f.id];
      if (!detail || !year) continue;
      const version = versionInForce(detail.versions, year, today.date) ?? detail.versions.at(-1) ?? null;
      const def = version?.definition as FrameworkDefinition | undefined;
      if (!def) continue;
      for (const a of f.adoptions) {
        out.push({
          value: a.id,
          label: `${f.name} · ${a.orgName} · ${a.year}`,
          children: def.dimensions.map((d) => ({
            value: d.key,
            label: d.name,
            children: d.indicators.map((i) => {
              const target = a.targets[i.key] ?? null;
              // Several branches named, or none (all under the org) when the org is the framework's own (the 党委's).
              const whole = target !== null && (a.branchIds.length > 1 || (a.branchIds.length === 0 && a.orgId === f.orgId));
              return {
                value: i.key,
                label: i.name,
                indicator: { value: i.key, label: i.name, unit: i.unit, target: whole ? null : target, wholeTarget: whole ? { target, orgName: a.orgName } : null },
              };
            }),
          })),
        });
      }
    }
    return out;
  }, [list.data, details, year, today.date]);
  return { options, loading: list.loading || frameworkIds.some((id) => !details[id]) };
}

/** The path (adoption, dimension, indicator) of a chosen indicator in the tree. */
function pathOf(options: PickerOption[], v: ItemForm['indicator']): Array<string | number> | undefined {
  if (!v) return undefined;
  const a = options.find((o) => o.value === v.adoptionId);
  const d = a?.children?.find((x) => x.children?.some((i) => i.value === v.indicatorKey));
  return a && d ? [a.value, d.value, v.indicatorKey] : undefined;
}

/** One cascading choice: work-system adoption (framework · org · year) → dimension → indicator. */
function IndicatorPicker({ value, onChange, options, loading, onPicked, testId }: { value?: ItemForm['indicator']; onChange?: (v: ItemForm['indicator']) => void; options: PickerOption[]; loading: boolean; onPicked: (i: IndicatorChoice) => void; testId: string }) {
  const { t } = useI18n();
  const path = pathOf(options, value);
  return (
    <Cascader<PickerOption>
      style={{ width: '100%' }}
      options={options}
      loading={loading}
      value={path ?? (value ? [value.adoptionId, '', value.indicatorKey] : undefined)}
      displayRender={(labels) => (path ? labels.join(' / ') : value ? `#${value.adoptionId} / ${value.indicatorKey}` : '')}
      placeholder={t('assessment.item.indicatorPick')}
      notFoundContent={loading ? undefined : t('assessment.item.indicatorNone')}
      expandTrigger="click"
      popupClassName="assessment-indicator-popup"
      showSearch={{ filter: (input, opts) => opts.some((o) => String(o.label).toLowerCase().includes(input.toLowerCase())) }}
      onChange={(p, selected) => {
        const leaf = (selected as PickerOption[] | undefined)?.at(-1)?.indicator;
        if (!p || !leaf) return onChange?.(null);
        onChange?.({ adoptionId: Number(p[0]), indicatorKey: String(p[2]) });
        onPicked(leaf);
      }}
      data-testid={testId}
    />
  );
}

function SchemeModal({ scheme, onClose, onSaved }: { scheme: Scheme | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const today = useToday();
  const phone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm();
  const { saving, problem, submit } = useFormSubmit(form);
  const items = (Form.useWatch('items', form) as ItemForm[] | undefined) ?? [];
  const year = Form.useWatch('year', form) as number | undefined;
  const total = Math.round(items.reduce((s, i) => s + (Number(i?.weight) || 0), 0) * 10) / 10;
  const tree = useIndicatorTree(year ?? scheme?.year ?? today.year);
  const vocabulary = useApiGet<Vocabulary>('/api/v1/worksystems/vocabulary');
  const sourceOf = (key: string | undefined) => vocabulary.data?.sources.find((s) => s.key === key);
  /** What a source offers: a count and a coverage always; a sum or a distinct count where it has such fields; on time for decision tasks. */
  const aggregatesOf = (key: string | undefined) => {
    const src = sourceOf(key);
    if (!src) return [];
    return (vocabulary.data?.aggregates ?? []).filter((a) => a === 'count' || a === 'coverage' || (a === 'sum' && src.sumFields.length > 0) || (a === 'distinct' && src.distinctFields.length > 0) || (a === 'on_time' && key === 'decision_task'));
  };
  const fieldsOf = (key: string | undefined, agg: string | undefined) => (agg === 'sum' ? (sourceOf(key)?.sumFields ?? []) : agg === 'distinct' ? (sourceOf(key)?.distinctFields ?? []) : []);
  const initial = {
    year: scheme?.year ?? today.year,
    title: scheme?.title ?? '',
    items: (scheme?.items ?? [{ key: 'evaluation', name: '', kind: 'manual', weight: 100, scoring: 'proportional' }]).map((i) => {
      const m = (i as { measure?: { source?: string; aggregate?: string; field?: string } }).measure;
      const x = i as { adoptionId?: number; indicatorKey?: string };
      return { ...i, indicator: x.adoptionId && x.indicatorKey ? { adoptionId: x.adoptionId, indicatorKey: x.indicatorKey } : null, source: m?.source, aggregate: m?.aggregate, field: m?.field };
    }),
  };
  const toBody = (v: { year: number; title: string; items: ItemForm[] }) => ({
    year: v.year,
    title: v.title,
    items: v.items.map(({ source, aggregate, field, indicator, ...i }) => ({
      key: i.key,
      name: i.name,
      kind: i.kind,
      weight: i.weight,
      unit: i.unit ?? '',
      target: i.target ?? null,
      scoring: i.scoring,
      ...(i.kind === 'indicator' ? { adoptionId: indicator?.adoptionId, indicatorKey: indicator?.indicatorKey } : {}),
      ...(i.kind === 'measure' ? { measure: { source, aggregate, ...(field ? { field } : {}) } } : {}),
    })),
  });
  const w = (px: number) => (phone ? { width: '100%' } : { width: px });
  /** The server's errors on an item's part (body.items[1].measure.field) go onto the field of the form that chose it. */
  const markItems = (err: unknown) => {
    if (!(err instanceof ApiError)) return;
    const fields = err.details.flatMap((d) => {
      const m = /^body\.items\[(\d+)\]\.(\w+)(?:\.(\w+))?/.exec(d.path);
      if (!m) return [];
      const part = m[2] === 'adoptionId' || m[2] === 'indicatorKey' ? 'indicator' : m[2] === 'measure' ? (m[3] === 'field' || m[3] === 'aggregate' ? m[3] : 'source') : m[2]!;
      return [{ name: ['items', Number(m[1]), part], errors: [d.message] }];
    });
    if (fields.length > 0) form.setFields(fields);
  };
  return (
    <Modal
      open
      width={phone ? '100%' : 960}
      style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      title={scheme ? t('assessment.editScheme') : t('assessment.newScheme')}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ id: 'scheme-save' }}
      onOk={() =>
        void form.validateFields().then((v: { year: number; title: string; items: ItemForm[] }) =>
          submit(
            () => (scheme ? api.put(`/api/v1/assessment/schemes/${scheme.id}`, { ...toBody(v), version: scheme.version }) : api.post('/api/v1/assessment/schemes', toBody(v))).catch((err: unknown) => (markItems(err), Promise.reject(err))),
            () => (onSaved(), onClose()),
          ),
        )
      }
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="scheme-problem" /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Flex gap={8} wrap>
          <Form.Item name="year" label={t('assessment.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="title" label={t('assessment.schemeTitle')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 200 }}>
            <Input maxLength={100} data-testid="scheme-title" />
          </Form.Item>
        </Flex>
        <Alert type={total === 100 ? 'success' : 'warning'} showIcon style={{ marginBottom: 12 }} message={t(total === 100 ? 'assessment.weightsOk' : 'assessment.weightsNot100', { total })} data-testid="weights-total" />
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => {
                const item = items[f.name];
                const kind = item?.kind;
                const aggregates = aggregatesOf(item?.source);
                const fieldChoices = fieldsOf(item?.source, item?.aggregate);
                return (
                  <Flex key={f.key} gap={8} wrap align="flex-start" style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }} data-testid="scheme-item">
                    {kind === 'indicator' ? (
                      <Form.Item name={[f.name, 'indicator']} label={t('assessment.item.indicatorPick')} rules={[{ required: true }]} style={{ width: '100%', marginBottom: 8 }}>
                        <IndicatorPicker
                          options={tree.options}
                          loading={tree.loading}
                          testId={`item-indicator-${f.name}`}
                          onPicked={(i) => {
                            form.setFieldValue(['items', f.name, 'name'], i.label);
                            form.setFieldValue(['items', f.name, 'unit'], i.unit);
                            form.setFieldValue(['items', f.name, 'target'], i.target);
                            // A target set for several branches together is not one branch's: say so instead of prefilling it.
                            if (i.wholeTarget) void message.info(t('assessment.item.wholeTarget', { target: `${i.wholeTarget.target}${i.unit}`, org: i.wholeTarget.orgName }), 8);
                            if (/^item\d+$/.test(form.getFieldValue(['items', f.name, 'key']) as string)) form.setFieldValue(['items', f.name, 'key'], i.value);
                          }}
                        />
                      </Form.Item>
                    ) : null}
                    <Form.Item name={[f.name, 'key']} label={t('assessment.item.key')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/ }]} style={w(120)}>
                      <Input data-testid={`item-key-${f.name}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} label={t('assessment.item.name')} rules={[{ required: true }]} style={w(180)}>
                      <Input maxLength={60} data-testid={`item-name-${f.name}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'kind']} label={t('assessment.item.kind')} style={w(130)}>
                      <Select options={ASSESSMENT_ITEM_KINDS.map((k) => ({ value: k, label: t(`assessment.kind.${k}` as MessageKey) }))} data-testid={`item-kind-${f.name}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'weight']} label={t('assessment.item.weight')} rules={[{ required: true }]} style={{ width: 90 }}>
                      <InputNumber min={0} max={100} data-testid="item-weight" />
                    </Form.Item>
                    {kind === 'measure' ? (
                      <>
                        <Form.Item name={[f.name, 'source']} label={t('assessment.item.source')} rules={[{ required: true }]} style={w(160)}>
                          <Select
                            options={(vocabulary.data?.sources ?? []).map((s) => ({ value: s.key, label: t(`worksystems.help.source.${s.key}` as MessageKey) }))}
                            onChange={() => (form.setFieldValue(['items', f.name, 'aggregate'], 'count'), form.setFieldValue(['items', f.name, 'field'], undefined))}
                            data-testid={`item-source-${f.name}`}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'aggregate']} label={t('assessment.item.aggregate')} rules={[{ required: true }]} style={w(140)}>
                          <Select
                            disabled={!item?.source}
                            options={aggregates.map((a) => ({ value: a, label: t(`assessment.aggregate.${a}` as MessageKey) }))}
                            onChange={() => form.setFieldValue(['items', f.name, 'field'], undefined)}
                            data-testid={`item-aggregate-${f.name}`}
                          />
                        </Form.Item>
                        {fieldChoices.length > 0 ? (
                          <Form.Item name={[f.name, 'field']} label={t('assessment.item.field')} rules={[{ required: true }]} style={w(140)}>
                            <Select options={fieldChoices.map((x) => ({ value: x, label: t(`assessment.field.${x}` as MessageKey) }))} data-testid={`item-field-${f.name}`} />
                          </Form.Item>
                        ) : null}
                      </>
                    ) : null}
                    {kind !== 'manual' ? (
                      <>
                        <Form.Item name={[f.name, 'target']} label={t('assessment.item.target')} style={{ width: 100 }}>
                          <InputNumber min={0} data-testid={`item-target-${f.name}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'unit']} label={t('assessment.item.unit')} style={{ width: 70 }}>
                          <Input maxLength={10} data-testid={`item-unit-${f.name}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'scoring']} label={t('assessment.item.scoring')} style={w(170)}>
                          <Select options={ASSESSMENT_SCORINGS.map((s) => ({ value: s, label: t(`assessment.scoring.${s}` as MessageKey) }))} />
                        </Form.Item>
                      </>
                    ) : null}
                    <Button type="link" danger onClick={() => remove(f.name)} style={{ marginTop: phone ? 0 : 30 }}>
                      {t('assessment.delete')}
                    </Button>
                  </Flex>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: `item${fields.length + 1}`, name: '', kind: 'manual', weight: 0, scoring: 'proportional' })} data-testid="add-item">
                {t('assessment.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
