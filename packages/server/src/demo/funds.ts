/**
 * Party-work funds (党建经费) of the demo hospitals for the demo year (seed 002 "三优先"):
 * - the 党委's own lines (党员教育, 表彰奖励, 阵地建设, 其他) and a 支部活动 line for every branch
 *   (more for the retired members' branches and the 援疆 team), 党员教育 for every third branch and
 *   关怀帮扶 for the retired branches: about three fifths of the year's budget on branch lines;
 * - about forty branch requests from January to November (three of the 急诊科 branch's), approved in one to eight days (slower
 *   in the first quarter, faster as the year goes on) and paid a few days later; four returned with
 *   the reason; the newest still waiting (two to approve, two to pay, past the target by now);
 * - the 党委's direct expenses (冬训教材, 表彰大会 …), one of them an overrun with its reason.
 * The county hospital has a small version of the same. Deterministic: orgs in path order, dates
 * from `today`'s year, working days from the State Council schedule.
 */
import { FUND_REQUEST_ORG_TYPES, type OrgType, WorkingDayCalendar, addDays, compareDates } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertExpense, insertLine, insertRequest, moveRequest } from '../modules/funds/repository.js';
import { orgsOfTenant, tenantIdByCode } from '../modules/service/repository.js';
import { type DemoData, ER_BRANCH } from './generate.js';

const OFFICE = '党委组织部';
const calendar = new WorkingDayCalendar();
const workday = (date: string) => calendar.nextWorkingDayOnOrAfter(date);

/** What branches ask money for, by category. */
const PURPOSES: Record<string, readonly string[]> = {
  支部活动: [
    '主题党日赴红色教育基地参观学习交通费',
    '“七一”主题党日活动场地及资料费',
    '“三会一课”学习资料印制',
    '支部与社区党组织共建义诊活动物资',
    '“党员先锋岗”挂牌及宣传材料',
    '支部书记讲党课课件制作及资料费',
    '“健康科普进社区”志愿服务活动物资',
  ],
  党员教育: ['党员学习笔记本及理论读物', '专题学习辅导讲座讲课费', '“强国复兴有我”党史知识竞赛奖品'],
  关怀帮扶: ['走访慰问生活困难党员', '慰问“光荣在党50年”老党员', '看望住院老党员慰问品'],
};

const RETURN_REASONS = [
  '未附活动方案，请补充后重新申请',
  '用途属于工会经费列支范围，请改由工会经费申请',
  '金额超出本支部年度活动标准，请压减后重新申请',
  '参加人员名单与支部党员名册不符，请核对后重新申请',
];

/** Days from request to approval, and from approval to payment, by quarter: the office gets quicker. */
const APPROVAL_DAYS: Record<number, readonly number[]> = { 1: [3, 6, 4, 8, 2, 5], 2: [2, 4, 3, 6, 2], 3: [2, 3, 1, 4, 2], 4: [1, 2, 3, 1, 2] };
const PAYMENT_DAYS: Record<number, readonly number[]> = { 1: [5, 7, 4, 9, 6], 2: [4, 6, 3, 8], 3: [3, 5, 2, 4], 4: [2, 3, 4, 2] };

interface Org {
  id: number;
  name: string;
  path: string;
  type: OrgType;
}

/** Yearly amounts in 分. */
function branchLines(org: Org, index: number): Array<{ category: string; cents: number; note: string }> {
  const retired = org.name.startsWith('离退休');
  const activity = org.type === 'general_branch' ? 600_000 : retired ? 1_000_000 : org.type === 'temporary_branch' ? 800_000 : [500_000, 600_000, 800_000][index % 3]!;
  const lines = [{ category: '支部活动', cents: activity, note: org.type === 'general_branch' ? '党总支统筹活动' : '' }];
  if (index % 3 === 0 && !retired) lines.push({ category: '党员教育', cents: 200_000, note: '' });
  if (retired) lines.push({ category: '关怀帮扶', cents: 1_200_000, note: '老党员走访慰问' });
  return lines;
}

