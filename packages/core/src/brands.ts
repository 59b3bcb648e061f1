/**
 * Branch and committee brands (党建品牌; seed-systems.md 001 "四急四聚焦", 003 "12345" with its
 * 12 integration rules run as a closed loop, 004 "热血先锋").
 *
 * A brand belongs to a branch or a 党委. Its elements (一个中心, 两个角色 …) have owners; its rules
 * are a checklist, each reviewed every so many months, with the records that evidence it linked
 * (a meeting, a service event, a project, an honour …); its figures (the numbers the brand's
 * article cites: 期数, volunteer hours, trainees, people served) are declared measures computed
 * from the records over the brand org's subtree for a year — never typed in.
 */
import { z } from 'zod';
import { addMonths, compareDates } from './calendar.js';

/** What a service figure counts (service_events and their participants). */
export const BRAND_SERVICE_MEASURES = ['events', 'series_issues', 'hours', 'participations', 'beneficiaries', 'trainees', 'class_hours'] as const;
export type BrandServiceMeasure = (typeof BRAND_SERVICE_MEASURES)[number];

/** What a project figure counts: projects started in the year, or accepted (验收) in it. */
export const BRAND_PROJECT_MEASURES = ['started', 'accepted'] as const;

/** Which orgs a figure reads: the brand's org and everything under it, or the org alone. */
export const BRAND_ORG_SCOPES = ['subtree', 'org'] as const;

/**
 * Over which days a figure counts: the chosen year, or everything up to its end (a series'
 * 累计期数 — "截至 2021 年累计达 106 期").
 */
export const BRAND_PERIODS = ['year', 'to_date'] as const;

const common = {
  orgScope: z.enum(BRAND_ORG_SCOPES).default('subtree'),
  period: z.enum(BRAND_PERIODS).default('year'),
};

/** A figure's measure: declarative, validated here, computed by the server from the records. */
export const brandMeasureSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('service'),
    measure: z.enum(BRAND_SERVICE_MEASURES),
    /** One numbered series (required for series_issues; narrows the others to its issues). */
    seriesId: z.number().int().positive().max(2_147_483_647).optional(),
    /** Event kinds (义诊, 急救科普 …); none: every kind. */
    kinds: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    ...common,
  }),
  z.strictObject({
    source: z.literal('honours'),
    /** Levels (国家级, 省级 …); none: every level. */
    levels: z.array(z.string().trim().min(1).max(20)).max(12).optional(),
    types: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    ...common,
  }),
  z.strictObject({
    source: z.literal('projects'),
    measure: z.enum(BRAND_PROJECT_MEASURES),
    ...common,
  }),
]);
export type BrandMeasure = z.infer<typeof brandMeasureSchema>;
export type BrandMeasureInput = z.input<typeof brandMeasureSchema>;

/** The kinds of record a rule's evidence may point at. */
export const BRAND_EVIDENCE_KINDS = ['orglife_record', 'service_event', 'project', 'honour', 'programme', 'decision_topic'] as const;
export type BrandEvidenceKind = (typeof BRAND_EVIDENCE_KINDS)[number];

/** Review intervals offered (months); 12 by default: a rule is looked at once a year at least. */
export const BRAND_RULES = {
  defaultReviewEveryMonths: 12,
  maxReviewEveryMonths: 60,
} as const;

export type BrandRuleReviewState = 'never' | 'ok' | 'due_soon' | 'overdue';

/**
 * When a rule is next due for review and how it stands today: `every` months after its last
 * review, or after the day it was set up when never reviewed; "due soon" within a month.
 */
export function brandRuleReview(rule: { reviewEveryMonths: number; lastReviewedOn: string | null; createdOn: string }, today: string): { nextReviewOn: string; state: BrandRuleReviewState } {
  const next = addMonths(rule.lastReviewedOn ?? rule.createdOn, rule.reviewEveryMonths);
  if (compareDates(next, today) < 0) return { nextReviewOn: next, state: 'overdue' };
  if (rule.lastReviewedOn === null) return { nextReviewOn: next, state: 'never' };
  if (compareDates(next, addMonths(today, 1)) <= 0) return { nextReviewOn: next, state: 'due_soon' };
  return { nextReviewOn: next, state: 'ok' };
}

/** The days a figure counts for a year. */
export function brandFigureRange(measure: Pick<BrandMeasure, 'period'>, year: number): { from: string | null; to: string } {
  return { from: measure.period === 'to_date' ? null : `${year}-01-01`, to: `${year}-12-31` };
}
