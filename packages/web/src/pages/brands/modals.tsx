/** The brand page's forms, each in a modal: element, rule, rule review, evidence link, figure. */
import { BRAND_EVIDENCE_KINDS, BRAND_ORG_SCOPES, BRAND_PERIODS, BRAND_PROJECT_MEASURES, BRAND_RULES, BRAND_SERVICE_MEASURES, type BrandEvidenceKind } from '@hongyi/core';
import { Alert, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { ButtonProps, FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { api, toQueryString } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { DatePicker } from '../../components/DatePicker';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { MemberSelect } from '../../components/MemberSelect';

export type BrandPageData = ApiResult<'/api/v1/brands/{id}'>;
type Rule = BrandPageData['rules'][number];
type Element = BrandPageData['elements'][number];
type Figure = BrandPageData['figures'][number];
type Candidate = ApiResult<'/api/v1/brands/{id}/evidence-candidates'>[number];

/** Where an evidence record opens in the app (honours have no page of their own: their list). */
export function evidenceLink(e: { kind: BrandEvidenceKind; id: number }): string | null {
  switch (e.kind) {
    case 'orglife_record':
      return `/orglife/records/${e.id}`;
    case 'service_event':
      return `/service/events/${e.id}`;
    case 'project':
      return `/projects/${e.id}`;
    case 'programme':
      return `/honours/programmes/${e.id}`;
    case 'decision_topic':
      return `/decisions/topics/${e.id}`;
    case 'honour':
      return null;
  }
}

/** A modal whose OK validates the form, sends it and reports a refusal on its fields and above the form. */
function FormModal<T extends object>({ title, form, send, onClose, onSaved, children, testId }: { title: string; form: FormInstance<T>; send: (v: T) => Promise<unknown>; onClose: () => void; onSaved: () => void; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    await save(() => send(v), () => {
      onSaved();
      onClose();
    });
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} okButtonProps={testId ? ({ 'data-testid': `${testId}-ok` } as ButtonProps) : {}}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      {children}
    </Modal>
  );
}

interface OwnedForm {
  title: string;
  description?: string;
  ownerMemberId?: number | null;
  ownerName?: string;
  reviewEveryMonths?: number;
}

function OwnerFields({ initialName }: { initialName?: string | undefined }) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Form.Item name="ownerMemberId" label={t('brands.ownerMember')}>
        <MemberSelect initialName={initialName} />
      </Form.Item>
      <Form.Item name="ownerName" label={t('brands.ownerName')} tooltip={t('brands.ownerNameHint')}>
        <Input maxLength={50} style={{ width: 180 }} />
      </Form.Item>
    </Space>
  );
}

const ownedBody = (v: OwnedForm) => ({ title: v.title, description: v.description ?? '', ownerMemberId: v.ownerMemberId ?? null, ownerName: v.ownerName ?? '' });

