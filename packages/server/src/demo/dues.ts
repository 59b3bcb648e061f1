/**
 * Demo party dues (党费): categories from each member's 工作岗位, bases for 2025 and 2026,
 * the monthly ledger from October 2025 to the last full month before `today`, payments for
 * most members, a few in arrears at each level of the 6-month rule (党章 第九条), some
 * voluntary extras and one ≥1000元 extra that goes to the Centre. Deterministic: a seeded
 * PRNG per tenant code, no current date.
 */
import { DEFAULT_DUES_PAYROLL_CHOICE, DUES_RULES, type DuesCategory, addMonths, monthlyDues } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { type NewBase, activeMembersForDues, insertBases, rootOrg } from '../modules/dues/repository.js';
import { chargeMonth, insertEntries, insertMonthClose, payChargedMonths } from '../modules/dues/repository-ledger.js';
import { tenantIdByCode } from '../modules/service/repository.js';
import { seedSettings } from '../modules/settings/service.js';
import { mulberry32 } from './generate.js';

const PROVENANCE = '演示数据';

function seedOf(code: string): number {
  let h = 20261123;
  for (const ch of code) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** Monthly pay after tax in 分, by title (a plausible spread for a public hospital). */
const PAY_RANGE_YUAN: Record<string, [number, number]> = {
  正高: [16_000, 26_000],
  副高: [11_000, 18_000],
  中级: [7_000, 12_000],
  初级: [4_000, 7_500],
  none: [3_200, 8_000],
};
const RETIRED_PENSION_YUAN: [number, number] = [3_800, 8_500];
/** The months the ledger starts with (the first closed month). */
const FIRST_MONTH = '2025-10-01';
/** The arrears examples, in months unpaid (every level of the 6-month rule). */
const ARREARS_LEVELS = [3, 5, 6, 7];

/** A member's dues category from their 工作岗位 (the national member system's wording); the demo's members are written with it. */
export function duesCategoryOfJob(jobCategory: string | null): 'student' | 'retired' | 'employed' {
  return jobCategory === '学生' ? 'student' : jobCategory === '离退休人员' ? 'retired' : 'employed';
}

export async function loadDuesDemo(trx: Transaction<DB>, tenantCodes: readonly string[], today: string): Promise<void> {
  for (const code of tenantCodes) {
    const tenantId = await tenantIdByCode(trx, code);
    if (tenantId !== undefined) await loadTenantDues(trx, tenantId, code, today);
  }
}

async function loadTenantDues(trx: Transaction<DB>, tenantId: number, code: string, today: string): Promise<void> {
  const rnd = mulberry32(seedOf(code));
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

  await seedSettings(trx, tenantId, 'duesPayroll', DEFAULT_DUES_PAYROLL_CHOICE);
  const members = await activeMembersForDues(trx, tenantId);

  // Bases: 2025 and the January 2026 re-assessment (党费规定: once a year, on January's pay).
  const bases: NewBase[] = [];
  for (const m of members) {
    const category = m.dues_category as DuesCategory;
    if (category !== 'employed' && category !== 'retired') continue;
    const [lo, hi] = category === 'retired' ? RETIRED_PENSION_YUAN : (PAY_RANGE_YUAN[m.title ?? 'none'] ?? PAY_RANGE_YUAN.none!);
    const base2026 = int(lo, hi) * 100 + int(0, 99);
    const base2025 = Math.round((base2026 * int(94, 99)) / 100);
    for (const [year, baseCents] of [[2025, base2025], [2026, base2026]] as const) {
      const r = monthlyDues({ category, baseCents });
      bases.push({
        member_id: m.id,
        year,
        category,
        base_cents: baseCents,
        rate_basis_points: r.rateBasisPoints,
        monthly_cents: r.monthlyCents,
        source: 'manual',
        import_id: null,
        note: '',
        set_by: null,
        set_by_name: PROVENANCE,
        set_at: `${year}-01-20T09:00:00+08:00`,
      });
    }
  }
  for (let i = 0; i < bases.length; i += 1000) await insertBases(trx, tenantId, bases.slice(i, i + 1000));

  // The ledger: every month from the first up to the month before today is closed, on the 5th
  // of the next month, by the unit-wide close.
  const root = await rootOrg(trx, tenantId);
  if (!root) throw new Error(`demo data: no top organisation in ${code}`);
  const lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1);
  for (let month = FIRST_MONTH; month <= lastMonth; month = addMonths(month, 1)) {
    const at = `${addMonths(month, 1).slice(0, 8)}05T10:00:00+08:00`;
    const by = { userId: null, name: PROVENANCE, at };
    const { created, dueCents } = await chargeMonth(trx, tenantId, root.orgPath, month.slice(0, 7), DUES_RULES.fixedMonthlyCents, by);
    await insertMonthClose(trx, tenantId, { month: month.slice(0, 7), orgId: root.id, memberCount: created, dueCents, ...by });
  }

  // Most members pay every month; a few stop paying, so every level of the 6-month rule shows.
  // In each branch the first members by id are the examples the branch secretary sees.
  const unpaidFrom = new Map<number, string>();
  const byBranch = new Map<string, number[]>();
  for (const m of members) byBranch.set(m.org_name, [...(byBranch.get(m.org_name) ?? []), m.id]);
  let example = 0;
  for (const ids of byBranch.values()) {
    if (ids.length < 12 || rnd() > 0.5) continue;
    const pick = ids[int(1, Math.min(ids.length - 1, 8))] as number;
    const k = ARREARS_LEVELS[example++ % ARREARS_LEVELS.length] as number;
    unpaidFrom.set(pick, addMonths(lastMonth, -(k - 1)));
  }
  if (unpaidFrom.size === 0 && members.length > 1) {
    // A small unit still shows one example, so every tenant's arrears page has something real.
    unpaidFrom.set((members[int(1, members.length - 1)] as { id: number }).id, addMonths(lastMonth, -2));
  }
  // Each month's dues paid in full on the 15th, three in ten members in cash.
  await payChargedMonths(trx, tenantId, { stoppedFrom: unpaidFrom, cash: members.filter((m) => m.id % 10 < 3).map((m) => m.id), name: PROVENANCE });

  // Voluntary extras around 七一, and one retired member's one-off 1000元 that goes to the Centre.
  const volunteers = members.filter(() => rnd() < 0.01).slice(0, 12);
  const extras = volunteers.map((m) => ({ member: m, amount: int(1, 5) * 10_000 }));
  const retired = members.find((m) => m.dues_category === 'retired');
  if (retired) extras.push({ member: retired, amount: DUES_RULES.largeVoluntaryExtraMinCents });
  await insertEntries(
    trx,
    tenantId,
    extras.map((x) => ({
      member_id: x.member.id,
      org_id: x.member.org_id,
      month: '2026-07-01',
      kind: 'voluntary',
      affects: 'voluntary',
      amount_cents: x.amount,
      method: 'transfer',
      paid_on: '2026-07-01',
      to_centre: x.amount >= DUES_RULES.largeVoluntaryExtraMinCents,
      note: '七一自愿多交',
      recorded_by_name: PROVENANCE,
      recorded_at: '2026-07-01T10:00:00+08:00',
    })),
  );
}
