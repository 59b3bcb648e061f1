/**
 * npm run restore -- FILE [--replace]: restores a backup into the database of this configuration
 * (DATABASE_URL, or PGlite in DATA_DIR/pglite). Stop the server first. Refuses a database that
 * holds data unless --replace is given. All or nothing: a damaged file changes nothing.
 */
import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BackupError, restoreBackup } from '../db/backup.js';
import { openDatabase } from '../db/database.js';
import { checkDataKey, loadDataKey, readDataKeySource } from '../db/dataKey.js';
import { DataKeyError } from '../db/sealed.js';
import { runningServer } from './ops.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const replace = args.includes('--replace');
const dataDir = resolve(process.env.DATA_DIR ?? 'data');
if (!file || !existsSync(file)) {
  console.error('用法 / usage: npm run restore -- <backup file> [--replace]');
  process.exit(2);
}
if (runningServer(dataDir)) {
  console.error('服务正在运行，请先停止 / the server is running on this data directory: stop it first.');
  process.exit(1);
}
const url = process.env.DATABASE_URL;
const database = await openDatabase(url ? { url } : { dataDir: resolve(dataDir, 'pglite') });
try {
  // The backup holds ID numbers sealed: the restore needs their key (never made up here), and is
  // undone when the key configured is not the backup's.
  await loadDataKey(database.db, readDataKeySource(process.env, dataDir), { create: false });
  const summary = await restoreBackup(database.db, createReadStream(file), { replace, verify: checkDataKey });
  const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
  console.log(`恢复完成 / restored: ${Object.keys(summary.tables).length} tables, ${rows} rows into ${database.kind}. Everyone signs in again.`);
} catch (error) {
  if (error instanceof BackupError || error instanceof DataKeyError) {
    console.error(`恢复失败，数据库未改动 / restore refused, nothing changed: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await database.close();
}
