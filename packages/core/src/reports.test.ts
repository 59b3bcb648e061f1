import { describe, expect, it } from 'vitest';
import { type ReportPerson, cellMembers, nextYear, reportDefinitionProblems, reportAgeBand, reportDefinitionSchema, reportPeriod, runReport } from './reports.js';
import { ageOn } from './statistics.js';

const person = (id: number, extra: Partial<ReportPerson> = {}): ReportPerson => ({
  id,
  name: `党员${id}`,
  gender: 'male',
  idNumber: '110101198503040011',
  birthDate: '1985-03-04',
  ethnicity: '汉族',
  nativePlace: '',
  education: '大学本科',
  degree: null,
  title: '中级',
  post: '',
  jobCategory: null,
  department: null,
  orgId: 1,
  orgName: '心内科党支部',
  category: 'full',
  status: 'active',
  joinedOn: '2010-07-01',
  fullOn: '2011-07-01',
  workStartedOn: null,
  ...extra,
});

const def = (extra: Record<string, unknown> = {}) => reportDefinitionSchema.parse({ title: '2026年度党员队伍结构情况', asOf: '2026-12-31', orgId: 1, ...extra });

describe('reports', () => {
  it('ageOn counts whole years on the date; 02-29 birthdays on 02-28', () => {
    expect(ageOn('1985-03-04', '2026-03-03')).toBe(40);
    expect(ageOn('1985-03-04', '2026-03-04')).toBe(41);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(26);
    expect(ageOn('2000-02-29', '2026-02-27')).toBe(25);
    expect([30, 31, 35, 36, 60, 61].map(reportAgeBand)).toEqual(['≤30', '31-35', '31-35', '36-40', '56-60', '≥61']);
  });

  it('runReport: breakdown by age band × education adds up, cells name the people, filters apply', () => {
    const people = [
      person(1, { birthDate: '1996-01-01', education: '硕士研究生' }), // 30 on 2026-12-31
      person(2, { birthDate: '1990-12-31', education: '大学本科' }), // 36
      person(3, { birthDate: '1991-01-01', education: '大学本科', gender: 'female' }), // 35
      person(4, { birthDate: null, education: null }),
      person(5, { status: 'deceased' }),
    ];
    const r = runReport(def({ rowDimension: 'ageBand', columnDimension: 'education', fields: ['name', 'age', 'idNumber'] }), people);
    const b = r.breakdown!;
    expect(r.total).toBe(4);
    expect(b.rows).toEqual(['≤30', '31-35', '36-40', '41-45', '46-50', '51-55', '56-60', '≥61', '未填']);
    expect(b.columns.slice(0, 6)).toEqual(['博士研究生', '硕士研究生', '大学本科', '大学专科', '中专', '高中及以下']);
    expect(b.columns.at(-1)).toBe('未填');
    expect(b.counts[0]![1]).toBe(1);
    expect(b.counts[1]![2]).toBe(1);
    expect(b.counts[2]![2]).toBe(1);
    expect(b.rowTotals.reduce((s, n) => s + n, 0)).toBe(4);
    expect(b.columnTotals.reduce((s, n) => s + n, 0)).toBe(4);
    expect(cellMembers(b, 1, 2)).toEqual([3]);
    expect(cellMembers(b, 2, -1)).toEqual([2]);
    expect(cellMembers(b, 99, 0)).toBeNull();
    expect(r.rows.find((row) => row.memberId === 1)).toMatchObject({ name: '党员1', age: 30 });
    const women = runReport(def({ fields: ['name'], filters: { genders: ['female'] } }), people);
    expect(women.rows.map((row) => row.memberId)).toEqual([3]);
    const young = runReport(def({ fields: ['name'], filters: { ageMax: 35 } }), people);
    expect(young.rows.map((row) => row.memberId).sort()).toEqual([1, 3]);
  });

  it('problems name the part of the definition', () => {
    expect(reportDefinitionProblems(def())).toEqual([{ path: 'fields', code: 'REPORT_EMPTY' }]);
    expect(reportDefinitionProblems(def({ fields: ['name', 'name'] }))[0]).toMatchObject({ path: 'fields[1]', code: 'REPORT_FIELD_TWICE' });
    expect(reportDefinitionProblems(def({ fields: ['name'], columnDimension: 'gender' }))[0]).toMatchObject({ path: 'rowDimension' });
    expect(reportDefinitionProblems(def({ rowDimension: 'gender', columnDimension: 'gender' }))[0]).toMatchObject({ path: 'columnDimension' });
    expect(reportDefinitionProblems(def({ fields: ['name'], filters: { ageMin: 50, ageMax: 40 } }))[0]).toMatchObject({ path: 'filters.ageMax' });
    expect(reportDefinitionProblems(def({ fields: ['name'], filters: { educations: ['大学'] } }))[0]).toMatchObject({ path: 'filters.educations[0]', code: 'REPORT_VALUE_UNKNOWN' });
    expect(reportDefinitionSchema.safeParse({ title: 'x', asOf: '2026-02-30', orgId: 1 }).success).toBe(false);
  });

  it('nextYear shifts the as-of date, the joined range and the year in the title; 02-29 → 02-28', () => {
    const d = def({ fields: ['name'], filters: { joinedFrom: '2024-02-29', joinedTo: '2026-12-31' } });
    const n = nextYear(d);
    expect(n).toMatchObject({ title: '2027年度党员队伍结构情况', asOf: '2027-12-31', filters: { joinedFrom: '2025-02-28', joinedTo: '2027-12-31' } });
    expect(nextYear(def({ asOf: '2028-02-29' })).asOf).toBe('2029-02-28');
    expect(reportPeriod('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(reportPeriod('2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' });
  });
});
