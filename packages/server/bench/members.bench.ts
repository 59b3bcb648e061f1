import { buildApp } from '../src/app.js';
import { type BenchResult, timeMedians } from './context.js';
import { rawMemberList, withBenchTenant } from './kit.js';
import { signIn } from './session.js';

/**
 * Member list with filters and a page (issue: ≤ 1.5 × the same query in raw SQL), on a tenant
 * of BENCH_MEMBERS members (default 100,000).
 */
export async function memberListBench(): Promise<BenchResult[]> {
  const size = Number(process.env.BENCH_MEMBERS ?? 100_000);
  return withBenchTenant({ members: size, branches: Math.ceil(size / 40) }, { username: 'bench.org', role: 'org_office' }, async ({ database, db, tenant }) => {
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
      // The same work in raw SQL (the org's path a literal: the hand-written query needs no lookup).
      raw: () => rawMemberList(db, tenant.tenantId, general.path, like),
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
  });
}
