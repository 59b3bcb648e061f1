import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { type BenchResult, benchDatabase, syntheticTenant, timeMedians } from './context.js';
import { benchAccount, signIn } from './session.js';

/**
 * Upward reports (issue 17): one page of a cell's people in a frozen run of a 20,000-member unit
 * broken down by gender, the first page and one 5,000 rows deep. The run keeps its people in its
 * stored result, so a page is read from that JSON; the raw SQL is the same page of members read
 * from the table by index (what a live list would cost).
 */
export async function reportsBench(): Promise<BenchResult[]> {
  const { database, dispose } = await benchDatabase();
  try {
    const db = database.db;
    const tenant = await syntheticTenant(db, { members: 20_000, branches: 100, code: 'bench-reports' });
    const t = tenant.tenantId;
    await sql`analyze`.execute(db);
    await benchAccount(db, t, 'bench.reports', 'org_office');
    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench', today: () => '2026-06-30' });
    await app.ready();
    const client = await signIn(app, 'bench.reports');
    const send = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await client.request(method, url, { payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res.json() as { id: number };
    };
    const def = await send('POST', '/api/v1/reports', { title: '党员性别结构（基准）', requester: '市卫健委党委', asOf: '2026-06-30', orgId: tenant.committeeId, rowDimension: 'gender', fields: ['name', 'gender', 'idNumber'] });
    const run = await send('POST', `/api/v1/reports/${def.id}/runs`);
    const times = await timeMedians(
      {
        first: () => send('GET', `/api/v1/reports/runs/${run.id}/cell?row=0&column=-1&limit=50&offset=0`),
        deep: () => send('GET', `/api/v1/reports/runs/${run.id}/cell?row=0&column=-1&limit=50&offset=5000`),
        raw: () => sql`select id, name, gender, id_number_enc from members where tenant_id = ${t} and status = 'active' order by id limit 50 offset 5000`.execute(db),
      },
      21,
      2,
    );
    await app.close();
    return [
      { name: `reports: a page of a cell's people, 20,000 members (${database.kind})`, detail: `API ${times.first.toFixed(1)} ms vs SQL ${times.raw.toFixed(1)} ms`, ratio: times.first / times.raw, target: '≤ 300 ms' , ok: times.first <= 300 },
      { name: `reports: a page 5,000 people deep (${database.kind})`, detail: `API ${times.deep.toFixed(1)} ms vs SQL ${times.raw.toFixed(1)} ms`, ratio: times.deep / times.raw, target: '≤ 300 ms', ok: times.deep <= 300 },
    ];
  } finally {
    await dispose();
  }
}
