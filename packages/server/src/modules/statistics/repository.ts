/**
 * Every query of the year-end statistics (党内统计年报) and their snapshots.
 *
 * The tables are counted by one set-based query: `facts` lists, for an org subtree and a year,
 * one row per (table, row, person or record) — members held on 12-31, the year's new members,
 * transfers, exits, reviews, honours, orgs and secretaries — and the counts are a GROUP BY over
 * it. The drill-down of a cell selects the same rows, so it always lists exactly the cell's count.
 *
 * Belonging on a date D is read from the membership periods (member_org_periods covers
 * from_on ≤ D < to_on). A member's first period reaches back to their joining date unless they
 * arrived by a transfer in (records entered after joining began their period then). A member
 * whose record is closed (died, left, expelled, suspended, probation cancelled) stops counting
 * on the day of that status change (member_changes); a closed record without that change is
 * counted nowhere and shows up in the reconciliation. A member with no period counts by their
 * current branch while active.
 */
import { AGE_BANDS, EDUCATION_GROUPS, JOIN_PERIODS, OCCUPATION_GROUPS, type PersonFlows, STUDENT_JOB_CATEGORIES, STUDENT_LEVELS } from '@hongyi/core';
import { type Kysely, type RawBuilder, type Transaction, type Updateable, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bumpVersioned } from '../../db/versioned.js';
import { escapeLike } from '../../lib/scope.js';
import { openIdNumberOrNull, openPhoneOrNull } from '../../db/sealed.js';
export { findOrg, rootOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

const CLOSED = ['deceased', 'left', 'expelled', 'stopped', 'disqualified'];
const COLLEGE_UP = ['博士研究生', '硕士研究生', '大学本科', '大学专科'];

interface Frame {
  tenantId: number;
  /** The org's path: the subtree counted. */
  path: string;
  year: number;
}

const dates = (year: number) => ({ d1: `${year - 1}-12-31`, y0: `${year}-01-01`, d2: `${year}-12-31` });

function ageBandSql(birth: string, on: string): RawBuilder<string> {
  const age = sql`extract(year from age(${on}::date, ${sql.ref(birth)}))`;
  const whens = AGE_BANDS.map((b) => sql`when ${age} <= ${b.max} then ${`age_${b.key}`}`);
  return sql<string>`case when ${sql.ref(birth)} is null then 'age_unknown' ${sql.join(whens, sql` `)} end`;
}

function groupSql(column: string, groups: readonly { key: string; values: readonly string[] }[], prefix = ''): RawBuilder<string> {
  const whens = groups.map((g) => sql`when ${sql.ref(column)} = any(${[...g.values]}::text[]) then ${`${prefix}${g.key}`}`);
  return sql<string>`case ${sql.join(whens, sql` `)} else ${`${prefix}unknown`} end`;
}

function joinPeriodSql(column: string): RawBuilder<string> {
  const whens = JOIN_PERIODS.map((p) => sql`when ${sql.ref(column)} <= ${p.until}::date then ${p.key}`);
  return sql<string>`case when ${sql.ref(column)} is null then 'unknown' ${sql.join(whens, sql` `)} end`;
}

/**
 * The common CTEs: scope orgs (s), members with their closing date (mem), membership periods
 * with the effective start and neighbours (per).
 */
function baseCtes(f: Frame) {
  const like = `${escapeLike(f.path)}%`;
  return sql`
    s as materialized (select id, type, path, established_on, dissolved_on, term_years, term_delayed_until from orgs where tenant_id = ${f.tenantId} and path like ${like}),
    closes as (
      select distinct on (member_id) member_id, new_value, at::date as on_date from member_changes
      where tenant_id = ${f.tenantId} and field = 'status' order by member_id, at desc, id desc),
    arrivals as (select distinct member_id from member_transfers where tenant_id = ${f.tenantId} and kind = 'in'),
    mem as materialized (
      select m.id, m.name, m.gender, m.ethnicity, m.birth_date, m.education, m.job_category, m.category, m.joined_on, m.full_on, m.status, m.org_id,
        m.flow_to, m.lost_contact, m.name_sort,
        case when m.status = any(${CLOSED}::text[]) and c.new_value = m.status then c.on_date end as closed_on,
        (m.status = any(${CLOSED}::text[]) and (c.new_value is distinct from m.status)) as closed_without_date,
        (a.member_id is not null) as arrived
      from members m left join closes c on c.member_id = m.id left join arrivals a on a.member_id = m.id
      where m.tenant_id = ${f.tenantId}),
    per0 as (
      select p.id, p.member_id, p.org_id, p.from_on, p.to_on,
        row_number() over (partition by p.member_id order by p.from_on, p.id) as n,
        lag(p.org_id) over (partition by p.member_id order by p.from_on, p.id) as prev_org,
        lead(p.org_id) over (partition by p.member_id order by p.from_on, p.id) as next_org
      from member_org_periods p where p.tenant_id = ${f.tenantId}),
    per as materialized (
      select p.member_id, p.org_id, p.to_on, p.prev_org, p.next_org, p.n,
        case when p.n = 1 and not m.arrived then least(p.from_on, coalesce(m.joined_on, p.from_on)) else p.from_on end as from_on
      from per0 p join mem m on m.id = p.member_id
      union all
      select m.id, m.org_id, null, null, null, 1, coalesce(m.joined_on, '0001-01-01'::date)
      from mem m where m.status = 'active' and not exists (select 1 from per0 q where q.member_id = m.id))`;
}

/** Members held by an org of the subtree on a date: (member id, org id). */
function heldOn(date: string, orgFilter: RawBuilder<boolean> = sql`p.org_id in (select id from s)`) {
  return sql`
    select p.member_id, p.org_id from per p join mem m on m.id = p.member_id
    where ${orgFilter} and p.from_on <= ${date}::date and (p.to_on is null or p.to_on > ${date}::date)
      and (m.joined_on is null or m.joined_on <= ${date}::date)
      and (m.status = 'active' or m.status = 'transferred_out' or m.closed_on > ${date}::date)`;
}

/**
 * Of a person (a row of mem), the org holding them on a date (any org of the unit), by the
 * membership periods' index: the period covering the date; before a first period that did not
 * begin with an arrival, the first period's org (records entered after joining); with no period
 * at all, the current branch.
 */
const orgOn = (tenantId: number, memberCol: string, date: RawBuilder<unknown>) => sql`coalesce(
  (select p.org_id from member_org_periods p where p.tenant_id = ${tenantId} and p.member_id = ${sql.ref(memberCol)}
    and p.from_on <= ${date} and (p.to_on is null or p.to_on > ${date}) order by p.from_on desc, p.id desc limit 1),
  (select p.org_id from member_org_periods p where p.tenant_id = ${tenantId} and p.member_id = ${sql.ref(memberCol)}
    and p.from_on > ${date} and not m.arrived order by p.from_on, p.id limit 1),
  case when not exists (select 1 from member_org_periods p where p.tenant_id = ${tenantId} and p.member_id = ${sql.ref(memberCol)}) then m.org_id end)`;

/** One row per (table, row, person or record) of the year's tables for an org subtree. */
function facts(f: Frame) {
  const { d1, y0, d2 } = dates(f.year);
  const inYear = (col: string) => sql`${sql.ref(col)} between ${y0}::date and ${d2}::date`;
  return sql`
    with ${baseCtes(f)},
    h1 as (${heldOn(d1)}),
    h2 as materialized (${heldOn(d2)}),
    now_mem as materialized (
      select m.*, h.org_id as held_org,
        ${ageBandSql('m.birth_date', d2)} as age_key,
        (m.category = 'probationary' or m.full_on > ${d2}::date) as probationary
      from h2 h join mem m on m.id = h.member_id),
    joined as materialized (
      select m.*, ${orgOn(f.tenantId, 'm.id', sql`m.joined_on`)} as join_org, ${ageBandSql('m.birth_date', d2)} as age_key
      from mem m where ${inYear('m.joined_on')}),
    closed as (
      select m.id, m.status, ${orgOn(f.tenantId, 'm.id', sql`(m.closed_on - 1)`)} as close_org
      from mem m where ${inYear('m.closed_on')}),
    sec as (
      select distinct on (c.org_id) c.org_id, m.id, m.gender, m.education, m.birth_date
      from org_committee_seats c join s on s.id = c.org_id join mem m on m.id = c.member_id
      where c.tenant_id = ${f.tenantId} and c.post = 'secretary' and (s.established_on is null or s.established_on <= ${d2}::date) and (s.dissolved_on is null or s.dissolved_on > ${d2}::date)
      order by c.org_id, c.started_on desc nulls last, c.id desc),
    live_orgs as (
      select s.* from s where s.type in ('committee', 'general_branch', 'branch', 'joint_branch')
        and (s.established_on is null or s.established_on <= ${d2}::date) and (s.dissolved_on is null or s.dissolved_on > ${d2}::date)),
    last_election as (
      select distinct on (e.org_id) e.org_id, e.held_on, e.term_years from org_elections e
      where e.tenant_id = ${f.tenantId} and e.org_id in (select id from s) and e.held_on <= ${d2}::date order by e.org_id, e.held_on desc, e.id desc),
    dev_entries as (
      select e.file_id, e.kind, e.step, e.date from development_entries e
      where e.tenant_id = ${f.tenantId} and e.date <= ${d2}::date
        and not exists (select 1 from development_entries c where c.tenant_id = e.tenant_id and c.file_id = e.file_id and c.corrects_id = e.id)),
    -- Each file's step reached and whether it was closed by 12-31, in one pass over the entries
    -- (a subquery per file would scan the whole CTE once per file: 8,000 files × 100,000 entries).
    dev_then as (
      select file_id, max(step) filter (where kind = 'step') as step_then, bool_or(kind = 'disqualified') as out_then
      from dev_entries group by file_id),
    dev as (
      select fl.id, fl.name, fl.member_id, fl.org_id, fl.status,
        (select min(e.date) from development_entries e where e.tenant_id = fl.tenant_id and e.file_id = fl.id and e.kind = 'step') as first_on,
        t.step_then, coalesce(t.out_then, false) as out_then
      from development_files fl left join dev_then t on t.file_id = fl.id
      where fl.tenant_id = ${f.tenantId} and fl.org_id in (select id from s)),
    flow as (
      select n.id, n.held_org,
        coalesce(
          (select c.new_value from member_changes c where c.tenant_id = ${f.tenantId} and c.member_id = n.id and c.field = 'flow_to' and c.at::date <= ${d2}::date order by c.at desc, c.id desc limit 1),
          (select c.old_value from member_changes c where c.tenant_id = ${f.tenantId} and c.member_id = n.id and c.field = 'flow_to' and c.at::date > ${d2}::date order by c.at, c.id limit 1),
          n.flow_to) as flow_to,
        coalesce(
          (select c.new_value from member_changes c where c.tenant_id = ${f.tenantId} and c.member_id = n.id and c.field = 'lost_contact' and c.at::date <= ${d2}::date order by c.at desc, c.id desc limit 1),
          (select c.old_value from member_changes c where c.tenant_id = ${f.tenantId} and c.member_id = n.id and c.field = 'lost_contact' and c.at::date > ${d2}::date order by c.at, c.id limit 1),
          n.lost_contact::text) = 'true' as lost_contact
      from now_mem n),
    tr as materialized (
      select p.member_id, c.level, c.kind, c.title, c.starts_on,
        ${orgOn(f.tenantId, 'm.id', sql`c.starts_on`)} as org_id
      from training_participants p
      join training_classes c on c.tenant_id = p.tenant_id and c.id = p.class_id
      join mem m on m.id = p.member_id
      where p.tenant_id = ${f.tenantId} and ${inYear('c.starts_on')}),
    facts as (
      -- two-year comparison
      select 'comparison' as tbl, 'last_year' as row_key, member_id, org_id, null::text as label from h1
      union all select 'comparison', 'this_year', member_id, org_id, null from h2
      union all select 'comparison', 'joined', j.id, j.join_org, null from joined j where j.join_org in (select id from s)
      union all select 'comparison', 'transferred_in', p.member_id, p.org_id, null from per p join mem m on m.id = p.member_id
        where p.org_id in (select id from s) and ${inYear('p.from_on')}
          and ((p.n > 1 and (p.prev_org is null or p.prev_org not in (select id from s))) or (p.n = 1 and m.arrived))
      union all select 'comparison', 'transferred_out', p.member_id, p.org_id, null from per p
        where p.org_id in (select id from s) and ${inYear('p.to_on')} and (p.next_org is null or p.next_org not in (select id from s))
      union all select 'comparison', case c.status when 'deceased' then 'died' when 'stopped' then 'stopped' when 'disqualified' then 'other' else 'left' end, c.id, c.close_org, null
        from closed c where c.close_org in (select id from s)
      -- members on 12-31
      union all select t.tbl, t.k, n.id, n.held_org, null from now_mem n cross join lateral (values
        ('basic', 'total'), ('basic', case when n.probationary then 'probationary' end),
        ('basic', case when n.gender = 'female' then 'female' end),
        ('basic', case when n.ethnicity not in ('汉族', '') then 'minority' end),
        ('basic', case when n.education = any(${COLLEGE_UP}::text[]) then 'college_up' end),
        ('basic', n.age_key),
        ('joinPeriod', 'total'), ('joinPeriod', ${joinPeriodSql('n.joined_on')}),
        ('education', 'total'), ('education', ${groupSql('n.education', EDUCATION_GROUPS)}),
        ('occupation', 'total'), ('occupation', ${groupSql('n.job_category', OCCUPATION_GROUPS)})
      ) as t(tbl, k) where t.k is not null
      -- student members on 12-31, by level
      union all select 'students', t.k, n.id, n.held_org, null from now_mem n cross join lateral (values
        ('total'), (case when n.gender = 'female' then 'female' end), (case when n.probationary then 'probationary' end),
        (${groupSql('n.job_category', STUDENT_LEVELS)})
      ) as t(k) where t.k is not null and n.job_category = any(${STUDENT_JOB_CATEGORIES}::text[])
      -- mobile members on 12-31 (the flow and contact fields as they stood then, from the record's history)
      union all select 'flowing', t.k, w.id, w.held_org, null from flow w cross join lateral (values
        (case when w.flow_to <> '' then 'out' end), (case when w.lost_contact then 'lost' end)
      ) as t(k) where t.k is not null
      -- new members of the year
      union all select 'development', t.k, j.id, j.join_org, null from joined j cross join lateral (values
        ('total'), (case when j.gender = 'female' then 'female' end),
        (case when j.ethnicity not in ('汉族', '') then 'minority' end),
        (case when j.education = any(${COLLEGE_UP}::text[]) then 'college_up' end),
        (j.age_key), (${groupSql('j.job_category', OCCUPATION_GROUPS, 'occ_')})
      ) as t(k) where t.k is not null and j.join_org in (select id from s)
      union all select 'students', t.k, j.id, j.join_org, null from joined j cross join lateral (values
        ('dev_total'), (${groupSql('j.job_category', STUDENT_LEVELS, 'dev_')})
      ) as t(k) where j.join_org in (select id from s) and j.job_category = any(${STUDENT_JOB_CATEGORIES}::text[])
      -- 转正, extensions and cancellations
      union all select 'conversion', 'converted', m.id, ${orgOn(f.tenantId, 'm.id', sql`m.full_on`)}, null from mem m
        where ${inYear('m.full_on')} and m.joined_on is not null and ${orgOn(f.tenantId, 'm.id', sql`m.full_on`)} in (select id from s)
      union all select 'conversion', case e.kind when 'probation_extension' then 'extended' else 'disqualified' end, d.member_id, d.org_id, d.name
        from development_entries e join dev d on d.id = e.file_id
        where e.tenant_id = ${f.tenantId} and e.kind in ('probation_extension', 'disqualified') and ${inYear('e.date')}
      -- 出党 and 停止党籍
      union all select 'exits', t.k, c.id, c.close_org, null from closed c cross join lateral (values
        (case when c.status in ('expelled', 'left', 'disqualified') then 'total' end),
        (case when c.status in ('expelled', 'left', 'disqualified', 'stopped') then c.status end)
      ) as t(k) where t.k is not null and c.close_org in (select id from s)
      -- 民主评议: each member's last grade of the year
      union all select 'review', t.k, r.member_id, r.org_id, null from (
        select distinct on (v.member_id) v.member_id, o.org_id, v.grade from orglife_reviews v
        join orglife_records o on o.tenant_id = v.tenant_id and o.id = v.record_id
        where v.tenant_id = ${f.tenantId} and o.org_id in (select id from s) and ${inYear('o.held_on')}
        order by v.member_id, o.held_on desc, o.id desc) r
        cross join lateral (values ('total'), (r.grade)) as t(k)
      -- training of the year: person-times by organiser level and kind, members trained once each
      union all select 'training', t.k, x.member_id, x.org_id, x.title from tr x cross join lateral (values
        ('times'), ('level_' || x.level), ('times_by_kind'), ('kind_' || x.kind)
      ) as t(k) where x.org_id in (select id from s)
      union all select 'training', 'trained', y.member_id, y.org_id, null from (
        select distinct on (x.member_id) x.member_id, x.org_id from tr x where x.org_id in (select id from s) order by x.member_id, x.starts_on desc) y
      -- honours of the year
      union all select 'honours', case when h.member_id is null then 'orgs' else 'members' end, h.member_id, h.org_id, h.title
        from honours h where h.tenant_id = ${f.tenantId} and h.org_id in (select id from s) and ${inYear('h.awarded_on')}
      -- organisations, elections, secretaries
      union all select 'orgs', t.k, null, o.id, null from live_orgs o cross join lateral (values ('total'), (o.type)) as t(k)
      union all select 'orgs', 'elected', null, e.org_id, null from org_elections e join live_orgs o on o.id = e.org_id
        where e.tenant_id = ${f.tenantId} and ${inYear('e.held_on')}
      union all select 'orgs', 'election_due', null, o.id, null from live_orgs o join last_election l on l.org_id = o.id
        where l.held_on < ${y0}::date and (l.held_on + make_interval(years => coalesce(o.term_years, l.term_years))) <= ${d2}::date
          and (o.term_delayed_until is null or o.term_delayed_until < ${d2}::date)
      union all select 'orgs', t.k, c.id, c.org_id, null from sec c cross join lateral (values
        ('secretaries'), (case when c.gender = 'female' then 'sec_female' end),
        (case when c.education = any(${COLLEGE_UP}::text[]) then 'sec_college_up' end),
        (case when extract(year from age(${d2}::date, c.birth_date)) <= 35 then 'sec_le35' end),
        (case when extract(year from age(${d2}::date, c.birth_date)) >= 56 then 'sec_ge56' end)
      ) as t(k) where t.k is not null
      -- applicants and activists
      union all select 'applicants', t.k, d.member_id, d.org_id, d.name from dev d cross join lateral (values
        (case when not d.out_then and d.step_then between 1 and 2 then 'applicants' end),
        (case when ${inYear('d.first_on')} then 'applied' end),
        (case when not d.out_then and d.step_then between 3 and 6 then 'activists' end),
        (case when not d.out_then and d.step_then between 7 and 16 then 'candidates' end)
      ) as t(k) where t.k is not null
    )`;
}

/**
 * Runs the statistics queries with PostgreSQL's JIT off: their cost estimates are high enough to
 * trigger it, and compiling takes longer (about half a second) than the counting itself.
 */
async function withoutJit<T>(db: Db, run: (d: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`set local jit = off`.execute(db);
    return run(db);
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return run(trx);
  });
}

