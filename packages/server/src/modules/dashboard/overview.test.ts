/**
 * The overview and a member's home, on a unit the test builds: service hours, venues, development
 * files, dues and a planned meeting recorded through the API; each caller sees their own scope.
 */
import { DEFAULT_VENUE_STANDARD } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp } from '../../test/harness.js';
import { createAccount, signIn } from '../../test/fixture.js';
import { openFile } from '../../test/fixtures/development.js';
import { closeMonth, pay, setBase, type DuesMember } from '../../test/fixtures/dues.js';
import { type ServiceUnit, eventBody, recordEvent, serviceUnit } from '../../test/fixtures/service.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
let leader: Client;

type Card = { key: string; group: string; value: number; of: number | null; unit: string; href: string; series: { name: string; value: number }[]; byCampus: { name: string; value: number; of: number }[] };
async function cardsOf(c: Client): Promise<Map<string, Card>> {
  const res = await c.get('/api/v1/dashboard/overview');
  expect(res.statusCode, res.body).toBe(200);
  return new Map((res.json() as { cards: Card[] }).cards.map((x) => [x.key, x]));
}

beforeAll(async () => {
  t = await createTestApp({ empty: true, today: () => TODAY });
  u = await serviceUnit(t, 'dsh');
  await createAccount(t.database.db, u.unit, 'dsh.leader', [{ role: 'leader' }]);
  leader = await signIn(t, 'dsh.leader');
  const first = u.memberIds[0]!;
  // Service: 3 hours in the branch (the member with an account), 2 in the other branch.
  await recordEvent(u.office, eventBody(u.branchId, {}, [[first, 3]]));
  await recordEvent(u.office, eventBody(u.otherBranchId, { title: '义诊进社区' }, [[u.otherMemberId, 2]]));
  // Venues: the branch's meets the 六有, the other branch's lacks two items.
  const checklist = (missing: string[]) => DEFAULT_VENUE_STANDARD.map((item) => ({ item, met: !missing.includes(item), note: '' }));
  const venue = (orgId: number, missing: string[]) => ({ orgId, name: '党员活动室', place: '门诊楼五楼', areaM2: 40, seats: 30, checklist: checklist(missing), checkedOn: '2026-11-01' });
  expect((await u.office.post('/api/v1/venues', venue(u.branchId, []))).statusCode).toBe(201);
  expect((await u.office.post('/api/v1/venues', venue(u.otherBranchId, ['有书报', '有党旗']))).statusCode).toBe(201);
  // Development: one applicant in each branch.
  await openFile(u.office, u.branchId, '2026-03-02', { name: '钱申请' });
  await openFile(u.office, u.otherBranchId, '2026-04-06', { name: '孙申请' });
  // Dues: the member with an account owes October and November, pays October.
  const row = await t.database.db.selectFrom('members').select(['id', 'version', 'name', 'id_number_enc']).where('id', '=', first).executeTakeFirstOrThrow();
  const member: DuesMember = { id: first, version: row.version, name: row.name, idNumber: '', orgId: u.branchId };
  await setBase(u.office, member, 2026, 500_000);
  await closeMonth(u.office, '2026-10', u.branchId);
  await closeMonth(u.office, '2026-11', u.branchId);
  await pay(u.office, member, ['2026-10'], '2026-11-05');
  // Two campuses: the branch on the main one, the other branch on the east.
  const db = t.database.db;
  const campus = async (name: string) => Number((await db.insertInto('campuses').values({ tenant_id: u.unit.tenantId, name }).returning('id').executeTakeFirstOrThrow()).id);
  const main = await campus('本院区');
  const east = await campus('东院区');
  await db.updateTable('orgs').set({ campus_id: main }).where('tenant_id', '=', u.unit.tenantId).where('id', '=', u.branchId).execute();
  await db.updateTable('orgs').set({ campus_id: east }).where('tenant_id', '=', u.unit.tenantId).where('id', '=', u.otherBranchId).execute();
  // The branch's plan: a 主题党日 on 10 December.
  expect((await u.office.post(`/api/v1/orglife/orgs/${u.branchId}/plan/items`, { kind: 'theme_party_day', plannedOn: '2026-12-10', title: '学习贯彻全会精神' })).statusCode).toBe(201);
}, 180_000);
afterAll(() => t?.close());

