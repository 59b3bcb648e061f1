import type { Kysely } from 'kysely';
import holidaysCn from '../../../core/src/data/holidays-cn.json' with { type: 'json' };
import type { DB } from '../db/schema.js';
import { allHolidays, insertHolidaysKeepingExisting } from '../modules/development/repository-holidays.js';

type HolidayFile = Record<string, unknown>;

/** The shipped calendar as rows: public holidays ('off') and adjusted working days ('work', 调休上班). */
export function shippedHolidays(): { day: string; kind: 'off' | 'work'; note: string }[] {
  const rows: { day: string; kind: 'off' | 'work'; note: string }[] = [];
  for (const [year, value] of Object.entries(holidaysCn as HolidayFile)) {
    if (!/^\d{4}$/.test(year) || typeof value !== 'object' || value === null) continue;
    for (const kind of ['off', 'work'] as const) {
      const days = (value as Record<string, unknown>)[kind];
      if (!Array.isArray(days)) continue;
      for (const day of days) if (typeof day === 'string') rows.push({ day, kind, note: '' });
    }
  }
  return rows;
}

/**
 * Loads the State Council holiday schedules into the global `holidays` table. Runs on every
 * start: a year that already has rows is left alone, because the admin may have corrected it;
 * a year added to the shipped file (e.g. 2027 once published) is loaded on the next start.
 * Returns the number of rows inserted.
 */
export async function loadHolidays(db: Kysely<DB>): Promise<number> {
  const loadedYears = new Set((await allHolidays(db)).map((r) => r.day.slice(0, 4)));
  const rows = shippedHolidays().filter((r) => !loadedYears.has(r.day.slice(0, 4)));
  if (rows.length === 0) return 0;
  await insertHolidaysKeepingExisting(db, rows);
  return rows.length;
}
