import { complianceEpoch } from '@hongyi/core';
import { sql } from 'kysely';
import { RECORD_COLUMNS, meetingYear } from './kit.js';
import { buildApp } from '../src/app.js';
import { type BenchResult, benchDatabase, syntheticTenant, timeMedian, timeMedians } from './context.js';
import { type BenchClient, benchAccount, signIn } from './session.js';

const TODAY = '2026-11-23';
const YEAR = 2026;

/**
 * Whole-tenant compliance matrix for a year (issue: ≤ 300 ms on PostgreSQL) — served from the
 * stored rows (modules/orglife/matrix.ts), after one branch's record changed, and computed from
 * nothing — on a tenant of
 * BENCH_MEMBERS members (default 100,000) in BENCH_BRANCHES branches (default 8,000), with a
 * year of records made in SQL: every branch holds its monthly 主题党日 and 支委会 (with 第一议题),
 * quarterly 党员大会 with 党课, a 谈心谈话 and the year-end 组织生活会 with 民主评议; one branch in
 * seven skips a third of its meetings so the matrix is not all green.
 */
export async function orglifeMatrixBench(): Promise<BenchResult[]> {
  const size = Number(process.env.BENCH_MEMBERS ?? 100_000);
  const branchCount = Number(process.env.BENCH_BRANCHES ?? 8_000);
  const { database, dispose } = await benchDatabase();
  try {
    const db = database.db;
    const tenant = await syntheticTenant(db, { members: size, branches: branchCount });
    const t = tenant.tenantId;
    const made = Date.now();
    // One row per (branch, meeting): kinds, day of the year, and whether this gappy branch skipped it.
    await sql`
      insert into orglife_records (${RECORD_COLUMNS})
      select ${t}, b.id, m.kinds, make_date(${YEAR}::int, m.month, (1 + (b.id % 20) + m.offset_days)::int), '会议室', '病区', '主持人', '记录人', '["学习"]'::jsonb,
        '会议按议程完成各项内容。', case when 'party_lecture' = any(m.kinds) then '主讲人' else '' end, m.month = 5, '', '', 12, 11, 1, 0
      from orgs b
      cross join ${meetingYear()}
      where b.tenant_id = ${t} and b.type = 'branch'
        and make_date(${YEAR}::int, m.month, (1 + (b.id % 20) + m.offset_days)::int) <= ${TODAY}::date
        and not (b.id % 7 = 3 and (b.id * 31 + m.month * 17 + m.offset_days) % 3 = 0)`.execute(db);
    await sql`analyze orglife_records`.execute(db);
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from orglife_records where tenant_id = ${t}`.execute(db)).rows[0]!;
    const madeMs = Date.now() - made;

    await benchAccount(db, t, 'bench.org', 'org_office');
    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench', today: () => TODAY });
    await app.ready();
    const client = await signIn(app, 'bench.org');

    let rows = 0;
    // The answer is read (1.7 MB of JSON at 8,000 rows) but not parsed: the client's parsing is not the API's time.
    const matrix = async () => {
      return client.get(`/api/v1/orglife/matrix?year=${YEAR}`);
    };
    /** Median of `runs` timings of the matrix request, each after `prepare` (not timed). */
    const timeAfter = async (prepare: () => Promise<unknown>, runs: number) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        await prepare();
        const start = performance.now();
        await matrix();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    };
    // Cold: nothing stored (first request of a new compliance epoch, or after the settings changed).
    const cold = await timeAfter(() => sql`delete from orglife_matrix_rows where tenant_id = ${t}`.execute(db), 5);
    rows = ((await matrix()).json() as { rows: unknown[] }).rows.length;
    // Warm: every row stored and current.
    const warm = await timeMedian(matrix, 9, 2);
    // After a secretary recorded a meeting: that branch's row is computed again.
    let nth = 0;
    const oneWrite = await timeAfter(async () => {
      const branch = tenant.branchIds[(nth++ * 997) % tenant.branchIds.length]!;
      await sql`insert into orglife_records (tenant_id, org_id, kinds, held_on, minutes, present_count) values (${t}, ${branch}, array['theme_party_day'], ${TODAY}::date, '学习', 10)`.execute(db);
    }, 9);
    // The same work in raw SQL: the orgs, full-member counts per org, and the records of the year
    // counted per org, kind and month with completeness (what the rules are decided from).
    const raw = await timeMedian(
      async () => {
        await sql`select id, parent_id, type, name, short_name, path, established_on, ends_on, dissolved_on from orgs where tenant_id = ${t} order by path`.execute(db);
        await sql`select org_id, count(*) from members where tenant_id = ${t} and status = 'active' and category = 'full' group by org_id`.execute(db);
        await sql`
          select r.org_id, k.kind, extract(month from r.held_on)::int as month,
            count(*) filter (where r.minutes <> '' and r.present_count > 0 and (k.kind <> 'party_lecture' or r.speaker_name <> '')) as complete,
            count(*) as total
          from orglife_records r cross join unnest(r.kinds) k(kind)
          where r.tenant_id = ${t} and r.held_on between ${`${YEAR}-01-01`}::date and ${`${YEAR}-12-31`}::date
          group by r.org_id, k.kind, extract(month from r.held_on)`.execute(db);
      },
      5,
      1,
    );
    // Reading the stored rows in raw SQL: what the warm request does in the database.
    const rawStored = await timeMedian(async () => {
      await sql`
        select o.id, o.name, o.short_name, o.type, o.parent_id, coalesce(v.revision, 0), coalesce(s.revision = coalesce(v.revision, 0) and s.epoch = ${complianceEpoch(YEAR, TODAY)} and s.settings_key is not null, false), s.states, s.missed, s.met
        from orgs o
        left join orglife_revisions v on v.tenant_id = o.tenant_id and v.org_id = o.id
        left join orglife_matrix_rows s on s.tenant_id = o.tenant_id and s.org_id = o.id and s.year = ${YEAR}
        where o.tenant_id = ${t} and o.type in ('branch', 'joint_branch', 'temporary_branch', 'committee') order by o.path`.execute(db);
    }, 9, 2);
    await app.close();
    const label = `${size.toLocaleString('en')} members, ${branchCount.toLocaleString('en')} branches, ${n.toLocaleString('en')} records made in ${madeMs} ms, ${rows.toLocaleString('en')} rows, ${database.kind}`;
    return [
      {
        name: `orglife matrix, whole tenant, one year, stored rows current (${label})`,
        detail: `API ${warm.toFixed(1)} ms vs SQL reading the stored rows ${rawStored.toFixed(1)} ms (computing from records in SQL alone: ${raw.toFixed(1)} ms)`,
        ratio: warm / rawStored,
        target: '≤ 300 ms',
        ok: warm <= 300,
      },
      {
        name: 'orglife matrix, after one branch recorded a meeting (that row computed again)',
        detail: `API ${oneWrite.toFixed(1)} ms vs SQL reading the stored rows ${rawStored.toFixed(1)} ms`,
        ratio: oneWrite / rawStored,
        target: '≤ 300 ms',
        ok: oneWrite <= 300,
      },
      {
        name: 'orglife matrix, nothing stored (first request of a compliance epoch; the nightly job does it ahead)',
        detail: `API ${cold.toFixed(1)} ms vs SQL ${raw.toFixed(1)} ms (the records' aggregates alone)`,
        ratio: cold / raw,
      },
    ];
  } finally {
    await dispose();
  }
}

