import JSZip from 'jszip';
import { addDays } from '@hongyi/core';
import { openRow } from '../../db/sealed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachUnit } from '../../jobs/daily.js';
import { claim, claimsOf, unitIds } from '../../jobs/repository-claims.js';
import { startSummaryJob } from '../../jobs/summaries.js';
import { computeFigures } from './service-summary.js';
import { upsertSummary } from './repository.js';
import { createCommission } from '../../test/fixtures/commission.js';
import { DEMO_TODAY, type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { workbookOf } from '../../test/workbook.js';

let t: TestApp;
let demoId: number;
let countyId: number;
let officeId: number;
let wjw: Client;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  demoId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
  countyId = (await db.selectFrom('tenants').select('id').where('code', '=', 'county').executeTakeFirstOrThrow()).id;
  officeId = (await createCommission(db, 'test-wjw', 'XX省卫生健康委员会', [demoId, countyId], 'wjw.test')).officeTenantId;
  wjw = await t.login('wjw.test');
}, 120_000);
afterAll(() => t.close());

/** Every person's name, full ID number and phone in the two units: none may reach a commission. */
async function personalValues(): Promise<string[]> {
  const rows = (await t.database.db.selectFrom('members').select(['name', 'id_number_enc', 'phone_enc'])
    .where('tenant_id', 'in', [demoId, countyId])
    .execute()).map(openRow);
  const users = await t.database.db.selectFrom('users').select('name').where('tenant_id', 'in', [demoId, countyId]).execute();
  return [...new Set([...rows.flatMap((r) => [r.name, r.id_number, r.phone]), ...users.map((u) => u.name)].filter((v): v is string => typeof v === 'string' && v.length >= 2))];
}

async function xlsxText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')));
  return parts.join('\n');
}

