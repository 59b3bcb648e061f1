import { LETTER_VALID_DAYS } from '@hongyi/core';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, type FormInstance, Input, InputNumber, Modal, Result, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, api, downloadFile, toQueryString } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import type { MemberRow, Page } from '../../api/types';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useI18n } from '../../i18n';
import { fieldOfPath } from '../members/types';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';
import type { ApiResult } from '../../api/contract';

interface MemberRef {
  id: number;
  name: string;
}

/** Picks an active member by name, pinyin initials or ID suffix (server search). */
export function MemberPicker({ value, onChange }: { value?: number; onChange?: (id: number) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<MemberRow>>(`/api/v1/members${toQueryString({ q, pageSize: 20 })}`, { signal: controller.signal })
        .then((page) => setOptions(page.items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName ?? ''}）` }))))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      placeholder={t('transfers.form.memberPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      data-testid="transfer-member"
    />
  );
}

function useSubmit() {
  const errorText = useErrorText();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs the request; a 400's details land on the form's fields, anything else above it. */
  const run = async <T,>(form: ReturnType<typeof Form.useForm>[0], send: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(null);
    try {
      return await send();
    } catch (error) {
      const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
      const fields = error instanceof ApiError ? error.details.map((d) => ({ name: fieldOfPath(d.path), errors: [d.message] })).filter((f) => known.has(f.name)) : [];
      if (fields.length) form.setFields(fields);
      else setProblem(errorText(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, run };
}

/**
 * A transfer modal's form and its save: validated, sent (field errors onto the fields, others
 * above the form), then the success said and the modal closed.
 */
function useTransferForm(onDone: () => void, onClose: () => void) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { problem, busy, run } = useSubmit();
  const save = async <V,>(send: (v: V) => Promise<unknown>, said: (v: V) => string) => {
    const v = (await form.validateFields().catch(() => null)) as V | null;
    if (!v) return;
    const done = await run(form, () => send(v));
    if (done === undefined) return;
    void message.success(said(v));
    onDone();
    onClose();
  };
  return { form, problem, busy, run, save };
}

/** A transfer's form: the refusal on top, the member (picked, unless the modal is for one), then the modal's own fields; the effective date defaults to today. */
function TransferForm({ form, problem, member, children }: { form: FormInstance; problem: string | null; member?: MemberRef; children: ReactNode }) {
  const { t } = useI18n();
  const today = useToday();
  return (
    <>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ effectiveOn: today.day }}>
        {member ? null : (
          <Form.Item name="memberId" label={t('transfers.form.member')} rules={[{ required: true }]}>
            <MemberPicker />
          </Form.Item>
        )}
        {children}
      </Form>
    </>
  );
}

const day = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : undefined);

/** Branch A → branch B within the unit from an effective date. */
export function TransferInternalModal({ member, onClose, onDone }: { member?: MemberRef; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { form, problem, busy, save } = useTransferForm(onDone, onClose);
  const submit = () =>
    save<{ memberId: number; toOrgId: number; effectiveOn: Dayjs; notes?: string }>(
      (v) => api.post<ApiResult<'/api/v1/transfers/internal', 'post'>>('/api/v1/transfers/internal', { memberId: member?.id ?? v.memberId, toOrgId: v.toOrgId, effectiveOn: day(v.effectiveOn), notes: v.notes ?? '' }),
      () => t('transfers.done.internal'),
    );
  const req = [{ required: true }];
  return (
    <Modal open title={member ? `${t('transfers.new.internal')}：${member.name}` : t('transfers.new.internal')} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ loading: busy }} destroyOnHidden>
      <TransferForm form={form} problem={problem} member={member}>
        <Form.Item name="toOrgId" label={t('transfers.form.toOrg')} rules={req}>
          <OrgTreeSelect data-testid="transfer-to-org" />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('transfers.form.effectiveOn')} rules={req}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="notes" label={t('transfers.form.notes')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </TransferForm>
    </Modal>
  );
}

/** Out of the unit: issues the three-part letter, then offers it for download. */
export function TransferOutModal({ member, onClose, onDone }: { member?: MemberRef; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { form, problem, busy, run } = useTransferForm(onDone, onClose);
  const [issued, setIssued] = useState<{ id: number; letterNo: string; paidThrough: string | null; receiptDueOn: string } | null>(null);
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as { memberId: number; toOrgName: string; effectiveOn: Dayjs; letterNo?: string; validDays?: number; notes?: string } | null;
    if (!v) return;
    const body = { memberId: member?.id ?? v.memberId, toOrgName: v.toOrgName, effectiveOn: day(v.effectiveOn), letterNo: v.letterNo || undefined, validDays: v.validDays ?? undefined, notes: v.notes ?? '' };
    const done = await run(form, () => api.post<ApiResult<'/api/v1/transfers/out', 'post'>>('/api/v1/transfers/out', body));
    if (!done) return;
    setIssued(done);
    onDone();
  };
  const download = () => {
    if (!issued) return;
    downloadFile(`/api/v1/transfers/${issued.id}/letter`, `letter-${issued.letterNo}.docx`).catch((error: unknown) => void message.error(errorText(error)));
  };
  const req = [{ required: true }];
  return (
    <Modal
      open
      title={member ? `${t('transfers.new.out')}：${member.name}` : t('transfers.new.out')}
      onCancel={onClose}
      onOk={() => (issued ? onClose() : void submit())}
      okText={issued ? t('common.close') : undefined}
      cancelButtonProps={issued ? { style: { display: 'none' } } : undefined}
      okButtonProps={{ loading: busy, 'data-testid': 'transfer-out-submit' } as never}
      destroyOnHidden
    >
      {issued ? (
        <Result
          status="success"
          title={t('transfers.done.out', { letterNo: issued.letterNo })}
          subTitle={t('transfers.done.outDetail', { paidThrough: issued.paidThrough ?? t('transfers.paidThroughNone'), due: issued.receiptDueOn })}
          extra={
            <Button type="primary" icon={<DownloadOutlined />} onClick={download} data-testid="transfer-letter-download">
              {t('transfers.letter')}
            </Button>
          }
        />
      ) : (
        <>
          <TransferForm form={form} problem={problem} member={member}>
            <Form.Item name="toOrgName" label={t('transfers.form.toOrgName')} extra={t('transfers.form.toOrgNameHint')} rules={[{ required: true, min: 2, max: 100 }]}>
              <Input data-testid="transfer-to-org-name" />
            </Form.Item>
            <Form.Item name="effectiveOn" label={t('transfers.form.effectiveOn')} rules={req}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="letterNo" label={t('transfers.form.letterNo')} extra={t('transfers.form.letterNoHint')}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="validDays" label={t('transfers.form.validDays')}>
              <InputNumber min={LETTER_VALID_DAYS.min} max={LETTER_VALID_DAYS.max} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="notes" label={t('transfers.form.notes')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </TransferForm>
        </>
      )}
    </Modal>
  );
}

/** A member arriving with a letter from another organisation. */
export function TransferInModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const today = useToday();
  const { form, problem, busy, save } = useTransferForm(onDone, onClose);
  const departments = useApiGet<ApiResult<'/api/v1/departments'>>('/api/v1/departments');
  const submit = () =>
    save<Record<string, unknown>>(
      (v) =>
        api.post<ApiResult<'/api/v1/transfers/in', 'post'>>('/api/v1/transfers/in', {
          ...v,
          joinedOn: day(v.joinedOn as Dayjs),
          fullOn: day(v.fullOn as Dayjs | null) ?? null,
          effectiveOn: day(v.effectiveOn as Dayjs),
          phone: (v.phone as string | undefined) ?? '',
          departmentId: (v.departmentId as number | undefined) ?? undefined,
        }),
      (v) => t('transfers.done.in', { name: String(v.name) }),
    );
  const req = [{ required: true }];
  return (
    <Modal open width={640} title={t('transfers.new.in')} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ loading: busy }} destroyOnHidden>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ effectiveOn: today.day, category: 'full' }}>
        <Form.Item name="letterNo" label={t('transfers.form.inLetterNo')} rules={req}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="fromOrgName" label={t('transfers.form.fromOrgName')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label={t('members.field.name')} rules={req}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('members.field.id_number')} extra={t('members.form.idHint')} rules={req}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="category" label={t('members.field.category')} rules={req}>
          <Select options={['full', 'probationary'].map((c) => ({ value: c, label: label('memberCategory', c) }))} />
        </Form.Item>
        <Form.Item name="joinedOn" label={t('members.field.joined_on')} rules={req}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="fullOn" label={t('members.field.full_on')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="phone" label={t('members.field.phone')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="toOrgId" label={t('transfers.form.inOrg')} rules={req}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="departmentId" label={t('members.field.department_id')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('transfers.form.effectiveOn')} rules={req}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The 回执 came back: record the date (with the version read; 409 if changed meanwhile). */
export function ReceiptModal({ transfer, onClose, onDone }: { transfer: { id: number; version: number; letterNo: string; effectiveOn: string }; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const { form, problem, busy, save } = useTransferForm(onDone, onClose);
  const submit = () =>
    save<{ receivedOn: Dayjs }>(
      (v) => api.post(`/api/v1/transfers/${transfer.id}/receipt`, { version: transfer.version, receivedOn: day(v.receivedOn) }),
      () => t('transfers.receiptSaved'),
    );
  return (
    <Modal open title={`${t('transfers.recordReceipt')}：${transfer.letterNo}`} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ loading: busy, 'data-testid': 'receipt-submit' } as never} destroyOnHidden>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ receivedOn: today.day }}>
        <Form.Item name="receivedOn" label={t('transfers.receiptDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(transfer.effectiveOn), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
