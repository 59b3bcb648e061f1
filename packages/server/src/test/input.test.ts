import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Client, DEMO_PASSWORD, type TestApp, createTestApp, errorOf } from './harness.js';
import { type WriteRoute, leaves, replaced, sample, writeRoutes } from './routeWalk.js';

let t: TestApp;
let org: Client;
let admin: Client;
/** 党办: the decisions routes (党委会 bodies, topics, meetings) refuse the organisation office. */
let dangban: Client;
let tenantId: number;
let erId: number;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.login('org');
  admin = await t.login('admin');
  dangban = await t.login('dangban');
  const db = t.database.db;
  tenantId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
  erId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

/** Real ids for a route's parameters, so that requests get past "not found" to the fields. */
async function paramValues(route: WriteRoute): Promise<Record<string, string>> {
  const db = t.database.db;
  const first = async (table: string, where = sql`true`) => {
    const row = await sql<{ id: number }>`select id from ${sql.table(table)} where tenant_id = ${tenantId} and ${where} order by id limit 1`.execute(db);
    return String(row.rows[0]?.id ?? 1);
  };
  const values: Record<string, string> = {};
  for (const p of route.params) {
    const before = route.url.split(`/:${p}`)[0] ?? '';
    const segment = before.split('/').pop();
    if (p === 'day') values[p] = '2026-10-01';
    else if (p === 'year') values[p] = '2026';
    else if (p === 'month') values[p] = '2026-10';
    else if (p === 'token') values[p] = 'walk-token';
    else if (p === 'orgId' || segment === 'orgs') values[p] = String(erId);
    else if (segment === 'users') values[p] = await first('users', sql`username = 'walk.target'`);
    else if (segment === 'members') values[p] = await first('members', sql`org_id = ${erId}`);
    else if (segment === 'departments') values[p] = await first('departments');
    else if (segment === 'manual-values') values[p] = await first('worksystem_manual_values');
    else if (p === 'fileId' && route.url.startsWith('/api/v1/worksystems/manual-values/')) values[p] = await first('worksystem_manual_files');
    else if (segment === 'files') values[p] = await first('development_files');
    else if (p === 'documentId') values[p] = await first('development_documents');
    else if (p === 'entryId') values[p] = await first('development_entries');
    else if (segment === 'entries') values[p] = await first('dues_entries');
    else if (segment === 'channels') values[p] = await first('orglife_channels');
    else if (segment === 'plan-items') values[p] = await first('orglife_plan_items');
    else if (segment === 'records') values[p] = await first('orglife_records', sql`org_id = ${erId}`);
    else if (p === 'attachmentId') values[p] = await first('orglife_attachments');
    else if (segment === 'transfers') values[p] = await first('member_transfers');
    else if (segment === 'events') values[p] = await first('service_events');
    else if (p === 'photoId' && route.url.startsWith('/api/v1/venues/')) values[p] = await first('venue_photos');
    else if (p === 'photoId') values[p] = await first('service_photos');
    else if (segment === 'series') values[p] = await first('service_series');
    else if (segment === 'honours') values[p] = await first('honours');
    else if (segment === 'programmes') values[p] = await first('building_programmes');
    else if (p === 'feedbackId') values[p] = await first('decision_task_feedback');
    else if (p === 'fileId' && route.url.startsWith('/api/v1/funds/requests/')) values[p] = await first('fund_files', sql`request_id is not null`);
    else if (p === 'fileId' && route.url.startsWith('/api/v1/funds/expenses/')) values[p] = await first('fund_files', sql`expense_id is not null`);
    else if (p === 'fileId' && route.url.startsWith('/api/v1/decisions/tasks/')) values[p] = await first('decision_feedback_files');
    else if (p === 'fileId' && route.url.startsWith('/api/v1/decisions/')) values[p] = await first('decision_topic_files');
    else if (p === 'fileId') values[p] = await first('honour_files');
    else if (segment === 'projects') values[p] = await first('projects', sql`stage in ('proposed', 'approved', 'midterm')`);
    else if (p === 'taskId') values[p] = await first('project_tasks');
    else if (segment === 'brands') values[p] = await first('brands');
    else if (segment === 'venues') values[p] = await first('venues');
    else if (segment === 'reports') values[p] = await first('report_definitions');
    else if (segment === 'snapshots') values[p] = await first('statistics_snapshots');
    else if (segment === 'classes') values[p] = await first('training_classes');
    else if (segment === 'schemes') values[p] = await first('assessment_schemes');
    else if (segment === 'sheets') values[p] = await first('assessment_sheets');
    else if (segment === 'points') values[p] = await first('contact_points');
    else if (segment === 'visits') values[p] = await first('contact_visits');
    else if (segment === 'follow-ups') values[p] = await first('contact_followups');
    else if (segment === 'agreements') values[p] = await first('contact_agreements');
    else if (p === 'activityId') values[p] = await first('contact_joint_activities');
    else if (segment === 'lines') values[p] = await first('fund_budget_lines');
    else if (segment === 'requests') values[p] = await first('fund_requests', sql`status = 'submitted'`);
    else if (segment === 'expenses') values[p] = await first('fund_expenses');
    else if (p === 'elementId') values[p] = await first('brand_elements');
    else if (p === 'ruleId') values[p] = await first('brand_rules');
    else if (p === 'figureId') values[p] = await first('brand_figures');
    else if (p === 'linkId') values[p] = await first('brand_rule_evidence');
    else if (segment === 'bodies') values[p] = await first('decision_bodies');
    else if (segment === 'topics') values[p] = await first('decision_topics');
    else if (segment === 'meetings') values[p] = await first('decision_meetings');
    else if (segment === 'agenda') values[p] = await first('decision_agenda_items');
    else if (segment === 'tasks') values[p] = await first('decision_tasks');
    else values[p] = '1';
  }
  return values;
}

