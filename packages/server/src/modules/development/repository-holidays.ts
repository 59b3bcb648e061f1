/** The holiday calendar: one global table (no tenant), the public holidays and adjusted working days (调休). */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface HolidayRow {
  day: string;
  kind: 'off' | 'work';
  note: string;
}

function asRow(r: { day: unknown; kind: 'off' | 'work'; note: string }): HolidayRow {
  return { day: String(r.day).slice(0, 10), kind: r.kind, note: r.note };
}

/** Every day of the calendar (the working-day calendar is built from them). */
export async function allHolidays(db: Db): Promise<{ day: string; kind: 'off' | 'work' }[]> {
  return (await db.selectFrom('holidays').select(['day', 'kind']).execute()).map((r) => ({ day: String(r.day).slice(0, 10), kind: r.kind }));
}

export async function holidaysOfYear(db: Db, year: number): Promise<HolidayRow[]> {
  return (await db.selectFrom('holidays').selectAll().where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).orderBy('day').execute()).map(asRow);
}

/** Replaces a year's days. */
export async function replaceYear(db: Db, year: number, days: readonly HolidayRow[]): Promise<void> {
  await db.deleteFrom('holidays').where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).execute();
  await db.insertInto('holidays').values([...days]).execute();
}

/** Adds days, leaving any day already in the calendar as it is (the shipped schedules on a start). */
export async function insertHolidaysKeepingExisting(db: Db, days: readonly HolidayRow[]): Promise<void> {
  if (days.length === 0) return;
  await db.insertInto('holidays').values([...days]).onConflict((oc) => oc.column('day').doNothing()).execute();
}

export async function holidayOn(db: Db, day: string): Promise<HolidayRow | undefined> {
  const row = await db.selectFrom('holidays').selectAll().where('day', '=', day).executeTakeFirst();
  return row && asRow(row);
}

export async function upsertHoliday(db: Db, row: HolidayRow): Promise<void> {
  await db
    .insertInto('holidays')
    .values(row)
    .onConflict((oc) => oc.column('day').doUpdateSet({ kind: row.kind, note: row.note }))
    .execute();
}

export async function deleteHoliday(db: Db, day: string): Promise<void> {
  await db.deleteFrom('holidays').where('day', '=', day).execute();
}