/**
 * 组织生活预警 (issue 11 item 26: the API took 4.5 s on the embedded demo, 9–13 s in the browser;
 * it must answer well under a second there): `GET /api/v1/orglife/lapses`, the organisation
 * office's whole-unit list (worst first, one page) and a branch secretary's, on a unit of
 * BENCH_MEMBERS members (default 100,000, province scale) and on one the size of the demo
 * (1,500), each with seven months of meetings: a monthly 主题党日 and the quarter's 党员大会, every
 * member of the branch on the list — present, on leave (one in nine, two months in three) or
 * absent (one in thirteen, from August on). Timed first as an embedded database that was never
 * analysed (PGlite has no autovacuum: no statistics), then after ANALYZE; the ratio is to the
 * same answer in raw SQL, written by hand.
 */
export async function orglifeLapsesBench(): Promise<BenchResult[]> {
  const size = Number(process.env.BENCH_MEMBERS ?? 100_000);
  const { database, dispose } = await benchDatabase();
  try {
    const db = database.db;
    const out: BenchResult[] = [];
    for (const [code, members] of [
      ['bench-lapses-demo', 1_500],
      ['bench-lapses', size],
    ] as const) {
      const tenant = await syntheticTenant(db, { members, branches: Math.max(1, Math.round(members / 40)), code });
      const t = tenant.tenantId;
      const made = Date.now();
      await sql`
        insert into orglife_records (tenant_id, org_id, kinds, held_on, minutes, present_count)
        select ${t}, b.id, m.kinds, make_date(2026, m.month, 1 + (b.id % 20)::int), '会议按议程完成各项内容。', 10
        from orgs b
        cross join (
          select array['theme_party_day']::text[] as kinds, g as month from generate_series(5, 11) g
          union all select array['branch_general_meeting'], g from unnest(array[5, 8, 11]) g
        ) m
        where b.tenant_id = ${t} and b.type = 'branch' and make_date(2026, m.month, 1 + (b.id % 20)::int) <= ${TODAY}::date`.execute(db);
      await sql`
        insert into orglife_attendance (tenant_id, record_id, held_on, member_id, status, reason, voting)
        select r.tenant_id, r.id, r.held_on, m.id,
          case when m.id % 13 = 0 and r.held_on >= date '2026-08-01' then 'absent'
            when m.id % 9 = 0 and extract(month from r.held_on)::int % 3 <> 0 then 'excused'
            else 'present' end,
          case when m.id % 9 = 0 and extract(month from r.held_on)::int % 3 <> 0 and not (m.id % 13 = 0 and r.held_on >= date '2026-08-01') then '外出进修' else '' end,
          m.category = 'full'
        from orglife_records r
        join members m on m.tenant_id = r.tenant_id and m.org_id = r.org_id and m.status = 'active'
        where r.tenant_id = ${t}`.execute(db);
      const { n } = (await sql<{ n: number }>`select count(*)::int as n from orglife_attendance where tenant_id = ${t}`.execute(db)).rows[0]!;
      const madeMs = Date.now() - made;

      const branch = tenant.branchIds[Math.floor(tenant.branchIds.length / 2)]!;
      const branchPath = (await db.selectFrom('orgs').select('path').where('tenant_id', '=', t).where('id', '=', branch).executeTakeFirstOrThrow()).path;
      // Sign-in names are unique across units: each unit's accounts carry its code.
      await benchAccount(db, t, `${code}.org`);
      await benchAccount(db, t, `${code}.sec`, 'branch_secretary', branch);
      const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench', today: () => TODAY });
      await app.ready();
      const office = await signIn(app, `${code}.org`);
      const secretary = await signIn(app, `${code}.sec`);
      const url = '/api/v1/orglife/lapses?minMonths=3&page=1&pageSize=20';
      const call = (client: BenchClient) => async () => {
        await client.get(url);
      };
      // The same answer in raw SQL, as one would write it by hand: the members under a path with
      // their last day taken part in and present (kept per member), the runs, worst first, one
      // page; then that page's months.
      const raw = (path: string) => async () => {
        const page = await sql<{ id: number }>`
          with c as (
            select m.id, m.name, o.name as org_name, o.path, date_trunc('month', greatest(f.first, m.joined_on))::date as since,
              l.last_active, l.last_present as last_attended
            from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
              left join orglife_member_last l on l.tenant_id = m.tenant_id and l.member_id = m.id
            cross join (select min(held_on) as first from orglife_records where tenant_id = ${t}) f
            where m.tenant_id = ${t} and m.status = 'active' and o.path like ${`${path}%`}
          ), runs as (
            select c.*,
              case when date_trunc('month', c.last_active) >= date '2026-11-01' then 0
                else greatest(0, (date_part('year', age(date '2026-11-01', greatest(c.since, (date_trunc('month', c.last_active) + interval '1 month')::date))) * 12
                  + date_part('month', age(date '2026-11-01', greatest(c.since, (date_trunc('month', c.last_active) + interval '1 month')::date))))::int) end as months,
              case when date_trunc('month', c.last_attended) >= date '2026-11-01' then 0
                else greatest(0, (date_part('year', age(date '2026-11-01', greatest(c.since, (date_trunc('month', c.last_attended) + interval '1 month')::date))) * 12
                  + date_part('month', age(date '2026-11-01', greatest(c.since, (date_trunc('month', c.last_attended) + interval '1 month')::date))))::int) end as not_attended
            from c
          )
          select id, name, org_name, months, not_attended, count(*) over () as total from runs where greatest(months, not_attended) >= 3
          order by months desc, not_attended desc, path, id limit 20`.execute(db);
        const ids = page.rows.map((r) => r.id);
        await sql`select member_id, to_char(held_on, 'YYYY-MM'), bool_or(status = 'present') from orglife_attendance
          where tenant_id = ${t} and member_id = any(${ids}::bigint[]) and status in ('present', 'excused') group by 1, 2`.execute(db);
      };
      const runs = members > 10_000 ? 5 : 15;
      const sets = {
        office: call(office),
        officeSql: raw((await db.selectFrom('orgs').select('path').where('id', '=', tenant.committeeId).executeTakeFirstOrThrow()).path),
        secretary: call(secretary),
        secretarySql: raw(branchPath),
      };
      // As an embedded database that was never analysed (the demo as loaded, a new installation):
      // no statistics and no row counts (the generator above analysed the tables while empty).
      await sql`delete from pg_statistic`.execute(db);
      await sql`update pg_class set reltuples = -1, relpages = 0 where relnamespace = 'public'::regnamespace and relkind in ('r', 'i')`.execute(db);
      const cold = await timeMedians(sets, runs, 1);
      await sql`analyze`.execute(db);
      const analysed = await timeMedians(sets, runs, 1);
      await app.close();
      const label = `${members.toLocaleString('en')} members, ${n.toLocaleString('en')} attendance rows made in ${madeMs} ms, ${database.kind}`;
      // The demo-sized unit is what the issue measured: well under a second on the embedded database.
      const limit = members <= 10_000 ? 500 : undefined;
      for (const [when, m] of [
        ['no statistics', cold],
        ['after ANALYZE', analysed],
      ] as const) {
        out.push({
          name: `orglife lapses, office, whole unit, first page, ${when} (${label})`,
          detail: `API ${m.office.toFixed(1)} ms vs SQL ${m.officeSql.toFixed(1)} ms`,
          ratio: m.office / m.officeSql,
          target: limit ? `≤ ${limit} ms, ≤ 1.5×` : '≤ 1.5×',
          ok: m.office / m.officeSql <= 1.5 && (limit === undefined || m.office <= limit),
        });
        // Informational: a few dozen members, where the session and the four small queries weigh.
        out.push({
          name: `orglife lapses, one branch's secretary, ${when} (${members.toLocaleString('en')} members)`,
          detail: `API ${m.secretary.toFixed(1)} ms vs SQL ${m.secretarySql.toFixed(1)} ms`,
          ratio: m.secretary / m.secretarySql,
        });
      }
    }
    return out;
  } finally {
    await dispose();
  }
}
