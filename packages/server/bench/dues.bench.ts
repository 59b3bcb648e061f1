import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { hashPassword } from '../src/plugins/password.js';
import { type BenchResult, benchDatabase, syntheticTenant, timeMedian, timeMedians } from './context.js';
import { seedDuesBases } from './kit.js';

const TODAY = '2026-11-23';

/**
 * Dues (issue: month close for 100,000 members ≤ 10 s; yearly ledger for a 党委 of 5,000 members
 * ≤ 1 s, on PostgreSQL; the arrears list of 100,000 members well under a second). Bases are made in SQL for every member (rate bands as in 党费规定);
 * the close runs through the API, once per month for five months (each close creates 100,000
 * entries); the ledger is timed on a second tenant of 5,000 members with a year of dues and
 * payments.
 */
export async function duesBench(): Promise<BenchResult[]> {
  const size = Number(process.env.BENCH_MEMBERS ?? 100_000);
  const ledgerSize = Number(process.env.BENCH_LEDGER_MEMBERS ?? 5_000);
  const { database, dispose } = await benchDatabase();
  try {
    const db = database.db;
    const big = await syntheticTenant(db, { members: size, branches: Math.max(1, Math.round(size / 40)), code: 'bench-dues' });
    const small = await syntheticTenant(db, { members: ledgerSize, branches: Math.max(1, Math.round(ledgerSize / 40)), code: 'bench-ledger' });
    await seedDuesBases(db, [big.tenantId, small.tenantId]);
    await sql`analyze`.execute(db);

    const cookies: Record<number, string> = {};
    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench', today: () => TODAY });
    await app.ready();
    for (const t of [big.tenantId, small.tenantId]) {
      const tenantCode = t === big.tenantId ? 'bench-dues' : 'bench-ledger';
      // Usernames are unique across units: one account per tenant, each with its own name.
      const user = await db
        .insertInto('users')
        .values({ tenant_id: t, username: `${tenantCode}.org`, name: '基准', password_hash: await hashPassword('Bench2026x'), member_id: null, password_changed_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('user_roles').values({ tenant_id: t, user_id: user.id, role: 'org_office', org_id: null }).execute();
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `${tenantCode}.org`, password: 'Bench2026x' } });
      if (login.statusCode !== 200) throw new Error(login.body);
      cookies[t] = login.cookies.find((c) => c.name === 'hongyi_session')!.value;
      (cookies as Record<string, string>)[`csrf${t}`] = (login.json() as { csrfToken: string }).csrfToken;
    }
    const post = (t: number, url: string) =>
      app.inject({ method: 'POST', url, payload: {}, cookies: { hongyi_session: cookies[t]! }, headers: { 'x-csrf-token': (cookies as Record<string, string>)[`csrf${t}`]! } });

    // Month close: one API call per month, each creating every member's amount due.
    const closeTimes: number[] = [];
    let created = 0;
    for (const month of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']) {
      const start = performance.now();
      const res = await post(big.tenantId, `/api/v1/dues/months/${month}/close`);
      closeTimes.push(performance.now() - start);
      if (res.statusCode !== 201) throw new Error(res.body);
      created = (res.json() as { created: number }).created;
    }
    closeTimes.sort((a, b) => a - b);
    const close = closeTimes[Math.floor(closeTimes.length / 2)]!;
    // The same insert in raw SQL for the ratio: June, without the API around it.
    const rawStart = performance.now();
    await sql`
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, base_id)
      select m.tenant_id, m.id, m.org_id, date '2026-06-01', 'due', 'due', b.monthly_cents, b.id
      from members m
      join lateral (select id, monthly_cents from dues_bases b where b.tenant_id = m.tenant_id and b.member_id = m.id and b.year <= 2026 order by year desc, id desc limit 1) b on true
      where m.tenant_id = ${big.tenantId} and m.status = 'active'
      on conflict (tenant_id, member_id, month) where kind = 'due' do nothing`.execute(db);
    const rawClose = performance.now() - rawStart;

    // Yearly ledger: a year of dues and payments (one member in ten stops paying in August).
    const t = small.tenantId;
    await sql`
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, base_id)
      select m.tenant_id, m.id, m.org_id, make_date(2026, g, 1), 'due', 'due', b.monthly_cents, b.id
      from members m join dues_bases b on b.tenant_id = m.tenant_id and b.member_id = m.id, generate_series(1, 10) g
      where m.tenant_id = ${t}`.execute(db);
    await sql`
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, method, paid_on)
      select tenant_id, member_id, org_id, month, 'payment', 'paid', amount_cents, 'transfer', month + 14
      from dues_entries where tenant_id = ${t} and kind = 'due' and not (member_id % 10 = 0 and month >= date '2026-08-01')`.execute(db);
    await sql`analyze dues_entries`.execute(db);
    let rows = 0;
    const ledger = await timeMedian(
      async () => {
        const res = await app.inject({ method: 'GET', url: '/api/v1/dues/ledger?year=2026', cookies: { hongyi_session: cookies[t]! } });
        if (res.statusCode !== 200) throw new Error(res.body);
        rows = (res.json() as { total: number }).total;
      },
      9,
      2,
    );
    const rawLedger = await timeMedian(
      async () => {
        await sql`
          select e.member_id, sum(case when e.affects = 'due' then e.amount_cents else 0 end), sum(case when e.affects = 'paid' then e.amount_cents else 0 end)
          from dues_entries e join orgs o on o.tenant_id = e.tenant_id and o.id = e.org_id
          where e.tenant_id = ${t} and e.month between date '2026-01-01' and date '2026-12-01' group by e.member_id`.execute(db);
        await sql`select distinct on (member_id) member_id, base_cents, rate_basis_points, monthly_cents from dues_bases where tenant_id = ${t} and year <= 2026 order by member_id, year desc, id desc`.execute(db);
      },
      9,
      2,
    );
    // Arrears (欠缴提醒) at province scale: the big tenant's six closed months, paid by most members;
    // one member in fifty stops paying from a month of their own, so a few thousand are listed.
    await sql`
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, method, paid_on)
      select tenant_id, member_id, org_id, month, 'payment', 'paid', amount_cents, 'transfer', month + 14
      from dues_entries
      where tenant_id = ${big.tenantId} and kind = 'due'
        and not (member_id % 50 = 0 and month >= make_date(2026, 1 + (member_id / 50)::int % 6, 1))`.execute(db);
    await sql`analyze dues_entries`.execute(db);
    let arrearsTotal = 0;
    const arrearsTimes = await timeMedians(
      {
        api: async () => {
          const res = await app.inject({ method: 'GET', url: '/api/v1/dues/arrears?page=1&pageSize=20', cookies: { hongyi_session: cookies[big.tenantId]! } });
          if (res.statusCode !== 200) throw new Error(res.body);
          arrearsTotal = (res.json() as { total: number }).total;
        },
        // The ledger read in raw SQL: every member's due and paid per month, what any count of
        // unpaid months starts from (the API reads the whole ledger of the listed members only).
        raw: async () => {
          await sql`
            select e.member_id, e.month, sum(case when e.affects = 'due' then e.amount_cents else 0 end), sum(case when e.affects = 'paid' then e.amount_cents else 0 end)
            from dues_entries e join members m on m.tenant_id = e.tenant_id and m.id = e.member_id
            where e.tenant_id = ${big.tenantId} and e.affects in ('due', 'paid') and m.status = 'active'
            group by e.member_id, e.month`.execute(db);
        },
      },
      9,
      2,
    );
    await app.close();
    return [
      {
        name: `dues month close (${size.toLocaleString('en')} members, ${created.toLocaleString('en')} created per close, median of 5 months, ${database.kind})`,
        detail: `API ${close.toFixed(0)} ms vs SQL insert ${rawClose.toFixed(0)} ms`,
        ratio: close / rawClose,
        target: '≤ 10 s',
        ok: close <= 10_000,
      },
      {
        name: `dues yearly ledger (党委 of ${ledgerSize.toLocaleString('en')} members, ${rows.toLocaleString('en')} rows, ${database.kind})`,
        detail: `API ${ledger.toFixed(1)} ms vs SQL ${rawLedger.toFixed(1)} ms`,
        ratio: ledger / rawLedger,
        target: '≤ 1 s',
        ok: ledger <= 1_000,
      },
      {
        name: `dues arrears, first page with level counts (${size.toLocaleString('en')} members, ${arrearsTotal.toLocaleString('en')} in arrears, ${database.kind})`,
        detail: `API ${arrearsTimes.api.toFixed(1)} ms vs SQL reading the ledger's month sums ${arrearsTimes.raw.toFixed(1)} ms`,
        ratio: arrearsTimes.api / arrearsTimes.raw,
        target: '≤ 1 s',
        ok: arrearsTimes.api <= 1_000,
      },
    ];
  } finally {
    await dispose();
  }
}