const urlOf = (route: WriteRoute, params: Record<string, string>, query: unknown) => {
  const path = route.url.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(params[p] ?? '1'));
  const entries = query && typeof query === 'object' ? Object.entries(query).filter(([, v]) => v !== null && v !== undefined) : [];
  return entries.length ? `${path}?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : path;
};

/** Signing out or resetting the walkers' own passwords would end the walk, not test input. */
const SKIP = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/login', 'POST /api/v1/setup']);

describe('hostile input on every write route (walks the route table)', () => {
  it('never answers 500; text the database cannot store and numbers beyond their column are 400s naming the field', { timeout: 600_000 }, async () => {
    // An account the walk may edit (never one of the walkers).
    const created = await admin.post('/api/v1/users', { username: 'walk.target', name: '走查', password: 'Kaiyuan-2026', roles: [{ role: 'member' }] });
    expect(created.statusCode).toBe(201);
    const routes = writeRoutes(t.app).filter((r) => !SKIP.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let sent = 0;
    const send = async (route: WriteRoute, params: Record<string, string>, query: unknown, body: unknown, what: string) => {
      const request = { method: route.method as 'POST', url: urlOf(route, params, query), ...(body === undefined ? {} : { payload: body as object }) };
      let res = await org.request(request);
      if (res.statusCode === 403 && ['FORBIDDEN', 'OPERATOR_ONLY'].includes(errorOf(res).code)) res = await admin.request(request);
      if (res.statusCode === 403 && route.url.startsWith('/api/v1/decisions/')) res = await dangban.request(request);
      sent++;
      const label = `${route.method} ${route.url} ${what}`;
      if (res.statusCode >= 500) failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    };
    for (const route of routes) for (const requiredOnly of [false, true]) {
      const params = await paramValues(route);
      const body = route.body ? sample(route.body, '', 0, requiredOnly) : undefined;
      const query = route.query ? sample(route.query, '', 0, requiredOnly) : undefined;
      const label = `${route.method} ${route.url}${requiredOnly ? ' (required fields only)' : ''}`;
      if (process.env.WALK_DEBUG) {
        const base = await send(route, params, query, body, 'as sampled');
        console.log(label, base.statusCode, base.statusCode >= 300 ? base.body.slice(0, 160) : '');
      }
      // Text: a NUL byte and a lone surrogate in every string of the body, query and parameters.
      for (const [bad, code] of [
        ['a\u0000b', 'TEXT_NUL'],
        ['a\ud800b', 'TEXT_LONE_SURROGATE'],
      ] as const) {
        // (A lone surrogate cannot be percent-encoded into a URL: only bodies carry one.)
        for (const where of code === 'TEXT_NUL' ? (['body', 'query', 'params'] as const) : (['body'] as const)) {
          const target = where === 'body' ? body : where === 'query' ? query : params;
          const strings = leaves(target).filter((l) => l.kind === 'string' || where === 'params');
          if (strings.length === 0) continue;
          let mutated = target;
          for (const leaf of strings) mutated = replaced(mutated, leaf.path, bad);
          const res = await send(
            route,
            where === 'params' ? (mutated as Record<string, string>) : params,
            where === 'query' ? mutated : query,
            where === 'body' ? mutated : body,
            `${code} in ${where}`,
          );
          if (res.statusCode !== 400 || errorOf(res).code !== code || !errorOf(res).details?.[0]?.path.startsWith(where)) {
            failures.push(`${label} ${code} in ${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
      // Numbers: beyond a 32-bit column, and an id that exists nowhere, in each integer field.
      for (const where of ['body', 'query'] as const) {
        const target = where === 'body' ? body : query;
        for (const leaf of leaves(target).filter((l) => l.kind === 'integer')) {
          for (const value of [2 ** 31, 999_999_999]) {
            const mutated = replaced(target, leaf.path, value);
            const res = await send(route, params, where === 'query' ? mutated : query, where === 'body' ? mutated : body, `${where}.${leaf.path.join('.')}=${value}`);
            // The safety nets of the error handler answer 400 too, but cannot always name the field: the schema or the service must.
            if (res.statusCode === 400 && ['VALUE_OUT_OF_RANGE', 'REFERENCE_NOT_FOUND'].includes(errorOf(res).code) && !errorOf(res).details?.length) {
              failures.push(`${label} ${where}.${leaf.path.join('.')}=${value}: ${errorOf(res).code} without the field`);
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });
});

describe('the cases found by hand', () => {
  it('a NUL byte in the login name, a lone surrogate in an audited field', async () => {
    const login = await t.anonymous().post('/api/v1/auth/login', { username: 'org\u0000', password: DEMO_PASSWORD });
    expect(login.statusCode).toBe(400);
    expect(errorOf(login)).toMatchObject({ code: 'TEXT_NUL', details: [{ path: 'body.username' }] });
    const member = await t.database.db.selectFrom('members').select(['id', 'version']).where('tenant_id', '=', tenantId).where('org_id', '=', erId).orderBy('id').executeTakeFirstOrThrow();
    const res = await org.patch(`/api/v1/members/${member.id}`, { version: member.version, address: '北京\ud83d' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'TEXT_LONE_SURROGATE', details: [{ path: 'body.address' }] });
    expect(errorOf(res).message).toContain('body.address');
  });

  it('an integer beyond 2³¹ in a version or an amount, an unknown department, campus or member: 400 naming the field', async () => {
    const member = await t.database.db.selectFrom('members').select(['id', 'version']).where('tenant_id', '=', tenantId).where('org_id', '=', erId).orderBy('id').executeTakeFirstOrThrow();
    const version = await org.patch(`/api/v1/members/${member.id}`, { version: 2 ** 31, address: '北京' });
    expect(version.statusCode).toBe(400);
    expect(errorOf(version).details?.map((d) => d.path)).toEqual(['body.version']);
    const amount = await org.post('/api/v1/dues/voluntary', { memberId: member.id, amountCents: 2 ** 31, paidOn: '2026-11-20', method: 'cash', note: '' });
    expect(amount.statusCode).toBe(400);
    expect(errorOf(amount).details?.map((d) => d.path)).toContain('body.amountCents');
    for (const [field, thing] of [
      ['departmentId', '科室'],
      ['campusId', '院区'],
    ] as const) {
      const res = await org.patch(`/api/v1/members/${member.id}`, { version: member.version, [field]: 999_999_999 });
      expect(res.statusCode, field).toBe(400);
      expect(errorOf(res).details, field).toEqual([{ path: `body.${field}`, message: `${thing}不存在（编号 999999999）` }]);
    }
    const users = await admin.get('/api/v1/users?q=jijian');
    const jijian = users.json().items[0];
    const link = await admin.patch(`/api/v1/users/${jijian.id}`, { version: jijian.version, memberId: 999_999_999 });
    expect(link.statusCode).toBe(400);
    expect(errorOf(link)).toMatchObject({ code: 'MEMBER_NOT_FOUND', details: [{ path: 'body.memberId' }] });
  });
});

describe('the database’s refusals as the client sees them', () => {
  it('maps foreign-key, range and time-out errors to 4xx / 503, never 500', async () => {
    const { default: Fastify } = await import('fastify');
    const { registerErrorHandling } = await import('../plugins/errors.js');
    const bare = Fastify();
    bare.decorateRequest('auth', null);
    bare.decorateRequest('language', 'zh-CN');
    registerErrorHandling(bare);
    const pgError = (fields: Record<string, string>) => Object.assign(new Error('db'), { severity: 'ERROR', ...fields });
    const errors: Record<string, Error> = {
      fk: pgError({ code: '23503', constraint: 'members_tenant_id_department_id_fkey', detail: 'Key (tenant_id, department_id)=(1, 42) is not present in table "departments".' }),
      inUse: pgError({ code: '23503', detail: 'Key (tenant_id, id)=(1, 5) is still referenced from table "members".' }),
      range: pgError({ code: '22003' }),
      timeout: pgError({ code: '57014' }),
    };
    bare.post('/:kind', async (request) => {
      throw errors[(request.params as { kind: string }).kind];
    });
    const post = (kind: string) => bare.inject({ method: 'POST', url: `/${kind}`, payload: { member: { departmentId: 42 } } });
    expect(errorOf(await post('fk'))).toEqual({ code: 'REFERENCE_NOT_FOUND', message: '科室不存在（编号 42）', details: [{ path: 'body.member.departmentId', message: '科室不存在（编号 42）' }] });
    expect((await post('inUse')).statusCode).toBe(409);
    expect((await post('range')).statusCode).toBe(400);
    const timeout = await post('timeout');
    expect(timeout.statusCode).toBe(503);
    expect(errorOf(timeout)).toMatchObject({ code: 'QUERY_TIMEOUT', message: expect.stringMatching(/超时/) });
    await bare.close();
  });

  const config = inject('testDatabase');
  it.skipIf(config.kind !== 'postgres')('cuts off a statement after DATABASE_STATEMENT_TIMEOUT on PostgreSQL', async () => {
    const { openDatabase } = await import('../db/database.js');
    const { databaseUrlFor } = await import('./postgres.js');
    if (config.kind !== 'postgres') return;
    const limited = await openDatabase({ url: databaseUrlFor(config.url, config.template), statementTimeoutMs: 200 });
    try {
      const started = performance.now();
      await expect(sql`select pg_sleep(5)`.execute(limited.db)).rejects.toMatchObject({ code: '57014' });
      expect(performance.now() - started).toBeLessThan(3000);
      await expect(sql`select 1 as one`.execute(limited.db)).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      await limited.close();
    }
  });
});

describe('paging bounds', () => {
  it('answers the request that stalled the server (page=1000000000) with a quick 400', async () => {
    const started = performance.now();
    const res = await org.get('/api/v1/dues/entries?page=1000000000');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.map((d) => d.path)).toEqual(['query.page']);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('bounds page and pageSize on every list, and pages no deeper than 10,000 rows', { timeout: 180_000 }, async () => {
    const lists = t.app.routeAccess.filter((r) => r.method === 'GET');
    const paged: string[] = [];
    for (const route of lists) {
      if (route.url.includes(':')) continue;
      const res = await org.get(`${route.url}?page=10001`);
      if (res.statusCode === 400 && errorOf(res).details?.some((d) => d.path === 'query.page')) paged.push(route.url);
    }
    expect(paged).toEqual(expect.arrayContaining(['/api/v1/members', '/api/v1/dues/entries', '/api/v1/audit', '/api/v1/orglife/records', '/api/v1/transfers']));
    for (const url of paged) {
      expect((await org.get(`${url}?pageSize=201`)).statusCode, url).toBe(400);
      const deep = await org.get(`${url}?page=51&pageSize=200`);
      expect(deep.statusCode, url).toBe(400);
      expect(errorOf(deep), url).toMatchObject({ code: 'PAGE_TOO_DEEP', details: [{ path: 'query.page' }] });
      expect(errorOf(deep).message).toMatch(/最多查看前 10,000 条/);
    }
    expect((await org.get('/api/v1/members?page=50&pageSize=200')).statusCode).toBe(200);
  });

  it('answers the deepest page the ledger allows in well under the time the whole ledger took', async () => {
    const started = performance.now();
    const res = await org.get('/api/v1/dues/entries?page=50&pageSize=200');
    expect(res.statusCode).toBe(200);
    // Without an index for the corrections' subquery this read the ledger once per entry (minutes).
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('counts a list only as far as it can be paged', async () => {
    const { countUpTo } = await import('../db/count.js');
    const db = t.database.db;
    const all = db.selectFrom('members').where('tenant_id', '=', tenantId);
    const total = Number((await all.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    expect(total).toBeGreaterThan(1000);
    expect(await countUpTo(db, all, total + 1)).toBe(total);
    expect(await countUpTo(db, all, 100)).toBe(100);
    // The audit trail's total stops at the deepest row a list can show.
    const audit = await admin.get('/api/v1/audit?pageSize=1');
    expect(audit.json().total).toBeLessThanOrEqual(10_000);
  });
});
