/**
 * Form uploads in tests (the upload kit, lib/multipart.ts): a multipart/form-data body built by
 * hand, as a browser's FormData sends it, and a post through a test client (session cookie and
 * CSRF token included).
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './harness.js';

export interface FormFile {
  name: string;
  content: Buffer;
  /** What the browser claims (the server reads the bytes instead). */
  type?: string;
  /** The form field; 'file' unless a test sends it elsewhere. */
  field?: string;
}

/** A multipart/form-data body with text fields and any number of files (usually one). */
export function formData(fields: Record<string, string> = {}, files: FormFile[] = []): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hongyi-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name.replace(/"/g, '%22')}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** POSTs one file (and fields) as a form upload. */
export function postFile(client: Client, url: string, file: FormFile | null, fields: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const form = formData(fields, file ? [file] : []);
  return client.request({ method: 'POST', url, payload: form.payload, headers: { ...form.headers, ...headers } });
}

/** A 1×1 PNG: an evidence file or photo as a browser uploads it. */
export const PNG_BYTES = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