const COMMITTEE_LINES = [
  { category: '党员教育', cents: 8_000_000, note: '全院党员冬训、专题培训' },
  { category: '表彰奖励', cents: 6_000_000, note: '“七一”表彰' },
  { category: '阵地建设', cents: 5_000_000, note: '党建文化长廊、党员之家' },
  { category: '其他', cents: 2_000_000, note: '' },
];

const COMMITTEE_EXPENSES = [
  { category: '党员教育', month: '02-10', cents: 1_860_000, purpose: '全院党员冬训教材及学习资料采购', voucher: '记-02-0037' },
  { category: '阵地建设', month: '05-20', cents: 3_820_000, purpose: '党建文化长廊展板更新制作', voucher: '记-05-0112' },
  { category: '表彰奖励', month: '06-30', cents: 5_200_000, purpose: '“七一”“两优一先”表彰大会奖品及证书', voucher: '记-06-0208' },
  { category: '表彰奖励', month: '07-15', cents: 1_200_000, purpose: '优秀党务工作者增补表彰奖品', voucher: '记-07-0066', overrun: '经党委会研究增加表彰名额（2026 年第 12 次党委会）' },
  { category: '党员教育', month: '09-18', cents: 960_000, purpose: '学习贯彻党的二十届四中全会精神专题辅导讲课费', voucher: '记-09-0151' },
  { category: '其他', month: '10-12', cents: 420_000, purpose: '党员政治生日贺卡及纪念品', voucher: '记-10-0044' },
];

