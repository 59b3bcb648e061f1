import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { TERM_RULES, candidateElected, electionQuorumMet } from '@hongyi/core';
import { Alert, App, Button, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { problemText } from './shared';
import type { Electorate, OrgDetail } from './types';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';
import type { ApiResult } from '../../api/contract';

interface ElectionValues {
  heldOn: Dayjs;
  termYears: number;
  votersPresent: number;
  candidates?: { name: string; votes: number }[];
  results?: string;
  notes?: string;
}

/**
 * Records a 换届 election (append-only): it starts a new term whose expiry the server computes.
 * Those entitled to vote come from the branch's roster on the election date (not typed in); the
 * form shows them and refuses, with the numbers, fewer present than more than 4/5 of them
 * (选举条例), and marks which candidates have more than half of the votes of those present.
 */
export function ElectionDialog({ org, onClose, onDone }: { org: OrgDetail; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<ElectionValues>();
  const today = useToday();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heldOn = Form.useWatch('heldOn', form);
  const termYears = Form.useWatch('termYears', form);
  const present = Form.useWatch('votersPresent', form);
  const candidates = Form.useWatch('candidates', form);
  const date = (heldOn ?? today.day).format('YYYY-MM-DD');
  const electorate = useApiGet<Electorate>(`/api/v1/orgs/${org.id}/electorate?date=${date}`);
  const e = electorate.data?.date === date ? electorate.data : undefined;

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<ApiResult<'/api/v1/orgs/{id}/elections', 'post'>>(`/api/v1/orgs/${org.id}/elections`, {
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        termYears: v.termYears,
        votersPresent: v.votersPresent,
        candidates: (v.candidates ?? []).filter((c) => c?.name),
        results: v.results ?? '',
        notes: v.notes ?? '',
      });
      void message.success(t('orgs.electionRecorded', { date: res.termExpiresOn }));
      onDone();
    } catch (err) {
      // The refusal names the numbers: show it on top as well as on the field.
      applyFieldErrors(form, err);
      setError(problemText(err, errorText));
    } finally {
      setBusy(false);
    }
  };

  const counts = e
    ? {
        probationary: e.excluded.filter((x) => x.because === 'probationary').length,
        suspended: e.excluded.filter((x) => x.because === 'rights_suspended').length,
        absent: e.excluded.filter((x) => x.because === 'away_approved').length,
      }
    : null;
  const leftOut = e ? e.excluded.filter((x) => x.because !== 'probationary') : [];

  return (
    <Modal open title={t('orgs.electionTitle', { name: org.name })} okText={t('common.save')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden width={640}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="election-error" /> : null}
      <Form form={form} layout="vertical" data-testid="election-form" initialValues={{ heldOn: today.day, termYears: org.term?.years ?? org.termYears ?? 3, candidates: [] }}>
        <Form.Item name="heldOn" label={t('orgs.election.heldOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today.day, 'day')} />
        </Form.Item>
        <Form.Item label={t('orgs.election.votersDue')} extra={t('orgs.election.votersDueHint')}>
          {electorate.error ? (
            <Alert type="error" showIcon title={errorText(electorate.error)} />
          ) : !e || !counts ? (
            <Skeleton active paragraph={{ rows: 1 }} title={false} />
          ) : (
            <Flex vertical gap={8} data-testid="election-electorate">
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('orgs.election.entitled', { date: e.date })}>
                  <Typography.Text strong data-testid="election-entitled">
                    {e.entitled}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {' '}
                    {t('orgs.election.entitledBreakdown', { roster: e.onRoster, probationary: counts.probationary, suspended: counts.suspended, absent: counts.absent })}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('orgs.election.required')}>
                  <span data-testid="election-required">{t('orgs.election.requiredValue', { required: e.required, due: e.entitled })}</span>
                </Descriptions.Item>
              </Descriptions>
              {leftOut.length > 0 ? (
                <List
                  size="small"
                  bordered
                  dataSource={leftOut}
                  renderItem={(x) => (
                    <List.Item>
                      <Space wrap>
                        <span>{x.name}</span>
                        <Tag>{label('orgs.election.because', x.because)}</Tag>
                        {x.reason ? <span>{x.reason}</span> : null}
                        <Typography.Text type="secondary">
                          {x.fromOn} – {x.toOn ?? t('members.voting.open')}
                          {x.approvalRef ? ` · ${t('members.voting.approvedValue', { ref: x.approvalRef, on: x.approvedOn ?? '' })}` : ''}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              ) : null}
            </Flex>
          )}
        </Form.Item>
        <Form.Item name="termYears" label={t('orgs.field.termYears')} rules={[{ required: true }]} extra={t('orgs.termYearsHint')}>
          <InputNumber min={TERM_RULES.minYears} max={TERM_RULES.maxYears} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="votersPresent"
          label={t('orgs.election.votersPresent')}
          dependencies={['heldOn']}
          rules={[
            { required: true },
            {
              validator: (_, value: number | undefined) => {
                if (value === undefined || value === null || !e) return Promise.resolve();
                if (value > e.entitled) return Promise.reject(new Error(t('orgs.election.presentRule', { present: value, due: e.entitled })));
                if (!electionQuorumMet({ votersDue: e.entitled, present: value })) {
                  return Promise.reject(new Error(t('orgs.election.quorumRule', { present: value, due: e.entitled, required: e.required })));
                }
                return Promise.resolve();
              },
            },
          ]}
        >
          <InputNumber min={0} style={{ width: '100%' }} data-testid="election-present" />
        </Form.Item>
        <Form.Item label={t('orgs.election.candidates')} extra={t('orgs.election.candidatesHint')}>
          <Form.List name="candidates">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((field) => {
                  const c = candidates?.[field.name];
                  const elected = c && typeof c.votes === 'number' && typeof present === 'number' ? candidateElected({ votersPresent: present, votesFor: c.votes }) : null;
                  return (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('orgs.election.candidateName') }]} noStyle>
                        <Input placeholder={t('orgs.election.candidateName')} style={{ width: 160 }} maxLength={50} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'votes']} rules={[{ required: true, message: t('orgs.election.candidateVotes') }]} noStyle>
                        <InputNumber min={0} placeholder={t('orgs.election.candidateVotes')} style={{ width: 110 }} />
                      </Form.Item>
                      {elected === null ? null : <Tag color={elected ? 'green' : 'default'}>{elected ? t('orgs.election.elected') : t('orgs.election.notElected')}</Tag>}
                      <Button type="text" icon={<DeleteOutlined />} aria-label={t('orgs.election.removeCandidate')} onClick={() => remove(field.name)} />
                    </Space>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', votes: undefined })} style={{ alignSelf: 'flex-start' }}>
                  {t('orgs.election.addCandidate')}
                </Button>
              </Flex>
            )}
          </Form.List>
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
