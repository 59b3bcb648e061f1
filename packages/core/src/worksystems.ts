/**
 * Work systems (工作体系, 党建品牌): a unit's named framework — dimensions of indicators — computed
 * from the records the other modules already keep, never typed in twice (seed-systems.md "The
 * common core"). An indicator is either a measure over one allow-listed source (never free SQL)
 * or a manual item a branch fills with evidence. Frameworks are published as immutable versions;
 * a year is computed with the version in force on its last day (or today, for the running year).
 *
 * The five systems: 000 四维融合 + 四大工程, 001 四急四聚焦, 002 五个在一线, 003 12345, 004 PDCA
 * 决策闭环; plus the 《中国共产党支部工作条例（试行）》 三会一课 compliance framework.
 */
import { z } from 'zod';
import { compareDates } from './calendar.js';
import { DEVELOPMENT_STEPS } from './development.js';
import { DEFAULT_HONOUR_LEVELS } from './honours.js';
import { PROJECT_STAGES } from './projects.js';
import { MEETING_KINDS } from './rules.js';
import { TOPIC_CATEGORIES, TOPIC_STAGES } from './decisions.js';
import { FUND_REQUEST_STATUSES } from './funds.js';

// ---------------------------------------------------------------------------------------
// The allow-list: sources, their filters and numeric fields
// ---------------------------------------------------------------------------------------

export const MEASURE_SOURCES = ['orglife', 'service', 'project', 'honour', 'development', 'learning', 'decision_topic', 'decision_task', 'venue', 'contact', 'fund'] as const;
export type MeasureSource = (typeof MEASURE_SOURCES)[number];

export const MEASURE_AGGREGATES = ['count', 'sum', 'distinct', 'rate', 'coverage', 'on_time'] as const;
export type MeasureAggregate = (typeof MEASURE_AGGREGATES)[number];

export const MEASURE_SCOPES = ['org', 'subtree'] as const;
export type MeasureScope = (typeof MEASURE_SCOPES)[number];

export const INDICATOR_KINDS = ['measure', 'manual'] as const;

/** A filter either names values (a closed list: checked against `values`; an open list: any short text) or is a yes/no flag. */
interface FilterSpec {
  type: 'list' | 'flag';
  /** The allowed values of a closed list, and the noun naming a wrong one in the error ("meeting kind"). */
  values?: readonly string[];
  noun: string;
}

export interface SourceSpec {
  filters: Record<string, FilterSpec>;
  /** Numeric fields a `sum` may add. */
  sumFields: readonly string[];
  /** Fields a `distinct` may count. */
  distinctFields: readonly string[];
  /** The page a record opens on. */
  linkKind: string;
}

const STEP_KEYS = DEVELOPMENT_STEPS.map((s) => s.key);

