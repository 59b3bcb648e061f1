import { sql } from 'kysely';

/**
 * The columns that withdraw a stored upload (orglife_attachments, development_documents): the
 * content is dropped, the name, size, uploader and reason stay; the time is the database's.
 */
export function withdrawnUpload(reason: string) {
  return { withdrawn_at: sql<Date>`now()`, withdrawn_reason: reason, content: new Uint8Array(0) };
}
