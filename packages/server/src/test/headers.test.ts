import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from '../lib/uploads.js';
import { type Client, type TestApp, createTestApp, errorOf } from './harness.js';
import { postFile } from './multipart.js';

let t: TestApp;
let org: Client;
let url: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.login('org');
  const record = await t.database.db.selectFrom('orglife_records').select('id').orderBy('id').executeTakeFirstOrThrow();
  url = `/api/v1/orglife/records/${record.id}/attachments`;
});
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n% 会议签到表\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const send = (name: string, content: Buffer, type = 'application/pdf') => postFile(org, url, { name, content, type });

describe('security headers', () => {
  it('answers with a CSP that fits the app, nosniff, no framing and no referrer; no HTTPS-only headers over http', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // Errors carry them too.
    expect((await t.anonymous().get('/api/v1/members')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps the API docs page working under the policy (no inline scripts there)', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' })).statusCode).toBe(200);
  });
});

describe('uploads', () => {
  it('takes the type from the bytes: HTML or SVG under any name or claimed type is refused on the field', async () => {
    for (const [name, content, claimed] of [
      ['签到表.pdf', Buffer.from('<html><script>alert(document.cookie)</script></html>'), 'application/pdf'],
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml'],
      ['notes.txt', Buffer.from('纯文本'), 'text/plain'],
      ['tool.exe', Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), 'application/octet-stream'],
    ] as const) {
      const res = await send(name, content, claimed);
      expect(res.statusCode, name).toBe(400);
      expect(errorOf(res), name).toMatchObject({ code: 'UPLOAD_TYPE_NOT_ALLOWED', details: [{ path: 'body.file' }] });
      expect(errorOf(res).message).toContain('PDF、JPG、PNG');
    }
  });

  it('stores what the bytes are, with the path stripped and a fitting ending; serves it as an attachment that is never rendered', async () => {
    const cases: Array<[string, Buffer, string, string]> = [
      ['../../etc/passwd.pdf', pdf, 'passwd.pdf', 'application/pdf'],
      ['C:\\fakepath\\扫描件.PDF', pdf, '扫描件.PDF', 'application/pdf'],
      ['报告.html', pdf, '报告.html.pdf', 'application/pdf'],
      ['photo', png, 'photo.png', 'image/png'],
    ];
    for (const [name, content, stored, type] of cases) {
      const created = await send(name, content, 'text/html');
      expect(created.statusCode, name).toBe(201);
      expect(created.json(), name).toMatchObject({ name: stored, contentType: type });
      const download = await org.get(`${url}/${created.json().id}`);
      expect(download.headers['content-type'], name).toBe(type);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(String(download.headers['content-disposition'])).toMatch(/^attachment; filename="[^"/\\]*"; filename\*=UTF-8''/);
      expect(download.rawPayload.equals(content)).toBe(true);
    }
  });

  it('serves a file stored before types were detected as a plain download', async () => {
    const created = (await send('旧附件.pdf', pdf)).json();
    await t.database.db.updateTable('orglife_attachments').set({ content_type: 'text/html' }).where('id', '=', created.id).execute();
    const download = await org.get(`${url}/${created.id}`);
    expect(download.headers['content-type']).toBe('application/octet-stream');
  });

  it('takes files only as form uploads, and states the real limit of a body too large', async () => {
    const json = await org.post(url, { name: 'a.pdf', dataBase64: pdf.toString('base64') });
    expect([json.statusCode, errorOf(json).code, errorOf(json).details?.map((d) => d.path)]).toEqual([400, 'UPLOAD_NOT_MULTIPART', ['body.file']]);
    const small = await org.request({ method: 'PUT', url: '/api/v1/auth/language', payload: JSON.stringify({ language: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(errorOf(small).message).toBe('请求内容过大（上限 1 MB）');
  });

  it('names downloads safely (RFC 5987) whatever was stored', () => {
    expect(safeFileName('a/b\\c.pdf')).toBe('c.pdf');
    expect(safeFileName('../..')).toBe('file');
    expect(safeFileName('bad\u0000\r\nname.pdf')).toBe('badname.pdf');
    expect(contentDisposition("会议(1)'s*.pdf")).toBe(`attachment; filename="__(1)'s*.pdf"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%281%29%27s%2A.pdf`);
    expect(contentDisposition('x";\r\nSet-Cookie: a=b.pdf')).toBe(`attachment; filename="x_;Set-Cookie: a=b.pdf"; filename*=UTF-8''x%22%3BSet-Cookie%3A%20a%3Db.pdf`);
  });
});
