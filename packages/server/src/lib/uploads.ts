/**
 * Uploaded evidence (development steps, organisational-life records): optional, never a
 * condition (rules.md, burden reduction). Files are stored in the database (bytea, at most
 * 10 MB, checked here and by each table) so that a backup of the database is a backup of the
 * files; they arrive as base64 in JSON, like every other write.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../plugins/errors.js';

/** At most 10 MB per file. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** A 10 MB file is ~13.4 MB as base64, plus the JSON around it. */
export const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;

/** The body fields of an upload. */
export const uploadFields = {
  name: z.string().trim().min(1).max(200),
  contentType: z.string().trim().max(200).default('application/octet-stream'),
  dataBase64: z.string().max(Math.ceil((UPLOAD_MAX_BYTES * 4) / 3) + 1024),
};

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

/** The file's bytes; an empty or too large file is refused with its name and size. */
export function decodeUpload(body: { name: string; dataBase64: string }): Buffer {
  const content = Buffer.from(body.dataBase64, 'base64');
  if (content.length === 0) throw new AppError(400, 'UPLOAD_EMPTY', { name: body.name }, [{ path: 'body.dataBase64', message: body.name }]);
  if (content.length > UPLOAD_MAX_BYTES) {
    throw new AppError(400, 'UPLOAD_TOO_LARGE', { name: body.name, size: (content.length / 1024 / 1024).toFixed(1), max: UPLOAD_MAX_BYTES / 1024 / 1024 }, [
      { path: 'body.dataBase64', message: body.name },
    ]);
  }
  return content;
}

/** Content-Disposition for a download: the name as UTF-8, with an ASCII fallback. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

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

/** The columns of a new upload row, from the request body, its decoded bytes and who uploads it. */
export function uploadRow(body: { name: string; contentType: string }, content: Buffer, uploader: { userId: number | null; username: string }) {
  return {
    name: body.name,
    content_type: body.contentType || 'application/octet-stream',
    size: content.length,
    content,
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
