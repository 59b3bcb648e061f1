import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { type BenchResult, benchDatabase, syntheticTenant, timeMedians } from './context.js';
import { benchAccount, signIn } from './session.js';

/**
 * Year-end statistics (issue 17: one table of a 5,000-member unit ≤ 300 ms; the whole set of a
 * 100,000-member unit ≤ 5 s, both on PostgreSQL). The API counts every table in one query, so the
 * whole set is measured at both sizes, and one cell's drill-down stands for "one table". The raw
 * SQL is the plain GROUP BY of the members held on 12-31 by age band (one table by hand).
 * BENCH_STATISTICS_LARGE sets the large unit's members (100,000 by default).
 */
async function measure(members: number, branches: number, code: string, runs: number): Promise<{ kind: string; all: number; cell: number; raw: number }> {
  const { database, dispose } = await benchDatabase();
  try {
    const db = database.db;
    const tenant = await syntheticTenant(db, { members, branches, code });
    const t = tenant.tenantId;
    // Membership periods from the joining date; a tenth moved branch in 2025; 1% died in 2025.
    await sql`insert into member_org_periods (tenant_id, member_id, org_id, from_on, to_on)
      select tenant_id, id, org_id, coalesce(joined_on, date '2000-01-01'), case when id % 10 = 0 then date '2025-06-01' end from members where tenant_id = ${t}`.execute(db);
    await sql`insert into member_org_periods (tenant_id, member_id, org_id, from_on)
      select tenant_id, id, org_id, date '2025-06-01' from members where tenant_id = ${t} and id % 10 = 0`.execute(db);
    await sql`update members set status = 'deceased' where tenant_id = ${t} and id % 100 = 1`.execute(db);
    await sql`insert into member_changes (tenant_id, member_id, field, old_value, new_value, source, at)
      select tenant_id, id, 'status', 'active', 'deceased', 'edit', timestamptz '2025-09-01 10:00+08' from members where tenant_id = ${t} and id % 100 = 1`.execute(db);
    await sql`analyze`.execute(db);
    await benchAccount(db, t, 'bench.stats', 'org_office');
    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench', today: () => '2026-06-30' });
    await app.ready();
    const client = await signIn(app, 'bench.stats');
    const get = (url: string) => client.get(url);
    const times = await timeMedians(
      {
        all: () => get('/api/v1/statistics?year=2025'),
        cell: () => get('/api/v1/statistics/cell?year=2025&table=basic&row=age_a36_40&limit=5000'),
        raw: () =>
          sql`select case when extract(year from age(date '2025-12-31', m.birth_date)) <= 30 then 1 when extract(year from age(date '2025-12-31', m.birth_date)) <= 35 then 2 else 3 end b, count(*)
            from members m join member_org_periods p on p.tenant_id = m.tenant_id and p.member_id = m.id
            where m.tenant_id = ${t} and p.from_on <= date '2025-12-31' and (p.to_on is null or p.to_on > date '2025-12-31') and m.status = 'active'
            group by 1`.execute(db),
      },
      runs,
      1,
    );
    await app.close();
    return { kind: database.kind, ...times };
  } finally {
    await dispose();
  }
}

export async function statisticsBench(): Promise<BenchResult[]> {
  const large = Number(process.env.BENCH_STATISTICS_LARGE ?? 100_000);
  const small = await measure(5_000, 50, 'bench-stats-5k', 11);
  const big = await measure(large, 400, 'bench-stats-large', 3);
  const pg = small.kind === 'postgres';
  return [
    {
      name: `statistics: every table, 5,000 members (${small.kind})`,
      detail: `API ${small.all.toFixed(1)} ms vs SQL ${small.raw.toFixed(1)} ms`,
      ratio: small.all / small.raw,
      target: pg ? '≤ 300 ms (one table)' : '≤ 300 ms on PostgreSQL',
      ...(pg ? { ok: small.all <= 300 } : {}),
    },
    {
      name: `statistics: one cell's people, 5,000 members (${small.kind})`,
      detail: `API ${small.cell.toFixed(1)} ms vs SQL ${small.raw.toFixed(1)} ms`,
      ratio: small.cell / small.raw,
      target: pg ? '≤ 300 ms' : '≤ 300 ms on PostgreSQL',
      ...(pg ? { ok: small.cell <= 300 } : {}),
    },
    {
      name: `statistics: every table, ${large.toLocaleString('en')} members (${big.kind})`,
      detail: `API ${big.all.toFixed(1)} ms vs SQL ${big.raw.toFixed(1)} ms`,
      ratio: big.all / big.raw,
      target: pg ? '≤ 5 s' : '≤ 5 s on PostgreSQL',
      ...(pg ? { ok: big.all <= 5000 } : {}),
    },
  ];
}
