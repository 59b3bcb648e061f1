/**
 * The web in Chromium: the scripts the first page loads (bytes on the wire, compressed as sent; budget 350 KB) and the time until
 * each main page is ready to use, on the bundled server with the demo hospital (what `npm start`
 * serves), each page opened cold (a fresh browser context: no cached scripts) three times.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, launch, signIn } from './browser.js';
import { type PageLoad, kb, measureLoad } from './weight.js';
import type { BenchResult } from '../../server/bench/context.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const INITIAL_JS_BUDGET = 350 * 1024;
const RUNS = 3;
const MENU = '[data-testid="main-menu"]';

/** The pages the office opens most, each with what shows once it is there. */
const PAGES: Array<{ name: string; path: string; ready: string }> = [
  { name: '工作台 (overview)', path: '/', ready: '[data-testid="overview"]' },
  { name: '党员名册 (member list)', path: '/members', ready: 'tr.ant-table-row' },
  { name: '组织生活记录 (meeting records)', path: '/orglife/records', ready: 'tr.ant-table-row' },
  { name: '三会一课 matrix', path: '/orglife/matrix', ready: MENU },
  { name: '发展党员 (development board)', path: '/development', ready: MENU },
  { name: '党费管理 (dues)', path: '/dues/manage', ready: MENU },
  { name: '一线项目 (projects)', path: '/projects/list', ready: 'tr.ant-table-row' },
  { name: '工作体系 (work systems)', path: '/worksystems', ready: MENU },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Starts the bundled server on a fresh data directory (migrate + demo) and resolves with its address and a stop. */
async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hongyi-web-bench-'));
  const port = 3990 + Math.floor(Math.random() * 9);
  const child = spawn(process.execPath, [join(root, 'packages/server/dist/main.js')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { base, stop };
    if (performance.now() - started > 240_000) {
      await stop();
      throw new Error('server did not start within 240 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function webBench(): Promise<BenchResult[]> {
  if (!existsSync(CHROMIUM_PATH)) return [{ name: 'web', detail: `skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-noto-cjk)` }];
  for (const [script, args] of [
    ['npm', ['run', 'build', '-w', '@hongyi/web']],
    [process.execPath, ['scripts/build-server.mjs']],
  ] as const) {
    const built = spawnSync(script, [...args], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (built.status !== 0) throw new Error(`${script} ${args.join(' ')} failed`);
  }
  const server = await startServer();
  const browser = await launch();
  try {
    const rows: BenchResult[] = [];
    // The sign-in page: what anyone loads first.
    const login: PageLoad[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
      login.push(await measureLoad(context, `${server.base}/login`, '[data-testid="login-submit"]'));
      await context.close();
    }
    const loginBytes = login[0]!.scriptBytes;
    rows.push({
      name: 'web: sign-in page (first page)',
      detail: `scripts ${kb(loginBytes)} KB on the wire; ready in p50 ${median(login.map((l) => l.readyMs)).toFixed(0)} ms`,
      target: 'scripts ≤ 350 KB on the wire',
      ok: loginBytes <= INITIAL_JS_BUDGET,
    });

    // Signed in as the organisation office; each page opened cold in a new context with the session only.
    const signing = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(await signing.newPage(), server.base, 'org');
    const session = await signing.storageState();
    await signing.close();
    for (const p of PAGES) {
      const loads: PageLoad[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, storageState: session });
        loads.push(await measureLoad(context, `${server.base}${p.path}`, p.ready));
        await context.close();
      }
      rows.push({ name: `web: ${p.name}, opened afresh`, detail: `scripts ${kb(loads[0]!.scriptBytes)} KB on the wire; ready in p50 ${median(loads.map((l) => l.readyMs)).toFixed(0)} ms (${loads.map((l) => l.readyMs.toFixed(0)).join(', ')})` });
    }
    return rows;
  } finally {
    await browser.close();
    await server.stop();
  }
}
