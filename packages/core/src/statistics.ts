import { addYears, compareDates } from './calendar.js';
/**
 * Year-end party statistics (党内统计年报, statistics.md): the tables the organisation office
 * sends upward, their breakdowns, and the checks a table must pass before it is submitted.
 *
 * Reference date 12-31 of the year; development, 转正, 出党 and honours count the calendar year.
 * A member is counted by the org holding their formal membership on the date. The server
 * counts people per (table, row) with one set-based query and hands the counts here:
 * `buildTables` lays them out as the paper forms do, `breakdownIssues` checks every breakdown
 * adds up to its total, and `reconcilePerson` is the two-year identity for one person
 * (this year = last year + joined + transferred in − transferred out − died − left − other).
 */
import type { Language } from './errors.js';
import { TRAINING_KINDS, TRAINING_LEVELS } from './training.js';

// ---------------------------------------------------------------------------------------
// Breakdowns

/** Age bands of the forms, by age in whole years on 12-31 (≤30, 31–35, …, 56–60, ≥61). */
export const AGE_BANDS = [
  { key: 'le30', label: '30岁及以下', en: '30 and under', max: 30 },
  { key: 'a31_35', label: '31至35岁', en: '31–35', max: 35 },
  { key: 'a36_40', label: '36至40岁', en: '36–40', max: 40 },
  { key: 'a41_45', label: '41至45岁', en: '41–45', max: 45 },
  { key: 'a46_50', label: '46至50岁', en: '46–50', max: 50 },
  { key: 'a51_55', label: '51至55岁', en: '51–55', max: 55 },
  { key: 'a56_60', label: '56至60岁', en: '56–60', max: 60 },
  { key: 'ge61', label: '61岁及以上', en: '61 and over', max: 999 },
] as const;

/** Whole years between a birth date and a date ('YYYY-MM-DD'); null without a birth date. */
export function ageOn(birthDate: string | null, onDate: string): number | null {
  if (!birthDate) return null;
  // Whole years: the birthday is reached on its date (a 02-29 birthday on 02-28 of other years).
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return compareDates(addYears(birthDate, years), onDate) > 0 ? years - 1 : years;
}

/** The age band of a person on a date (statistics count on 12-31); 'unknown' without a birth date. */
export function ageBand(birthDate: string | null, onDate: string): string {
  const age = ageOn(birthDate, onDate);
  if (age === null) return 'unknown';
  return AGE_BANDS.find((b) => age <= b.max)?.key ?? 'ge61';
}

/** Periods of joining (入党时间), each up to and including its last day. */
export const JOIN_PERIODS = [
  { key: 'p1949', label: '1949年9月及以前', en: 'Until Sep 1949', until: '1949-09-30' },
  { key: 'p1966', label: '1949年10月至1966年4月', en: 'Oct 1949 – Apr 1966', until: '1966-04-30' },
  { key: 'p1976', label: '1966年5月至1976年10月', en: 'May 1966 – Oct 1976', until: '1976-10-31' },
  { key: 'p1978', label: '1976年11月至1978年12月', en: 'Nov 1976 – Dec 1978', until: '1978-12-31' },
  { key: 'p2002', label: '1979年1月至2002年10月', en: 'Jan 1979 – Oct 2002', until: '2002-10-31' },
  { key: 'p2012', label: '2002年11月至2012年10月', en: 'Nov 2002 – Oct 2012', until: '2012-10-31' },
  { key: 'p2017', label: '2012年11月至2017年10月', en: 'Nov 2012 – Oct 2017', until: '2017-10-31' },
  { key: 'p2022', label: '2017年11月至2022年10月', en: 'Nov 2017 – Oct 2022', until: '2022-10-31' },
  { key: 'pnow', label: '2022年11月以后', en: 'Since Nov 2022', until: '9999-12-31' },
] as const;

export function joinPeriod(joinedOn: string | null): string {
  if (!joinedOn) return 'unknown';
  return JOIN_PERIODS.find((p) => joinedOn <= p.until)?.key ?? 'pnow';
}

/** 学历 groups of the forms: 研究生, 大学本科, 大学专科 (together 大专及以上), 中专, 高中及以下. */
export const EDUCATION_GROUPS = [
  { key: 'postgraduate', label: '研究生', en: 'Postgraduate', values: ['博士研究生', '硕士研究生'] },
  { key: 'bachelor', label: '大学本科', en: "Bachelor's", values: ['大学本科'] },
  { key: 'college', label: '大学专科', en: 'College diploma', values: ['大学专科'] },
  { key: 'secondary', label: '中专', en: 'Secondary vocational', values: ['中专'] },
  { key: 'highschool', label: '高中及以下', en: 'High school or below', values: ['高中及以下'] },
] as const;

