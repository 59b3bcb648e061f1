import { PaperClipOutlined } from '@ant-design/icons';
import { EVIDENCE_FILE_MAX_BYTES } from '@hongyi/core';
import { Alert, Button, Card, Checkbox, Collapse, Empty, Flex, Form, Input, Space, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, uploadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { EVIDENCE_ACCEPT } from '../../components/EvidenceFiles';
import { problemText, sizeText } from '../../components/FileUpload';
import { OwnReminders } from '../orglife/Reminders';
import { FeedbackList, TaskStateTag } from './shared';

type MyTask = ApiResult<'/api/v1/decisions/my-tasks'>[number];

/** A 承办人's own tasks, one card each (usable on a phone), with the feedback form. */
export default function MyTasksPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { data, error, reload } = useApiGet<MyTask[]>('/api/v1/decisions/my-tasks');
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  // Open tasks first, the most urgent on top; closed ones folded away.
  const open = (data ?? []).filter((x) => x.status === 'open').sort((a, b) => a.deadline.localeCompare(b.deadline));
  const closed = (data ?? []).filter((x) => x.status === 'closed').sort((a, b) => (b.closedOn ?? '').localeCompare(a.closedOn ?? ''));
  return (
    <PageCard title={t('decisions.tasks.myTitle')}>
      <OwnReminders />
      {data && data.length === 0 ? <Empty description={t('decisions.tasks.myNone')} /> : null}
      <Flex vertical gap={12} data-testid="my-tasks">
        {open.map((task) => (
          <TaskCard key={task.id} task={task} onSaved={reload} />
        ))}
        {closed.length > 0 ? (
          <Collapse
            size="small"
            data-testid="my-tasks-closed"
            items={[
              {
                key: 'closed',
                label: `${t('decisions.state.closed_on_time')} / ${t('decisions.state.closed_late')}（${closed.length}）`,
                children: (
                  <Flex vertical gap={12}>
                    {closed.map((task) => (
                      <TaskCard key={task.id} task={task} onSaved={reload} />
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        ) : null}
      </Flex>
    </PageCard>
  );
}

function TaskCard({ task, onSaved }: { task: MyTask; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const today = useToday();
  const [form] = Form.useForm<{ progress: string; reportedOn: Dayjs; completes: boolean }>();
  const { saving, submit: save } = useFormSubmit(form, { errorsAs: 'message' });
  // An optional evidence file sent with the feedback (a form upload once the entry is saved).
  const [evidence, setEvidence] = useState<File | null>(null);
  const [evidenceError, setEvidenceError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setEvidenceError(null);
    await save(async () => {
      const saved = await api.post<{ feedbackId: number }>(`/api/v1/decisions/tasks/${task.id}/feedback`, { progress: v.progress, reportedOn: v.reportedOn.format('YYYY-MM-DD'), completes: v.completes ?? false });
      if (evidence) {
        try {
          await uploadFile(`/api/v1/decisions/tasks/${task.id}/feedback/${saved.feedbackId}/files`, evidence, evidence.name);
        } catch (err) {
          // The feedback is saved; the file can be attached again under it.
          setEvidenceError(`${t('decisions.feedbackFiles.notAttached')}${problemText(err, errorText)}`);
        }
      }
    }, () => {
      form.resetFields();
      setEvidence(null);
      onSaved();
    });
  };
  return (
    <Card size="small" title={task.title} extra={<TaskStateTag state={task.state} daysLate={task.daysLate} />} data-testid={`my-task-${task.id}`} style={task.state === 'overdue' ? { borderColor: '#ff4d4f' } : undefined}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{task.topicTitle}</Typography.Text>
        <span>{`${t('decisions.tasks.department')}：${task.department} · ${t('decisions.tasks.deadline')}：${task.deadline}${task.closedOn ? ` · ${t('decisions.tasks.closedOn')}：${task.closedOn}` : ''}`}</span>
        {task.feedback.length > 0 ? <FeedbackList taskId={task.id} feedback={task.feedback} canAttach canWithdraw={task.status === 'open'} onChanged={onSaved} /> : null}
        {evidenceError ? <Alert type="error" showIcon title={evidenceError} data-testid={`feedback-evidence-error-${task.id}`} /> : null}
        {task.status === 'open' ? (
          <Form form={form} layout="vertical" initialValues={{ reportedOn: today.day, completes: false }}>
            <Form.Item name="progress" label={t('decisions.tasks.progress')} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
              <Input.TextArea rows={2} maxLength={2000} data-testid={`feedback-progress-${task.id}`} />
            </Form.Item>
            <Flex wrap gap={12} align="center">
              <Form.Item name="reportedOn" label={t('decisions.tasks.reportedOn')} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                <DatePicker maxDate={today.day} data-testid={`feedback-date-${task.id}`} />
              </Form.Item>
              <Form.Item label={t('decisions.feedbackFiles.label')} style={{ marginBottom: 8 }} extra={<span style={{ fontSize: 12 }}>{t('uploads.types')}</span>}>
                <Space size={4} wrap>
                  <Upload
                    accept={EVIDENCE_ACCEPT}
                    maxCount={1}
                    showUploadList={false}
                    beforeUpload={(file) => {
                      if (file.size > EVIDENCE_FILE_MAX_BYTES) setEvidenceError(t('uploads.tooLarge', { name: file.name, size: sizeText(file.size) }));
                      else {
                        setEvidenceError(null);
                        setEvidence(file);
                      }
                      return false;
                    }}
                  >
                    <Button icon={<PaperClipOutlined />} data-testid={`feedback-evidence-${task.id}`}>
                      {t('decisions.feedbackFiles.choose')}
                    </Button>
                  </Upload>
                  {evidence ? (
                    <Typography.Text data-testid={`feedback-evidence-name-${task.id}`}>
                      {`${evidence.name}（${sizeText(evidence.size)}）`}
                      <Button type="link" size="small" onClick={() => setEvidence(null)}>
                        {t('decisions.feedbackFiles.remove')}
                      </Button>
                    </Typography.Text>
                  ) : null}
                </Space>
              </Form.Item>
              <Form.Item name="completes" valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox data-testid={`feedback-completes-${task.id}`}>{t('decisions.tasks.completes')}</Checkbox>
              </Form.Item>
              <Button type="primary" loading={saving} onClick={() => void submit()} data-testid={`feedback-save-${task.id}`}>
                {t('decisions.tasks.report')}
              </Button>
            </Flex>
          </Form>
        ) : null}
      </Space>
    </Card>
  );
}
