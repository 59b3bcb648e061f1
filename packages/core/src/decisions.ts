/**
 * Decisions under PDCA (issue 13): 三重一大 decision-making and its supervision.
 *
 * Plan: a topic (议题) is proposed by a department, pre-reviewed (调研论证, 专家论证, 风险评估,
 * 合法性审查…) and routed to its body — the 党委会, the 院长办公会 or the 党政联席会议.
 * Do: the body decides it at a meeting (quorum, votes or the president's decision, recusals).
 * Check: the decision is split into tasks with owners and deadlines; the owners report.
 * Act: the effect is evaluated and, where needed, a rule is revised.
 *
 * Rules (公立医院党委领导下的院长负责制, 2018; 中国共产党党委（党组）理论学习中心组学习规则 and the
 * 三重一大 opinions): the 党委 decides 重大事项, 重要干部任免, 重大项目安排 and 大额资金使用; the
 * 院长办公会 decides the hospital's administrative matters, and a 三重一大 matter reaches it only
 * after the 党委会 has studied it first (前置研究). A 党委会 may decide only when more than half of
 * its members are present, and a cadre matter (干部任免) only when two thirds are; a decision
 * passes when the votes in favour are more than half of the members due (应到), not of those
 * present. The 院长办公会 does not vote: the president decides after hearing the views.
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';
import { compareDates, daysBetween } from './calendar.js';
import type { Role } from './access.js';

export const DECISION_BODY_KINDS = ['party_committee', 'president_office_meeting', 'joint_meeting'] as const;
export type DecisionBodyKind = (typeof DECISION_BODY_KINDS)[number];

export const DECISION_BODY_LABELS: Record<DecisionBodyKind, { 'zh-CN': string; 'en-US': string }> = {
  party_committee: { 'zh-CN': '党委会', 'en-US': 'Party committee meeting' },
  president_office_meeting: { 'zh-CN': '院长办公会', 'en-US': 'President’s office meeting' },
  joint_meeting: { 'zh-CN': '党政联席会议', 'en-US': 'Joint party–administration meeting' },
};

export const TOPIC_CATEGORIES = ['major_decision', 'cadre', 'major_project', 'large_fund', 'general'] as const;
export type TopicCategory = (typeof TOPIC_CATEGORIES)[number];

/** 三重一大: 重大事项决策, 重要干部任免, 重大项目安排, 大额资金使用. */
export const SANZHONG_YIDA: readonly TopicCategory[] = ['major_decision', 'cadre', 'major_project', 'large_fund'];

export const TOPIC_CATEGORY_LABELS: Record<TopicCategory, { 'zh-CN': string; 'en-US': string }> = {
  major_decision: { 'zh-CN': '重大事项决策', 'en-US': 'Major decision' },
  cadre: { 'zh-CN': '重要干部任免', 'en-US': 'Cadre appointment' },
  major_project: { 'zh-CN': '重大项目安排', 'en-US': 'Major project' },
  large_fund: { 'zh-CN': '大额资金使用', 'en-US': 'Large fund use' },
  general: { 'zh-CN': '一般事项', 'en-US': 'General' },
};

/** A topic's stages: draft → reviewed (pre-review complete) → scheduled (on an agenda) → decided → closed (every task done) → evaluated. */
export const TOPIC_STAGES = ['draft', 'reviewed', 'scheduled', 'decided', 'closed', 'evaluated'] as const;
export type TopicStage = (typeof TOPIC_STAGES)[number];

export const DECISION_RESULTS = ['passed', 'rejected', 'deferred'] as const;
export type DecisionResult = (typeof DECISION_RESULTS)[number];

// ---------------------------------------------------------------------------------------
// Settings (section 'decisions')

/** 50万元, in 分: the default threshold of 大额资金 (units set their own, 三重一大 opinions). */
export const DEFAULT_LARGE_FUND_THRESHOLD_CENTS = 50_000_000;

export const DEFAULT_PREREVIEW_ITEMS = ['调研论证', '专家论证', '风险评估', '合法性审查', '合规性审核', '征求意见'] as const;

const categoryList = z
  .array(z.enum(TOPIC_CATEGORIES))
  .max(TOPIC_CATEGORIES.length)
  .refine((list) => new Set(list).size === list.length, { message: 'duplicate item' });

