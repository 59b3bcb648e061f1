import { describe, it, expect } from 'vitest';
import {
  CalendarInputError,
  DEFAULT_HOLIDAYS,
  WorkingDayCalendar,
  addDays,
  addMonths,
  addYears,
  dayOfWeek,
  daysBetween,
  isValidDate,
  periodOf,
  periodRange,
  publicNoticeEndFor,
  quarterOf,
  shiftPeriod,
} from './calendar.js';

describe('date validation', () => {
  it.each(['2024-02-29', '2026-12-31', '2000-02-29'])('%s is a date', (d) => expect(isValidDate(d)).toBe(true));
  it.each(['2025-02-29', '1900-02-29', '2026-13-01', '2026-04-31', '2026-4-1', '20260401', '', '0099-01-01'])('%s is not', (d) =>
    expect(isValidDate(d)).toBe(false),
  );
  it('throws on bad input to arithmetic', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(CalendarInputError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(CalendarInputError);
  });
});

describe('addDays / daysBetween', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'], // a European DST change night: no effect on dates
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });
  it('knows the weekday', () => {
    expect(dayOfWeek('2026-10-10')).toBe(6); // Saturday
    expect(dayOfWeek('2025-09-28')).toBe(0); // Sunday
    expect(dayOfWeek('1970-01-01')).toBe(4); // Thursday
  });
});

describe('addMonths / addYears clamp to the end of the month', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-01-31', -2, '2025-11-30'],
    ['2026-03-15', -15, '2024-12-15'],
    ['2026-05-10', 0, '2026-05-10'],
  ])('%s + %i months = %s', (d, n, expected) => expect(addMonths(d, n)).toBe(expected));

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', -1, '2023-02-28'],
    ['2023-06-15', 3, '2026-06-15'],
  ])('%s + %i years = %s', (d, n, expected) => expect(addYears(d, n)).toBe(expected));
});