/** The counting query as sent (for EXPLAIN while tuning). */
export function countCellsQuery(db: Db, f: Frame) {
  return sql`${facts(f)} select tbl, row_key, count(*) as n from facts group by tbl, row_key`.compile(db);
}

export async function countCells(db: Db, f: Frame): Promise<{ table: string; row: string; count: number }[]> {
  const rows = await withoutJit(db, (d) => sql<{ tbl: string; row_key: string; n: string }>`${facts(f)} select tbl, row_key, count(*) as n from facts group by tbl, row_key`.execute(d));
  return rows.rows.map((r) => ({ table: r.tbl, row: r.row_key, count: Number(r.n) }));
}

/**
 * Stores the people behind every cell of a snapshot (replacing any stored before: a draft taken
 * again) from the counting query, and returns the counts of what was stored, so the tables and
 * their drill-down come from the same rows.
 */
export async function storeSnapshotFacts(trx: Transaction<DB>, f: Frame, snapshotId: number): Promise<{ table: string; row: string; count: number }[]> {
  await sql`set local jit = off`.execute(trx);
  await trx.deleteFrom('statistics_snapshot_facts').where('tenant_id', '=', f.tenantId).where('snapshot_id', '=', snapshotId).execute();
  await sql`${facts(f)}
    insert into statistics_snapshot_facts (tenant_id, snapshot_id, n, tbl, row_key, member_id, org_id, label)
    select ${f.tenantId}, ${snapshotId}, row_number() over (), tbl, row_key, member_id, org_id, label from facts`.execute(trx);
  const rows = await sql<{ tbl: string; row_key: string; n: string }>`
    select tbl, row_key, count(*) as n from statistics_snapshot_facts where tenant_id = ${f.tenantId} and snapshot_id = ${snapshotId} group by tbl, row_key`.execute(trx);
  return rows.rows.map((r) => ({ table: r.tbl, row: r.row_key, count: Number(r.n) }));
}

