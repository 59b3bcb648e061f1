/**
 * Excel exports: the visits with their follow-ups (one row per follow-up, the visit's columns on
 * each; a visit without follow-ups has one row), and the agreements with their joint-activity
 * counts (each internal pairing's activities count for both sides: the export of either side's
 * agreements shows them).
 */
import { type FollowUpState, agreementState, followUpState } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import type { AgreementRow } from './repository-agreements.js';
import type { FollowUpRow, VisitRow } from './repository.js';
import { type AgreementListFilter, agreementsForExport } from './service-agreements.js';
import { type VisitListFilter, visitsForExport } from './service-visits.js';

const TEXT = {
  'zh-CN': {
    visits: { sheet: '联系点走访', title: '领导干部联系点走访及整改事项', file: '联系点走访' },
    visitedOn: '走访日期',
    leader: '联系领导',
    branch: '联系支部',
    purpose: '走访事项',
    participants: '参加人员',
    notes: '调研内容',
    followUp: '整改事项',
    owner: '责任人',
    due: '期限',
    state: '状态',
    doneOn: '办结日期',
    doneNote: '办结情况',
    states: { open: '办理中', due_soon: '临近期限', overdue: '已逾期', done: '已办结' } satisfies Record<FollowUpState, string>,
    agreements: { sheet: '结对共建', title: '结对共建协议及共建活动', file: '结对共建' },
    org: '本方组织',
    partner: '共建对象',
    internal: '院内/院外',
    internalYes: '院内',
    internalNo: '院外',
    kind: '类型',
    signedOn: '签订日期',
    endsOn: '期满日期',
    renewals: '续签次数',
    agreementState: '状态',
    agreementStates: { active: '有效', expiring: '即将期满', ended: '已期满' },
    activities: '共建活动（次）',
    activitiesIn: (year: number) => `${year}年活动（次）`,
    lastActivity: '最近活动',
  },
  'en-US': {
    visits: { sheet: 'Visits', title: 'Leaders’ contact-point visits and follow-ups', file: 'contact-visits' },
    visitedOn: 'Visited on',
    leader: 'Leader',
    branch: 'Branch',
    purpose: 'Purpose',
    participants: 'Participants',
    notes: 'Topics and notes',
    followUp: 'Follow-up',
    owner: 'Owner',
    due: 'Due',
    state: 'State',
    doneOn: 'Done on',
    doneNote: 'What was done',
    states: { open: 'Open', due_soon: 'Due soon', overdue: 'Overdue', done: 'Done' } satisfies Record<FollowUpState, string>,
    agreements: { sheet: 'Co-building', title: 'Co-building agreements and joint activities', file: 'co-building' },
    org: 'Organisation',
    partner: 'Partner',
    internal: 'Internal/outside',
    internalYes: 'Internal',
    internalNo: 'Outside',
    kind: 'Kind',
    signedOn: 'Signed on',
    endsOn: 'Term ends',
    renewals: 'Renewals',
    agreementState: 'State',
    agreementStates: { active: 'Active', expiring: 'Expiring', ended: 'Ended' },
    activities: 'Joint activities',
    activitiesIn: (year: number) => `Activities in ${year}`,
    lastActivity: 'Last activity',
  },
} as const;

type VisitLine = { visit: VisitRow; followUp: FollowUpRow | null };

export async function visitsWorkbook(ctx: Ctx, f: VisitListFilter): Promise<{ name: string; buffer: Buffer }> {
  const visits = await visitsForExport(ctx, f);
  const t = TEXT[ctx.language];
  const lines: VisitLine[] = visits.flatMap((visit): VisitLine[] => (visit.followUps.length === 0 ? [{ visit, followUp: null }] : visit.followUps.map((followUp) => ({ visit, followUp }))));
  const columns: SheetColumn<VisitLine>[] = [
    { header: t.visitedOn, width: 12, value: (l) => l.visit.visitedOn },
    { header: t.leader, width: 10, value: (l) => l.visit.leaderName },
    { header: t.branch, width: 26, value: (l) => l.visit.orgName },
    { header: t.purpose, width: 14, value: (l) => l.visit.purpose },
    { header: t.participants, width: 20, value: (l) => l.visit.participants },
    { header: t.notes, width: 40, value: (l) => l.visit.notes },
    { header: t.followUp, width: 36, value: (l) => l.followUp?.text ?? '' },
    { header: t.owner, width: 10, value: (l) => l.followUp?.ownerName ?? '' },
    { header: t.due, width: 12, value: (l) => l.followUp?.dueOn ?? '' },
    { header: t.state, width: 10, value: (l) => (l.followUp ? t.states[followUpState(l.followUp.dueOn, l.followUp.doneOn, ctx.today)] : '') },
    { header: t.doneOn, width: 12, value: (l) => l.followUp?.doneOn ?? '' },
    { header: t.doneNote, width: 30, value: (l) => l.followUp?.doneNote ?? '' },
  ];
  const buffer = await workbookBuffer(t.visits.sheet, columns, lines, { sensitive: ctx.sensitive, title: t.visits.title });
  return { name: `${t.visits.file}-${ctx.today}.xlsx`, buffer };
}

export async function agreementsWorkbook(ctx: Ctx, f: AgreementListFilter): Promise<{ name: string; buffer: Buffer }> {
  const { year, agreements } = await agreementsForExport(ctx, f);
  const t = TEXT[ctx.language];
  const columns: SheetColumn<AgreementRow>[] = [
    { header: t.org, width: 26, value: (a) => a.orgName },
    { header: t.partner, width: 30, value: (a) => a.partnerOrgName ?? a.partnerName },
    { header: t.internal, width: 10, value: (a) => (a.partnerOrgId !== null ? t.internalYes : t.internalNo) },
    { header: t.kind, width: 10, value: (a) => a.kind },
    { header: t.signedOn, width: 12, value: (a) => a.signedOn },
    { header: t.endsOn, width: 12, value: (a) => a.endsOn },
    { header: t.renewals, width: 9, value: (a) => a.renewals },
    { header: t.agreementState, width: 10, value: (a) => t.agreementStates[agreementState(a.endsOn, ctx.today)] },
    { header: t.activities, width: 12, value: (a) => a.activities },
    { header: t.activitiesIn(year), width: 14, value: (a) => a.activitiesInYear },
    { header: t.lastActivity, width: 12, value: (a) => a.lastActivityOn ?? '' },
  ];
  const buffer = await workbookBuffer(t.agreements.sheet, columns, agreements, { sensitive: ctx.sensitive, title: t.agreements.title });
  return { name: `${t.agreements.file}-${ctx.today}.xlsx`, buffer };
}
