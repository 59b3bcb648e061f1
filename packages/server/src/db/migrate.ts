import { type Kysely, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.js';

/** Names of applied migrations, or null when the bookkeeping table does not exist yet. */
async function appliedMigrations(db: Kysely<any>): Promise<string[] | null> {
  const table = await sql<{ name: string | null }>`select to_regclass('kysely_migration')::text as name`.execute(db);
  if (!table.rows[0]?.name) return null;
  const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Fast path for every start after the first: nothing to do when all migrations are recorded.
  const applied = await appliedMigrations(db);
  if (applied && Object.keys(migrations).every((name) => applied.includes(name))) return [];
  // Dated migrations of parallel work may land after a later-dated one was applied (e.g.
  // 1112 after 1130): apply them instead of refusing the database as corrupted.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
