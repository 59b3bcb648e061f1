import { readFileSync, readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { type BenchResult, benchDatabase } from './context.js';
import { rawMemberList } from './kit.js';
import { PROVINCE_TODAY, generateProvince, provinceOptions } from './province.js';
import { httpSignIn } from './session.js';

/** Latencies of one run, in milliseconds. */
interface Latencies {
  p50: number;
  p95: number;
  n: number;
}

function percentiles(times: number[]): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}

/**
 * `clients` concurrent clients, each sending `perClient` requests one after the other (a single
 * client after one untimed request): every request's latency. A small loop instead of autocannon: no new
 * dependency, and the raw-SQL side runs through the very same loop.
 */
async function concurrently(clients: number, perClient: number, fn: () => Promise<unknown>): Promise<Latencies> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      if (clients === 1) await fn();
      for (let i = 0; i < perClient; i++) {
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
      }
    }),
  );
  return percentiles(times);
}

// The HTTP clients run in a worker thread: their own requests and reading of answers must not
// take turns with the server on its event loop (the server runs in this process).
const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, cookie, clients, perClient } = workerData;
  const times = [];
  const one = async () => {
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(url + ': ' + res.status + ' ' + Buffer.from(body).toString().slice(0, 200));
  };
  await Promise.all(Array.from({ length: clients }, async () => {
    if (clients === 1) await one();
    for (let i = 0; i < perClient; i++) {
      const start = performance.now();
      await one();
      times.push(performance.now() - start);
    }
  }));
  parentPort.postMessage(times);
})().catch((error) => parentPort.postMessage({ error: error.message }));
`;

/** Like `concurrently`, over HTTP from a worker thread: `clients` concurrent clients asking `url`. */
function httpLoad(url: string, cookie: string, clients: number, perClient: number): Promise<Latencies> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, { eval: true, workerData: { url, cookie, clients, perClient } });
    worker.once('message', (m: number[] | { error: string }) => {
      void worker.terminate();
      if (Array.isArray(m)) resolve(percentiles(m));
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
  });
}

interface HttpClient {
  (url: string): Promise<number>;
  load(url: string, clients: number, perClient: number): Promise<Latencies>;
}

/** A signed-in HTTP client of the listening app (its session cookie, as the browser keeps it). */
async function httpClient(base: string, username: string): Promise<HttpClient> {
  const { cookie: session } = await httpSignIn(base, username);
  const client = async (url: string) => {
    const res = await fetch(`${base}${url}`, { headers: { cookie: session } });
    // The whole answer is read (as a browser does), not parsed.
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
    return body.byteLength;
  };
  return Object.assign(client, { load: (url: string, clients: number, perClient: number) => httpLoad(`${base}${url}`, session, clients, perClient) });
}

/**
 * CPU time the local PostgreSQL's processes have used so far, in ms (Linux /proc: utime + stime
 * of every process named postgres, at 100 ticks a second); null where it cannot be read.
 */
function postgresCpuMs(): number | null {
  let ticks = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
    found = true;
  }
  return found ? ticks * 10 : null;
}

/** CPU per request while `run` sends `requests` requests: the server's event loop (busy time) and, on a local PostgreSQL, its processes. */
async function cpuPerRequest<T>(requests: number, postgres: boolean, run: () => Promise<T>): Promise<{ result: T; serverMs: number; postgresMs: number | null }> {
  const elu = performance.eventLoopUtilization();
  const pg = postgres ? postgresCpuMs() : null;
  const result = await run();
  const busy = performance.eventLoopUtilization(elu).active;
  const pgAfter = postgres ? postgresCpuMs() : null;
  return { result, serverMs: busy / requests, postgresMs: pg !== null && pgAfter !== null ? (pgAfter - pg) / requests : null };
}

const fmt = (l: Latencies) => `p50 ${l.p50.toFixed(1)} / p95 ${l.p95.toFixed(1)} ms`;

/**
 * The province under load (issue 18): the real app listening on 127.0.0.1 over a generated
 * province (bench/province.ts), the large unit's office and the commission signed in over HTTP;
 * each hot path at 1 and at 50 concurrent clients (p50, p95), beside the same query in raw SQL
 * through the same connection pool and the same loop; and /api/health while the year-end
 * statistics of the large unit are computed.
 */
export async function loadBench(): Promise<BenchResult[]> {
  const options = provinceOptions();
  const { database, dispose } = await benchDatabase();
  const rows: BenchResult[] = [];
  try {
    const db = database.db;
    console.log(`  province: ${options.units} hospitals + one of ${options.largeMembers.toLocaleString('en')} members (${database.kind})`);
    const province = await generateProvince(db, options, (line) => console.log(line));
    const c = province.counts;
    console.log(`  loaded in ${(province.loadMs / 1000).toFixed(1)} s: ${Object.entries(c).map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ')}`);
    rows.push({
      name: `province load (${options.units} hospitals + ${options.largeMembers.toLocaleString('en')}-member unit, ${database.kind})`,
      detail: `${(province.loadMs / 1000).toFixed(1)} s: ${c.members!.toLocaleString('en')} members, ${c.branches!.toLocaleString('en')} branches, ${c.orglife_records!.toLocaleString('en')} orglife records, ${c.dues_entries!.toLocaleString('en')} dues entries, ${c.service_participants!.toLocaleString('en')} service participations`,
    });

    const t = province.large.tenantId;
    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench', today: () => PROVINCE_TODAY });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const office = await httpClient(address, province.large.office);
      const dangban = await httpClient(address, province.large.partyOffice);
      const commission = await httpClient(address, province.commission.account);
      const general = await db.selectFrom('orgs').select(['id', 'path']).where('tenant_id', '=', t).where('type', '=', 'general_branch').orderBy('id').executeTakeFirstOrThrow();
      const root = await db.selectFrom('orgs').select('path').where('tenant_id', '=', t).where('id', '=', province.large.committeeId).executeTakeFirstOrThrow();
      const like = '%王%';

      // The hot paths: [name, client, url, the same work in raw SQL, is a list].
      const paths: Array<[string, HttpClient, string, () => Promise<unknown>, boolean]> = [
        [
          'member list, filtered (总支, 王, page 3)',
          office,
          `/api/v1/members?orgId=${general.id}&q=${encodeURIComponent('王')}&page=3&pageSize=20&sort=name`,
          () => rawMemberList(db, t, general.path, like),
          true,
        ],
        [
          'compliance matrix (whole unit, 2026, stored rows)',
          office,
          '/api/v1/orglife/matrix?year=2026',
          () =>
            sql`select r.org_id, o.name, o.path, r.states, r.missed, r.met from orglife_matrix_rows r join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
              where r.tenant_id = ${t} and r.year = 2026 order by o.path`.execute(db),
          false,
        ],
        [
          'orglife lapses (≥ 3 months, first page)',
          office,
          '/api/v1/orglife/lapses?minMonths=3&page=1&pageSize=20',
          // Each member's last day taken part in (kept per member), the runs, one page.
          () =>
            sql`with c as (
                select m.id, m.name, o.path, l.last_active
                from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
                  left join orglife_member_last l on l.tenant_id = m.tenant_id and l.member_id = m.id
                where m.tenant_id = ${t} and m.status = 'active' and o.path like ${`${root.path}%`})
              select id, name, last_active, count(*) over () from c where last_active is null or last_active < date '2026-08-01'
              order by last_active nulls first, path, id limit 20`.execute(db),
          true,
        ],
        [
          'dues arrears (first page)',
          office,
          '/api/v1/dues/arrears?page=1&pageSize=20',
          () =>
            sql`select e.member_id, e.month, sum(case when e.affects = 'due' then e.amount_cents else 0 end), sum(case when e.affects = 'paid' then e.amount_cents else 0 end)
              from dues_entries e join members m on m.tenant_id = e.tenant_id and m.id = e.member_id
              where e.tenant_id = ${t} and e.affects in ('due', 'paid') and m.status = 'active'
              group by e.member_id, e.month`.execute(db),
          true,
        ],
        [
          'development due list (30 days)',
          office,
          '/api/v1/development/due?days=30',
          () =>
            sql`select f.id, f.name, f.status, f.last_step, o.name, max(e.date) as last_date
              from development_files f join orgs o on o.tenant_id = f.tenant_id and o.id = f.org_id
              join development_entries e on e.tenant_id = f.tenant_id and e.file_id = f.id and e.kind = 'step'
              where f.tenant_id = ${t} and f.status not in ('full', 'disqualified')
              group by f.tenant_id, f.id, o.name`.execute(db),
          true,
        ],
        [
          'dashboard overview',
          office,
          '/api/v1/dashboard/overview',
          async () => {
            await sql`select category, gender, count(*) from members where tenant_id = ${t} and status = 'active' group by 1, 2`.execute(db);
            await sql`select type, count(*) from orgs where tenant_id = ${t} group by 1`.execute(db);
            await sql`select sum(met), sum(missed) from orglife_matrix_rows where tenant_id = ${t} and year = 2026`.execute(db);
            await sql`select status, count(*) from development_files where tenant_id = ${t} group by 1`.execute(db);
          },
          false,
        ],
        [
          `commission overview (${(options.units + 1).toLocaleString('en')} units, 90 days)`,
          commission,
          '/api/v1/commission/overview?days=90',
          () =>
            sql`select t.id, t.code, t.name, s.as_of, s.figures from commission_units u join tenants t on t.id = u.tenant_id
              join unit_summaries s on s.tenant_id = u.tenant_id and s.as_of >= ${PROVINCE_TODAY}::date - 90
              where u.commission_id = ${province.commission.id} order by t.id, s.as_of`.execute(db),
          false,
        ],
        [
          'decision topics (first page)',
          dangban,
          '/api/v1/decisions/topics?page=1&pageSize=20',
          async () => {
            await sql`select count(*) from decision_topics where tenant_id = ${t}`.execute(db);
            await sql`select tp.*, b.name as body_name from decision_topics tp join decision_bodies b on b.tenant_id = tp.tenant_id and b.id = tp.body_id
              where tp.tenant_id = ${t} order by tp.id desc limit 20`.execute(db);
          },
          true,
        ],
        [
          // The projects list is not paged: every project of the scope with its tasks and outcomes.
          'projects (the whole list)',
          office,
          '/api/v1/projects',
          async () => {
            const list = await sql<{ id: number }>`select p.*, o.name as org_name, m.name as lead_name from projects p join orgs o on o.tenant_id = p.tenant_id and o.id = p.org_id
              join members m on m.tenant_id = p.tenant_id and m.id = p.lead_member_id
              where p.tenant_id = ${t} and o.path like ${`${root.path}%`} order by p.started_on desc, p.id desc`.execute(db);
            const ids = list.rows.map((r) => r.id);
            await sql`select * from project_tasks where tenant_id = ${t} and project_id = any(${ids}::bigint[])`.execute(db);
            await sql`select * from project_outcomes where tenant_id = ${t} and project_id = any(${ids}::bigint[])`.execute(db);
          },
          true,
        ],
        [
          'service events (first page)',
          office,
          '/api/v1/service/events?page=1&pageSize=20',
          async () => {
            await sql`select count(*) from service_events e join orgs o on o.tenant_id = e.tenant_id and o.id = e.org_id where e.tenant_id = ${t} and o.path like ${`${root.path}%`}`.execute(db);
            await sql`select e.*, o.name as org_name from service_events e join orgs o on o.tenant_id = e.tenant_id and o.id = e.org_id
              where e.tenant_id = ${t} and o.path like ${`${root.path}%`} order by e.held_on desc, e.id desc limit 20`.execute(db);
          },
          true,
        ],
      ];

      // The floor of any signed-in request over HTTP here: who am I (the session's lookup, no area query).
      const floor = await office.load('/api/v1/auth/me', 1, 30);
      rows.push({ name: 'load: signed-in floor (GET /api/v1/auth/me, 1 client)', detail: fmt(floor) });
      console.log(`  signed-in floor: ${fmt(floor)}`);

      // BENCH_LOAD_PATHS=lapses,commission measures only the paths whose names contain one of the words.
      const wanted = (process.env.BENCH_LOAD_PATHS ?? '').split(',').map((w) => w.trim()).filter(Boolean);
      for (const [name, client, url, raw, isList] of paths) {
        if (wanted.length > 0 && !wanted.some((w) => name.includes(w))) continue;
        try {
          // 30 timed requests after one untimed: 31 requests' CPU.
          const { result: api1, serverMs, postgresMs } = await cpuPerRequest(31, database.kind === 'postgres', () => client.load(url, 1, 30));
          const cpuMs = serverMs + (postgresMs ?? 0);
          const cpu = `CPU per request: server ${serverMs.toFixed(1)} ms${postgresMs === null ? '' : `, PostgreSQL ${postgresMs.toFixed(1)} ms`}`;
          const raw1 = await concurrently(1, 30, raw);
          const api50 = await client.load(url, 50, 3);
          const raw50 = await concurrently(50, 3, raw);
          const ratio = api1.p50 / raw1.p50;
          const member = name.startsWith('member list');
          const targets = [isList ? 'API/SQL ≤ 1.3×' : null, 'p95 (1 client) ≤ 300 ms', member ? 'p95 (50 clients) ≤ 50 ms' : null].filter(Boolean).join('; ');
          const ok = (!isList || ratio <= 1.3) && api1.p95 <= 300 && (!member || api50.p95 <= 50);
          rows.push({
            name: `load: ${name}`,
            // 50 clients each waiting ≤ 50 ms ask for about 1,000 answers a second; each ms of CPU per answer is then one core busy.
            detail: `1 client API ${fmt(api1)}, SQL ${fmt(raw1)}; 50 clients API ${fmt(api50)}, SQL ${fmt(raw50)}; ${cpu}${member ? ` (50 clients at ≤ 50 ms: about 1,000 answers/s, ≈ ${Math.ceil(cpuMs)} cores, ≥ ${Math.ceil(serverMs)} server processes)` : ''}`,
            ratio,
            target: targets,
            ok,
          });
          console.log(`  ${name}: ${rows.at(-1)!.detail}`);
        } catch (error) {
          rows.push({ name: `load: ${name}`, detail: `failed: ${(error as Error).message}`, ok: false });
        }
      }

      // /api/health alone, then while the large unit's year-end statistics are computed.
      const health = async () => {
        const res = await fetch(`${address}/api/health`);
        await res.arrayBuffer();
      };
      const alone = await concurrently(1, 30, health);
      const during: number[] = [];
      let done = false;
      const heavyStart = performance.now();
      const heavy = office('/api/v1/statistics?year=2026').finally(() => {
        done = true;
      });
      while (!done) {
        const start = performance.now();
        await health();
        during.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 5));
      }
      await heavy;
      const heavyMs = performance.now() - heavyStart;
      const meanwhile = percentiles(during);
      rows.push({
        name: `load: /api/health while the year-end statistics (${options.largeMembers.toLocaleString('en')} members) run`,
        detail: `statistics ${heavyMs.toFixed(0)} ms; health meanwhile ${meanwhile.n}× ${fmt(meanwhile)} (alone ${fmt(alone)})`,
        target: 'health p95 ≤ 100 ms meanwhile',
        ok: meanwhile.n >= 2 && meanwhile.p95 <= 100,
      });
      console.log(`  ${rows.at(-1)!.detail}`);
    } finally {
      await app.close();
    }
    return rows;
  } finally {
    await dispose();
  }
}