describe('quarters and periods', () => {
  it.each([
    ['2026-01-01', 1],
    ['2026-03-31', 1],
    ['2026-04-01', 2],
    ['2026-06-30', 2],
    ['2026-07-01', 3],
    ['2026-09-30', 3],
    ['2026-10-01', 4],
    ['2026-12-31', 4],
  ])('%s is in Q%i', (d, q) => expect(quarterOf(d)).toBe(q));

  it('builds period keys', () => {
    expect(periodOf('2026-03-31', 'month')).toBe('2026-03');
    expect(periodOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-04-01', 'quarter')).toBe('2026-Q2');
    expect(periodOf('2026-12-31', 'year')).toBe('2026');
  });

  it.each([
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2025-02', '2025-02-01', '2025-02-28'],
    ['2026-04', '2026-04-01', '2026-04-30'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
  ])('%s runs from %s to %s', (key, start, end) => {
    expect(periodRange(key)).toEqual({ start, end });
  });

  it('round-trips: every day of a period maps back to its key', () => {
    for (const key of ['2024-02', '2026-Q1', '2026-Q4']) {
      const { start, end } = periodRange(key);
      const kind = key.includes('Q') ? 'quarter' : 'month';
      expect(periodOf(addDays(start, -1), kind)).not.toBe(key);
      expect(periodOf(addDays(end, 1), kind)).not.toBe(key);
      for (let d = start; d <= end; d = addDays(d, 1)) expect(periodOf(d, kind)).toBe(key);
    }
  });

  it('rejects malformed keys', () => {
    for (const key of ['2026-13', '2026-Q5', '2026-Q0', '26', '2026-1', 'Q1-2026']) {
      expect(() => periodRange(key)).toThrow(CalendarInputError);
    }
  });

  it('shifts periods across year ends', () => {
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftPeriod('2026', 2)).toBe('2028');
  });
});

describe('WorkingDayCalendar with the State Council schedule', () => {
  const cal = new WorkingDayCalendar(DEFAULT_HOLIDAYS);

  it('loads the shipped years and ignores the "about" note', () => {
    expect(Object.keys(DEFAULT_HOLIDAYS)).toEqual(expect.arrayContaining(['2025', '2026']));
    expect(Object.keys(DEFAULT_HOLIDAYS)).not.toContain('about');
    expect(cal.hasDataFor('2026-05-01')).toBe(true);
    expect(cal.hasDataFor('2099-05-01')).toBe(false);
  });

  it.each([
    ['2026-10-01', false], // 国庆 (Thursday)
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, 调休上班
    ['2026-10-11', false], // ordinary Sunday
    ['2026-09-30', true],
    ['2025-09-28', true], // Sunday, 调休上班
    ['2025-10-08', false],
    ['2025-10-11', true], // Saturday, 调休上班
    ['2025-10-12', false],
    ['2026-06-19', false], // 端午 (Friday)
  ])('%s working: %s', (d, working) => expect(cal.isWorkingDay(d)).toBe(working));

  it.each([
    // 2026 国庆: 09-30 (Wed) → 10-08, 10-09, 10-10 (Sat, working), 10-12 (Mon)
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-10-12', -4, '2026-09-30'],
    // 2025 国庆: 09-26 (Fri) → 09-28 (Sun, working), 09-29, 09-30, 10-09
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-26', 4, '2025-10-09'],
    ['2025-10-09', -1, '2025-09-30'],
    ['2026-10-03', 0, '2026-10-03'],
  ])('%s + %i working days = %s', (d, n, expected) => expect(cal.addWorkingDays(d, n)).toBe(expected));

  it('counts working days in (a, b]', () => {
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4); // 10-08, 10-09, 10-10, 10-12
    expect(cal.workingDaysBetween('2026-10-12', '2026-09-30')).toBe(-4);
    expect(cal.workingDaysBetween('2025-09-27', '2025-10-11')).toBe(6); // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
    expect(cal.workingDaysBetween('2026-10-05', '2026-10-05')).toBe(0);
  });

  it('is consistent: workingDaysBetween(a, addWorkingDays(a, n)) = n', () => {
    for (const start of ['2025-09-25', '2025-10-01', '2026-02-13', '2026-09-24', '2026-10-03']) {
      for (const n of [1, 2, 5, 7, 10]) expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
    }
  });

  describe('公示 of 5 working days, start day counted when it is a working day', () => {
    it.each([
      // 2026: 09-29 (Tue), 09-30, [10-01..10-07 off], 10-08, 10-09, 10-10 (Sat, working) → 5th day 10-10
      ['2026-09-29', 5, '2026-10-10'],
      // 09-30, 10-08, 10-09, 10-10 (Sat, working), 10-12 → the make-up Saturday counts
      ['2026-09-30', 5, '2026-10-12'],
      // starting on a holiday: first day is 10-08; 10-08, 10-09, 10-10, 10-12, 10-13
      ['2026-10-03', 5, '2026-10-13'],
      // 2025: 09-26 (Fri), 09-28 (Sun, working), 09-29, 09-30, [10-01..10-08 off], 10-09
      ['2025-09-26', 5, '2025-10-09'],
      // 09-30, 10-09, 10-10, 10-11 (Sat, working), 10-13
      ['2025-09-30', 5, '2025-10-13'],
      // starting on an ordinary Saturday: 09-27 is off, so 09-28 (Sun, working) is day 1;
      // 09-28, 09-29, 09-30, 10-09, 10-10
      ['2025-09-27', 5, '2025-10-10'],
      // an ordinary week: Mon..Fri
      ['2026-03-02', 5, '2026-03-06'],
      ['2026-03-02', 1, '2026-03-02'],
      ['2026-03-06', 7, '2026-03-16'], // Fri + next week Mon..Fri + Mon: 03-06, 09, 10, 11, 12, 13, 16
    ])('from %s, %i working days → ends %s', (start, n, end) => {
      expect(cal.publicNoticeEnd(start, n)).toBe(end);
    });

    it('rejects a notice of less than one day', () => {
      expect(() => cal.publicNoticeEnd('2026-03-02', 0)).toThrow(CalendarInputError);
    });

    it('supports a unit setting in calendar days', () => {
      expect(publicNoticeEndFor(cal, '2026-09-30', { days: 7, unit: 'calendar_days' })).toBe('2026-10-06');
      expect(publicNoticeEndFor(cal, '2026-09-30', { days: 5, unit: 'working_days' })).toBe('2026-10-12');
    });
  });

  it('rejects a date listed both as off and as work', () => {
    expect(() => new WorkingDayCalendar({ '2030': { off: ['2030-01-05'], work: ['2030-01-05'] } })).toThrow(CalendarInputError);
  });

  it('falls back to Monday–Friday where the table has no data', () => {
    const empty = new WorkingDayCalendar({});
    expect(empty.isWorkingDay('2026-10-01')).toBe(true); // Thursday, no holiday data
    expect(empty.isWorkingDay('2026-10-10')).toBe(false); // Saturday
    expect(empty.hasDataFor('2026-10-01')).toBe(false);
  });

  it('works with a custom table', () => {
    const custom = new WorkingDayCalendar({ '2030': { off: ['2030-01-07'], work: ['2030-01-05'] } });
    expect(custom.isWorkingDay('2030-01-05')).toBe(true); // Saturday made a working day
    expect(custom.isWorkingDay('2030-01-07')).toBe(false); // Monday holiday
    expect(custom.addWorkingDays('2030-01-04', 2)).toBe('2030-01-08');
  });
});
