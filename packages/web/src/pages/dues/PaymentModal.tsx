import { Alert, App, Checkbox, Form, Input, Modal, Radio, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { DUES_INPUT_LIMITS, DUES_RULES } from '@hongyi/core';
import { type MemberDues, type PaymentResult, type VoluntaryResult, parseYuan, yuan } from './types';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';

interface Values {
  months?: string[];
  method: 'cash' | 'transfer';
  paidOn: dayjs.Dayjs;
  amountYuan?: string;
  reference?: string;
  note?: string;
}

/** Records a payment for a member's unpaid months, or a voluntary extra (≥1000元 goes to the Centre). */
export function PaymentModal({ memberId, onClose, onSaved }: { memberId: number | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'dues' | 'voluntary'>('dues');
  const [saving, setSaving] = useState(false);
  const detail = useApiGet<MemberDues>(memberId ? `/api/v1/dues/members/${memberId}` : null);
  const unpaid = (detail.data?.months ?? []).filter((m) => m.paidCents < m.dueCents).sort((a, b) => a.month.localeCompare(b.month));

  const submit = async () => {
    if (!memberId) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (mode === 'dues') {
        const result = await api.post<PaymentResult>('/api/v1/dues/payments', {
          memberId,
          months: v.months,
          method: v.method,
          paidOn: v.paidOn.format('YYYY-MM-DD'),
          ...(v.reference ? { reference: v.reference } : {}),
          ...(v.note ? { note: v.note } : {}),
        });
        void message.success(t('dues.pay.done', { amount: yuan(result.totalCents) }));
        if (result.warnings.length > 0) modal.warning({ title: t('dues.pay.warning'), content: result.warnings.map((w) => w.message).join('\n') });
      } else {
        const cents = parseYuan(v.amountYuan ?? '');
        if (!cents) {
          form.setFields([{ name: 'amountYuan', errors: [t('dues.base.invalidYuan')] }]);
          return;
        }
        const result = await api.post<VoluntaryResult>('/api/v1/dues/voluntary', {
          memberId,
          amountCents: cents,
          method: v.method,
          paidOn: v.paidOn.format('YYYY-MM-DD'),
          ...(v.note ? { note: v.note } : {}),
        });
        void message.success(result.toCentre ? t('dues.voluntary.toCentre', { amount: DUES_RULES.largeVoluntaryExtraMinCents / 100 }) : t('common.saved'));
      }
      onSaved();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={memberId !== null}
      title={detail.data ? t('dues.pay.title', { name: detail.data.member.name }) : t('dues.pay.record')}
      okText={t('common.submit')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Segmented
          value={mode}
          onChange={(m) => setMode(m as 'dues' | 'voluntary')}
          options={[
            { value: 'dues', label: t('dues.pay.dues') },
            { value: 'voluntary', label: t('dues.pay.voluntary') },
          ]}
        />
        {detail.data ? (
          <Typography.Text type="secondary">
            {t('dues.paidThrough')}：{detail.data.arrears.paidThrough ?? '—'}；{t('dues.outstanding')}：{yuan(detail.data.arrears.outstandingCents)}
          </Typography.Text>
        ) : null}
        <Form form={form} layout="vertical" initialValues={{ method: 'cash', paidOn: today.day, months: [] }} data-testid="dues-pay-form">
          {mode === 'dues' ? (
            unpaid.length === 0 ? (
              <Alert type="success" showIcon title={t('dues.pay.nothing')} />
            ) : (
              <Form.Item name="months" label={t('dues.pay.months')} rules={[{ required: true, type: 'array', min: 1, max: DUES_INPUT_LIMITS.paymentMaxMonths }]}>
                <Checkbox.Group
                  options={unpaid.map((m) => ({ value: m.month, label: `${m.month}（${yuan(m.dueCents - m.paidCents)}）` }))}
                />
              </Form.Item>
            )
          ) : (
            <Form.Item name="amountYuan" label={t('dues.voluntary.amount')} extra={t('dues.voluntary.hint', { amount: DUES_RULES.largeVoluntaryExtraMinCents / 100 })} rules={[{ required: true }]}>
              <Input addonAfter={t('dues.yuan')} inputMode="decimal" />
            </Form.Item>
          )}
          <Form.Item name="method" label={t('dues.pay.method')}>
            <Radio.Group
              options={[
                { value: 'cash', label: t('dues.method.cash') },
                { value: 'transfer', label: t('dues.method.transfer') },
              ]}
            />
          </Form.Item>
          <Form.Item name="paidOn" label={t('dues.pay.paidOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          {mode === 'dues' ? (
            <Form.Item name="reference" label={t('dues.pay.reference')}>
              <Input maxLength={DUES_INPUT_LIMITS.referenceMaxLength} />
            </Form.Item>
          ) : null}
          <Form.Item name="note" label={t('dues.note')}>
            <Input maxLength={DUES_INPUT_LIMITS.noteMaxLength} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
