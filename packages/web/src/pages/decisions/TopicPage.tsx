import type { ButtonProps } from 'antd';
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, List, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { FeedbackList, STAGE_COLORS, TaskStateTag, useDecisionLabels, wan } from './shared';
import { TopicModal } from './TopicsPage';

type Topic = ApiResult<'/api/v1/decisions/topics/{id}'>;

/** A topic: its pre-review checklist, material, routing (前置研究), hearings, tasks and evaluation. */
export default function TopicPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const labels = useDecisionLabels();
  const { data, error, reload } = useApiGet<Topic>(`/api/v1/decisions/topics/${id}`);
  const [editing, setEditing] = useState(false);
  const [splitting, setSplitting] = useState(false);
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Card loading />;
  const p = data;
  const editable = p.canWrite && (p.stage === 'draft' || p.stage === 'reviewed');
  const passed = p.hearings.at(-1)?.result === 'passed';
  // Material filed by mistake is withdrawn until the topic is decided; then it is the basis of the decision.
  const materialWithdrawable = p.canWrite && (p.stage === 'draft' || p.stage === 'reviewed' || p.stage === 'scheduled');
  return (
    <PageCard
      title={p.title}
      extra={
        editable ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="topic-page">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('decisions.col.body')}>{p.bodyName}</Descriptions.Item>
          <Descriptions.Item label={t('decisions.col.stage')}>
            <Tag color={STAGE_COLORS[p.stage]} data-testid="topic-stage">
              {label('decisions.stage', p.stage)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('decisions.col.category')}>
            {labels.category(p.category)}
            {p.effectiveCategory !== p.category ? ` → ${labels.category(p.effectiveCategory)}` : ''} {p.sanzhongYida ? <Tag color="red">{t('decisions.sanzhongYida')}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('decisions.col.proposer')}>{p.proposer}</Descriptions.Item>
          <Descriptions.Item label={t('decisions.col.amount')}>{wan(p.amountCents)}</Descriptions.Item>
          <Descriptions.Item label={t('decisions.col.campus')}>{p.campus || '—'}</Descriptions.Item>
          {p.summary ? (
            <Descriptions.Item label={t('decisions.col.summary')} span={2}>
              {p.summary}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {p.routing.refusal ? (
          <Alert type="warning" showIcon title={p.routing.message} data-testid="topic-routing" />
        ) : p.routing.studiedBy ? (
          <Alert type="success" showIcon title={t('decisions.routing.studiedBy', { title: p.routing.studiedBy.title })} data-testid="topic-routing" />
        ) : null}
        <Prereview topic={p} onSaved={reload} />
        <Card size="small" title={t('decisions.files.title')}>
          <EvidenceFiles
            url={`/api/v1/decisions/topics/${p.id}/files`}
            files={p.files}
            canUpload={p.canWrite}
            canWithdraw={materialWithdrawable}
            uploadLabel={t('decisions.files.upload')}
            emptyText={t('decisions.files.none')}
            testId="topic-file"
            onChanged={reload}
          />
        </Card>
        <Card size="small" title={t('decisions.hearings.title')}>
          <List
            size="small"
            dataSource={p.hearings}
            locale={{ emptyText: t('common.none') }}
            renderItem={(h) => (
              <List.Item>
                <Link to={`/decisions/meetings/${h.meetingId}`}>{`${h.heldOn} ${h.bodyName}`}</Link>
                <span>{h.decision}</span>
                {h.result ? <Tag color={h.result === 'passed' ? 'green' : 'default'}>{label('decisions.result', h.result)}</Tag> : null}
              </List.Item>
            )}
          />
        </Card>
        <Card
          size="small"
          title={t('decisions.tasks.title')}
          extra={
            p.canWrite && p.stage === 'decided' && passed ? (
              <Button icon={<PlusOutlined />} onClick={() => setSplitting(true)} data-testid="tasks-split">
                {t('decisions.tasks.split')}
              </Button>
            ) : null
          }
        >
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={p.tasks}
            locale={{ emptyText: t('decisions.tasks.none') }}
            scroll={{ x: 700 }}
            data-testid="topic-tasks"
            expandable={{ rowExpandable: (r) => r.feedback.length > 0, expandedRowRender: (r) => <FeedbackList taskId={r.id} feedback={r.feedback} canAttach={p.canWrite} canWithdraw={p.canWrite} onChanged={reload} /> }}
            columns={[
              { key: 'title', dataIndex: 'title', title: t('decisions.tasks.task') },
              { key: 'department', dataIndex: 'department', title: t('decisions.tasks.department') },
              { key: 'owner', dataIndex: 'ownerName', title: t('decisions.tasks.owner') },
              { key: 'deadline', dataIndex: 'deadline', title: t('decisions.tasks.deadline') },
              { key: 'closedOn', title: t('decisions.tasks.closedOn'), render: (_, r) => r.closedOn ?? '—' },
              { key: 'state', title: t('decisions.tasks.state'), render: (_, r) => <TaskStateTag state={r.state} daysLate={r.daysLate} /> },
            ]}
          />
        </Card>
        <Evaluation topic={p} onSaved={reload} />
      </Space>
      {editing ? <TopicModal topic={p} onClose={() => setEditing(false)} onSaved={reload} /> : null}
      {splitting ? <SplitModal topic={p} onClose={() => setSplitting(false)} onSaved={reload} /> : null}
    </PageCard>
  );
}

function Prereview({ topic, onSaved }: { topic: Topic; onSaved: () => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState(topic.prereview);
  const { saving, submit: saveForm } = useFormSubmit(null, { errorsAs: 'message' });
  const editable = topic.canWrite && (topic.stage === 'draft' || topic.stage === 'reviewed');
  const save = async () => {
    await saveForm(() => api.put(`/api/v1/decisions/topics/${topic.id}/prereview`, { version: topic.version, items }), () => onSaved());
  };
  return (
    <Card
      size="small"
      title={t('decisions.prereview.title')}
      extra={
        editable ? (
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="prereview-save">
            {t('decisions.prereview.save')}
          </Button>
        ) : null
      }
    >
      {topic.prereviewMissing.length === 0 ? (
        <Alert type="success" showIcon title={t('decisions.prereview.complete')} style={{ marginBottom: 8 }} data-testid="prereview-complete" />
      ) : (
        <Alert type="info" showIcon title={t('decisions.prereview.missing', { items: topic.prereviewMissing.join('、') })} style={{ marginBottom: 8 }} />
      )}
      {items.map((item, i) => (
        <Space key={item.item} wrap style={{ display: 'flex', marginBottom: 6 }}>
          <Checkbox
            checked={item.done}
            disabled={!editable}
            data-testid={`prereview-${i}`}
            onChange={(e) => setItems(items.map((x, n) => (n === i ? { ...x, done: e.target.checked } : x)))}
          >
            {item.item}
          </Checkbox>
          <Input size="small" placeholder={t('decisions.prereview.note')} value={item.note} disabled={!editable} maxLength={500} style={{ width: 280 }} onChange={(e) => setItems(items.map((x, n) => (n === i ? { ...x, note: e.target.value } : x)))} />
        </Space>
      ))}
    </Card>
  );
}

interface SplitForm {
  tasks: Array<{ title: string; department: string; ownerUserId?: number | null; deadline: Dayjs; campus?: string }>;
}

function SplitModal({ topic, onClose, onSaved }: { topic: Topic; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const owners = useApiGet<ApiResult<'/api/v1/decisions/task-owners'>>('/api/v1/decisions/task-owners');
  const [form] = Form.useForm<SplitForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      await api.post(`/api/v1/decisions/topics/${topic.id}/tasks`, {
        tasks: v.tasks.map((x) => ({ title: x.title, department: x.department, ownerUserId: x.ownerUserId ?? null, deadline: x.deadline.format('YYYY-MM-DD'), campus: x.campus ?? topic.campus })),
      });
    }, () => {
      onSaved();
      onClose();
    });
  };
  return (
    <Modal open width={860} title={t('decisions.tasks.split')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} okButtonProps={{ 'data-testid': 'tasks-save' } as ButtonProps}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ tasks: [{ title: '', department: topic.proposer, deadline: today.day.add(30, 'day') }] }}>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline" data-testid={`task-row-${f.name}`}>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <Input placeholder={t('decisions.tasks.task')} style={{ width: 220 }} data-testid={`task-title-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'department']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <Input placeholder={t('decisions.tasks.department')} style={{ width: 140 }} data-testid={`task-department-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerUserId']} style={{ marginBottom: 8 }}>
                    <Select allowClear placeholder={t('decisions.tasks.ownerAccount')} style={{ width: 170 }} data-testid={`task-owner-${f.name}`} options={(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'deadline']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <DatePicker placeholder={t('decisions.tasks.deadline')} data-testid={`task-deadline-${f.name}`} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '', department: topic.proposer, deadline: dayjs(today.date).add(30, 'day') })} data-testid="task-add">
                {t('decisions.tasks.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface EvaluationForm {
  evaluatedOn: Dayjs;
  effect: string;
  problems?: string;
  ruleChangeNeeded?: boolean;
  revisedRuleTitle?: string;
  revisedRuleOn?: Dayjs | null;
}

function Evaluation({ topic, onSaved }: { topic: Topic; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const [form] = Form.useForm<EvaluationForm>();
  const { saving, submit: save } = useFormSubmit(form, { errorsAs: 'message' });
  const e = topic.evaluation;
  const open = topic.stage === 'closed' || topic.stage === 'evaluated';
  if (!open && !e) return <Card size="small" title={t('decisions.evaluation.title')}>{t('decisions.evaluation.waiting')}</Card>;
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      await api.put(`/api/v1/decisions/topics/${topic.id}/evaluation`, {
        version: e?.version ?? 0,
        evaluatedOn: v.evaluatedOn.format('YYYY-MM-DD'),
        effect: v.effect,
        problems: v.problems ?? '',
        ruleChangeNeeded: v.ruleChangeNeeded ?? false,
        revisedRuleTitle: v.revisedRuleTitle ?? '',
        revisedRuleOn: v.revisedRuleOn ? v.revisedRuleOn.format('YYYY-MM-DD') : null,
      });
    }, () => onSaved());
  };
  return (
    <Card size="small" title={t('decisions.evaluation.title')} data-testid="topic-evaluation">
      <Form
        form={form}
        layout="vertical"
        disabled={!topic.canWrite}
        initialValues={{
          evaluatedOn: e ? dayjs(e.evaluatedOn) : today.day,
          effect: e?.effect ?? '',
          problems: e?.problems ?? '',
          ruleChangeNeeded: e?.ruleChangeNeeded ?? false,
          revisedRuleTitle: e?.revisedRuleTitle ?? '',
          revisedRuleOn: e?.revisedRuleOn ? dayjs(e.revisedRuleOn) : null,
        }}
      >
        <Form.Item name="evaluatedOn" label={t('decisions.evaluation.evaluatedOn')} rules={[{ required: true }]}>
          <DatePicker maxDate={today.day} />
        </Form.Item>
        <Form.Item name="effect" label={t('decisions.evaluation.effect')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="evaluation-effect" />
        </Form.Item>
        <Form.Item name="problems" label={t('decisions.evaluation.problems')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="ruleChangeNeeded" valuePropName="checked">
            <Checkbox>{t('decisions.evaluation.ruleChangeNeeded')}</Checkbox>
          </Form.Item>
          <Form.Item name="revisedRuleTitle" label={t('decisions.evaluation.revisedRuleTitle')}>
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="revisedRuleOn" label={t('decisions.evaluation.revisedRuleOn')}>
            <DatePicker maxDate={today.day} />
          </Form.Item>
        </Space>
        {topic.canWrite ? (
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="evaluation-save">
            {t('decisions.evaluation.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