export function educationGroup(education: string | null): string {
  return EDUCATION_GROUPS.find((g) => (g.values as readonly string[]).includes(education ?? ''))?.key ?? 'unknown';
}

/** Occupation (职业) of the forms, from the 工作岗位 of a record. */
export const OCCUPATION_GROUPS = [
  { key: 'worker', label: '工人（工勤技能人员）', en: 'Workers (skilled support)', values: ['公有制事业单位工勤技能人员', '公有制企业工人', '非公有制企业工人'] },
  { key: 'farmer', label: '农牧渔民', en: 'Farmers, herders, fishers', values: ['农牧渔民'] },
  { key: 'professional', label: '企事业单位、民办非企业单位专业技术人员', en: 'Professionals', values: ['公有制事业单位专业技术人员', '公有制企业专业技术人员', '非公有制企业专业技术人员'] },
  { key: 'manager', label: '企事业单位、民办非企业单位管理人员', en: 'Managers', values: ['公有制事业单位管理人员', '公有制企业管理人员', '非公有制企业管理人员'] },
  { key: 'official', label: '党政机关工作人员', en: 'Party and state officials', values: ['党政机关公务员', '参照公务员法管理人员'] },
  { key: 'student', label: '学生', en: 'Students', values: ['学生', '研究生', '本科生'] },
  { key: 'other', label: '其他职业人员', en: 'Other occupations', values: ['其他职业人员', '军人武警', '无固定职业人员', '下岗失业人员'] },
  { key: 'retired', label: '离退休人员', en: 'Retired', values: ['离退休人员'] },
] as const;

export function occupationGroup(jobCategory: string | null): string {
  return OCCUPATION_GROUPS.find((g) => (g.values as readonly string[]).includes(jobCategory ?? ''))?.key ?? 'unknown';
}

/** Reasons a member leaves the party (出党) and the other ways a record closes. */
export const EXIT_REASONS = [
  { key: 'expelled', label: '开除党籍', en: 'Expelled', status: 'expelled' },
  { key: 'left', label: '除名、劝退、自行脱党', en: 'Removed or left', status: 'left' },
  { key: 'disqualified', label: '取消预备党员资格', en: 'Probation cancelled', status: 'disqualified' },
] as const;

export const ORG_TYPE_ROWS = [
  { key: 'committee', label: '基层党委', en: 'Primary committees' },
  { key: 'general_branch', label: '党总支', en: 'General branches' },
  { key: 'branch', label: '党支部', en: 'Branches' },
  { key: 'joint_branch', label: '联合党支部', en: 'Joint branches' },
] as const;

export const REVIEW_ROWS = [
  { key: 'excellent', label: '优秀', en: 'Excellent' },
  { key: 'qualified', label: '合格', en: 'Qualified' },
  { key: 'basically_qualified', label: '基本合格', en: 'Basically qualified' },
  { key: 'unqualified', label: '不合格', en: 'Unqualified' },
] as const;

/**
 * Levels of study of a student member (学生党员情况), from the 工作岗位 of the record: 研究生,
 * 本科生, and 学生 recorded without its level. Students are occupation group 'student'.
 */
export const STUDENT_LEVELS = [
  { key: 'postgraduate', label: '研究生', en: 'Postgraduates', values: ['研究生'] },
  { key: 'undergraduate', label: '本科生', en: 'Undergraduates', values: ['本科生'] },
  { key: 'other', label: '学生（未填层次）', en: 'Students (level not recorded)', values: ['学生'] },
] as const;

/** Every 工作岗位 value of a student. */
export const STUDENT_JOB_CATEGORIES: readonly string[] = STUDENT_LEVELS.flatMap((l) => [...l.values]);

// ---------------------------------------------------------------------------------------
// Tables

interface RowDef {
  key: string;
  label: string;
  en: string;
  /** Indented under the previous total (a breakdown row). */
  indent?: number;
}

interface Breakdown {
  /** The row whose count the parts must add up to. */
  total: string;
  parts: readonly string[];
}

export interface TableDef {
  id: StatisticsTableId;
  title: string;
  en: string;
  unit: string;
  unitEn: string;
  rows: readonly RowDef[];
  breakdowns: readonly Breakdown[];
}

