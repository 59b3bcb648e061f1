import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import { IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandling } from '../plugins/errors.js';
import { type Unit, createAccount, createUnit, signIn } from '../test/fixture.js';
import { type Client, type TestApp, createTestApp, errorOf } from '../test/harness.js';
import { formData, postFile } from '../test/multipart.js';
import { fileUpload } from './multipart.js';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('花名册').addRow(['姓名', '公民身份号码']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The kit on a bare route: evidence kinds, a small limit and two named fields. */
async function bareApp() {
  const app = Fastify();
  app.decorateRequest('auth', null);
  app.decorateRequest('language', 'zh-CN');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  const upload = fileUpload({ maxBytes: 100 * 1024, kinds: ['pdf', 'jpg', 'png', 'docx', 'xlsx'], fields: { note: z.string().trim().max(10), count: z.coerce.number().int().min(1) } });
  app.withTypeProvider<ZodTypeProvider>().post('/upload', { ...upload.route, schema: upload.schema }, async (request) => ({
    name: request.body.file.name,
    contentType: request.body.file.contentType,
    size: request.body.file.content.length,
    note: request.body.note,
    count: request.body.count,
  }));
  await app.ready();
  return app;
}

describe('the upload kit on a route of its own', () => {
  let app: Awaited<ReturnType<typeof bareApp>>;
  beforeAll(async () => {
    app = await bareApp();
  });
  afterAll(() => app.close());
  const post = (fields: Record<string, string>, files: Parameters<typeof formData>[1]) => {
    const form = formData(fields, files);
    return app.inject({ method: 'POST', url: '/upload', payload: form.payload, headers: form.headers });
  };

  it('hands the route the file (kind from the bytes, the name without its path) and the typed fields', async () => {
    const res = await post({ note: ' 签到 ', count: '3' }, [{ name: 'C:\\fakepath\\..\\会议\\签到表.png', content: PNG, type: 'text/html' }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ name: '签到表.png', contentType: 'image/png', size: PNG.length, note: '签到', count: 3 });
    const unix = await post({ note: '', count: '1' }, [{ name: '/etc/../home/报告.html', content: PDF }]);
    expect(unix.json()).toMatchObject({ name: '报告.html.pdf', contentType: 'application/pdf' });
  });

  it('refuses a file over the limit with its size and the real limit, streamed or declared', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(150 * 1024)]);
    const declared = await post({ note: '', count: '1' }, [{ name: 'a/大图.png', content: big }]);
    expect(declared.statusCode).toBe(400);
    expect(errorOf(declared)).toMatchObject({ code: 'UPLOAD_TOO_LARGE', details: [{ path: 'body.file' }] });
    expect(errorOf(declared).message).toMatch(/^文件“大图.png”过大：.* MB，单个文件不超过 0.1 MB$/);
    // Sent without a length (chunked): the stream is cut at the limit.
    const form = formData({ note: '', count: '1' }, [{ name: '大图.png', content: Buffer.concat([PNG, Buffer.alloc(200_000)]) }]);
    const streamed = await app.inject({ method: 'POST', url: '/upload', payload: Readable.from([form.payload]), headers: form.headers });
    expect(streamed.statusCode).toBe(400);
    expect(errorOf(streamed).code).toBe('UPLOAD_TOO_LARGE');
  });

  it('refuses what the bytes show is no accepted kind, whatever its name, and an empty file', async () => {
    const html = await post({ note: '', count: '1' }, [{ name: '签到表.png', content: Buffer.from('<html><script>alert(1)</script></html>'), type: 'image/png' }]);
    expect(errorOf(html)).toMatchObject({ code: 'UPLOAD_TYPE_NOT_ALLOWED', details: [{ path: 'body.file' }] });
    expect(errorOf(html).message).toContain('签到表.png');
    const empty = await post({ note: '', count: '1' }, [{ name: '空.pdf', content: Buffer.alloc(0) }]);
    expect(errorOf(empty)).toMatchObject({ code: 'UPLOAD_EMPTY', message: '文件“空.pdf”是空的' });
  });

  it('names the missing file, a bad field, a second file and a body that is no form upload', async () => {
    const missing = await post({ note: '', count: '1' }, []);
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details?.map((d) => d.path)).toEqual(['body.file']);
    const badField = await post({ note: '太长太长太长太长太长太长', count: '0' }, [{ name: 'a.png', content: PNG }]);
    expect(errorOf(badField).details?.map((d) => d.path).sort()).toEqual(['body.count', 'body.note']);
    const nul = await post({ note: 'a\u0000b', count: '1' }, [{ name: 'a.png', content: PNG }]);
    expect(errorOf(nul)).toMatchObject({ code: 'TEXT_NUL', details: [{ path: 'body.note' }] });
    const two = await post({ note: '', count: '1' }, [{ name: 'a.png', content: PNG }, { name: 'b.png', content: PNG }]);
    expect([two.statusCode, errorOf(two).code]).toEqual([400, 'UPLOAD_UNEXPECTED_FILE']);
    const elsewhere = await post({ note: '', count: '1' }, [{ name: 'a.png', content: PNG, field: 'attachment' }]);
    expect([elsewhere.statusCode, errorOf(elsewhere).code]).toEqual([400, 'UPLOAD_UNEXPECTED_FILE']);
    const json = await app.inject({ method: 'POST', url: '/upload', payload: { file: 'iVBORw0K', note: '', count: 1 } });
    expect(errorOf(json)).toMatchObject({ code: 'UPLOAD_NOT_MULTIPART', details: [{ path: 'body.file' }] });
    const cut = formData({ note: '', count: '1' }, [{ name: 'a.png', content: PNG }]);
    const truncated = await app.inject({ method: 'POST', url: '/upload', payload: cut.payload.subarray(0, cut.payload.length - 40), headers: cut.headers });
    expect(truncated.statusCode).toBe(400);
  });
});

