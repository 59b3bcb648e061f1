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
    const admin = await openDatabase({ url });
    const { sql } = await import('kysely');
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
    project.provide('testDatabase', { kind: 'postgres', url, template, runId });
    return async () => {
      const rows = await sql<{ datname: string }>`select datname from pg_database where datname like ${`hongyi_%${runId}%`}`.execute(admin.db);
      for (const { datname } of rows.rows) await sql.raw(`drop database if exists ${datname} with (force)`).execute(admin.db);
      await admin.close();
    };
  }
  const database = await openDatabase({});
  await migrateToLatest(database.db);
  await loadHolidays(database.db);
  await loadDemo(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  const file = join(tmpdir(), `hongyi-test-${runId}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('testDatabase', { kind: 'pglite', dumpFile: file, runId });
  return () => rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase:
      | { kind: 'postgres'; url: string; template: string; runId: string }
      | { kind: 'pglite'; dumpFile: string; runId: string };
  }
}
