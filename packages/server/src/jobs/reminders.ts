/**
 * The daily reminder digest (rules.md, burden reduction: rule-driven, at most daily, mutable).
 *
 * main.ts starts it; tests start it only when they test it, with their own clock. Once a minute
 * it checks whether the configured time of day (China time, default 08:00) has passed and the
 * digest has not run yet today; then it runs the digest of every tenant. A server started after
 * the hour catches up at once. "At most daily per org" is the unique (tenant, org, day) key of
 * orglife_digests, so a restart or a second server on the same day sends nothing twice.
 */
import { chinaDate } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { Mailer } from '../lib/mail.js';
import { type DailyJob, forEachUnit, startDailyJob } from './daily.js';
import { type Poster, type ReminderRun, defaultPoster, runReminders } from '../modules/orglife/reminders.js';

export interface ReminderJobOptions {
  /** Time of day, China time, 'HH:MM' (24 h). */
  at?: string;
  /** The instant now (tests pass their own clock). */
  now?: () => Date;
  /** How webhooks are posted. */
  poster?: Poster;
  /** How e-mails are sent (main.ts: from SMTP_URL); none: e-mail deliveries stay queued. */
  mailer?: Mailer | null;
  /** How often to look at the clock, in ms. */
  checkEveryMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** Runs the digest of every tenant when it is due today and has not run yet; tick() gives the runs, or null. */
export type ReminderJob = DailyJob<Array<{ tenantId: number } & ReminderRun>>;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses REMINDER_TIME ('HH:MM'); the default 08:00 when unset, an error when malformed. */
export function reminderTimeOf(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return '08:00';
  if (!TIME.test(value.trim())) throw new Error(`REMINDER_TIME must be HH:MM (24 h, China time), not "${value}"`);
  return value.trim();
}

/** 'HH:MM' of an instant in China time (UTC+8, no daylight saving). */
function chinaTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

export function startReminderJob(app: FastifyInstance, options: ReminderJobOptions = {}): ReminderJob {
  const at = reminderTimeOf(options.at);
  const now = options.now ?? (() => new Date());
  const poster = options.poster ?? defaultPoster;
  const mailer = options.mailer ?? null;
  const log = options.log ?? ((message: string, error?: unknown) => (error ? app.log.error({ err: error }, message) : app.log.info(message)));
  return startDailyJob({
    checkEveryMs: options.checkEveryMs,
    // Due from the configured time of day; a server started after it catches up at once.
    dueDay: () => {
      const instant = now();
      return chinaTime(instant) < at ? null : chinaDate(instant);
    },
    run: async (day) => {
      // One tenant's failure does not keep the others' digests back.
      const done = await forEachUnit(app, 'reminders', day, (id) => runReminders(app.db, id, app.today(), poster, mailer), (id, error) => log(`reminder digest failed for tenant ${id}`, error));
      const runs = done.map(({ tenantId, result }) => ({ tenantId, ...result }));
      log(`reminder digests for ${day}: ${runs.reduce((n, r) => n + r.digests, 0)} digests, ${runs.reduce((n, r) => n + r.deliveries.length, 0)} deliveries`);
      return runs;
    },
  });
}
