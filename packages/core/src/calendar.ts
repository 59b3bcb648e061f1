/**
 * Calendar dates as 'YYYY-MM-DD' strings. Arithmetic is done on UTC day numbers so the host's
 * time zone and daylight-saving changes can never shift a date.
 *
 * Working days (工作日) follow the State Council's yearly holiday notice: weekends are off
 * unless listed as adjusted working days (调休上班), and listed holidays are off.
 */
import holidaysJson from './data/holidays-cn.json' with { type: 'json' };

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CalendarInputError extends Error {
  readonly code = 'CALENDAR_INVALID_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'CalendarInputError';
  }
}

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD'; throws CalendarInputError otherwise. */
export function toDayNumber(date: string): number {
  // The rules turn the same few thousand dates into day numbers over and over (a unit's due list
  // does it millions of times): each is parsed and checked once.
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const n = parseDayNumber(date);
  if (dayNumbers.size >= DAY_NUMBERS_KEPT) dayNumbers.clear();
  dayNumbers.set(date, n);
  return n;
}

const DAY_NUMBERS_KEPT = 100_000;
const dayNumbers = new Map<string, number>();

function parseDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new CalendarInputError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; reject those and impossible days like 02-30.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new CalendarInputError(`no such date: ${date}`);
  }
  return ms / DAY_MS;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD' for a day number. */
