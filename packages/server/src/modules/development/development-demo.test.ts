/**
 * Smoke test of the demo hospital's member development: the demo's files (made through the same
 * service path as an import) stand at every stage, obey the rules and have deadlines this month.
 * Everything else about development is tested on rows of its own (development.test.ts).
 */
import { DEFAULT_HOLIDAYS, type DevelopmentEntryFacts, WorkingDayCalendar, addDays, checkDevelopmentEntry } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO_TODAY, type TestApp, createTestApp } from '../../test/harness.js';

const today = DEMO_TODAY;
let t: TestApp;
let org: Client;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.login('org');
});
afterAll(() => t?.close());

describe('the demo hospital’s development files', () => {
  it('has demo people at every stage, all within the rules, and the approved ones are members of their branch', async () => {
    const board = (await org.get('/api/v1/development/board')).json();
    expect(board.stages.every((n: number) => n > 0)).toBe(true);
    const demoTenant = await t.database.db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    const files = await t.database.db.selectFrom('development_files').select(['id', 'birth_date', 'member_id', 'org_id', 'status']).where('tenant_id', '=', demoTenant.id).execute();
    expect(files.length).toBeGreaterThanOrEqual(35);
    const calendar = new WorkingDayCalendar(DEFAULT_HOLIDAYS);
    const people = new Map(
      (await t.database.db.selectFrom('members').select(['id', 'name', 'category', 'full_on']).where('tenant_id', '=', demoTenant.id).execute()).map((m) => [
        m.id,
        { id: m.id, name: m.name, category: m.category, fullOn: m.full_on, status: 'active' as const },
      ]),
    );
    const problems: string[] = [];
    for (const f of files) {
      const rows = await t.database.db.selectFrom('development_entries').selectAll().where('file_id', '=', f.id).orderBy('date').orderBy('id').execute();
      const history: DevelopmentEntryFacts[] = [];
      for (const r of rows) {
        const e: DevelopmentEntryFacts = { kind: r.kind, step: r.step, date: r.date, peopleIds: (r.people as { memberId: number }[]).map((p) => p.memberId), details: r.details as object };
        const v = checkDevelopmentEntry(history, e, { birthDate: f.birth_date, today, calendar, people });
        if (v.length) problems.push(`${f.id}/${r.kind}${r.step ?? ''}: ${v.map((x) => x.code).join(',')}`);
        history.push(e);
      }
    }
    expect(problems).toEqual([]);
    // A probationary or full file is a member of the file's branch, with a period there.
    const approved = files.filter((f) => f.status === 'probationary' || f.status === 'full');
    expect(approved.length).toBeGreaterThan(0);
    for (const f of approved) {
      expect(f.member_id).not.toBeNull();
      const profile = (await org.get(`/api/v1/members/${f.member_id}`)).json();
      expect(profile.orgPeriods.at(-1)).toMatchObject({ toOn: null });
    }
  });

  it('shows a due list with every kind of deadline this month', async () => {
    const due = (await org.get('/api/v1/development/due?pageSize=200')).json();
    expect(due.total).toBe(due.items.length);
    const kinds = new Set(due.items.map((d: { kind: string }) => d.kind));
    for (const k of ['talk_due', 'review_due', 'notice_ending', 'approval_limit', 'probation_ending']) expect(kinds, k).toContain(k);
    for (const d of due.items) expect(d.date <= addDays(today, 30)).toBe(true);
    const mine = (await (await t.login('secretary')).get('/api/v1/development/due?pageSize=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(due.total);
  });

  it('tells the web whether 我的发展档案 has a file to show (the menu lists it only then)', async () => {
    const filed = await t.database.db.selectFrom('development_files').select(['member_id', 'name']).where('member_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    const admin = await t.login('admin');
    expect((await admin.get('/api/v1/auth/me')).json().user).toMatchObject({ memberId: null, hasDevelopmentFile: false });
    // The organisation office's account is a member who joined before the system: no file.
    const office = (await org.get('/api/v1/auth/me')).json().user;
    expect(office.memberId).not.toBeNull();
    expect(office.hasDevelopmentFile).toBe(false);
    const created = await admin.post('/api/v1/users', { username: 'new.member', name: filed.name, password: 'Start2026x', memberId: filed.member_id, roles: [{ role: 'member' }] });
    expect(created.statusCode).toBe(201);
    const member = await t.login('new.member', 'Start2026x');
    expect((await member.get('/api/v1/auth/me')).json().user).toMatchObject({ memberId: filed.member_id, hasDevelopmentFile: true });
    // A new account's first password is temporary: replaced before anything else opens.
    expect((await member.post('/api/v1/auth/password', { currentPassword: 'Start2026x', newPassword: 'Kaiyuan-2026' })).statusCode).toBe(200);
    expect((await member.get('/api/v1/development/my')).json().file.name).toBe(filed.name);
  });
});
