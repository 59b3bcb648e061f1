/**
 * Where the data key comes from, and the check that it is the database's (decision 0005).
 *
 * - HONGYI_DATA_KEY (base64 of 32 bytes): the key, from the deployment's configuration.
 *   HONGYI_DATA_KEY_PREVIOUS (comma-separated): earlier keys during a rotation.
 * - Otherwise a key file, HONGYI_DATA_KEY_FILE, by default `hongyi-keys/data.key` beside (not in)
 *   the data directory: a copy of the data directory or a backup never carries it. It is created
 *   (mode 0600) on the first start of a database that holds no sealed data yet; a database that
 *   does, started without its key, is refused.
 *
 * The database keeps, per key, an HMAC check value (`data_keys`), never the key: a start with
 * another key stops with a clear error instead of writing rows no one can open.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { DATA_KEY_BYTES, type DataKey, DataKeyError, dataKeyOf, dataKeys, keyCheckOf, parseDataKey, setDataKeys } from './sealed.js';

export interface DataKeySource {
  /** The key from the environment, or null to use the file. */
  key: Buffer | null;
  previous: Buffer[];
  file: string;
}

/** The key file by default: beside the data directory, not inside it. */
export function defaultKeyFile(dataDir: string): string {
  return resolve(dirname(resolve(dataDir)), 'hongyi-keys', 'data.key');
}

/** Reads the configuration of the data key (malformed values are an error here, at startup). */
export function readDataKeySource(env: NodeJS.ProcessEnv, dataDir: string): DataKeySource {
  const key = env.HONGYI_DATA_KEY ? parseDataKey(env.HONGYI_DATA_KEY, 'HONGYI_DATA_KEY') : null;
  const previous = (env.HONGYI_DATA_KEY_PREVIOUS ?? '').split(',').filter((s) => s.trim()).map((s) => parseDataKey(s, 'HONGYI_DATA_KEY_PREVIOUS'));
  return { key, previous, file: resolve(env.HONGYI_DATA_KEY_FILE ?? defaultKeyFile(dataDir)) };
}

async function storedChecks(db: Kysely<any>): Promise<{ key_id: string; key_check: string }[] | null> {
  const table = await sql<{ name: string | null }>`select to_regclass('data_keys')::text as name`.execute(db);
  if (!table.rows[0]?.name) return null;
  return (await sql<{ key_id: string; key_check: string }>`select key_id, key_check from data_keys order by created_at`.execute(db)).rows;
}

/** Whether the database holds any sealed value (members or applicants). */
async function holdsSealedData(db: Kysely<any>): Promise<boolean> {
  const checks = await storedChecks(db);
  return checks !== null && checks.length > 0;
}

/**
 * Loads the data key for this database (before migrating: the migration that seals existing rows
 * needs it) and checks it against the database. Creates the key file when there is none and the
 * database holds nothing sealed.
 */
export async function loadDataKey(db: Kysely<any>, source: DataKeySource, options: { create?: boolean } = {}): Promise<{ key: DataKey; created: string | null }> {
  let key = source.key;
  let created: string | null = null;
  if (!key) {
    if (existsSync(source.file)) key = parseDataKey(readFileSync(source.file, 'utf8'), `The data key file ${source.file}`);
    else if (await holdsSealedData(db)) {
      throw new DataKeyError(
        `The database holds encrypted ID numbers but no data key is configured: set HONGYI_DATA_KEY, or put the key file back at ${source.file} (HONGYI_DATA_KEY_FILE names another place). A new key would not open them.`,
      );
    } else if (options.create === false) {
      throw new DataKeyError(`No data key is configured: set HONGYI_DATA_KEY, or put the key file at ${source.file} (HONGYI_DATA_KEY_FILE names another place).`);
    } else {
      mkdirSync(dirname(source.file), { recursive: true, mode: 0o700 });
      key = randomBytes(DATA_KEY_BYTES);
      writeFileSync(source.file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      created = source.file;
    }
  }
  const current = setDataKeys(key, source.previous);
  await checkDataKey(db);
  return { key: current, created };
}

/**
 * Checks the loaded keys against the database's check values: the current key must be one the
 * database knows, or (the first start after a rotation began) the database's keys must all be
 * among the previous ones configured. Records the current key's check value when it is new.
 * Does nothing before the migration that creates `data_keys`.
 */
export async function checkDataKey(db: Kysely<any>): Promise<void> {
  const checks = await storedChecks(db);
  if (checks === null) return;
  const ring = dataKeys();
  const current = ring.current;
  const mine = checks.find((c) => c.key_id === current.id);
  if (mine) {
    if (mine.key_check !== keyCheckOf(current)) throw new DataKeyError(`The data key does not match the database (key ${current.id}).`);
    return;
  }
  const unknown = checks.filter((c) => !ring.all.has(c.key_id));
  if (unknown.length > 0) {
    throw new DataKeyError(
      `The data key configured (${current.id}) is not this database's (${unknown.map((c) => c.key_id).join(', ')}): the ID numbers could not be opened. Configure the database's key (HONGYI_DATA_KEY or its key file); to rotate, name the old one in HONGYI_DATA_KEY_PREVIOUS.`,
    );
  }
  for (const c of checks) {
    const k = ring.all.get(c.key_id)!;
    if (c.key_check !== keyCheckOf(k)) throw new DataKeyError(`The previous data key ${c.key_id} does not match the database.`);
  }
  await recordDataKey(db, current);
}

/** Stores a key's check value (its id and an HMAC, never the key). */
export async function recordDataKey(db: Kysely<any>, key: DataKey): Promise<void> {
  await sql`insert into data_keys (key_id, key_check) values (${key.id}, ${keyCheckOf(key)}) on conflict (key_id) do nothing`.execute(db);
}

export { dataKeyOf };
