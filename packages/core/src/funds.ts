/**
 * Party-work funds (党建经费) and the 三优先 principle (seed-systems.md 002 "资源配置在一线": 经费
 * 投入向支部优先, 党建经费足额纳入年度预算, "预算优先安排、流程优先办理、资金优先拨付"; the 2018
 * opinion on party building in public hospitals asks for party-work funds in the hospital's
 * yearly budget — verify the unit's own finance rules).
 *
 * - A budget line (预算) is one org's amount for one year and one category (the unit's list,
 *   settings section 'funds'). Money is integer 分 throughout.
 * - A branch requests money for itself (经费申请): submitted → approved or returned (with a
 *   reason) → paid. The payment becomes an expense (支出) of the request's budget line; the
 *   organisation office may also record an expense directly.
 * - Balance of a line = budget − expenses. It never goes below zero unless the expense that takes
 *   it there records an overrun reason (超支原因): without one, the payment is refused.
 * - 三优先, measured: 预算优先安排 — the share of the 党委's yearly budget put on branch lines;
 *   流程优先办理 — days from a branch's request to its approval; 资金优先拨付 — days from the
 *   request to the payment; per quarter, against the unit's targets, in calendar days and in
 *   working days (the State Council schedule, calendar.ts).
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';
import { type WorkingDayCalendar, daysBetween, quarterOf } from './calendar.js';
import type { OrgType } from './rules.js';

/** The categories offered by default (editable per unit). */
export const DEFAULT_FUND_CATEGORIES = ['支部活动', '党员教育', '关怀帮扶', '阵地建设', '表彰奖励', '其他'] as const;

export const FUND_CATEGORIES_MAX = 30;

/** How the targets count days: calendar days (自然日) or working days (工作日). */
export const FUND_DAY_UNITS = ['calendar_days', 'working_days'] as const;
export type FundDayUnit = (typeof FUND_DAY_UNITS)[number];

/** The unit's funds settings (section 'funds'): the categories and the 三优先 targets. */
export const fundsSettingsSchema = z.strictObject({
  categories: nameListSchema(FUND_CATEGORIES_MAX, { itemMax: 20 }),
  /** 流程优先办理: a request is approved (or returned) within this many days. */
  approvalTargetDays: z.number().int().min(1).max(90),
  /** 资金优先拨付: a request is paid within this many days of being made. */
  paymentTargetDays: z.number().int().min(1).max(180),
  targetUnit: z.enum(FUND_DAY_UNITS),
});
export type FundsSettings = z.infer<typeof fundsSettingsSchema>;

export const DEFAULT_FUNDS_SETTINGS: FundsSettings = {
  categories: [...DEFAULT_FUND_CATEGORIES],
  approvalTargetDays: 5,
  paymentTargetDays: 10,
  targetUnit: 'calendar_days',
};

/** Orgs that hold budget lines: the 党委 and the branches (a 党小组 spends through its branch). */
export const FUND_LINE_ORG_TYPES: readonly OrgType[] = ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch'];
/** Orgs that request money for themselves: the branches (the 党委 spends directly). */
export const FUND_REQUEST_ORG_TYPES: readonly OrgType[] = ['general_branch', 'branch', 'joint_branch', 'temporary_branch'];

/** A request's states: submitted → approved | returned; approved → paid. */
export const FUND_REQUEST_STATUSES = ['submitted', 'approved', 'returned', 'paid'] as const;
export type FundRequestStatus = (typeof FUND_REQUEST_STATUSES)[number];

const NEXT: Record<FundRequestStatus, readonly FundRequestStatus[]> = {
  submitted: ['approved', 'returned'],
  approved: ['paid'],
  returned: [],
  paid: [],
};

export function mayMoveRequest(from: FundRequestStatus, to: FundRequestStatus): boolean {
  return NEXT[from].includes(to);
}

/** Largest amount of one line, request or expense: 2³¹−1 分 (an integer column), about 21 million 元. */
export const FUND_AMOUNT_MAX_CENTS = 2_147_483_647;

// ---------------------------------------------------------------------------------------
// Balance

/**
 * What an expense of `amountCents` does to a line with `balanceCents` left: 'fits', 'overrun'
 * (it takes the balance below zero and names why — allowed, recorded), or 'refused' (it would,
 * and names no reason). `overrunCents` is the part beyond the balance (0 when it fits).
 */
export function expenseCheck(balanceCents: number, amountCents: number, overrunReason: string): { outcome: 'fits' | 'overrun' | 'refused'; overrunCents: number } {
  const overrunCents = Math.max(0, amountCents - Math.max(0, balanceCents));
  if (overrunCents === 0) return { outcome: 'fits', overrunCents };
  return { outcome: overrunReason.trim() === '' ? 'refused' : 'overrun', overrunCents };
}

/** A line's balance: budget − expenses (negative only through recorded overruns). */
export function lineBalance(budgetCents: number, spentCents: number): number {
  return budgetCents - spentCents;
}

// ---------------------------------------------------------------------------------------
// 预算优先安排: the share of the year's budget on branch lines

export interface BudgetShare {
  totalCents: number;
  /** Lines of branches (党总支, 党支部, 联合党支部, 临时党支部). */
  branchCents: number;
  /** Lines of the 党委 itself. */
  committeeCents: number;
  /** branchCents / totalCents, 0–1 (null without any budget). */
  branchShare: number | null;
}