/** Whether a snapshot holds its people (snapshots taken before they were stored do not). */
export async function snapshotHasFacts(db: Db, tenantId: number, snapshotId: number): Promise<boolean> {
  const r = await db.selectFrom('statistics_snapshot_facts').select('n').where('tenant_id', '=', tenantId).where('snapshot_id', '=', snapshotId).limit(1).executeTakeFirst();
  return r !== undefined;
}

export interface CellPerson {
  memberId: number | null;
  name: string;
  gender: string | null;
  idNumber: string | null;
  phone: string | null;
  orgId: number;
  orgName: string;
  joinedOn: string | null;
}

/**
 * The people or records behind one cell (as many as the cell counts, up to `limit`): counted
 * now, or (snapshotId) those stored with a snapshot when it was taken.
 */
export async function cellPeople(db: Db, f: Frame, table: string, row: string, limit: number, snapshotId?: number): Promise<{ items: CellPerson[]; total: number }> {
  const source =
    snapshotId === undefined
      ? facts(f)
      : sql`with facts as (select tbl, row_key, member_id, org_id, label from statistics_snapshot_facts where tenant_id = ${f.tenantId} and snapshot_id = ${snapshotId} and tbl = ${table} and row_key = ${row})`;
  const rows = await withoutJit(db, (d) => sql<{ member_id: string | null; name: string | null; gender: string | null; id_number_enc: string | null; phone_enc: string | null; org_id: string; org_name: string; joined_on: string | null; total: string }>`
    ${source}
    select x.member_id, coalesce(m.name, x.label, o.name) as name, m.gender, m.id_number_enc, m.phone_enc, x.org_id, o.name as org_name, m.joined_on::text as joined_on,
      count(*) over () as total
    from facts x
    left join members m on m.tenant_id = ${f.tenantId} and m.id = x.member_id
    join orgs o on o.tenant_id = ${f.tenantId} and o.id = x.org_id
    where x.tbl = ${table} and x.row_key = ${row}
    order by o.path, m.name_sort nulls last, x.member_id
    limit ${limit}`.execute(d));
  return {
    total: rows.rows.length > 0 ? Number(rows.rows[0]!.total) : 0,
    items: rows.rows.map((r) => ({
      memberId: r.member_id === null ? null : Number(r.member_id),
      name: r.name ?? '',
      gender: r.gender,
      idNumber: openIdNumberOrNull(r.id_number_enc),
      phone: openPhoneOrNull(r.phone_enc),
      orgId: Number(r.org_id),
      orgName: r.org_name,
      joinedOn: r.joined_on,
    })),
  };
}

