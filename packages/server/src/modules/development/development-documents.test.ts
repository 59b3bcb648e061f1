import { addDays } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { postFile } from '../../test/multipart.js';
import { type DevelopmentUnit, applicantIdNumber, developmentUnit, importProbationaryFile } from '../../test/fixtures/development.js';

let t: TestApp;
let u: DevelopmentUnit;
let org: Client;
let secretary: Client;
let branchId: number;
let otherBranchId: number;
const today = DEMO_TODAY;

beforeAll(async () => {
  t = await createTestApp({ empty: true });
  u = await developmentUnit(t, 'docs-a', '丙院');
  org = u.office;
  secretary = u.secretary;
  branchId = u.branch.orgId;
  otherBranchId = u.other.orgId;
});
afterAll(() => t?.close());

function idNumber(birth: string, male = true): string {
  return applicantIdNumber(birth, male ? 'male' : 'female');
}

interface Detail {
  id: number;
  version: number;
  name: string;
  birthDate: string;
  gender: string;
  orgId: number;
  phone: string;
  entries: Array<{ id: number; kind: string; step: number | null }>;
  uploads: Array<{ id: number; entryId: number | null; name: string; size: number; withdrawn: boolean; withdrawnReason: string }>;
  generated: Array<{ key: string; url: string }>;
  publicNotice: { days: number; unit: string };
}

