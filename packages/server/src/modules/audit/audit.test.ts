import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../../test/fixture.js';
import { type StaffedUnit, createStaffedUnit } from '../../test/fixtures/staff.js';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { workbookOf } from '../../test/workbook.js';

let t: TestApp;
let s: StaffedUnit;
beforeAll(async () => {
  t = await createTestApp({ empty: true });
  s = await createStaffedUnit(t, 'audit', '审计医院');
});
afterAll(() => t.close());

describe('GET /api/v1/audit', () => {
  it('401 → 400 → 403 → 200', async () => {
    expect((await t.anonymous().get('/api/v1/audit')).statusCode).toBe(401);
    const admin = await t.login(s.username('admin'));
    const bad = await admin.get('/api/v1/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('query.from');
    const org = await t.login(s.username('org'));
    expect((await org.get('/api/v1/audit')).statusCode).toBe(403);
    const res = await admin.get('/api/v1/audit?action=login');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.items.every((i: { action: string }) => i.action === 'login')).toBe(true);
    expect(body.items.map((i: { username: string }) => i.username)).toEqual(expect.arrayContaining([s.username('admin'), s.username('org')]));
  });

  it('lets discipline inspection read it, searchable by text', async () => {
    const jijian = await t.login(s.username('jijian'));
    const res = await jijian.get(`/api/v1/audit?q=${encodeURIComponent('jijian')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().items.every((i: { username: string }) => i.username === s.username('jijian'))).toBe(true);
  });

  it('exports the filtered trail to Excel', async () => {
    const admin = await t.login(s.username('admin'));
    const res = await admin.get('/api/v1/audit/export?action=login');
    expect(res.statusCode).toBe(200);
    const workbook = await workbookOf(res);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '时间', '操作人', '操作', '对象类型', '对象编号', '摘要', 'IP', '修改前', '修改后']);
    expect(sheet.rowCount).toBeGreaterThan(2);
    expect(sheet.getRow(2).getCell(4).value).toBe('login');
  });

  it('masks ID and phone numbers for 纪检 in the list, the detail and the export, as everywhere else', async () => {
    const org = await t.login(s.username('org'));
    const member = (await org.get(`/api/v1/members/${s.memberId}`)).json() as { id: number; version: number };
    const phone = '13912345678';
    expect((await org.patch(`/api/v1/members/${member.id}`, { version: member.version, phone })).statusCode).toBe(200);
    const entry = await t.database.db.selectFrom('audit_log').select(['id']).where('entity_type', '=', 'member').where('entity_id', '=', String(member.id)).where('action', '=', 'update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    // An entry whose text carries a full ID number too (an import summary, a create).
    const idNumber = idNumberFor('1990-03-07', 11);
    const created = await org.post('/api/v1/members', { name: '审计脱敏', idNumber, orgId: s.branchId, category: 'full', joinedOn: '2015-07-01', fullOn: '2016-07-01', phone: '13700001111' });
    expect(created.statusCode).toBe(201);

    const jijian = await t.login(s.username('jijian'));
    const list = (await jijian.get(`/api/v1/audit?entityType=member&pageSize=50`)).json().items as { id: number; before: unknown; after: unknown; summary: string }[];
    const text = JSON.stringify(list);
    expect(text).not.toContain(phone);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('13700001111');
    expect(text).toContain('139****5678');
    expect(text).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    const detail = (await jijian.get(`/api/v1/audit/${entry.id}`)).json();
    expect(detail.after.phone).toBe('139****5678');
    expect(JSON.stringify(detail)).not.toContain(phone);

    const exported = await jijian.get('/api/v1/audit/export?entityType=member');
    expect(exported.statusCode).toBe(200);
    const workbook = await workbookOf(exported);
    const cells = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
    expect(cells).toContain('139****5678');
    expect(cells).not.toContain(phone);
    expect(cells).not.toContain(idNumber);

    // The system administrator may see them (members.sensitive).
    const admin = await t.login(s.username('admin'));
    expect((await admin.get(`/api/v1/audit/${entry.id}`)).json().after.phone).toBe(phone);
    expect((await admin.get('/api/v1/audit/999999999')).statusCode).toBe(404);
    expect((await org.get(`/api/v1/audit/${entry.id}`)).statusCode).toBe(403);
  });

  it('is append-only in the database itself', async () => {
    await expect(sql`update audit_log set summary = 'tampered'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
