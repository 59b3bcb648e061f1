import type { ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { DECISION_RESULTS } from '@hongyi/core';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, downloadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { applyFieldErrors } from '../../components/formErrors';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useDecisionLabels } from './shared';

type Meeting = ApiResult<'/api/v1/decisions/meetings/{id}'>;
type AgendaItem = Meeting['agenda'][number];

/** A meeting: attendance, agenda and the decision on each topic, the 会议纪要. */
export default function MeetingPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const labels = useDecisionLabels();
  const { message } = App.useApp();
  const { data, error, reload } = useApiGet<Meeting>(`/api/v1/decisions/meetings/${id}`);
  const ready = useApiGet<ApiResult<'/api/v1/decisions/topics'>>(data ? `/api/v1/decisions/topics?pageSize=100&stage=reviewed&bodyId=${data.bodyId}` : null);
  const [deciding, setDeciding] = useState<AgendaItem | null>(null);
  const [pick, setPick] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Card loading />;
  const m = data;
  const name = (memberId: number) => m.members.find((x) => x.id === memberId)?.name ?? '';
  const addTopic = async () => {
    if (!pick) return;
    setProblem(null);
    try {
      await api.post(`/api/v1/decisions/meetings/${m.id}/agenda`, { topicId: pick });
      setPick(null);
      reload();
      ready.reload();
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <PageCard
      title={`${m.bodyName} ${m.heldOn}`}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/decisions/meetings/${m.id}/minutes`, 'minutes.docx').catch((err: unknown) => void message.error(errorText(err)))} data-testid="meeting-minutes">
          {t('decisions.meetings.minutes')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="meeting-page">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('decisions.col.body')}>{labels.body(m.bodyKind)}</Descriptions.Item>
          <Descriptions.Item label={t('decisions.meetings.number')}>{m.number || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('decisions.meetings.firstTopic')} span={2}>
            {m.firstTopic || '—'}
          </Descriptions.Item>
        </Descriptions>
        <Attendance meeting={m} onSaved={reload} />
        <Card size="small" title={t('decisions.meetings.agenda')}>
          {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} data-testid="agenda-problem" /> : null}
          {m.canWrite ? (
            <Space wrap style={{ marginBottom: 12 }}>
              <Select allowClear style={{ width: 380 }} placeholder={t('decisions.meetings.pickTopic')} value={pick ?? undefined} onChange={(v) => setPick(v ?? null)} data-testid="agenda-pick" options={(ready.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))} />
              <Button type="primary" disabled={!pick} onClick={() => void addTopic()} data-testid="agenda-add">
                {t('decisions.meetings.addTopic')}
              </Button>
            </Space>
          ) : null}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={m.agenda}
            scroll={{ x: 800 }}
            data-testid="meeting-agenda"
            columns={[
              { key: 'seq', dataIndex: 'seq', title: '#', width: 40 },
              { key: 'topic', title: t('decisions.col.title'), render: (_, a) => <Link to={`/decisions/topics/${a.topicId}`}>{a.topicTitle}</Link> },
              { key: 'category', title: t('decisions.col.category'), render: (_, a) => labels.category(a.category), width: 120 },
              { key: 'quorum', title: t('decisions.meetings.attendance'), render: (_, a) => t('decisions.meetings.quorum', { present: a.presentForTopic, required: a.required }), width: 200 },
              {
                key: 'result',
                title: t('decisions.decision.result'),
                width: 220,
                render: (_, a) => (
                  <Space orientation="vertical" size={2}>
                    {a.result ? <Tag color={a.result === 'passed' ? 'green' : 'default'}>{label('decisions.result', a.result)}</Tag> : null}
                    {a.votesFor !== null ? <span>{`${t('decisions.decision.votesFor')} ${a.votesFor} / ${t('decisions.decision.votesAgainst')} ${a.votesAgainst ?? 0} / ${t('decisions.decision.votesAbstain')} ${a.votesAbstain ?? 0}`}</span> : null}
                    {a.recused.length ? <span>{`${t('decisions.decision.recused')}：${a.recused.map(name).join('、')}`}</span> : null}
                  </Space>
                ),
              },
              {
                key: 'actions',
                title: t('common.actions'),
                width: 110,
                render: (_, a) =>
                  m.canWrite ? (
                    <Button size="small" onClick={() => setDeciding(a)} data-testid={`decide-${a.seq}`}>
                      {t('decisions.meetings.decide')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      </Space>
      {deciding ? <DecisionModal meeting={m} item={deciding} onClose={() => setDeciding(null)} onSaved={reload} /> : null}
    </PageCard>
  );
}

function Attendance({ meeting, onSaved }: { meeting: Meeting; onSaved: () => void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState(() => meeting.members.map((x) => ({ bodyMemberId: x.id, present: meeting.attendance.find((a) => a.bodyMemberId === x.id)?.present ?? true, leaveReason: meeting.attendance.find((a) => a.bodyMemberId === x.id)?.leaveReason ?? '' })));
  const { saving, submit: saveForm } = useFormSubmit(null, { errorsAs: 'message' });
  const save = async () => {
    await saveForm(() => api.put(`/api/v1/decisions/meetings/${meeting.id}/attendance`, { version: meeting.version, members: rows }), () => onSaved());
  };
  const update = (i: number, patch: Partial<(typeof rows)[number]>) => setRows(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  return (
    <Card
      size="small"
      title={`${t('decisions.meetings.attendance')}（${meeting.attendance.filter((a) => a.present).length}/${meeting.members.length}）`}
      extra={
        meeting.canWrite ? (
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="attendance-save">
            {t('decisions.meetings.saveAttendance')}
          </Button>
        ) : null
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={meeting.members}
        data-testid="meeting-attendance"
        columns={[
          { key: 'name', title: t('decisions.meetings.member'), render: (_, x) => (x.isChair ? <b>{x.name}</b> : x.name) },
          { key: 'title', dataIndex: 'title', title: t('decisions.meetings.post') },
          { key: 'present', title: t('decisions.meetings.present'), render: (_, _x, i) => <Checkbox checked={rows[i]?.present} disabled={!meeting.canWrite} onChange={(e) => update(i, { present: e.target.checked })} data-testid={`present-${i}`} /> },
          {
            key: 'reason',
            title: t('decisions.meetings.leaveReason'),
            render: (_, _x, i) => (rows[i]?.present ? null : <Input size="small" value={rows[i]?.leaveReason} disabled={!meeting.canWrite} maxLength={200} onChange={(e) => update(i, { leaveReason: e.target.value })} data-testid={`leave-${i}`} />),
          },
        ]}
      />
    </Card>
  );
}

interface DecisionForm {
  recused: number[];
  discussion?: string;
  votesFor?: number;
  votesAgainst?: number;
  votesAbstain?: number;
  views?: string;
  decision?: string;
  result: (typeof DECISION_RESULTS)[number];
}

function DecisionModal({ meeting, item, onClose, onSaved }: { meeting: Meeting; item: AgendaItem; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<DecisionForm>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const president = meeting.bodyKind === 'president_office_meeting';
  const due = meeting.members.length;
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setProblem(null);
    try {
      await api.put(`/api/v1/decisions/meetings/${meeting.id}/agenda/${item.id}`, {
        version: item.version,
        recused: v.recused ?? [],
        discussion: v.discussion ?? '',
        decision: v.decision ?? '',
        votes: president ? null : { for: v.votesFor ?? 0, against: v.votesAgainst ?? 0, abstain: v.votesAbstain ?? 0 },
        views: v.views ?? '',
        result: v.result,
      });
      onSaved();
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open width={720} title={`${t('decisions.meetings.decide')}：${item.topicTitle}`} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} okButtonProps={{ 'data-testid': 'decision-save' } as ButtonProps}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={president ? t('decisions.decision.presidentHint') : t('decisions.decision.committeeHint', { due, required: Math.floor(due / 2) + 1 })} />
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="decision-problem" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ recused: item.recused, discussion: item.discussion, decision: item.decision, views: item.views, votesFor: item.votesFor ?? item.presentForTopic, votesAgainst: item.votesAgainst ?? 0, votesAbstain: item.votesAbstain ?? 0, result: item.result ?? 'passed' }}
      >
        <Form.Item name="recused" label={t('decisions.decision.recused')}>
          <Select mode="multiple" allowClear options={meeting.members.map((x) => ({ value: x.id, label: `${x.name}（${x.title}）` }))} />
        </Form.Item>
        <Form.Item name="discussion" label={t('decisions.decision.discussion')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {president ? (
          <Form.Item name="views" label={t('decisions.decision.views')}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="decision-views" />
          </Form.Item>
        ) : (
          <Space wrap>
            <Form.Item name="votesFor" label={t('decisions.decision.votesFor')}>
              <InputNumber min={0} max={due} data-testid="votes-for" />
            </Form.Item>
            <Form.Item name="votesAgainst" label={t('decisions.decision.votesAgainst')}>
              <InputNumber min={0} max={due} />
            </Form.Item>
            <Form.Item name="votesAbstain" label={t('decisions.decision.votesAbstain')}>
              <InputNumber min={0} max={due} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="decision" label={t('decisions.decision.text')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="decision-text" />
        </Form.Item>
        <Form.Item name="result" label={t('decisions.decision.result')} rules={[{ required: true }]}>
          <Select data-testid="decision-result" options={DECISION_RESULTS.map((r) => ({ value: r, label: label('decisions.result', r) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
