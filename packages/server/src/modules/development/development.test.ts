import {
  DEFAULT_HOLIDAYS,
  type DevelopmentEntryFacts,
  WorkingDayCalendar,
  addDays,
  addMonths,
  addYears,
  checkDevelopmentEntry,
  idNumberCheckChar,
} from '@hongyi/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
let org: Client;
let secretary: Client;
let branchId: number;
let otherBranchId: number;
const today = DEMO_TODAY;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.login('org');
  secretary = await t.login('secretary');
  branchId = (await t.database.db.selectFrom('orgs').select('id').where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow()).id;
  otherBranchId = (
    await t.database.db.selectFrom('orgs').select('id').where('type', '=', 'branch').where('id', '!=', branchId).where('name', 'not like', '急诊%').orderBy('id').executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

let seq = 100;
function idNumber(birth: string, male = true): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq++ * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

async function fullMembers(orgId: number, fullBefore: string, n: number): Promise<number[]> {
  const rows = await t.database.db
    .selectFrom('members')
    .select('id')
    .where('org_id', '=', orgId)
    .where('category', '=', 'full')
    .where('status', '=', 'active')
    .where('full_on', '<=', fullBefore)
    .orderBy('id')
    .limit(n)
    .execute();
  return rows.map((r) => r.id);
}

async function open(client: Client, appliedOn: string, orgId = branchId, birth = '1996-04-02') {
  const res = await client.post('/api/v1/development/files', { name: '测试申请人', idNumber: idNumber(birth), orgId, appliedOn, documents: ['入党申请书'] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; status: string; entries: Array<{ id: number; step: number | null }> };
}

async function record(client: Client, file: { id: number; version: number }, body: Record<string, unknown>) {
  const res = await client.post(`/api/v1/development/files/${file.id}/entries`, { version: file.version, ...body });
  if (res.statusCode === 201) file.version = res.json().version;
  return res;
}

describe('POST /api/v1/development/files', () => {
  it('401 → 400 → 403 → 201', async () => {
    const body = { name: '甲', idNumber: idNumber('1999-01-01'), orgId: branchId, appliedOn: addDays(today, -3) };
    expect((await t.anonymous().post('/api/v1/development/files', body)).statusCode).toBe(401);
    const bad = await org.post('/api/v1/development/files', { ...body, appliedOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('body.appliedOn');
    expect((await (await t.login('jijian')).post('/api/v1/development/files', body)).statusCode).toBe(403);
    expect((await (await t.login('member')).post('/api/v1/development/files', body)).statusCode).toBe(403);
    // A branch secretary only within their branch.
    expect((await secretary.post('/api/v1/development/files', { ...body, orgId: otherBranchId })).statusCode).toBe(403);
    const res = await secretary.post('/api/v1/development/files', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'applicant', lastStep: 1, stage: 1, gender: 'male', birthDate: '1999-01-01' });
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'development_entry').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses an applicant under 18 with the earliest date, in the user’s language', async () => {
    const birth = addDays(addYears(today, -18), 1);
    const res = await org.post('/api/v1/development/files', { name: '乙', idNumber: idNumber(birth), orgId: branchId, appliedOn: today });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('DEV_APPLICANT_UNDER_18');
    expect(errorOf(res).message).toContain(addYears(birth, 18));
    // Nothing landed: the file and its first step are one transaction.
    const count = await t.database.db.selectFrom('development_files').select('id').where('name', '=', '乙').execute();
    expect(count).toEqual([]);
  });
});

describe('recording steps', () => {
  it('refuses steps out of order and a late talk; 409 on a stale version', async () => {
    const applied = addDays(today, -40);
    const file = await open(org, applied);
    const skip = await record(org, file, { kind: 'step', step: 3, date: today });
    expect(skip.statusCode).toBe(422);
    expect(errorOf(skip).code).toBe('DEV_STEP_OUT_OF_ORDER');
    const late = await record(org, file, { kind: 'step', step: 2, date: addMonths(applied, 1) > today ? today : addDays(addMonths(applied, 1), 1) });
    expect(late.statusCode).toBe(422);
    expect(errorOf(late).code).toBe('DEV_TALK_LATE');
    const stale = file.version;
    expect((await record(org, file, { kind: 'step', step: 2, date: addMonths(applied, 1) })).statusCode).toBe(201);
    expect(file.version).toBe(stale + 1);
    const again = await org.post(`/api/v1/development/files/${file.id}/entries`, { version: stale, kind: 'step', step: 3, date: today });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('VERSION_CONFLICT');
  });

  it('en-US messages for an English-speaking user', async () => {
    const file = await open(org, addDays(today, -5));
    await t.database.db.updateTable('users').set({ language: 'en-US' }).where('username', '=', 'org').execute();
    const en = await t.login('org');
    const res = await record(en, file, { kind: 'step', step: 4, date: today });
    expect(errorOf(res).message).toBe('Steps cannot be skipped: step 4 needs step 3 first');
    await t.database.db.updateTable('users').set({ language: 'zh-CN' }).where('username', '=', 'org').execute();
  });

  it('refuses a sponsor who is still 预备党员 on the day', async () => {
    const file = await open(org, '2023-01-05');
    const dates: Record<number, string> = { 2: '2023-01-20', 3: '2023-05-01', 4: '2023-05-08', 5: '2023-05-10', 6: '2023-11-01', 7: '2024-05-06', 8: '2024-05-10' };
    const mentors = await fullMembers(branchId, '2023-01-01', 2);
    for (let s = 2; s <= 8; s++) {
      if (s === 7) expect((await record(org, file, { kind: 'review', date: '2024-05-01' })).statusCode).toBe(201);
      const res = await record(org, file, { kind: 'step', step: s, date: dates[s], peopleIds: s === 5 ? mentors.slice(0, 1) : [] });
      expect(res.statusCode, `${s} ${res.body}`).toBe(201);
    }
    const probationary = await t.database.db
      .selectFrom('members')
      .select(['id', 'name', 'joined_on'])
      .where('category', '=', 'probationary')
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const res = await record(org, file, { kind: 'step', step: 9, date: '2024-05-12', peopleIds: [mentors[0], probationary.id] });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('DEV_SPONSOR_NOT_FULL');
    expect(errorOf(res).message).toContain(probationary.name);
    expect(errorOf(res).details?.[0]?.path).toBe('peopleIds[1]');
  });
});

describe('the journey from application to 转正, with corrections and the member record', () => {
  it('goes through all 25 steps and keeps corrections visible', async () => {
    const file = await open(org, '2022-03-01');
    const [m1, m2] = await fullMembers(branchId, '2022-01-01', 2);
    const post = async (body: Record<string, unknown>) => {
      const res = await record(org, file, body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(201);
      return res.json();
    };
    await post({ kind: 'step', step: 2, date: '2022-03-15' });
    await post({ kind: 'step', step: 3, date: '2022-06-01' });
    await post({ kind: 'step', step: 4, date: '2022-06-08' });
    await post({ kind: 'step', step: 5, date: '2022-06-10', peopleIds: [m1] });
    await post({ kind: 'step', step: 6, date: '2022-12-01' });
    // One day short of a year as activist: refused with the exact message.
    const early = await record(org, file, { kind: 'step', step: 7, date: '2023-05-31' });
    expect(errorOf(early).message).toBe('培养教育不满一年：2022-06-01 确定为入党积极分子，最早 2023-06-01 可确定为发展对象');
    await post({ kind: 'review', date: '2023-06-01' });
    await post({ kind: 'step', step: 7, date: '2023-06-01' });
    await post({ kind: 'step', step: 8, date: '2023-06-05' });
    await post({ kind: 'step', step: 9, date: '2023-06-06', peopleIds: [m1, m2] });
    await post({ kind: 'step', step: 10, date: '2023-07-01' });
    const short = await record(org, file, { kind: 'step', step: 11, date: '2023-08-01', details: { trainingDays: 2, classHours: 16 } });
    expect(errorOf(short).code).toBe('DEV_TRAINING_TOO_SHORT');
    await post({ kind: 'step', step: 11, date: '2023-08-01', details: { trainingDays: 3 } });
    await post({ kind: 'step', step: 12, date: '2023-09-01' });
    const shortNotice = await record(org, file, { kind: 'notice', date: '2023-09-04', details: { noticeEnd: '2023-09-07' } });
    expect(errorOf(shortNotice).code).toBe('DEV_NOTICE_TOO_SHORT');
    await post({ kind: 'notice', date: '2023-09-04', details: { noticeEnd: '2023-09-08' } });
    await post({ kind: 'step', step: 13, date: '2023-09-11' });
    await post({ kind: 'step', step: 14, date: '2023-09-15' });
    await post({ kind: 'step', step: 15, date: '2023-10-10' });
    await post({ kind: 'step', step: 16, date: '2023-10-20' });
    // 2023-10-10 + 3 months = 2024-01-10; a day later needs a reason.
    const late = await record(org, file, { kind: 'step', step: 17, date: '2024-01-11' });
    expect(errorOf(late).code).toBe('DEV_APPROVAL_LATE');
    const approved = await post({ kind: 'step', step: 17, date: '2024-01-10' });
    expect(approved.status).toBe('probationary');
    const member = await t.database.db.selectFrom('members').selectAll().where('id', '=', approved.memberId).executeTakeFirstOrThrow();
    expect(member).toMatchObject({ category: 'probationary', joined_on: '2023-10-10', full_on: null, org_id: branchId });
    for (const [s, d] of [[18, '2024-01-15'], [19, '2024-01-16'], [20, '2024-01-20'], [21, '2024-02-01'], [22, '2024-09-20']] as const) {
      await post({ kind: 'step', step: s, date: d });
    }
    const early23 = await record(org, file, { kind: 'step', step: 23, date: '2024-10-09' });
    expect(errorOf(early23).message).toBe('预备期未满：预备期自 2023-10-10 起，至 2024-10-10 期满');
    await post({ kind: 'step', step: 23, date: '2024-10-10' });
    const full = await post({ kind: 'step', step: 24, date: '2024-11-01' });
    expect(full.status).toBe('full');
    const after = await t.database.db.selectFrom('members').selectAll().where('id', '=', approved.memberId).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ category: 'full', full_on: '2024-10-10' });

    // A correction: a new entry with a reason; the old one stays, marked as superseded.
    const step20 = full.entries.find((e: { step: number | null }) => e.step === 20);
    const noReason = await org.post(`/api/v1/development/files/${file.id}/entries/${step20.id}/corrections`, { version: file.version, date: '2024-01-21', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const corrected = await org.post(`/api/v1/development/files/${file.id}/entries/${step20.id}/corrections`, { version: file.version, date: '2024-01-21', reason: '宣誓日期录入错误' });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const entries = corrected.json().entries as Array<{ id: number; step: number; date: string; supersededBy: number | null; correctsId: number | null; correctionReason: string }>;
    const old = entries.find((e) => e.id === step20.id)!;
    const fresh = entries.find((e) => e.correctsId === step20.id)!;
    expect(old.supersededBy).toBe(fresh.id);
    expect(fresh).toMatchObject({ step: 20, date: '2024-01-21', correctionReason: '宣誓日期录入错误' });
    // Moving a step past the next one is refused; correcting a superseded entry is a conflict.
    const v = corrected.json().version;
    const past = await org.post(`/api/v1/development/files/${file.id}/entries/${fresh.id}/corrections`, { version: v, date: '2024-02-02', reason: 'x' });
    expect(errorOf(past).code).toBe('DEV_DATE_AFTER_NEXT');
    const twice = await org.post(`/api/v1/development/files/${file.id}/entries/${step20.id}/corrections`, { version: v, date: '2024-01-22', reason: 'x' });
    expect(twice.statusCode).toBe(409);
    // The database refuses to change history.
    await expect(t.database.db.updateTable('development_entries').set({ note: 'x' }).where('id', '=', step20.id).execute()).rejects.toThrow();

    // The Word file and the forms.
    const docx = await org.get(`/api/v1/development/files/${file.id}/document`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const notice = (await org.get(`/api/v1/development/files/${file.id}/forms/notice`)).json();
    expect(notice.title).toBe('关于拟发展测试申请人同志为中共预备党员的公示');
    expect(notice.text).toContain('公示时间：2023-09-04至2023-09-08');
  });

  it('extends probation once (6–12 months) and records a failed probation', async () => {
    const file = await t.database.db.selectFrom('development_files').select(['id', 'version', 'member_id']).where('status', '=', 'probationary').orderBy('id').executeTakeFirstOrThrow();
    const f = { id: file.id, version: file.version };
    const detail = (await org.get(`/api/v1/development/files/${file.id}`)).json();
    const on = detail.progress.stepDates['17'] > addDays(today, -1) ? today : today;
    expect((await record(org, f, { kind: 'probation_extension', date: on, details: { extensionMonths: 13, reason: '表现' } })).statusCode).toBe(422);
    expect((await record(org, f, { kind: 'probation_extension', date: on, details: { extensionMonths: 6, reason: '表现' } })).statusCode).toBe(201);
    const second = await record(org, f, { kind: 'probation_extension', date: on, details: { extensionMonths: 6, reason: '表现' } });
    expect(errorOf(second).code).toBe('DEV_PROBATION_EXTENSION_ONCE');
    const failed = await record(org, f, { kind: 'disqualified', date: on, details: { reason: '不具备党员条件' } });
    expect(failed.statusCode).toBe(201);
    expect(failed.json().status).toBe('disqualified');
    const member = await t.database.db.selectFrom('members').select('status').where('id', '=', file.member_id!).executeTakeFirstOrThrow();
    // 取消预备党员资格 is its own member status (not 出党).
    expect(member.status).toBe('disqualified');
  });
});

describe('lists, board, due list and exports', () => {
  it('lists files in scope: 401 → 400 → 403 → 200', async () => {
    expect((await t.anonymous().get('/api/v1/development/files')).statusCode).toBe(401);
    expect((await org.get('/api/v1/development/files?stage=9')).statusCode).toBe(400);
    expect((await (await t.login('leader')).get('/api/v1/development/files')).statusCode).toBe(403);
    const all = (await org.get('/api/v1/development/files?pageSize=200')).json();
    const own = (await secretary.get('/api/v1/development/files?pageSize=200')).json();
    expect(all.total).toBeGreaterThanOrEqual(40);
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(all.total);
    expect(new Set(own.items.map((f: { orgName: string }) => f.orgName))).toEqual(new Set(['急诊科全科医学科党支部']));
    expect(own.items[0].idNumber).toMatch(/\*{8}/);
    const inspector = (await (await t.login('jijian')).get('/api/v1/development/files?pageSize=1')).json();
    expect(inspector.total).toBe(all.total);
  });

  it('a secretary cannot open a file of another branch', async () => {
    const other = await t.database.db.selectFrom('development_files').select('id').where('org_id', '!=', branchId).orderBy('id').executeTakeFirstOrThrow();
    expect((await secretary.get(`/api/v1/development/files/${other.id}`)).statusCode).toBe(403);
    expect((await org.get(`/api/v1/development/files/${other.id}`)).statusCode).toBe(200);
    expect((await org.get('/api/v1/development/files/999999')).statusCode).toBe(404);
  });

  it('has demo people at every stage, all within the rules', async () => {
    const board = (await org.get('/api/v1/development/board')).json();
    expect(board.stages.every((n: number) => n > 0)).toBe(true);
    const demoTenant = await t.database.db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    // The demo's own files (every entry by 'demo'), not those the tests above have added to.
    const files = await t.database.db
      .selectFrom('development_files as f')
      .select(['f.id', 'f.birth_date'])
      .where('f.tenant_id', '=', demoTenant.id)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('development_entries as e').select('e.id').whereRef('e.file_id', '=', 'f.id').where('e.created_by_name', '!=', 'demo'))))
      .execute();
    expect(files.length).toBeGreaterThanOrEqual(35);
    const calendar = new WorkingDayCalendar(DEFAULT_HOLIDAYS);
    const people = new Map(
      (await t.database.db.selectFrom('members').select(['id', 'name', 'category', 'full_on', 'status']).where('tenant_id', '=', demoTenant.id).execute()).map((m) => [
        m.id,
        { id: m.id, name: m.name, category: m.category, fullOn: m.full_on, status: 'active' },
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
  });

  it('shows a due list with deadlines this month', async () => {
    expect((await t.anonymous().get('/api/v1/development/due')).statusCode).toBe(401);
    expect((await org.get('/api/v1/development/due?days=999')).statusCode).toBe(400);
    const due = (await org.get('/api/v1/development/due')).json();
    const kinds = new Set(due.items.map((d: { kind: string }) => d.kind));
    for (const k of ['talk_due', 'review_due', 'notice_ending', 'approval_limit', 'probation_ending']) expect(kinds, k).toContain(k);
    for (const d of due.items) expect(d.date <= addDays(today, 30)).toBe(true);
    const mine = (await secretary.get('/api/v1/development/due')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.length).toBeLessThan(due.items.length);
  });

  it('exports the 发展党员工作台账 with a column per step', async () => {
    const res = await secretary.get('/api/v1/development/files/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(11).value).toBe('1 递交入党申请书');
    expect(sheet.getRow(1).getCell(35).value).toBe('25 材料归档');
    const listed = (await secretary.get('/api/v1/development/files?pageSize=200')).json().total;
    expect(sheet.rowCount - 1).toBe(listed);
  });

  it('gives a member their own file only', async () => {
    const member = await t.login('member');
    expect((await member.get('/api/v1/development/files')).statusCode).toBe(403);
    const res = await member.get('/api/v1/development/my');
    expect(res.statusCode).toBe(200);
    const memberId = (await t.database.db.selectFrom('users').select('member_id').where('username', '=', 'member').executeTakeFirstOrThrow()).member_id;
    const own = await t.database.db.selectFrom('development_files').select('id').where('member_id', '=', memberId).executeTakeFirst();
    expect(res.json().file?.id ?? null).toBe(own?.id ?? null);
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

describe('import', () => {
  async function sheet(rows: (string | number | Date | null)[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load((await org.get('/api/v1/development/import/template')).rawPayload as unknown as ArrayBuffer);
    ws.addRow((tpl.worksheets[0]!.getRow(1).values as string[]).slice(1));
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }
  const base = (name: string, id: string, branch: string) => [name, id, branch, '大学本科', '13900000000', '', '', '', '', ''];

  it('401 → 400 (row errors, nothing lands) → 403 → 200 with warnings for history', async () => {
    const good = await sheet([[...base('导入甲', idNumber('1990-01-01'), '急诊科全科医学科党支部'), '2024-01-01', '2024-03-15', '2024-05-01']]);
    expect((await t.anonymous().post('/api/v1/development/import', { fileBase64: good })).statusCode).toBe(401);
    const badRows = await sheet([
      [...base('导入乙', idNumber('1990-01-02'), '急诊科全科医学科党支部'), '2024-01-01'],
      [...base('导入丙', '123', '不存在的支部'), '2024-13-01'],
    ]);
    const bad = await org.post('/api/v1/development/import', { fileBase64: badRows });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.map((d) => d.path)).toEqual(['rows[3].公民身份号码', 'rows[3].所在党支部', 'rows[3].1']);
    expect(await t.database.db.selectFrom('development_files').select('id').where('name', '=', '导入乙').execute()).toEqual([]);
    expect((await (await t.login('jijian')).post('/api/v1/development/import', { fileBase64: good })).statusCode).toBe(403);
    const preview = (await secretary.post('/api/v1/development/import', { fileBase64: good, dryRun: true })).json();
    // The talk came 2.5 months after the application: kept, with a warning to review.
    expect(preview).toMatchObject({ dryRun: true, created: 1, entries: 3 });
    expect(preview.warnings.map((w: { message: string }) => w.message)).toEqual(['党组织应在收到入党申请书后一个月内派人谈话：2024-01-01 收到申请，最迟 2024-02-01']);
    expect(await t.database.db.selectFrom('development_files').select('id').where('name', '=', '导入甲').execute()).toEqual([]);
    const done = await secretary.post('/api/v1/development/import', { fileBase64: good });
    expect(done.statusCode, done.body).toBe(200);
    const file = await t.database.db.selectFrom('development_files').select(['id', 'status', 'last_step']).where('name', '=', '导入甲').executeTakeFirstOrThrow();
    expect(file).toMatchObject({ status: 'activist', last_step: 3 });
    const detail = (await secretary.get(`/api/v1/development/files/${file.id}`)).json();
    expect(detail.entries.find((e: { step: number }) => e.step === 2).warnings[0].code).toBe('DEV_TALK_LATE');
    // New steps entered in Hongyi are always enforced.
    const next = await secretary.post(`/api/v1/development/files/${file.id}/entries`, { version: detail.version, kind: 'step', step: 5, date: '2024-05-02' });
    expect(errorOf(next).code).toBe('DEV_STEP_OUT_OF_ORDER');
  });
});

describe('a development file for someone who is already a member', () => {
  async function memberIn(orgId: number) {
    return t.database.db.selectFrom('members').select(['id', 'name', 'id_number']).where('org_id', '=', orgId).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
  }

  it('is refused; the member is named only to a caller who may see them', async () => {
    const own = await memberIn(branchId);
    const other = await memberIn(otherBranchId);
    const body = { name: '再申请', orgId: branchId, appliedOn: addDays(today, -3) };
    const inScope = await secretary.post('/api/v1/development/files', { ...body, idNumber: own.id_number });
    expect(inScope.statusCode).toBe(409);
    expect(errorOf(inScope)).toMatchObject({ code: 'DEV_ID_NUMBER_IS_MEMBER', message: `该身份证号已登记为党员“${own.name}”，不能再建立发展党员档案` });
    const outside = await secretary.post('/api/v1/development/files', { ...body, idNumber: other.id_number });
    expect(outside.statusCode).toBe(409);
    expect(errorOf(outside).code).toBe('DEV_ID_NUMBER_IS_MEMBER_ELSEWHERE');
    expect(outside.body).not.toContain(other.name);
    expect(await t.database.db.selectFrom('development_files').select('id').where('name', '=', '再申请').execute()).toEqual([]);
    // The organisation office sees every member.
    expect(errorOf(await org.post('/api/v1/development/files', { ...body, idNumber: other.id_number })).message).toContain(other.name);
  });

  it('cannot be made one by changing a file\'s ID number, nor by an import that stops short of admission', async () => {
    const own = await memberIn(branchId);
    const opened = await secretary.post('/api/v1/development/files', { name: '改号者', idNumber: idNumber('1996-02-02'), orgId: branchId, appliedOn: addDays(today, -3) });
    expect(opened.statusCode).toBe(201);
    const patched = await secretary.patch(`/api/v1/development/files/${opened.json().id}`, { version: opened.json().version, idNumber: own.id_number });
    expect(patched.statusCode).toBe(409);
    expect(errorOf(patched).code).toBe('DEV_ID_NUMBER_IS_MEMBER');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load((await org.get('/api/v1/development/import/template')).rawPayload as unknown as ArrayBuffer);
    ws.addRow((tpl.worksheets[0]!.getRow(1).values as string[]).slice(1));
    ws.addRow(['导入党员', own.id_number, '急诊科全科医学科党支部', '大学本科', '', '', '', '', '', '', '2024-01-01']);
    const res = await secretary.post('/api/v1/development/import', { fileBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), dryRun: true });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ path: 'rows[2].公民身份号码', message: '第 2 行（导入党员）：该身份证号已登记为党员，不能建立发展党员档案' }]);
  });
});

describe('holiday calendar', () => {
  it('is read by anyone signed in and edited by the system administrator only', async () => {
    expect((await t.anonymous().get('/api/v1/development/holidays?year=2026')).statusCode).toBe(401);
    expect((await org.get('/api/v1/development/holidays?year=abc')).statusCode).toBe(400);
    const list = (await org.get('/api/v1/development/holidays?year=2026')).json();
    expect(list.items.find((d: { day: string }) => d.day === '2026-10-10')).toMatchObject({ kind: 'work' });
    expect((await org.put('/api/v1/development/holidays/2026-12-31', { kind: 'off' })).statusCode).toBe(403);
    const admin = await t.login('admin');
    expect((await admin.put('/api/v1/development/holidays/2026-12-31', { kind: 'off', note: '测试' })).statusCode).toBe(200);
    expect((await org.get('/api/v1/development/holidays?year=2026')).json().items.some((d: { day: string }) => d.day === '2026-12-31')).toBe(true);
    expect((await admin.delete('/api/v1/development/holidays/2026-12-31')).statusCode).toBe(204);
    expect((await admin.delete('/api/v1/development/holidays/2026-12-31')).statusCode).toBe(404);
  });

  it('is global: another unit’s system administrator may read it but not change it', async () => {
    const county = await t.login('county.admin');
    expect((await county.get('/api/v1/development/holidays?year=2026')).statusCode).toBe(200);
    const put = await county.put('/api/v1/development/holidays/2026-12-30', { kind: 'off' });
    expect(put.statusCode).toBe(403);
    expect(errorOf(put)).toMatchObject({ code: 'OPERATOR_ONLY', message: '节假日等全局基础数据由平台运营单位的系统管理员维护' });
    expect((await county.put('/api/v1/development/holidays/years/2027', { days: [{ day: '2027-01-01', kind: 'off' }] })).statusCode).toBe(403);
    expect((await county.delete('/api/v1/development/holidays/2026-10-10')).statusCode).toBe(403);
    const still = (await county.get('/api/v1/development/holidays?year=2026')).json();
    expect(still.items.find((d: { day: string }) => d.day === '2026-10-10')).toMatchObject({ kind: 'work' });
  });
});