export const STATISTICS_TABLE_IDS = [
  'comparison',
  'basic',
  'joinPeriod',
  'education',
  'occupation',
  'development',
  'students',
  'conversion',
  'exits',
  'review',
  'training',
  'honours',
  'orgs',
  'flowing',
  'applicants',
] as const;
export type StatisticsTableId = (typeof STATISTICS_TABLE_IDS)[number];

type Band = { key: string; label: string; en: string };

/** Rows of a table and the breakdowns among them, to be laid out in order. */
interface Section {
  rows: RowDef[];
  breakdowns: Breakdown[];
}

/** Rows no breakdown checks. */
const plain = (...rows: RowDef[]): Section => ({ rows, breakdowns: [] });

/**
 * The groups of a band list as rows indented under the `total` row (keys `prefix` + the
 * group's), which must add up to it; with `unknown`, a 未填 row for people not recorded.
 */
function partsOf(total: string, list: readonly Band[], options: { prefix?: string; unknown?: boolean } = {}): Section {
  const prefix = options.prefix ?? '';
  const bands = options.unknown ? [...list, { key: 'unknown', label: '未填', en: 'Not recorded' }] : list;
  const rows = bands.map((b) => ({ key: `${prefix}${b.key}`, label: b.label, en: b.en, indent: 1 }));
  return { rows, breakdowns: [{ total, parts: rows.map((r) => r.key) }] };
}

/** A total row, the 其中 rows under it that are not parts of it (`ofWhom`), then its parts. */
function totalOf(total: RowDef, list: readonly Band[], options: { prefix?: string; unknown?: boolean; ofWhom?: RowDef[] } = {}): Section {
  const parts = partsOf(total.key, list, options);
  return { rows: [total, ...(options.ofWhom ?? []), ...parts.rows], breakdowns: parts.breakdowns };
}

/** A table of the forms: its heading, its unit and its sections in order. */
function table(id: StatisticsTableId, [title, en]: readonly [string, string], [unit, unitEn]: readonly [string, string], ...sections: Section[]): TableDef {
  return { id, title, en, unit, unitEn, rows: sections.flatMap((s) => s.rows), breakdowns: sections.flatMap((s) => s.breakdowns) };
}

const PERSONS = ['人', 'persons'] as const;
const ORGS_PERSONS = ['个、人', 'orgs, persons'] as const;
const MEMBERS: RowDef = { key: 'total', label: '党员总数', en: 'Members' };

/** The 其中 rows every member profile shows under its total (women, minorities, 大专及以上). */
const PROFILE_OF_WHOM: RowDef[] = [
  { key: 'female', label: '其中：女', en: 'of whom women', indent: 1 },
  { key: 'minority', label: '少数民族', en: 'Ethnic minorities', indent: 1 },
  { key: 'college_up', label: '大专及以上学历', en: 'College or higher', indent: 1 },
];
const PROBATIONARY: RowDef = { key: 'probationary', label: '预备党员', en: 'Probationary members', indent: 1 };

/** A table of all members split by the groups of one attribute (with 未填), which add up to the total. */
function membersBy(id: StatisticsTableId, heading: readonly [string, string], groups: readonly Band[]): TableDef {
  return table(id, heading, PERSONS, totalOf(MEMBERS, groups, { unknown: true }));
}

