/**
 * Upward reports (上级临时要报的表, 最多报一次): a saved report definition — who asks, as of
 * which date, which members (an org with or without its subtree, filters), which columns per
 * person and which breakdown (one or two dimensions) — run over the members as they stood on the
 * as-of date. Next year the same definition is run again with the date a year later.
 *
 * Everything here is pure: the server hands runReport the members as of the date (org, status
 * and category on that day) and stores what it answers as a frozen run.
 */
import { z } from 'zod';
import { addDays, addYears, compareDates, isValidDate } from './calendar.js';
import { EDUCATIONS, TITLES } from './codes.js';
import { MEMBER_STATUSES } from './member.js';
import { AGE_BANDS, ageOn as statisticsAgeOn } from './statistics.js';

/** Columns a person list may carry (in the order the definition names them). */
export const REPORT_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'age',
  'ethnicity',
  'nativePlace',
  'education',
  'degree',
  'title',
  'post',
  'jobCategory',
  'department',
  'org',
  'category',
  'joinedOn',
  'fullOn',
  'workStartedOn',
  'status',
  'idNumber',
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** Dimensions a breakdown counts by. */
export const REPORT_DIMENSIONS = ['gender', 'ageBand', 'education', 'ethnicity', 'minority', 'jobCategory', 'org', 'category', 'title', 'joinedPeriod'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** 党内统计 age bands (statistics.md): ≤30, 31–35 … 56–60, ≥61, by age on the as-of date. */
/** The statistics' age bands (AGE_BANDS in statistics.ts), as a report's cells label them. */
export const REPORT_AGE_BANDS = ['≤30', '31-35', '36-40', '41-45', '46-50', '51-55', '56-60', '≥61'] as const;
/** 入党时间 periods of the 党员入党时间情况 table. */
export const JOINED_PERIODS = ['1978年12月以前', '1979年1月—2002年10月', '2002年11月—2012年10月', '2012年11月以后'] as const;
export const UNKNOWN_VALUE = '未填';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isValidDate, { message: 'invalid date' });

export const reportFiltersSchema = z.object({
  /** Standing on the as-of date; default: in the party (active). */
  statuses: z.array(z.enum(MEMBER_STATUSES)).max(MEMBER_STATUSES.length).default(['active']),
  categories: z.array(z.enum(['full', 'probationary'])).max(2).default([]),
  genders: z.array(z.enum(['male', 'female'])).max(2).default([]),
  educations: z.array(z.string().min(1).max(20)).max(20).default([]),
  titles: z.array(z.string().min(1).max(20)).max(10).default([]),
  /** Age on the as-of date, both ends included. */
  ageMin: z.number().int().min(0).max(120).nullable().default(null),
  ageMax: z.number().int().min(0).max(120).nullable().default(null),
  joinedFrom: isoDate.nullable().default(null),
  joinedTo: isoDate.nullable().default(null),
  minorityOnly: z.boolean().default(false),
});
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

export const reportDefinitionSchema = z.object({
  title: z.string().trim().min(1).max(100),
  /** 要求报送的上级: 市卫健委党委, 省委教育工委 … */
  requester: z.string().trim().max(100).default(''),
  asOf: isoDate,
  orgId: z.number().int().positive(),
  includeSubtree: z.boolean().default(true),
  subject: z.literal('members').default('members'),
  fields: z.array(z.enum(REPORT_FIELDS)).max(REPORT_FIELDS.length).default([]),
  /** The breakdown's rows and (optionally) columns. */
  rowDimension: z.enum(REPORT_DIMENSIONS).nullable().default(null),
  columnDimension: z.enum(REPORT_DIMENSIONS).nullable().default(null),
  filters: reportFiltersSchema.default(reportFiltersSchema.parse({})),
  note: z.string().trim().max(500).default(''),
});
export type ReportDefinition = z.infer<typeof reportDefinitionSchema>;
export type ReportDefinitionInput = z.input<typeof reportDefinitionSchema>;

