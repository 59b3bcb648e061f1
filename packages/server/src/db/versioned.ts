/**
 * Optimistic concurrency, the queries every module writes the same way: a row of the tenant is
 * changed or deleted only at the version its editor read. A change bumps the version and stamps
 * updated_at; false means another changed (or deleted) it first, or it is gone, and the service
 * answers 409 or 404. A change with a further condition (a status it must still be in) or a
 * computed column stays in its module's repository.
 */
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from './schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The tables whose rows carry a version (and so can be deleted at the version read). */
export type VersionedTable = { [T in keyof DB]: DB[T] extends { tenant_id: number; id: unknown; version: unknown } ? T : never }[keyof DB];
/** The versioned tables that also stamp their last change (updated_at). */
export type StampedTable = { [T in VersionedTable]: DB[T] extends { updated_at: unknown } ? T : never }[VersionedTable];

/** What the queries below see of a versioned table (every table above has these columns). */
interface VersionedShape {
  tenant_id: number;
  id: number;
  version: number;
  updated_at: Date;
}
const versionedDb = (db: Db) => db as unknown as Kysely<{ [T in VersionedTable]: VersionedShape }>;

/** Changes the row at the version read (bumping it, stamping updated_at): false when the version moved on or the row is gone. */
export async function updateVersioned<T extends StampedTable>(db: Db, table: T, tenantId: number, id: number, version: number, values: Updateable<DB[T]>): Promise<boolean> {
  const r = await versionedDb(db)
    .updateTable(table as StampedTable)
    .set({ ...(values as Partial<VersionedShape>), version: version + 1, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes the row at the version read: false when the version moved on or the row is gone. */
export async function deleteVersioned(db: Db, table: VersionedTable, tenantId: number, id: number, version: number): Promise<boolean> {
  const r = await versionedDb(db).deleteFrom(table).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
