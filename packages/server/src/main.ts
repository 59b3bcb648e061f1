import { chinaDate } from '@hongyi/core';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { loadDataKey, readDataKeySource } from './db/dataKey.js';
import { migrateToLatest } from './db/migrate.js';
import { loadHolidays } from './demo/holidays.js';
import { startMatrixWarmup } from './jobs/matrixWarmup.js';
import { backfillSummaries, startSummaryJob } from './jobs/summaries.js';
import { reminderTimeOf, startReminderJob } from './jobs/reminders.js';
import { smtpMailer } from './lib/mail.js';
import { isDatabaseEmpty, loadDemo } from './demo/load.js';
import { fillNameColumns } from './modules/members/repository-roster.js';
import { webhookPoster } from './modules/orglife/reminders.js';

const started = Date.now();
const config = readConfig();
// On PostgreSQL the app's queries have a time limit (DATABASE_STATEMENT_TIMEOUT); migrations and
// the demo load run first on their own connection without one.
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, statementTimeoutMs: config.statementTimeoutMs } : { dataDir: resolve(config.dataDir, 'pglite') });
const maintenance = config.databaseUrl ? await openDatabase({ url: config.databaseUrl }) : database;
// The data key (decision 0005) before migrating: the migration that seals ID numbers needs it. A
// wrong or missing key stops the start here, with what to do, instead of writing what no one can read.
try {
  const { key, created } = await loadDataKey(maintenance.db, readDataKeySource(process.env, config.dataDir));
  if (created) console.log(`数据密钥已生成 / data key created: ${created} (key ${key.id}) — keep a copy apart from the backups.`);
} catch (error) {
  console.error(`数据密钥错误 / data key: ${(error as Error).message}`);
  process.exit(1);
}
const applied = await migrateToLatest(maintenance.db);
if (applied.length) console.log(`数据库迁移 / migrations applied: ${applied.join(', ')}`);
// Members written before the name sort key existed get it now (one index probe when none are missing).
const named = await fillNameColumns(maintenance.db);
if (named) console.log(`姓名拼音排序 / name sort keys filled: ${named}`);
await loadHolidays(maintenance.db);

let logins: Awaited<ReturnType<typeof loadDemo>>['logins'] | null = null;
if (config.demo && (await isDatabaseEmpty(maintenance.db))) {
  console.log('正在生成演示医院数据 / loading the demo hospital …');
  logins = (await loadDemo(maintenance.db, { commission: true })).logins;
  // The commission's trend: each unit's figures at the last five month-ends and the last three days.
  console.log('正在计算各单位汇总 / computing the units’ summaries …');
  await backfillSummaries(maintenance.db, chinaDate(new Date()), 5, 3);
}
if (maintenance !== database) await maintenance.close();

// Reminder e-mails by SMTP when SMTP_URL is set; without it they stay queued ("no mail server").
const mailer = config.mail ? smtpMailer(config.mail) : null;

// `npm run backup` asks this server for a consistent dump (on PGlite only the server may open the
// data directory): through loopback, with this token, which DATA_DIR/server.json hands to it.
const backupToken = randomBytes(24).toString('hex');
const serverFile = resolve(config.dataDir, 'server.json');

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
const app = await buildApp({
  database,
  sessionSecret: config.sessionSecret,
  sessionIdleMinutes: config.sessionIdleMinutes,
  secureCookie: config.secureCookie,
  trustProxy: config.trustProxy,
  webhooks: { allow: config.webhookAllow },
  webDist,
  // Warnings and errors only by default; LOG_LEVEL=info logs every request.
  logLevel: process.env.LOG_LEVEL ?? 'warn',
  mailer,
  backupToken,
});

// The daily organisational-life reminder digest at REMINDER_TIME (China time, default 08:00);
// REMINDERS=0 turns it off. Servers sharing a database take each unit's run under a lease (jobs/daily.ts).
const reminders =
  process.env.REMINDERS === '0' ? null : startReminderJob(app, { at: reminderTimeOf(process.env.REMINDER_TIME), mailer, poster: webhookPoster({ allow: config.webhookAllow }) });

// The 党委 matrix's stored rows, brought up to date once a day before anyone asks.
const matrixWarmup = startMatrixWarmup(app);
// Each unit's summary for its commissions, once a day (after the matrix, which it reads).
const summaries = startSummaryJob(app);

const shutdown = async () => {
  rmSync(serverFile, { force: true });
  await matrixWarmup.stop();
  await summaries.stop();
  await reminders?.stop();
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ port: config.port, host: config.host });
writeFileSync(serverFile, JSON.stringify({ pid: process.pid, port: config.port, backupToken, database: database.kind }), { mode: 0o600 });
const url = `http://localhost:${config.port}`;
console.log(`\n红医 Hongyi 已启动 / is running: ${url}  (${database.kind}, ${Date.now() - started} ms)`);
void matrixWarmup.tick().then(() => summaries.tick());
if (config.demo) {
  const { demoLogins } = await import('./demo/logins.js');
  console.log(demoLogins(logins));
}
