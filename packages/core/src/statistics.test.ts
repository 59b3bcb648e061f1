import { describe, expect, it } from 'vitest';
import { ageBand, breakdownIssues, buildTables, educationGroup, joinPeriod, occupationGroup, reconcileDifference, reconcileHint, STATISTICS_TABLES } from './statistics.js';

const flows = { lastYear: 0, joined: 0, transferredIn: 0, transferredOut: 0, died: 0, left: 0, stopped: 0, other: 0, thisYear: 0 };

describe('statistics breakdowns', () => {
  it('counts the age on 12-31, birthdays later in the year included', () => {
    expect(ageBand('1996-12-31', '2026-12-31')).toBe('le30');
    expect(ageBand('1995-12-31', '2026-12-31')).toBe('a31_35');
    expect(ageBand('1990-01-01', '2026-12-31')).toBe('a36_40');
    expect(ageBand('1966-01-01', '2026-12-31')).toBe('a56_60');
    expect(ageBand('1965-12-31', '2026-12-31')).toBe('ge61');
    expect(ageBand(null, '2026-12-31')).toBe('unknown');
  });
  it('places joining dates, education and occupation in the forms’ groups', () => {
    expect(joinPeriod('1949-09-30')).toBe('p1949');
    expect(joinPeriod('2012-11-01')).toBe('p2017');
    expect(joinPeriod('2025-06-01')).toBe('pnow');
    expect(joinPeriod(null)).toBe('unknown');
    expect(educationGroup('硕士研究生')).toBe('postgraduate');
    expect(educationGroup(null)).toBe('unknown');
    expect(occupationGroup('公有制事业单位专业技术人员')).toBe('professional');
    expect(occupationGroup('公有制事业单位工勤技能人员')).toBe('worker');
    expect(occupationGroup('离退休人员')).toBe('retired');
  });
  it('every row key is unique within its table and breakdown parts are rows', () => {
    for (const t of STATISTICS_TABLES) {
      const keys = t.rows.map((r) => r.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const b of t.breakdowns) for (const p of [b.total, ...b.parts]) expect(keys).toContain(p);
    }
  });
});

describe('statistics tables', () => {
  it('fills every cell, derives the change and flags a breakdown that does not add up', () => {
    const tables = buildTables(
      [
        { table: 'comparison', row: 'last_year', count: 10 },
        { table: 'comparison', row: 'this_year', count: 12 },
        { table: 'education', row: 'total', count: 3 },
        { table: 'education', row: 'bachelor', count: 2 },
      ],
      'zh-CN',
    );
    expect(tables.find((t) => t.id === 'comparison')!.rows.find((r) => r.key === 'change')!.count).toBe(2);
    expect(tables.find((t) => t.id === 'education')!.title).toBe('党员学历情况');
    expect(breakdownIssues(tables)).toEqual([{ table: 'education', total: 'total', totalCount: 3, partsSum: 2 }]);
    expect(buildTables([], 'en-US')[0]!.title).toBe('Members: two-year comparison');
  });
});

describe('reconciliation', () => {
  it('adds up a person who joined, one transferred out and back, one who died', () => {
    expect(reconcileDifference({ ...flows, joined: 1, thisYear: 1 })).toBe(0);
    expect(reconcileDifference({ ...flows, lastYear: 1, transferredOut: 1, transferredIn: 1, thisYear: 1 })).toBe(0);
    expect(reconcileDifference({ ...flows, lastYear: 1, died: 1 })).toBe(0);
  });
  it('names what breaks the identity', () => {
    expect(reconcileDifference({ ...flows, lastYear: 1 })).toBe(-1);
    expect(reconcileHint({ ...flows, lastYear: 1, joinedOn: '2000-01-01', closedWithoutDate: true })).toBe('closed_without_date');
    expect(reconcileHint({ ...flows, thisYear: 1, joinedOn: null, closedWithoutDate: false })).toBe('no_join_date');
    expect(reconcileHint({ ...flows, thisYear: 1, joinedOn: '2000-01-01', closedWithoutDate: false })).toBe('missing_transfer');
  });
});
