/**
 * Member development over the HTTP API, on a unit built for these tests (test/fixtures): each
 * test opens or imports its own files. The demo's development files have their own smoke test
 * (development-demo.test.ts).
 */
import { addDays, addMonths, addYears } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { postFile } from '../../test/multipart.js';
import { createAccount, createUnit, signIn } from '../../test/fixture.js';
import { type DevelopmentUnit, applicantIdNumber, developmentUnit, importProbationaryFile, importRow, importSheet, openFile, recordEntry } from '../../test/fixtures/development.js';
import { developmentDeadlines } from './service-lists.js';
import { workbookOf } from '../../test/workbook.js';

const today = DEMO_TODAY;
let t: TestApp;
let u: DevelopmentUnit;
let org: Client;
let secretary: Client;

beforeAll(async () => {
  t = await createTestApp({ empty: true });
  u = await developmentUnit(t, 'dev-a', '甲院');
  org = u.office;
  secretary = u.secretary;
});
afterAll(() => t?.close());

/** The name and ID number of a fixture member (test/fixtures/members.ts names them, fixture.ts numbers them). */
async function memberOf(id: number): Promise<{ id: number; name: string; idNumber: string; status: string; category: string; joinedOn: string | null; fullOn: string | null; orgId: number }> {
  const res = await org.get(`/api/v1/members/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A memberless account with one role of this unit. */
async function accountWith(username: string, role: 'member' | 'jijian', memberId?: number): Promise<Client> {
  await createAccount(t.database.db, u.unit, username, [{ role: role === 'jijian' ? 'inspector' : 'member' }], { memberId });
  return signIn(t, username);
}

function probationaryFile(name: string) {
  return importProbationaryFile(org, u.branch.name, name);
}

describe('POST /api/v1/development/files', () => {
  it('401 → 400 → 403 → 201', async () => {
    const body = { name: '甲', idNumber: applicantIdNumber('1999-01-01'), orgId: u.branch.orgId, appliedOn: addDays(today, -3) };
    expect((await t.anonymous().post('/api/v1/development/files', body)).statusCode).toBe(401);
    const bad = await org.post('/api/v1/development/files', { ...body, appliedOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('body.appliedOn');
    expect((await u.inspector.post('/api/v1/development/files', body)).statusCode).toBe(403);
    expect((await (await accountWith('dev-a.member1', 'member', u.branch.full[3])).post('/api/v1/development/files', body)).statusCode).toBe(403);
    // A branch secretary only within their branch.
    expect((await secretary.post('/api/v1/development/files', { ...body, orgId: u.other.orgId })).statusCode).toBe(403);
    const res = await secretary.post('/api/v1/development/files', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'applicant', lastStep: 1, stage: 1, gender: 'male', birthDate: '1999-01-01' });
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'development_entry').execute();
    expect(audit.map((a) => a.summary)).toContain(`发展党员档案 甲：第1步 ${body.appliedOn}`);
  });

  it('refuses an applicant under 18 with the earliest date, in the user’s language', async () => {
    const birth = addDays(addYears(today, -18), 1);
    const res = await org.post('/api/v1/development/files', { name: '乙', idNumber: applicantIdNumber(birth), orgId: u.branch.orgId, appliedOn: today });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('DEV_APPLICANT_UNDER_18');
    expect(errorOf(res).message).toContain(addYears(birth, 18));
    // Nothing landed: the file and its first step are one transaction.
    expect((await org.get(`/api/v1/development/files?q=${encodeURIComponent('乙')}`)).json().total).toBe(0);
  });
});

describe('recording steps', () => {
  it('refuses steps out of order and a late talk; 409 on a stale version', async () => {
    const applied = addDays(today, -40);
    const file = await openFile(org, u.branch.orgId, applied);
    const skip = await recordEntry(org, file, { kind: 'step', step: 3, date: today });
    expect(skip.statusCode).toBe(422);
    expect(errorOf(skip).code).toBe('DEV_STEP_OUT_OF_ORDER');
    const late = await recordEntry(org, file, { kind: 'step', step: 2, date: addDays(addMonths(applied, 1), 1) });
    expect(late.statusCode).toBe(422);
    expect(errorOf(late).code).toBe('DEV_TALK_LATE');
    const stale = file.version;
    expect((await recordEntry(org, file, { kind: 'step', step: 2, date: addMonths(applied, 1) })).statusCode).toBe(201);
    expect(file.version).toBe(stale + 1);
    const again = await org.post(`/api/v1/development/files/${file.id}/entries`, { version: stale, kind: 'step', step: 3, date: today });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('VERSION_CONFLICT');
  });

  it('en-US messages for an English-speaking user', async () => {
    const file = await openFile(org, u.branch.orgId, addDays(today, -5));
    await createAccount(t.database.db, u.unit, 'dev-a.english', [{ role: 'org_office' }]);
    expect((await (await signIn(t, 'dev-a.english')).put('/api/v1/auth/language', { language: 'en-US' })).statusCode).toBe(200);
    const en = await signIn(t, 'dev-a.english');
    const res = await recordEntry(en, file, { kind: 'step', step: 4, date: today });
    expect(errorOf(res).message).toBe('Steps cannot be skipped: step 4 needs step 3 first');
  });

  it('refuses a sponsor who is still 预备党员 on the day', async () => {
    const file = await openFile(org, u.branch.orgId, '2023-01-05');
    const dates: Record<number, string> = { 2: '2023-01-20', 3: '2023-05-01', 4: '2023-05-08', 5: '2023-05-10', 6: '2023-11-01', 7: '2024-05-06', 8: '2024-05-10' };
    const [mentor] = u.branch.full;
    for (let s = 2; s <= 8; s++) {
      if (s === 7) expect((await recordEntry(org, file, { kind: 'review', date: '2024-05-01' })).statusCode).toBe(201);
      const res = await recordEntry(org, file, { kind: 'step', step: s, date: dates[s], peopleIds: s === 5 ? [mentor] : [] });
      expect(res.statusCode, `${s} ${res.body}`).toBe(201);
    }
    const probationary = await memberOf(u.branch.probationary[0]!);
    const res = await recordEntry(org, file, { kind: 'step', step: 9, date: '2024-05-12', peopleIds: [mentor, probationary.id] });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe('DEV_SPONSOR_NOT_FULL');
    expect(errorOf(res).message).toContain(probationary.name);
    expect(errorOf(res).details?.[0]?.path).toBe('peopleIds[1]');
  });
});

describe('the journey from application to 转正, with corrections and the member record', () => {
  it('goes through all 25 steps and keeps corrections visible', async () => {
    const file = await openFile(org, u.branch.orgId, '2022-03-01');
    const [m1, m2] = u.branch.full;
    const post = async (body: Record<string, unknown>) => {
      const res = await recordEntry(org, file, body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(201);
      return res.json();
    };
    await post({ kind: 'step', step: 2, date: '2022-03-15' });
    await post({ kind: 'step', step: 3, date: '2022-06-01' });
    await post({ kind: 'step', step: 4, date: '2022-06-08' });
    await post({ kind: 'step', step: 5, date: '2022-06-10', peopleIds: [m1] });
    await post({ kind: 'step', step: 6, date: '2022-12-01' });
    // One day short of a year as activist: refused with the exact message.
    const early = await recordEntry(org, file, { kind: 'step', step: 7, date: '2023-05-31' });
    expect(errorOf(early).message).toBe('培养教育不满一年：2022-06-01 确定为入党积极分子，最早 2023-06-01 可确定为发展对象');
    await post({ kind: 'review', date: '2023-06-01' });
    await post({ kind: 'step', step: 7, date: '2023-06-01' });
    await post({ kind: 'step', step: 8, date: '2023-06-05' });
    await post({ kind: 'step', step: 9, date: '2023-06-06', peopleIds: [m1, m2] });
    await post({ kind: 'step', step: 10, date: '2023-07-01' });
    const short = await recordEntry(org, file, { kind: 'step', step: 11, date: '2023-08-01', details: { trainingDays: 2, classHours: 16 } });
    expect(errorOf(short).code).toBe('DEV_TRAINING_TOO_SHORT');
    await post({ kind: 'step', step: 11, date: '2023-08-01', details: { trainingDays: 3 } });
    await post({ kind: 'step', step: 12, date: '2023-09-01' });
    const shortNotice = await recordEntry(org, file, { kind: 'notice', date: '2023-09-04', details: { noticeEnd: '2023-09-07' } });
    expect(errorOf(shortNotice).code).toBe('DEV_NOTICE_TOO_SHORT');
    await post({ kind: 'notice', date: '2023-09-04', details: { noticeEnd: '2023-09-08' } });
    await post({ kind: 'step', step: 13, date: '2023-09-11' });
    await post({ kind: 'step', step: 14, date: '2023-09-15' });
    await post({ kind: 'step', step: 15, date: '2023-10-10' });
    await post({ kind: 'step', step: 16, date: '2023-10-20' });
    // 2023-10-10 + 3 months = 2024-01-10; a day later needs a reason.
    const late = await recordEntry(org, file, { kind: 'step', step: 17, date: '2024-01-11' });
    expect(errorOf(late).code).toBe('DEV_APPROVAL_LATE');
    const approved = await post({ kind: 'step', step: 17, date: '2024-01-10' });
    expect(approved.status).toBe('probationary');
    // The approval makes the member, in the file's branch from the branch meeting's date.
    const member = (await org.get(`/api/v1/members/${approved.memberId}`)).json();
    expect(member).toMatchObject({ category: 'probationary', joinedOn: '2023-10-10', fullOn: null, orgId: u.branch.orgId });
    expect(member.orgPeriods).toEqual([{ orgId: u.branch.orgId, orgName: u.branch.name, fromOn: '2023-10-10', toOn: null }]);
    for (const [s, d] of [[18, '2024-01-15'], [19, '2024-01-16'], [20, '2024-01-20'], [21, '2024-02-01'], [22, '2024-09-20']] as const) {
      await post({ kind: 'step', step: s, date: d });
    }
    const early23 = await recordEntry(org, file, { kind: 'step', step: 23, date: '2024-10-09' });
    expect(errorOf(early23).message).toBe('预备期未满：预备期自 2023-10-10 起，至 2024-10-10 期满');
    await post({ kind: 'step', step: 23, date: '2024-10-10' });
    const full = await post({ kind: 'step', step: 24, date: '2024-11-01' });
    expect(full.status).toBe('full');
    expect((await org.get(`/api/v1/members/${approved.memberId}`)).json()).toMatchObject({ category: 'full', fullOn: '2024-10-10' });

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
    const file = await probationaryFile('延期者');
    expect(file.status).toBe('probationary');
    const f = { id: file.id, version: file.version };
    expect((await recordEntry(org, f, { kind: 'probation_extension', date: today, details: { extensionMonths: 13, reason: '表现' } })).statusCode).toBe(422);
    expect((await recordEntry(org, f, { kind: 'probation_extension', date: today, details: { extensionMonths: 6, reason: '表现' } })).statusCode).toBe(201);
    const second = await recordEntry(org, f, { kind: 'probation_extension', date: today, details: { extensionMonths: 6, reason: '表现' } });
    expect(errorOf(second).code).toBe('DEV_PROBATION_EXTENSION_ONCE');
    const failed = await recordEntry(org, f, { kind: 'disqualified', date: today, details: { reason: '不具备党员条件' } });
    expect(failed.statusCode).toBe(201);
    expect(failed.json().status).toBe('disqualified');
    // 取消预备党员资格 is its own member status (not 出党).
    expect((await memberOf(file.memberId)).status).toBe('disqualified');
  });
});

describe('lists, board, due list and exports', () => {
  it('lists files in scope: 401 → 400 → 403 → 200', async () => {
    await openFile(org, u.branch.orgId, addDays(today, -20), { name: '列表甲' });
    await openFile(org, u.other.orgId, addDays(today, -20), { name: '列表乙' });
    expect((await t.anonymous().get('/api/v1/development/files')).statusCode).toBe(401);
    expect((await org.get('/api/v1/development/files?stage=9')).statusCode).toBe(400);
    expect((await u.leader.get('/api/v1/development/files')).statusCode).toBe(403);
    const all = (await org.get('/api/v1/development/files?pageSize=200')).json();
    const own = (await secretary.get('/api/v1/development/files?pageSize=200')).json();
    expect(all.items.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['列表甲', '列表乙']));
    expect(own.items.map((f: { name: string }) => f.name)).toContain('列表甲');
    expect(new Set(own.items.map((f: { orgName: string }) => f.orgName))).toEqual(new Set([u.branch.name]));
    expect(own.total).toBeLessThan(all.total);
    // Masked for a secretary, in full for the office.
    expect(own.items[0].idNumber).toMatch(/\*{8}/);
    expect(all.items[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    expect((await u.inspector.get('/api/v1/development/files?pageSize=1')).json().total).toBe(all.total);
    // The stage filter takes its steps from core: a file at step 1 is in stage 1, not 2.
    const stage1 = (await org.get(`/api/v1/development/files?stage=1&q=${encodeURIComponent('列表甲')}`)).json();
    expect(stage1.total).toBe(1);
    expect((await org.get(`/api/v1/development/files?stage=2&q=${encodeURIComponent('列表甲')}`)).json().total).toBe(0);
  });

  it('a secretary cannot open a file of another branch', async () => {
    const other = await openFile(org, u.other.orgId, addDays(today, -2));
    expect(errorOf(await secretary.get(`/api/v1/development/files/${other.id}`)).code).toBe('OUT_OF_SCOPE');
    expect((await org.get(`/api/v1/development/files/${other.id}`)).statusCode).toBe(200);
    expect((await org.get('/api/v1/development/files/999999')).statusCode).toBe(404);
  });

  it('counts files per stage and branch on the board', async () => {
    const before = (await org.get('/api/v1/development/board')).json();
    await openFile(org, u.other.orgId, addDays(today, -2));
    const after = (await org.get('/api/v1/development/board')).json();
    expect(after.stages[0]).toBe(before.stages[0] + 1);
    expect(after.statuses.applicant).toBe(before.statuses.applicant + 1);
    const branch = after.branches.find((b: { id: number }) => b.id === u.other.orgId);
    expect(branch.total).toBe((before.branches.find((b: { id: number }) => b.id === u.other.orgId)?.total ?? 0) + 1);
    expect((await secretary.get('/api/v1/development/board')).json().branches.map((b: { id: number }) => b.id)).toEqual([u.branch.orgId]);
  });

  it('shows a due list: a talk due within a month of the application, in the caller’s scope', async () => {
    expect((await t.anonymous().get('/api/v1/development/due')).statusCode).toBe(401);
    expect((await org.get('/api/v1/development/due?days=999')).statusCode).toBe(400);
    const own = await openFile(org, u.branch.orgId, addDays(today, -12), { name: '待谈话甲' });
    const other = await openFile(org, u.other.orgId, addDays(today, -12), { name: '待谈话乙' });
    const due = (await org.get('/api/v1/development/due')).json();
    expect(due.items.filter((d: { fileId: number }) => d.fileId === own.id || d.fileId === other.id)).toEqual([
      { id: own.id, fileId: own.id, name: '待谈话甲', orgName: u.branch.name, status: 'applicant', kind: 'talk_due', label: '一个月内谈话', date: addMonths(addDays(today, -12), 1), overdue: false },
      { id: other.id, fileId: other.id, name: '待谈话乙', orgName: u.other.name, status: 'applicant', kind: 'talk_due', label: '一个月内谈话', date: addMonths(addDays(today, -12), 1), overdue: false },
    ]);
    for (const d of due.items) expect(d.date <= addDays(today, 30)).toBe(true);
    const mine = (await secretary.get('/api/v1/development/due')).json();
    expect(mine.items.map((d: { fileId: number }) => d.fileId)).toContain(own.id);
    expect(mine.items.map((d: { fileId: number }) => d.fileId)).not.toContain(other.id);
  });

  it('pages the due list by date, counts the whole list and follows each new entry', async () => {
    const overdueOn = addDays(today, -40);
    const late = await openFile(org, u.branch.orgId, overdueOn, { name: '逾期谈话' });
    const soon = await openFile(org, u.branch.orgId, addDays(today, -20), { name: '将到期谈话' });
    const all = (await org.get('/api/v1/development/due?pageSize=200')).json();
    expect(all.total).toBe(all.items.length);
    expect(all.overdue).toBe(all.items.filter((d: { overdue: boolean }) => d.overdue).length);
    expect(all.overdue).toBeGreaterThan(0);
    const dates = all.items.map((d: { date: string }) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(all.items.find((d: { fileId: number }) => d.fileId === late.id)).toMatchObject({ kind: 'talk_due', overdue: true, date: addMonths(overdueOn, 1) });
    // Page 2 of size 1 is the list's second item; the counts stay the whole list's.
    const second = (await org.get('/api/v1/development/due?page=2&pageSize=1')).json();
    expect(second).toEqual({ items: [all.items[1]], total: all.total, overdue: all.overdue });
    // The talk recorded: the file's talk is no longer due, at once (its kept deadlines follow the entry).
    expect((await recordEntry(org, soon, { kind: 'step', step: 2, date: today })).statusCode).toBe(201);
    const after = (await org.get('/api/v1/development/due?pageSize=200')).json();
    expect(after.items.find((d: { fileId: number }) => d.fileId === soon.id)).toBeUndefined();
    expect(after.total).toBe(all.total - 1);
    // A correction of the application date moves the overdue talk's deadline.
    const detail = (await org.get(`/api/v1/development/files/${late.id}`)).json();
    const applied = detail.entries.find((e: { step: number | null }) => e.step === 1);
    const moved = await org.post(`/api/v1/development/files/${late.id}/entries/${applied.id}/corrections`, { version: detail.version, date: addDays(today, -5), reason: '申请日期录入错误' });
    expect(moved.statusCode, moved.body).toBe(201);
    const corrected = (await org.get('/api/v1/development/due?pageSize=200')).json();
    expect(corrected.items.find((d: { fileId: number }) => d.fileId === late.id)).toMatchObject({ date: addMonths(addDays(today, -5), 1), overdue: false });
    expect(corrected.overdue).toBe(all.overdue - 1);
  });

  it('gives the unit’s development deadlines on a day (the reminder digest’s source)', async () => {
    const file = await openFile(org, u.branch.orgId, addDays(today, -25), { name: '提醒对象' });
    const talkBy = addMonths(addDays(today, -25), 1);
    const on = await developmentDeadlines(t.database.db, u.unit.tenantId, { day: today, withinDays: 7, language: 'zh-CN' });
    expect(on.items.find((d) => d.fileId === file.id)).toMatchObject({ kind: 'talk_due', date: talkBy, overdue: false, orgId: u.branch.orgId, orgName: u.branch.name });
    const later = await developmentDeadlines(t.database.db, u.unit.tenantId, { day: addDays(talkBy, 1), withinDays: 0, language: 'en-US' });
    expect(later.items.find((d) => d.fileId === file.id)).toMatchObject({ kind: 'talk_due', label: 'Talk within one month', overdue: true });
    // Another unit's deadlines are not this unit's.
    expect((await developmentDeadlines(t.database.db, u.unit.tenantId + 1000, { day: today, withinDays: 30, language: 'zh-CN' })).items.length).toBe(0);
  });

  it('exports the 发展党员工作台账 with a column per step', async () => {
    await openFile(org, u.branch.orgId, addDays(today, -8));
    const res = await secretary.get('/api/v1/development/files/export');
    expect(res.statusCode).toBe(200);
    const wb = await workbookOf(res);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(11).value).toBe('1 递交入党申请书');
    expect(sheet.getRow(1).getCell(35).value).toBe('25 材料归档');
    const listed = (await secretary.get('/api/v1/development/files?pageSize=200')).json().total;
    expect(sheet.rowCount - 1).toBe(listed);
    // ID numbers as the secretary may see them.
    expect(String(sheet.getRow(2).getCell(4).value)).toMatch(/\*{8}/);
  });

  it('gives a member their own file only', async () => {
    const file = await probationaryFile('自己的档案');
    const member = await accountWith('dev-a.own', 'member', file.memberId);
    expect((await member.get('/api/v1/development/files')).statusCode).toBe(403);
    const own = (await member.get('/api/v1/development/my')).json();
    expect(own.file).toMatchObject({ id: file.id, name: '自己的档案', canWrite: false });
    expect((await member.get(`/api/v1/development/files/${file.id}`)).statusCode).toBe(403);
    const none = await accountWith('dev-a.nofile', 'member', u.branch.full[2]);
    expect((await none.get('/api/v1/development/my')).json()).toEqual({ file: null });
  });
});

describe('import', () => {
  it('401 → 400 (row errors, nothing lands) → 403 → 200 with warnings for history', async () => {
    const good = await importSheet(org, [importRow('导入甲', applicantIdNumber('1990-01-01'), u.branch.name, ['2024-01-01', '2024-03-15', '2024-05-01'])]);
    expect((await postFile(t.anonymous(), '/api/v1/development/import', { name: '发展党员.xlsx', content: good })).statusCode).toBe(401);
    const badRows = await importSheet(org, [importRow('导入乙', applicantIdNumber('1990-01-02'), u.branch.name, ['2024-01-01']), importRow('导入丙', '123', '不存在的支部', ['2024-13-01'])]);
    const bad = await postFile(org, '/api/v1/development/import', { name: '发展党员.xlsx', content: badRows });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.map((d) => d.path)).toEqual(['rows[3].公民身份号码', 'rows[3].所在党支部', 'rows[3].1']);
    expect((await org.get(`/api/v1/development/files?q=${encodeURIComponent('导入乙')}`)).json().total).toBe(0);
    expect((await postFile(u.inspector, '/api/v1/development/import', { name: '发展党员.xlsx', content: good })).statusCode).toBe(403);
    const preview = (await postFile(secretary, '/api/v1/development/import', { name: '发展党员.xlsx', content: good }, { dryRun: 'true' })).json();
    // The talk came 2.5 months after the application: kept, with a warning to review.
    expect(preview).toMatchObject({ dryRun: true, created: 1, entries: 3 });
    expect(preview.warnings.map((w: { message: string }) => w.message)).toEqual(['党组织应在收到入党申请书后一个月内派人谈话：2024-01-01 收到申请，最迟 2024-02-01']);
    expect((await org.get(`/api/v1/development/files?q=${encodeURIComponent('导入甲')}`)).json().total).toBe(0);
    const done = await postFile(secretary, '/api/v1/development/import', { name: '发展党员.xlsx', content: good });
    expect(done.statusCode, done.body).toBe(200);
    const listed = (await org.get(`/api/v1/development/files?q=${encodeURIComponent('导入甲')}`)).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'activist', lastStep: 3 });
    const detail = (await secretary.get(`/api/v1/development/files/${listed[0].id}`)).json();
    expect(detail.entries.find((e: { step: number }) => e.step === 2).warnings[0].code).toBe('DEV_TALK_LATE');
    expect(detail.entries.every((e: { imported: boolean }) => e.imported)).toBe(true);
    // New steps entered in Hongyi are always enforced.
    const next = await secretary.post(`/api/v1/development/files/${listed[0].id}/entries`, { version: detail.version, kind: 'step', step: 5, date: '2024-05-02' });
    expect(errorOf(next).code).toBe('DEV_STEP_OUT_OF_ORDER');
  });
});

describe('a development file for someone who is already a member', () => {
  it('is refused; the member is named only to a caller who may see them', async () => {
    const own = await memberOf(u.branch.full[0]!);
    const other = await memberOf(u.other.full[0]!);
    const body = { name: '再申请', orgId: u.branch.orgId, appliedOn: addDays(today, -3) };
    const inScope = await secretary.post('/api/v1/development/files', { ...body, idNumber: own.idNumber });
    expect(inScope.statusCode).toBe(409);
    expect(errorOf(inScope)).toMatchObject({ code: 'DEV_ID_NUMBER_IS_MEMBER', message: `该身份证号已登记为党员“${own.name}”，不能再建立发展党员档案` });
    const outside = await secretary.post('/api/v1/development/files', { ...body, idNumber: other.idNumber });
    expect(outside.statusCode).toBe(409);
    expect(errorOf(outside).code).toBe('DEV_ID_NUMBER_IS_MEMBER_ELSEWHERE');
    expect(outside.body).not.toContain(other.name);
    expect((await org.get(`/api/v1/development/files?q=${encodeURIComponent('再申请')}`)).json().total).toBe(0);
    // The organisation office sees every member.
    expect(errorOf(await org.post('/api/v1/development/files', { ...body, idNumber: other.idNumber })).message).toContain(other.name);
  });

  it('cannot be made one by changing a file\'s ID number, nor by an import that stops short of admission', async () => {
    const own = await memberOf(u.branch.full[1]!);
    const opened = await openFile(secretary, u.branch.orgId, addDays(today, -3), { name: '改号者' });
    const patched = await secretary.patch(`/api/v1/development/files/${opened.id}`, { version: opened.version, idNumber: own.idNumber });
    expect(patched.statusCode).toBe(409);
    expect(errorOf(patched).code).toBe('DEV_ID_NUMBER_IS_MEMBER');
    const sheet = await importSheet(org, [['导入党员', own.idNumber, u.branch.name, '大学本科', '', '', '', '', '', '', '2024-01-01']]);
    const res = await postFile(secretary, '/api/v1/development/import', { name: '发展党员.xlsx', content: sheet }, { dryRun: 'true' });
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
    expect((await u.admin.put('/api/v1/development/holidays/2026-12-31', { kind: 'off', note: '测试' })).statusCode).toBe(200);
    expect((await org.get('/api/v1/development/holidays?year=2026')).json().items.some((d: { day: string }) => d.day === '2026-12-31')).toBe(true);
    expect((await u.admin.delete('/api/v1/development/holidays/2026-12-31')).statusCode).toBe(204);
    expect((await u.admin.delete('/api/v1/development/holidays/2026-12-31')).statusCode).toBe(404);
  });

  it('is global: another unit’s system administrator may read it but not change it', async () => {
    // This test file's first unit operates the platform; a second one does not.
    const county = await createUnit(t.database.db, 'dev-b', '乙县医院');
    await createAccount(t.database.db, county, 'dev-b.admin', [{ role: 'sys_admin' }]);
    const admin = await signIn(t, 'dev-b.admin');
    expect((await admin.get('/api/v1/development/holidays?year=2026')).statusCode).toBe(200);
    const put = await admin.put('/api/v1/development/holidays/2026-12-30', { kind: 'off' });
    expect(put.statusCode).toBe(403);
    expect(errorOf(put)).toMatchObject({ code: 'OPERATOR_ONLY', message: '节假日等全局基础数据由平台运营单位的系统管理员维护' });
    expect((await admin.put('/api/v1/development/holidays/years/2027', { days: [{ day: '2027-01-01', kind: 'off' }] })).statusCode).toBe(403);
    expect((await admin.delete('/api/v1/development/holidays/2026-10-10')).statusCode).toBe(403);
    const still = (await admin.get('/api/v1/development/holidays?year=2026')).json();
    expect(still.items.find((d: { day: string }) => d.day === '2026-10-10')).toMatchObject({ kind: 'work' });
  });
});