/** A person's movements within an org over the year (core's PersonFlows), with who and where. */
export interface ReconcileRow extends PersonFlows {
  orgId: number;
  orgName: string;
  memberId: number;
  name: string;
  joinedOn: string | null;
  status: string;
  closedWithoutDate: boolean;
}

/**
 * Per org of the subtree and person: held on 12-31 of last year and of this year, and each
 * movement of the year attributed to an org (a move between two branches is out of one and into
 * the other). Only people whose numbers do not add up are returned.
 */
export async function reconcileRows(db: Db, f: Frame): Promise<ReconcileRow[]> {
  const { d1, y0, d2 } = dates(f.year);
  const inYear = (col: string) => sql`${sql.ref(col)} between ${y0}::date and ${d2}::date`;
  const rows = await withoutJit(db, (d) => sql<Record<string, string | boolean | null>>`
    with ${baseCtes(f)},
    ev as (
      select member_id, org_id, 'last_year' as k from (${heldOn(d1)}) a
      union all select member_id, org_id, 'this_year' from (${heldOn(d2)}) b
      union all select m.id, ${orgOn(f.tenantId, 'm.id', sql`m.joined_on`)}, 'joined' from mem m where ${inYear('m.joined_on')}
      union all select p.member_id, p.org_id, 'transferred_in' from per p join mem m on m.id = p.member_id
        where ${inYear('p.from_on')} and ((p.n > 1) or m.arrived)
      union all select p.member_id, p.org_id, 'transferred_out' from per p where ${inYear('p.to_on')}
      union all select m.id, ${orgOn(f.tenantId, 'm.id', sql`(m.closed_on - 1)`)},
        case m.status when 'deceased' then 'died' when 'stopped' then 'stopped' when 'disqualified' then 'other' else 'left' end
        from mem m where ${inYear('m.closed_on')}
      union all select p.member_id, p.org_id, 'undated' from per p join mem m on m.id = p.member_id
        where m.closed_without_date and p.from_on <= ${d1}::date and (p.to_on is null or p.to_on > ${d1}::date)
    ),
    sums as (
      select e.org_id, e.member_id,
        count(*) filter (where k = 'last_year') as last_year, count(*) filter (where k = 'joined') as joined,
        count(*) filter (where k = 'transferred_in') as transferred_in, count(*) filter (where k = 'transferred_out') as transferred_out,
        count(*) filter (where k = 'died') as died, count(*) filter (where k = 'left') as left_party,
        count(*) filter (where k = 'stopped') as stopped, count(*) filter (where k = 'other') as other,
        count(*) filter (where k = 'this_year') as this_year, count(*) filter (where k = 'undated') as undated
      from ev e where e.org_id in (select id from s) group by e.org_id, e.member_id)
    select x.*, o.name as org_name, m.name, m.joined_on::text as joined_on, m.status, m.closed_without_date
    from sums x join orgs o on o.tenant_id = ${f.tenantId} and o.id = x.org_id join mem m on m.id = x.member_id
    where x.this_year <> x.last_year + x.joined + x.transferred_in - x.transferred_out - x.died - x.left_party - x.stopped - x.other
      or x.undated > 0
    order by o.path, m.name_sort, m.id
    limit 2000`.execute(d));
  const n = (v: unknown) => Number(v ?? 0);
  return rows.rows.map((r) => ({
    orgId: n(r.org_id),
    orgName: String(r.org_name),
    memberId: n(r.member_id),
    name: String(r.name),
    joinedOn: (r.joined_on as string | null) ?? null,
    status: String(r.status),
    closedWithoutDate: r.closed_without_date === true,
    lastYear: n(r.last_year),
    joined: n(r.joined),
    transferredIn: n(r.transferred_in),
    transferredOut: n(r.transferred_out),
    died: n(r.died),
    left: n(r.left_party),
    stopped: n(r.stopped),
    other: n(r.other),
    thisYear: n(r.this_year),
  }));
}

