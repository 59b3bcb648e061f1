import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './context.js';

// What `npm start` runs: the bundled server.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const main = join(root, 'packages/server/dist/main.js');

/** Starts the server and resolves with the milliseconds until /api/health answers. */
async function startOnce(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 180_000) throw new Error('server did not start within 180 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** First start (migrate + demo hospital) and second start on the same data directory (PGlite). */
export async function startupBench(): Promise<BenchResult[]> {
  const bundle = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
  if (bundle.status !== 0) throw new Error('server bundle failed');
  const dataDir = mkdtempSync(join(tmpdir(), 'hongyi-bench-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  try {
    const first = await startOnce(dataDir, port);
    const second = await startOnce(dataDir, port);
    return [
      { name: 'first start (migrate + demo hospital)', detail: `${(first / 1000).toFixed(1)} s to listening` },
      { name: 'second start, existing data', detail: `${(second / 1000).toFixed(2)} s to listening`, target: '≤ 3 s', ok: second <= 3000 },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