export const decisionsSettingsSchema = z.strictObject({
  /** 大额资金: amounts from this many 分 are 三重一大 whatever the category says (money is integer 分). */
  largeFundThresholdCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** The pre-review checklist every topic must complete before it goes on an agenda. */
  prereviewItems: nameListSchema(20, { min: 0 }),
  /** 前置研究: categories the 党委会 must study before the 院长办公会 decides them. */
  studyFirst: categoryList,
  /** Categories only the 党委会 decides (干部任免). */
  committeeDecides: categoryList,
});
export type DecisionsSettings = z.infer<typeof decisionsSettingsSchema>;

export const DEFAULT_DECISIONS_SETTINGS: DecisionsSettings = {
  largeFundThresholdCents: DEFAULT_LARGE_FUND_THRESHOLD_CENTS,
  prereviewItems: [...DEFAULT_PREREVIEW_ITEMS],
  studyFirst: [...SANZHONG_YIDA],
  committeeDecides: ['cadre'],
};

/** The category a topic is treated as: a general topic of a large amount is 大额资金使用. */
export function effectiveCategory(category: TopicCategory, amountCents: number | null, settings: Pick<DecisionsSettings, 'largeFundThresholdCents'>): TopicCategory {
  if (category === 'general' && amountCents !== null && amountCents >= settings.largeFundThresholdCents) return 'large_fund';
  return category;
}

export function isSanzhongYida(category: TopicCategory): boolean {
  return SANZHONG_YIDA.includes(category);
}

// ---------------------------------------------------------------------------------------
// Who writes which body

/** 党办 writes the 党委会's bodies, topics and meetings, 院办 the 院长办公会's, both the joint meeting's. */
export const BODY_WRITERS: Record<DecisionBodyKind, readonly Role[]> = {
  party_committee: ['party_office'],
  president_office_meeting: ['president_office'],
  joint_meeting: ['party_office', 'president_office'],
};

export function canWriteBody(roles: readonly Role[], kind: DecisionBodyKind): boolean {
  return roles.some((r) => BODY_WRITERS[kind].includes(r));
}

// ---------------------------------------------------------------------------------------
// Pre-review gate

export interface PrereviewItem {
  item: string;
  done: boolean;
  note: string;
}

/** The checklist items not yet done (empty: the topic may go on an agenda). */
export function prereviewMissing(items: readonly PrereviewItem[]): string[] {
  return items.filter((i) => !i.done).map((i) => i.item);
}

/** A new topic's checklist, from the unit's list. */
export function prereviewChecklist(settings: Pick<DecisionsSettings, 'prereviewItems'>): PrereviewItem[] {
  return settings.prereviewItems.map((item) => ({ item, done: false, note: '' }));
}

// ---------------------------------------------------------------------------------------
// Routing (前置研究)

export type RoutingRefusal =
  | { code: 'DECISIONS_ROUTING_COMMITTEE_DECIDES'; category: TopicCategory }
  | { code: 'DECISIONS_ROUTING_STUDY_FIRST'; category: TopicCategory };

/**
 * May a topic of this (effective) category go to a body of this kind? A category the 党委会 decides
 * itself (干部任免) goes to the 党委会 only; a 前置研究 category reaches the 院长办公会 only when the
 * 党委会 has studied it first (a passed topic of the 党委会 linked as studied_by).
 */
export function routingRefusal(kind: DecisionBodyKind, category: TopicCategory, studiedByCommittee: boolean, settings: Pick<DecisionsSettings, 'studyFirst' | 'committeeDecides'>): RoutingRefusal | null {
  if (kind === 'party_committee') return null;
  if (settings.committeeDecides.includes(category)) return { code: 'DECISIONS_ROUTING_COMMITTEE_DECIDES', category };
  if (kind === 'president_office_meeting' && settings.studyFirst.includes(category) && !studiedByCommittee) return { code: 'DECISIONS_ROUTING_STUDY_FIRST', category };
  return null;
}

// ---------------------------------------------------------------------------------------
// Quorum and votes

export interface QuorumCheck {
  ok: boolean;
  due: number;
  present: number;
  /** The fewest present for the body to decide. */
  required: number;
  /** 'half' (more than half) or 'two_thirds' (cadre topics at the 党委会). */
  rule: 'half' | 'two_thirds';
}

/**
 * Quorum for one topic: more than half of the members due present; a cadre topic at the 党委会
 * (or the joint meeting) needs two thirds. `present` counts members present and not recused on
 * the topic (回避 members do not count).
 */
