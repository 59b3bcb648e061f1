import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../server/src/app.js';
import { openDatabase } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { loadHolidays } from '../../server/src/demo/holidays.js';
import { loadDemo } from '../../server/src/demo/load.js';
import { backfillSummaries } from '../../server/src/jobs/summaries.js';
import { unitIds } from '../../server/src/jobs/repository-claims.js';
import { refreshSummary } from '../../server/src/modules/commission/service-summary.js';
import { databaseUrlFor } from '../../server/src/test/postgres.js';
import { CHROMIUM_PATH, chromiumMissingMessage } from './browser.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const webDir = join(root, 'packages/web');
const dist = join(webDir, 'dist/index.html');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Serves the built web app and the API on a free port with a fresh demo database, so the journeys run against the real thing. Builds the web app first when its
 * sources are newer than the build.
 */
export default async function setup(project: TestProject) {
  mkdirSync(join(root, 'packages/e2e/artifacts'), { recursive: true });
  if (!existsSync(CHROMIUM_PATH)) {
    // On CI a missing browser is a broken machine, not a reason to pass without the journeys.
    if (process.env.CI === 'true') throw new Error(chromiumMissingMessage.replace('browser tests are skipped', 'CI=true requires it'));
    console.warn(chromiumMissingMessage);
    project.provide('baseUrl', '');
    return;
  }
  if (!existsSync(dist) || statSync(dist).mtimeMs < Math.max(newest(join(webDir, 'src')), newest(join(root, 'packages/core/src')))) {
    // Vitest sets NODE_ENV=test, and Vite would then bundle React's development build (twice the
    // size, StrictMode's double effects): the journeys test what users get, a production build.
    const build = spawnSync('npm', ['run', 'build', '-w', '@hongyi/web'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (build.status !== 0) throw new Error('web build failed');
  }
  // PostgreSQL when TEST_DATABASE_URL is set (a database of its own, dropped afterwards), else PGlite in memory.
  const url = process.env.TEST_DATABASE_URL;
  const name = `hongyi_e2e_${randomBytes(4).toString('hex')}`;
  const admin = url ? await openDatabase({ url }) : null;
  if (admin) await sql.raw(`create database ${name}`).execute(admin.db);
  const database = await openDatabase(url ? { url: databaseUrlFor(url, name) } : {});
  await migrateToLatest(database.db);
  await loadHolidays(database.db);
  // With the provincial health commission over the demo hospital and three small ones, their figures
  // as of the last three month-ends and today (the commission journey's trend).
  await loadDemo(database.db, { commission: true });
  await backfillSummaries(database.db, '2026-11-23', 3, 0);
  for (const id of await unitIds(database.db)) await refreshSummary(database.db, id, '2026-11-23');
  // The demo hospital is generated for 2026-11-23; the journeys see that day as today.
  const app = await buildApp({ database, sessionSecret: 'e2e-secret', webDist: join(webDir, 'dist'), version: 'e2e', today: () => '2026-11-23' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  project.provide('baseUrl', address);
  return async () => {
    await app.close();
    await database.close();
    if (admin) {
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
