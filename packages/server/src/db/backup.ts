/**
 * Backup and restore of a whole Hongyi database, the same on PGlite and PostgreSQL and from one
 * to the other: a gzip'd file of JSON lines, one table after another, each row as PostgreSQL's
 * own `row_to_json` gives it (so every type — dates, instants, bytea, jsonb, arrays — goes back
 * through the column's own input function on restore).
 *
 * The dump is read inside one REPEATABLE READ, READ ONLY transaction: a consistent picture while
 * the server goes on writing (on PGlite, whose one connection the server shares, the writes wait
 * for the dump instead). Sessions and login throttling are left out: after a restore people sign
 * in again. Secrets are not in the database: SESSION_SECRET (or DATA_DIR/.session-secret) is
 * handled apart, as docs/backup.md says. ID numbers are in it sealed (decision 0005): restoring
 * needs the data key they were sealed with; `data_keys` (check values, not keys) comes along.
 *
 * Restore: the target is migrated to the backup's migrations, every table of the backup is
 * emptied and refilled in one transaction with triggers and foreign-key checks set aside
 * (session_replication_role = replica: the rows were consistent when dumped, and triggers such as
 * the audit log's or the revision counters' must not fire again), identity sequences are moved
 * past the largest id, then the target is migrated to the latest version of this code.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, Migrator, type Transaction, sql } from 'kysely';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

export const BACKUP_FORMAT = 'hongyi-backup';
export const BACKUP_VERSION = 1;
/** Tables a backup leaves out: the migrator's own bookkeeping (rebuilt by migrating), sessions and login throttling (people sign in again). */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock', 'sessions', 'login_throttle']);
const FETCH = 2_000;
const INSERT_BATCH = 1_000;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  takenAt: string;
  databaseKind: string;
  migrations: string[];
}
export interface BackupSummary {
  tables: Record<string, number>;
}

/** The tables of the public schema, in name order, without those a backup leaves out. */
async function tablesOf(db: Kysely<any> | Transaction<any>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.rows.map((r) => r.name).filter((name) => !SKIPPED.has(name));
}