export function quorum(kind: DecisionBodyKind, category: TopicCategory, due: number, present: number): QuorumCheck {
  const twoThirds = category === 'cadre' && kind !== 'president_office_meeting';
  const required = twoThirds ? Math.ceil((due * 2) / 3) : Math.floor(due / 2) + 1;
  return { ok: due > 0 && present >= required, due, present, required, rule: twoThirds ? 'two_thirds' : 'half' };
}

export interface Votes {
  for: number;
  against: number;
  abstain: number;
}

export type DecisionRefusal =
  | { code: 'DECISIONS_QUORUM_NOT_MET'; due: number; present: number; required: number; rule: 'half' | 'two_thirds' }
  | { code: 'DECISIONS_VOTES_REQUIRED' }
  | { code: 'DECISIONS_VOTES_EXCEED_PRESENT'; cast: number; present: number }
  | { code: 'DECISIONS_VOTES_RESULT_MISMATCH'; for: number; required: number; result: DecisionResult }
  | { code: 'DECISIONS_NO_VOTES_AT_PRESIDENT_MEETING' }
  | { code: 'DECISIONS_PRESIDENT_ABSENT' };

export interface DecisionInput {
  kind: DecisionBodyKind;
  category: TopicCategory;
  /** Members of the body (应到). */
  due: number;
  /** Present and not recused on this topic. */
  present: number;
  /** Votes (党委会, joint meeting), or null (院长办公会). */
  votes: Votes | null;
  result: DecisionResult;
  /** 院长办公会: the president (the body's chair) is present and not recused. */
  chairPresent: boolean;
}

/** The votes in favour a decision of a voting body needs: more than half of the members due. */
export function votesToPass(due: number): number {
  return Math.floor(due / 2) + 1;
}

/**
 * Checks a decision on one topic: the quorum; at a voting body the votes (at most one per member
 * present, 'passed' exactly when the votes in favour are more than half of the members due);
 * at the 院长办公会 no votes, the president present. A deferral (暂缓) needs neither quorum nor votes.
 */
export function decisionRefusal(d: DecisionInput): DecisionRefusal | null {
  if (d.result === 'deferred') return null;
  const q = quorum(d.kind, d.category, d.due, d.present);
  if (!q.ok) return { code: 'DECISIONS_QUORUM_NOT_MET', due: q.due, present: q.present, required: q.required, rule: q.rule };
  if (d.kind === 'president_office_meeting') {
    if (d.votes) return { code: 'DECISIONS_NO_VOTES_AT_PRESIDENT_MEETING' };
    if (!d.chairPresent) return { code: 'DECISIONS_PRESIDENT_ABSENT' };
    return null;
  }
  if (!d.votes) return { code: 'DECISIONS_VOTES_REQUIRED' };
  const cast = d.votes.for + d.votes.against + d.votes.abstain;
  if (cast > d.present) return { code: 'DECISIONS_VOTES_EXCEED_PRESENT', cast, present: d.present };
  const required = votesToPass(d.due);
  const passes = d.votes.for >= required;
  if (passes !== (d.result === 'passed')) return { code: 'DECISIONS_VOTES_RESULT_MISMATCH', for: d.votes.for, required, result: d.result };
  return null;
}

// ---------------------------------------------------------------------------------------
// Tasks (督办)

export const TASK_STATES = ['open', 'due_soon', 'overdue', 'closed_on_time', 'closed_late'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Days before the deadline a task counts as due soon (and enters the reminder digest). */
export const TASK_DUE_SOON_DAYS = 7;

/** A task's state on a day: closed on time or late (after the deadline), overdue, due within 7 days, or open. */
export function taskState(deadline: string, closedOn: string | null, today: string): TaskState {
  if (closedOn !== null) return compareDates(closedOn, deadline) > 0 ? 'closed_late' : 'closed_on_time';
  if (compareDates(today, deadline) > 0) return 'overdue';
  if (daysBetween(today, deadline) <= TASK_DUE_SOON_DAYS) return 'due_soon';
  return 'open';
}

/** Days a task is (or was) past its deadline; 0 when not late. */
export function daysLate(deadline: string, closedOn: string | null, today: string): number {
  const end = closedOn ?? today;
  return Math.max(0, daysBetween(deadline, end));
}

/** On-time closure rate of tasks whose deadline has passed or which are closed: closed on time ÷ (closed + overdue); null when none. */
export function onTimeRate(states: readonly TaskState[]): number | null {
  const counted = states.filter((s) => s === 'closed_on_time' || s === 'closed_late' || s === 'overdue');
  if (counted.length === 0) return null;
  return counted.filter((s) => s === 'closed_on_time').length / counted.length;
}
