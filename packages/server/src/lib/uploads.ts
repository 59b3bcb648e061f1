/**
 * Uploaded evidence (development steps, organisational-life records): optional, never a
 * condition (rules.md, burden reduction). Files are stored in the database (bytea, at most
 * 10 MB, checked here and by each table) so that a backup of the database is a backup of the
 * files; they arrive as base64 in JSON, like every other write.
 *
 * What a file is comes from its bytes, never from the name or the type the browser claims: only
 * the kinds of document an office files as evidence are taken (PDF, JPEG, PNG, Word .docx,
 * Excel .xlsx), so an uploaded page of HTML or SVG can never be served back as one. Downloads
 * are attachments with nosniff and a sandboxing CSP.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Language } from '@hongyi/core';
import { AppError } from '../plugins/errors.js';
import { translate } from '../plugins/i18n.js';

/** At most 10 MB per file. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** A 10 MB file is ~13.4 MB as base64, plus the JSON around it. */
export const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;

/** The kinds of file taken as evidence: detected type → content type and the name endings that fit it. */
export const EVIDENCE_TYPES: Record<string, { mime: string; extensions: string[] }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', extensions: ['png'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
};
const EVIDENCE_MIMES = new Set(Object.values(EVIDENCE_TYPES).map((t) => t.mime));
/** For the upload button's file picker (the server decides by the bytes all the same). */
export const EVIDENCE_ACCEPT = Object.values(EVIDENCE_TYPES).flatMap((t) => t.extensions.map((e) => `.${e}`)).join(',');

/** The body fields of an upload. `contentType` is accepted for older clients and ignored: the bytes decide. */
export const uploadFields = {
  name: z.string().trim().min(1).max(200),
  contentType: z.string().trim().max(200).default('application/octet-stream'),
  // Strict base64 (padded, no spaces): anything else is a broken upload, refused on this field.
  dataBase64: z.base64().max(Math.ceil((UPLOAD_MAX_BYTES * 4) / 3) + 1024),
};

/**
 * The file's own name: what follows the last / or \ (a browser or a script may send a path),
 * without control characters; "file" when nothing is left.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().replace(/^\.+/, '');
  return clean || 'file';
}

export interface InspectedUpload {
  name: string;
  contentType: string;
  content: Buffer;
}

/**
 * The file's bytes, what they are, and the name to keep: an empty, too large or unaccepted file
 * is refused on the dataBase64 field with its name (and, when too large, the real limit); a name
 * whose ending does not fit the bytes gets the right one added (报告.html holding a PDF is kept
 * as 报告.html.pdf).
 */
export async function inspectUpload(body: { name: string; dataBase64: string }, language: Language): Promise<InspectedUpload> {
  const name = safeFileName(body.name);
  const refuse = (code: string, params: Record<string, unknown>) =>
    new AppError(400, code, params, [{ path: 'body.dataBase64', message: translate(code, language, params) }]);
  const content = Buffer.from(body.dataBase64, 'base64');
  if (content.length === 0) throw refuse('UPLOAD_EMPTY', { name });
  if (content.length > UPLOAD_MAX_BYTES) {
    throw refuse('UPLOAD_TOO_LARGE', { name, size: (content.length / 1024 / 1024).toFixed(1), max: UPLOAD_MAX_BYTES / 1024 / 1024 });
  }
  const detected = await fileTypeFromBuffer(content);
  const kind = detected ? EVIDENCE_TYPES[detected.ext] : undefined;
  if (!kind) throw refuse('UPLOAD_TYPE_NOT_ALLOWED', { name });
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const fitting = kind.extensions.includes(extension) ? name : `${name}.${kind.extensions[0]}`;
  return { name: fitting.slice(0, 200), contentType: kind.mime, content };
}

/** Content-Disposition for a download (RFC 6266 / 5987): always an attachment, the name as UTF-8 with an ASCII fallback. */
export function contentDisposition(name: string): string {
  const safe = safeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! as they are; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(safe).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored file as a download: an attachment, never rendered by the browser (nosniff, a
 * sandboxing CSP), as its detected type (files stored before types were detected go out as
 * application/octet-stream unless their type is one of the accepted ones), not cached.
 */
export function sendUpload(reply: FastifyReply, file: { name: string; content_type: string; content: Uint8Array }) {
  return reply
    .header('content-type', EVIDENCE_MIMES.has(file.content_type) ? file.content_type : 'application/octet-stream')
    .header('content-disposition', contentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.content));
}

/** An uploaded file as lists show it (without its content). */
export const uploadOut = z.object({
  id: z.number(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  createdByName: z.string(),
  createdAt: z.string(),
  withdrawn: z.boolean(),
  withdrawnReason: z.string(),
});

/** Columns every upload table has, as uploadOut presents them. */
export interface UploadRow {
  id: number;
  name: string;
  content_type: string;
  size: number;
  created_by_name: string;
  created_at: Date | string;
  withdrawn_at: Date | string | null;
  withdrawn_reason: string;
}

export function presentUpload(r: UploadRow): z.infer<typeof uploadOut> {
  return {
    id: r.id,
    name: r.name,
    contentType: r.content_type,
    size: r.size,
    createdByName: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    withdrawn: r.withdrawn_at !== null,
    withdrawnReason: r.withdrawn_reason,
  };
}

/** The columns of a new upload row, from the inspected file and who uploads it. */
export function uploadRow(file: InspectedUpload, uploader: { userId: number | null; username: string }) {
  return {
    name: file.name,
    content_type: file.contentType,
    size: file.content.length,
    content: file.content,
    created_by: uploader.userId,
    created_by_name: uploader.username,
  };
}

/**
 * The change that withdraws an upload: the content is dropped (a wrong file may be another
 * person's papers and should not linger); its name, size, uploader and the reason stay on record.
 */
export function withdrawal(reason: string) {
  return { withdrawn_at: sql<Date>`now()`, withdrawn_reason: reason, content: new Uint8Array(0) };
}