export const SOURCES: Record<MeasureSource, SourceSpec> = {
  // orglife_records in the year (held_on): kinds (rules.ts MEETING_KINDS), scene tags (free), frontLine = any scene tag
  orglife: {
    filters: { kinds: { type: 'list', values: MEETING_KINDS, noun: 'meeting kind' }, sceneTags: { type: 'list', noun: 'scene tag' }, frontLine: { type: 'flag', noun: 'flag' } },
    sumFields: ['present_count'],
    distinctFields: ['org', 'scene_tag'],
    linkKind: 'orglife_record',
  },
  // service_events in the year (held_on): kinds and place types (the unit's lists, free here), inSeries = a numbered issue
  service: {
    filters: { kinds: { type: 'list', noun: 'service kind' }, placeTypes: { type: 'list', noun: 'place type' }, inSeries: { type: 'flag', noun: 'flag' } },
    sumFields: ['beneficiaries', 'trained', 'class_hours', 'participations', 'participant_hours', 'media_reach'],
    distinctFields: ['org', 'series', 'place_type'],
    linkKind: 'service_event',
  },
  // projects running in the year (started_on ≤ end, ends_on ≥ start)
  project: { filters: { stages: { type: 'list', values: PROJECT_STAGES, noun: 'project stage' }, areas: { type: 'list', noun: 'project area' } }, sumFields: [], distinctFields: ['org', 'area'], linkKind: 'project' },
  // honours awarded in the year
  honour: {
    filters: { levels: { type: 'list', values: DEFAULT_HONOUR_LEVELS, noun: 'honour level' }, types: { type: 'list', noun: 'honour type' }, members: { type: 'flag', noun: 'flag' } },
    sumFields: [],
    distinctFields: ['org', 'type'],
    linkKind: 'honour',
  },
  // development steps done in the year (a corrected step counts once)
  development: { filters: { steps: { type: 'list', values: STEP_KEYS, noun: 'development step' } }, sumFields: [], distinctFields: ['org', 'file'], linkKind: 'development_file' },
  // materials studied at a meeting held in the year
  learning: { filters: { kinds: { type: 'list', noun: 'material kind' }, firstTopic: { type: 'flag', noun: 'flag' } }, sumFields: [], distinctFields: ['org', 'material'], linkKind: 'orglife_record' },
  // decision topics of the year (dated by their first meeting, else when raised; the 党委's, counted for the unit's top org)
  decision_topic: {
    filters: { categories: { type: 'list', values: TOPIC_CATEGORIES, noun: 'topic category' }, stages: { type: 'list', values: TOPIC_STAGES, noun: 'topic stage' } },
    sumFields: [],
    distinctFields: ['category'],
    linkKind: 'decision_topic',
  },
  // decision tasks due in the year (deadline in the year and not after today)
  decision_task: { filters: { closed: { type: 'flag', noun: 'flag' } }, sumFields: [], distinctFields: ['department'], linkKind: 'decision_topic' },
  // venues recorded by the year's end; meetsStandard = every checklist item met
  venue: { filters: { meetsStandard: { type: 'flag', noun: 'flag' } }, sumFields: ['seats'], distinctFields: ['org'], linkKind: 'venue' },
  // contact-point visits in the year, counted for the visited org
  contact: { filters: {}, sumFields: [], distinctFields: ['org'], linkKind: 'contact' },
  // fund requests made in the year; amount in yuan
  fund: {
    filters: { statuses: { type: 'list', values: FUND_REQUEST_STATUSES, noun: 'request status' }, categories: { type: 'list', noun: 'fund category' } },
    sumFields: ['amount'],
    distinctFields: ['org', 'category'],
    linkKind: 'fund_request',
  },
};

const filterValue = z.union([z.array(z.string().trim().min(1).max(40)).max(30), z.boolean()]);
const filtersSchema = z.record(z.string().max(40), filterValue);

export const measureSchema = z.strictObject({
  source: z.enum(MEASURE_SOURCES),
  aggregate: z.enum(MEASURE_AGGREGATES),
  /** The numeric field of a sum, the field of a distinct. */
  field: z.string().max(40).optional(),
  filters: filtersSchema.default({}),
  /** A rate: the share of the filtered records also matching these. */
  numerator: filtersSchema.optional(),
  scope: z.enum(MEASURE_SCOPES).default('subtree'),
});
export type Measure = z.infer<typeof measureSchema>;

const keyText = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _');