describe('dashboard overview', () => {
  it('401 without a session, 400 on a bad year, 403 for a member', async () => {
    expect((await t.anonymous().get('/api/v1/dashboard/overview')).statusCode).toBe(401);
    expect((await u.office.get('/api/v1/dashboard/overview?year=abc')).statusCode).toBe(400);
    expect((await u.member.get('/api/v1/dashboard/overview')).statusCode).toBe(403);
  });

  it('the office sees the whole unit: hours, venues, funnel, dues, each linking to its list', async () => {
    const cards = await cardsOf(u.office);
    expect(cards.get('service')).toMatchObject({ value: 5, unit: 'hours', href: '/service/totals' });
    expect(cards.get('venues')).toMatchObject({ value: 1, of: 2, href: '/orglife/venues' });
    expect(cards.get('funnel')).toMatchObject({ value: 2, href: '/development' });
    expect(cards.get('funnel')?.series[0]).toEqual({ name: '1', value: 2 });
    expect(cards.get('duesRate')).toMatchObject({ value: 50, unit: 'percent' });
    expect(cards.get('duesArrears')).toMatchObject({ value: 1, group: 'due', href: '/dues/manage?tab=arrears' });
    expect(cards.get('compliance')?.href).toBe('/orglife/matrix');
    expect(cards.get('compliance')?.of).toBeGreaterThanOrEqual(2);
    for (const c of cards.values()) expect(c.href).toMatch(/^\//);
    // By campus: one branch on each (the 党委 itself has none).
    expect(cards.get('compliance')?.byCampus.map((c) => [c.name, c.of]).sort()).toEqual([['东院区', 1], ['本院区', 1]]);
  });

  it('a secretary’s overview holds only their branch', async () => {
    const cards = await cardsOf(u.secretary);
    expect(cards.get('service')).toMatchObject({ value: 3 });
    expect(cards.get('venues')).toMatchObject({ value: 1, of: 1 });
    expect(cards.get('funnel')).toMatchObject({ value: 1 });
    expect(cards.get('compliance')).toMatchObject({ of: 1, byCampus: [] });
    expect(cards.get('meetingsDue')?.of).toBe(1);
    expect(cards.get('duesArrears')).toMatchObject({ value: 1 });
    // The 党委会's 第一议题 is the 党委's figure, not the branch's.
    expect(cards.has('firstTopics')).toBe(false);
  });

  it('the leader (院领导) gets aggregate-only cards for the areas they cannot open: counts, no person, no link', async () => {
    const res = await leader.get('/api/v1/dashboard/overview');
    expect(res.statusCode).toBe(200);
    const cards = await cardsOf(leader);
    expect(cards.get('service')).toMatchObject({ value: 5, href: '/service/totals' });
    expect(cards.get('compliance')).toMatchObject({ href: '' });
    expect(cards.get('compliance')?.of).toBeGreaterThanOrEqual(2);
    expect(cards.get('funnel')).toMatchObject({ value: 2, href: '' });
    expect(cards.get('duesRate')).toMatchObject({ value: 50, unit: 'percent', href: '' });
    expect(cards.get('venues')).toMatchObject({ value: 1, of: 2, href: '' });
    // Nothing due to a person this month, and no one's name anywhere in the answer.
    expect(cards.has('duesArrears')).toBe(false);
    expect(cards.has('developmentDue')).toBe(false);
    const names = await t.database.db.selectFrom('members').select('name').where('tenant_id', '=', u.unit.tenantId).execute();
    for (const { name } of names) expect(res.body).not.toContain(name);
    expect(res.body).not.toContain('钱申请');
    expect(cards.has('honours')).toBe(true);
    expect(cards.has('firstTopics')).toBe(true);
    // The leader still cannot open the lists behind them.
    expect((await leader.get('/api/v1/orglife/matrix')).statusCode).toBe(403);
  });

  it('each framework’s progress against its targets on the 党委 overview', async () => {
    const created = await u.office.post('/api/v1/worksystems', { templateKey: 'four_emergencies' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const f = (await u.office.get(`/api/v1/worksystems/${id}`)).json();
    expect((await u.office.post(`/api/v1/worksystems/${id}/publish`, { version: f.version })).statusCode).toBe(200);
    const adopted = await u.office.post(`/api/v1/worksystems/${id}/adoptions`, { year: 2026, targets: { service_events: 4 } });
    expect(adopted.statusCode).toBe(201);
    const overview = (await leader.get('/api/v1/dashboard/overview')).json();
    expect(overview.frameworks).toEqual([{ frameworkId: id, name: '四急四聚焦', adoptionId: adopted.json().id, orgName: expect.any(String), progress: 50, indicators: expect.any(Number) }]);
  });
});

describe('dashboard settings and the branch comparison', () => {
  it('GET/PUT /dashboard/settings: off by default; 401, 403 without settings.manage, 400, 409 on a stale version, audited', async () => {
    expect((await t.anonymous().get('/api/v1/dashboard/settings')).statusCode).toBe(401);
    expect((await u.member.get('/api/v1/dashboard/settings')).statusCode).toBe(403);
    expect((await leader.get('/api/v1/dashboard/settings')).json()).toEqual({ compareOrgs: false, version: 0 });
    // compareOrgs off: no comparison for anyone.
    expect((await u.office.get('/api/v1/dashboard/overview')).json().comparison).toBeNull();
    expect((await leader.put('/api/v1/dashboard/settings', { compareOrgs: true, version: 0 })).statusCode).toBe(403);
    expect((await u.secretary.put('/api/v1/dashboard/settings', { compareOrgs: true, version: 0 })).statusCode).toBe(403);
    expect((await u.office.put('/api/v1/dashboard/settings', { compareOrgs: 'yes', version: 0 })).statusCode).toBe(400);
    const saved = await u.office.put('/api/v1/dashboard/settings', { compareOrgs: true, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ compareOrgs: true, version: 1 });
    expect((await u.office.put('/api/v1/dashboard/settings', { compareOrgs: false, version: 0 })).statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('audit_log').select(['entity_type', 'entity_id']).where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'unit_settings').execute();
    expect(audit.map((a) => a.entity_id)).toContain(`${u.unit.tenantId}:dashboard`);
  });

  it('compareOrgs on: the 党委 view lists the branches side by side (tree order, no ranks, no people); a secretary gets none', async () => {
    const office = (await u.office.get('/api/v1/dashboard/overview')).json();
    const rows = office.comparison.rows as Array<{ orgId: number; orgName: string; monthsMissed: number; duesRate: number | null }>;
    expect(rows.map((r) => r.orgId)).toEqual(expect.arrayContaining([u.branchId, u.otherBranchId]));
    expect(Object.keys(rows[0]!).sort()).toEqual(['duesRate', 'members', 'monthsMet', 'monthsMissed', 'orgId', 'orgName']);
    expect(rows.find((r) => r.orgId === u.branchId)?.duesRate).toBe(50);
    // The leader (tenant-wide dashboard) sees it too, aggregate-only.
    expect((await leader.get('/api/v1/dashboard/overview')).json().comparison.rows).toHaveLength(rows.length);
    expect((await u.secretary.get('/api/v1/dashboard/overview')).json().comparison).toBeNull();
    expect((await u.office.put('/api/v1/dashboard/settings', { compareOrgs: false, version: 1 })).statusCode).toBe(200);
    expect((await u.office.get('/api/v1/dashboard/overview')).json().comparison).toBeNull();
  });
});

describe('member home', () => {
  it('401 without a session; a member sees only their own figures', async () => {
    expect((await t.anonymous().get('/api/v1/dashboard/me')).statusCode).toBe(401);
    const res = await u.member.get('/api/v1/dashboard/me');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2026,
      nextMeeting: { kind: 'theme_party_day', plannedOn: '2026-12-10', title: '学习贯彻全会精神', orgName: '急诊科全科医学科党支部' },
      dues: { paidThrough: '2026-10', unpaidMonths: 1 },
      development: null,
      serviceHours: 3,
      notes: 0,
      decisionTasks: null,
    });
    expect(res.json().dues.outstandingCents).toBeGreaterThan(0);
  });

  it('an account without a member record gets an empty home, not an error', async () => {
    const res = await leader.get('/api/v1/dashboard/me');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ nextMeeting: null, dues: null, development: null, serviceHours: null });
  });
});
