// A province for the load bench: BENCH_UNITS hospitals of realistic size plus one large unit of
// BENCH_LARGE_MEMBERS members, five years of records, and a health commission over all of them.
// Every row is made by set-based SQL (insert … select generate_series): deterministic, the same
// rows on every run. `npx tsx packages/server/bench/province.ts` loads one into a throwaway
// database, prints the time and the row counts, and drops it.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { addCommissionUnit, insertCommission, insertCommissionAccount } from '../src/modules/commission/repository.js';
import { hashPassword } from '../src/plugins/password.js';
import { type SyntheticTenant, benchDatabase, sealedIdNumbers, syntheticTenant } from './context.js';
import { RECORD_COLUMNS, meetingYear, seedDecisionTasks, seedDuesBases } from './kit.js';
import { BENCH_PASSWORD, benchAccount } from './session.js';

/** The province's "today": five years of records end here. */
export const PROVINCE_TODAY = '2026-11-23';
const FIRST_YEAR = 2022;

export interface ProvinceOptions {
  /** Small and medium hospitals besides the large unit (BENCH_UNITS, default 200). */
  units: number;
  /** Members of the large unit (BENCH_LARGE_MEMBERS, default 100,000). */
  largeMembers: number;
}

export interface Province {
  large: SyntheticTenant & { code: string; office: string; partyOffice: string };
  units: SyntheticTenant[];
  commission: { id: number; officeTenantId: number; account: string };
  loadMs: number;
  counts: Record<string, number>;
}

export function provinceOptions(): ProvinceOptions {
  return { units: Number(process.env.BENCH_UNITS ?? 200), largeMembers: Number(process.env.BENCH_LARGE_MEMBERS ?? 100_000) };
}

/**
 * The size of hospital i (deterministic): 200 to 3,000 members, one branch per ~55 members —
 * with the large unit about 8,000 branches at the default size.
 */
function unitSize(i: number): { members: number; branches: number } {
  const members = 200 + ((i * 7919) % 2801);
  return { members, branches: Math.max(3, Math.round(members / 55)) };
}

/** Loads the province into `db` (an empty, migrated database). */
export async function generateProvince(pool: Kysely<DB>, options: ProvinceOptions, log: (line: string) => void = () => {}): Promise<Province> {
  // One connection, as a bulk load (COPY-like): foreign-key checks and the tables' own triggers
  // off while the rows (consistent by construction) go in, on PostgreSQL; PGlite has one connection anyway.
  const loaded = await pool.connection().execute(async (db) => {
    const replica = await sql`set session_replication_role = replica`.execute(db).then(
      () => true,
      () => false,
    );
    try {
      return await load(db, options, log);
    } finally {
      if (replica) await sql`set session_replication_role = origin`.execute(db);
    }
  });
  // Accounts with the triggers on (the login-name index is kept by one): the health commission
  // over every unit and its account, and the large unit's office and 党办.
  const started = performance.now();
  const hash = await hashPassword(BENCH_PASSWORD);
  const commission = await pool.transaction().execute(async (trx) => {
    const c = await insertCommission(trx, { code: 'prov-wjw', name: '省卫生健康委员会', kind: 'health', officeName: '省卫生健康委员会机关党委' });
    await insertCommissionAccount(trx, c.officeTenantId, { username: 'prov.wjw', name: '卫健委', passwordHash: hash });
    for (const u of [loaded.large, ...loaded.units]) await addCommissionUnit(trx, c.id, u.tenantId, '2022-01-01');
    return { ...c, account: 'prov.wjw' };
  });
  await benchAccount(pool, loaded.large.tenantId, loaded.large.office, 'org_office');
  await benchAccount(pool, loaded.large.tenantId, loaded.large.partyOffice, 'party_office');
  await sql`analyze commission_units, users, user_roles`.execute(pool);
  return { ...loaded, commission, loadMs: loaded.loadMs + performance.now() - started };
}

/**
 * Runs a bulk insert into `table` with its secondary indexes dropped and made again afterwards
 * (one sort instead of a descent per row), as a COPY-style load does.
 */
async function withoutIndexes(db: Kysely<DB>, table: string, fn: () => Promise<unknown>): Promise<void> {
  const { rows } = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(db);
  try {
    await fn();
  } finally {
    for (const r of rows) await sql.raw(r.def).execute(db);
  }
}

