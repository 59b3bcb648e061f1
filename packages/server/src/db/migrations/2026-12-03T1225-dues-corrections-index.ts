import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Every list of ledger entries shows each entry's effective amount: its own plus the corrections
 * that refer to it (corrects_id), summed by a subquery per entry. Without an index that subquery
 * read the whole ledger for every entry, so a list cost the square of the ledger's size: the
 * deepest page of 18,000 entries took 95 s on the embedded database, and page=1000000000 held
 * the server for minutes (issue 11, item 19). With it, each is one index probe. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, `create index if not exists dues_entries_corrects on dues_entries (tenant_id, corrects_id) where corrects_id is not null;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, `drop index if exists dues_entries_corrects;`);
}
