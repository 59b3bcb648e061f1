import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.js';

/**
 * Refreshes the planner's statistics of tables just written in bulk (the demo load, imports,
 * a month close). Without them the first requests after a large write are planned for empty
 * tables: on PostgreSQL the member list took 600 ms on a freshly loaded demo and 12 ms once
 * analysed, and autovacuum only catches up later; PGlite has no autovacuum at all.
 *
 * Call it after the write's transaction has committed (statistics of uncommitted rows are not
 * what other sessions will see). 'all' analyses the whole database (only for the demo load).
 * A failure is logged and swallowed: stale statistics slow a query, they never break one.
 */
export async function analyzeTables(db: Kysely<DB>, tables: readonly (keyof DB & string)[] | 'all'): Promise<void> {
  if (tables !== 'all' && tables.length === 0) return;
  try {
    if (tables === 'all') await sql`analyze`.execute(db);
    else await sql`analyze ${sql.join([...new Set(tables)].map((t) => sql.table(t)))}`.execute(db);
  } catch (error) {
    console.warn(`analyze ${tables === 'all' ? '' : tables.join(', ')} failed: ${(error as Error).message}`);
  }
}