describe('daily jobs under a lease per unit', () => {
  it('two runners in parallel do each unit exactly once; a unit that throws is recorded and the others complete', async () => {
    const db = t.database.db;
    const units = await unitIds(db);
    // The commission's office tenant is no unit: no job runs for it.
    expect(units).not.toContain(officeId);
    expect(units).toEqual(expect.arrayContaining([demoId, countyId]));
    const day = '2026-11-01';
    const calls: Array<{ owner: string; tenantId: number }> = [];
    const work = (owner: string) => async (tenantId: number) => {
      calls.push({ owner, tenantId });
      await new Promise((r) => setTimeout(r, 20));
      return tenantId;
    };
    const [a, b] = await Promise.all([
      forEachUnit(t.app, 'summaries', day, work('server-a'), () => undefined, { owner: 'server-a' }),
      forEachUnit(t.app, 'summaries', day, work('server-b'), () => undefined, { owner: 'server-b' }),
    ]);
    expect(calls.map((c) => c.tenantId).sort()).toEqual([...units].sort());
    expect([...a, ...b].map((r) => r.tenantId).sort()).toEqual([...units].sort());
    const claims = await claimsOf(db, 'summaries', day);
    expect(claims.map((c) => [c.tenant_id, c.state, c.attempts])).toEqual(units.map((id) => [id, 'done', 1]));
    // A third run the same day finds nothing to do.
    expect(await forEachUnit(t.app, 'summaries', day, work('server-c'), () => undefined, { owner: 'server-c' })).toEqual([]);

    // One unit throws, one is too slow: both recorded, the others done.
    const failedDay = '2026-11-02';
    const errors: number[] = [];
    const done = await forEachUnit(
      t.app,
      'matrix',
      failedDay,
      async (id) => {
        if (id === demoId) throw new Error('unit exploded');
        if (id === countyId) await new Promise((r) => setTimeout(r, 400));
        return id;
      },
      (id) => errors.push(id),
      { timeoutMs: 150, owner: 'server-a' },
    );
    expect(errors.sort()).toEqual([demoId, countyId].sort());
    expect(done.map((d) => d.tenantId)).toEqual(units.filter((id) => id !== demoId && id !== countyId));
    const recorded = new Map((await claimsOf(db, 'matrix', failedDay)).map((c) => [c.tenant_id, c]));
    expect(recorded.get(demoId)).toMatchObject({ state: 'failed', error: 'unit exploded' });
    expect(recorded.get(countyId)).toMatchObject({ state: 'failed', error: 'TIMEOUT after 150 ms' });
  });

  it('a lease left running by a server that died is taken over once it expires, not before', async () => {
    const db = t.database.db;
    const day = '2026-11-03';
    expect(await claim(db, demoId, 'reminders', day, 'dead-server', 60_000)).toBe(true);
    expect(await claim(db, demoId, 'reminders', day, 'live-server', 60_000)).toBe(false);
    await db.updateTable('job_claims').set({ expires_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', demoId).where('job', '=', 'reminders').where('day', '=', day).execute();
    expect(await claim(db, demoId, 'reminders', day, 'live-server', 60_000)).toBe(true);
    expect((await claimsOf(db, 'reminders', day))[0]).toMatchObject({ owner: 'live-server', attempts: 2, state: 'running' });
  });
});

describe('the commission level', () => {
  it('the daily job stores each unit’s figures, computed by the unit’s own services', { timeout: 120_000 }, async () => {
    const job = startSummaryJob(t.app, { checkEveryMs: 3_600_000, log: () => undefined });
    try {
      const done = await job.tick();
      expect(done).toEqual(await unitIds(t.database.db));
      expect(await job.tick()).toBeNull();
    } finally {
      await job.stop();
    }
    // The unit's own figures, as the dashboard shows them.
    const org = await t.login('org');
    const summary = (await org.get('/api/v1/dashboard/summary')).json();
    const own = (await org.get('/api/v1/unit-summary')).json();
    expect(own.asOf).toBe(DEMO_TODAY);
    expect(own.commissions.map((c: { name: string }) => c.name)).toEqual(['XX省卫生健康委员会']);
    expect(own.figures.members).toEqual({ full: summary.fullCount, probationary: summary.probationaryCount });
    expect(own.figures.compliance.of).toBeGreaterThan(0);
    expect(own.figures.funnel).toHaveLength(5);
    expect(own.figures.dues.dueCents).toBeGreaterThan(0);
    expect(own.figures.statistics.basic).toBe(summary.memberCount);
  });

  it('a summary of an earlier day counts the records as they stood that day (the trend moves with them)', { timeout: 120_000 }, async () => {
    const db = t.database.db;
    const june = await computeFigures(db, demoId, '2026-06-30');
    const now = await computeFigures(db, demoId, DEMO_TODAY);
    // Members who had joined by then, full from their 转正 day.
    const on = async (day: string) => {
      const rows = await db.selectFrom('members').select(['category', 'joined_on', 'full_on']).where('tenant_id', '=', demoId).where('status', '=', 'active').execute();
      const joined = rows.filter((m) => m.joined_on === null || m.joined_on <= day);
      const full = joined.filter((m) => m.category === 'full' && (m.full_on === null || m.full_on <= day)).length;
      return { full, probationary: joined.length - full };
    };
    expect(june.members).toEqual(await on('2026-06-30'));
    expect(now.members).toEqual(await on(DEMO_TODAY));
    expect(june.members).not.toEqual(now.members);
    // Dues of the months due by then, paid by then: fewer months due in June than in November.
    expect(june.dues.dueCents).toBeGreaterThan(0);
    expect(june.dues.dueCents).toBeLessThan(now.dues.dueCents);
    expect(june.dues.paidCents).toBeLessThanOrEqual(june.dues.dueCents);
  });

  it('the overview sets the units side by side with their trend; one unit; the export', { timeout: 60_000 }, async () => {
    const overview = await wjw.get('/api/v1/commission/overview?days=30');
    expect(overview.statusCode).toBe(200);
    const o = overview.json();
    expect(o.commission.name).toBe('XX省卫生健康委员会');
    expect(o.units.map((u: { name: string }) => u.name)).toEqual(['示例医科大学附属第一医院', '示例县人民医院']);
    const demo = o.units[0];
    expect(demo.asOf).toBe(DEMO_TODAY);
    expect(demo.headline.members).toBe(demo.figures.members.full + demo.figures.members.probationary);
    expect(demo.trend.map((p: { asOf: string }) => p.asOf)).toContain(DEMO_TODAY);

    const unit = await wjw.get(`/api/v1/commission/units/${countyId}`);
    expect(unit.statusCode).toBe(200);
    expect(unit.json()).toMatchObject({ tenantId: countyId, name: '示例县人民医院', joinedOn: '2025-01-01' });
    // A unit the commission does not group, and the commission's own office: not found.
    for (const id of [officeId, 999_999]) expect(errorOf(await wjw.get(`/api/v1/commission/units/${id}`)).code).toBe('COMMISSION_UNIT_UNKNOWN');

    const xlsx = await wjw.get('/api/v1/commission/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = await workbookOf(xlsx);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe('单位');
    expect(sheet.getRow(3).getCell(1).value).toBe('示例医科大学附属第一医院');
    expect(sheet.getRow(3).getCell(3).value).toBe(demo.headline.members);

    // No answer carries a person's name, ID number or phone.
    const secrets = await personalValues();
    expect(secrets.length).toBeGreaterThan(100);
    const texts = [overview.body, unit.body, (await wjw.get(`/api/v1/commission/units/${demoId}`)).body, await xlsxText(xlsx.rawPayload)];
    const leaks = secrets.filter((s) => texts.some((text) => text.includes(s)));
    expect(leaks).toEqual([]);
  });

  it('each day of a trend is the headline of that day’s stored figures (counted by hand), the latest day the units’ figures', { timeout: 60_000 }, async () => {
    const db = t.database.db;
    const day = (n: number) => addDays(DEMO_TODAY, -n);
    const figures = (f: { full: number; prob: number; branches: number; met: number; of: number; funnel: number[]; due: number; paid: number; progress: number | null }) => ({
      year: 2026,
      members: { full: f.full, probationary: f.prob },
      orgs: { committees: 1, generalBranches: 2, branches: f.branches },
      compliance: { met: f.met, of: f.of },
      funnel: f.funnel,
      dues: { dueCents: f.due, paidCents: f.paid },
      worksystems: { adoptions: 3, progress: f.progress },
      statistics: { basic: f.full + f.prob },
    });
    await upsertSummary(db, demoId, day(2), figures({ full: 100, prob: 20, branches: 7, met: 5, of: 7, funnel: [1, 2, 3, 4, 5], due: 300_000, paid: 100_000, progress: 33.3 }));
    await upsertSummary(db, countyId, day(3), figures({ full: 40, prob: 0, branches: 3, met: 0, of: 0, funnel: [0, 0, 0, 0, 0], due: 0, paid: 0, progress: null }));
    // Dues beyond 2^31 分 (a large unit's year).
    await upsertSummary(db, countyId, day(4), figures({ full: 2999, prob: 1, branches: 55, met: 2, of: 3, funnel: [10, 0, 0, 0, 1], due: 6_000_000_000, paid: 4_500_000_000, progress: 87.5 }));

    const o = (await wjw.get('/api/v1/commission/overview?days=30')).json();
    const [demo, county] = o.units;
    const at = (u: { trend: Array<{ asOf: string }> }, d: string) => u.trend.find((p) => p.asOf === d);
    expect(at(demo, day(2))).toEqual({ asOf: day(2), members: 120, branches: 7, complianceRate: 71.4, duesRate: 33.3, funnel: 15, worksystemsProgress: 33.3 });
    expect(at(county, day(3))).toEqual({ asOf: day(3), members: 40, branches: 3, complianceRate: null, duesRate: null, funnel: 0, worksystemsProgress: null });
    expect(at(county, day(4))).toEqual({ asOf: day(4), members: 3000, branches: 55, complianceRate: 66.7, duesRate: 75, funnel: 11, worksystemsProgress: 87.5 });
    // Oldest first; the latest day (the daily job's, today) gives the side-by-side figures.
    for (const u of [demo, county]) {
      const days = u.trend.map((p: { asOf: string }) => p.asOf);
      expect(days).toEqual([...days].sort());
      expect(u.asOf).toBe(DEMO_TODAY);
      expect(u.trend.at(-1)).toEqual({ asOf: DEMO_TODAY, ...u.headline });
    }
    // One unit's trend: the same days.
    const unit = (await wjw.get(`/api/v1/commission/units/${countyId}?days=30`)).json();
    expect(unit.trend).toEqual(county.trend);
    expect(unit.asOf).toBe(DEMO_TODAY);
  });

  it('a commission account reaches no unit route, and no unit account a commission route', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    for (const r of t.app.routeAccess) {
      if (r.access === 'public' || r.beforePasswordChange || r.url.startsWith('/api/docs') || r.access === 'commission.read') continue;
      const url = r.url.replace(/:(\w+)/g, '1');
      const res = await wjw.request({ method: r.method as 'GET', url, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      // Refused: by the commission rule (403), or by the input check that runs first (400); never answered.
      if (res.statusCode !== 403 && res.statusCode !== 400) wrong.push(`${r.method} ${r.url} → ${res.statusCode}`);
      if (res.statusCode === 403 && errorOf(res).code !== 'COMMISSION_ONLY') wrong.push(`${r.method} ${r.url} → ${errorOf(res).code}`);
    }
    expect(wrong).toEqual([]);
    // Its own session still works.
    expect((await wjw.get('/api/v1/auth/me')).statusCode).toBe(200);
    for (const username of ['admin', 'org', 'leader', 'jijian', 'secretary', 'member']) {
      const c = await t.login(username);
      expect((await c.get('/api/v1/commission/overview')).statusCode, username).toBe(403);
      expect((await c.get(`/api/v1/commission/units/${demoId}`)).statusCode, username).toBe(403);
    }
  });

  it('the unit’s office computes its summary on demand; a branch or member may not', { timeout: 60_000 }, async () => {
    const org = await t.login('org');
    const res = await org.post('/api/v1/unit-summary/refresh');
    expect(res.statusCode).toBe(200);
    expect(res.json().asOf).toBe(DEMO_TODAY);
    const audit = await t.database.db.selectFrom('audit_log').select('entity_type').where('tenant_id', '=', demoId).where('entity_type', '=', 'unit_summary').execute();
    expect(audit).toHaveLength(1);
    expect((await (await t.login('secretary')).post('/api/v1/unit-summary/refresh')).statusCode).toBe(403);
    expect((await (await t.login('secretary')).get('/api/v1/unit-summary')).statusCode).toBe(403);
    expect((await (await t.login('member')).get('/api/v1/unit-summary')).statusCode).toBe(403);
  });
});
