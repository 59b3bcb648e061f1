import { VOTING_EXCLUSION_KINDS } from '@hongyi/core';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { type ExclusionValues, saveExclusion } from '../orglife/VotingExclusionModal';
import type { VotingExclusion } from './types';

/**
 * A member's recorded exclusions from the vote — voting rights suspended (留党察看) or away
 * long-term with approval (出国出境 …): on their days the member is not counted among those
 * entitled to vote at meetings and elections (core votingEntitlement); the approval (reference and
 * date) is required. Recorded through organisational life's API (whoever records meetings for the
 * branch).
 */
export function VotingPanel({ memberId, writable }: { memberId: number; writable: boolean }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const list = useApiGet<VotingExclusion[]>(`/api/v1/orglife/members/${memberId}/voting-exclusions`);
  const [adding, setAdding] = useState(false);

  const remove = (x: VotingExclusion) =>
    modal.confirm({
      title: t('members.voting.removeTitle'),
      content: t('members.voting.removeNote'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.delete(`/api/v1/orglife/voting-exclusions/${x.id}?version=${x.version}`);
          list.reload();
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });

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
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.voting.none')} /> }}
        columns={[
          { key: 'kind', title: t('members.voting.kind'), render: (_, x) => <Tag color={x.kind === 'rights_suspended' ? 'red' : 'blue'}>{label('members.voting.kindValue', x.kind)}</Tag> },
          { key: 'reason', title: t('members.voting.reasonLabel'), render: (_, x) => x.reason || t('common.none') },
          { key: 'dates', title: t('members.voting.dates'), render: (_, x) => `${x.fromOn} – ${x.toOn ?? t('members.voting.open')}` },
          { key: 'approved', title: t('members.voting.approval'), render: (_, x) => [x.approvedBy, t('members.voting.approvedValue', { ref: x.approvalRef, on: x.approvedOn })].filter(Boolean).join(' · ') },
          ...(writable
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, x: VotingExclusion) => (
                    <Button size="small" type="link" danger onClick={() => remove(x)}>
                      {t('members.voting.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
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
  const [form] = Form.useForm<ExclusionValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await saveExclusion(memberId, v);
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('members.voting.add')} okText={t('common.save')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'away_approved' }} data-testid="member-voting-form">
        <Form.Item name="kind" label={t('members.voting.kind')} rules={[{ required: true }]}>
          <Select options={VOTING_EXCLUSION_KINDS.map((k) => ({ value: k, label: label('members.voting.kindValue', k) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('members.voting.reasonLabel')}>
          <Input maxLength={200} placeholder={t('members.voting.reasonPlaceholder')} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="fromOn" label={t('members.voting.fromOn')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 160 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="toOn" label={t('members.voting.toOn')} style={{ flex: 1, minWidth: 160 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="approvalRef" label={t('members.voting.approvalRef')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={200} placeholder={t('members.voting.approvalRefPlaceholder')} />
          </Form.Item>
          <Form.Item name="approvedOn" label={t('members.voting.approvedOn')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 160 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="approvedBy" label={t('members.voting.approvedBy')}>
          <Input maxLength={100} placeholder={t('members.voting.approvedByPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
