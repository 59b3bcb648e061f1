import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from './calendar.js';
import { DEFAULT_FUNDS_SETTINGS, budgetShare, expenseCheck, fundsSettingsSchema, lineBalance, mayMoveRequest, priorityByQuarter, waitingRequests } from './funds.js';

const calendar = new WorkingDayCalendar();
const targets = { approvalTargetDays: 5, paymentTargetDays: 10, targetUnit: 'calendar_days' as const };

describe('funds (党建经费)', () => {
  it('refuses an expense beyond the balance unless it names an overrun reason', () => {
    expect(expenseCheck(10_000, 10_000, '')).toEqual({ outcome: 'fits', overrunCents: 0 });
    expect(expenseCheck(10_000, 10_001, '')).toEqual({ outcome: 'refused', overrunCents: 1 });
    expect(expenseCheck(10_000, 12_000, '  ')).toEqual({ outcome: 'refused', overrunCents: 2000 });
    expect(expenseCheck(10_000, 12_000, '慰问临时增加')).toEqual({ outcome: 'overrun', overrunCents: 2000 });
    // Already overdrawn: the whole amount is beyond.
    expect(expenseCheck(-500, 300, '追加')).toEqual({ outcome: 'overrun', overrunCents: 300 });
    expect(lineBalance(50_000, 12_345)).toBe(37_655);
  });

  it('moves a request only forward: submitted → approved | returned; approved → paid', () => {
    expect(mayMoveRequest('submitted', 'approved')).toBe(true);
    expect(mayMoveRequest('submitted', 'returned')).toBe(true);
    expect(mayMoveRequest('approved', 'paid')).toBe(true);
    expect(mayMoveRequest('submitted', 'paid')).toBe(false);
    expect(mayMoveRequest('returned', 'approved')).toBe(false);
    expect(mayMoveRequest('paid', 'approved')).toBe(false);
  });

  it('预算优先安排: the share of the year’s budget on branch lines', () => {
    expect(
      budgetShare([
        { orgType: 'committee', budgetCents: 300_000 },
        { orgType: 'branch', budgetCents: 500_000 },
        { orgType: 'general_branch', budgetCents: 100_000 },
        { orgType: 'temporary_branch', budgetCents: 100_000 },
      ]),
    ).toEqual({ totalCents: 1_000_000, branchCents: 700_000, committeeCents: 300_000, branchShare: 0.7 });
    expect(budgetShare([]).branchShare).toBeNull();
  });

  it('流程优先办理 and 资金优先拨付: days per quarter from known dates, calendar and working days', () => {
    const requests = [
      // Q1: asked Fri 2026-01-09, approved Tue 01-13 (4 days, 2 working), paid Mon 01-19 (10 days, 6 working)
      { requestedOn: '2026-01-09', approvedOn: '2026-01-13', returnedOn: null, paidOn: '2026-01-19' },
      // Q1: asked 03-02, approved 03-10 (8 days: over 5), paid in Q2 on 04-03 (32 days)
      { requestedOn: '2026-03-02', approvedOn: '2026-03-10', returnedOn: null, paidOn: '2026-04-03' },
      // Q1: returned on 03-05
      { requestedOn: '2026-03-03', approvedOn: null, returnedOn: '2026-03-05', paidOn: null },
      // Q4 of the year before: not counted
      { requestedOn: '2025-12-20', approvedOn: '2025-12-22', returnedOn: null, paidOn: '2025-12-30' },
    ];
    const { quarters, year } = priorityByQuarter(2026, requests, targets, calendar);
    const [q1, q2, q3] = quarters;
    expect(q1).toMatchObject({ quarter: '2026-Q1', requested: 3, returned: 1 });
    expect(q1!.approval).toEqual({ count: 2, avgDays: 6, maxDays: 8, avgWorkingDays: 4, maxWorkingDays: 6, overTarget: 1 });
    expect(q1!.payment).toEqual({ count: 1, avgDays: 10, maxDays: 10, avgWorkingDays: 6, maxWorkingDays: 6, overTarget: 0 });
    // The payment of the March request counts in Q2 (the quarter it was paid), 03-02 → 04-03.
    expect(q2!.payment).toMatchObject({ count: 1, avgDays: 32, maxDays: 32, overTarget: 1 });
    expect(q2!.requested).toBe(0);
    expect(q3!.approval).toEqual({ count: 0, avgDays: null, maxDays: null, avgWorkingDays: null, maxWorkingDays: null, overTarget: 0 });
    expect(year).toMatchObject({ quarter: '2026', requested: 3, returned: 1, approval: { count: 2 }, payment: { count: 2, maxDays: 32, avgDays: 21 } });
  });

  it('counts over-target spans in working days when the unit chose them', () => {
    // Asked Thu 2026-09-24, approved Fri 10-09: 15 calendar days, the National Day holiday inside.
    const requests = [{ requestedOn: '2026-09-24', approvedOn: '2026-10-09', returnedOn: null, paidOn: null }];
    const calendarCount = priorityByQuarter(2026, requests, targets, calendar).quarters[3]!.approval;
    const workingCount = priorityByQuarter(2026, requests, { ...targets, approvalTargetDays: 5, targetUnit: 'working_days' }, calendar).quarters[3]!.approval;
    expect(calendarCount.maxDays).toBe(15);
    expect(calendarCount.overTarget).toBe(1);
    expect(workingCount.maxWorkingDays).toBeLessThanOrEqual(5);
    expect(workingCount.overTarget).toBe(0);
  });

  it('counts the requests still waiting and those already past the target', () => {
    const base = { approvedOn: null, returnedOn: null, paidOn: null };
    const waiting = waitingRequests(
      [
        { ...base, status: 'submitted', requestedOn: '2026-11-20' },
        { ...base, status: 'submitted', requestedOn: '2026-11-10' },
        { ...base, status: 'approved', requestedOn: '2026-11-10', approvedOn: '2026-11-12' },
        { ...base, status: 'paid', requestedOn: '2026-10-10', approvedOn: '2026-10-12', paidOn: '2026-10-15' },
      ],
      '2026-11-23',
      targets,
      calendar,
    );
    expect(waiting).toEqual({ awaitingApproval: 2, awaitingApprovalLate: 1, awaitingPayment: 1, awaitingPaymentLate: 1 });
  });

  it('takes 1–30 distinct categories and targets within bounds', () => {
    expect(fundsSettingsSchema.safeParse(DEFAULT_FUNDS_SETTINGS).success).toBe(true);
    expect(fundsSettingsSchema.safeParse({ ...DEFAULT_FUNDS_SETTINGS, categories: [] }).success).toBe(false);
    expect(fundsSettingsSchema.safeParse({ ...DEFAULT_FUNDS_SETTINGS, categories: ['其他', '其他'] }).success).toBe(false);
    expect(fundsSettingsSchema.safeParse({ ...DEFAULT_FUNDS_SETTINGS, approvalTargetDays: 0 }).success).toBe(false);
    expect(fundsSettingsSchema.safeParse({ ...DEFAULT_FUNDS_SETTINGS, targetUnit: 'weeks' }).success).toBe(false);
  });
});
