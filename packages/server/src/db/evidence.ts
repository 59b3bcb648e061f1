/**
 * Every query of evidence files (lib/evidence.ts is the service side): one table of uploads per
 * owner kind, each row naming its owner in one column. A table and its owner column are a pair
 * the type below knows (EvidenceStore), so a module cannot name a column its table lacks.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import { inIds } from '../lib/scope.js';
import { type InspectedUpload, type UploadRow, uploadRow } from '../lib/uploads.js';
import type { DB, UploadColumns } from './schema.js';
import { withdrawnUpload } from './uploads.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The tables of evidence files and the column(s) that name a row's owner. */
export interface EvidenceTables {
  honour_files: 'honour_id' | 'programme_id';
  fund_files: 'request_id' | 'expense_id';
  project_files: 'project_id';
  decision_topic_files: 'topic_id';
  decision_feedback_files: 'feedback_id';
  venue_photos: 'venue_id';
  worksystem_manual_files: 'value_id';
  service_photos: 'event_id';
  orglife_attachments: 'record_id';
  development_documents: 'file_id';
}
export type EvidenceTable = keyof EvidenceTables;
type OwnerColumn = EvidenceTables[EvidenceTable];

/**
 * Tables whose files may also name a part of their owner, in this column: a development
 * document names the entry (step) of the file it evidences.
 */
export interface EvidencePartColumns {
  development_documents: 'entry_id';
}
type PartColumn = EvidencePartColumns[keyof EvidencePartColumns];

/** Where one kind of owner keeps its files: the table, the owner column (a pair of the list above) and, where the table has one, the part column. */
export type EvidenceStore = { [T in EvidenceTable]: { table: T; owner: EvidenceTables[T]; part?: T extends keyof EvidencePartColumns ? EvidencePartColumns[T] : never } }[EvidenceTable];

/** Every listed table has the upload columns and its owner (and part) columns (a compile error otherwise). */
type Fits<T extends EvidenceTable> = DB[T] extends UploadColumns & Record<EvidenceTables[T], number | null> & (T extends keyof EvidencePartColumns ? Record<EvidencePartColumns[T], number | null> : unknown) ? true : false;
export type EvidenceTablesFit = { [T in EvidenceTable]: Fits<T> }[EvidenceTable] extends true ? true : never;
const evidenceTablesFit: EvidenceTablesFit = true;
void evidenceTablesFit;

/** What the queries below see of an evidence table: the upload columns and an owner column. */
type EvidenceShape = UploadColumns & { [C in OwnerColumn | PartColumn]: number | null };
type EvidenceDB = { [T in EvidenceTable]: EvidenceShape };
/** The database as the queries of a parameterised table see it (every table above has this shape). */
const evidenceDb = (db: Db) => db as unknown as Kysely<EvidenceDB>;

const LISTED = ['id', 'name', 'content_type', 'size', 'created_by_name', 'created_at', 'withdrawn_at', 'withdrawn_reason'] as const;

/** A file as lists show it; partId: the part of the owner it names (null where the table has no part column). */
export type EvidenceRow = UploadRow & { partId: number | null };

/** The listed columns and, where the store has one, its part column as partId. */
const listedOf = (store: EvidenceStore) => [...LISTED, sql<number | null>`${store.part ? sql.ref(store.part) : sql`null`}`.as('partId')] as const;

const listed = (r: UploadRow & { partId: number | null }): EvidenceRow => ({ ...r, id: Number(r.id), partId: r.partId === null ? null : Number(r.partId) });

/** The files of these owners (without their content, withdrawn ones too), oldest first, each with its owner's id. */
export async function evidenceFilesOf(db: Db, store: EvidenceStore, tenantId: number, ownerIds: readonly number[]): Promise<(EvidenceRow & { ownerId: number })[]> {
  if (ownerIds.length === 0) return [];
  const rows = await evidenceDb(db)
    .selectFrom(store.table)
    .select([...listedOf(store), `${store.owner} as ownerId`])
    .where('tenant_id', '=', tenantId)
    .where(inIds(store.owner, ownerIds))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...listed(r), ownerId: Number(r.ownerId) }));
}

/** Stores a new file of the owner (and of the part it names, where the store has a part column), as lists show it. */
export async function insertEvidenceFile(db: Db, store: EvidenceStore, tenantId: number, ownerId: number, file: InspectedUpload, uploader: { userId: number | null; username: string }, partId: number | null = null): Promise<EvidenceRow> {
  const row = await evidenceDb(db)
    .insertInto(store.table)
    .values({ tenant_id: tenantId, [store.owner]: ownerId, ...(store.part ? { [store.part]: partId } : {}), ...uploadRow(file, uploader) })
    .returning(listedOf(store))
    .executeTakeFirstOrThrow();
  return listed(row);
}

/** One file of the owner with its content (withdrawn or not), or undefined. */
export async function findEvidenceFile(db: Db, store: EvidenceStore, tenantId: number, ownerId: number, fileId: number) {
  const row = await evidenceDb(db)
    .selectFrom(store.table)
    .select([...LISTED, 'content'])
    .where('tenant_id', '=', tenantId)
    .where(store.owner, '=', ownerId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return row && { ...row, id: Number(row.id) };
}

/** Withdraws a file still in place (content dropped; name, size, uploader and reason kept): undefined when another withdrew it first. */
export async function withdrawEvidenceFile(db: Db, store: EvidenceStore, tenantId: number, fileId: number, reason: string): Promise<EvidenceRow | undefined> {
  const row = await evidenceDb(db)
    .updateTable(store.table)
    .set(withdrawnUpload(reason))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', fileId)
    .where('withdrawn_at', 'is', null)
    .returning(listedOf(store))
    .executeTakeFirst();
  return row && listed(row);
}


/**
 * For a list's select: how many files of each listed owner are in place (not withdrawn), the
 * owner being the row of the outer query under this alias ('r': r.tenant_id, r.id).
 */
export function liveEvidenceCount(store: EvidenceStore, ownerAlias: string) {
  return sql<number>`(select count(*) from ${sql.table(store.table)} as f where f.tenant_id = ${sql.ref(`${ownerAlias}.tenant_id`)} and ${sql.ref(`f.${store.owner}`)} = ${sql.ref(`${ownerAlias}.id`)} and f.withdrawn_at is null)`;
}
