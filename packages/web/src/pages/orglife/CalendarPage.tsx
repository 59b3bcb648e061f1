import { Alert, Badge, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { Calendar } from '../../components/Calendar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';
import type { ComplianceState, MeetingKind, PlanItem } from './shared';

interface RecordItem {
  id: number;
  kinds: MeetingKind[];
  heldOn: string;
  partyGroupName: string | null;
  complete: boolean;
}
interface Checklist {
  orgs: Array<{ id: number; name: string; cells: Array<{ rule: string; period: string; state: ComplianceState; dueOn: string }> }>;
}

/**
 * A branch's calendar for a month: the meetings held (from the records), the plan's items still
 * to hold, and the last day of each item that is due soon or was missed — all derived, nothing
 * typed in here. Each entry leads to the record, or to recording the meeting.
 */
export default function CalendarPage() {
  const { t, label, language } = useI18n();
  const me = useMe();
  const today = useToday();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const defaultOrg = me.roles.find((r) => r.role === 'branch_secretary')?.orgId ?? null;
  const orgId = Number(params.get('orgId')) || defaultOrg;
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : today.month;
  const first = dayjs(`${month}-01`);
  const from = first.format('YYYY-MM-DD');
  const to = first.endOf('month').format('YYYY-MM-DD');
  const records = useApiGet<{ items: RecordItem[] }>(orgId ? `/api/v1/orglife/records?orgId=${orgId}&from=${from}&to=${to}&pageSize=200` : null);
  const plan = useApiGet<PlanItem[]>(orgId ? `/api/v1/orglife/orgs/${orgId}/plan?from=${from}&to=${to}` : null);
  const checklist = useApiGet<Checklist>(orgId ? `/api/v1/orglife/orgs/${orgId}/compliance?year=${month.slice(0, 4)}` : null);

  const byDay = useMemo(() => {
    const days = new Map<string, { records: RecordItem[]; plan: PlanItem[]; due: Array<{ key: string; text: string; state: ComplianceState }> }>();
    const at = (d: string) => days.get(d) ?? days.set(d, { records: [], plan: [], due: [] }).get(d)!;
    for (const r of records.data?.items ?? []) at(r.heldOn).records.push(r);
    // Items already held show as their record; the plan adds what is still to hold.
    for (const p of plan.data ?? []) if (p.state !== 'done') at(p.plannedOn).plan.push(p);
    for (const o of checklist.data?.orgs ?? []) {
      for (const c of o.cells) {
        if ((c.state === 'due_soon' || c.state === 'missed') && c.dueOn.startsWith(month)) {
          const who = o.id === orgId ? '' : `${o.name} · `;
          at(c.dueOn).due.push({ key: `${o.id}-${c.rule}-${c.period}`, text: `${who}${label('orglife.kind', c.rule)}`, state: c.state });
        }
      }
    }
    return days;
  }, [records.data, plan.data, checklist.data, month, orgId, label]);

  const error = records.error ?? plan.error ?? checklist.error;
  return (
    <PageCard title={t('orglife.calendar.title')}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        <OrgTreeSelect value={orgId} onChange={(v) => set('orgId', v)} placeholder={t('orglife.compliance.pickOrg')} style={{ width: 320 }} data-testid="calendar-org" />
        <Badge color="green" text={t('orglife.calendar.held')} />
        <Badge color="blue" text={t('orglife.calendar.planned')} />
        <Badge color="red" text={t('orglife.calendar.due')} />
      </Flex>
      {!orgId ? <Alert type="info" title={t('orglife.compliance.pickOrg')} /> : null}
      {error ? <Alert type="error" title={errorText(error)} /> : null}
      {orgId ? (
        <Calendar
          className="hongyi-calendar"
          // Today when it is in the month shown, else the month's first day: the cell antd marks.
          value={today.month === month ? today.day : first}
          mode="month"
          onPanelChange={(d) => set('month', d.format('YYYY-MM'))}
          // Picking a month in the header, or a day of the next or previous month, turns the page.
          onSelect={(d) => {
            if (d.format('YYYY-MM') !== month) set('month', d.format('YYYY-MM'));
          }}
          fullscreen
          data-testid="orglife-calendar"
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            if (d.format('YYYY-MM') !== month) return null;
            const day = byDay.get(d.format('YYYY-MM-DD'));
            if (!day) return null;
            return (
              <Flex vertical gap={2} data-testid={`calendar-day-${d.format('YYYY-MM-DD')}`}>
                {day.records.map((r) => (
                  <Link key={`r${r.id}`} to={`/orglife/records/${r.id}`} data-testid="calendar-record">
                    <Badge color={r.complete ? 'green' : 'gold'} text={<Typography.Text style={{ fontSize: 12 }}>{r.kinds.map((k) => label('orglife.kind', k)).join(language === 'zh-CN' ? '、' : ', ')}</Typography.Text>} />
                  </Link>
                ))}
                {day.plan.map((p) => (
                  <Link key={`p${p.id}`} to={`/orglife/records/new?orgId=${p.orgId}&kinds=${p.kind}&planItem=${p.id}`} data-testid="calendar-plan">
                    <Badge color={p.state === 'overdue' ? 'red' : 'blue'} text={<Typography.Text style={{ fontSize: 12 }} type="secondary">{`${t('orglife.calendar.planPrefix')}${label('orglife.kind', p.kind)}`}</Typography.Text>} />
                  </Link>
                ))}
                {day.due.map((x) => (
                  <Badge key={x.key} color={x.state === 'missed' ? 'red' : 'orange'} text={<Typography.Text style={{ fontSize: 12 }} type={x.state === 'missed' ? 'danger' : 'warning'}>{`${t(x.state === 'missed' ? 'orglife.calendar.missedPrefix' : 'orglife.calendar.duePrefix')}${x.text}`}</Typography.Text>} data-testid="calendar-due" />
                ))}
              </Flex>
            );
          }}
        />
      ) : null}
    </PageCard>
  );
}
