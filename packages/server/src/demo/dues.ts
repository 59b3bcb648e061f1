/**
 * Demo party dues (党费): categories from each member's 工作岗位, bases for 2025 and 2026,
 * the monthly ledger from October 2025 to the last full month before `today`, payments for
 * most members, a few in arrears at each level of the 6-month rule (党章 第九条), some
 * voluntary extras and one ≥1000元 extra that goes to the Centre. Deterministic: a seeded
 * PRNG per tenant code, no current date.
 */
import { DEFAULT_DUES_PAYROLL_CHOICE, DUES_RULES, type DuesCategory, addMonths, monthlyDues } from '@hongyi/core';
import { type Transaction, sql } from 'kysely';
import type { DB } from '../db/schema.js';
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

export async function loadDuesDemo(trx: Transaction<DB>, tenantCodes: readonly string[], today: string): Promise<void> {
  const tenants = await trx.selectFrom('tenants').select(['id', 'code']).where('code', 'in', [...tenantCodes]).orderBy('id').execute();
  for (const tenant of tenants) await loadTenantDues(trx, tenant.id, tenant.code, today);
}

async function loadTenantDues(trx: Transaction<DB>, tenantId: number, code: string, today: string): Promise<void> {
  const rnd = mulberry32(seedOf(code));
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

  // Category from 工作岗位 (the national member system's wording).
  await sql`
    update members set dues_category = case job_category when '学生' then 'student' when '离退休人员' then 'retired' else 'employed' end
    where tenant_id = ${tenantId}
  `.execute(trx);
  await seedSettings(trx, tenantId, 'duesPayroll', DEFAULT_DUES_PAYROLL_CHOICE);

  const members = await trx
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.dues_category', 'm.title', 'o.name as org_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .orderBy('m.id')
    .execute();

  // Bases: 2025 and the January 2026 re-assessment (党费规定: once a year, on January's pay).
  const rows = [];
  for (const m of members) {
    const category = m.dues_category as DuesCategory;
    if (category !== 'employed' && category !== 'retired') continue;
    const [lo, hi] = category === 'retired' ? [3_800, 8_500] : (PAY_RANGE_YUAN[m.title ?? 'none'] ?? PAY_RANGE_YUAN.none!);
    const base2026 = int(lo, hi) * 100 + int(0, 99);
    const base2025 = Math.round((base2026 * int(94, 99)) / 100);
    for (const [year, baseCents] of [[2025, base2025], [2026, base2026]] as const) {
      const r = monthlyDues({ category, baseCents });
      rows.push({
        tenant_id: tenantId,
        member_id: m.id,
        year,
        category,
        base_cents: baseCents,
        rate_basis_points: r.rateBasisPoints,
        monthly_cents: r.monthlyCents,
        source: 'manual' as const,
        import_id: null,
        note: '',
        set_by: null,
        set_by_name: PROVENANCE,
        set_at: `${year}-01-20T09:00:00+08:00`,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('dues_bases').values(rows.slice(i, i + 1000)).execute();

  // The ledger: every month from 2025-10 up to the month before today is closed.
  const root = await trx.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('parent_id', 'is', null).orderBy('sort').orderBy('id').executeTakeFirstOrThrow();
  const lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1);
  const months: string[] = [];
  for (let m = '2025-10-01'; m <= lastMonth; m = addMonths(m, 1)) months.push(m);
  for (const month of months) {
    // A close's entries carry its closed_at as recorded_at, as closeMonth's do (one transaction, one now()).
    const closedAt = `${addMonths(month, 1).slice(0, 8)}05T10:00:00+08:00`;
    const result = await sql<{ n: number; total: number | null }>`
      with inserted as (
        insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, base_id, recorded_by_name, recorded_at)
        select m.tenant_id, m.id, m.org_id, ${month}::date, 'due', 'due',
          case when m.dues_category in ('employed', 'retired') then b.monthly_cents else ${DUES_RULES.fixedMonthlyCents}::int end,
          b.id, ${PROVENANCE}, ${closedAt}::timestamptz
        from members m
        left join lateral (
          select b.id, b.monthly_cents from dues_bases b
          where b.tenant_id = m.tenant_id and b.member_id = m.id and b.year <= extract(year from ${month}::date)
          order by b.year desc, b.id desc limit 1
        ) b on true
        where m.tenant_id = ${tenantId} and m.status = 'active'
          and (m.joined_on is null or m.joined_on < (${month}::date + interval '1 month'))
          and (m.dues_category not in ('employed', 'retired') or b.id is not null)
        returning amount_cents
      )
      select count(*)::int8 as n, sum(amount_cents)::int8 as total from inserted
    `.execute(trx);
    await trx
      .insertInto('dues_month_closes')
      .values({
        tenant_id: tenantId,
        month,
        org_id: root.id,
        member_count: Number(result.rows[0]?.n ?? 0),
        due_cents: Number(result.rows[0]?.total ?? 0),
        closed_by: null,
        closed_by_name: PROVENANCE,
        closed_at: closedAt,
      })
      .execute();
  }

  // Most members pay every month; a few stop paying, so every level of the 6-month rule shows.
  // In each branch the first members by id are the examples the branch secretary sees.
  const unpaidFrom = new Map<number, string>();
  const levels = [3, 5, 6, 7];
  const byBranch = new Map<string, number[]>();
  for (const m of members) byBranch.set(m.org_name, [...(byBranch.get(m.org_name) ?? []), m.id]);
  let example = 0;
  for (const ids of byBranch.values()) {
    if (ids.length < 12 || rnd() > 0.5) continue;
    const pick = ids[int(1, Math.min(ids.length - 1, 8))] as number;
    const k = levels[example++ % levels.length] as number;
    unpaidFrom.set(pick, addMonths(lastMonth, -(k - 1)));
  }
  if (unpaidFrom.size === 0 && members.length > 1) {
    // A small unit still shows one example, so every tenant's arrears page has something real.
    unpaidFrom.set((members[int(1, members.length - 1)] as { id: number }).id, addMonths(lastMonth, -2));
  }
  const memberIds = [...unpaidFrom.keys()].join(',');
  const fromMonths = [...unpaidFrom.values()].join(',');
  await sql`
    insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, method, paid_on, recorded_by_name, recorded_at)
    select e.tenant_id, e.member_id, e.org_id, e.month, 'payment', 'paid', e.amount_cents,
      case when e.member_id % 10 < 3 then 'cash' else 'transfer' end,
      (e.month + interval '14 days')::date, ${PROVENANCE}, (e.month + interval '14 days')::timestamptz
    from dues_entries e
    left join (
      select unnest(string_to_array(${memberIds}, ',')::bigint[]) as member_id,
             unnest(string_to_array(${fromMonths}, ',')::date[]) as from_month
    ) u on u.member_id = e.member_id
    where e.tenant_id = ${tenantId} and e.kind = 'due' and (u.from_month is null or e.month < u.from_month)
  `.execute(trx);

  // Voluntary extras around 七一, and one retired member's one-off 1000元 that goes to the Centre.
  const volunteers = members.filter(() => rnd() < 0.01).slice(0, 12);
  const extras = volunteers.map((m) => ({ member_id: m.id, amount: int(1, 5) * 10_000 }));
  const retired = members.find((m) => m.dues_category === 'retired');
  if (retired) extras.push({ member_id: retired.id, amount: DUES_RULES.largeVoluntaryExtraMinCents });
  for (const x of extras) {
    await sql`
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, method, paid_on, to_centre, note, recorded_by_name, recorded_at)
      select tenant_id, id, org_id, '2026-07-01', 'voluntary', 'voluntary', ${x.amount}::int, 'transfer', '2026-07-01',
        ${x.amount >= DUES_RULES.largeVoluntaryExtraMinCents}, '七一自愿多交', ${PROVENANCE}, '2026-07-01T10:00:00+08:00'
      from members where tenant_id = ${tenantId} and id = ${x.member_id}
    `.execute(trx);
  }
}