// ---------------------------------------------------------------------------------------
// Snapshots

export interface SnapshotRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  year: number;
  asOf: string;
  versionNo: number;
  status: 'draft' | 'submitted';
  data: unknown;
  reason: string;
  createdByName: string;
  createdAt: Date;
  submittedByName: string;
  submittedAt: Date | null;
  version: number;
}

function snapshotQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('statistics_snapshots as x')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'x.tenant_id').onRef('o.id', '=', 'x.org_id'))
    .select([
      'x.id',
      'x.org_id as orgId',
      'o.name as orgName',
      'o.path as orgPath',
      'x.year',
      sql<string>`x.as_of::text`.as('asOf'),
      'x.version_no as versionNo',
      'x.status',
      'x.data',
      'x.reason',
      'x.created_by_name as createdByName',
      'x.created_at as createdAt',
      'x.submitted_by_name as submittedByName',
      'x.submitted_at as submittedAt',
      'x.version',
    ])
    .where('x.tenant_id', '=', tenantId);
}

export async function findSnapshot(db: Db, tenantId: number, id: number): Promise<SnapshotRow | undefined> {
  return snapshotQuery(db, tenantId).where('x.id', '=', id).executeTakeFirst() as Promise<SnapshotRow | undefined>;
}

export async function listSnapshots(db: Db, tenantId: number, f: { orgId?: number | undefined; year?: number | undefined; pathLike: RawBuilder<boolean> }): Promise<Omit<SnapshotRow, 'data'>[]> {
  let q = snapshotQuery(db, tenantId).where(f.pathLike);
  if (f.orgId !== undefined) q = q.where('x.org_id', '=', f.orgId);
  if (f.year !== undefined) q = q.where('x.year', '=', f.year);
  const rows = (await q.orderBy('x.year', 'desc').orderBy('o.path').orderBy('x.version_no', 'desc').limit(500).execute()) as SnapshotRow[];
  return rows.map(({ data: _data, ...rest }) => rest);
}