export const STATISTICS_TABLES: readonly TableDef[] = [
  table(
    'comparison',
    ['两年党员数综合比较', 'Members: two-year comparison'],
    PERSONS,
    plain(
      { key: 'last_year', label: '上年底党员数', en: 'Members at the end of last year' },
      { key: 'joined', label: '增加：发展党员', en: 'Added: new members', indent: 1 },
      { key: 'transferred_in', label: '增加：转入组织关系', en: 'Added: transferred in', indent: 1 },
      { key: 'transferred_out', label: '减少：转出组织关系', en: 'Less: transferred out', indent: 1 },
      { key: 'died', label: '减少：死亡', en: 'Less: died', indent: 1 },
      { key: 'left', label: '减少：出党', en: 'Less: left the party', indent: 1 },
      { key: 'stopped', label: '减少：停止党籍', en: 'Less: membership suspended', indent: 1 },
      { key: 'other', label: '减少：其他', en: 'Less: other', indent: 1 },
      { key: 'this_year', label: '本年底党员数', en: 'Members at the end of this year' },
      { key: 'change', label: '增减数', en: 'Change' },
    ),
  ),
  table('basic', ['党员基本情况', 'Members: basic profile'], PERSONS, totalOf(MEMBERS, AGE_BANDS, { prefix: 'age_', unknown: true, ofWhom: [PROBATIONARY, ...PROFILE_OF_WHOM] })),
  membersBy('joinPeriod', ['党员入党时间情况', 'Members by period of joining'], JOIN_PERIODS),
  membersBy('education', ['党员学历情况', 'Members by education'], EDUCATION_GROUPS),
  membersBy('occupation', ['党员职业情况', 'Members by occupation'], OCCUPATION_GROUPS),
  table(
    'development',
    ['发展党员情况', 'New members of the year'],
    PERSONS,
    totalOf({ key: 'total', label: '发展党员数', en: 'New members' }, AGE_BANDS, { prefix: 'age_', unknown: true, ofWhom: PROFILE_OF_WHOM }),
    partsOf('total', OCCUPATION_GROUPS, { prefix: 'occ_', unknown: true }),
  ),
  table(
    'students',
    ['学生党员情况', 'Student members'],
    PERSONS,
    totalOf({ key: 'total', label: '学生党员（年底）', en: 'Student members (year end)' }, STUDENT_LEVELS, { ofWhom: [{ key: 'female', label: '其中：女', en: 'of whom women', indent: 1 }, PROBATIONARY] }),
    totalOf({ key: 'dev_total', label: '本年发展学生党员', en: 'Students admitted this year' }, STUDENT_LEVELS, { prefix: 'dev_' }),
  ),
  table(
    'conversion',
    ['预备党员转正情况', 'Probationary members: admission to full membership'],
    PERSONS,
    plain(
      { key: 'converted', label: '按期转为正式党员', en: 'Admitted to full membership' },
      { key: 'extended', label: '延长预备期', en: 'Probation extended' },
      { key: 'disqualified', label: '取消预备党员资格', en: 'Probation cancelled' },
    ),
  ),
  table(
    'exits',
    ['党员出党情况', 'Members leaving the party'],
    PERSONS,
    totalOf({ key: 'total', label: '出党人数', en: 'Left the party' }, EXIT_REASONS),
    plain({ key: 'stopped', label: '停止党籍', en: 'Membership suspended' }),
  ),
  table('review', ['民主评议党员情况', 'Democratic review of members'], PERSONS, totalOf({ key: 'total', label: '参加评议党员', en: 'Members reviewed' }, REVIEW_ROWS)),
  table(
    'training',
    ['党员培训情况', 'Training of members'],
    ['人、人次', 'persons, person-times'],
    plain({ key: 'trained', label: '本年参加培训党员（人）', en: 'Members trained this year (persons)' }),
    totalOf(
      { key: 'times', label: '参加培训（人次）', en: 'Training attended (person-times)' },
      TRAINING_LEVELS.map((l) => ({ key: l.key, label: `${l.label}组织`, en: `Organised at: ${l.en}` })),
      { prefix: 'level_' },
    ),
    totalOf({ key: 'times_by_kind', label: '参加培训（人次），按培训方式', en: 'Training attended (person-times), by kind' }, TRAINING_KINDS, { prefix: 'kind_' }),
  ),
  table(
    'honours',
    ['党内表彰情况', 'Party honours'],
    ORGS_PERSONS,
    plain({ key: 'orgs', label: '受表彰党组织', en: 'Orgs honoured' }, { key: 'members', label: '受表彰党员', en: 'Members honoured' }),
  ),
  table(
    'orgs',
    ['基层党组织情况', 'Primary party organisations'],
    ORGS_PERSONS,
    totalOf({ key: 'total', label: '党组织总数', en: 'Organisations' }, ORG_TYPE_ROWS),
    plain(
      { key: 'elected', label: '本年按期换届', en: 'Elections held this year' },
      { key: 'election_due', label: '应换届未换届', en: 'Elections due, not held' },
      { key: 'secretaries', label: '党组织书记', en: 'Secretaries' },
      { key: 'sec_female', label: '其中：女', en: 'of whom women', indent: 1 },
      { key: 'sec_college_up', label: '大专及以上学历', en: 'College or higher', indent: 1 },
      { key: 'sec_le35', label: '35岁及以下', en: '35 and under', indent: 1 },
      { key: 'sec_ge56', label: '56岁及以上', en: '56 and over', indent: 1 },
    ),
  ),
  table(
    'flowing',
    ['流动党员情况', 'Mobile members'],
    PERSONS,
    plain({ key: 'out', label: '外出流动党员', en: 'Members away (流出)' }, { key: 'lost', label: '失去联系党员', en: 'Members out of contact' }),
  ),
  table(
    'applicants',
    ['入党申请人和入党积极分子情况', 'Applicants and activists'],
    PERSONS,
    plain(
      { key: 'applicants', label: '入党申请人（年底）', en: 'Applicants (year end)' },
      { key: 'applied', label: '其中：本年申请', en: 'of whom applied this year', indent: 1 },
      { key: 'activists', label: '入党积极分子（年底）', en: 'Activists (year end)' },
      { key: 'candidates', label: '发展对象（年底）', en: 'Candidates (year end)' },
    ),
  ),
];


