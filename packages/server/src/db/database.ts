import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** Present on PGlite: the embedded instance (tests dump and reload its data directory). */
  pglite?: PGlite;
}

// Same value shapes on both drivers: bigint → number (our ids and counts stay far below 2^53),
// date → 'YYYY-MM-DD' string (no time-zone shifts), numeric → string.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);
const pgliteParsers = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v };

export interface DatabaseOptions {
  /** postgres://… — use PostgreSQL; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted → in memory. */
  dataDir?: string;
  /** PGlite: start from this dumped data directory (tests). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection the server ends (a restart, a dropped database) must not crash the
    // process: the pool discards it and opens a new one on the next query.
    pool.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: pgliteParsers,
    relaxedDurability: !options.dataDir,
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy(), pglite };
}
