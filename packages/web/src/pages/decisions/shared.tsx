import { DECISION_BODY_LABELS, type DecisionBodyKind, TOPIC_CATEGORY_LABELS, type TaskState, type TopicCategory } from '@hongyi/core';
import { Flex, List, Tag } from 'antd';
import type { ApiResult } from '../../api/contract';
import { useApiGet } from '../../api/hooks';
import { EvidenceFiles } from '../../components/EvidenceFiles';
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

/**
 * A task's feedback entries with their evidence files: download, attach another (its 承办人, the
 * office) and withdraw with a reason (the 承办人 while the task is open, the office always).
 */
export function FeedbackList({ taskId, feedback, canAttach, canWithdraw, onChanged }: { taskId: number; feedback: Feedback[]; canAttach: boolean; canWithdraw: boolean; onChanged: () => void }) {
  const { t } = useI18n();
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
            <EvidenceFiles
              layout="inline"
              label={t('decisions.feedbackFiles.label')}
              url={`/api/v1/decisions/tasks/${taskId}/feedback/${f.id}/files`}
              files={f.files}
              canUpload={canAttach}
              canWithdraw={canWithdraw}
              uploadLabel={t('decisions.feedbackFiles.attach')}
              testId={`feedback-${f.id}-file`}
              onChanged={onChanged}
            />
          </Flex>
        </List.Item>
      )}
    />
  );
}
