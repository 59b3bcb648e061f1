import { APPROVED_ABSENCE_REASONS, VOTING_EXCLUSION_KINDS } from '@hongyi/core';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import type { VotingExclusion } from './types';

interface Values {
  kind: (typeof VOTING_EXCLUSION_KINDS)[number];
  reason?: (typeof APPROVED_ABSENCE_REASONS)[number];
  fromOn: Dayjs;
  toOn?: Dayjs | null;
  approvedBy?: string;
  approvedOn?: Dayjs | null;
  note?: string;
}

/**
 * A member's suspensions of voting rights (留党察看) and approved long absences: each leaves the
 * member out of those entitled to vote at meetings and elections on its days; an absence counts
 * only with its approval recorded (选举条例).
 */
export function VotingPanel({ memberId, writable }: { memberId: number; writable: boolean }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const list = useApiGet<{ items: VotingExclusion[] }>(`/api/v1/members/${memberId}/voting-exclusions`);
  const [adding, setAdding] = useState(false);

  const withdraw = (x: VotingExclusion) => {
    let reason = '';
    modal.confirm({
      title: t('members.voting.withdrawTitle'),
      content: <Input.TextArea rows={2} maxLength={500} placeholder={t('members.voting.withdrawReason')} onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => {
        if (!reason.trim()) {
          void message.error(t('members.voting.withdrawReason'));
          throw new Error('reason required');
        }
        try {
          await api.post(`/api/v1/members/${memberId}/voting-exclusions/${x.id}/withdraw`, { reason });
          list.reload();
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  return (
    <Flex vertical gap={12} data-testid="member-voting">
      <Typography.Text type="secondary">{t('members.voting.hint')}</Typography.Text>
      {writable ? (
        <Flex justify="end">
          <Button onClick={() => setAdding(true)} data-testid="member-voting-add">
            {t('members.voting.add')}
          </Button>
        </Flex>
      ) : null}
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      <Table<VotingExclusion>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.voting.none')} /> }}
        columns={[
          { key: 'kind', title: t('members.voting.kind'), render: (_, x) => <Tag color={x.kind === 'suspended' ? 'red' : 'blue'}>{label('members.voting.kindValue', x.kind)}</Tag> },
          { key: 'reason', title: t('members.voting.reasonLabel'), render: (_, x) => (x.reason ? label('members.voting.reason', x.reason) : t('common.none')) },
          { key: 'dates', title: t('members.voting.dates'), render: (_, x) => `${x.fromOn} – ${x.toOn ?? t('members.voting.open')}` },
          { key: 'approved', title: t('members.voting.approvedBy'), render: (_, x) => (x.approvedBy ? t('members.voting.approvedByValue', { by: x.approvedBy, on: x.approvedOn ?? '' }) : t('common.none')) },
          { key: 'note', title: t('members.voting.note'), dataIndex: 'note', render: (v: string) => v || t('common.none') },
          {
            key: 'state',
            title: t('common.actions'),
            render: (_, x) =>
              x.withdrawnAt ? (
                <Typography.Text type="secondary">{t('members.voting.withdrawn', { reason: x.withdrawnReason })}</Typography.Text>
              ) : writable ? (
                <Button size="small" type="link" onClick={() => withdraw(x)}>
                  {t('members.voting.withdraw')}
                </Button>
              ) : null,
          },
        ]}
      />
      {adding ? (
        <AddExclusionModal
          memberId={memberId}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            list.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}

function AddExclusionModal({ memberId, onClose, onDone }: { memberId: number; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/members/${memberId}/voting-exclusions`, {
        kind: v.kind,
        reason: v.kind === 'approved_absence' ? v.reason : null,
        fromOn: day(v.fromOn),
        toOn: day(v.toOn),
        approvedBy: v.approvedBy ?? '',
        approvedOn: day(v.approvedOn),
        note: v.note ?? '',
      });
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const absence = kind === 'approved_absence';
  return (
    <Modal open title={t('members.voting.add')} okText={t('common.save')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'approved_absence' }} data-testid="member-voting-form">
        <Form.Item name="kind" label={t('members.voting.kind')} rules={[{ required: true }]}>
          <Select options={VOTING_EXCLUSION_KINDS.map((k) => ({ value: k, label: label('members.voting.kindValue', k) }))} />
        </Form.Item>
        {absence ? (
          <Form.Item name="reason" label={t('members.voting.reasonLabel')} rules={[{ required: true }]}>
            <Select options={APPROVED_ABSENCE_REASONS.map((r) => ({ value: r, label: label('members.voting.reason', r) }))} />
          </Form.Item>
        ) : null}
        <Flex gap={12} wrap>
          <Form.Item name="fromOn" label={t('members.voting.fromOn')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 160 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="toOn" label={t('members.voting.toOn')} style={{ flex: 1, minWidth: 160 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        {absence ? (
          <Flex gap={12} wrap>
            <Form.Item name="approvedBy" label={t('members.voting.approvedBy')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 160 }}>
              <Input maxLength={100} placeholder={t('members.voting.approvedByPlaceholder')} />
            </Form.Item>
            <Form.Item name="approvedOn" label={t('members.voting.approvedOn')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 160 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
        ) : null}
        <Form.Item name="note" label={t('members.voting.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
