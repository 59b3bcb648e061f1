/**
 * Uploaded files: what a file is, from its bytes. Files arrive through the upload kit
 * (lib/multipart.ts: streamed multipart/form-data, one route option per upload route; evidence
 * routes use its evidenceUpload). Evidence files (development
 * steps, organisational-life records) are optional, never a condition (rules.md, burden
 * reduction), and are stored in the database (bytea, at most 10 MB, checked here and by each
 * table) so that a backup of the database is a backup of the files.
 *
 * What a file is comes from its bytes, never from the name or the type the browser claims: each
 * route names the kinds it takes (an import takes .xlsx; evidence takes the documents an office
 * files: PDF, JPEG, PNG, Word .docx, Excel .xlsx), so an uploaded page of HTML or SVG can never
 * be served back as one. Downloads are attachments with nosniff and a sandboxing CSP.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { EVIDENCE_FILE_MAX_BYTES, type Language } from '@hongyi/core';
import { withdrawnUpload } from '../db/uploads.js';
import { AppError } from '../plugins/errors.js';
import { translate } from '../plugins/i18n.js';

/** At most 10 MB per file. */
export const UPLOAD_MAX_BYTES = EVIDENCE_FILE_MAX_BYTES;
/** A 10 MB file is ~13.4 MB as base64, plus the JSON around it. */
export const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;

/** The kinds of file the server takes anywhere: detected type → content type and the name endings that fit it. */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', extensions: ['png'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  // Excel 97–2003 (an OLE compound file): only imports name it; never evidence, since the same container holds .doc and programs.
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'] },
  // Plain text with no signature: only a route naming it takes one (an import of a sheet saved as CSV), never evidence.
  csv: { mime: 'text/csv', extensions: ['csv'] },
} as const satisfies Record<string, { mime: string; extensions: readonly string[] }>;
export type FileKind = keyof typeof FILE_KINDS;
/** What evidence may be: every kind. */
export const EVIDENCE_KINDS: FileKind[] = ['pdf', 'jpg', 'png', 'docx', 'xlsx'];
/** @deprecated the old name of FILE_KINDS. */
export const EVIDENCE_TYPES: Record<string, { mime: string; extensions: readonly string[] }> = FILE_KINDS;
const KNOWN_MIMES = new Set<string>(Object.values(FILE_KINDS).map((t) => t.mime));
/** The name endings of some kinds, for a file picker's accept ('.xlsx'); the server decides by the bytes all the same. */
export const acceptOf = (kinds: readonly FileKind[]) => kinds.flatMap((k) => FILE_KINDS[k].extensions.map((e) => `.${e}`)).join(',');
/** For the upload button's file picker (the server decides by the bytes all the same). */
export const EVIDENCE_ACCEPT = acceptOf(EVIDENCE_KINDS);

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

/** Megabytes as the messages show them ('12.3'; a whole number without decimals). */
const megabytes = (bytes: number) => String(Number((bytes / 1024 / 1024).toFixed(1)));

/** The refusal of a file on the field that carried it (body.file, body.dataBase64), in the caller's language. */
export function uploadRefusal(code: string, params: Record<string, unknown>, path: string, language: Language): AppError {
  return new AppError(400, code, params, [{ path, message: translate(code, language, params) }]);
}

/** A file over the route's limit, with its size (as far as it is known) and the real limit. */
export function uploadTooLarge(name: string, size: number, maxBytes: number, path: string, language: Language): AppError {
  return uploadRefusal('UPLOAD_TOO_LARGE', { name, size: (size / 1024 / 1024).toFixed(1), max: megabytes(maxBytes) }, path, language);
}

/** Text without a signature, named .csv, with no NUL byte (a binary file is never taken for one). */
function looksLikeCsv(content: Buffer, name: string): boolean {
  return /\.csv$/i.test(name) && !content.subarray(0, 64 * 1024).includes(0);
}

/**
 * What the bytes are, refused unless they are one of the route's kinds: evidence routes (every
 * kind) say so in the words they always have; a route taking fewer kinds names them.
 */
export async function inspectFile(content: Buffer, rawName: string, kinds: readonly FileKind[], maxBytes: number, path: string, language: Language): Promise<InspectedUpload> {
  const name = safeFileName(rawName);
  if (content.length === 0) throw uploadRefusal('UPLOAD_EMPTY', { name }, path, language);
  if (content.length > maxBytes) throw uploadTooLarge(name, content.length, maxBytes, path, language);
  const detected = await fileTypeFromBuffer(content);
  // A compound file is whatever its reader makes of it: the import reading it refuses anything but a workbook.
  const detectedKind = detected?.ext === 'cfb' ? 'xls' : (detected?.ext as FileKind | undefined);
  const ext = detectedKind ?? (kinds.includes('csv') && looksLikeCsv(content, name) ? 'csv' : undefined);
  if (!ext || !kinds.includes(ext)) {
    if (EVIDENCE_KINDS.every((k) => kinds.includes(k))) throw uploadRefusal('UPLOAD_TYPE_NOT_ALLOWED', { name }, path, language);
    throw uploadRefusal('UPLOAD_TYPE_ONLY', { name, types: acceptOf(kinds).split(',').join(language === 'en-US' ? ', ' : '、') }, path, language);
  }
  const kind = FILE_KINDS[ext];
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const fitting = (kind.extensions as readonly string[]).includes(extension) ? name : `${name}.${kind.extensions[0]}`;
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
    .header('content-type', KNOWN_MIMES.has(file.content_type) ? file.content_type : 'application/octet-stream')
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
export const withdrawal = withdrawnUpload;