export function ElementModal({ brandId, element, onClose, onSaved }: { brandId: number; element: Element | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<OwnedForm>();
  const initial = element ? { ...element, ownerName: element.ownerMemberId ? '' : element.ownerName } : {};
  const send = (v: OwnedForm) => (element ? api.put(`/api/v1/brands/${brandId}/elements/${element.id}`, { ...ownedBody(v), version: element.version }) : api.post(`/api/v1/brands/${brandId}/elements`, ownedBody(v)));
  return (
    <FormModal title={element ? t('brands.editElement') : t('brands.addElement')} form={form} send={send} onClose={onClose} onSaved={onSaved}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="title" label={t('brands.elementTitle')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('brands.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <OwnerFields initialName={element?.ownerName} />
      </Form>
    </FormModal>
  );
}

export function RuleModal({ brandId, rule, onClose, onSaved }: { brandId: number; rule: Rule | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<OwnedForm>();
  const initial = rule ? { ...rule, ownerName: rule.ownerMemberId ? '' : rule.ownerName } : { reviewEveryMonths: BRAND_RULES.defaultReviewEveryMonths };
  const body = (v: OwnedForm) => ({ ...ownedBody(v), reviewEveryMonths: v.reviewEveryMonths ?? BRAND_RULES.defaultReviewEveryMonths });
  const send = (v: OwnedForm) => (rule ? api.put(`/api/v1/brands/${brandId}/rules/${rule.id}`, { ...body(v), version: rule.version }) : api.post(`/api/v1/brands/${brandId}/rules`, body(v)));
  return (
    <FormModal title={rule ? t('brands.editRule') : t('brands.addRule')} form={form} send={send} onClose={onClose} onSaved={onSaved}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="title" label={t('brands.ruleTitle')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('brands.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <OwnerFields initialName={rule?.ownerName} />
        <Form.Item name="reviewEveryMonths" label={t('brands.reviewEvery')} rules={[{ required: true }]}>
          <InputNumber min={1} max={BRAND_RULES.maxReviewEveryMonths} addonAfter={t('brands.months')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function ReviewModal({ brandId, rule, onClose, onSaved }: { brandId: number; rule: Rule; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const [form] = Form.useForm<{ reviewedOn: Dayjs; note?: string }>();
  const send = (v: { reviewedOn: Dayjs; note?: string }) => api.post(`/api/v1/brands/${brandId}/rules/${rule.id}/review`, { reviewedOn: v.reviewedOn.format('YYYY-MM-DD'), note: v.note ?? '', version: rule.version });
  return (
    <FormModal title={t('brands.reviewTitle', { title: rule.title })} form={form} send={send} onClose={onClose} onSaved={onSaved} testId="review">
      <Form form={form} layout="vertical" initialValues={{ reviewedOn: today.day, note: '' }}>
        <Form.Item name="reviewedOn" label={t('brands.reviewedOn')} rules={[{ required: true }]}>
          <DatePicker maxDate={today.day} />
        </Form.Item>
        <Form.Item name="note" label={t('brands.reviewNote')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="review-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function EvidenceModal({ brandId, rule, onClose, onSaved }: { brandId: number; rule: Rule; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ kind: BrandEvidenceKind; recordId: number }>();
  const kind = Form.useWatch('kind', form) ?? 'service_event';
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Candidate[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<Candidate[]>(`/api/v1/brands/${brandId}/evidence-candidates${toQueryString({ kind, q: q || null })}`, { signal: controller.signal })
        .then(setOptions)
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [brandId, kind, q]);
  const send = (v: { kind: BrandEvidenceKind; recordId: number }) => api.post(`/api/v1/brands/${brandId}/rules/${rule.id}/evidence`, v);
  return (
    <FormModal title={t('brands.linkTitle', { title: rule.title })} form={form} send={send} onClose={onClose} onSaved={onSaved} testId="link">
      <Form form={form} layout="vertical" initialValues={{ kind: 'service_event' }}>
        <Form.Item name="kind" label={t('brands.evidenceKind')} rules={[{ required: true }]}>
          <Select options={BRAND_EVIDENCE_KINDS.map((k) => ({ value: k, label: label('brands.kind', k) }))} onChange={() => form.setFieldValue('recordId', undefined)} data-testid="evidence-kind" />
        </Form.Item>
        <Form.Item name="recordId" label={t('brands.evidenceRecord')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            options={options.map((o) => ({ value: o.id, label: `${o.date} ${o.title}${t('brands.evidenceOrg', { org: o.orgName })}` }))}
            notFoundContent={t('brands.noCandidates')}
            data-testid="evidence-record"
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface FigureForm {
  label: string;
  unit?: string;
  source: 'service' | 'honours' | 'projects';
  measure?: string;
  seriesId?: number | null;
  kinds?: string[];
  levels?: string[];
  orgScope: 'subtree' | 'org';
  period: 'year' | 'to_date';
}

export function FigureModal({ brandId, series, figure, onClose, onSaved }: { brandId: number; series: BrandPageData['series']; figure: Figure | null; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<FigureForm>();
  const source = Form.useWatch('source', form) ?? figure?.measure.source ?? 'service';
  const m = figure?.measure;
  const initial: Partial<FigureForm> = m
    ? {
        label: figure.label,
        unit: figure.unit,
        source: m.source,
        orgScope: m.orgScope,
        period: m.period,
        ...(m.source === 'service' ? { measure: m.measure, seriesId: m.seriesId ?? null, kinds: m.kinds ?? [] } : {}),
        ...(m.source === 'projects' ? { measure: m.measure } : {}),
        ...(m.source === 'honours' ? { levels: m.levels ?? [] } : {}),
      }
    : { source: 'service', measure: 'hours', orgScope: 'subtree', period: 'year', unit: '' };
  const measureOf = (v: FigureForm) => {
    const common = { orgScope: v.orgScope, period: v.period };
    if (v.source === 'honours') return { source: 'honours' as const, ...common, ...(v.levels?.length ? { levels: v.levels } : {}) };
    if (v.source === 'projects') return { source: 'projects' as const, measure: (v.measure ?? 'started') as (typeof BRAND_PROJECT_MEASURES)[number], ...common };
    return { source: 'service' as const, measure: (v.measure ?? 'events') as (typeof BRAND_SERVICE_MEASURES)[number], ...common, ...(v.seriesId ? { seriesId: v.seriesId } : {}), ...(v.kinds?.length ? { kinds: v.kinds } : {}) };
  };
  const send = (v: FigureForm) => {
    const body = { label: v.label, unit: v.unit ?? '', measure: measureOf(v) };
    return figure ? api.put(`/api/v1/brands/${brandId}/figures/${figure.id}`, { ...body, version: figure.version }) : api.post(`/api/v1/brands/${brandId}/figures`, body);
  };
  return (
    <FormModal title={figure ? t('brands.editFigure') : t('brands.addFigure')} form={form} send={send} onClose={onClose} onSaved={onSaved}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('brands.figureHint')} />
      <Form form={form} layout="vertical" initialValues={initial}>
        <Space wrap>
          <Form.Item name="label" label={t('brands.figureLabel')} rules={[{ required: true }]}>
            <Input maxLength={60} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="unit" label={t('brands.figureUnit')}>
            <Input maxLength={10} style={{ width: 90 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="source" label={t('brands.figureSource')} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={(['service', 'honours', 'projects'] as const).map((s) => ({ value: s, label: label('brands.source', s) }))} onChange={(s) => form.setFieldValue('measure', s === 'projects' ? 'started' : s === 'service' ? 'events' : undefined)} />
          </Form.Item>
          {source !== 'honours' ? (
            <Form.Item name="measure" label={t('brands.figureMeasure')} rules={[{ required: true }]}>
              <Select style={{ width: 230 }} options={(source === 'projects' ? BRAND_PROJECT_MEASURES : BRAND_SERVICE_MEASURES).map((x) => ({ value: x, label: label('brands.measure', x) }))} />
            </Form.Item>
          ) : null}
        </Space>
        {source === 'service' ? (
          <Space wrap>
            <Form.Item name="seriesId" label={t('brands.figureSeries')}>
              <Select allowClear style={{ width: 220 }} options={series.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="kinds" label={t('brands.figureKinds')}>
              <Select mode="tags" style={{ width: 220 }} />
            </Form.Item>
          </Space>
        ) : null}
        {source === 'honours' ? (
          <Form.Item name="levels" label={t('brands.figureLevels')}>
            <Select mode="tags" style={{ width: 300 }} />
          </Form.Item>
        ) : null}
        <Space wrap>
          <Form.Item name="orgScope" label={t('brands.figureOrgScope')}>
            <Select style={{ width: 180 }} options={BRAND_ORG_SCOPES.map((x) => ({ value: x, label: label('brands.orgScope', x) }))} />
          </Form.Item>
          <Form.Item name="period" label={t('brands.figurePeriod')}>
            <Select style={{ width: 180 }} options={BRAND_PERIODS.map((x) => ({ value: x, label: label('brands.period', x) }))} />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}