export const indicatorSchema = z.strictObject({
  key: keyText,
  name: z.string().trim().min(1).max(60),
  unit: z.string().trim().max(10).default(''),
  kind: z.enum(INDICATOR_KINDS),
  measure: measureSchema.optional(),
  description: z.string().trim().max(500).default(''),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const dimensionSchema = z.strictObject({
  key: keyText,
  name: z.string().trim().min(1).max(40),
  description: z.string().trim().max(500).default(''),
  indicators: z.array(indicatorSchema).min(1).max(30),
});

export const frameworkDefinitionSchema = z.strictObject({
  dimensions: z.array(dimensionSchema).min(1).max(12),
});
export type FrameworkDefinition = z.infer<typeof frameworkDefinitionSchema>;

/** What is wrong with a part of a definition; the server words each code in the caller's language (plugins/i18n WORKSYSTEM_DEF_*). */
export const DEFINITION_ERROR_CODES = [
  'duplicate_dimension',
  'duplicate_indicator',
  'manual_has_measure',
  'measure_missing',
  'unknown_filter',
  'expected_flag',
  'expected_list',
  'unknown_value',
  'sum_field',
  'distinct_field',
  'no_field',
  'rate_numerator',
  'numerator_only_rate',
  'on_time_source',
  'coverage_scope',
  'required',
  'wrong_type',
  'unknown_choice',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'bad_key',
  'unknown_part',
  'invalid',
] as const;
export type DefinitionErrorCode = (typeof DEFINITION_ERROR_CODES)[number];

export interface DefinitionError {
  /** The part of the definition, e.g. dimensions[1].indicators[2].measure.filters.kinds */
  path: string;
  code: DefinitionErrorCode;
  /** The names and values the wording needs (the wrong value, the allowed ones). */
  params: Record<string, string | number>;
  /** A plain English wording, for logs and tests; users see the code's translation. */
  message: string;
}

const err = (path: string, code: DefinitionErrorCode, message: string, params: Record<string, string | number> = {}): DefinitionError => ({ path, code, params, message });

/** A zod issue of the definition's shape as a code with its parameters. */
function schemaError(issue: z.core.$ZodIssue): DefinitionError {
  const path = pathOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? err(path, 'required', issue.message) : err(path, 'wrong_type', issue.message, { expected: String(issue.expected) });
    case 'invalid_value':
      return err(path, 'unknown_choice', issue.message, { allowed: issue.values.map(String).join(', ') });
    case 'too_small':
      return issue.origin === 'array' ? err(path, 'too_few', issue.message, { min: Number(issue.minimum) }) : err(path, 'too_short', issue.message, { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'array' ? err(path, 'too_many', issue.message, { max: Number(issue.maximum) }) : err(path, 'too_long', issue.message, { max: Number(issue.maximum) });
    case 'invalid_format':
      return err(path, 'bad_key', issue.message);
    case 'unrecognized_keys':
      return err(path, 'unknown_part', issue.message, { keys: issue.keys.join(', ') });
    default:
      return err(path, 'invalid', issue.message);
  }
}

const pathOf = (segments: readonly PropertyKey[]) =>
  segments
    .map(String)
    .join('.')
    .replace(/\.(\d+)(?=\.|$)/g, '[$1]');

/** The rules the schema cannot say: filters and fields of the source's allow-list, keys unique, a measure where one is needed. */
function ruleErrors(def: FrameworkDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const keys = new Map<string, string>();
  const dimKeys = new Set<string>();
  def.dimensions.forEach((d, di) => {
    if (dimKeys.has(d.key)) errors.push(err(`dimensions[${di}].key`, 'duplicate_dimension', `duplicate dimension key "${d.key}"`, { key: d.key }));
    dimKeys.add(d.key);
    d.indicators.forEach((ind, ii) => {
      const at = `dimensions[${di}].indicators[${ii}]`;
      const before = keys.get(ind.key);
      if (before) errors.push(err(`${at}.key`, 'duplicate_indicator', `duplicate indicator key "${ind.key}" (also at ${before})`, { key: ind.key, other: before }));
      else keys.set(ind.key, at);
      if (ind.kind === 'manual') {
        if (ind.measure) errors.push(err(`${at}.measure`, 'manual_has_measure', 'a manual indicator has no measure'));
        return;
      }
      const m = ind.measure;
      if (!m) {
        errors.push(err(`${at}.measure`, 'measure_missing', 'a measure indicator needs a measure'));
        return;
      }
      const spec = SOURCES[m.source];
      const checkFilters = (filters: Record<string, string[] | boolean>, where: string) => {
        for (const [name, value] of Object.entries(filters)) {
          const f = spec.filters[name];
          const p = `${at}.measure.${where}.${name}`;
          if (!f) {
            errors.push(err(p, 'unknown_filter', `unknown filter "${name}" of source ${m.source} (known: ${Object.keys(spec.filters).join(', ') || 'none'})`, { name, source: m.source, allowed: Object.keys(spec.filters).join(', ') || '—' }));
            continue;
          }
          if (f.type === 'flag') {
            if (typeof value !== 'boolean') errors.push(err(p, 'expected_flag', 'expected true or false'));
            continue;
          }
          if (!Array.isArray(value)) {
            errors.push(err(p, 'expected_list', `expected a list of ${f.noun}s`, { filter: name }));
            continue;
          }
          const bad = f.values ? value.find((v) => !f.values?.includes(v)) : undefined;
          if (bad !== undefined) errors.push(err(p, 'unknown_value', `unknown ${f.noun} "${bad}"`, { filter: name, value: bad, allowed: f.values?.join(', ') ?? '' }));
        }
      };
      checkFilters(m.filters, 'filters');
      if (m.aggregate === 'sum') {
        if (!m.field || !spec.sumFields.includes(m.field)) errors.push(err(`${at}.measure.field`, 'sum_field', `a sum of ${m.source} adds one of: ${spec.sumFields.join(', ') || 'nothing'}${m.field ? ` (not "${m.field}")` : ''}`, { source: m.source, allowed: spec.sumFields.join(', ') || '—', value: m.field ?? '' }));
      } else if (m.aggregate === 'distinct') {
        if (!m.field || !spec.distinctFields.includes(m.field)) errors.push(err(`${at}.measure.field`, 'distinct_field', `a distinct of ${m.source} counts one of: ${spec.distinctFields.join(', ')}${m.field ? ` (not "${m.field}")` : ''}`, { source: m.source, allowed: spec.distinctFields.join(', ') || '—', value: m.field ?? '' }));
      } else if (m.field) errors.push(err(`${at}.measure.field`, 'no_field', `a ${m.aggregate} takes no field`, { aggregate: m.aggregate }));
      if (m.aggregate === 'rate') {
        if (!m.numerator || Object.keys(m.numerator).length === 0) errors.push(err(`${at}.measure.numerator`, 'rate_numerator', 'a rate needs numerator filters'));
        else checkFilters(m.numerator, 'numerator');
      } else if (m.numerator) errors.push(err(`${at}.measure.numerator`, 'numerator_only_rate', 'only a rate has a numerator'));
      if (m.aggregate === 'on_time' && m.source !== 'decision_task') errors.push(err(`${at}.measure.aggregate`, 'on_time_source', 'on_time counts decision tasks only (source decision_task)'));
      if (m.aggregate === 'coverage' && m.scope !== 'subtree') errors.push(err(`${at}.measure.scope`, 'coverage_scope', 'a coverage counts the branches of a subtree'));
    });
  });
  return errors;
}

/** The definition, or every error naming its part (dimensions[1].indicators[2].measure.filters.kinds: unknown meeting kind "xyz"). */
export function validateDefinition(input: unknown): { ok: true; definition: FrameworkDefinition } | { ok: false; errors: DefinitionError[] } {
  const parsed = frameworkDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(schemaError) };
  const errors = ruleErrors(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definition: parsed.data };
}

/** What a definition may say, for the editor's help: each source's filters (with a closed list's values), its sum and distinct fields; the aggregates and scopes. */
export function definitionVocabulary() {
  return {
    sources: MEASURE_SOURCES.map((key) => {
      const spec = SOURCES[key];
      return {
        key,
        filters: Object.entries(spec.filters).map(([name, f]) => ({ name, type: f.type, values: f.values ? [...f.values] : null })),
        sumFields: [...spec.sumFields],
        distinctFields: [...spec.distinctFields],
      };
    }),
    aggregates: [...MEASURE_AGGREGATES],
    scopes: [...MEASURE_SCOPES],
    kinds: [...INDICATOR_KINDS],
  };
}

export const indicatorsOf = (def: FrameworkDefinition) => def.dimensions.flatMap((d) => d.indicators);

// ---------------------------------------------------------------------------------------
// Periods and versions
// ---------------------------------------------------------------------------------------

/** The year's days, cut at today for the running year (nothing counts from the future). */
export function yearPeriod(year: number, today: string): { from: string; to: string } {
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  return { from, to: compareDates(end, today) > 0 ? today : end };
}

/** The version in force for a year: the newest published on or before the year's last day (or today, whichever is earlier); none when all came later. */
export function versionInForce<T extends { no: number; publishedOn: string }>(versions: readonly T[], year: number, today: string): T | null {
  const { to } = yearPeriod(year, today);
  const eligible = versions.filter((v) => compareDates(v.publishedOn, to) <= 0);
  return eligible.sort((a, b) => compareDates(b.publishedOn, a.publishedOn) || b.no - a.no)[0] ?? null;
}

// ---------------------------------------------------------------------------------------
// Aggregation over the records of a measure (the drill-down lists the same rows)
// ---------------------------------------------------------------------------------------

/** One record behind a value: what the drill-down lists. */
export interface MeasureRow {
  id: number;
  date: string;
  title: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  linkKind: string;
  linkId: number;
  /** The summed field's value (sum), the distinct key (distinct), 1/0 on the numerator (rate), on time (on_time). */
  amount: number;
  key: string;
  hit: boolean;
  /** An organisational-life record's meeting kinds (rules.ts MEETING_KINDS), worded by the client when the record has no title of its own. */
  kinds?: string[];
}

/** The value of a measure over its rows; coverage needs the branches' paths. Rates and coverage are percentages with one decimal. */
export function aggregate(m: Measure, rows: readonly MeasureRow[], branchPaths: readonly string[] = []): number {
  const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);
  switch (m.aggregate) {
    case 'count':
      return rows.length;
    case 'sum':
      return Math.round(rows.reduce((s, r) => s + r.amount, 0) * 100) / 100;
    case 'distinct':
      return new Set(rows.map((r) => r.key).filter(Boolean)).size;
    case 'rate':
    case 'on_time':
      return pct(rows.filter((r) => r.hit).length, rows.length);
    case 'coverage': {
      // A branch is covered when a row lies at or under it: every row's ancestor paths (/1/, /1/5/, /1/5/23/) once, not every row per branch.
      const reached = new Set<string>();
      for (const r of rows) {
        if (reached.has(r.orgPath)) continue;
        for (let i = r.orgPath.indexOf('/', 1); i > 0; i = r.orgPath.indexOf('/', i + 1)) reached.add(r.orgPath.slice(0, i + 1));
      }
      return pct(branchPaths.filter((p) => reached.has(p)).length, branchPaths.length);
    }
  }
}

/** What aggregate() reads of a measure's rows, counted without them (the database counts them): the same value as aggregate() over those rows. */
export interface MeasureTotals {
  count: number;
  hits: number;
  sum: number;
  distinct: number;
  /** The paths of the orgs the rows lie in (coverage). */
  paths: readonly string[];
}

export function aggregateTotals(m: Measure, t: MeasureTotals, branchPaths: readonly string[] = []): number {
  const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);
  switch (m.aggregate) {
    case 'count':
      return t.count;
    case 'sum':
      return Math.round(t.sum * 100) / 100;
    case 'distinct':
      return t.distinct;
    case 'rate':
    case 'on_time':
      return pct(t.hits, t.count);
    case 'coverage': {
      const reached = new Set<string>();
      for (const path of t.paths) for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) reached.add(path.slice(0, i + 1));
      return pct(branchPaths.filter((p) => reached.has(p)).length, branchPaths.length);
    }
  }
}

