import { type ComplianceCell, type ComplianceState, monthStatesOf, periodsOfYear } from '@hongyi/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { type Client, DEMO_PASSWORD, DEMO_TODAY, type TestApp, createTestApp } from '../../test/harness.js';
import { complianceFor } from './service.js';
import { workbookOf } from '../../test/workbook.js';

/**
 * The 党委 matrix is served from stored rows (matrix.ts). These tests hold it against the plain
 * computation of the branch checklists after every kind of change it must notice.
 */
let t: TestApp;
let tenantId: number;
let erId: number;
let org: Client;
const year = Number(DEMO_TODAY.slice(0, 4));

interface Row {
  id: number;
  states: ComplianceState[];
  missed: number;
  met: number;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  tenantId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
  erId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow()).id;
  org = await t.login('org');
});
afterAll(() => t.close());

/** The matrix as the plain computation gives it: every cell of the tenant, party groups rolled into their branch. */
async function expected(today: string): Promise<Row[]> {
  const { orgs, cells } = await complianceFor(t.database.db, tenantId, year, today, null, { kind: 'tenant' });
  const byOrg = new Map<number, ComplianceCell[]>();
  for (const c of cells) byOrg.set(c.orgId, [...(byOrg.get(c.orgId) ?? []), c]);
  return orgs
    .filter((o) => ['branch', 'joint_branch', 'temporary_branch', 'committee'].includes(o.type))
    .map((o) => {
      const all = [o.id, ...orgs.filter((g) => g.type === 'party_group' && g.parent_id === o.id).map((g) => g.id)].flatMap((id) => byOrg.get(id) ?? []);
      return { id: o.id, states: monthStatesOf(all, year), missed: all.filter((c) => c.state === 'missed').length, met: all.filter((c) => c.state === 'met').length };
    });
}