export function statisticsTable(id: string): TableDef | undefined {
  return STATISTICS_TABLES.find((t) => t.id === id);
}

/** True when (table, row) is a cell of the tables. */
export function isStatisticsCell(table: string, row: string): boolean {
  return statisticsTable(table)?.rows.some((r) => r.key === row) ?? false;
}

/** A count per cell, as the server's query answers. */
export interface CellCount {
  table: string;
  row: string;
  count: number;
}

export interface StatisticsRow {
  key: string;
  label: string;
  indent: number;
  count: number;
  /** The cell is counted from people or records one can list (the 增减数 is not). */
  drillable: boolean;
}

export interface StatisticsTable {
  id: StatisticsTableId;
  title: string;
  unit: string;
  rows: StatisticsRow[];
}

/** Cells computed here from others, not counted: no drill-down. */
const DERIVED = new Set(['comparison:change']);

/** The tables in the forms' layout, every cell filled (0 where nothing was counted). */
export function buildTables(counts: readonly CellCount[], language: Language): StatisticsTable[] {
  const byCell = new Map(counts.map((c) => [`${c.table}:${c.row}`, c.count]));
  const en = language === 'en-US';
  return STATISTICS_TABLES.map((t) => {
    const rows = t.rows.map((r) => ({ key: r.key, label: en ? r.en : r.label, indent: r.indent ?? 0, count: byCell.get(`${t.id}:${r.key}`) ?? 0, drillable: !DERIVED.has(`${t.id}:${r.key}`) }));
    if (t.id === 'comparison') {
      const at = (k: string) => rows.find((r) => r.key === k)!;
      at('change').count = at('this_year').count - at('last_year').count;
    }
    return { id: t.id, title: en ? t.en : t.title, unit: en ? t.unitEn : t.unit, rows };
  });
}

export interface BreakdownIssue {
  table: string;
  total: string;
  totalCount: number;
  partsSum: number;
}

/** Every breakdown whose parts do not add up to its total (an empty list when all do). */
export function breakdownIssues(tables: readonly StatisticsTable[]): BreakdownIssue[] {
  const issues: BreakdownIssue[] = [];
  for (const t of tables) {
    const def = statisticsTable(t.id)!;
    const count = (k: string) => t.rows.find((r) => r.key === k)?.count ?? 0;
    for (const b of def.breakdowns) {
      const partsSum = b.parts.reduce((s, p) => s + count(p), 0);
      if (partsSum !== count(b.total)) issues.push({ table: t.id, total: b.total, totalCount: count(b.total), partsSum });
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------
// Reconciliation

/** One person's movements within an org over the year (0 or more of each). */
export interface PersonFlows {
  lastYear: number;
  joined: number;
  transferredIn: number;
  transferredOut: number;
  died: number;
  left: number;
  stopped: number;
  other: number;
  thisYear: number;
}

/** last year + joined + in − out − died − left − stopped − other, which must equal this year. */
export function expectedThisYear(f: PersonFlows): number {
  return f.lastYear + f.joined + f.transferredIn - f.transferredOut - f.died - f.left - f.stopped - f.other;
}

/** The identity's difference for one person (or summed over an org): 0 when the records add up. */
export function reconcileDifference(f: PersonFlows): number {
  return f.thisYear - expectedThisYear(f);
}

/** The likely reason a person's records do not add up, for the office to fix. */
export function reconcileHint(f: PersonFlows & { joinedOn: string | null; closedWithoutDate: boolean }): 'no_join_date' | 'closed_without_date' | 'missing_transfer' | 'counted_twice' {
  if (f.closedWithoutDate) return 'closed_without_date';
  if (f.joinedOn === null && f.thisYear > 0) return 'no_join_date';
  return reconcileDifference(f) > 0 ? 'missing_transfer' : 'counted_twice';
}

/** 12-31 of a year. */
export function yearEnd(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}
