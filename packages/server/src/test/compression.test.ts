/**
 * What goes over the wire: answers of 1 KB or more compressed for a client that accepts it (brotli,
 * else gzip), small ones and files that are compressed already (Excel) as they are; the web's files
 * as the build compressed them (.br / .gz beside each), the original to a client that accepts
 * neither.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp } from './harness.js';

let t: TestApp;
let org: Client;
let web: string;
const script = `console.log(${JSON.stringify('党员名册'.repeat(400))});\n`;

beforeAll(async () => {
  web = mkdtempSync(join(tmpdir(), 'hongyi-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>红医</title>');
  writeFileSync(join(web, 'assets', 'app-1a2b3c.js'), script);
  writeFileSync(join(web, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(script));
  writeFileSync(join(web, 'assets', 'app-1a2b3c.js.gz'), gzipSync(script));
  t = await createTestApp({ webDist: web });
  org = await t.login('org');
}, 120_000);
afterAll(async () => {
  await t?.close();
  rmSync(web, { recursive: true, force: true });
});

const members = (encoding?: string) => org.request({ method: 'GET', url: '/api/v1/members?page=1&pageSize=20', headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('answers over the wire', () => {
  it('sends a list compressed with brotli, else gzip, else as it is; the same answer each way', async () => {
    const plain = await members();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const answer = plain.json();

    const br = await members('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(answer);

    const gz = await members('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(answer);

    expect((await members('identity')).headers['content-encoding']).toBeUndefined();
  });

  it('leaves a small answer and an Excel file as they are', async () => {
    const health = await t.anonymous().request({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(health.statusCode).toBe(200);
    expect(health.rawPayload.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();

    const excel = await org.request({ method: 'GET', url: '/api/v1/members/export', headers: { 'accept-encoding': 'br, gzip' } });
    expect(excel.statusCode).toBe(200);
    expect(excel.headers['content-type']).toMatch(/spreadsheetml/);
    expect(excel.headers['content-encoding']).toBeUndefined();
    expect(excel.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('serves the web’s files as the build compressed them, the original to a client that takes neither', async () => {
    const url = '/assets/app-1a2b3c.js';
    const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(script);

    const gz = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(script);

    const plain = await t.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    // A page of the app (no file by that name), and the root, are index.html, never cached.
    for (const path of ['/members', '/']) {
      const page = await t.app.inject({ method: 'GET', url: path });
      expect(page.statusCode, path).toBe(200);
      expect(page.body, path).toContain('<title>红医</title>');
      expect(page.headers['cache-control'], path).toBe('no-cache');
    }
  });
});