async function served(client: Client = org): Promise<Row[]> {
  const res = await client.get(`/api/v1/orglife/matrix?year=${year}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { rows: Row[] }).rows.map(({ id, states, missed, met }) => ({ id, states, missed, met }));
}

/** When each stored row was last computed. */
async function computedAt(): Promise<Map<number, number>> {
  const rows = await t.database.db.selectFrom('orglife_matrix_rows').select(['org_id', 'computed_at']).where('tenant_id', '=', tenantId).where('year', '=', year).execute();
  return new Map(rows.map((r) => [r.org_id, new Date(r.computed_at).getTime()]));
}

function recomputed(before: Map<number, number>, after: Map<number, number>): number[] {
  return [...after].filter(([id, at]) => before.get(id) !== at).map(([id]) => id).sort((a, b) => a - b);
}

describe('the stored 党委 matrix', () => {
  it('is the plain computation, stored on the first request and served unchanged from storage after', async () => {
    expect(await computedAt()).toEqual(new Map());
    const first = await served();
    const stored = await computedAt();
    expect(stored.size).toBe(first.length);
    expect(first).toEqual(await expected(DEMO_TODAY));
    // The demo has gaps: the matrix is not all green.
    expect(first.some((r) => r.states.includes('missed'))).toBe(true);
    expect(first.some((r) => r.states.includes('met'))).toBe(true);
    expect(await served()).toEqual(first);
    expect(recomputed(stored, await computedAt())).toEqual([]);
  });

  it('recomputes only the branch whose record was written or deleted', async () => {
    await served();
    const before = await computedAt();
    const secretary = await t.login('secretary');
    // A complete 主题党日 in a past month the branch missed turns that month's item green.
    const cells = (await secretary.get(`/api/v1/orglife/orgs/${erId}/compliance?year=${year}`)).json() as { orgs: Array<{ id: number; cells: Array<{ rule: string; period: string; state: string }> }> };
    const gap = cells.orgs.find((o) => o.id === erId)!.cells.find((c) => c.rule === 'theme_party_day' && c.state === 'missed');
    const period = gap?.period ?? `${year}-10`;
    const roster = (await secretary.get(`/api/v1/orglife/orgs/${erId}/roster?date=${period}-20`)).json() as Array<{ id: number }>;
    const created = await secretary.post('/api/v1/orglife/records', {
      orgId: erId,
      kinds: ['theme_party_day'],
      heldOn: `${period}-20`,
      place: '急诊楼三楼会议室',
      topics: ['学习'],
      minutes: '开展主题党日活动。',
      attendance: roster.map((m) => ({ memberId: m.id, status: 'present' })),
    });
    expect(created.statusCode).toBe(201);
    const withRecord = await served();
    expect(withRecord).toEqual(await expected(DEMO_TODAY));
    const afterWrite = await computedAt();
    expect(recomputed(before, afterWrite)).toEqual([erId]);

    expect((await secretary.delete(`/api/v1/orglife/records/${created.json().id}?version=1`)).statusCode).toBe(204);
    const withoutRecord = await served();
    expect(withoutRecord).toEqual(await expected(DEMO_TODAY));
    expect(recomputed(afterWrite, await computedAt())).toEqual([erId]);
    if (gap) expect(withRecord.find((r) => r.id === erId)!.met).toBe(withoutRecord.find((r) => r.id === erId)!.met + 1);
  });

  it('notices a party group or a branch that changed, and a branch falling below 7 full members', async () => {
    const db = t.database.db;
    await served();
    const before = await computedAt();
    // A party group dissolved at the start of the year no longer owes its 党小组会: its branch's row changes.
    const group = await db.selectFrom('orgs').select(['id', 'parent_id']).where('tenant_id', '=', tenantId).where('type', '=', 'party_group').orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('orgs').set({ dissolved_on: `${year}-01-01` }).where('tenant_id', '=', tenantId).where('id', '=', group.id).execute();
    expect(await served()).toEqual(await expected(DEMO_TODAY));
    const afterGroup = await computedAt();
    expect(recomputed(before, afterGroup)).toEqual([group.parent_id]);

    // Full members down to 6: no committee, so no 支委会 is due — nothing but the count changed.
    const branch = await sql<{ org_id: number; n: number }>`
      select org_id, count(*)::int as n from members
      where tenant_id = ${tenantId} and status = 'active' and category = 'full'
        and org_id in (select id from orgs where tenant_id = ${tenantId} and type = 'branch')
      group by org_id having count(*) >= 7 order by count(*), org_id limit 1`.execute(db);
    const { org_id: small, n } = branch.rows[0]!;
    const keep = await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', small).where('status', '=', 'active').where('category', '=', 'full').orderBy('id').limit(6).execute();
    await db
      .updateTable('members')
      .set({ category: 'probationary' })
      .where('tenant_id', '=', tenantId)
      .where('org_id', '=', small)
      .where('category', '=', 'full')
      .where('id', 'not in', keep.map((m) => m.id))
      .execute();
    const rows = await served();
    expect(rows).toEqual(await expected(DEMO_TODAY));
    expect(recomputed(afterGroup, await computedAt())).toEqual([small]);
    expect(n).toBeGreaterThanOrEqual(7);
    const checklist = await complianceFor(db, tenantId, year, DEMO_TODAY, null, { kind: 'tenant' });
    expect(checklist.cells.filter((c) => c.orgId === small && c.rule === 'branch_committee_meeting').every((c) => c.state === 'met' || c.reason === 'no_committee')).toBe(true);
  });

  it('is computed again when the rule settings change', async () => {
    await served();
    const before = await computedAt();
    const current = (await org.get('/api/v1/orglife/settings')).json() as { version: number; sceneTags: string[] };
    const res = await org.put('/api/v1/orglife/settings', { version: current.version, ruleOverrides: {}, dueSoonDays: { month: 20, quarter: 60, year: 200 }, sceneTags: current.sceneTags });
    expect(res.statusCode).toBe(200);
    const rows = await served();
    expect(rows).toEqual(await expected(DEMO_TODAY));
    expect(recomputed(before, await computedAt())).toHaveLength(before.size);
    expect(rows.some((r) => r.states.includes('due_soon'))).toBe(true);
  });

  it('stays for the days of one compliance epoch and moves with the next', async () => {
    await served();
    const before = await computedAt();
    const at = async (today: string) => {
      const app = await buildApp({ database: t.database, sessionSecret: 'test-session-secret', webDist: null, version: 'test', today: () => today });
      await app.ready();
      try {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'org', password: DEMO_PASSWORD } });
        const cookie = login.cookies.find((c) => c.name === 'hongyi_session')!.value;
        const res = await app.inject({ method: 'GET', url: `/api/v1/orglife/matrix?year=${year}`, cookies: { hongyi_session: cookie } });
        expect(res.statusCode).toBe(200);
        return (res.json() as { rows: Row[] }).rows.map(({ id, states, missed, met }) => ({ id, states, missed, met }));
      } finally {
        await app.close();
      }
    };
    // The next day is in the same epoch: nothing is computed again.
    const nextDay = await at('2026-11-24');
    expect(nextDay).toEqual(await expected('2026-11-24'));
    expect(recomputed(before, await computedAt())).toEqual([]);
    // December: November is missed where it was only due; every row is computed again.
    const december = await at('2026-12-02');
    expect(december).toEqual(await expected('2026-12-02'));
    expect(recomputed(before, await computedAt())).toHaveLength(before.size);
    const november = periodsOfYear(year, 'month').indexOf('2026-11');
    expect(december.some((r, i) => r.states[november] === 'missed' && nextDay[i]!.states[november] !== 'missed')).toBe(true);
  });

  it('exports to Excel with the same states, within the caller’s scope', async () => {
    expect((await t.anonymous().get(`/api/v1/orglife/matrix.xlsx?year=${year}`)).statusCode).toBe(401);
    const rows = await served();
    const names = new Map(((await org.get(`/api/v1/orglife/matrix?year=${year}`)).json() as { rows: Array<{ id: number; name: string }> }).rows.map((r) => [r.id, r.name]));
    const res = await org.get(`/api/v1/orglife/matrix.xlsx?year=${year}`);
    expect(res.statusCode).toBe(200);
    const book = await workbookOf(res);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '党组织', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), '已完成事项', '未完成事项']);
    expect(sheet.rowCount).toBe(rows.length + 1);
    const labels: Record<ComplianceState, string> = { met: '已完成', due_soon: '即将到期', pending: '待开展', missed: '未完成', not_applicable: '不适用' };
    const er = rows.findIndex((r) => r.id === erId);
    const line = (sheet.getRow(er + 2).values as unknown[]).slice(1);
    expect(line).toEqual([er + 1, names.get(erId), ...rows[er]!.states.map((s) => labels[s]), rows[er]!.met, rows[er]!.missed]);
    // The secretary's export holds their branch only.
    const secretary = await t.login('secretary');
    const own = await workbookOf((await secretary.get(`/api/v1/orglife/matrix.xlsx?year=${year}`)));
    expect(own.worksheets[0]!.rowCount).toBe(2);
    expect(own.worksheets[0]!.getRow(2).getCell(2).value).toBe('急诊科全科医学科党支部');
  });
});
