import { EditOutlined, FileWordOutlined } from '@ant-design/icons';
import { OUTCOME_DIRECTIONS, PROJECT_CONCLUSIONS, type ProjectStage } from '@hongyi/core';
import { Alert, Button, Card, Descriptions, Form, Grid, Input, InputNumber, List, Modal, Progress, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, downloadFile } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { MemberSelect } from '../../components/MemberSelect';
import { ConclusionTag, type ProjectDetail, StageTag } from './shared';

type Task = ProjectDetail['tasks'][number];
const TASK_COLORS: Record<string, string> = { done: 'success', done_late: 'warning', open: 'processing', overdue: 'error' };

/** A project's page: goal, tasks with owners and state, outcomes, evidence, the lifecycle buttons the caller may press, the Word report. */
export default function ProjectPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { data, error, reload } = useApiGet<ProjectDetail>(`/api/v1/projects/${id}`);
  const [step, setStep] = useState<ProjectStage | null>(null);
  const [task, setTask] = useState<Task | null>(null);
  const [outcomes, setOutcomes] = useState(false);
  const [adding, setAdding] = useState(false);
  // On a phone the labels go above the values (a member reads their project there).
  const wide = Grid.useBreakpoint().sm ?? true;
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Card loading />;
  const p = data;
  const running = p.stage === 'approved' || p.stage === 'midterm';
  return (
    <PageCard
      title={p.title}
      extra={
        <Space wrap>
          {p.next.map((s) => (
            <Button key={s} type={s === 'withdrawn' || s === 'rejected' ? 'default' : 'primary'} danger={s === 'withdrawn' || s === 'rejected'} onClick={() => setStep(s)} data-testid={`project-to-${s}`}>
              {label('projects.to', s)}
            </Button>
          ))}
          {p.canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/projects/${p.id}/edit`)} data-testid="project-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          <Button icon={<FileWordOutlined />} onClick={() => void downloadFile(`/api/v1/projects/${p.id}/report.docx`, 'project.docx')} data-testid="project-report">
            {t('projects.report')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="project-page">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} layout={wide ? 'horizontal' : 'vertical'}>
          <Descriptions.Item label={t('projects.col.org')}>{p.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('projects.col.stage')}>
            <StageTag stage={p.stage} /> <ConclusionTag conclusion={p.conclusion} />
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.col.area')}>{p.area}</Descriptions.Item>
          <Descriptions.Item label={t('projects.col.lead')}>{p.leadName}</Descriptions.Item>
          <Descriptions.Item label={t('projects.period')}>{`${p.startedOn} ~ ${p.endsOn}`}</Descriptions.Item>
          <Descriptions.Item label={t('projects.col.progress')}>
            <Progress size="small" percent={p.progress.percent} status={p.progress.overdue ? 'exception' : 'normal'} format={() => `${p.progress.done}/${p.progress.total}`} style={{ maxWidth: 200 }} />
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.goal')} span={2}>
            <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{p.goal || '—'}</Typography.Paragraph>
          </Descriptions.Item>
          {p.approvedOn ? <Descriptions.Item label={t('projects.approvedOn')}>{`${p.approvedOn} ${p.approvalNote}`}</Descriptions.Item> : null}
          {p.midtermOn ? <Descriptions.Item label={t('projects.midtermOn')}>{`${p.midtermOn} ${p.midtermNote}`}</Descriptions.Item> : null}
          {p.acceptedOn ? <Descriptions.Item label={t('projects.acceptedOn')} span={2}>{`${p.acceptedOn} ${p.conclusion ?? ''} ${p.acceptanceNote}`}</Descriptions.Item> : null}
          {p.closedOn ? <Descriptions.Item label={label('projects.stage', p.stage)} span={2}>{`${p.closedOn} ${p.closedNote}`}</Descriptions.Item> : null}
        </Descriptions>
        <Card size="small" title={t('projects.tasks')} extra={p.canEdit ? <Button size="small" onClick={() => setAdding(true)} data-testid="task-add">{t('projects.addTask')}</Button> : null}>
          {p.stage === 'proposed' && p.canEdit ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('projects.resultsAfterApproval')} /> : null}
          <List
            dataSource={p.tasks}
            locale={{ emptyText: t('projects.noTasks') }}
            data-testid="project-tasks"
            renderItem={(x) => (
              <List.Item
                data-testid={`task-${x.id}`}
                actions={
                  p.canEdit
                    ? [
                        <Button key="r" size="small" onClick={() => setTask(x)} data-testid={`task-record-${x.id}`}>
                          {t(running ? 'projects.editTaskOrResult' : 'projects.editTask')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{x.title}</span>
                      <Tag color={TASK_COLORS[x.state]} data-testid="task-state">{label('projects.taskState', x.state)}</Tag>
                    </Space>
                  }
                  description={
                    <>
                      <div>{t('projects.taskLine', { owner: x.ownerName, due: x.dueOn })}{x.doneOn ? ` · ${t('projects.doneOnLine', { date: x.doneOn })}` : ''}</div>
                      {x.result ? <div data-testid="task-result">{x.result}</div> : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
        <Card
          size="small"
          title={t('projects.outcomes')}
          extra={p.canEdit ? <Button size="small" onClick={() => setOutcomes(true)} data-testid="outcomes-edit">{t('common.edit')}</Button> : null}
        >
          <Table
            size="small"
            rowKey="indicator"
            pagination={false}
            dataSource={p.outcomes}
            scroll={{ x: 480 }}
            data-testid="project-outcomes"
            columns={[
              { key: 'indicator', dataIndex: 'indicator', title: t('projects.indicator') },
              { key: 'unit', dataIndex: 'unit', title: t('projects.unit'), width: 70 },
              { key: 'target', title: t('projects.target'), width: 100, render: (_, o) => (o.target === null ? '—' : `${o.better === 'lower' ? '≤' : '≥'} ${o.target}`) },
              { key: 'actual', dataIndex: 'actual', title: t('projects.actual'), width: 90 },
              { key: 'reached', title: t('projects.reached'), width: 90, render: (_, o) => (o.reached === null ? '—' : <Tag color={o.reached ? 'success' : 'warning'}>{t(o.reached ? 'projects.reachedYes' : 'projects.reachedNo')}</Tag>) },
            ]}
          />
        </Card>
        <Card size="small" title={t('projects.evidence')}>
          <EvidenceFiles
            url={`/api/v1/projects/${p.id}/files`}
            files={p.evidence}
            canUpload={p.canEdit}
            canWithdraw={p.canEdit}
            uploadLabel={t('projects.upload')}
            emptyText={t('projects.noEvidence')}
            testId="project-file"
            onChanged={reload}
          />
        </Card>
      </Space>
      {step ? <StepModal project={p} stage={step} onClose={() => setStep(null)} onDone={reload} /> : null}
      {task ? <TaskModal project={p} task={task} onClose={() => setTask(null)} onDone={reload} /> : null}
      {adding ? <NewTaskModal project={p} onClose={() => setAdding(false)} onDone={reload} /> : null}
      {outcomes ? <OutcomesModal project={p} onClose={() => setOutcomes(false)} onDone={reload} /> : null}
    </PageCard>
  );
}

function StepModal({ project, stage, onClose, onDone }: { project: ProjectDetail; stage: ProjectStage; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const today = useToday();
  const [form] = Form.useForm<{ on: Dayjs; note: string; conclusion?: string }>();
  const { saving, submit: save } = useFormSubmit(null, { errorsAs: 'message' });
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      const on = v.on.format('YYYY-MM-DD');
      if (stage === 'withdrawn') await api.post(`/api/v1/projects/${project.id}/withdraw`, { version: project.version, on, note: v.note });
      else await api.post(`/api/v1/projects/${project.id}/review`, { version: project.version, stage, on, note: v.note ?? '', ...(stage === 'accepted' ? { conclusion: v.conclusion } : {}) });
    }, () => {
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={label('projects.to', stage)} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'step-ok' }}>
      <Form form={form} layout="vertical" initialValues={{ on: today.day, note: '' }}>
        <Form.Item name="on" label={t('projects.stepOn')} rules={[{ required: true }]}>
          <DatePicker maxDate={today.day} />
        </Form.Item>
        {stage === 'accepted' ? (
          <Form.Item name="conclusion" label={t('projects.conclusionLabel')} rules={[{ required: true }]}>
            <Radio.Group data-testid="step-conclusion" options={PROJECT_CONCLUSIONS.map((c) => ({ value: c, label: label('projects.conclusion', c) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('projects.note')} rules={stage === 'withdrawn' ? [{ required: true }] : []}>
          <Input.TextArea rows={2} maxLength={500} data-testid="step-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Changes a task's plan (title, owner, due date within the project) while the project is open, and records its result once approved. */
function TaskModal({ project, task, onClose, onDone }: { project: ProjectDetail; task: Task; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const running = project.stage === 'approved' || project.stage === 'midterm';
  const [form] = Form.useForm<{ title: string; ownerMemberId: number; dueOn: Dayjs; done: boolean; doneOn: Dayjs | null; result: string }>();
  const { saving, submit: save } = useFormSubmit(form, { errorsAs: 'message' });
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      await api.put(`/api/v1/projects/${project.id}/tasks/${task.id}`, {
        title: v.title,
        ownerMemberId: v.ownerMemberId,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
        status: running && v.done ? 'done' : 'open',
        doneOn: running && v.done && v.doneOn ? v.doneOn.format('YYYY-MM-DD') : null,
        result: running ? (v.result ?? '') : task.result,
        version: task.version,
      });
    }, () => {
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={task.title} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'task-ok' }}>
      <Form form={form} layout="vertical" initialValues={{ title: task.title, ownerMemberId: task.ownerMemberId, dueOn: dayjs(task.dueOn), done: task.status === 'done', doneOn: task.doneOn ? dayjs(task.doneOn) : today.day, result: task.result }}>
        <Form.Item name="title" label={t('projects.task')} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="task-title-input" />
        </Form.Item>
        <Form.Item name="ownerMemberId" label={t('projects.owner')} rules={[{ required: true }]}>
          <MemberSelect initialName={task.ownerName} testId="task-owner-input" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('projects.dueOn')} rules={[{ required: true }]}>
          <DatePicker minDate={dayjs(project.startedOn)} maxDate={dayjs(project.endsOn)} data-testid="task-due-input" />
        </Form.Item>
        {running ? (
          <>
            <Form.Item name="done" label={t('projects.taskStatus')}>
              <Radio.Group data-testid="task-done" options={[{ value: false, label: t('projects.taskState.open') }, { value: true, label: t('projects.taskState.done') }]} />
            </Form.Item>
            <Form.Item name="doneOn" label={t('projects.doneOn')}>
              <DatePicker maxDate={today.day} />
            </Form.Item>
            <Form.Item name="result" label={t('projects.result')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="task-result-input" />
            </Form.Item>
          </>
        ) : (
          <Alert type="info" showIcon title={t('projects.resultsAfterApproval')} />
        )}
      </Form>
    </Modal>
  );
}

function OutcomesModal({ project, onClose, onDone }: { project: ProjectDetail; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const running = project.stage === 'approved' || project.stage === 'midterm';
  const [rows, setRows] = useState(project.outcomes.map((o) => ({ indicator: o.indicator, unit: o.unit, target: o.target, actual: o.actual, better: o.better })));
  const { saving, submit: save } = useFormSubmit(null, { errorsAs: 'message' });
  const change = (i: number, patch: Partial<(typeof rows)[number]>) => setRows((r) => r.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const submit = async () => {
    await save(() => api.put(`/api/v1/projects/${project.id}/outcomes`, { version: project.version, outcomes: rows.filter((r) => r.indicator.trim()) }), () => {
      onDone();
      onClose();
    });
  };
  return (
    <Modal open width={640} title={t('projects.outcomes')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'outcomes-ok' }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {rows.map((r, i) => (
          <Space key={i} wrap>
            <Input value={r.indicator} onChange={(e) => change(i, { indicator: e.target.value })} placeholder={t('projects.indicator')} style={{ width: 200 }} />
            <Input value={r.unit} onChange={(e) => change(i, { unit: e.target.value })} placeholder={t('projects.unit')} style={{ width: 80 }} />
            <Select value={r.better} onChange={(v) => change(i, { better: v })} style={{ width: 110 }} options={OUTCOME_DIRECTIONS.map((d) => ({ value: d, label: label('projects.better', d) }))} />
            <InputNumber value={r.target} onChange={(v) => change(i, { target: v })} placeholder={t('projects.target')} style={{ width: 100 }} />
            <InputNumber value={r.actual} disabled={!running} onChange={(v) => change(i, { actual: v })} placeholder={t('projects.actual')} style={{ width: 100 }} data-testid={`outcome-actual-${i}`} />
          </Space>
        ))}
        <Button onClick={() => setRows((r) => [...r, { indicator: '', unit: '', target: null, actual: null, better: 'higher' as const }])}>{t('projects.addOutcome')}</Button>
      </Space>
    </Modal>
  );
}

function NewTaskModal({ project, onClose, onDone }: { project: ProjectDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ title: string; ownerMemberId: number; dueOn: Dayjs }>();
  const { saving, submit: save } = useFormSubmit(null, { errorsAs: 'message' });
  const submit = async () => {
    const v = await form.validateFields();
    await save(() => api.post(`/api/v1/projects/${project.id}/tasks`, { title: v.title, ownerMemberId: v.ownerMemberId, dueOn: v.dueOn.format('YYYY-MM-DD') }), () => {
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={t('projects.addTask')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving}>
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t('projects.task')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="ownerMemberId" label={t('projects.owner')} rules={[{ required: true }]}>
          <MemberSelect />
        </Form.Item>
        <Form.Item name="dueOn" label={t('projects.dueOn')} rules={[{ required: true }]}>
          <DatePicker minDate={dayjs(project.startedOn)} maxDate={dayjs(project.endsOn)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
