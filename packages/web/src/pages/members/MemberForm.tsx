import { ETHNIC_GROUPS, joinedUnderAge, parseIdNumber } from '@hongyi/core';
import { Alert, App, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useI18n } from '../../i18n';
import { type Department, EDUCATIONS, MEMBER_STATUSES, type MemberProfile, TITLES, fieldOfPath } from './types';
import { DatePicker } from '../../components/DatePicker';

const DATE_FIELDS = ['joinedOn', 'fullOn', 'workStartedOn'] as const;
const TEXT_FIELDS = ['name', 'ethnicity', 'nativePlace', 'degree', 'jobCategory', 'post', 'phone', 'address', 'flowTo', 'sponsors'] as const;
const CHOICE_FIELDS = ['gender', 'category', 'status', 'education', 'title', 'departmentId', 'campusId'] as const;
const FLAG_FIELDS = ['lostContact', 'academicLeader'] as const;
/** Columns the API treats as nullable: an empty value is sent as null, not ''. */
const NULLABLE = new Set(['degree', 'jobCategory', 'education', 'title', 'departmentId', 'campusId', 'joinedOn', 'fullOn', 'workStartedOn']);

type Values = Record<string, string | number | boolean | Dayjs | null | undefined>;

function initialValues(m: MemberProfile | undefined): Values {
  if (!m) return { category: 'full', ethnicity: '汉族', lostContact: false, academicLeader: false };
  const v: Values = {};
  for (const f of [...TEXT_FIELDS, ...CHOICE_FIELDS, ...FLAG_FIELDS]) v[f] = (m as unknown as Record<string, string | number | boolean | null>)[f] ?? undefined;
  for (const f of DATE_FIELDS) v[f] = m[f] ? dayjs(m[f]) : null;
  return v;
}

