/** Request and answer shapes of the funds routes (党建经费). Money is integer 分 (…Cents). */
import { FUND_REQUEST_STATUSES, fundsSettingsSchema } from '@hongyi/core';
import { z } from 'zod';
import { id, int4, version } from '../../lib/fields.js';
import { uploadOut } from '../../lib/uploads.js';
import { dateString } from '../service/schemas.js';

const text = (max: number) => z.string().trim().max(max).default('');
const cents = () => int4().min(1);
const year = () => z.coerce.number().int().min(2000).max(2100);

// ---------------------------------------------------------------------------------------
// Budget lines

export const lineInput = z.object({
  orgId: id(),
  year: int4().min(2000).max(2100),
  category: z.string().trim().min(1).max(20),
  budgetCents: int4().min(0),
  note: text(500),
});

export const lineChange = z.object({ budgetCents: int4().min(0), note: text(500), version: version() });

export const lineOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgType: z.string(),
  year: z.number(),
  category: z.string(),
  budgetCents: z.number(),
  /** Expenses so far (paid requests and direct expenses). */
  spentCents: z.number(),
  /** Approved requests not yet paid. */
  committedCents: z.number(),
  /** budget − spent: below zero only through recorded overruns. */
  balanceCents: z.number(),
  /** The part of the expenses recorded as overruns. */
  overrunCents: z.number(),
  note: z.string(),
  version: z.number(),
});

export const lineFilter = z.object({
  year: year().optional(),
  orgId: z.coerce.number().int().positive().optional(),
});

export const totalsOut = z.object({ budgetCents: z.number(), spentCents: z.number(), committedCents: z.number(), balanceCents: z.number() });

// ---------------------------------------------------------------------------------------
// Requests

export const requestInput = z.object({
  orgId: id(),
  budgetLineId: id(),
  category: z.string().trim().min(1).max(20),
  amountCents: cents(),
  purpose: z.string().trim().min(1).max(500),
});

export const requestOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  budgetLineId: z.number(),
  category: z.string(),
  amountCents: z.number(),
  purpose: z.string(),
  status: z.enum(FUND_REQUEST_STATUSES),
  requestedOn: z.string(),
  decidedOn: z.string().nullable(),
  decisionNote: z.string(),
  decidedByName: z.string(),
  createdByName: z.string(),
  /** The payment, once paid (its expense). */
  expenseId: z.number().nullable(),
  paidOn: z.string().nullable(),
  paidCents: z.number().nullable(),
  voucherNo: z.string(),
  overrunCents: z.number(),
  overrunReason: z.string(),
  /** 三优先: days from the request to its approval and to its payment (calendar and working days). */
  approvalDays: z.number().nullable(),
  approvalWorkingDays: z.number().nullable(),
  paymentDays: z.number().nullable(),
  paymentWorkingDays: z.number().nullable(),
  files: z.number(),
  version: z.number(),
});

export const requestFilter = z.object({
  year: year().optional(),
  orgId: z.coerce.number().int().positive().optional(),
  status: z.enum(FUND_REQUEST_STATUSES).optional(),
});

export const approveInput = z.object({ version: version(), note: text(200) });
export const returnInput = z.object({ version: version(), reason: z.string().trim().min(1).max(200) });
export const payInput = z.object({
  version: version(),
  paidOn: dateString,
  amountCents: cents(),
  voucherNo: z.string().trim().min(1).max(50),
  /** Needed only when the payment takes the line's balance below zero (超支原因). */
  overrunReason: text(200),
});

// ---------------------------------------------------------------------------------------
// Expenses

export const expenseInput = z.object({
  budgetLineId: id(),
  spentOn: dateString,
  amountCents: cents(),
  purpose: z.string().trim().min(1).max(500),
  voucherNo: z.string().trim().min(1).max(50),
  overrunReason: text(200),
});

export const expenseOut = z.object({
  id: z.number(),
  budgetLineId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  category: z.string(),
  requestId: z.number().nullable(),
  spentOn: z.string(),
  amountCents: z.number(),
  purpose: z.string(),
  voucherNo: z.string(),
  overrunCents: z.number(),
  overrunReason: z.string(),
  createdByName: z.string(),
  files: z.number(),
});

export const expenseFilter = z.object({
  year: year().optional(),
  orgId: z.coerce.number().int().positive().optional(),
  budgetLineId: z.coerce.number().int().positive().optional(),
});

// ---------------------------------------------------------------------------------------
// 三优先

const dayStats = z.object({
  count: z.number(),
  avgDays: z.number().nullable(),
  maxDays: z.number().nullable(),
  avgWorkingDays: z.number().nullable(),
  maxWorkingDays: z.number().nullable(),
  overTarget: z.number(),
});
const quarterOut = z.object({ quarter: z.string(), requested: z.number(), returned: z.number(), approval: dayStats, payment: dayStats });

export const priorityOut = z.object({
  year: z.number(),
  targets: fundsSettingsSchema.pick({ approvalTargetDays: true, paymentTargetDays: true, targetUnit: true }),
  /** 预算优先安排: the year's budget on branch lines and on the 党委's own. */
  budget: z.object({
    totalCents: z.number(),
    branchCents: z.number(),
    committeeCents: z.number(),
    branchShare: z.number().nullable(),
    /** Branches (党总支, 党支部 …) in the scope with at least one line this year, of all of them. */
    branchesWithLine: z.number(),
    branches: z.number(),
  }),
  quarters: z.array(quarterOut),
  total: quarterOut,
  /** Still waiting today, and how many of those already past the target. */
  waiting: z.object({ awaitingApproval: z.number(), awaitingApprovalLate: z.number(), awaitingPayment: z.number(), awaitingPaymentLate: z.number() }),
});

export const priorityFilter = z.object({ year: year().optional() });

export const filesOut = z.array(uploadOut);
