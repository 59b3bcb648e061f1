/**
 * The 三优先 report of a year (core funds.ts) and the funds workbook: budget lines with their
 * balance, requests with the days to approval and payment, expenses, and the report by quarter —
 * one workbook, one sheet each, over the caller's scope.
 */
import { type FundRequestStatus, type QuarterPriority, budgetShare, priorityByQuarter, waitingRequests } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, sheetOf, workbookSheets } from '../../lib/excel.js';
import { loadCalendar } from '../development/service.js';
import { type ExpenseRow, type LineRow, allExpenses, allLines, allRequests, branchCoverage, findOrg, requestDates } from './repository.js';
import { fundsSettings, presentRequest } from './service.js';
import { requireInScope } from '../../lib/scope.js';
import { fieldError } from '../../plugins/errors.js';

const yearOf = (date: string) => Number(date.slice(0, 4));

export async function priorityReport(ctx: Ctx, f: { year?: number | undefined }) {
  const year = f.year ?? yearOf(ctx.today);
  const scope = ctx.scope('funds.read');
  const { approvalTargetDays, paymentTargetDays, targetUnit } = (await fundsSettings(ctx)).value;
  const targets = { approvalTargetDays, paymentTargetDays, targetUnit };
  const calendar = await loadCalendar(ctx.db);
  const lines = await allLines(ctx.db, ctx.tenantId, scope, { year });
  const coverage = await branchCoverage(ctx.db, ctx.tenantId, scope, year);
  const dates = await requestDates(ctx.db, ctx.tenantId, scope, year);
  const { quarters, year: total } = priorityByQuarter(year, dates, targets, calendar);
  return {
    year,
    targets,
    budget: { ...budgetShare(lines), branchesWithLine: coverage.withLine, branches: coverage.branches },
    quarters,
    total,
    waiting: waitingRequests(dates, ctx.today, targets, calendar),
  };
}

const TEXT = {
  'zh-CN': {
    file: '党建经费',
    lines: '预算',
    linesTitle: '{year} 年党建经费预算及余额（元）',
    requests: '经费申请',
    requestsTitle: '{year} 年党建经费申请及办理天数（“三优先”）',
    expenses: '支出',
    expensesTitle: '{year} 年党建经费支出（元）',
    priority: '三优先',
    priorityTitle: '{year} 年“三优先”：支部预算占 {share}；审批时限 {approval} 天，拨付时限 {payment} 天（{unit}）',
    org: '党组织',
    category: '类别',
    budget: '预算',
    spent: '已支出',
    committed: '已批未付',
    balance: '余额',
    overrun: '其中超支',
    note: '备注',
    id: '编号',
    amount: '申请金额',
    purpose: '用途',
    status: '状态',
    requestedOn: '申请日期',
    decidedOn: '审批/退回日期',
    decisionNote: '审批意见/退回原因',
    approvalDays: '审批天数',
    approvalWorkingDays: '审批工作日',
    paidOn: '拨付日期',
    paidCents: '拨付金额',
    paymentDays: '拨付天数',
    paymentWorkingDays: '拨付工作日',
    voucher: '凭证号',
    overrunReason: '超支原因',
    spentOn: '支出日期',
    source: '来源',
    direct: '直接登记',
    fromRequest: '申请 #{id}',
    quarter: '季度',
    requested: '申请数',
    returned: '退回数',
    approvals: '审批数',
    avg: '平均天数',
    max: '最长天数',
    avgWorking: '平均工作日',
    over: '超时限',
    payments: '拨付数',
    yearRow: '全年',
    calendar_days: '自然日',
    working_days: '工作日',
    none: '—',
    statuses: { submitted: '待审批', approved: '已批准待拨付', returned: '已退回', paid: '已拨付' } as Record<FundRequestStatus, string>,
  },
  'en-US': {
    file: 'party-funds',
    lines: 'Budget',
    linesTitle: 'Party-work budget {year} and balances (yuan)',
    requests: 'Requests',
    requestsTitle: 'Fund requests {year} and days taken (three priorities)',
    expenses: 'Expenses',
    expensesTitle: 'Party-work expenses {year} (yuan)',
    priority: 'Priorities',
    priorityTitle: 'Three priorities {year}: branches hold {share} of the budget; approval within {approval} days, payment within {payment} ({unit})',
    org: 'Organisation',
    category: 'Category',
    budget: 'Budget',
    spent: 'Spent',
    committed: 'Approved, unpaid',
    balance: 'Balance',
    overrun: 'Of which overrun',
    note: 'Note',
    id: 'No.',
    amount: 'Amount requested',
    purpose: 'Purpose',
    status: 'Status',
    requestedOn: 'Requested on',
    decidedOn: 'Decided on',
    decisionNote: 'Decision note / reason returned',
    approvalDays: 'Days to approval',
    approvalWorkingDays: 'Working days to approval',
    paidOn: 'Paid on',
    paidCents: 'Amount paid',
    paymentDays: 'Days to payment',
    paymentWorkingDays: 'Working days to payment',
    voucher: 'Voucher',
    overrunReason: 'Overrun reason',
    spentOn: 'Spent on',
    source: 'Source',
    direct: 'Recorded directly',
    fromRequest: 'Request #{id}',
    quarter: 'Quarter',
    requested: 'Requested',
    returned: 'Returned',
    approvals: 'Approved',
    avg: 'Average days',
    max: 'Longest',
    avgWorking: 'Average working days',
    over: 'Over target',
    payments: 'Paid',
    yearRow: 'Year',
    calendar_days: 'calendar days',
    working_days: 'working days',
    none: '—',
    statuses: { submitted: 'Awaiting approval', approved: 'Approved, awaiting payment', returned: 'Returned', paid: 'Paid' } as Record<FundRequestStatus, string>,
  },
} as const;

