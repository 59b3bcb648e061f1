import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, type KyselyConfig, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /**
   * Runs a fixed statement that nearly every request sends (the session lookup) as a named
   * prepared statement on PostgreSQL: each pooled connection plans it once instead of on every
   * request, which was about a third of the lookup's time. `name` must stay unique to `text`.
   * (A PgBouncer in transaction mode needs max_prepared_statements, PgBouncer ≥ 1.21.) On
   * PGlite, in-process, it is an ordinary query.
   */
  prepared<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]>;
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
  /**
   * PostgreSQL: cut off any statement running longer than this (statement_timeout, set when each
   * pooled connection starts), so one heavy request cannot hold a connection and the database
   * for minutes; it then answers 503. 0 or omitted: no limit (migrations and the demo load).
   * PGlite runs in-process on one thread and has no such limit: there the bounds on what a
   * request may ask (lib/paging.ts) protect the others.
   */
  statementTimeoutMs?: number;
  /** Sees the text of every statement run through Kysely (tests: which queries filter by tenant). */
  onQuery?: (sql: string) => void;
}

function logOf(options: DatabaseOptions): KyselyConfig['log'] {
  const onQuery = options.onQuery;
  return onQuery ? (event) => onQuery(event.query.sql) : undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const timeout = options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {};
    const pool = new pg.Pool({ connectionString: options.url, max: 10, ...timeout });
    // An idle connection the server ends (a restart, a dropped database) must not crash the
    // process: the pool discards it and opens a new one on the next query.
    pool.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: logOf(options) });
    const prepared = async <R>(name: string, text: string, values: readonly unknown[]) => (await pool.query({ name, text, values: [...values] })).rows as R[];
    return { db, kind: 'postgres', close: () => db.destroy(), prepared };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: pgliteParsers,
    relaxedDurability: !options.dataDir,
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log: logOf(options) });
  const prepared = async <R>(_name: string, text: string, values: readonly unknown[]) => (await db.executeQuery<R>(CompiledQuery.raw(text, [...values]))).rows as R[];
  // PGlite's close ends its WebAssembly runtime, which sets process.exitCode to 0: a test run whose
  // teardown closes a database would then exit 0 with failed tests. The code is kept as it was.
  const close = async () => {
    const exitCode = process.exitCode;
    await db.destroy();
    process.exitCode = exitCode;
  };
  return { db, kind: 'pglite', close, prepared, pglite };
}
