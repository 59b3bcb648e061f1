// npm run db:migrate — applies pending migrations to DATABASE_URL or the PGlite database in DATA_DIR.
import { resolve } from 'node:path';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { loadDataKey, readDataKeySource } from '../db/dataKey.js';
import { migrateToLatest } from '../db/migrate.js';
import { fillNameColumns } from '../modules/members/repository-roster.js';

const config = readConfig();
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: resolve(config.dataDir, 'pglite') });
await loadDataKey(database.db, readDataKeySource(process.env, config.dataDir));
const applied = await migrateToLatest(database.db);
// Rows the new columns of a migration need filled in the server's code (members' name sort keys).
const named = await fillNameColumns(database.db);
await database.close();
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
if (named) console.log(`name sort keys filled: ${named}`);
process.exit(0);
