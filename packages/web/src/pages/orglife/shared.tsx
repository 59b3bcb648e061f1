import type { MonthAttendance, PlanItemState } from '@hongyi/core';
import { Space, Tag, Tooltip } from 'antd';
import { downloadFile } from '../../api/client';
import { useI18n } from '../../i18n';

export const MEETING_KINDS = [
  'branch_general_meeting',
  'branch_committee_meeting',
  'party_group_meeting',
  'party_lecture',
  'theme_party_day',
  'organisational_life_meeting',
  'democratic_review',
  'heart_to_heart_talk',
  'first_topic_study',
  'committee_study_session',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type ComplianceState = 'met' | 'due_soon' | 'pending' | 'missed' | 'not_applicable';

/** Colours of the compliance states: green met, orange due soon, blue pending, red missed, grey n/a. */
export const STATE_COLORS: Record<ComplianceState, string> = {
  met: '#52c41a',
  due_soon: '#fa8c16',
  pending: '#91caff',
  missed: '#cf1322',
  not_applicable: '#f0f0f0',
};

export function StateTag({ state, text }: { state: ComplianceState; text: string }) {
  const color = { met: 'success', due_soon: 'warning', pending: 'processing', missed: 'error', not_applicable: 'default' }[state];
  return <Tag color={color}>{text}</Tag>;
}

export function download(url: string, name: string) {
  return downloadFile(url, name);
}

/** A yearly-plan item as GET /orglife/orgs/:orgId/plan answers it (state against the server's today). */
export interface PlanItem {
  id: number;
  orgId: number;
  year: number;
  kind: MeetingKind;
  plannedOn: string;
  title: string;
  note: string;
  version: number;
  state: PlanItemState;
  record: { id: number; heldOn: string; kinds: MeetingKind[] } | null;
}

export function PlanStateTag({ state }: { state: PlanItemState }) {
  const { label } = useI18n();
  const color = { done: 'success', open: 'processing', overdue: 'error' }[state];
  return (
    <Tag color={color} data-testid="plan-state">
      {label('orglife.planState', state)}
    </Tag>
  );
}

const MONTH_COLORS: Record<MonthAttendance, string> = { attended: 'success', excused: 'warning', absent: 'error', not_counted: 'default' };

/** A member's last months one cell each (到 / 假 / 缺 / —): leave shown apart from attendance. */
export function MonthStrip({ recent, testId }: { recent: ReadonlyArray<{ month: string; state: MonthAttendance }>; testId?: string }) {
  const { t } = useI18n();
  return (
    <Space size={2} wrap={false} data-testid={testId}>
      {recent.map((r) => (
        <Tooltip key={r.month} title={`${r.month} ${t(`orglife.monthState.${r.state}`)}`}>
          <Tag color={MONTH_COLORS[r.state]} style={{ marginInlineEnd: 0, minWidth: 34, textAlign: 'center', paddingInline: 2 }} data-state={r.state} aria-label={`${r.month} ${t(`orglife.monthState.${r.state}`)}`}>
            <span style={{ fontSize: 11, opacity: 0.75 }}>{Number(r.month.slice(5))}</span> {t(`orglife.monthStateShort.${r.state}`)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