async function load(db: Kysely<DB>, options: ProvinceOptions, log: (line: string) => void): Promise<Omit<Province, 'commission'>> {
  const started = performance.now();
  const step = async (what: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  // Seal the largest unit's ID numbers once: every unit shares the pool (decision 0005 seals per value).
  await step('seal ID numbers', async () => sealedIdNumbers(Math.max(options.largeMembers, 3_000)));

  let large!: SyntheticTenant;
  await step(`large unit (${options.largeMembers} members)`, async () => {
    large = await syntheticTenant(db, { members: options.largeMembers, branches: Math.max(1, Math.round(options.largeMembers / 40)), code: 'prov-large', name: '省人民医院', analyze: false });
  });
  const units: SyntheticTenant[] = [];
  await step(`${options.units} hospitals`, async () => {
    for (let i = 1; i <= options.units; i++) {
      const size = unitSize(i);
      units.push(await syntheticTenant(db, { ...size, code: `prov-${String(i).padStart(3, '0')}`, name: `第${i}人民医院`, analyze: false }));
    }
  });
  // The planner must know the new tables' sizes before the set-based inserts join them.
  await sql`analyze orgs, members`.execute(db);
  const all = [large, ...units].map((u) => u.tenantId);
  const ids = sql`${all}::bigint[]`;

  // Organisational life, five years: monthly 主题党日 and 支委会 (with 第一议题), quarterly 党员大会
  // with 党课, a 谈心谈话 and the year-end 组织生活会 with 民主评议; one branch in seven skips a third.
  await step('orglife records', () =>
    withoutIndexes(db, 'orglife_records', () => sql`
    insert into orglife_records (${RECORD_COLUMNS})
    select b.tenant_id, b.id, m.kinds, make_date(y, m.month, (1 + (b.id % 20) + m.offset_days)::int), '会议室', '病区', '主持人', '记录人', '["学习"]'::jsonb,
      '会议按议程完成各项内容。', case when 'party_lecture' = any(m.kinds) then '主讲人' else '' end, m.month = 5, '', '', 12, 11, 1, 0
    from orgs b
    cross join generate_series(${FIRST_YEAR}::int, 2026) y
    cross join ${meetingYear()}
    where b.tenant_id = any(${ids}) and b.type = 'branch'
      and make_date(y, m.month, (1 + (b.id % 20) + m.offset_days)::int) <= ${PROVINCE_TODAY}::date
      and not (b.id % 7 = 3 and (b.id * 31 + y + m.month * 17 + m.offset_days) % 3 = 0)`.execute(db)),
  );

  // Attendance of the last six months' 主题党日: every member of the branch, a few absent now and
  // then; one member in seventeen has stopped coming (the lapse list).
  await step('orglife attendance (last six months)', async () => {
    await sql`analyze orglife_records`.execute(db);
    await withoutIndexes(db, 'orglife_attendance', () =>
      sql`
      insert into orglife_attendance (tenant_id, record_id, member_id, status, held_on)
      select r.tenant_id, r.id, m.id, case when m.id % 17 = 0 or (m.id + r.id) % 13 = 0 then 'absent' else 'present' end, r.held_on
      from orglife_records r join members m on m.tenant_id = r.tenant_id and m.org_id = r.org_id
      where r.tenant_id = any(${ids}) and r.held_on >= date '2026-05-01' and r.kinds = array['theme_party_day']::text[]`.execute(db),
    );
  });

  // Development: per branch about one file per 12 members, started over five years, at every
  // stage (25 steps); one step entry per step reached, a month or so apart.
  const files = Math.ceil((options.largeMembers + units.reduce((n, u) => n + u.members, 0)) / 12);
  const devSealed = sealedIdNumbers(files, 900_000_000);
  await step(`development files (${files})`, async () => {
    await sql`
      insert into development_files (tenant_id, name, gender, id_number_enc, id_number_hash, id_number_tail, birth_date, education, org_id, last_step, status)
      select b.tenant_id, '申请人' || i, case when i % 2 = 0 then 'male' else 'female' end, s.enc[i], s.hash[i], s.tail[i],
        date '1990-01-01' + (i % 4000), '大学本科', b.id, ls.step,
        case when ls.step >= 25 then 'full' when ls.step >= 17 then 'probationary' when ls.step >= 10 then 'candidate' when ls.step >= 5 then 'activist' else 'applicant' end
      from generate_series(1, ${files}) i
        cross join lateral (select (i * 7) % 26 as step) ls
        join (select tenant_id, id, row_number() over (order by tenant_id, id) rn from orgs where tenant_id = any(${ids}) and type = 'branch') b
          on b.rn = 1 + (i * 7919) % (select count(*) from orgs where tenant_id = any(${ids}) and type = 'branch'),
        (select ${devSealed.map((c) => c.id_number_enc)}::text[] as enc, ${devSealed.map((c) => c.id_number_hash)}::text[] as hash, ${devSealed.map((c) => c.id_number_tail)}::text[] as tail) s`.execute(db);
    await sql`
      insert into development_entries (tenant_id, file_id, kind, step, date, actor)
      select f.tenant_id, f.id, 'step', s, least(${PROVINCE_TODAY}::date, date '2022-01-01' + (f.id % 1000)::int + s * 35), '党支部'
      from development_files f cross join generate_series(1, 25) s
      where f.tenant_id = any(${ids}) and s <= f.last_step`.execute(db);
    await sql`analyze development_files, development_entries`.execute(db);
  });

  // Dues of this year: every member's base and monthly due January–October, paid by most; one
  // member in eleven has stopped paying since June (the arrears list).
  await step('dues bases and entries', async () => {
    await seedDuesBases(db, all);
    await sql`analyze dues_bases`.execute(db);
    await withoutIndexes(db, 'dues_entries', async () => {
    await sql`
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, base_id)
      select m.tenant_id, m.id, m.org_id, make_date(2026, g, 1), 'due', 'due', b.monthly_cents, b.id
      from members m join dues_bases b on b.tenant_id = m.tenant_id and b.member_id = m.id and b.year = 2026, generate_series(1, 10) g
      where m.tenant_id = any(${ids})`.execute(db);
    await sql`
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, method, paid_on)
      select m.tenant_id, m.id, m.org_id, make_date(2026, g, 1), 'payment', 'paid', b.monthly_cents, 'transfer', make_date(2026, g, 20)
      from members m join dues_bases b on b.tenant_id = m.tenant_id and b.member_id = m.id and b.year = 2026, generate_series(1, 10) g
      where m.tenant_id = any(${ids}) and not (m.id % 11 = 5 and g >= 6)`.execute(db);
    });
  });

  // Decisions (三重一大): two bodies per unit, meetings twice a month for five years, topics (the
  // large unit 1,500, the others 150) heard once and passed, four tasks each.
  await step('decisions', async () => {
    await sql`
      insert into decision_bodies (tenant_id, kind, name)
      select t, k, case when k = 'party_committee' then '党委会' else '院长办公会' end
      from unnest(${ids}) t cross join unnest(array['party_committee', 'president_office_meeting']) k`.execute(db);
    await sql`
      insert into decision_body_members (tenant_id, body_id, seq, name, title, is_chair)
      select b.tenant_id, b.id, s, '成员' || s, case when s = 1 then '主持人' else '委员' end, s = 1
      from decision_bodies b cross join generate_series(1, 7) s where b.tenant_id = any(${ids})`.execute(db);
    await sql`
      insert into decision_meetings (tenant_id, body_id, held_on, number)
      select b.tenant_id, b.id, date '2022-01-03' + (case when b.kind = 'party_committee' then 15 else 14 end) * g, '第' || g || '次'
      from decision_bodies b cross join generate_series(0, 129) g where b.tenant_id = any(${ids})`.execute(db);
    await sql`analyze decision_bodies, decision_meetings`.execute(db);
    await sql`
      insert into decision_topics (tenant_id, body_id, title, proposer, category, amount_cents, campus, stage, prereview)
      select u.t, b.ids[1 + i % 2], '关于第' || i || '项工作的议题', '院长办公室',
        (array['major_decision','cadre','major_project','large_fund','general'])[1 + i % 5],
        case when i % 5 = 3 then 60000000 else null end, '本部院区', 'closed',
        '[{"item":"调研论证","done":true,"note":""},{"item":"合法性审查","done":true,"note":""}]'::jsonb
      from unnest(${ids}) u(t)
        cross join lateral (select array_agg(id order by id) ids from decision_bodies where tenant_id = u.t) b
        cross join lateral generate_series(1, case when u.t = ${large.tenantId} then 1500 else 150 end) i`.execute(db);
    await sql`
      insert into decision_agenda_items (tenant_id, meeting_id, topic_id, seq, decision, votes_for, votes_against, votes_abstain, result)
      select tp.tenant_id, (select id from decision_meetings m where m.tenant_id = tp.tenant_id and m.body_id = tp.body_id order by id offset (tp.id % 130) limit 1),
        tp.id, 1, '同意', 7, 0, 0, 'passed'
      from decision_topics tp where tp.tenant_id = any(${ids})`.execute(db);
    await sql`analyze decision_topics, decision_agenda_items`.execute(db);
    await seedDecisionTasks(db, all);
  });

  // Projects (党建项目): one per two branches a year, led by a member of the branch.
  await step('projects', () =>
    sql`
      insert into projects (tenant_id, org_id, title, area, goal, started_on, ends_on, lead_member_id, stage, approved_on, accepted_on, conclusion)
      select b.tenant_id, b.id, '党建项目' || b.id || '-' || y, (array['党建+业务','志愿服务','人才培养','医德医风'])[1 + (b.id + y) % 4], '目标',
        make_date(y, 3, 1), make_date(y, 12, 31), l.id,
        case when y < 2026 then 'accepted' else 'approved' end, make_date(y, 3, 15),
        case when y < 2026 then make_date(y, 12, 31) end, case when y < 2026 then (array['优秀','合格','合格'])[1 + (b.id % 3)] end
      from orgs b cross join generate_series(${FIRST_YEAR}::int, 2026) y
        cross join lateral (select id from members m where m.tenant_id = b.tenant_id and m.org_id = b.id order by id limit 1) l
      where b.tenant_id = any(${ids}) and b.type = 'branch' and (b.id + y) % 2 = 0`.execute(db),
  );

  // Service (志愿服务): one event per branch and month over five years, eight members and two staff each.
  await step('service events', async () => {
    await sql`
      insert into service_events (tenant_id, org_id, kind, title, held_on, place_type, beneficiaries, trained, class_hours)
      select b.tenant_id, b.id, (array['义诊','健康宣教','急救科普','志愿服务'])[1 + (b.id + g) % 4], '服务活动' || g,
        date '2022-01-01' + g * 30 + (b.id % 25)::int, (array['学校','社区','基层','工地','企事业单位'])[1 + (b.id + g) % 5],
        20 + (b.id * g) % 180, (b.id + g) % 40, g % 3
      from orgs b cross join generate_series(0, 58) g
      where b.tenant_id = any(${ids}) and b.type = 'branch' and date '2022-01-01' + g * 30 + (b.id % 25)::int <= ${PROVINCE_TODAY}::date`.execute(db);
    await sql`analyze service_events`.execute(db);
    await withoutIndexes(db, 'service_participants', () => sql`
      insert into service_participants (tenant_id, event_id, seq, kind, member_id, name, hours)
      select e.tenant_id, e.id, s, case when s <= 8 then 'member' else 'staff' end,
        case when s <= 8 then m.id end, case when s <= 8 then '党员' else '职工' || s end, 0.5 + ((e.id + s) % 8) * 0.5
      from service_events e cross join generate_series(1, 10) s
        join (select tenant_id, org_id, array_agg(id order by id) ids from members where tenant_id = any(${ids}) group by tenant_id, org_id) o
          on o.tenant_id = e.tenant_id and o.org_id = e.org_id
        cross join lateral (select o.ids[1 + (e.id + s) % cardinality(o.ids)] as id) m
      where e.tenant_id = any(${ids})`.execute(db));
    await sql`
      update service_events e set participations = p.n, participant_hours = p.h
      from (select tenant_id, event_id, count(*) n, sum(hours) h from service_participants where tenant_id = any(${ids}) group by tenant_id, event_id) p
      where e.tenant_id = p.tenant_id and e.id = p.event_id`.execute(db);
  });

  // A summary per unit and day for the
  // last 90 days (as the daily job keeps them), figures from the unit's own rows.
  await step('unit summaries', async () => {
    await sql`
      insert into unit_summaries (tenant_id, as_of, figures)
      select u.t, ${PROVINCE_TODAY}::date - d, jsonb_build_object(
        'year', 2026,
        'members', jsonb_build_object('full', m.full_n - d / 10, 'probationary', m.prob_n),
        'orgs', jsonb_build_object('committees', 1, 'generalBranches', o.generals, 'branches', o.branches),
        'compliance', jsonb_build_object('met', o.branches - o.branches / 7 + d % 3, 'of', o.branches),
        'funnel', jsonb_build_array(f.s1, f.s2, f.s3, f.s4, f.s5),
        'dues', jsonb_build_object('dueCents', du.due, 'paidCents', du.paid - d * 1000),
        'worksystems', jsonb_build_object('adoptions', 0, 'progress', null),
        'statistics', '{}'::jsonb)
      from unnest(${ids}) u(t)
        cross join lateral (select count(*) filter (where category = 'full')::int full_n, count(*) filter (where category = 'probationary')::int prob_n from members where tenant_id = u.t) m
        cross join lateral (select count(*) filter (where type = 'branch')::int branches, count(*) filter (where type = 'general_branch')::int generals from orgs where tenant_id = u.t) o
        cross join lateral (select count(*) filter (where status = 'applicant')::int s1, count(*) filter (where status = 'activist')::int s2,
          count(*) filter (where status = 'candidate')::int s3, count(*) filter (where status = 'probationary')::int s4, count(*) filter (where status = 'full')::int s5
          from development_files where tenant_id = u.t) f
        cross join lateral (select coalesce(sum(amount_cents) filter (where affects = 'due'), 0)::bigint due, coalesce(sum(amount_cents) filter (where affects = 'paid'), 0)::bigint paid
          from dues_entries where tenant_id = u.t) du
        cross join generate_series(0, 89) d`.execute(db);
  });

  // What the triggers (off during the load) keep: every org's orglife revision ...
  await sql`insert into orglife_revisions (tenant_id, org_id) select tenant_id, id from orgs where tenant_id = any(${ids}) on conflict do nothing`.execute(db);
  // ... and every member with a ledger, for the dues positions (the first arrears query computes them).
  await sql`insert into dues_position_dirty (tenant_id, member_id) select distinct tenant_id, member_id from dues_entries where tenant_id = any(${ids}) on conflict do nothing`.execute(db);
  // ... and the ledger's sums per collecting org and month (the overview's collection rate).
  await sql`insert into dues_month_totals (tenant_id, org_id, month, due_cents, paid_cents)
    select tenant_id, org_id, month, coalesce(sum(amount_cents) filter (where affects = 'due'), 0), coalesce(sum(amount_cents) filter (where affects = 'paid'), 0)
    from dues_entries where tenant_id = any(${ids}) and affects in ('due', 'paid') group by tenant_id, org_id, month`.execute(db);
  // ... and every member's last day present and taken part in (the 党章 第九条 list).
  await sql`insert into orglife_member_last (tenant_id, member_id, last_present, last_active)
    select tenant_id, member_id, max(held_on) filter (where status = 'present'), max(held_on)
    from orglife_attendance where tenant_id = any(${ids}) and status in ('present', 'excused') group by tenant_id, member_id
    on conflict (tenant_id, member_id) do update set last_present = excluded.last_present, last_active = excluded.last_active`.execute(db);
  await step('analyze', () => sql`analyze`.execute(db));
  const loadMs = performance.now() - started;

  const tables = [
    'tenants', 'orgs', 'members', 'orglife_records', 'orglife_attendance', 'development_files', 'development_entries', 'dues_bases', 'dues_entries',
    'decision_meetings', 'decision_topics', 'decision_tasks', 'projects', 'service_events', 'service_participants', 'unit_summaries',
  ] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await sql<{ n: string }>`select count(*) n from ${sql.table(t)}`.execute(db)).rows[0]!.n);
  counts.branches = Number((await sql<{ n: string }>`select count(*) n from orgs where type = 'branch'`.execute(db)).rows[0]!.n);

  return { large: { ...large, code: 'prov-large', office: 'prov-large.office', partyOffice: 'prov-large.dangban' }, units, loadMs, counts };
}

// Run alone: load a province, print the time and counts, drop it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const options = provinceOptions();
  const { database, dispose } = await benchDatabase();
  try {
    console.log(`province: ${options.units} hospitals + one of ${options.largeMembers} members (${database.kind})`);
    const p = await generateProvince(database.db, options, console.log);
    console.log(`loaded in ${(p.loadMs / 1000).toFixed(1)} s`);
    for (const [table, n] of Object.entries(p.counts)) console.log(`  ${table.padEnd(22)} ${n.toLocaleString('en')}`);
  } finally {
    await dispose();
  }
}