/** Progress towards a target, in percent (capped at 100); none without a positive target. */
export function progressOf(value: number, target: number | null | undefined): number | null {
  if (target === null || target === undefined || target <= 0) return null;
  return Math.min(100, Math.round((value / target) * 1000) / 10);
}

// ---------------------------------------------------------------------------------------
// Built-in templates (the five systems and the 条例)
// ---------------------------------------------------------------------------------------

type IndicatorIn = z.input<typeof indicatorSchema>;
const count = (key: string, name: string, unit: string, source: MeasureSource, filters: Measure['filters'] = {}, description = ''): IndicatorIn => ({ key, name, unit, kind: 'measure', measure: { source, aggregate: 'count', filters, scope: 'subtree' }, description });
const sum = (key: string, name: string, unit: string, source: MeasureSource, field: string, filters: Measure['filters'] = {}, description = ''): IndicatorIn => ({ key, name, unit, kind: 'measure', measure: { source, aggregate: 'sum', field, filters, scope: 'subtree' }, description });
const coverage = (key: string, name: string, source: MeasureSource, filters: Measure['filters'] = {}, description = ''): IndicatorIn => ({ key, name, unit: '%', kind: 'measure', measure: { source, aggregate: 'coverage', filters, scope: 'subtree' }, description });
const manual = (key: string, name: string, unit: string, description: string): IndicatorIn => ({ key, name, unit, kind: 'manual', description });

