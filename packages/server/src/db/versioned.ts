/**
 * Optimistic concurrency, the queries every module writes the same way: a row of the tenant is
 * changed or deleted only at the version its editor read. A change bumps the version and stamps
 * updated_at; false means another changed (or deleted) it first, or it is gone, and the service
 * answers 409 or 404. A change may also require the status the row must still be in (a draft
 * that is changed only while a draft). A change with a computed column stays in its module's
 * repository.
 */
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from './schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The tables whose rows carry a version (and so can be deleted at the version read). */
export type VersionedTable = { [T in keyof DB]: DB[T] extends { tenant_id: number; id: unknown; version: unknown } ? T : never }[keyof DB];
/** The versioned tables that also stamp their last change (updated_at). */
export type StampedTable = { [T in VersionedTable]: DB[T] extends { updated_at: unknown } ? T : never }[VersionedTable];

/** The status a row must still be in for the change, on tables with a status column (never elsewhere). */
type WhileStatus<T extends keyof DB> = DB[T] extends { status: infer S } ? (S extends { __select__: infer V } ? V : S) : never;

/** What the queries below see of a versioned table (every table above has these columns; status only where WhileStatus allows one). */
interface VersionedShape {
  tenant_id: number;
  id: number;
  version: number;
  updated_at: Date;
  status: string;
}
const versionedDb = (db: Db) => db as unknown as Kysely<{ [T in VersionedTable]: VersionedShape }>;

/** The change at the version read (and, when given, in the status it must still be in): false when the version moved on, the status changed or the row is gone. */
async function changeAtVersion(db: Db, table: VersionedTable, tenantId: number, id: number, version: number, set: Partial<VersionedShape>, whileStatus: string | undefined): Promise<boolean> {
  let q = versionedDb(db).updateTable(table).set({ ...set, version: version + 1 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version);
  if (whileStatus !== undefined) q = q.where('status', '=', whileStatus);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Changes the row at the version read (bumping it, stamping updated_at): false when the version moved on or the row is gone (or, with whileStatus, left that status). */
export async function updateVersioned<T extends StampedTable>(db: Db, table: T, tenantId: number, id: number, version: number, values: Updateable<DB[T]>, whileStatus?: WhileStatus<T>): Promise<boolean> {
  return changeAtVersion(db, table, tenantId, id, version, { ...(values as Partial<VersionedShape>), updated_at: new Date() }, whileStatus as string | undefined);
}

/**
 * Changes the row at the version read, bumping it without stamping updated_at (the table keeps
 * none, or the change is not one it stamps): false when the version moved on or the row is gone.
 */
export async function bumpVersioned<T extends VersionedTable>(db: Db, table: T, tenantId: number, id: number, version: number, values: Updateable<DB[T]>, whileStatus?: WhileStatus<T>): Promise<boolean> {
  return changeAtVersion(db, table, tenantId, id, version, values as Partial<VersionedShape>, whileStatus as string | undefined);
}

/** Deletes the row at the version read: false when the version moved on or the row is gone. */
export async function deleteVersioned(db: Db, table: VersionedTable, tenantId: number, id: number, version: number): Promise<boolean> {
  const r = await versionedDb(db).deleteFrom(table).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
