import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { type FormFile, postFile } from '../../test/multipart.js';

let t: TestApp;
let tenantId: number;
let erId: number;
let otherBranchId: number;
let secretary: Client;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  tenantId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
  erId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow()).id;
  otherBranchId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('name', '=', '神经内科党支部').executeTakeFirstOrThrow()).id;
  secretary = await t.login('secretary');
});
afterAll(() => t.close());

/** A 主题党日 of the branch, recorded by whoever may (the office for other branches). */
async function record(by: Client, orgId = erId): Promise<{ id: number; version: number }> {
  const roster = (await by.get(`/api/v1/orglife/orgs/${orgId}/roster?date=${DEMO_TODAY}`)).json() as Array<{ id: number }>;
  const res = await by.post('/api/v1/orglife/records', {
    orgId,
    kinds: ['theme_party_day'],
    heldOn: DEMO_TODAY,
    place: '门诊楼五楼会议室',
    topics: ['学习贯彻党的二十届四中全会精神'],
    minutes: '支部书记领学，党员交流发言。',
    attendance: roster.map((m) => ({ memberId: m.id, status: 'present' })),
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

// A scanned sign-in sheet as a PDF (what the bytes are decides, not the name: lib/uploads.ts).
const sheet = Buffer.from('%PDF-1.4\n% 签到表：张三、李四、王五\n%%EOF\n', 'utf8');
const upload = (name = '签到表.pdf', content: Buffer = sheet): FormFile => ({ name, content, type: 'application/pdf' });

describe('attachments of a record', () => {
  it('401 → 400 → 403 → 201, then downloads byte for byte and is named in the minutes', async () => {
    const { id } = await record(secretary);
    const url = `/api/v1/orglife/records/${id}/attachments`;
    expect((await postFile(t.anonymous(), url, upload())).statusCode).toBe(401);

    const empty = await postFile(secretary, url, upload('空文件.pdf', Buffer.alloc(0)));
    expect([empty.statusCode, errorOf(empty).code, errorOf(empty).message]).toEqual([400, 'UPLOAD_EMPTY', '文件“空文件.pdf”是空的']);
    const tooLarge = await postFile(secretary, url, upload('录像.mp4', Buffer.alloc(10 * 1024 * 1024 + 1, 1)));
    expect([tooLarge.statusCode, errorOf(tooLarge).code]).toEqual([400, 'UPLOAD_TOO_LARGE']);
    expect(errorOf(tooLarge).message).toBe('文件“录像.mp4”过大：10.0 MB，单个文件不超过 10 MB');
    const noFile = await postFile(secretary, url, null, { name: '签到表.pdf' });
    expect(errorOf(noFile).details?.map((d) => d.path)).toEqual(['body.file']);

    // Read-only roles and members may not attach.
    expect((await postFile(await t.login('jijian'), url, upload())).statusCode).toBe(403);
    expect((await postFile(await t.login('member'), url, upload())).statusCode).toBe(403);

    const created = await postFile(secretary, url, upload());
    expect(created.statusCode).toBe(201);
    const attachment = created.json();
    expect(attachment).toMatchObject({ name: '签到表.pdf', size: sheet.length, createdByName: 'secretary', withdrawn: false });

    const detail = (await secretary.get(`/api/v1/orglife/records/${id}`)).json();
    expect(detail.attachments.map((a: { id: number }) => a.id)).toEqual([attachment.id]);
    const listed = await (await t.login('jijian')).get(url);
    expect(listed.json()).toEqual([attachment]);
    expect((await t.anonymous().get(url)).statusCode).toBe(401);

    // Readers download it: the discipline inspector may read the branch's records.
    const file = await (await t.login('jijian')).get(`${url}/${attachment.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(sheet)).toBe(true);
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('签到表.pdf')}`);

    const minutes = await secretary.get(`/api/v1/orglife/records/${id}/minutes.docx`);
    const xml = await (await JSZip.loadAsync(minutes.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('附件：1. 签到表.pdf');

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_type', '=', 'orglife_attachment').where('entity_id', '=', String(attachment.id)).execute();
    expect(audit).toEqual([{ action: 'create', summary: `组织生活记录（急诊科全科医学科党支部 ${DEMO_TODAY}）：上传附件“签到表.pdf”（${sheet.length} 字节）` }]);
  });

  it('a secretary attaches to their own branch’s records only; unknown records and attachments are 404', async () => {
    const org = await t.login('org');
    const other = await record(org, otherBranchId);
    const refused = await postFile(secretary, `/api/v1/orglife/records/${other.id}/attachments`, upload());
    expect([refused.statusCode, errorOf(refused).code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect((await secretary.get(`/api/v1/orglife/records/${other.id}/attachments/1`)).statusCode).toBe(403);
    expect((await secretary.get(`/api/v1/orglife/records/${other.id}/attachments`)).statusCode).toBe(403);
    const missing = await postFile(secretary, '/api/v1/orglife/records/999999999/attachments', upload());
    expect([missing.statusCode, errorOf(missing).code]).toEqual([404, 'ORGLIFE_RECORD_NOT_FOUND']);
    const own = await record(secretary);
    const notThere = await secretary.get(`/api/v1/orglife/records/${own.id}/attachments/999999999`);
    expect([notThere.statusCode, errorOf(notThere).code]).toEqual([404, 'ORGLIFE_ATTACHMENT_NOT_FOUND']);
    // An attachment is reached only through its own record.
    const onOther = (await postFile(org, `/api/v1/orglife/records/${other.id}/attachments`, upload('讲稿.pdf'))).json();
    expect((await secretary.get(`/api/v1/orglife/records/${own.id}/attachments/${onOther.id}`)).statusCode).toBe(404);
  });

  it('withdrawing keeps the note and the reason, drops the content; deleting the record deletes its attachments', async () => {
    const { id, version } = await record(secretary);
    const url = `/api/v1/orglife/records/${id}/attachments`;
    const a = (await postFile(secretary, url, upload('讲话稿.pdf'))).json();
    const noReason = await secretary.post(`${url}/${a.id}/withdraw`, { reason: ' ' });
    expect(errorOf(noReason).details?.map((d) => d.path)).toEqual(['body.reason']);
    const withdrawn = await secretary.post(`${url}/${a.id}/withdraw`, { reason: '传错文件' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: a.id, name: '讲话稿.pdf', withdrawn: true, withdrawnReason: '传错文件' });
    const gone = await secretary.get(`${url}/${a.id}`);
    expect([gone.statusCode, errorOf(gone).code]).toEqual([410, 'ORGLIFE_ATTACHMENT_WITHDRAWN']);
    const again = await secretary.post(`${url}/${a.id}/withdraw`, { reason: '再次撤回' });
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'ORGLIFE_ATTACHMENT_WITHDRAWN']);
    const stored = await t.database.db.selectFrom('orglife_attachments').select(['size', 'content']).where('tenant_id', '=', tenantId).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect([stored.size, stored.content.length]).toEqual([sheet.length, 0]);
    // The minutes no longer name it.
    const minutes = await secretary.get(`/api/v1/orglife/records/${id}/minutes.docx`);
    const xml = await (await JSZip.loadAsync(minutes.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('讲话稿.pdf');

    await postFile(secretary, url, upload('照片说明.pdf'));
    expect((await secretary.delete(`/api/v1/orglife/records/${id}?version=${version}`)).statusCode).toBe(204);
    const left = await t.database.db.selectFrom('orglife_attachments').select('id').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
    expect(left).toEqual([]);
  });
});
