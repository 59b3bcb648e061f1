import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TODAY, type TestApp, createTestApp } from '../../test/harness.js';

/**
 * The 6-month view (组织生活预警) and the member's own page keep leave (请假) apart from
 * attendance: a member excused month after month is shown as excused, not as one who attended
 * (issue 11 item 5).
 */
let t: TestApp;
let tenantId: number;
let memberId: number;
const today = DEMO_TODAY;
const SIX_MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

interface LapseItem {
  id: number;
  months: number;
  level: string;
  lastMonth: string | null;
  lastAttendedMonth: string | null;
  monthsNotAttended: number;
  excusedMonths: number;
  recent: Array<{ month: string; state: string }>;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  tenantId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
  memberId = (await db.selectFrom('users').select('member_id').where('tenant_id', '=', tenantId).where('username', '=', 'member').executeTakeFirstOrThrow()).member_id!;
});
afterAll(() => t.close());

/** Sets the member's attendance at every meeting of the given months (the demo recorded them present). */
async function markMonths(id: number, months: readonly string[], status: 'excused' | 'absent', reason: string) {
  const db = t.database.db;
  const records = await db
    .selectFrom('orglife_attendance as a')
    .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.record_id'))
    .select(['a.record_id', 'r.held_on'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.member_id', '=', id)
    .execute();
  const ids = records.filter((r) => months.includes(r.held_on.slice(0, 7))).map((r) => r.record_id);
  expect(new Set(records.filter((r) => months.includes(r.held_on.slice(0, 7))).map((r) => r.held_on.slice(0, 7)))).toEqual(new Set(months));
  await db.updateTable('orglife_attendance').set({ status, reason }).where('tenant_id', '=', tenantId).where('member_id', '=', id).where('record_id', 'in', ids).execute();
}

describe('leave is visible in the lapse view and on the member’s own page', () => {
  it('a member on leave for six months: no 第九条 lapse, but six months not attended, each shown as excused', async () => {
    // On leave from May, this month too (present this month would end the run).
    await markMonths(memberId, [...SIX_MONTHS, '2026-11'], 'excused', '外出进修');
    const secretary = await t.login('secretary');
    const body = (await secretary.get('/api/v1/orglife/lapses?minMonths=3&pageSize=200')).json() as { items: LapseItem[] };
    const row = body.items.find((i) => i.id === memberId);
    // Before, a member on leave looked like one who attended: not listed at all, last month "2026-11".
    expect(row).toBeDefined();
    expect(row).toMatchObject({ months: 0, level: 'none', lastMonth: '2026-11', monthsNotAttended: 6, excusedMonths: 6 });
    expect(row!.lastAttendedMonth! < '2026-05').toBe(true);
    expect(row!.recent).toEqual(SIX_MONTHS.map((month) => ({ month, state: 'excused' })));

    const member = await t.login('member');
    const mine = (await member.get('/api/v1/orglife/my')).json();
    expect(mine.lapse).toMatchObject({ months: 0, level: 'none', monthsNotAttended: 6, excusedMonths: 6 });
    expect(mine.lapse.recent.map((r: { state: string }) => r.state)).toEqual(Array(6).fill('excused'));
  });

  it('attended, excused and absent months side by side, per member and month', async () => {
    // Absent in September, October and so far in November: the 第九条 run is two full months; not attended six.
    await markMonths(memberId, ['2026-09', '2026-10', '2026-11'], 'absent', '');
    const org = await t.login('org');
    const body = (await org.get(`/api/v1/orglife/lapses?minMonths=1&pageSize=200&orgId=${(await t.database.db.selectFrom('members').select('org_id').where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirstOrThrow()).org_id}`)).json() as { items: LapseItem[] };
    const row = body.items.find((i) => i.id === memberId)!;
    expect([row.months, row.level, row.monthsNotAttended, row.excusedMonths]).toEqual([2, 'none', 6, 4]);
    expect(row.recent.map((r) => r.state)).toEqual(['excused', 'excused', 'excused', 'excused', 'absent', 'absent']);
    const mine = (await (await t.login('member')).get('/api/v1/orglife/my')).json();
    expect(mine.lapse.recent).toEqual(row.recent);
    expect(mine.items.filter((i: { heldOn: string; status: string }) => i.heldOn.slice(0, 7) === '2026-10').map((i: { status: string }) => i.status)).toContain('absent');
    // The months before: attended (the demo's member came to every meeting until May).
    const earlier = (await org.get(`/api/v1/orglife/lapses?minMonths=1&pageSize=200`)).json() as { items: LapseItem[] };
    expect(earlier.items.find((i) => i.id === memberId)?.lastAttendedMonth).toBe(row.lastAttendedMonth);
    expect(today.slice(0, 7)).toBe('2026-11');
  });
});

describe('the meeting date on attendance rows (what the lapse view reads)', () => {
  it('is the record’s: taken from the record when a writer leaves it out, and moved with the record', async () => {
    const db = t.database.db;
    const member = await db.selectFrom('members').select(['id', 'org_id']).where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirstOrThrow();
    const record = await db.insertInto('orglife_records').values({ tenant_id: tenantId, org_id: member.org_id, kinds: ['theme_party_day'], held_on: '2026-03-10', topics: '[]', qr_token: null, qr_expires_at: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('orglife_attendance').values({ tenant_id: tenantId, record_id: record.id, member_id: member.id, status: 'present' }).execute();
    const heldOn = () => db.selectFrom('orglife_attendance').select('held_on').where('tenant_id', '=', tenantId).where('record_id', '=', record.id).executeTakeFirstOrThrow();
    expect((await heldOn()).held_on).toBe('2026-03-10');
    await db.updateTable('orglife_records').set({ held_on: '2026-03-12' }).where('tenant_id', '=', tenantId).where('id', '=', record.id).execute();
    expect((await heldOn()).held_on).toBe('2026-03-12');
    await db.deleteFrom('orglife_records').where('tenant_id', '=', tenantId).where('id', '=', record.id).execute();
  });
});

describe('each member’s last days kept with the attendance (what the lapse view reads)', () => {
  /** The unit's members whose kept days differ from max() over their attendance (none when kept right). */
  async function drift() {
    const rows = await sql<{ member_id: number }>`
      select coalesce(k.member_id, a.member_id) as member_id
      from (select member_id, last_present, last_active from orglife_member_last where tenant_id = ${tenantId}) k
      full join (
        select member_id, max(held_on) filter (where status = 'present') as last_present, max(held_on) filter (where status in ('present', 'excused')) as last_active
        from orglife_attendance where tenant_id = ${tenantId} group by member_id
      ) a on a.member_id = k.member_id
      where k.last_present is distinct from a.last_present or k.last_active is distinct from a.last_active`.execute(t.database.db);
    return rows.rows.map((r) => Number(r.member_id));
  }
  const kept = async (id: number) =>
    (await t.database.db.selectFrom('orglife_member_last').select(['last_present', 'last_active']).where('tenant_id', '=', tenantId).where('member_id', '=', id).executeTakeFirst()) ?? null;

  it('follows inserts, status changes, a record’s date moved, a member changed and deletes of rows and records', async () => {
    const db = t.database.db;
    // As the demo loaded them.
    expect(await drift()).toEqual([]);
    const member = await db.selectFrom('members').select(['id', 'org_id']).where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirstOrThrow();
    const others = await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', member.org_id).where('id', '<>', memberId).where('status', '=', 'active').orderBy('id').limit(3).execute();
    expect(others).toHaveLength(3);
    const [other, third, fourth] = others.map((o) => Number(o.id)) as [number, number, number];
    const before = await kept(memberId);

    // A meeting later than any recorded: one present, one excused, one absent (a writer that leaves the date out).
    const record = await db.insertInto('orglife_records').values({ tenant_id: tenantId, org_id: member.org_id, kinds: ['theme_party_day'], held_on: '2026-12-20', topics: '[]', qr_token: null, qr_expires_at: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('orglife_attendance')
      .values([
        { tenant_id: tenantId, record_id: record.id, member_id: memberId, status: 'present' },
        { tenant_id: tenantId, record_id: record.id, member_id: other, status: 'excused', reason: '外出进修' },
        { tenant_id: tenantId, record_id: record.id, member_id: third, status: 'absent' },
      ])
      .execute();
    expect(await kept(memberId)).toEqual({ last_present: '2026-12-20', last_active: '2026-12-20' });
    expect((await kept(other))?.last_active).toBe('2026-12-20');
    expect((await kept(other))?.last_present).not.toBe('2026-12-20');
    expect(await drift()).toEqual([]);

    // Status changes: present → absent, absent → present; a reason alone changes nothing.
    const setStatus = (id: number, status: 'present' | 'excused' | 'absent') =>
      db.updateTable('orglife_attendance').set({ status }).where('tenant_id', '=', tenantId).where('record_id', '=', record.id).where('member_id', '=', id).execute();
    await setStatus(memberId, 'absent');
    expect(await kept(memberId)).toEqual(before);
    await setStatus(third, 'present');
    expect(await kept(third)).toEqual({ last_present: '2026-12-20', last_active: '2026-12-20' });
    await db.updateTable('orglife_attendance').set({ reason: '补记' }).where('tenant_id', '=', tenantId).where('record_id', '=', record.id).execute();
    expect(await drift()).toEqual([]);

    // The record's date moved (carried to its rows by trigger), back and then forward.
    const moveTo = (day: string) => db.updateTable('orglife_records').set({ held_on: day }).where('tenant_id', '=', tenantId).where('id', '=', record.id).execute();
    await moveTo('2020-01-06');
    expect((await kept(third))?.last_present).not.toBe('2026-12-20');
    expect(await drift()).toEqual([]);
    await moveTo('2026-12-21');
    expect((await kept(third))?.last_present).toBe('2026-12-21');
    expect(await drift()).toEqual([]);

    // A row given to another member.
    await db.updateTable('orglife_attendance').set({ member_id: fourth }).where('tenant_id', '=', tenantId).where('record_id', '=', record.id).where('member_id', '=', third).execute();
    expect((await kept(fourth))?.last_present).toBe('2026-12-21');
    expect((await kept(third))?.last_present).not.toBe('2026-12-21');
    expect(await drift()).toEqual([]);

    // One row deleted, then the record (its rows go with it).
    await db.deleteFrom('orglife_attendance').where('tenant_id', '=', tenantId).where('record_id', '=', record.id).where('member_id', '=', other).execute();
    expect((await kept(other))?.last_active).not.toBe('2026-12-21');
    expect(await drift()).toEqual([]);
    await setStatus(memberId, 'present');
    expect((await kept(memberId))?.last_present).toBe('2026-12-21');
    await db.deleteFrom('orglife_records').where('tenant_id', '=', tenantId).where('id', '=', record.id).execute();
    expect(await kept(memberId)).toEqual(before);
    expect(await drift()).toEqual([]);
  });
});
