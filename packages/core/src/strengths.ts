/**
 * 七个有力 (rules.md: the 2018 standard for model branches — 教育党员有力, 管理党员有力,
 * 监督党员有力, 组织师生有力, 宣传师生有力, 凝聚师生有力, 服务师生有力; "each needs evidence
 * linked to records"). Nothing is typed in: each item declares, as data, which records evidence
 * it (a record source, the kinds that count, how many a year) and the checklist of a branch is
 * a query over its records of the year. What is below the number is a gap, shown with the
 * numbers, never as a score or a rank (rules.md "Burden reduction").
 *
 * The declarations are a unit setting (section 'strengths'): an office may tune the kinds and
 * numbers to its own 创建 plan; the defaults below follow 三会一课 frequencies (rules.md) and
 * the seed systems' evidence (001: service series, 002: front-line projects).
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';

export const SEVEN_STRENGTHS = [
  'educate_members', // 教育党员有力
  'manage_members', // 管理党员有力
  'supervise_members', // 监督党员有力
  'organise_people', // 组织师生有力
  'publicise_to_people', // 宣传师生有力
  'unite_people', // 凝聚师生有力
  'serve_people', // 服务师生有力
] as const;
export type SevenStrength = (typeof SEVEN_STRENGTHS)[number];

/**
 * Where evidence comes from, and what `kinds` names for each:
 * - orglife: organisational-life records of these meeting kinds (rules.ts MEETING_KINDS)
 * - service: service events of these kinds (the unit's service settings)
 * - project: front-line projects in these stages, running in the year
 * - honour: honours of these types, held by the org or its members (any type when empty)
 * - development: development steps of these keys (development.ts DEVELOPMENT_STEPS) done in the year
 * An empty `kinds` list counts every record of the source.
 */
export const STRENGTH_SOURCES = ['orglife', 'service', 'project', 'honour', 'development', 'learning'] as const;

/**
 * The kind a 'learning' record (a meeting of the branch that studied a material) counts under
 * besides the material's own kind, when the material is a 第一议题.
 */
export const FIRST_TOPIC_KIND = '第一议题';
export type StrengthSource = (typeof STRENGTH_SOURCES)[number];

/** The project stages that can count (a proposed, rejected or withdrawn project is no evidence). */
export const STRENGTH_PROJECT_STAGES = ['approved', 'midterm', 'accepted'] as const;

export const evidenceRuleSchema = z.strictObject({
  source: z.enum(STRENGTH_SOURCES),
  kinds: nameListSchema(30, { itemMax: 40, min: 0 }),
  /** Records needed in a year for the rule to be met. */
  min: z.number().int().min(1).max(400),
  /** A rule that is not required shows its evidence but leaves no gap (e.g. honours: welcome, not owed). */
  required: z.boolean(),
});
export type EvidenceRule = z.infer<typeof evidenceRuleSchema>;

export const strengthsSettingsSchema = z.strictObject({
  /** Whether branch secretaries may open the side-by-side view of the branches (off by default: the 党委's view). */
  secretariesCompare: z.boolean(),
  items: z
    .array(z.strictObject({ key: z.enum(SEVEN_STRENGTHS), rules: z.array(evidenceRuleSchema).min(1).max(8) }))
    .length(SEVEN_STRENGTHS.length)
    .refine((items) => new Set(items.map((i) => i.key)).size === items.length, { message: 'each of the seven items once' }),
});
export type StrengthsSettings = z.infer<typeof strengthsSettingsSchema>;

const rule = (source: StrengthSource, kinds: string[], min: number, required = true): EvidenceRule => ({ source, kinds, min, required });

export const DEFAULT_STRENGTHS_SETTINGS: StrengthsSettings = {
  secretariesCompare: false,
  items: [
    // 党课 each quarter, 主题党日 each month (rules.md 三会一课).
    // 第一议题 studied at the branch's meetings (seed 002): evidence shown, not owed.
    { key: 'educate_members', rules: [rule('orglife', ['party_lecture'], 4), rule('orglife', ['theme_party_day'], 12), rule('learning', [FIRST_TOPIC_KIND], 12, false)] },
    // 支部党员大会 each quarter, 支委会 each month.
    { key: 'manage_members', rules: [rule('orglife', ['branch_general_meeting'], 4), rule('orglife', ['branch_committee_meeting'], 12)] },
    // 组织生活会 and 民主评议党员 once a year.
    { key: 'supervise_members', rules: [rule('orglife', ['organisational_life_meeting'], 1), rule('orglife', ['democratic_review'], 1)] },
    // A front-line project (seed 002) and the branch's own events; honours are welcome evidence, not owed.
    {
      key: 'organise_people',
      rules: [rule('project', [...STRENGTH_PROJECT_STAGES], 1), rule('service', [], 4), rule('honour', [], 1, false)],
    },
    // 健康宣教 and 急救科普 (seed 001 四急四聚焦: "急救知识进万家").
    { key: 'publicise_to_people', rules: [rule('service', ['健康宣教', '急救科普'], 2)] },
    // Bringing people in: 积极分子, 发展对象, admission; and the 谈心谈话 of the year.
    {
      key: 'unite_people',
      rules: [rule('development', ['activist_selection', 'candidate_selection', 'branch_meeting_admission'], 1), rule('orglife', ['heart_to_heart_talk'], 1, false)],
    },
    // 义诊, 志愿服务, 对口支援, 远程教学 (seed 000 西行医+, 001 服务型).
    { key: 'serve_people', rules: [rule('service', ['义诊', '志愿服务', '对口支援/支医', '远程教学'], 4)] },
  ],
};

/** How many records a rule found (and whether they meet it). */
export interface EvidenceCount {
  found: number;
  needed: number;
  met: boolean;
  required: boolean;
}

export function ruleMet(rule: EvidenceRule, found: number): EvidenceCount {
  return { found, needed: rule.min, met: found >= rule.min, required: rule.required };
}

/** An item is evidenced when every required rule is met; its gaps are the required rules below their number. */
export function itemState(counts: readonly EvidenceCount[]): { met: boolean; gaps: number } {
  const gaps = counts.filter((c) => c.required && !c.met).length;
  return { met: gaps === 0, gaps };
}

/** The period of the checklist: a calendar year, up to today while it runs. */
export function strengthsPeriod(year: number, today: string): { from: string; to: string; running: boolean } {
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  const running = today >= from && today < end;
  return { from, to: running ? today : end, running };
}
