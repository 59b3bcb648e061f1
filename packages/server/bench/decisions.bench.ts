import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { type BenchResult, timeMedians } from './context.js';
import { seedDecisionTasks, withBenchTenant } from './kit.js';
import { signIn } from './session.js';

const TODAY = '2026-11-23';

/**
 * The decisions dashboard (督办看板) of a unit with five years of meetings (issue: ≈ 1,500 topics
 * and 6,000 tasks, ≤ 300 ms on PostgreSQL), against the same counts written by hand in SQL.
 */
export async function decisionsDashboardBench(): Promise<BenchResult[]> {
  const topics = Number(process.env.BENCH_DECISION_TOPICS ?? 1_500);
  return withBenchTenant({ members: 200, branches: 5, code: 'bench-decisions' }, { username: 'bench.dangban', role: 'party_office' }, async ({ database, db, tenant }) => {
    const t = tenant.tenantId;
    // Two bodies of seven members; the 党委会 twice a month and the 院长办公会 every other week for five years.
    await sql`insert into decision_bodies (tenant_id, kind, name) values (${t}, 'party_committee', '党委会'), (${t}, 'president_office_meeting', '院长办公会')`.execute(db);
    await sql`
      insert into decision_body_members (tenant_id, body_id, seq, name, title, is_chair)
      select ${t}, b.id, s, '成员' || s, case when s = 1 then '主持人' else '委员' end, s = 1
      from decision_bodies b cross join generate_series(1, 7) s where b.tenant_id = ${t}`.execute(db);
    await sql`
      insert into decision_meetings (tenant_id, body_id, held_on, number)
      select ${t}, b.id, date '2022-01-03' + (case when b.kind = 'party_committee' then 15 else 14 end) * g, '第' || g || '次'
      from decision_bodies b cross join generate_series(0, 129) g where b.tenant_id = ${t}`.execute(db);
    // Topics heard once each, passed; four tasks each, a month to three after the meeting; most closed, some late, some still open.
    await sql`
      insert into decision_topics (tenant_id, body_id, title, proposer, category, amount_cents, campus, stage, prereview)
      select ${t}, b.ids[1 + i % 2], '关于第' || i || '项工作的议题', '院长办公室',
        (array['major_decision','cadre','major_project','large_fund','general'])[1 + i % 5],
        case when i % 5 = 3 then 60000000 else null end, (array['本部院区','东院区','南院区'])[1 + i % 3], 'closed',
        '[{"item":"调研论证","done":true,"note":""},{"item":"合法性审查","done":true,"note":""}]'::jsonb
      from generate_series(1, ${topics}) i, (select array_agg(id order by id) ids from decision_bodies where tenant_id = ${t}) b`.execute(db);
    await sql`
      insert into decision_agenda_items (tenant_id, meeting_id, topic_id, seq, decision, votes_for, votes_against, votes_abstain, result)
      select ${t}, m.id, tp.id, 1, '同意', 7, 0, 0, 'passed'
      from decision_topics tp
      join lateral (select id from decision_meetings where tenant_id = ${t} and body_id = tp.body_id order by id offset (tp.id % 130) limit 1) m on true
      where tp.tenant_id = ${t}`.execute(db);
    await seedDecisionTasks(db, [t]);
    await sql`analyze`.execute(db);
    const counts = await sql<{ topics: number; tasks: number }>`select (select count(*)::int from decision_topics where tenant_id = ${t}) topics, (select count(*)::int from decision_tasks where tenant_id = ${t}) tasks`.execute(db);

    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench', today: () => TODAY });
    await app.ready();
    const client = await signIn(app, 'bench.dangban');
    const url = '/api/v1/decisions/dashboard';
    const { api, raw } = await timeMedians(
      {
        api: async () => {
          await client.get(url);
        },
        // The same figures by hand: topics by category and stage, the hearings, each task's state
        // on the day, rates by campus and by department, the overdue list.
        raw: async () => {
          await sql`select category, stage, count(*) from decision_topics where tenant_id = ${t} group by category, stage`.execute(db);
          await sql`select a.topic_id, b.kind, a.result, m.held_on from decision_agenda_items a
            join decision_meetings m on m.tenant_id = a.tenant_id and m.id = a.meeting_id
            join decision_bodies b on b.tenant_id = m.tenant_id and b.id = m.body_id where a.tenant_id = ${t}`.execute(db);
          await sql`with s as (
              select campus, department, case when status = 'closed' and closed_on <= deadline then 'on_time' when status = 'closed' then 'late'
                when deadline < ${TODAY}::date then 'overdue' else 'open' end as state from decision_tasks where tenant_id = ${t})
            select grouping(campus, department), campus, department, state, count(*) from s group by grouping sets ((campus, state), (department, state), (state))`.execute(db);
          await sql`select k.id, k.title, k.department, k.deadline, tp.title as topic_title from decision_tasks k
            join decision_topics tp on tp.tenant_id = k.tenant_id and tp.id = k.topic_id
            where k.tenant_id = ${t} and k.status = 'open' and k.deadline < ${TODAY}::date order by k.deadline`.execute(db);
        },
      },
      15,
      2,
    );
    await app.close();
    const ratio = api / raw;
    const onPostgres = database.kind === 'postgres';
    const { topics: nTopics, tasks: nTasks } = counts.rows[0]!;
    return [
      {
        name: `decisions dashboard, five years (${nTopics.toLocaleString('en')} topics, ${nTasks.toLocaleString('en')} tasks, ${database.kind})`,
        detail: `API ${api.toFixed(1)} ms vs SQL ${raw.toFixed(1)} ms`,
        ratio,
        target: onPostgres ? '≤ 300 ms' : '≤ 300 ms on PostgreSQL',
        ...(onPostgres ? { ok: api <= 300 } : {}),
      },
    ];
  });
}