export async function loadFundsDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const year = Number(data.today.slice(0, 4));
  for (const [t, tenant] of data.tenants.entries()) {
    const tenantId = await tenantIdByCode(trx, tenant.code);
    if (tenantId === undefined) continue;
    const orgs = await orgsOfTenant(trx, tenantId);
    const committee = orgs.find((o) => o.type === 'committee');
    if (!committee) continue;
    const branches = orgs.filter((o): o is Org => FUND_REQUEST_ORG_TYPES.includes(o.type as OrgType));

    // Lines: the 党委's first in the list, then each branch's (the county keeps two of the 党委's).
    const lineIds = new Map<string, number>();
    const budgets = new Map<number, number>();
    for (const l of t === 0 ? COMMITTEE_LINES : COMMITTEE_LINES.slice(0, 1).map((l) => ({ ...l, cents: 2_000_000 }))) {
      const id = await insertLine(trx, tenantId, { org_id: committee.id, year, category: l.category, budget_cents: l.cents, note: l.note }, OFFICE);
      lineIds.set(`${committee.id}:${l.category}`, id);
      budgets.set(id, l.cents);
    }
    for (const [i, org] of branches.entries()) {
      for (const l of branchLines(org, i)) {
        const id = await insertLine(trx, tenantId, { org_id: org.id, year, category: l.category, budget_cents: l.cents, note: l.note }, OFFICE);
        lineIds.set(`${org.id}:${l.category}`, id);
        budgets.set(id, l.cents);
      }
    }

    // Requests: spread from early January to just before today, branches taken with a stride.
    const count = t === 0 ? 40 : 5;
    const first = workday(`${year}-01-07`);
    const last = addDays(data.today, -3);
    const span = compareDates(last, first);
    const spent = new Map<number, number>();
    // The demo secretary's branch asks three times (one of them returned), the others in turn.
    const er = branches.find((o) => o.name === ER_BRANCH);
    for (let i = 0; i < count; i++) {
      const org = er && [3, 14, 26].includes(i) ? er : branches[(i * 7) % branches.length]!;
      const requestedOn = workday(addDays(first, Math.round((i * span) / (count - 1))));
      if (compareDates(requestedOn, data.today) > 0) continue;
      const quarter = Math.floor((Number(requestedOn.slice(5, 7)) - 1) / 3) + 1;
      const wantsCare = org.name.startsWith('离退休') && i % 2 === 0;
      const wantsEducation = !wantsCare && lineIds.has(`${org.id}:党员教育`) && i % 4 === 1;
      const category = wantsCare ? '关怀帮扶' : wantsEducation ? '党员教育' : '支部活动';
      const lineId = lineIds.get(`${org.id}:${category}`)!;
      const purposes = PURPOSES[category]!;
      const amount = Math.min([120_000, 85_000, 200_000, 60_000, 150_000, 98_000, 240_000][i % 7]!, (budgets.get(lineId) ?? 0) - (spent.get(lineId) ?? 0));
      if (amount <= 0) continue;
      const id = await insertRequest(
        trx,
        tenantId,
        { org_id: org.id, budget_line_id: lineId, category, amount_cents: amount, purpose: purposes[i % purposes.length]! },
        requestedOn,
        { userId: null, username: `${org.name.replace(/党支部$|党总支$/, '')}支部书记` },
      );
      const fromEnd = count - 1 - i;
      // The two newest wait for approval.
      if (fromEnd < 2) continue;
      const returned = t === 0 ? [5, 14, 23, 31].includes(i) : i === 1;
      const approvalDays = APPROVAL_DAYS[quarter]![i % APPROVAL_DAYS[quarter]!.length]!;
      const decidedOn = workday(addDays(requestedOn, approvalDays));
      if (compareDates(decidedOn, data.today) > 0) continue;
      if (returned) {
        await moveRequest(trx, tenantId, id, 1, 'submitted', 'returned', { decided_on: decidedOn, decision_note: RETURN_REASONS[i % RETURN_REASONS.length]!, decided_by_name: OFFICE });
        continue;
      }
      await moveRequest(trx, tenantId, id, 1, 'submitted', 'approved', { decided_on: decidedOn, decision_note: i % 3 === 0 ? '同意，按标准据实报销' : '同意', decided_by_name: OFFICE });
      // The two next-newest wait for payment (the older of them past the target by now).
      if (fromEnd < 4 && t === 0) continue;
      if (fromEnd < 3) continue;
      const paidOn = workday(addDays(decidedOn, PAYMENT_DAYS[quarter]![i % PAYMENT_DAYS[quarter]!.length]!));
      if (compareDates(paidOn, data.today) > 0) continue;
      await moveRequest(trx, tenantId, id, 2, 'approved', 'paid');
      const paid = i % 5 === 2 ? amount - 3_500 : amount;
      await insertExpense(
        trx,
        tenantId,
        { budget_line_id: lineId, request_id: id, spent_on: paidOn, amount_cents: paid, purpose: purposes[i % purposes.length]!, voucher_no: `记-${paidOn.slice(5, 7)}-${String(100 + i).padStart(4, '0')}`, overrun_cents: 0, overrun_reason: '' },
        { userId: null, username: OFFICE },
      );
      spent.set(lineId, (spent.get(lineId) ?? 0) + paid);
    }

    // The 党委's own spending, recorded directly; one overrun with its reason.
    if (t !== 0) continue;
    for (const e of COMMITTEE_EXPENSES) {
      const spentOn = workday(`${year}-${e.month}`);
      if (compareDates(spentOn, data.today) > 0) continue;
      const lineId = lineIds.get(`${committee.id}:${e.category}`)!;
      const balance = (budgets.get(lineId) ?? 0) - (spent.get(lineId) ?? 0);
      const overrun = Math.max(0, e.cents - Math.max(0, balance));
      await insertExpense(
        trx,
        tenantId,
        { budget_line_id: lineId, request_id: null, spent_on: spentOn, amount_cents: e.cents, purpose: e.purpose, voucher_no: e.voucher, overrun_cents: overrun, overrun_reason: overrun > 0 ? (e.overrun ?? '') : '' },
        { userId: null, username: OFFICE },
      );
      spent.set(lineId, (spent.get(lineId) ?? 0) + e.cents);
    }
  }
}
