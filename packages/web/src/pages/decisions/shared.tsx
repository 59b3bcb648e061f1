import { DownloadOutlined } from '@ant-design/icons';
import { DECISION_BODY_LABELS, type DecisionBodyKind, EVIDENCE_FILE_MAX_BYTES, TOPIC_CATEGORY_LABELS, type TaskState, type TopicCategory } from '@hongyi/core';
import { App, Button, Flex, Input, List, Space, Tag, Typography } from 'antd';
import { api, downloadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { FileUpload } from '../../components/FileUpload';
import { problemText, sizeText } from '../../components/Uploads';
import { useI18n } from '../../i18n';

export type Bodies = ApiResult<'/api/v1/decisions/bodies'>;

export function useBodies() {
  return useApiGet<Bodies>('/api/v1/decisions/bodies');
}

/** Labels from core (the rules' own words), in the current language. */
export function useDecisionLabels() {
  const { language } = useI18n();
  return {
    body: (kind: DecisionBodyKind) => DECISION_BODY_LABELS[kind][language],
    category: (c: TopicCategory) => TOPIC_CATEGORY_LABELS[c][language],
  };
}

export const STATE_COLORS: Record<TaskState, string> = { open: 'blue', due_soon: 'gold', overdue: 'red', closed_on_time: 'green', closed_late: 'orange' };
export const STAGE_COLORS: Record<string, string> = { draft: 'default', reviewed: 'blue', scheduled: 'geekblue', decided: 'purple', closed: 'green', evaluated: 'cyan' };

export function TaskStateTag({ state, daysLate }: { state: TaskState; daysLate: number }) {
  const { t, label } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid={`task-state-${state}`}>
      {label('decisions.state', state)}
      {daysLate > 0 ? ` · ${t('decisions.tasks.daysLate', { days: daysLate })}` : ''}
    </Tag>
  );
}

/** 分 as 万元 (two decimals at most). */
export function wan(cents: number | null): string {
  if (cents === null) return '—';
  return String(Math.round(cents / 10_000) / 100);
}

export type Feedback = ApiResult<'/api/v1/decisions/my-tasks'>[number]['feedback'][number];

/** The evidence a feedback entry takes (the server decides by the bytes all the same). */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

/**
 * A task's feedback entries with their evidence files: download, attach another (its 承办人, the
 * office) and withdraw with a reason (the 承办人 while the task is open, the office always).
 */
export function FeedbackList({ taskId, feedback, canAttach, canWithdraw, onChanged }: { taskId: number; feedback: Feedback[]; canAttach: boolean; canWithdraw: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const fileUrl = (f: Feedback, id: number) => `/api/v1/decisions/tasks/${taskId}/feedback/${f.id}/files/${id}`;
  const withdraw = (f: Feedback, file: Feedback['files'][number]) => {
    let reason = '';
    modal.confirm({
      title: t('uploads.withdrawTitle', { name: file.name }),
      content: <Input placeholder={t('uploads.reason')} maxLength={200} onChange={(e) => (reason = e.target.value)} data-testid="feedback-file-withdraw-reason" />,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.post(`${fileUrl(f, file.id)}/withdraw`, { reason: reason.trim() || '—' });
          onChanged();
        } catch (err) {
          void message.error(problemText(err, errorText));
        }
      },
    });
  };
  return (
    <List
      size="small"
      header={t('decisions.tasks.feedback')}
      dataSource={feedback}
      data-testid={`feedback-${taskId}`}
      renderItem={(f) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <span>{`${f.reportedOn} ${f.createdByName}：${f.progress}${f.completes ? `（${t('decisions.tasks.completes')}）` : ''}`}</span>
            {f.files.length > 0 ? (
              <Flex wrap gap={4} align="center" data-testid={`feedback-files-${f.id}`}>
                <Typography.Text type="secondary">{t('decisions.feedbackFiles.label')}</Typography.Text>
                {f.files.map((file) =>
                  file.withdrawn ? (
                    <Space key={file.id} size={4}>
                      <Typography.Text delete type="secondary">
                        {file.name}
                      </Typography.Text>
                      <Tag>{`${t('uploads.withdrawn')}：${file.withdrawnReason}`}</Tag>
                    </Space>
                  ) : (
                    <Space key={file.id} size={0}>
                      <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadFile(fileUrl(f, file.id), file.name)}>
                        {`${file.name}（${sizeText(file.size)}）`}
                      </Button>
                      {canWithdraw ? (
                        <Button type="link" size="small" danger onClick={() => withdraw(f, file)} data-testid={`feedback-file-withdraw-${file.id}`}>
                          {t('uploads.withdraw')}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                )}
              </Flex>
            ) : null}
            {canAttach ? (
              <FileUpload
                action={`/api/v1/decisions/tasks/${taskId}/feedback/${f.id}/files` as '/api/v1/decisions/tasks/{id}/feedback/{feedbackId}/files'}
                accept={EVIDENCE_ACCEPT}
                maxBytes={EVIDENCE_FILE_MAX_BYTES}
                label={t('decisions.feedbackFiles.attach')}
                testId={`feedback-attach-${f.id}`}
                onUploaded={() => {
                  void message.success(t('uploads.uploaded'));
                  onChanged();
                }}
              />
            ) : null}
          </Flex>
        </List.Item>
      )}
    />
  );
}
