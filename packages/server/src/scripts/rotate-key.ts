/**
 * npm run data-key:rotate — re-seals every ID number with the current data key and recomputes the
 * lookup hashes, then forgets the earlier keys (decision 0005). Stop the server first.
 *
 * - Key in the configuration: set the new key as HONGYI_DATA_KEY and the old one in
 *   HONGYI_DATA_KEY_PREVIOUS, run this, then remove HONGYI_DATA_KEY_PREVIOUS and start.
 * - Key file (the embedded default): `npm run data-key:rotate -- --new-key` makes the new key,
 *   re-seals, then puts the new key in the key file and keeps the old one beside it as
 *   data.key.retired-<id> (destroy it once a backup taken after the rotation is safe).
 */
import { resolve } from 'node:path';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { loadDataKey, readDataKeySource } from '../db/dataKey.js';
import { type RotationResult, rotateDataKey, rotateToNewKeyFile } from '../db/rotate.js';
import { runningServer } from './ops.js';

const config = readConfig();
const newKey = process.argv.includes('--new-key');
const source = readDataKeySource(process.env, config.dataDir);
if (!config.databaseUrl && runningServer(config.dataDir)) {
  console.error('The server is running on this data directory: stop it first (it holds the old key and would go on sealing with it).');
  process.exit(1);
}
if (newKey && source.key) {
  console.error('HONGYI_DATA_KEY is set: put the new key there and the old one in HONGYI_DATA_KEY_PREVIOUS, then run this without --new-key.');
  process.exit(1);
}

const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: resolve(config.dataDir, 'pglite') });
try {
  let result: RotationResult;
  if (newKey) {
    const done = await rotateToNewKeyFile(database.db, source);
    console.log(`新密钥已写入 / the new key is in ${done.keyFile}; the old one is kept as ${done.retiredFile}: destroy it once no backup taken before now is kept.`);
    result = done;
  } else {
    await loadDataKey(database.db, source, { create: false });
    result = await rotateDataKey(database.db);
  }
  console.log(
    `密钥轮换完成 / data key rotated to ${result.keyId}: members ${result.members}, applicants ${result.developmentFiles}, history ${result.memberChanges}, report runs ${result.reportRuns}, audit rows ${result.auditRows} re-sealed; retired keys: ${result.retired.join(', ') || 'none'}.`,
  );
  if (!newKey && source.previous.length > 0) console.log('Remove HONGYI_DATA_KEY_PREVIOUS from the configuration before the next start.');
} finally {
  await database.close();
}
