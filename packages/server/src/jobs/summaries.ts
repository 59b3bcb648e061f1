/**
 * The units' summaries for their commissions (modules/commission/service-summary.ts): once a day,
 * and at start, every unit's aggregate figures as of today, each unit under its lease (daily.ts:
 * two servers never compute one unit twice a day; a slow or failing unit is recorded and the
 * others go on). A unit's office may compute its own again at any time (POST /unit-summary/refresh).
 */
import { addDays } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { refreshSummary } from '../modules/commission/service-summary.js';
import { type DailyJob, type UnitRunOptions, forEachUnit, startDailyJob } from './daily.js';
import { unitIds } from './repository-claims.js';

export interface SummaryJobOptions {
  checkEveryMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** One unit's time limit (ms). */
  timeoutMs?: number;
  /** This runner's name in the lease rows. */
  owner?: string;
}

/** tick() gives the units summarised, or null when today was done already. */
export type SummaryJob = DailyJob<number[]>;

export function startSummaryJob(app: FastifyInstance, options: SummaryJobOptions = {}): SummaryJob {
  const log = options.log ?? ((message: string, error?: unknown) => (error ? app.log.error({ err: error }, message) : app.log.info(message)));
  return startDailyJob({
    checkEveryMs: options.checkEveryMs,
    dueDay: () => app.today(),
    run: async (today, stopped) => {
      const run: UnitRunOptions = { stopped, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.owner ? { owner: options.owner } : {}) };
      const done = await forEachUnit(app, 'summaries', today, (id) => refreshSummary(app.db, id, today), (id, error) => log(`unit summary failed for tenant ${id}`, error), run);
      return done.map((d) => d.tenantId);
    },
  });
}

/**
 * A fresh demo's history, so the commission's trend has something to draw: each unit's figures as
 * of the last day of each of the previous `months` months and of the last `days` days before
 * today, computed by the same services as of those days.
 */
export async function backfillSummaries(db: Kysely<DB>, today: string, months: number, days: number): Promise<void> {
  const asOf = new Set<string>();
  let monthStart = `${today.slice(0, 7)}-01`;
  for (let i = 0; i < months; i++) {
    const end = addDays(monthStart, -1);
    asOf.add(end);
    monthStart = `${end.slice(0, 7)}-01`;
  }
  for (let i = 1; i <= days; i++) asOf.add(addDays(today, -i));
  const ids = await unitIds(db);
  for (const day of [...asOf].sort()) for (const id of ids) await refreshSummary(db, id, day);
}
