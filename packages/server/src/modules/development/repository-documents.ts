/** Uploaded evidence of a file's steps (lib/uploads.ts decides what a file is; stored in the database). */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type InspectedUpload, uploadRow, withdrawal } from '../../lib/uploads.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The documents uploaded to a file (without their content), oldest first. */
export function documentsOf(db: Db, tenantId: number, fileId: number) {
  return db
    .selectFrom('development_documents')
    .select(['id', 'entry_id', 'name', 'content_type', 'size', 'created_by_name', 'created_at', 'withdrawn_at', 'withdrawn_reason'])
    .where('tenant_id', '=', tenantId)
    .where('file_id', '=', fileId)
    .orderBy('id')
    .execute();
}

/** One document of a file, with its content. */
export function documentOf(db: Db, tenantId: number, fileId: number, documentId: number) {
  return db
    .selectFrom('development_documents')
    .select(['id', 'name', 'content_type', 'content', 'withdrawn_at'])
    .where('tenant_id', '=', tenantId)
    .where('file_id', '=', fileId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

export async function insertDocument(db: Db, tenantId: number, fileId: number, entryId: number | null, upload: InspectedUpload, by: { userId: number | null; username: string }): Promise<number> {
  const row = await db
    .insertInto('development_documents')
    .values({ tenant_id: tenantId, file_id: fileId, entry_id: entryId, ...uploadRow(upload, by) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function withdrawDocument(db: Db, tenantId: number, documentId: number, reason: string): Promise<void> {
  await db.updateTable('development_documents').set(withdrawal(reason)).where('tenant_id', '=', tenantId).where('id', '=', documentId).execute();
}
