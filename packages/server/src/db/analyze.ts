import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.js';

type Table = keyof DB & string;

export interface AnalyzeOptions {
  /**
   * Analyse a table only when it has no statistics yet or has grown by more than this share of
   * its size at the last ANALYZE (autovacuum's rule is 0.1): for writes that add a small share
   * of a large table each time, like a month close, where re-sampling every time costs more
   * than it tells the planner. Absent: always.
   */
  whenGrownBy?: number;
}

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
export async function analyzeTables(db: Kysely<DB>, tables: readonly Table[] | 'all', options: AnalyzeOptions = {}): Promise<void> {
  if (tables !== 'all' && tables.length === 0) return;
  try {
    if (tables === 'all') {
      await sql`analyze`.execute(db);
      return;
    }
    let names = [...new Set(tables)];
    if (options.whenGrownBy !== undefined) names = await grown(db, names, options.whenGrownBy);
    if (names.length > 0) await sql`analyze ${sql.join(names.map((t) => sql.table(t)))}`.execute(db);
  } catch (error) {
    console.warn(`analyze ${tables === 'all' ? '' : tables.join(', ')} failed: ${(error as Error).message}`);
  }
}

/**
 * The tables without statistics, or larger on disk than at their last ANALYZE by more than
 * `share` (pages now against pg_class.relpages, which ANALYZE records): cheap, no count.
 */
async function grown(db: Kysely<DB>, tables: Table[], share: number): Promise<Table[]> {
  const { rows } = await sql<{ name: Table; reltuples: number; relpages: number; pages: number }>`
    select c.relname as name, c.reltuples::float8 as reltuples, c.relpages, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int8 as pages
    from pg_class c where c.oid = any(${tables}::regclass[])`.execute(db);
  return rows.filter((r) => Number(r.reltuples) < 0 || Number(r.relpages) === 0 || Number(r.pages) > Number(r.relpages) * (1 + share)).map((r) => r.name);
}