const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
const yuan = (cents: number | null) => (cents === null ? null : cents / 100);

export async function fundsWorkbook(ctx: Ctx, f: { year?: number | undefined; orgId?: number | undefined }): Promise<{ name: string; buffer: Buffer }> {
  const t = TEXT[ctx.language];
  const year = f.year ?? yearOf(ctx.today);
  const scope = ctx.scope('funds.read');
  let orgPath: string | undefined;
  if (f.orgId) {
    const org = await findOrg(ctx.db, ctx.tenantId, f.orgId);
    orgPath = requireInScope(scope, org && { ...org, orgPath: org.path }, fieldError(ctx.language, 'query.orgId', 'FUNDS_ORG_UNKNOWN', { id: f.orgId })).path;
  }
  const calendar = await loadCalendar(ctx.db);
  const lines = await allLines(ctx.db, ctx.tenantId, scope, { year, orgPath });
  const requests = (await allRequests(ctx.db, ctx.tenantId, scope, { year, orgPath })).map((r) => presentRequest(r, calendar));
  const expenses = await allExpenses(ctx.db, ctx.tenantId, scope, { year, orgPath });
  const report = await priorityReport(ctx, { year });

  const lineColumns: SheetColumn<LineRow>[] = [
    { header: t.org, width: 28, value: (l) => l.orgName },
    { header: t.category, width: 12, value: (l) => l.category },
    { header: t.budget, width: 12, value: (l) => yuan(l.budgetCents) },
    { header: t.spent, width: 12, value: (l) => yuan(l.spentCents) },
    { header: t.committed, width: 14, value: (l) => yuan(l.committedCents) },
    { header: t.balance, width: 12, value: (l) => yuan(l.balanceCents) },
    { header: t.overrun, width: 12, value: (l) => yuan(l.overrunCents) },
    { header: t.note, width: 30, value: (l) => l.note },
  ];
  type Request = (typeof requests)[number];
  const requestColumns: SheetColumn<Request>[] = [
    { header: t.id, width: 8, value: (r) => r.id },
    { header: t.org, width: 28, value: (r) => r.orgName },
    { header: t.category, width: 12, value: (r) => r.category },
    { header: t.amount, width: 12, value: (r) => yuan(r.amountCents) },
    { header: t.purpose, width: 36, value: (r) => r.purpose },
    { header: t.status, width: 14, value: (r) => t.statuses[r.status] },
    { header: t.requestedOn, width: 12, value: (r) => r.requestedOn },
    { header: t.decidedOn, width: 12, value: (r) => r.decidedOn },
    { header: t.decisionNote, width: 24, value: (r) => r.decisionNote },
    { header: t.approvalDays, width: 10, value: (r) => r.approvalDays },
    { header: t.approvalWorkingDays, width: 10, value: (r) => r.approvalWorkingDays },
    { header: t.paidOn, width: 12, value: (r) => r.paidOn },
    { header: t.paidCents, width: 12, value: (r) => yuan(r.paidCents) },
    { header: t.paymentDays, width: 10, value: (r) => r.paymentDays },
    { header: t.paymentWorkingDays, width: 10, value: (r) => r.paymentWorkingDays },
    { header: t.voucher, width: 14, value: (r) => r.voucherNo },
    { header: t.overrunReason, width: 24, value: (r) => r.overrunReason },
  ];
  const expenseColumns: SheetColumn<ExpenseRow>[] = [
    { header: t.spentOn, width: 12, value: (e) => e.spentOn },
    { header: t.org, width: 28, value: (e) => e.orgName },
    { header: t.category, width: 12, value: (e) => e.category },
    { header: t.spent, width: 12, value: (e) => yuan(e.amountCents) },
    { header: t.purpose, width: 36, value: (e) => e.purpose },
    { header: t.voucher, width: 14, value: (e) => e.voucherNo },
    { header: t.source, width: 14, value: (e) => (e.requestId ? fill(t.fromRequest, { id: e.requestId }) : t.direct) },
    { header: t.overrun, width: 12, value: (e) => yuan(e.overrunCents) },
    { header: t.overrunReason, width: 24, value: (e) => e.overrunReason },
  ];
  const quarterColumns: SheetColumn<QuarterPriority>[] = [
    { header: t.quarter, width: 10, value: (q) => (q.quarter.includes('Q') ? q.quarter : t.yearRow) },
    { header: t.requested, width: 8, value: (q) => q.requested },
    { header: t.returned, width: 8, value: (q) => q.returned },
    { header: t.approvals, width: 8, value: (q) => q.approval.count },
    { header: `${t.approvals}·${t.avg}`, width: 12, value: (q) => q.approval.avgDays },
    { header: `${t.approvals}·${t.max}`, width: 12, value: (q) => q.approval.maxDays },
    { header: `${t.approvals}·${t.avgWorking}`, width: 14, value: (q) => q.approval.avgWorkingDays },
    { header: `${t.approvals}·${t.over}`, width: 12, value: (q) => q.approval.overTarget },
    { header: t.payments, width: 8, value: (q) => q.payment.count },
    { header: `${t.payments}·${t.avg}`, width: 12, value: (q) => q.payment.avgDays },
    { header: `${t.payments}·${t.max}`, width: 12, value: (q) => q.payment.maxDays },
    { header: `${t.payments}·${t.avgWorking}`, width: 14, value: (q) => q.payment.avgWorkingDays },
    { header: `${t.payments}·${t.over}`, width: 12, value: (q) => q.payment.overTarget },
  ];
  const share = report.budget.branchShare === null ? t.none : `${(report.budget.branchShare * 100).toFixed(1)}%`;
  const buffer = await workbookSheets(
    [
      sheetOf({ name: t.lines, title: fill(t.linesTitle, { year }), columns: lineColumns, rows: lines }),
      sheetOf({ name: t.requests, title: fill(t.requestsTitle, { year }), columns: requestColumns, rows: requests }),
      sheetOf({ name: t.expenses, title: fill(t.expensesTitle, { year }), columns: expenseColumns, rows: expenses }),
      sheetOf({
        name: t.priority,
        title: fill(t.priorityTitle, { year, share, approval: report.targets.approvalTargetDays, payment: report.targets.paymentTargetDays, unit: t[report.targets.targetUnit] }),
        columns: quarterColumns,
        rows: [...report.quarters, report.total],
      }),
    ],
    { sensitive: ctx.sensitive },
  );
  return { name: `${t.file}-${year}-${ctx.today}.xlsx`, buffer };
}