/** Form values as the API wants them: dates as 'YYYY-MM-DD', blanks as null (or '' for text columns that are never null). */
function toBody(values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (dayjs.isDayjs(v)) out[k] = v.format('YYYY-MM-DD');
    else if (v === null || v === '') out[k] = NULLABLE.has(k) ? null : '';
    else out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.details.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.details.map((d) => ({ name: fieldOfPath(d.path), errors: [d.message] })).filter((f) => known.has(f.name));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/**
 * Create a member, or edit one (sending the version read: a 409 says someone else changed
 * the record meanwhile, reloads it and keeps the form open). The branch is chosen on
 * creation only; later moves are transfers, which keep the branch history.
 */
export function MemberFormModal({ member, onClose, onSaved, onConflict }: { member?: MemberProfile; onClose: () => void; onSaved: (id: number) => void; onConflict?: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const departments = useApiGet<{ items: Department[] }>('/api/v1/departments');
  const editing = member !== undefined;
  const baseline = useMemo(() => initialValues(member), [member]);

  // After a 409 the parent reloads the member: show the latest record in the form.
  useEffect(() => {
    form.setFieldsValue(baseline);
  }, [form, baseline]);

  const campuses = useMemo(() => {
    const seen = new Map<number, string>();
    for (const d of departments.data?.items ?? []) if (d.campusId && d.campusName) seen.set(d.campusId, d.campusName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [departments.data]);

  const save = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      if (member) {
        const body = toBody(values);
        const before = toBody(baseline);
        const changed = Object.fromEntries(Object.entries(body).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(before[k] ?? null)));
        await api.patch(`/api/v1/members/${member.id}`, { ...changed, version: member.version });
        void message.success(t('members.form.saved'));
        onSaved(member.id);
      } else {
        const result = await api.post<{ id: number }>('/api/v1/members', toBody(values));
        void message.success(t('members.created', { name: String(values.name) }));
        onSaved(result.id);
      }
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'VERSION_CONFLICT') {
        setProblem(t('members.form.conflict'));
        onConflict?.();
      } else if (!showFieldErrors(form, error)) setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, message: t('members.form.required', { field }) }];
  // 党章 第一条: nobody joins before their 18th birthday (the birth date from the ID number typed, or on record).
  const birthDateOf = (getFieldValue: (name: string) => unknown): string | null => {
    if (member) return member.birthDate;
    const parsed = parseIdNumber(String(getFieldValue('idNumber') ?? ''));
    return parsed.ok ? parsed.value.birthDate : null;
  };
  const ageRule = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, value: Dayjs | null | undefined) => {
      const birthDate = birthDateOf(getFieldValue);
      const under = value && birthDate ? joinedUnderAge(birthDate, value.format('YYYY-MM-DD')) : null;
      return under ? Promise.reject(new Error(t('members.form.underAge', under))) : Promise.resolve();
    },
  });
  const date = (name: (typeof DATE_FIELDS)[number], column: string) => (
    <Col xs={24} sm={12} md={8}>
      <Form.Item
        name={name}
        label={t(`members.field.${column}` as 'members.field.name')}
        dependencies={name === 'joinedOn' ? ['idNumber'] : undefined}
        rules={name === 'joinedOn' ? [...(editing ? [] : required(t('members.field.joined_on'))), ageRule] : []}
      >
        <DatePicker style={{ width: '100%' }} data-testid={`member-form-${name}`} />
      </Form.Item>
    </Col>
  );
  // A masked phone (role without members.sensitive) is shown but cannot be edited.
  const masked = member?.phone.includes('*') ?? false;
  const text = (name: (typeof TEXT_FIELDS)[number], column: string, max = 50) => (
    <Col xs={24} sm={12} md={8}>
      <Form.Item name={name} label={t(`members.field.${column}` as 'members.field.name')} rules={name === 'name' ? required(t('members.field.name')) : []}>
        <Input maxLength={max} disabled={name === 'phone' && masked} data-testid={`member-form-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open
      width={880}
      title={member ? t('members.form.editTitle', { name: member.name }) : t('members.form.createTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: busy, 'data-testid': 'member-form-save' } as never}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="member-form-problem" /> : null}
      <Form form={form} layout="vertical" initialValues={baseline} data-testid="member-form">
        <Row gutter={12}>
          {text('name', 'name')}
          {editing ? null : (
            <Col xs={24} sm={12} md={8}>
              <Form.Item name="idNumber" label={t('members.field.id_number')} extra={t('members.form.idHint')} rules={required(t('members.field.id_number'))}>
                <Input maxLength={18} data-testid="member-form-idNumber" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="gender" label={t('members.field.gender')}>
              <Select allowClear options={['male', 'female'].map((g) => ({ value: g, label: label('gender', g) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="category" label={t('members.field.category')} rules={required(t('members.field.category'))}>
              <Select options={['full', 'probationary'].map((c) => ({ value: c, label: label('memberCategory', c) }))} data-testid="member-form-category" />
            </Form.Item>
          </Col>
          {editing ? (
            <Col xs={24} sm={12} md={8}>
              <Form.Item name="status" label={t('members.field.status')}>
                <Select options={MEMBER_STATUSES.filter((s) => s !== 'transferred_out' || member?.status === s).map((s) => ({ value: s, label: label('memberStatus', s) }))} />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} sm={12} md={8}>
              <Form.Item name="orgId" label={t('members.field.org_id')} extra={t('members.form.orgHint')} rules={required(t('members.field.org_id'))}>
                <OrgTreeSelect data-testid="member-form-orgId" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="ethnicity" label={t('members.field.ethnicity')} extra={t('members.form.ethnicityHint')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={ETHNIC_GROUPS.map((e) => ({ value: e, label: e }))} data-testid="member-form-ethnicity" />
            </Form.Item>
          </Col>
          {text('nativePlace', 'native_place')}
          {date('joinedOn', 'joined_on')}
          {date('fullOn', 'full_on')}
          {date('workStartedOn', 'work_started_on')}
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="education" label={t('members.field.education')}>
              <Select allowClear options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
          </Col>
          {text('degree', 'degree', 20)}
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="title" label={t('members.field.title')}>
              <Select allowClear options={TITLES.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="departmentId" label={t('members.field.department_id')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="campusId" label={t('members.field.campus_id')}>
              <Select allowClear options={campuses} />
            </Form.Item>
          </Col>
          {text('jobCategory', 'job_category')}
          {text('post', 'post')}
          {text('phone', 'phone', 20)}
          {text('address', 'address', 200)}
          {text('sponsors', 'sponsors', 100)}
          {text('flowTo', 'flow_to', 100)}
          <Col xs={12} sm={6} md={4}>
            <Form.Item name="lostContact" label={t('members.field.lost_contact')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} md={4}>
            <Form.Item name="academicLeader" label={t('members.field.academic_leader')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
