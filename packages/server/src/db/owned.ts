/**
 * Rows a record owns in a table of its own (a project's outcomes, a programme's milestones, a
 * meeting's attendance, the orgs a venue is shared with): the record saves them as a whole, so
 * the table holds exactly the list it saved last, and reads them back grouped by owner.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The columns of a tenant table that can name an owner (a number). */
type OwnerColumn<T extends keyof DB> = { [C in keyof DB[T]]: DB[T][C] extends number ? C : never }[keyof DB[T]] & string;

/** One owned row as the owner gives it: everything but the tenant and the owner, which the helper adds. */
export type OwnedRow<T extends keyof DB, C extends OwnerColumn<T>> = Omit<Insertable<DB[T]>, 'tenant_id' | C>;

/** Replaces the rows the owner has in the table with these (deletes its rows, then inserts the list; none: the owner is left with none). */
export async function replaceOwnedRows<T extends keyof DB & string, C extends OwnerColumn<T>>(db: Db, table: T, tenantId: number, ownerColumn: C, ownerId: number, rows: readonly OwnedRow<T, C>[]): Promise<void> {
  // The table is a parameter: the query sees it as a table with a tenant, an owner and the given columns.
  const owned = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const name: string = table;
  const owner: string = ownerColumn;
  await owned.deleteFrom(name).where('tenant_id', '=', tenantId).where(owner, '=', ownerId).execute();
  if (rows.length === 0) return;
  await owned
    .insertInto(name)
    .values(rows.map((r) => ({ tenant_id: tenantId, [owner]: ownerId, ...(r as Record<string, unknown>) })))
    .execute();
}

/** Rows read for several owners, grouped by owner in the order read (an owner without rows has no entry). */
export function groupByOwner<R, V>(rows: readonly R[], ownerOf: (r: R) => number, present: (r: R) => V): Map<number, V[]> {
  const out = new Map<number, V[]>();
  for (const r of rows) {
    const owner = ownerOf(r);
    const list = out.get(owner);
    if (list) list.push(present(r));
    else out.set(owner, [present(r)]);
  }
  return out;
}
