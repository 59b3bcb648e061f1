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
import { type DailyJob, forEachUnit, startDailyJob } from './daily.js';

export interface MatrixWarmupOptions {
  /** How often to look at the day, in ms. */
  checkEveryMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** tick() gives the number of units brought up to date, or null when today was done already. */
export type MatrixWarmup = DailyJob<number>;

export function startMatrixWarmup(app: FastifyInstance, options: MatrixWarmupOptions = {}): MatrixWarmup {
  const log = options.log ?? ((message: string, error?: unknown) => (error ? app.log.error({ err: error }, message) : app.log.info(message)));
  return startDailyJob({
    checkEveryMs: options.checkEveryMs,
    dueDay: () => app.today(),
    run: async (today, stopped) => {
      // One unit's failure leaves the others' matrices ready; its own is computed on request.
      const done = await forEachUnit(
        app,
        'matrix',
        today,
        (id) => matrixRows(app.db, id, Number(today.slice(0, 4)), today, null, { kind: 'tenant' }),
        (id, error) => log(`organisational-life matrix warm-up failed for tenant ${id}`, error),
        { stopped },
      );
      return done.length;
    },
  });
}