/** A problem with a definition: where (a path in the definition), an error code and its params. */
export interface ReportProblem {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

/** The rules beyond shapes: something to show, distinct dimensions and fields, ranges in order. */
export function reportDefinitionProblems(d: ReportDefinition): ReportProblem[] {
  const problems: ReportProblem[] = [];
  if (d.fields.length === 0 && d.rowDimension === null) problems.push({ path: 'fields', code: 'REPORT_EMPTY' });
  const seen = new Set<string>();
  d.fields.forEach((f, i) => {
    if (seen.has(f)) problems.push({ path: `fields[${i}]`, code: 'REPORT_FIELD_TWICE', params: { field: f } });
    seen.add(f);
  });
  if (d.columnDimension !== null && d.rowDimension === null) problems.push({ path: 'rowDimension', code: 'REPORT_ROWS_MISSING' });
  if (d.columnDimension !== null && d.columnDimension === d.rowDimension) problems.push({ path: 'columnDimension', code: 'REPORT_DIMENSION_TWICE' });
  const f = d.filters;
  if (f.ageMin !== null && f.ageMax !== null && f.ageMin > f.ageMax) problems.push({ path: 'filters.ageMax', code: 'REPORT_RANGE_ORDER' });
  if (f.joinedFrom !== null && f.joinedTo !== null && compareDates(f.joinedFrom, f.joinedTo) > 0) problems.push({ path: 'filters.joinedTo', code: 'REPORT_RANGE_ORDER' });
  f.educations.forEach((e, i) => {
    if (!(EDUCATIONS as readonly string[]).includes(e)) problems.push({ path: `filters.educations[${i}]`, code: 'REPORT_VALUE_UNKNOWN', params: { value: e } });
  });
  f.titles.forEach((e, i) => {
    if (!(TITLES as readonly string[]).includes(e)) problems.push({ path: `filters.titles[${i}]`, code: 'REPORT_VALUE_UNKNOWN', params: { value: e } });
  });
  if (f.statuses.length === 0) problems.push({ path: 'filters.statuses', code: 'REPORT_STATUS_NONE' });
  return problems;
}

/** A member as they stood on the as-of date (org, status and category on that day). */
export interface ReportPerson {
  id: number;
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  birthDate: string | null;
  ethnicity: string;
  nativePlace: string;
  education: string | null;
  degree: string | null;
  title: string | null;
  post: string;
  jobCategory: string | null;
  department: string | null;
  orgId: number;
  orgName: string;
  category: 'full' | 'probationary';
  status: (typeof MEMBER_STATUSES)[number];
  joinedOn: string | null;
  fullOn: string | null;
  workStartedOn: string | null;
}

/** Whole years of age on a date (a 02-29 birthday counts on 02-28 in common years). */
export function reportAgeBand(age: number): (typeof REPORT_AGE_BANDS)[number] {
  const index = AGE_BANDS.findIndex((b) => age <= b.max);
  return REPORT_AGE_BANDS[index < 0 ? REPORT_AGE_BANDS.length - 1 : index]!;
}

/** Whole years on a date (the statistics' rule). */
const ageOn = (birthDate: string, date: string): number => statisticsAgeOn(birthDate, date) as number;

export function joinedPeriod(joinedOn: string): (typeof JOINED_PERIODS)[number] {
  if (joinedOn < '1979-01-01') return JOINED_PERIODS[0];
  if (joinedOn < '2002-11-01') return JOINED_PERIODS[1];
  if (joinedOn < '2012-11-01') return JOINED_PERIODS[2];
  return JOINED_PERIODS[3];
}

/** The value of a person on a dimension, as of the date ('未填' when the record lacks it). */
export function dimensionValue(p: ReportPerson, dimension: ReportDimension, asOf: string): string {
  switch (dimension) {
    case 'gender':
      return p.gender === 'male' ? '男' : '女';
    case 'ageBand':
      return p.birthDate ? reportAgeBand(ageOn(p.birthDate, asOf)) : UNKNOWN_VALUE;
    case 'education':
      return p.education || UNKNOWN_VALUE;
    case 'ethnicity':
      return p.ethnicity || UNKNOWN_VALUE;
    case 'minority':
      return p.ethnicity === '' ? UNKNOWN_VALUE : p.ethnicity === '汉族' ? '汉族' : '少数民族';
    case 'jobCategory':
      return p.jobCategory || UNKNOWN_VALUE;
    case 'org':
      return p.orgName;
    case 'category':
      return p.category === 'full' ? '正式党员' : '预备党员';
    case 'title':
      return p.title || '无职称';
    case 'joinedPeriod':
      return p.joinedOn ? joinedPeriod(p.joinedOn) : UNKNOWN_VALUE;
  }
}

/** The known values of a dimension in their customary order (others follow as met). */
export function dimensionOrder(dimension: ReportDimension): readonly string[] {
  switch (dimension) {
    case 'gender':
      return ['男', '女'];
    case 'ageBand':
      return REPORT_AGE_BANDS;
    case 'education':
      return EDUCATIONS;
    case 'minority':
      return ['汉族', '少数民族'];
    case 'category':
      return ['正式党员', '预备党员'];
    case 'title':
      return [...TITLES, '无职称'];
    case 'joinedPeriod':
      return JOINED_PERIODS;
    default:
      return [];
  }
}

/** Whether a person passes the filters on the as-of date. */
export function passesFilters(p: ReportPerson, f: ReportFilters, asOf: string): boolean {
  if (!f.statuses.includes(p.status)) return false;
  if (f.categories.length > 0 && !f.categories.includes(p.category)) return false;
  if (f.genders.length > 0 && !f.genders.includes(p.gender)) return false;
  if (f.educations.length > 0 && !f.educations.includes(p.education ?? '')) return false;
  if (f.titles.length > 0 && !f.titles.includes(p.title ?? '')) return false;
  if (f.minorityOnly && (p.ethnicity === '' || p.ethnicity === '汉族')) return false;
  if (f.ageMin !== null || f.ageMax !== null) {
    if (!p.birthDate) return false;
    const age = ageOn(p.birthDate, asOf);
    if (f.ageMin !== null && age < f.ageMin) return false;
    if (f.ageMax !== null && age > f.ageMax) return false;
  }
  if (f.joinedFrom !== null && (!p.joinedOn || p.joinedOn < f.joinedFrom)) return false;
  if (f.joinedTo !== null && (!p.joinedOn || p.joinedOn > f.joinedTo)) return false;
  return true;
}

/** One row of the person list: the definition's fields, in its order (ID number as stored — the server masks it). */
export type ReportRow = { memberId: number } & Partial<Record<ReportField, string | number | null>>;

export function fieldValue(p: ReportPerson, field: ReportField, asOf: string): string | number | null {
  switch (field) {
    case 'age':
      return p.birthDate ? ageOn(p.birthDate, asOf) : null;
    case 'gender':
      return p.gender === 'male' ? '男' : '女';
    case 'org':
      return p.orgName;
    case 'category':
      return p.category === 'full' ? '正式党员' : '预备党员';
    default:
      return p[field];
  }
}

export interface ReportBreakdown {
  rowDimension: ReportDimension;
  columnDimension: ReportDimension | null;
  rows: string[];
  /** [''] for a one-dimension breakdown. */
  columns: string[];
  /** counts[row][column]. */
  counts: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  /** The members behind each cell: cells[row][column] → member ids. */
  cells: number[][][];
}

export interface ReportResult {
  asOf: string;
  total: number;
  breakdown: ReportBreakdown | null;
  rows: ReportRow[];
}

function orderedValues(values: Iterable<string>, dimension: ReportDimension): string[] {
  const known = dimensionOrder(dimension);
  const met = new Set(values);
  const first = known.filter((v) => met.has(v));
  const rest = [...met].filter((v) => !known.includes(v) && v !== UNKNOWN_VALUE).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return [...first, ...rest, ...(met.has(UNKNOWN_VALUE) && !known.includes(UNKNOWN_VALUE) ? [UNKNOWN_VALUE] : [])];
}

/**
 * Runs a definition over members as they stood on its as-of date: filters, the breakdown (every
 * person in exactly one cell, so the cells add up to the total) and the person list in the
 * definition's columns, ordered by org then name.
 */
export function runReport(d: Pick<ReportDefinition, 'asOf' | 'fields' | 'rowDimension' | 'columnDimension' | 'filters'>, people: readonly ReportPerson[]): ReportResult {
  const kept = people.filter((p) => passesFilters(p, d.filters, d.asOf));
  kept.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
  let breakdown: ReportBreakdown | null = null;
  if (d.rowDimension) {
    const rd = d.rowDimension;
    const cd = d.columnDimension;
    const rowOf = kept.map((p) => dimensionValue(p, rd, d.asOf));
    const colOf = kept.map((p) => (cd ? dimensionValue(p, cd, d.asOf) : ''));
    // Known values always show (a table upper levels expect has every band, even at 0).
    const rows = orderedValues([...dimensionOrder(rd), ...rowOf], rd);
    const columns = cd ? orderedValues([...dimensionOrder(cd), ...colOf], cd) : [''];
    const cells = rows.map(() => columns.map((): number[] => []));
    kept.forEach((p, i) => cells[rows.indexOf(rowOf[i]!)]![columns.indexOf(colOf[i]!)]!.push(p.id));
    const counts = cells.map((r) => r.map((c) => c.length));
    breakdown = {
      rowDimension: rd,
      columnDimension: cd,
      rows,
      columns,
      counts,
      rowTotals: counts.map((r) => r.reduce((s, n) => s + n, 0)),
      columnTotals: columns.map((_, j) => counts.reduce((s, r) => s + r[j]!, 0)),
      total: kept.length,
      cells,
    };
  }
  const rows = d.fields.length === 0 ? [] : kept.map((p) => {
    const row: ReportRow = { memberId: p.id };
    for (const f of d.fields) row[f] = fieldValue(p, f, d.asOf);
    return row;
  });
  return { asOf: d.asOf, total: kept.length, breakdown, rows };
}

/** The members behind one cell (row index, column index; a column of -1 means the row's total). */
export function cellMembers(b: ReportBreakdown, row: number, column: number): number[] | null {
  const r = b.cells[row];
  if (!r) return null;
  if (column === -1) return r.flat();
  return r[column] ?? null;
}

/**
 * The same definition a number of whole years later: the as-of date and the joined-from/to
 * filters move by the years (02-29 → 02-28), and a four-digit year in the title that equals the
 * as-of year moves with it ("2026年度…" → "2027年度…").
 */
export function nextYear<T extends Pick<ReportDefinition, 'title' | 'asOf' | 'filters'>>(d: T, years = 1): T {
  const year = d.asOf.slice(0, 4);
  const nextYearText = String(Number(year) + years);
  const shift = (date: string | null) => (date === null ? null : addYears(date, years));
  return {
    ...d,
    title: d.title.split(year).join(nextYearText),
    asOf: addYears(d.asOf, years),
    filters: { ...d.filters, joinedFrom: shift(d.filters.joinedFrom), joinedTo: shift(d.filters.joinedTo) },
  };
}

/** The period a report covers: from the day after the same date a year before, to the as-of date. */
export function reportPeriod(asOf: string): { from: string; to: string } {
  return { from: addDays(addYears(asOf, -1), 1), to: asOf };
}
