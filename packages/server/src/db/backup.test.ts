import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, openTestDatabase } from '../test/harness.js';
import { BackupError, databaseDigest, restoreBackup, writeBackup } from './backup.js';
import { openDatabase } from './database.js';

const TOKEN = 'b'.repeat(48);
let t: TestApp;
let dump: Buffer;
let digest: Record<string, string>;

async function backupOf(t: TestApp): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeBackup(t.database.db, out, t.database.kind);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  t = await createTestApp({ backupToken: TOKEN });
  dump = await backupOf(t);
  digest = await databaseDigest(t.database.db);
}, 300_000);
afterAll(() => t?.close());

describe('backup and restore', () => {
  it('a backup of the demo hospital restores into an embedded database with identical data, and ids go on after the largest', { timeout: 300_000 }, async () => {
    const header = JSON.parse(gunzipSync(dump).toString('utf8').split('\n')[0] as string);
    expect(header).toMatchObject({ format: 'hongyi-backup', version: 1, databaseKind: t.database.kind });
    expect(header.migrations.length).toBeGreaterThan(20);
    expect(Number(digest.members?.split(':')[0])).toBeGreaterThan(500);
    // Sessions are not carried over: people sign in again.
    expect(gunzipSync(dump).toString('utf8')).not.toContain('{"table":"sessions"}');
    const target = await openDatabase({});
    try {
      const restored = await restoreBackup(target.db, Readable.from(dump));
      expect(restored.tables.members).toBe(Number(digest.members?.split(':')[0]));
      expect(await databaseDigest(target.db)).toEqual(digest);
      const next = await sql<{ next: number; max: number }>`select nextval(pg_get_serial_sequence('members', 'id'))::int as next, (select max(id) from members)::int as max`.execute(target.db);
      expect(next.rows[0]!.next).toBeGreaterThan(next.rows[0]!.max);
      // The audit log still refuses to be changed after a restore (its trigger is back).
      await expect(sql`delete from audit_log where true`.execute(target.db)).rejects.toThrow();
    } finally {
      await target.close();
    }
  });

  it('restores into the test database’s kind too (PostgreSQL when the suite runs on it)', { timeout: 300_000 }, async () => {
    const { database, drop } = await openTestDatabase(true);
    try {
      await restoreBackup(database.db, Readable.from(dump));
      expect(await databaseDigest(database.db)).toEqual(digest);
    } finally {
      await database.close();
      await drop();
    }
  });

  it('refuses a database that holds data unless told to replace it, a file of another kind, and a cut-off file — leaving the target as it was', { timeout: 300_000 }, async () => {
    const target = await openDatabase({});
    try {
      await restoreBackup(target.db, Readable.from(dump));
      await expect(restoreBackup(target.db, Readable.from(dump))).rejects.toThrow(/already holds data/);
      await expect(restoreBackup(target.db, Readable.from(gzipSync('{"hello":1}\n')))).rejects.toBeInstanceOf(BackupError);
      // The last table's rows and the summary line cut off: nothing changes.
      const text = gunzipSync(dump).toString('utf8');
      const cut = gzipSync(text.slice(0, text.lastIndexOf('{"table":')));
      await sql`update members set name = '改过的名字' where id = (select min(id) from members)`.execute(target.db);
      const before = await databaseDigest(target.db);
      await expect(restoreBackup(target.db, Readable.from(cut), { replace: true })).rejects.toThrow(/incomplete/);
      expect(await databaseDigest(target.db)).toEqual(before);
      await restoreBackup(target.db, Readable.from(dump), { replace: true });
      expect(await databaseDigest(target.db)).toEqual(digest);
    } finally {
      await target.close();
    }
  });

  it('the running server hands a backup to this machine only, with its token (for `npm run backup` on PGlite)', { timeout: 300_000 }, async () => {
    const get = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => t.app.inject({ method: 'GET', url: '/api/internal/backup', headers, remoteAddress });
    expect((await get({})).statusCode).toBe(403);
    expect((await get({ 'x-backup-token': 'a'.repeat(48) })).statusCode).toBe(403);
    expect((await get({ 'x-backup-token': TOKEN }, '10.1.2.3')).statusCode).toBe(403);
    const ok = await get({ 'x-backup-token': TOKEN });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/gzip');
    const target = await openDatabase({});
    try {
      await restoreBackup(target.db, Readable.from(ok.rawPayload));
      expect(await databaseDigest(target.db)).toEqual(digest);
    } finally {
      await target.close();
    }
    // Not in the public API description.
    expect(JSON.stringify(t.app.swagger())).not.toContain('/api/internal/backup');
  });
});
