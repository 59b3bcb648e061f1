/**
 * The scaffolding of the daily jobs (reminder digests, matrix warm-up): once a minute a job asks
 * which day a run is due for, runs when that day has not had one yet, one run at a time, and
 * stop() waits for a run in progress. Tests call tick() with their own clock.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type JobName, claim, finish, unitIds } from './repository-claims.js';

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

export interface UnitRunOptions {
  /** This runner's name in the lease rows (a server's host, process and a random part by default). */
  owner?: string;
  /** One unit's time limit: past it the unit is recorded as failed and the runner moves on. */
  timeoutMs?: number;
  stopped?: () => boolean;
}

const DEFAULT_UNIT_TIMEOUT_MS = 10 * 60_000;

/** A runner's name in the lease rows: unique per process and job start. */
export function runnerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Runs `work` for every unit in turn, each unit under a lease (jobs/repository-claims.ts): a unit
 * another server holds, or one done or failed today, is skipped, so two servers sharing a database
 * never do the same unit's work twice on one day. A unit that throws or outlasts its time limit is
 * recorded as failed (with the reason) and does not keep the others back. The lease lasts twice
 * the time limit: a server that dies mid-unit leaves a lease that another may take over later.
 */
export async function forEachUnit<T>(
  app: FastifyInstance,
  job: JobName,
  day: string,
  work: (tenantId: number) => Promise<T>,
  onError: (tenantId: number, error: unknown) => void,
  options: UnitRunOptions = {},
): Promise<Array<{ tenantId: number; result: T }>> {
  const owner = options.owner ?? runnerName();
  const timeoutMs = options.timeoutMs ?? DEFAULT_UNIT_TIMEOUT_MS;
  const stopped = options.stopped ?? (() => false);
  const out: Array<{ tenantId: number; result: T }> = [];
  for (const id of await unitIds(app.db)) {
    if (stopped()) break;
    if (!(await claim(app.db, id, job, day, owner, timeoutMs * 2))) continue;
    let timer: NodeJS.Timeout | undefined;
    try {
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new UnitTimeout(timeoutMs)), timeoutMs);
      });
      const result = await Promise.race([work(id), limit]);
      await finish(app.db, id, job, day, owner, null);
      out.push({ tenantId: id, result });
    } catch (error) {
      onError(id, error);
      await finish(app.db, id, job, day, owner, error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }
  return out;
}

/** A unit's work outlasted its time limit (it may still finish in the background; its result is not waited for). */
export class UnitTimeout extends Error {
  constructor(ms: number) {
    super(`TIMEOUT after ${ms} ms`);
  }
}
