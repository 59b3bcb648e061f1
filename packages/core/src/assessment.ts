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
