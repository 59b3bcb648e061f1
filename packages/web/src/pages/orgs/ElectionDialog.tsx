import { Alert, App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { problemText } from './shared';
import type { OrgDetail } from './types';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';

interface ElectionValues {
  heldOn: Dayjs;
  termYears: number;
  votersDue: number;
  votersPresent: number;
  results?: string;
  notes?: string;
}

/** Records a 换届 election (append-only): it starts a new term whose expiry the server computes. */
export function ElectionDialog({ org, onClose, onDone }: { org: OrgDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<ElectionValues>();
  const today = useToday();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heldOn = Form.useWatch('heldOn', form);
  const termYears = Form.useWatch('termYears', form);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ id: number; termExpiresOn: string }>(`/api/v1/orgs/${org.id}/elections`, {
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        termYears: v.termYears,
        votersDue: v.votersDue,
        votersPresent: v.votersPresent,
        results: v.results ?? '',
        notes: v.notes ?? '',
      });
      void message.success(t('orgs.electionRecorded', { date: res.termExpiresOn }));
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(problemText(err, errorText));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('orgs.electionTitle', { name: org.name })} okText={t('common.save')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="election-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        data-testid="election-form"
        initialValues={{ heldOn: today.day, termYears: org.term?.years ?? org.termYears ?? 3, votersDue: org.fullMemberCount }}
      >
        <Form.Item name="heldOn" label={t('orgs.election.heldOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today.day, 'day')} />
        </Form.Item>
        <Form.Item name="termYears" label={t('orgs.field.termYears')} rules={[{ required: true }]} extra={t('orgs.termYearsHint')}>
          <InputNumber min={3} max={5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="votersDue" label={t('orgs.election.votersDue')} rules={[{ required: true }]} extra={t('orgs.election.votersDueHint')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="votersPresent"
          label={t('orgs.election.votersPresent')}
          dependencies={['votersDue']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value: number | undefined) =>
                value === undefined || value <= (getFieldValue('votersDue') as number) ? Promise.resolve() : Promise.reject(new Error(t('orgs.election.presentRule'))),
            }),
          ]}
        >
          <InputNumber min={0} style={{ width: '100%' }} data-testid="election-present" />
        </Form.Item>
        <Form.Item name="results" label={t('orgs.election.results')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('orgs.election.resultsPlaceholder')} data-testid="election-results" />
        </Form.Item>
        <Form.Item name="notes" label={t('orgs.election.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {heldOn && termYears ? (
        <Typography.Text type="secondary">{t('orgs.election.expiryPreview', { date: heldOn.add(termYears, 'year').format('YYYY-MM-DD') })}</Typography.Text>
      ) : null}
    </Modal>
  );
}
