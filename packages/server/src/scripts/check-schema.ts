// npm run check:schema — migrates the configured database and checks every tenant table's keys.
import { resolve } from 'node:path';
import { readConfig } from '../config.js';
import { checkTenantKeys } from '../db/check-schema.js';
import { openDatabase } from '../db/database.js';
import { loadDataKey, readDataKeySource } from '../db/dataKey.js';
import { migrateToLatest } from '../db/migrate.js';

const config = readConfig();
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: resolve(config.dataDir, 'pglite') });
await loadDataKey(database.db, readDataKeySource(process.env, config.dataDir));
await migrateToLatest(database.db);
const problems = await checkTenantKeys(database.db);
await database.close();
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p.table}: ${p.problem}`);
  process.exit(1);
}
console.log('✓ every tenant table leads its keys with tenant_id');
process.exit(0);
