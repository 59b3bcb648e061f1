/**
 * Keeps the 党委 matrix ready (modules/orglife/matrix.ts). The stored rows go stale together
 * when a new compliance epoch begins (a month starts, an item falls due soon), and computing a
 * whole 党委 again takes over a second at 8,000 branches; so once a day, and at start, this job
 * brings the current year's rows of every unit up to date before anyone asks. Rows still
 * current are only read. main.ts starts it and runs the first tick once listening; tests call
 * tick() themselves.
 */
import type { FastifyInstance } from 'fastify';
import { matrixRows } from '../modules/orglife/matrix.js';

export interface MatrixWarmupOptions {
  /** How often to look at the day, in ms. */
  checkEveryMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface MatrixWarmup {
  /** Brings every unit's matrix of the current year up to date if the day changed since the last run; the units done, or null. */
  tick(): Promise<number | null>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export function startMatrixWarmup(app: FastifyInstance, options: MatrixWarmupOptions = {}): MatrixWarmup {
  const log = options.log ?? ((message: string, error?: unknown) => (error ? app.log.error({ err: error }, message) : app.log.info(message)));
  let lastDay: string | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function tick(): Promise<number | null> {
    const today = app.today();
    if (stopped || running || today === lastDay) return null;
    lastDay = today;
    const work = (async () => {
      const tenants = await app.db.selectFrom('tenants').select('id').orderBy('id').execute();
      let done = 0;
      for (const { id } of tenants) {
        if (stopped) break;
        try {
          await matrixRows(app.db, id, Number(today.slice(0, 4)), today, null, { kind: 'tenant' });
          done++;
        } catch (error) {
          // One unit's failure leaves the others' matrices ready; its own is computed on request.
          log(`organisational-life matrix warm-up failed for tenant ${id}`, error);
        }
      }
      return done;
    })();
    running = work;
    try {
      return await work;
    } finally {
      running = null;
    }
  }

  const timer = setInterval(() => void tick(), options.checkEveryMs ?? 60_000);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running.catch(() => undefined);
    },
  };
}
