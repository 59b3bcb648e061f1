import type { VotingExclusionKind } from '@hongyi/core';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';

/** A recorded exclusion as its forms ask it (here from the attendance, and on the member's page). */
export interface ExclusionValues {
  kind: VotingExclusionKind;
  fromOn: Dayjs;
  toOn?: Dayjs | null;
  reason?: string;
  approvalRef: string;
  approvedOn: Dayjs;
  approvedBy?: string;
}

/** Records the exclusion for the member (whoever records meetings for their branch). */
export function saveExclusion(memberId: number, v: ExclusionValues) {
  return api.post(`/api/v1/orglife/members/${memberId}/voting-exclusions`, {
    kind: v.kind,
    fromOn: v.fromOn.format('YYYY-MM-DD'),
    toOn: v.toOn ? v.toOn.format('YYYY-MM-DD') : null,
    reason: v.reason ?? '',
    approvalRef: v.approvalRef,
    approvedOn: v.approvedOn.format('YYYY-MM-DD'),
    approvedBy: v.approvedBy ?? '',
  });
}

/**
 * Records that a member is not among those due to vote from a date: voting rights suspended
 * (留党察看) or away long-term with approval (出国出境 …). The approval (reference and date) is
 * required: without it the member stays in the quorum base.
 */
export function VotingExclusionModal({ member, date, onClose, onSaved }: { member: { memberId: number; name: string } | null; date: string; onClose: () => void; onSaved: (kind: ExclusionValues['kind']) => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<ExclusionValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    const v = await form.validateFields();
    setError(null);
    setSaving(true);
    try {
      await saveExclusion(member!.memberId, v);
      onSaved(v.kind);
      form.resetFields();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={member !== null}
      title={t('orglife.exclusion.title', { name: member?.name ?? '' })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      data-testid="exclusion-modal"
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('orglife.exclusion.hint')} />
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      <Form<ExclusionValues> form={form} layout="vertical" preserve={false} initialValues={{ kind: 'away_approved', fromOn: dayjs(date), approvedOn: dayjs(date) }}>
        <Form.Item name="kind" label={t('orglife.exclusion.kind')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['away_approved', 'rights_suspended'] as const).map((k) => ({ value: k, label: t(`orglife.noVote.${k}`) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('orglife.exclusion.reason')}>
          <Input placeholder={t('orglife.exclusion.reasonPlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.Item name="fromOn" label={t('orglife.exclusion.fromOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="toOn" label={t('orglife.exclusion.toOn')} extra={t('orglife.exclusion.toOnHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="approvalRef" label={t('orglife.exclusion.approvalRef')} rules={[{ required: true, whitespace: true, message: t('orglife.exclusion.approvalRequired') }]}>
          <Input maxLength={200} data-testid="exclusion-approval-ref" />
        </Form.Item>
        <Form.Item name="approvedOn" label={t('orglife.exclusion.approvedOn')} rules={[{ required: true, message: t('orglife.exclusion.approvalRequired') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="approvedBy" label={t('orglife.exclusion.approvedBy')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
