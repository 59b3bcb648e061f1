/**
 * The scaffolding of the daily jobs (reminder digests, matrix warm-up): once a minute a job asks
 * which day a run is due for, runs when that day has not had one yet, one run at a time, and
 * stop() waits for a run in progress. Tests call tick() with their own clock.
 */
import type { FastifyInstance } from 'fastify';
import { tenantIds } from '../modules/setup/repository.js';

export interface DailyJob<T> {
  /** Runs now if a run is due for a day that has not had one; its result, or null. */
  tick(): Promise<T | null>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export function startDailyJob<T>(options: {
  /** The day a run is due for now ('YYYY-MM-DD'), or null while none is. */
  dueDay: () => string | null;
  run: (day: string, stopped: () => boolean) => Promise<T>;
  /** How often to ask, in ms. */
  checkEveryMs?: number;
}): DailyJob<T> {
  let lastDay: string | null = null;
  let running: Promise<T> | null = null;
  let stopped = false;

  async function tick(): Promise<T | null> {
    if (stopped || running) return null;
    const day = options.dueDay();
    if (day === null || day === lastDay) return null;
    lastDay = day;
    running = options.run(day, () => stopped);
    try {
      return await running;
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

/** Runs `work` for every unit in turn; one unit's failure is logged and does not keep the others back. */
export async function forEachTenant<T>(app: FastifyInstance, work: (tenantId: number) => Promise<T>, onError: (tenantId: number, error: unknown) => void, stopped: () => boolean = () => false): Promise<Array<{ tenantId: number; result: T }>> {
  const out: Array<{ tenantId: number; result: T }> = [];
  for (const id of await tenantIds(app.db)) {
    if (stopped()) break;
    try {
      out.push({ tenantId: id, result: await work(id) });
    } catch (error) {
      onError(id, error);
    }
  }
  return out;
}
