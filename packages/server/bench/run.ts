// npm run bench — prints each benchmark's measurement and its ratio to raw SQL in one run.
// PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, else PGlite in memory.
// BENCH_ONLY=<substring> runs the matching suites only.
import type { BenchResult } from './context.js';
import { decisionsDashboardBench } from './decisions.bench.js';
import { duesBench } from './dues.bench.js';
import { heavyRequestBench } from './heavy.bench.js';
import { rosterImportBench } from './import.bench.js';
import { loadBench } from './load.bench.js';
import { memberListBench } from './members.bench.js';
import { orglifeLapsesBench, orglifeMatrixBench } from './orglife.bench.js';
import { serviceTotalsBench } from './service.bench.js';
import { soakBench } from './soak.bench.js';
import { startupBench } from './startup.bench.js';
import { reportsBench } from './reports.bench.js';
import { statisticsBench } from './statistics.bench.js';
import { worksystemsBench } from './worksystems.bench.js';

/** Every suite. Add yours here. */
const suites: Array<[string, () => Promise<BenchResult[]>]> = [
  ['startup', startupBench],
  ['members', memberListBench],
  ['members-import', rosterImportBench],
  ['orglife', orglifeMatrixBench],
  ['orglife-lapses', orglifeLapsesBench],
  ['dues', duesBench],
  ['heavy', heavyRequestBench],
  ['service', serviceTotalsBench],
  ['decisions', decisionsDashboardBench],
  ['statistics', statisticsBench],
  ['reports', reportsBench],
  ['worksystems', worksystemsBench],
  ['load', loadBench],
  // The web in Chromium (Debian's chromium): script weight and time until each main page is ready.
  // It lives with the journeys (packages/e2e, which drive the browser): loaded only when it runs.
  ['web', async () => ((await import(new URL('../../e2e/src/web.bench.ts', import.meta.url).href)) as { webBench: () => Promise<BenchResult[]> }).webBench()],
  // Ten minutes by default (SOAK_SECONDS): run it on its own, BENCH_ONLY=soak.
  ['soak', soakBench],
];

const only = process.env.BENCH_ONLY;
const rows: BenchResult[] = [];
for (const [name, run] of suites) {
  if (only && !name.includes(only)) continue;
  process.stdout.write(`running ${name} …\n`);
  try {
    rows.push(...(await run()));
  } catch (error) {
    rows.push({ name, detail: `failed: ${(error as Error).message}`, ok: false });
  }
}
console.log('\n| benchmark | measured | ratio | target | |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  const mark = r.ok === undefined ? '' : r.ok ? '✓' : '✗';
  console.log(`| ${r.name} | ${r.detail} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`} | ${r.target ?? ''} | ${mark} |`);
}
process.exit(0);
