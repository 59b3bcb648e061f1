import type { ComplianceState, MonthAttendance, PlanItemState } from '@hongyi/core';
import type { ApiResult } from '../../api/contract';
import { Space, Tag, Tooltip } from 'antd';
import { downloadFile } from '../../api/client';
import { useI18n } from '../../i18n';

/** The kinds and states are core's (packages/core orglife.ts, rules.ts); re-exported for the pages of this area. */
export { MEETING_KINDS, type ComplianceState, type MeetingKind } from '@hongyi/core';

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
export type PlanItem = ApiResult<'/api/v1/orglife/orgs/{orgId}/plan'>[number];

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
