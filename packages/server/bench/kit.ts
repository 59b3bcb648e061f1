/**
 * What several benches set up the same way: a bench database with one synthetic tenant and the
 * account that signs in, and the seed rows and hand-written queries more than one bench compares
 * against (the province generator too), written once so every bench measures the same work.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { type BenchDatabase, type SyntheticTenant, benchDatabase, syntheticTenant } from './context.js';
import { benchAccount } from './session.js';

type Role = Parameters<typeof benchAccount>[3];

/**
 * Runs a bench on a fresh bench database holding one synthetic tenant and an account of it with
 * one unit-wide role; the database is dropped afterwards, whatever happens.
 */
export async function withBenchTenant<T>(
  options: Parameters<typeof syntheticTenant>[1],
  account: { username: string; role: Role },
  run: (bench: { database: BenchDatabase['database']; db: Kysely<DB>; tenant: SyntheticTenant }) => Promise<T>,
): Promise<T> {
  const { database, dispose } = await benchDatabase();
  try {
    const db = database.db;
    const tenant = await syntheticTenant(db, options);
    await benchAccount(db, tenant.tenantId, account.username, account.role);
    return await run({ database, db, tenant });
  } finally {
    await dispose();
  }
}

/**
 * Every member's dues base for 2026: between 2,000 and 22,000 元 with the band's rate, the monthly
 * due half-up like the calculator.
 */
export async function seedDuesBases(db: Kysely<DB>, tenantIds: number[]): Promise<void> {
  await sql`
    insert into dues_bases (tenant_id, member_id, year, category, base_cents, rate_basis_points, monthly_cents, source, set_by_name)
    select tenant_id, id, 2026, 'employed', b.base, b.rate, (b.base * b.rate + 5000) / 10000, 'manual', 'bench'
    from members m,
      lateral (select 200000 + (m.id * 7919) % 2000000 as base) x,
      lateral (select x.base, case when x.base <= 300000 then 50 when x.base <= 500000 then 100 when x.base <= 1000000 then 150 else 200 end as rate) b
    where m.tenant_id = any(${tenantIds}::bigint[])`.execute(db);
}

/**
 * Four tasks of every decided topic, one department each, a month apart after its meeting; one
 * in nine still open, the rest closed within a few days of the deadline.
 */
export async function seedDecisionTasks(db: Kysely<DB>, tenantIds: number[]): Promise<void> {
  await sql`
    insert into decision_tasks (tenant_id, topic_id, title, department, owner_name, deadline, campus, status, closed_on)
    select tp.tenant_id, tp.id, '落实事项' || s, (array['医务处','护理部','财务处','总务处','科研处','教育处'])[1 + (tp.id + s) % 6], '承办人',
      m.held_on + 30 * s, tp.campus,
      case when (tp.id + s) % 9 = 0 then 'open' else 'closed' end,
      case when (tp.id + s) % 9 = 0 then null else m.held_on + (30 * s + ((tp.id + s) % 7)::int - 5) end
    from decision_topics tp
    join decision_agenda_items a on a.tenant_id = tp.tenant_id and a.topic_id = tp.id
    join decision_meetings m on m.tenant_id = a.tenant_id and m.id = a.meeting_id
    cross join generate_series(1, 4) s
    where tp.tenant_id = any(${tenantIds}::bigint[])`.execute(db);
}

/**
 * The member list's work in raw SQL: count and one page (3, of 20) of the active members under
 * an org's path whose name or department holds `like`, with the columns the list returns, in the
 * list's name order (pinyin sort key, then name and id). The path is a literal: no lookup.
 */
export async function rawMemberList(db: Kysely<DB>, tenantId: number, orgPath: string, like: string): Promise<void> {
  const where = sql`m.tenant_id = ${tenantId} and m.status = 'active' and o.path like ${`${orgPath}%`} and (m.name like ${like} or d.name like ${like})`;
  await sql`select count(*) from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
    left join departments d on d.tenant_id = m.tenant_id and d.id = m.department_id where ${where}`.execute(db);
  await sql`select m.id, m.name, m.gender, m.id_number_enc, m.phone_enc, m.category, m.status, m.org_id, o.name as org_name,
      d.name as department_name, m.title, m.education, m.post, m.joined_on, m.birth_date
    from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
    left join departments d on d.tenant_id = m.tenant_id and d.id = m.department_id
    where ${where} order by m.name_sort, m.name, m.id limit 20 offset 40`.execute(db);
}

/** The columns a synthetic meeting record fills (orglife_records), in the order the inserts give them. */
export const RECORD_COLUMNS = sql.raw(`tenant_id, org_id, kinds, held_on, place, scene_tag, host_name, recorder_name, topics, minutes,
  speaker_name, speaker_is_secretary, lecture_title, study_content, expected_count, present_count, excused_count, absent_count`);

/**
 * A year of a branch's meetings as rows m(kinds, month, offset_days): the monthly 主题党日 and 支委会
 * with its 第一议题, the quarterly 党员大会 with a 党课; with `yearly`, July's 谈心谈话 and December's
 * 组织生活会 with 民主评议.
 */
export function meetingYear(yearly = true) {
  const once = yearly
    ? sql`union all select array['heart_to_heart_talk'], 7, 6
        union all select array['organisational_life_meeting', 'democratic_review'], 12, 6`
    : sql``;
  return sql`(
    select array['theme_party_day']::text[] as kinds, g as month, 0 as offset_days from generate_series(1, 12) g
    union all select array['branch_committee_meeting', 'first_topic_study'], g, 2 from generate_series(1, 12) g
    union all select array['branch_general_meeting', 'party_lecture'], g, 4 from unnest(array[2, 5, 8, 11]) g
    ${once}
  ) m`;
}
