import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/v1/audit', () => {
  it('401 → 400 → 403 → 200', async () => {
    expect((await t.anonymous().get('/api/v1/audit')).statusCode).toBe(401);
    const admin = await t.login('admin');
    const bad = await admin.get('/api/v1/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('query.from');
    const org = await t.login('org');
    expect((await org.get('/api/v1/audit')).statusCode).toBe(403);
    const res = await admin.get('/api/v1/audit?action=login');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.items.every((i: { action: string }) => i.action === 'login')).toBe(true);
    expect(body.items.map((i: { username: string }) => i.username)).toEqual(expect.arrayContaining(['admin', 'org']));
  });

  it('lets discipline inspection read it, searchable by text', async () => {
    const jijian = await t.login('jijian');
    const res = await jijian.get(`/api/v1/audit?q=${encodeURIComponent('jijian')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().items.every((i: { username: string }) => i.username === 'jijian')).toBe(true);
  });

  it('exports the filtered trail to Excel', async () => {
    const admin = await t.login('admin');
    const res = await admin.get('/api/v1/audit/export?action=login');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '时间', '操作人', '操作', '对象类型', '对象编号', '摘要', 'IP']);
    expect(sheet.rowCount).toBeGreaterThan(2);
    expect(sheet.getRow(2).getCell(4).value).toBe('login');
  });

  it('is append-only in the database itself', async () => {
    await expect(sql`update audit_log set summary = 'tampered'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