export interface FrameworkTemplate {
  key: string;
  name: string;
  /** Which seed system it carries. */
  origin: string;
  description: string;
  definition: FrameworkDefinition;
  /** Plausible yearly targets for a unit of the demo's size. */
  targets: Record<string, number>;
}

const SANHUI = ['branch_general_meeting', 'branch_committee_meeting', 'party_group_meeting', 'party_lecture'];

const RAW_TEMPLATES: Array<Omit<FrameworkTemplate, 'definition'> & { dimensions: Array<{ key: string; name: string; description?: string; indicators: IndicatorIn[] }> }> = [
  {
    key: 'four_dimensions',
    name: '四维融合',
    origin: '000',
    description: '红色铸魂、人才强基、服务赋能、创新驱动四维融合，四大工程（铸魂育人/强基固本/使命践行/创新攻坚）为每年的目标。',
    dimensions: [
      {
        key: 'red_soul',
        name: '红色铸魂（铸魂育人工程）',
        indicators: [
          count('theory_study', '理论学习（学习材料研学）', '次', 'learning', {}, '支部会议研学学习材料的次数'),
          count('first_topic', '第一议题学习', '次', 'learning', { firstTopic: true }),
          count('party_lectures', '党课（含“课前五分钟”微党课）', '次', 'orglife', { kinds: ['party_lecture'] }),
        ],
      },
      {
        key: 'talent',
        name: '人才强基（强基固本工程）',
        indicators: [
          count('development_steps', '发展党员环节完成', '个', 'development', {}),
          count('member_honours', '党员个人荣誉', '项', 'honour', { members: true }),
          manual('dual_leaders', '双带头人支部书记占比', '%', '支部书记中“双带头人”的比例，按组织部门年度核定填报'),
        ],
      },
      {
        key: 'service',
        name: '服务赋能（使命践行工程）',
        indicators: [
          sum('remote_teaching_hours', '“西行医+”远程教学课时', '课时', 'service', 'class_hours', { kinds: ['远程教学'] }),
          sum('aid_person_times', '义诊、对口支援参与人次', '人次', 'service', 'participations', { kinds: ['义诊', '对口支援/支医'] }),
          sum('people_served', '服务群众人数', '人', 'service', 'beneficiaries'),
        ],
      },
      {
        key: 'innovation',
        name: '创新驱动（创新攻坚工程）',
        indicators: [
          count('projects', '在研攻坚项目', '项', 'project', { stages: ['approved', 'midterm', 'accepted'] }),
          count('high_honours', '校级以上荣誉', '项', 'honour', { levels: ['国家级', '省级', '市级', '校级'] }),
        ],
      },
    ],
    targets: { theory_study: 300, first_topic: 300, party_lectures: 150, development_steps: 150, member_honours: 10, dual_leaders: 100, remote_teaching_hours: 300, aid_person_times: 300, people_served: 60000, projects: 10, high_honours: 3 },
  },
  {
    key: 'four_emergencies',
    name: '四急四聚焦',
    origin: '001',
    description: '聚焦学习型、服务型、立德树人、急救科普四个方面建设样板支部。',
    dimensions: [
      {
        key: 'learning',
        name: '学习型支部',
        indicators: [count('sanhui_yike', '三会一课', '次', 'orglife', { kinds: SANHUI }), count('theme_days', '主题党日', '次', 'orglife', { kinds: ['theme_party_day'] }), count('series_issues', '系列活动期数', '期', 'service', { inSeries: true })],
      },
      {
        key: 'service',
        name: '服务型支部',
        indicators: [count('service_events', '服务活动', '次', 'service'), sum('beneficiaries', '受益群众', '人次', 'service', 'beneficiaries')],
      },
      {
        key: 'moral',
        name: '立德树人',
        indicators: [sum('volunteer_hours', '志愿服务时长', '小时', 'service', 'participant_hours'), sum('volunteer_person_times', '志愿服务参与人次', '人次', 'service', 'participations')],
      },
      {
        key: 'first_aid',
        name: '急救科普',
        indicators: [
          count('first_aid_issues', '“急救知识进万家”期数', '期', 'service', { kinds: ['急救科普'] }),
          sum('trainees', '急救培训人数', '人', 'service', 'trained'),
          { key: 'five_into', name: '“五进”场所类型', unit: '类', kind: 'measure', measure: { source: 'service', aggregate: 'distinct', field: 'place_type', filters: {}, scope: 'subtree' }, description: '进学校、社区、基层、工地、企事业单位' },
        ],
      },
    ],
    targets: { sanhui_yike: 600, theme_days: 400, series_issues: 20, service_events: 250, beneficiaries: 60000, volunteer_hours: 8430, volunteer_person_times: 300, first_aid_issues: 12, trainees: 10000, five_into: 5 },
  },
  {
    key: 'front_line',
    name: '五个在一线',
    origin: '002',
    description: '支部设置在一线、聚力攻坚在一线、组织生活在一线、资源配置在一线、作风转变在一线。',
    dimensions: [
      { key: 'setup', name: '支部设置在一线', indicators: [coverage('branches_active', '支部组织生活覆盖率', 'orglife', {}, '本年至少开展一次组织生活的支部占比')] },
      { key: 'projects', name: '聚力攻坚在一线', indicators: [count('front_line_projects', '“一线支部”攻坚项目', '项', 'project', { stages: ['approved', 'midterm', 'accepted'] }), count('accepted_projects', '已验收项目', '项', 'project', { stages: ['accepted'] })] },
      { key: 'orglife', name: '组织生活在一线', indicators: [count('front_line_meetings', '一线场景组织生活', '次', 'orglife', { frontLine: true }), coverage('front_line_coverage', '在一线开展组织生活的支部占比', 'orglife', { frontLine: true })] },
      {
        key: 'resources',
        name: '资源配置在一线',
        indicators: [count('venues_standard', '达到“六有”标准的活动阵地', '个', 'venue', { meetsStandard: true }), sum('funds_paid', '已拨付党建经费', '元', 'fund', 'amount', { statuses: ['paid'] }), count('contact_visits', '领导联系点走访', '次', 'contact')],
      },
      { key: 'conduct', name: '作风转变在一线', indicators: [count('conduct_meetings', '组织生活会、民主评议、谈心谈话', '次', 'orglife', { kinds: ['organisational_life_meeting', 'democratic_review', 'heart_to_heart_talk'] }), manual('integrity_education', '廉洁教育活动', '次', '“五廉/六廉”廉洁教育活动，填报并附佐证')] },
    ],
    targets: { branches_active: 100, front_line_projects: 21, accepted_projects: 5, front_line_meetings: 1000, front_line_coverage: 80, venues_standard: 8, funds_paid: 50000, contact_visits: 20, conduct_meetings: 20, integrity_education: 6 },
  },
  {
    key: 'brand_12345',
    name: '12345',
    origin: '003',
    description: '一个中心（患者）、两个作用、三种素质、四种能力、五项基本功。',
    dimensions: [
      { key: 'centre', name: '一个中心：以患者为中心', indicators: [sum('patients_served', '服务患者群众', '人次', 'service', 'beneficiaries'), count('service_events', '服务活动', '次', 'service')] },
      { key: 'roles', name: '两个作用：战斗堡垒、先锋模范', indicators: [count('org_honours', '集体与个人荣誉', '项', 'honour'), coverage('branch_coverage', '支部组织生活覆盖率', 'orglife')] },
      { key: 'qualities', name: '三种素质：政治、道德、业务', indicators: [count('studies', '理论学习', '次', 'learning'), count('reviews', '组织生活会、民主评议与谈心谈话', '次', 'orglife', { kinds: ['organisational_life_meeting', 'democratic_review', 'heart_to_heart_talk'] })] },
      { key: 'abilities', name: '四种能力：学习、创新、专业、协作', indicators: [count('projects', '创新攻坚项目', '项', 'project', { stages: ['approved', 'midterm', 'accepted'] })] },
      { key: 'skills', name: '五项基本功：组织、宣传、团结、服务、关心群众', indicators: [count('heart_talks', '谈心谈话', '次', 'orglife', { kinds: ['heart_to_heart_talk'] }), manual('rules_reviewed', '融合制度闭环复盘', '条', '12项融合制度本年复盘的条数')] },
    ],
    targets: { patients_served: 60000, service_events: 250, org_honours: 10, branch_coverage: 100, studies: 300, reviews: 20, projects: 8, heart_talks: 20, rules_reviewed: 12 },
  },
  {
    key: 'pdca_decisions',
    name: 'PDCA决策闭环',
    origin: '004',
    description: '党委会、院长办公会议题按计划（征集预审）—执行（会议决策）—检查（督办反馈）—处理（评估改进）闭环运行。',
    dimensions: [
      {
        key: 'plan',
        name: '计划：议题征集与预审',
        indicators: [
          count('topics', '上会议题', '项', 'decision_topic'),
          { key: 'prereviewed', name: '议题预审率', unit: '%', kind: 'measure', measure: { source: 'decision_topic', aggregate: 'rate', filters: {}, numerator: { stages: ['reviewed', 'scheduled', 'decided', 'closed', 'evaluated'] }, scope: 'subtree' }, description: '已完成预审（进入预审后各阶段）的议题占比' },
        ],
      },
      { key: 'do', name: '执行：会议决策', indicators: [count('decided', '已决策议题', '项', 'decision_topic', { stages: ['decided', 'closed', 'evaluated'] })] },
      {
        key: 'check',
        name: '检查：督办落实',
        indicators: [{ key: 'tasks_on_time', name: '任务按期办结率', unit: '%', kind: 'measure', measure: { source: 'decision_task', aggregate: 'on_time', filters: {}, scope: 'subtree' }, description: '截止日期已到的任务中按期办结的比例' }, count('tasks_due', '到期督办任务', '项', 'decision_task')],
      },
      { key: 'act', name: '处理：健康宣教与党史馆', indicators: [sum('health_education', '健康宣教受众', '人次', 'service', 'beneficiaries', { kinds: ['健康宣教'] }), sum('history_hall', '党史馆讲解受众', '人次', 'service', 'beneficiaries', { kinds: ['党史馆讲解'] })] },
    ],
    targets: { topics: 80, prereviewed: 100, decided: 80, tasks_on_time: 90, tasks_due: 80, health_education: 30000, history_hall: 500 },
  },
  {
    key: 'branch_regulation',
    name: '支部工作条例（三会一课）',
    origin: '条例',
    description: '《中国共产党支部工作条例（试行）》第十八条：支部党员大会、支部委员会会议、党小组会、党课。',
    dimensions: [
      {
        key: 'sanhui_yike',
        name: '三会一课',
        indicators: [
          count('general_meetings', '支部党员大会', '次', 'orglife', { kinds: ['branch_general_meeting'] }),
          count('committee_meetings', '支部委员会会议', '次', 'orglife', { kinds: ['branch_committee_meeting'] }),
          count('group_meetings', '党小组会', '次', 'orglife', { kinds: ['party_group_meeting'] }),
          count('lectures', '党课', '次', 'orglife', { kinds: ['party_lecture'] }),
        ],
      },
      {
        key: 'coverage',
        name: '覆盖与参与',
        indicators: [coverage('theme_day_coverage', '开展主题党日的支部占比', 'orglife', { kinds: ['theme_party_day'] }), coverage('lecture_coverage', '讲党课的支部占比', 'orglife', { kinds: ['party_lecture'] }), sum('attendance', '参会党员人次', '人次', 'orglife', 'present_count')],
      },
    ],
    targets: { general_meetings: 150, committee_meetings: 400, group_meetings: 120, lectures: 150, theme_day_coverage: 100, lecture_coverage: 100, attendance: 20000 },
  },
];

export const FRAMEWORK_TEMPLATES: readonly FrameworkTemplate[] = RAW_TEMPLATES.map(({ dimensions, ...t }) => ({ ...t, definition: frameworkDefinitionSchema.parse({ dimensions }) }));
export const TEMPLATE_KEYS = FRAMEWORK_TEMPLATES.map((t) => t.key);
export const templateOf = (key: string) => FRAMEWORK_TEMPLATES.find((t) => t.key === key) ?? null;

export const targetsSchema = z.record(keyText, z.number().min(0).max(1e12));
