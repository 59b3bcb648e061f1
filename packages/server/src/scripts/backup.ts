/**
 * npm run backup [-- FILE]: writes a consistent backup of the database (default
 * backups/hongyi-YYYY-MM-DDTHHMM.backup.gz) while the server may be running.
 * - DATABASE_URL set: reads PostgreSQL directly.
 * - PGlite (DATA_DIR/pglite): when the server is running it is asked for the dump through
 *   DATA_DIR/server.json (loopback, token); otherwise the data directory is opened here.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeBackup } from '../db/backup.js';
import { openDatabase } from '../db/database.js';
import { runningServer } from './ops.js';

const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const stamp = new Date().toISOString().slice(0, 16).replace(':', '');
const file = resolve(process.argv[2] ?? `backups/hongyi-${stamp}.backup.gz`);
mkdirSync(dirname(file), { recursive: true });

const url = process.env.DATABASE_URL;
const server = url ? null : runningServer(dataDir);
if (server) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/internal/backup`, { headers: { 'x-backup-token': server.backupToken } });
  if (!res.ok || !res.body) throw new Error(`The running server refused the backup: ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(file));
  console.log(`备份完成 / backup written (from the running server): ${file}`);
} else {
  const database = await openDatabase(url ? { url } : { dataDir: resolve(dataDir, 'pglite') });
  try {
    const summary = await writeBackup(database.db, createWriteStream(file), database.kind);
    const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
    console.log(`备份完成 / backup written: ${file} (${Object.keys(summary.tables).length} tables, ${rows} rows)`);
  } finally {
    await database.close();
  }
}