export function budgetShare(lines: ReadonlyArray<{ orgType: OrgType; budgetCents: number }>): BudgetShare {
  let branchCents = 0;
  let committeeCents = 0;
  for (const l of lines) {
    if (l.orgType === 'committee') committeeCents += l.budgetCents;
    else branchCents += l.budgetCents;
  }
  const totalCents = branchCents + committeeCents;
  return { totalCents, branchCents, committeeCents, branchShare: totalCents === 0 ? null : branchCents / totalCents };
}

// ---------------------------------------------------------------------------------------
// 流程优先办理, 资金优先拨付: days per quarter

/** The dates of one branch request that the 三优先 figures read. */
export interface FundRequestDates {
  requestedOn: string;
  /** The day it was approved (null while submitted, and for a returned request). */
  approvedOn: string | null;
  /** The day it was returned (null unless returned). */
  returnedOn: string | null;
  /** The day it was paid (null until paid). */
  paidOn: string | null;
}

/** Days between two dates in both counts: calendar days (b − a) and working days after a up to b. */
export function elapsedDays(from: string, to: string, calendar: WorkingDayCalendar): { days: number; workingDays: number } {
  return { days: daysBetween(from, to), workingDays: calendar.workingDaysBetween(from, to) };
}

export interface DayStats {
  count: number;
  /** Average calendar days, one decimal (null when count is 0). */
  avgDays: number | null;
  maxDays: number | null;
  avgWorkingDays: number | null;
  maxWorkingDays: number | null;
  /** How many took longer than the target, in the unit's chosen count. */
  overTarget: number;
}

export interface QuarterPriority {
  /** '2026-Q1' … */
  quarter: string;
  /** Requests made in the quarter. */
  requested: number;
  /** Requests returned in the quarter. */
  returned: number;
  /** Request → approval, for the approvals of the quarter. */
  approval: DayStats;
  /** Request → payment, for the payments of the quarter. */
  payment: DayStats;
}

export interface PriorityTargets {
  approvalTargetDays: number;
  paymentTargetDays: number;
  targetUnit: FundDayUnit;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

function stats(spans: ReadonlyArray<{ days: number; workingDays: number }>, target: number, unit: FundDayUnit): DayStats {
  if (spans.length === 0) return { count: 0, avgDays: null, maxDays: null, avgWorkingDays: null, maxWorkingDays: null, overTarget: 0 };
  const sum = (f: (s: { days: number; workingDays: number }) => number) => spans.reduce((n, s) => n + f(s), 0);
  return {
    count: spans.length,
    avgDays: oneDecimal(sum((s) => s.days) / spans.length),
    maxDays: Math.max(...spans.map((s) => s.days)),
    avgWorkingDays: oneDecimal(sum((s) => s.workingDays) / spans.length),
    maxWorkingDays: Math.max(...spans.map((s) => s.workingDays)),
    overTarget: spans.filter((s) => (unit === 'working_days' ? s.workingDays : s.days) > target).length,
  };
}

/**
 * The 三优先 figures of a year by quarter, and the year as a whole (quarter = the year, '2026'):
 * an approval counts in the quarter it was given, a payment in the quarter it was made, each
 * measured from the day the request was made.
 */
export function priorityByQuarter(year: number, requests: readonly FundRequestDates[], targets: PriorityTargets, calendar: WorkingDayCalendar): { quarters: QuarterPriority[]; year: QuarterPriority } {
  const inYear = (d: string | null): d is string => d !== null && Number(d.slice(0, 4)) === year;
  const build = (label: string, inPeriod: (d: string | null) => d is string): QuarterPriority => ({
    quarter: label,
    requested: requests.filter((r) => inPeriod(r.requestedOn)).length,
    returned: requests.filter((r) => inPeriod(r.returnedOn)).length,
    approval: stats(
      requests.filter((r) => inPeriod(r.approvedOn)).map((r) => elapsedDays(r.requestedOn, r.approvedOn as string, calendar)),
      targets.approvalTargetDays,
      targets.targetUnit,
    ),
    payment: stats(
      requests.filter((r) => inPeriod(r.paidOn)).map((r) => elapsedDays(r.requestedOn, r.paidOn as string, calendar)),
      targets.paymentTargetDays,
      targets.targetUnit,
    ),
  });
  const quarters = ([1, 2, 3, 4] as const).map((q) => build(`${year}-Q${q}`, (d): d is string => inYear(d) && quarterOf(d) === q));
  return { quarters, year: build(String(year), inYear) };
}

/**
 * Requests still waiting on `today`: submitted ones not yet decided, approved ones not yet paid,
 * and how many of each have already waited longer than the target.
 */
export function waitingRequests(
  requests: ReadonlyArray<FundRequestDates & { status: FundRequestStatus }>,
  today: string,
  targets: PriorityTargets,
  calendar: WorkingDayCalendar,
): { awaitingApproval: number; awaitingApprovalLate: number; awaitingPayment: number; awaitingPaymentLate: number } {
  const late = (from: string, target: number) => {
    const e = elapsedDays(from, today, calendar);
    return (targets.targetUnit === 'working_days' ? e.workingDays : e.days) > target;
  };
  const submitted = requests.filter((r) => r.status === 'submitted');
  const approved = requests.filter((r) => r.status === 'approved');
  return {
    awaitingApproval: submitted.length,
    awaitingApprovalLate: submitted.filter((r) => late(r.requestedOn, targets.approvalTargetDays)).length,
    awaitingPayment: approved.length,
    awaitingPaymentLate: approved.filter((r) => late(r.requestedOn, targets.paymentTargetDays)).length,
  };
}