/** The newest version of an org's year, if any. */
export async function latestSnapshot(db: Db, tenantId: number, orgId: number, year: number) {
  return db
    .selectFrom('statistics_snapshots')
    .select(['id', 'version_no', 'status', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .orderBy('version_no', 'desc')
    .forUpdate()
    .executeTakeFirst();
}

export async function insertSnapshot(
  db: Db,
  row: { tenantId: number; orgId: number; year: number; asOf: string; versionNo: number; data: unknown; reason: string; userId: number; userName: string },
): Promise<number> {
  const r = await db
    .insertInto('statistics_snapshots')
    .values({
      tenant_id: row.tenantId,
      org_id: row.orgId,
      year: row.year,
      as_of: row.asOf,
      version_no: row.versionNo,
      data: JSON.stringify(row.data),
      reason: row.reason,
      created_by: row.userId,
      created_by_name: row.userName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Replaces a draft's tables (taking it again); false when the version was stale or it is no longer a draft. */
export async function retakeDraft(db: Db, tenantId: number, id: number, version: number, data: unknown, userId: number, userName: string): Promise<boolean> {
  return bumpVersioned(db, 'statistics_snapshots', tenantId, id, version, { data: JSON.stringify(data), created_by: userId, created_by_name: userName, created_at: sql`now()` } as Updateable<DB['statistics_snapshots']>, 'draft');
}

export async function submitSnapshot(db: Db, tenantId: number, id: number, version: number, userId: number, userName: string): Promise<boolean> {
  return bumpVersioned(db, 'statistics_snapshots', tenantId, id, version, { status: 'submitted', submitted_by: userId, submitted_by_name: userName, submitted_at: sql`now()` as never }, 'draft');
}

/** The orgs of a subtree (for the org picker), in tree order. */
export async function orgsUnder(db: Db, tenantId: number, path: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'depth'])
    .where('tenant_id', '=', tenantId)
    .where('path', 'like', `${escapeLike(path)}%`)
    .where('type', 'in', ['committee', 'general_branch', 'branch', 'joint_branch'])
    .orderBy('path')
    .limit(2000)
    .execute();
}

/** A user of the unit by login name (the demo's organisation office), or undefined. */
export async function userByName(db: Db, tenantId: number, username: string) {
  return db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', tenantId).where('username', '=', username).executeTakeFirst();
}

/** Marks a snapshot submitted at given times (loading records made earlier, e.g. the demo's January submission). */
export async function markSubmittedAt(db: Db, tenantId: number, id: number, who: { id: number | null; name: string }, createdAt: string, submittedAt: string): Promise<void> {
  await db
    .updateTable('statistics_snapshots')
    .set({ status: 'submitted', submitted_by: who.id, submitted_by_name: who.name, submitted_at: submittedAt, created_at: sql`${createdAt}::timestamptz` as never, version: sql`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Sets a new snapshot's counts (computed from the people stored with it). */
export async function replaceCounts(db: Db, tenantId: number, id: number, counts: unknown): Promise<void> {
  await db.updateTable('statistics_snapshots').set({ data: JSON.stringify({ counts }) }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
