import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { type BenchResult, benchDatabase, syntheticTenant, timeMedians } from './context.js';
import { benchAccount, signIn } from './session.js';

/**
 * Member list with filters and a page (issue: ≤ 1.5 × the same query in raw SQL), on a tenant
 * of BENCH_MEMBERS members (default 100,000).
 */
export async function memberListBench(): Promise<BenchResult[]> {
  const size = Number(process.env.BENCH_MEMBERS ?? 100_000);
  const { database, dispose } = await benchDatabase();
  try {
    const db = database.db;
    const tenant = await syntheticTenant(db, { members: size, branches: Math.ceil(size / 40) });
    await benchAccount(db, tenant.tenantId, 'bench.org', 'org_office');
    const general = await db.selectFrom('orgs').select(['id', 'path']).where('tenant_id', '=', tenant.tenantId).where('type', '=', 'general_branch').orderBy('id').executeTakeFirstOrThrow();

    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench' });
    await app.ready();
    const client = await signIn(app, 'bench.org');
    const url = `/api/v1/members?orgId=${general.id}&q=${encodeURIComponent('王')}&page=3&pageSize=20&sort=name`;

    const like = '%王%';
    const { api, raw } = await timeMedians({
      api: async () => {
        await client.get(url);
      },
      // The same work in raw SQL: count and one page of the filtered, scoped list, with the
      // columns the list returns, in the list's name order (pinyin sort key, then name and id).
      // The org's path is a literal here: the hand-written query needs no lookup.
      raw: async () => {
        const where = sql`m.tenant_id = ${tenant.tenantId} and m.status = 'active' and o.path like ${`${general.path}%`}
          and (m.name like ${like} or d.name like ${like})`;
        await sql`select count(*) from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
          left join departments d on d.tenant_id = m.tenant_id and d.id = m.department_id where ${where}`.execute(db);
        await sql`select m.id, m.name, m.gender, m.id_number_enc, m.phone, m.category, m.status, m.org_id, o.name as org_name,
            d.name as department_name, m.title, m.education, m.post, m.joined_on, m.birth_date
          from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
          left join departments d on d.tenant_id = m.tenant_id and d.id = m.department_id
          where ${where} order by m.name_sort, m.name, m.id limit 20 offset 40`.execute(db);
      },
    });
    await app.close();
    const ratio = api / raw;
    return [
      {
        name: `member list, filtered page (${size.toLocaleString('en')} members, ${database.kind})`,
        detail: `API ${api.toFixed(1)} ms vs SQL ${raw.toFixed(1)} ms`,
        ratio,
        target: '≤ 1.5×',
        ok: ratio <= 1.5,
      },
    ];
  } finally {
    await dispose();
  }
}
