import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadHolidays } from '../demo/holidays.js';
import { loadDemo } from '../demo/load.js';
import { databaseUrlFor } from './postgres.js';

/**
 * Builds the test database once per run: migrated, with the holiday calendar and the demo
 * hospital. On PGlite the data directory is dumped to a file that every test file loads
 * (initdb costs seconds); on PostgreSQL (TEST_DATABASE_URL) it becomes a template database
 * from which every test file gets its own copy. Everything is dropped afterwards.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `hongyi_tpl_${runId}`;
    const emptyTemplate = `hongyi_tple_${runId}`;
    const admin = await openDatabase({ url });
    const { sql } = await import('kysely');
    // A migrated database with no unit, for the tests that build their own rows (test/fixture.ts).
    await sql.raw(`create database ${emptyTemplate}`).execute(admin.db);
    const empty = await openDatabase({ url: databaseUrlFor(url, emptyTemplate) });
    await migrateToLatest(empty.db);
    await empty.close();
    await sql.raw(`create database ${template}`).execute(admin.db);
    const database = await openDatabase({ url: databaseUrlFor(url, template) });
    try {
      await migrateToLatest(database.db);
      await loadHolidays(database.db);
      await loadDemo(database.db);
    } catch (error) {
      // Leave nothing behind: the run fails, but the server keeps no half-built database.
      await database.close();
      await sql.raw(`drop database if exists ${template} with (force)`).execute(admin.db);
      await admin.close();
      throw error;
    }
    await database.close();
    project.provide('testDatabase', { kind: 'postgres', url, template, emptyTemplate, runId });
    return async () => {
      const rows = await sql<{ datname: string }>`select datname from pg_database where datname like ${`hongyi_%${runId}%`}`.execute(admin.db);
      for (const { datname } of rows.rows) await sql.raw(`drop database if exists ${datname} with (force)`).execute(admin.db);
      await admin.close();
    };
  }
  const database = await openDatabase({});
  await migrateToLatest(database.db);
  // A migrated database with no unit, for the tests that build their own rows (test/fixture.ts):
  // loading a dump is a fraction of a fresh initdb.
  const emptyFile = join(tmpdir(), `hongyi-test-${runId}-empty.tar`);
  writeFileSync(emptyFile, Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer()));
  await loadHolidays(database.db);
  await loadDemo(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  const file = join(tmpdir(), `hongyi-test-${runId}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('testDatabase', { kind: 'pglite', dumpFile: file, emptyFile, runId });
  return () => {
    rmSync(file, { force: true });
    rmSync(emptyFile, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase:
      | { kind: 'postgres'; url: string; template: string; emptyTemplate: string; runId: string }
      | { kind: 'pglite'; dumpFile: string; emptyFile: string; runId: string };
  }
}
