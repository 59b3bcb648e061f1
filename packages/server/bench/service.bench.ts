import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { type BenchResult, timeMedians } from './context.js';
import { withBenchTenant } from './kit.js';
import { signIn } from './session.js';

/**
 * Service totals of a 党委 over five years (issue: ≈ 50,000 events with 500,000 participations,
 * ≤ 300 ms on PostgreSQL), against the same sums written by hand in SQL. BENCH_SERVICE_EVENTS
 * changes the number of events (ten participants each).
 */
export async function serviceTotalsBench(): Promise<BenchResult[]> {
  const events = Number(process.env.BENCH_SERVICE_EVENTS ?? 50_000);
  return withBenchTenant({ members: 3_000, branches: 75, code: 'bench-service' }, { username: 'bench.service', role: 'org_office' }, async ({ database, db, tenant }) => {
    const t = tenant.tenantId;
    // Five years of events, spread over the branches; ten participants each (eight members of
    // the organiser's unit, two staff), half an hour to four hours.
    await sql`
      insert into service_events (tenant_id, org_id, kind, title, held_on, place_type, beneficiaries, trained, class_hours)
      select ${t}, b.ids[1 + i % array_length(b.ids, 1)],
        (array['义诊','健康宣教','急救科普','志愿服务'])[1 + i % 4], '服务活动' || i,
        date '2022-01-01' + (i % 1826), (array['学校','社区','基层','工地','企事业单位'])[1 + i % 5],
        20 + i % 180, i % 40, i % 3
      from generate_series(1, ${events}) i,
        (select array_agg(id order by id) ids from orgs where tenant_id = ${t} and type = 'branch') b`.execute(db);
    await sql`
      insert into service_participants (tenant_id, event_id, seq, kind, member_id, name, hours)
      select e.tenant_id, e.id, s, case when s <= 8 then 'member' else 'staff' end,
        case when s <= 8 then m.ids[1 + (e.id * 8 + s) % array_length(m.ids, 1)] end,
        case when s <= 8 then '党员' else '职工' || s end, 0.5 + ((e.id + s) % 8) * 0.5
      from service_events e cross join generate_series(1, 10) s,
        (select array_agg(id order by id) ids from members where tenant_id = ${t}) m
      where e.tenant_id = ${t}`.execute(db);
    // As the service writes them: each event keeps its participants' count and hours.
    await sql`
      update service_events e set participations = p.n, participant_hours = p.h
      from (select event_id, count(*) n, sum(hours) h from service_participants where tenant_id = ${t} group by event_id) p
      where e.tenant_id = ${t} and e.id = p.event_id`.execute(db);
    await sql`analyze`.execute(db);

    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench' });
    await app.ready();
    const client = await signIn(app, 'bench.service');
    const url = '/api/v1/service/totals?groupBy=committee';
    const { api, raw } = await timeMedians(
      {
        api: async () => {
          await client.get(url);
        },
        // The same sums by hand over the events of the unit, rolled up to the 党委 (the only one
        // of the synthetic unit).
        raw: () =>
          sql`select count(*), sum(participations), sum(participant_hours), sum(beneficiaries), sum(trained), sum(class_hours), sum(coalesce(media_reach, 0))
            from service_events where tenant_id = ${t}`.execute(db),
      },
      15,
      2,
    );
    await app.close();
    const ratio = api / raw;
    const onPostgres = database.kind === 'postgres';
    return [
      {
        name: `service totals of the 党委, five years (${events.toLocaleString('en')} events, ${(events * 10).toLocaleString('en')} participations, ${database.kind})`,
        detail: `API ${api.toFixed(1)} ms vs SQL ${raw.toFixed(1)} ms`,
        ratio,
        target: onPostgres ? '≤ 300 ms' : '≤ 300 ms on PostgreSQL',
        ...(onPostgres ? { ok: api <= 300 } : {}),
      },
    ];
  });
}