export function fromDayNumber(day: number): string {
  const dt = new Date(day * DAY_MS);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

export function isValidDate(date: string): boolean {
  try {
    toDayNumber(date);
    return true;
  } catch {
    return false;
  }
}

function parts(date: string): { y: number; m: number; d: number } {
  toDayNumber(date); // validates
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

function checkInteger(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new CalendarInputError(`${name} must be an integer: ${n}`);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function dayOfWeek(date: string): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function addDays(date: string, days: number): string {
  checkInteger(days, 'days');
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds calendar months, clamping to the end of the target month
 * (2024-01-31 + 1 month = 2024-02-29; 2024-03-31 − 1 month = 2024-02-29).
 */
export function addMonths(date: string, months: number): string {
  checkInteger(months, 'months');
  const { y, m, d } = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return `${pad(ty, 4)}-${pad(tm)}-${pad(Math.min(d, daysInMonth(ty, tm)))}`;
}

/** Adds years with the same clamping (2024-02-29 + 1 year = 2025-02-28). */
export function addYears(date: string, years: number): string {
  checkInteger(years, 'years');
  return addMonths(date, years * 12);
}

/** b − a in days: positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function compareDates(a: string, b: string): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function quarterOf(date: string): 1 | 2 | 3 | 4 {
  return (Math.floor((parts(date).m - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

export type PeriodKind = 'month' | 'quarter' | 'year';

/** Period key for a date: month '2026-03', quarter '2026-Q1', year '2026'. */
export function periodOf(date: string, kind: PeriodKind): string {
  const { y, m } = parts(date);
  switch (kind) {
    case 'month':
      return `${pad(y, 4)}-${pad(m)}`;
    case 'quarter':
      return `${pad(y, 4)}-Q${quarterOf(date)}`;
    case 'year':
      return pad(y, 4);
  }
}

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;
const YEAR_KEY = /^(\d{4})$/;

/** The kind of a period key, or throws for a malformed key. */
export function periodKindOf(key: string): PeriodKind {
  if (MONTH_KEY.test(key)) return 'month';
  if (QUARTER_KEY.test(key)) return 'quarter';
  if (YEAR_KEY.test(key)) return 'year';
  throw new CalendarInputError(`not a period key: ${JSON.stringify(key)}`);
}

/** First and last day (both inclusive) of a period key. */
export function periodRange(key: string): { start: string; end: string } {
  let y: number;
  let firstMonth: number;
  let months: number;
  const mk = MONTH_KEY.exec(key);
  const qk = QUARTER_KEY.exec(key);
  const yk = YEAR_KEY.exec(key);
  if (mk) {
    [y, firstMonth, months] = [Number(mk[1]), Number(mk[2]), 1];
  } else if (qk) {
    [y, firstMonth, months] = [Number(qk[1]), (Number(qk[2]) - 1) * 3 + 1, 3];
  } else if (yk) {
    [y, firstMonth, months] = [Number(yk[1]), 1, 12];
  } else {
    throw new CalendarInputError(`not a period key: ${JSON.stringify(key)}`);
  }
  if (y < 1000) throw new CalendarInputError(`year out of range: ${key}`);
  const lastMonth = firstMonth + months - 1;
  return {
    start: `${pad(y, 4)}-${pad(firstMonth)}-01`,
    end: `${pad(y, 4)}-${pad(lastMonth)}-${pad(daysInMonth(y, lastMonth))}`,
  };
}

/** The period after (n = 1) or before (n = −1) a period key, of the same kind. */
export function shiftPeriod(key: string, n: number): string {
  checkInteger(n, 'n');
  const kind = periodKindOf(key);
  const { start } = periodRange(key);
  const step = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  return periodOf(addMonths(start, n * step), kind);
}

// ---------------------------------------------------------------------------------------
// Working days
// ---------------------------------------------------------------------------------------

/** One year of the State Council schedule: holidays (off) and adjusted working days (work). */
export interface HolidayYear {
  off: string[];
  work: string[];
}
/** Keyed by year ('2026'); the format of data/holidays-cn.json (other keys are ignored). */
export type HolidayData = Record<string, HolidayYear>;

function holidayYears(raw: Record<string, unknown>): HolidayData {
  const out: HolidayData = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!YEAR_KEY.test(key)) continue; // e.g. "about"
    const year = value as HolidayYear;
    out[key] = { off: [...year.off], work: [...year.work] };
  }
  return out;
}

/** The shipped State Council schedules (2025, 2026), see data/holidays-cn.json for sources. */
export const DEFAULT_HOLIDAYS: HolidayData = holidayYears(holidaysJson as Record<string, unknown>);

/**
 * Working-day arithmetic over a holiday table. Years missing from the table fall back to
 * "Monday–Friday are working days"; `hasDataFor` lets callers warn about that.
 *
 * Conventions (chosen so that the three functions agree):
 * - `addWorkingDays(d, n)` for n > 0 is the n-th working day strictly after d (d itself is not
 *   counted, whether or not it is a working day); n < 0 goes backwards the same way; n = 0
 *   returns d unchanged.
 * - `workingDaysBetween(a, b)` counts the working days in the half-open range (a, b]: after a,
 *   up to and including b; negative when b < a. So workingDaysBetween(a, addWorkingDays(a, n))
 *   = n, like daysBetween and addDays.
 * - `publicNoticeEnd(start, n)` is the last day of a notice of n full working days: the first
 *   day counted is `start` if it is a working day (the notice is published at the start of
 *   that day), otherwise the next working day. The notice ends at the close of the returned
 *   day; the next step may be taken on the following day at the earliest.
 */
export class WorkingDayCalendar {
  private readonly off = new Set<number>();
  private readonly work = new Set<number>();
  private readonly years = new Set<number>();

  constructor(holidays: HolidayData = DEFAULT_HOLIDAYS) {
    for (const [year, entry] of Object.entries(holidays)) {
      if (!YEAR_KEY.test(year)) continue;
      this.years.add(Number(year));
      for (const d of entry.off) this.off.add(toDayNumber(d));
      for (const d of entry.work) this.work.add(toDayNumber(d));
    }
    for (const n of this.off) {
      if (this.work.has(n)) throw new CalendarInputError(`${fromDayNumber(n)} is listed both as a holiday and as a working day`);
    }
  }

  /** True when the table has the State Council schedule for the year of `date`. */
  hasDataFor(date: string): boolean {
    return this.years.has(parts(date).y);
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  private isWorkingDayNumber(n: number): boolean {
    if (this.off.has(n)) return false;
    if (this.work.has(n)) return true;
    const dow = (((n + 4) % 7) + 7) % 7;
    return dow !== 0 && dow !== 6;
  }

  addWorkingDays(date: string, n: number): string {
    checkInteger(n, 'n');
    let day = toDayNumber(date);
    const step = n >= 0 ? 1 : -1;
    let remaining = Math.abs(n);
    while (remaining > 0) {
      day += step;
      if (this.isWorkingDayNumber(day)) remaining--;
    }
    return fromDayNumber(day);
  }

  workingDaysBetween(a: string, b: string): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let day = lo + 1; day <= hi; day++) if (this.isWorkingDayNumber(day)) count++;
    return sign * count;
  }

  /** First working day on or after `date`. */
  nextWorkingDayOnOrAfter(date: string): string {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  publicNoticeEnd(start: string, workingDays: number): string {
    checkInteger(workingDays, 'workingDays');
    if (workingDays < 1) throw new CalendarInputError(`a notice lasts at least 1 working day: ${workingDays}`);
    return this.addWorkingDays(this.nextWorkingDayOnOrAfter(start), workingDays - 1);
  }
}

/**
 * End of a 公示 under a unit's setting (RuleSettings.publicNotice): n working days as in
 * `publicNoticeEnd`, or n calendar days counting the start day (start + n − 1).
 */
export function publicNoticeEndFor(
  calendar: WorkingDayCalendar,
  start: string,
  notice: { days: number; unit: 'working_days' | 'calendar_days' },
): string {
  if (notice.unit === 'working_days') return calendar.publicNoticeEnd(start, notice.days);
  checkInteger(notice.days, 'days');
  if (notice.days < 1) throw new CalendarInputError(`a notice lasts at least 1 day: ${notice.days}`);
  return addDays(start, notice.days - 1);
}

/**
 * The calendar day in China (UTC+8, no daylight saving) at an instant: the day rules are
 * checked against, whatever the server's time zone.
 */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