describe('the upload kit on the roster import (session, CSRF, permission, OpenAPI)', () => {
  let t: TestApp;
  let unit: Unit;
  let org: Client;
  let xlsx: Buffer;
  const url = '/api/v1/members/import/preview';
  beforeAll(async () => {
    t = await createTestApp({ empty: true });
    unit = await createUnit(t.database.db, 'upload-kit', '上传医院');
    await createAccount(t.database.db, unit, 'kit.org', [{ role: 'org_office' }]);
    await createAccount(t.database.db, unit, 'kit.jijian', [{ role: 'inspector' }]);
    org = await signIn(t, 'kit.org');
    xlsx = await workbook();
  });
  afterAll(() => t.close());

  it('401 without a session and 403 without the CSRF token, before the file is read', async () => {
    expect((await postFile(t.anonymous(), url, { name: '名册.xlsx', content: xlsx })).statusCode).toBe(401);
    const noToken = await postFile({ ...org, request: (o) => org.request({ ...o, headers: { ...o.headers, 'x-csrf-token': '' } }) }, url, { name: '名册.xlsx', content: xlsx });
    expect([noToken.statusCode, errorOf(noToken).code]).toEqual([403, 'CSRF_INVALID']);
  });

  it('400 for the input before 403 for the permission; the route’s own kinds and limit', async () => {
    const jijian = await signIn(t, 'kit.jijian');
    expect(errorOf(await postFile(jijian, url, { name: '名册.png', content: PNG })).code).toBe('UPLOAD_TYPE_ONLY');
    expect((await postFile(jijian, url, { name: '名册.xlsx', content: xlsx })).statusCode).toBe(403);
    const png = await postFile(org, url, { name: '名册.png', content: PNG });
    expect(errorOf(png)).toMatchObject({ code: 'UPLOAD_TYPE_ONLY', message: '文件“名册.png”不是可接收的类型：请上传 .xlsx、.xls 文件', details: [{ path: 'body.file' }] });
    const big = await postFile(org, url, { name: '名册.xlsx', content: Buffer.concat([xlsx, Buffer.alloc(IMPORT_FILE_MAX_BYTES)]) });
    expect(errorOf(big)).toMatchObject({ code: 'UPLOAD_TOO_LARGE', details: [{ path: 'body.file' }] });
    expect(errorOf(big).message).toMatch(/单个文件不超过 20 MB$/);
    const ok = await postFile(org, url, { name: 'D:\\名册\\名册.xlsx', content: xlsx });
    // An empty roster is the roster's own refusal: the kit let the file through.
    expect(errorOf(ok).code).toBe('ROSTER_EMPTY');
  });

  it('documents the body as a form upload with a binary file', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = doc.paths['/api/v1/members/import/preview'].post.requestBody;
    expect(Object.keys(body.content)).toEqual(['multipart/form-data']);
    expect(body.content['multipart/form-data'].schema).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
  });
});
