import { Alert, App, Button, Card, Checkbox, Collapse, Empty, Flex, Form, Input, List, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { applyFieldErrors } from '../../components/formErrors';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { TaskStateTag } from './shared';

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
  const { message } = App.useApp();
  const errorText = useErrorText();
  const today = useToday();
  const [form] = Form.useForm<{ progress: string; reportedOn: Dayjs; completes: boolean }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post(`/api/v1/decisions/tasks/${task.id}/feedback`, { progress: v.progress, reportedOn: v.reportedOn.format('YYYY-MM-DD'), completes: v.completes ?? false });
      void message.success(t('common.saved'));
      form.resetFields();
      onSaved();
    } catch (err) {
      applyFieldErrors(form, err);
      void message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={task.title} extra={<TaskStateTag state={task.state} daysLate={task.daysLate} />} data-testid={`my-task-${task.id}`} style={task.state === 'overdue' ? { borderColor: '#ff4d4f' } : undefined}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{task.topicTitle}</Typography.Text>
        <span>{`${t('decisions.tasks.department')}：${task.department} · ${t('decisions.tasks.deadline')}：${task.deadline}${task.closedOn ? ` · ${t('decisions.tasks.closedOn')}：${task.closedOn}` : ''}`}</span>
        {task.feedback.length > 0 ? <List size="small" header={t('decisions.tasks.feedback')} dataSource={task.feedback} renderItem={(f) => <List.Item>{`${f.reportedOn}：${f.progress}${f.completes ? `（${t('decisions.tasks.completes')}）` : ''}`}</List.Item>} /> : null}
        {task.status === 'open' ? (
          <Form form={form} layout="vertical" initialValues={{ reportedOn: today.day, completes: false }}>
            <Form.Item name="progress" label={t('decisions.tasks.progress')} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
              <Input.TextArea rows={2} maxLength={2000} data-testid={`feedback-progress-${task.id}`} />
            </Form.Item>
            <Flex wrap gap={12} align="center">
              <Form.Item name="reportedOn" label={t('decisions.tasks.reportedOn')} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                <DatePicker maxDate={today.day} data-testid={`feedback-date-${task.id}`} />
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