/** Columns a row can be written to (not GENERATED … STORED), in table order. */
async function writableColumns(db: Transaction<any>, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`.execute(db);
  return rows.rows.map((r) => r.name);
}

const line = (value: unknown) => `${JSON.stringify(value)}\n`;

/** Writes a consistent dump of `db` to `out` (gzip'd JSON lines); resolves with the row counts once `out` has everything. */
export async function writeBackup(db: Kysely<any>, out: Writable, databaseKind: string): Promise<BackupSummary> {
  const gzip = createGzip();
  gzip.pipe(out);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('close', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  const write = async (text: string) => {
    if (!gzip.write(text)) await new Promise<void>((resolve) => gzip.once('drain', resolve));
  };
  const summary: BackupSummary = { tables: {} };
  try {
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx);
        const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, takenAt: new Date().toISOString(), databaseKind, migrations: applied.rows.map((r) => r.name) };
        await write(line(header));
        for (const table of await tablesOf(trx)) {
          await write(line({ table }));
          let count = 0;
          await sql`declare backup_rows no scroll cursor for select row_to_json(t)::text as j from ${sql.table(table)} t`.execute(trx);
          for (;;) {
            const batch = await sql<{ j: string }>`fetch ${sql.raw(String(FETCH))} from backup_rows`.execute(trx);
            for (const row of batch.rows) await write(`${row.j}\n`);
            count += batch.rows.length;
            if (batch.rows.length < FETCH) break;
          }
          await sql`close backup_rows`.execute(trx);
          summary.tables[table] = count;
        }
        await write(line({ end: true, ...summary }));
      });
  } catch (error) {
    gzip.destroy(error as Error);
    throw error;
  }
  gzip.end();
  await finished;
  return summary;
}

export class BackupError extends Error {}

/** Migrates `db` to exactly the migrations a backup was taken at (those this code knows). */
async function migrateTo(db: Kysely<any>, names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in migrations));
  if (unknown.length) throw new BackupError(`The backup comes from a newer version of Hongyi (unknown migrations: ${unknown.join(', ')}); restore it with that version or a later one.`);
  const subset = Object.fromEntries(Object.entries(migrations).filter(([name]) => names.includes(name)));
  const migrator = new Migrator({ db, provider: { getMigrations: async () => subset }, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * Restores a backup into `db`. Refuses a database that already holds a unit unless `replace` is
 * set (then the backup's tables are emptied first). The whole restore is one transaction: a
 * broken or truncated file leaves the database as it was.
 */
export async function restoreBackup(db: Kysely<any>, input: Readable, options: { replace?: boolean; verify?: (trx: Transaction<any>) => Promise<void> } = {}): Promise<BackupSummary> {
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<string | null> => {
    const r = await lines.next();
    return r.done ? null : r.value;
  };
  const first = await next();
  const header = first ? (JSON.parse(first) as Partial<BackupHeader>) : null;
  if (header?.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION || !Array.isArray(header.migrations)) throw new BackupError('Not a Hongyi backup file (or one of an unknown format version).');
  await migrateTo(db, header.migrations);
  const hasTenants = await sql<{ n: number }>`select count(*)::int as n from tenants`.execute(db);
  if ((hasTenants.rows[0]?.n ?? 0) > 0 && !options.replace) throw new BackupError('The target database already holds data; restore into an empty database, or pass --replace to overwrite it.');
  const summary: BackupSummary = { tables: {} };
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    const known = new Set(await tablesOf(trx));
    // Emptied together first: a table's cascade would otherwise empty those refilled before it.
    await sql`truncate ${sql.join([...known].map((name) => sql.table(name)))} cascade`.execute(trx);
    let table: string | null = null;
    let columns: string[] = [];
    let batch: string[] = [];
    let ended: BackupSummary | null = null;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const list = sql.join(columns.map((c) => sql.id(c)));
      await sql`insert into ${sql.table(table)} (${list}) overriding system value
        select ${list} from json_populate_recordset(null::${sql.table(table)}, ${`[${batch.join(',')}]`}::json)`.execute(trx);
      summary.tables[table] = (summary.tables[table] ?? 0) + batch.length;
      batch = [];
    };
    for (let text = await next(); text !== null; text = await next()) {
      if (!text.startsWith('{"table":') && !text.startsWith('{"end":')) {
        if (!table) throw new BackupError('The backup file is damaged: a row before any table.');
        batch.push(text);
        if (batch.length >= INSERT_BATCH) await flush();
        continue;
      }
      const marker = JSON.parse(text) as { table?: string; end?: boolean; tables?: Record<string, number> };
      await flush();
      if (marker.end) {
        ended = { tables: marker.tables ?? {} };
        break;
      }
      table = marker.table ?? null;
      if (!table || !known.has(table)) throw new BackupError(`The backup holds a table this database does not have: ${table}`);
      columns = await writableColumns(trx, table);
      summary.tables[table] = 0;
    }
    if (!ended) throw new BackupError('The backup file is incomplete (it ends before its last table): nothing was restored.');
    for (const [name, count] of Object.entries(ended.tables)) {
      if ((summary.tables[name] ?? 0) !== count) throw new BackupError(`The backup file is damaged: ${name} holds ${summary.tables[name] ?? 0} rows, its summary says ${count}.`);
    }
    // Identity columns continue after the largest restored id.
    const identities = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
      where table_schema = 'public' and is_identity = 'YES'`.execute(trx);
    for (const { table_name, column_name } of identities.rows) {
      if (!(table_name in summary.tables)) continue;
      await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}), coalesce((select max(${sql.id(column_name)}) from ${sql.table(table_name)}), 0) + 1, false)`.execute(trx);
    }
    // The caller's last word before the restore commits (the data key must be the backup's, decision 0005).
    if (options.verify) await options.verify(trx);
  });
  await migrateToLatest(db);
  return summary;
}

/** Row counts and a digest of every backed-up table's rows in a fixed order: two databases with equal digests hold the same data. */
export async function databaseDigest(db: Kysely<any>): Promise<Record<string, string>> {
  return db.transaction().execute(async (trx) => {
    // Instants printed the same way whatever the server's time zone.
    await sql`set local timezone = 'UTC'`.execute(trx);
    const out: Record<string, string> = {};
    for (const table of await tablesOf(trx)) {
      const row = await sql<{ n: number; h: string | null }>`select count(*)::int as n, md5(string_agg(j, E'\n' order by j)) as h
        from (select row_to_json(t)::jsonb::text as j from ${sql.table(table)} t) x`.execute(trx);
      out[table] = `${row.rows[0]?.n ?? 0}:${row.rows[0]?.h ?? ''}`;
    }
    return out;
  });
}
