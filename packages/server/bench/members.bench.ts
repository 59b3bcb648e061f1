import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { hashPassword } from '../src/plugins/password.js';
import { type BenchResult, benchDatabase, syntheticTenant, timeMedians } from './context.js';

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
    const user = await db
      .insertInto('users')
      .values({ tenant_id: tenant.tenantId, username: 'bench.org', name: '基准', password_hash: await hashPassword('Bench2026x'), member_id: null, password_changed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_roles').values({ tenant_id: tenant.tenantId, user_id: user.id, role: 'org_office', org_id: null }).execute();
    const general = await db.selectFrom('orgs').select(['id', 'path']).where('tenant_id', '=', tenant.tenantId).where('type', '=', 'general_branch').orderBy('id').executeTakeFirstOrThrow();

    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench' });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench.org', password: 'Bench2026x' } });
    const cookie = login.cookies.find((c) => c.name === 'hongyi_session')!.value;
    const url = `/api/v1/members?orgId=${general.id}&q=${encodeURIComponent('王')}&page=3&pageSize=20&sort=name`;

    const like = '%王%';
    const { api, raw } = await timeMedians({
      api: async () => {
        const res = await app.inject({ method: 'GET', url, cookies: { hongyi_session: cookie } });
        if (res.statusCode !== 200) throw new Error(res.body);
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
