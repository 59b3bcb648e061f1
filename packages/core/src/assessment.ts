/**
 * The yearly assessment of branches (述职评议考核): a scheme of weighted indicators (taken from the
 * records, through the work systems) and manual items; the branch writes its self-assessment, the
 * 党委 scores it and gives one of four grades. The unit tunes where the grades begin.
 */
import { z } from 'zod';

/** The four grades of a branch's yearly assessment, best first (好 / 较好 / 一般 / 差). */
export const ASSESSMENT_GRADES = ['好', '较好', '一般', '差'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];

/** The lowest total score (of 100) that suggests each grade above 差; the 党委 may still grade otherwise, with a reason. */
export const assessmentSettingsSchema = z
  .strictObject({
    goodFrom: z.number().min(0).max(100),
    fairlyGoodFrom: z.number().min(0).max(100),
    averageFrom: z.number().min(0).max(100),
  })
  .refine((v) => v.goodFrom > v.fairlyGoodFrom && v.fairlyGoodFrom > v.averageFrom, { message: 'goodFrom > fairlyGoodFrom > averageFrom', path: ['goodFrom'] });
export type AssessmentSettings = z.infer<typeof assessmentSettingsSchema>;
export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = { goodFrom: 90, fairlyGoodFrom: 75, averageFrom: 60 };

/** The grade a total score suggests under the unit's settings. */
export function suggestedGrade(total: number, settings: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS): AssessmentGrade {
  if (total >= settings.goodFrom) return '好';
  if (total >= settings.fairlyGoodFrom) return '较好';
  if (total >= settings.averageFrom) return '一般';
  return '差';
}

// ---------------------------------------------------------------------------------------
// Schemes: weighted items, and how an item's score is reached
// ---------------------------------------------------------------------------------------

/** indicator: an indicator of a work-system adoption; measure: a measure in the work systems' format; manual: scored by the 党委. */
export const ASSESSMENT_ITEM_KINDS = ['indicator', 'measure', 'manual'] as const;
export type AssessmentItemKind = (typeof ASSESSMENT_ITEM_KINDS)[number];
/** proportional: full marks at the target, in proportion below; threshold: full marks at the target, none below. */
export const ASSESSMENT_SCORINGS = ['proportional', 'threshold'] as const;
export type AssessmentScoring = (typeof ASSESSMENT_SCORINGS)[number];
export const ASSESSMENT_ITEMS_MAX = 40;

export const assessmentItemSchema = z.strictObject({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  name: z.string().trim().min(1).max(60),
  kind: z.enum(ASSESSMENT_ITEM_KINDS),
  weight: z.number().min(0).max(100),
  unit: z.string().trim().max(10).default(''),
  target: z.number().min(0).max(1e12).nullable().default(null),
  scoring: z.enum(ASSESSMENT_SCORINGS).default('proportional'),
  /** kind indicator: the adoption and the indicator's key. */
  adoptionId: z.number().int().positive().optional(),
  indicatorKey: z.string().trim().max(40).optional(),
  /** kind measure: the measure (core/worksystems measureSchema), validated by the service. */
  measure: z.record(z.string(), z.unknown()).optional(),
  description: z.string().trim().max(500).default(''),
});
export type AssessmentItem = z.infer<typeof assessmentItemSchema>;

/** The problems of a scheme's items: weights total 100, keys unique, each kind with what it needs (an indicator may take its target from the adoption). Paths are under items. */
export function checkAssessmentItems(items: readonly AssessmentItem[]): Array<{ path: string; code: string; params?: Record<string, string | number> }> {
  const errors: Array<{ path: string; code: string; params?: Record<string, string | number> }> = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key)) errors.push({ path: `items[${i}].key`, code: 'ASSESSMENT_ITEM_KEY_TWICE', params: { key: item.key } });
    seen.add(item.key);
    if (item.kind === 'indicator' && (!item.adoptionId || !item.indicatorKey)) errors.push({ path: `items[${i}].indicatorKey`, code: 'ASSESSMENT_ITEM_INDICATOR_MISSING' });
    if (item.kind === 'measure' && !item.measure) errors.push({ path: `items[${i}].measure`, code: 'ASSESSMENT_ITEM_MEASURE_MISSING' });
    if (item.kind === 'measure' && !(item.target !== null && item.target > 0)) errors.push({ path: `items[${i}].target`, code: 'ASSESSMENT_ITEM_TARGET_MISSING' });
  });
  const total = weightTotal(items);
  if (items.length > 0 && total !== 100) errors.push({ path: 'items', code: 'ASSESSMENT_WEIGHTS_NOT_100', params: { total } });
  return errors;
}

/** The weights' total, to one decimal. */
export const weightTotal = (items: readonly { weight: number }[]) => Math.round(items.reduce((s, i) => s + i.weight, 0) * 10) / 10;

/** An item's score from its value and target: full weight at or above the target; below it in proportion (proportional) or none (threshold). One decimal. */
export function itemScore(value: number, target: number | null, weight: number, scoring: AssessmentScoring = 'proportional'): number {
  if (target === null || target <= 0) return value > 0 ? weight : 0;
  if (value >= target) return weight;
  if (scoring === 'threshold') return 0;
  return Math.round(Math.max(0, (value / target) * weight) * 10) / 10;
}

/** The total of the item scores (one decimal); a manual item not yet scored counts 0. */
export const totalScore = (scores: readonly (number | null | undefined)[]) => Math.round(scores.reduce<number>((s, x) => s + (x ?? 0), 0) * 10) / 10;

/** A manual item's score must lie between 0 and its weight. */
export const manualScoreValid = (score: number, weight: number) => score >= 0 && score <= weight;

/**
 * The grade a sheet suggests: none while a manual item waits for the 党委's score (the total then
 * is the automatic items' only, a partial total), else the one its total suggests.
 */
export function sheetSuggestion(items: readonly { kind: AssessmentItemKind }[], perItem: readonly (number | null | undefined)[], settings: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS) {
  const total = totalScore(perItem);
  const awaitingScores = items.some((item, i) => item.kind === 'manual' && (perItem[i] === null || perItem[i] === undefined));
  return { total, awaitingScores, suggestedGrade: awaitingScores ? null : suggestedGrade(total, settings) };
}

/**
 * Whether a work-system adoption's yearly target is one branch's own, so that a sheet (which scores
 * that one branch) may take it: the adoption is the branch's, or flows to that branch alone. A
 * target over several branches (the 党委's total for the unit) is not a branch's.
 */
export const adoptionTargetIsBranchs = (a: { orgId: number; branchIds: readonly number[] }, branchId: number) => a.orgId === branchId || (a.branchIds.length === 1 && a.branchIds[0] === branchId);