async function open(client: Client, appliedOn = addDays(today, -5), orgId = branchId): Promise<Detail> {
  const res = await client.post('/api/v1/development/files', { name: '材料测试', idNumber: idNumber('1995-06-15'), orgId, appliedOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('PATCH /api/v1/development/files/:id (personal details)', () => {
  it('401 → 400 → 403 → 200, audited; a stale version is 409', async () => {
    const file = await open(org);
    const url = `/api/v1/development/files/${file.id}`;
    expect((await t.anonymous().patch(url, { version: file.version, phone: '13800000000' })).statusCode).toBe(401);
    const bad = await org.patch(url, { version: file.version, idNumber: '11010519950615001' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('DEV_ID_NUMBER_INVALID');
    expect(errorOf(bad).details?.[0]?.path).toBe('body.idNumber');
    expect((await org.patch(url, { phone: '1' })).statusCode).toBe(400);
    expect((await u.inspector.patch(url, { version: file.version, phone: '1' })).statusCode).toBe(403);
    // Moving the file out of the secretary's branch is outside their scope.
    expect((await secretary.patch(url, { version: file.version, orgId: otherBranchId })).statusCode).toBe(403);

    const newId = idNumber('1994-02-03', false);
    const res = await secretary.patch(url, { version: file.version, name: '材料测试乙', idNumber: newId, phone: '13800000001' });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Detail;
    // The ID number decides gender and birth date.
    expect(after).toMatchObject({ name: '材料测试乙', birthDate: '1994-02-03', gender: 'female', version: file.version + 1 });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'development_file')
      .where('entity_id', '=', String(file.id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ name: '材料测试', gender: 'male', birth_date: '1995-06-15' });
    expect(audit.after).toMatchObject({ name: '材料测试乙', birth_date: '1994-02-03' });

    const stale = await org.patch(url, { version: file.version, phone: '13800000002' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    // Another file's ID number is refused.
    const other = await open(org);
    const taken = await org.patch(`/api/v1/development/files/${other.id}`, { version: other.version, idNumber: newId });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe('DEV_FILE_EXISTS');
    expect(errorOf(taken).message).toContain(String(file.id));
  });

  it('names an existing file only to a caller whose scope holds it', async () => {
    const elsewhere = await open(org, addDays(today, -5), otherBranchId);
    const detail = (await org.get(`/api/v1/development/files/${elsewhere.id}`)).json() as { idNumber: string };
    const again = await secretary.post('/api/v1/development/files', { name: '重复档案', idNumber: detail.idNumber, orgId: branchId, appliedOn: addDays(today, -1) });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('DEV_FILE_EXISTS_ELSEWHERE');
    expect(again.body).not.toContain(String(elsewhere.id));
    const byOffice = await org.post('/api/v1/development/files', { name: '重复档案', idNumber: detail.idNumber, orgId: branchId, appliedOn: addDays(today, -1) });
    expect(errorOf(byOffice).code).toBe('DEV_FILE_EXISTS');
  });
});

describe('documents for a step', () => {
  it('uploads (401 → 400 → 403 → 201), downloads, lists beside the generated ones, withdraws', async () => {
    const file = await open(org);
    const step1 = file.entries.find((e) => e.step === 1)!;
    const url = `/api/v1/development/files/${file.id}/documents`;
    const content = Buffer.from('%PDF-1.4\n% 入党申请书扫描件（测试）\n%%EOF\n');
    const file1 = { name: '入党申请书.pdf', content, type: 'application/pdf' };
    const fields = { entryId: String(step1.id) };
    expect((await postFile(t.anonymous(), url, file1, fields)).statusCode).toBe(401);
    const noFile = await postFile(org, url, null, fields);
    expect([noFile.statusCode, errorOf(noFile).details?.map((d) => d.path)]).toEqual([400, ['body.file']]);
    const tooBig = await postFile(org, url, { ...file1, content: Buffer.alloc(10 * 1024 * 1024 + 1, 1) }, fields);
    expect(tooBig.statusCode).toBe(400);
    expect(errorOf(tooBig).code).toBe('UPLOAD_TOO_LARGE');
    expect(errorOf(tooBig).message).toBe('文件“入党申请书.pdf”过大：10.0 MB，单个文件不超过 10 MB');
    const empty = await postFile(org, url, { ...file1, content: Buffer.alloc(0) }, fields);
    expect(errorOf(empty).code).toBe('UPLOAD_EMPTY');
    const badEntry = await postFile(org, url, file1, { entryId: '第一步' });
    expect(errorOf(badEntry).details?.map((d) => d.path)).toEqual(['body.entryId']);
    const wrongEntry = await postFile(org, url, file1, { entryId: '999999' });
    expect(errorOf(wrongEntry).code).toBe('DEV_DOCUMENT_ENTRY_UNKNOWN');
    expect((await postFile(u.inspector, url, file1, fields)).statusCode).toBe(403);

    const otherFile = await open(org, addDays(today, -3), otherBranchId);
    expect((await postFile(secretary, `/api/v1/development/files/${otherFile.id}/documents`, file1)).statusCode).toBe(403);

    const created = await postFile(secretary, url, file1, fields);
    expect(created.statusCode, created.body).toBe(201);
    const doc = created.json() as Detail['uploads'][number];
    expect(doc).toMatchObject({ entryId: step1.id, name: '入党申请书.pdf', size: content.length, withdrawn: false });
    // Exactly 10 MB is allowed.
    const pdfHead = Buffer.from('%PDF-1.4\n');
    const limit = await postFile(org, url, { name: 'big.pdf', content: Buffer.concat([pdfHead, Buffer.alloc(10 * 1024 * 1024 - pdfHead.length, 7)]) });
    expect(limit.statusCode, limit.body).toBe(201);

    const download = await org.get(`${url}/${doc.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('入党申请书.pdf'));
    expect(Buffer.compare(download.rawPayload, content)).toBe(0);
    // The inspector reads; another branch's secretary cannot.
    expect((await u.inspector.get(`${url}/${doc.id}`)).statusCode).toBe(200);
    expect((await secretary.get(`/api/v1/development/files/${otherFile.id}/documents/${doc.id}`)).statusCode).toBe(403);
    expect((await org.get(`/api/v1/development/files/${otherFile.id}/documents/${doc.id}`)).statusCode).toBe(404);

    const detail = (await org.get(`/api/v1/development/files/${file.id}`)).json() as Detail;
    expect(detail.uploads.map((u) => u.name)).toEqual(['入党申请书.pdf', 'big.pdf']);
    expect(detail.generated.map((g) => g.key)).toEqual(['file', 'talk_record']);
    for (const g of detail.generated) expect((await org.get(g.url)).statusCode, g.url).toBe(200);

    expect((await org.post(`${url}/${doc.id}/withdraw`, { reason: '' })).statusCode).toBe(400);
    const withdrawn = await org.post(`${url}/${doc.id}/withdraw`, { reason: '传错了人' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ withdrawn: true, withdrawnReason: '传错了人', name: '入党申请书.pdf' });
    expect((await org.get(`${url}/${doc.id}`)).statusCode).toBe(410);
    expect((await org.post(`${url}/${doc.id}/withdraw`, { reason: 'x' })).statusCode).toBe(409);
    const stored = await t.database.db.selectFrom('development_documents').select(['content', 'size']).where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(stored.content.length).toBe(0);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'development_document').where('entity_id', '=', String(doc.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });
});

describe('the unit’s 公示 setting', () => {
  it('401 → 400 → 403 → 200 with 409 on a stale version, and the notice check uses it', async () => {
    expect((await t.anonymous().get('/api/v1/development/settings')).statusCode).toBe(401);
    const current = (await org.get('/api/v1/development/settings')).json();
    expect(current.publicNotice).toEqual({ days: 5, unit: 'working_days' });
    expect((await org.put('/api/v1/development/settings', { version: current.version, publicNotice: { days: 0, unit: 'working_days' } })).statusCode).toBe(400);
    expect((await org.put('/api/v1/development/settings', { version: current.version, publicNotice: { days: 7, unit: 'weeks' } })).statusCode).toBe(400);
    expect((await u.inspector.put('/api/v1/development/settings', { version: current.version, publicNotice: { days: 7, unit: 'calendar_days' } })).statusCode).toBe(403);
    // A unit-wide setting: a branch secretary may not change it.
    const bySecretary = await secretary.put('/api/v1/development/settings', { version: current.version, publicNotice: { days: 7, unit: 'calendar_days' } });
    expect(bySecretary.statusCode).toBe(403);
    expect(errorOf(bySecretary).code).toBe('SETTINGS_UNIT_WIDE');
    const saved = await org.put('/api/v1/development/settings', { version: current.version, publicNotice: { days: 7, unit: 'calendar_days' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().publicNotice).toEqual({ days: 7, unit: 'calendar_days' });
    expect((await org.put('/api/v1/development/settings', { version: current.version, publicNotice: { days: 5, unit: 'working_days' } })).statusCode).toBe(409);
    // The organisational-life settings keep their own keys (shared row, merged overrides).
    const orglife = (await org.get('/api/v1/orglife/settings')).json();
    expect(orglife.ruleOverrides.publicNotice).toEqual({ days: 7, unit: 'calendar_days' });

    // A file at step 12 (dates from 2022, each step within the rules).
    const file = await open(org, '2022-03-01');
    const mentors = u.branch.full.slice(0, 2);
    const steps: Array<[number, string, Record<string, unknown>]> = [
      [2, '2022-03-15', {}],
      [3, '2022-06-01', {}],
      [4, '2022-06-08', {}],
      [5, '2022-06-10', { peopleIds: mentors.slice(0, 1) }],
      [6, '2022-12-01', {}],
      [7, '2023-06-01', {}],
      [8, '2023-06-05', {}],
      [9, '2023-06-06', { peopleIds: mentors }],
      [10, '2023-07-01', {}],
      [11, '2023-08-01', { details: { trainingDays: 3 } }],
      [12, '2023-09-01', {}],
    ];
    let version = file.version;
    const post = async (body: Record<string, unknown>) => {
      const res = await org.post(`/api/v1/development/files/${file.id}/entries`, { version, ...body });
      if (res.statusCode === 201) version = res.json().version;
      return res;
    };
    for (const [step, date, extra] of steps) {
      if (step === 7) expect((await post({ kind: 'review', date: '2023-05-30' })).statusCode).toBe(201);
      const res = await post({ kind: 'step', step, date, ...extra });
      expect(res.statusCode, `${step}: ${res.body}`).toBe(201);
    }
    // 7 calendar days from Monday 2023-09-04: the 5 working days to Friday are not enough.
    const short = await post({ kind: 'notice', date: '2023-09-04', details: { noticeEnd: '2023-09-09' } });
    expect(short.statusCode).toBe(422);
    expect(errorOf(short).message).toBe('公示期不足 7 天：2023-09-04 开始，最早 2023-09-10 期满（现填 2023-09-09）');
    expect((await post({ kind: 'notice', date: '2023-09-04', details: { noticeEnd: '2023-09-10' } })).statusCode).toBe(201);
    const detail = (await org.get(`/api/v1/development/files/${file.id}`)).json() as Detail;
    expect(detail.publicNotice).toEqual({ days: 7, unit: 'calendar_days' });
    expect(detail.generated.map((g) => g.key)).toContain('notice');

    // 10 working days: from Monday 2023-09-04 the earliest end is Friday 2023-09-15.
    const latest = (await org.get('/api/v1/development/settings')).json();
    expect((await org.put('/api/v1/development/settings', { version: latest.version, publicNotice: { days: 10, unit: 'working_days' } })).statusCode).toBe(200);
    const notice = ((await org.get(`/api/v1/development/files/${file.id}`)).json() as Detail).entries.find((e) => e.kind === 'notice')!;
    const correct = (date: string, noticeEnd: string) =>
      org.post(`/api/v1/development/files/${file.id}/entries/${notice.id}/corrections`, { version, date, details: { noticeEnd }, reason: '公示期按新规定' });
    const tooShort = await correct('2023-09-04', '2023-09-14');
    expect(errorOf(tooShort).message).toBe('公示期不足 10 个工作日：2023-09-04 开始，最早 2023-09-15 期满（现填 2023-09-14）');
    const corrected = await correct('2023-09-04', '2023-09-15');
    expect(corrected.statusCode, corrected.body).toBe(201);
    version = corrected.json().version;
    const early = await post({ kind: 'step', step: 13, date: '2023-09-15' });
    expect(errorOf(early).code).toBe('DEV_NOTICE_NOT_ENDED');
    expect((await post({ kind: 'step', step: 13, date: '2023-09-18' })).statusCode).toBe(201);
    const reset = (await org.get('/api/v1/development/settings')).json();
    expect((await org.put('/api/v1/development/settings', { version: reset.version, publicNotice: { days: 5, unit: 'working_days' } })).statusCode).toBe(200);
  });
});

describe('a failed probation', () => {
  it('gives the member the status 取消预备党员资格', async () => {
    const imported = await importProbationaryFile(org, u.branch.name, '转正未通过');
    const file = { id: imported.id, version: imported.version, member_id: imported.memberId };
    const res = await org.post(`/api/v1/development/files/${file.id}/entries`, { version: file.version, kind: 'disqualified', date: today, details: { reason: '不具备党员条件' } });
    expect(res.statusCode, res.body).toBe(201);
    const member = await t.database.db.selectFrom('members').select(['status', 'category']).where('id', '=', file.member_id!).executeTakeFirstOrThrow();
    expect(member.status).toBe('disqualified');
    const listed = (await org.get('/api/v1/members?status=disqualified&pageSize=200')).json();
    expect(listed.items.map((m: { id: number }) => m.id)).toContain(file.member_id);
  });
});

describe('holiday calendar (a global table)', () => {
  it('is changed only by a system administrator; the 2027 schedule can be added in one go', async () => {
    const admin = u.admin;
    const days = [
      { day: '2027-01-01', kind: 'off', note: '元旦' },
      { day: '2027-02-06', kind: 'work', note: '春节调休' },
    ];
    expect((await t.anonymous().put('/api/v1/development/holidays/years/2027', { days })).statusCode).toBe(401);
    expect((await admin.put('/api/v1/development/holidays/years/2027', { days: [{ day: '2028-01-01', kind: 'off', note: '' }] })).statusCode).toBe(400);
    expect((await org.put('/api/v1/development/holidays/years/2027', { days })).statusCode).toBe(403);
    const res = await admin.put('/api/v1/development/holidays/years/2027', { days });
    expect(res.statusCode, res.body).toBe(200);
    const list = (await org.get('/api/v1/development/holidays?year=2027')).json();
    expect(list.items).toEqual(days);
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'holiday').where('entity_id', '=', '2027').executeTakeFirstOrThrow();
    expect(audit.summary).toContain('2027');
  });
});
