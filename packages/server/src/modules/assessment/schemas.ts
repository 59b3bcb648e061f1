/** Request and response shapes of the yearly assessment (述职评议考核). The weights' total and each item's kind are checked by the service through core. */
import { ASSESSMENT_GRADES, ASSESSMENT_ITEMS_MAX, MEETING_KINDS, assessmentItemSchema } from '@hongyi/core';
import { z } from 'zod';
import { version } from '../../lib/fields.js';

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const schemeInput = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(100),
  items: z.array(assessmentItemSchema).min(1).max(ASSESSMENT_ITEMS_MAX),
});
export const schemeChange = schemeInput.extend({ version: version() });
export const versionBody = z.strictObject({ version: version() });
export const versionQuery = z.object({ version: version({ coerce: true }) });
export const selfInput = z.strictObject({ selfAssessment: z.string().max(5000), submit: z.boolean().default(false), version: version() });
export const returnInput = z.strictObject({ reason: z.string().trim().min(1).max(500), version: version() });
export const gradeInput = z.strictObject({
  scores: z.record(z.string().max(40), z.number().min(0).max(100)).default({}),
  grade: z.enum(ASSESSMENT_GRADES),
  reason: z.string().trim().max(500).default(''),
  version: version(),
});

const itemOut = assessmentItemSchema.extend({ measure: z.record(z.string(), z.unknown()).optional() });
export const schemeOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  publishedOn: z.string().nullable(),
  version: z.number(),
  items: z.array(itemOut),
  canEdit: z.boolean(),
});
export const schemeListOut = z.object({ items: z.array(schemeOut), canEdit: z.boolean() });

const sheetStatus = z.enum(['draft', 'submitted', 'returned', 'graded']);
const grade = z.enum(ASSESSMENT_GRADES);
export const sheetListOut = z.object({
  scheme: schemeOut.omit({ canEdit: true }),
  items: z.array(z.object({ id: z.number(), orgId: z.number(), orgName: z.string(), status: sheetStatus, total: z.number(), awaitingScores: z.boolean(), grade: z.string().nullable(), suggestedGrade: grade.nullable(), submittedAt: z.string().nullable(), version: z.number() })),
});

const evidenceOut = z.object({ date: z.string(), title: z.string(), orgName: z.string(), linkKind: z.string(), linkId: z.number(), kinds: z.array(z.enum(MEETING_KINDS)) });
export const sheetOut = z.object({
  id: z.number(),
  schemeId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  status: sheetStatus,
  selfAssessment: z.string(),
  returnReason: z.string(),
  /** With a manual item not yet scored by the 党委: the automatic items' total only (a partial total). */
  total: z.number(),
  /** A manual item waits for the 党委's score: the total is partial and no grade is suggested yet. */
  awaitingScores: z.boolean(),
  grade: z.string().nullable(),
  gradeReason: z.string(),
  /** The grade the total suggests under the unit's settings; null while a manual item is unscored (待党委评分). */
  suggestedGrade: grade.nullable(),
  submittedAt: z.string().nullable(),
  gradedAt: z.string().nullable(),
  gradedByName: z.string(),
  version: z.number(),
  scheme: z.object({ id: z.number(), year: z.number(), title: z.string() }),
  settings: z.object({ goodFrom: z.number(), fairlyGoodFrom: z.number(), averageFrom: z.number() }),
  items: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      kind: z.enum(['indicator', 'measure', 'manual']),
      weight: z.number(),
      unit: z.string(),
      scoring: z.enum(['proportional', 'threshold']),
      description: z.string(),
      target: z.number().nullable(),
      value: z.number().nullable(),
      score: z.number().nullable(),
      records: z.number(),
      evidence: z.array(evidenceOut),
    }),
  ),
  canWrite: z.boolean(),
  canGrade: z.boolean(),
});
export const sheetSaved = z.object({ id: z.number(), version: z.number(), status: z.string() });
