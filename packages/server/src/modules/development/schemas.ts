/** The development API's shapes (zod): what the routes take and answer, and so the OpenAPI document the web's types come from. */
import { DEVELOPMENT_ENTRY_KINDS, DEVELOPMENT_STEP_COUNT, isValidDate, ruleSettingsOverridesSchema } from '@hongyi/core';
import { z } from 'zod';
import { int4, version } from '../../lib/fields.js';
import { uploadOut as upload } from '../../lib/uploads.js';
import { FILE_STATUSES } from './repository.js';

export const dateString = z.string().refine(isValidDate, { message: 'YYYY-MM-DD' });

const detailsIn = z.strictObject({
  trainingDays: z.number().min(0).max(365).nullable().optional(),
  classHours: z.number().min(0).max(2000).nullable().optional(),
  noticeEnd: dateString.nullable().optional(),
  extensionReason: z.string().trim().max(500).nullable().optional(),
  extensionMonths: z.number().int().min(0).max(24).nullable().optional(),
  reason: z.string().trim().max(500).nullable().optional(),
});
const entryFields = {
  date: dateString,
  peopleIds: z.array(z.number().int().positive()).max(4).default([]),
  details: detailsIn.default({}),
  documents: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  note: z.string().trim().max(2000).default(''),
};
export const entryIn = z.object({ version: version(), kind: z.enum(DEVELOPMENT_ENTRY_KINDS), step: z.number().int().min(1).max(DEVELOPMENT_STEP_COUNT).nullable().default(null), ...entryFields });
export const correctionIn = z.object({ version: version(), reason: z.string().trim().min(1).max(500), ...entryFields });

export const fileCreate = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1).max(18),
  orgId: z.number().int().positive(),
  ethnicity: z.string().trim().min(1).max(20).default('汉族'),
  education: z.string().trim().max(20).nullable().optional(),
  phone: z.string().trim().max(20).default(''),
  departmentId: z.number().int().positive().nullable().optional(),
  appliedOn: dateString,
  documents: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  note: z.string().trim().max(2000).default(''),
});

export const filePatch = z.object({
  version: version(),
  name: z.string().trim().min(1).max(50).optional(),
  idNumber: z.string().trim().min(1).max(18).optional(),
  ethnicity: z.string().trim().min(1).max(20).optional(),
  education: z.string().trim().max(20).nullable().optional(),
  phone: z.string().trim().max(20).optional(),
  orgId: z.number().int().positive().optional(),
  departmentId: z.number().int().positive().nullable().optional(),
});

const entryOut = z.object({
  id: z.number(),
  kind: z.enum(DEVELOPMENT_ENTRY_KINDS),
  step: z.number().nullable(),
  date: z.string(),
  actor: z.string(),
  people: z.array(z.object({ memberId: z.number(), name: z.string() })),
  details: z.record(z.string(), z.unknown()),
  documents: z.array(z.string()),
  note: z.string(),
  correctsId: z.number().nullable(),
  correctionReason: z.string(),
  supersededBy: z.number().nullable(),
  imported: z.boolean(),
  warnings: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
  createdByName: z.string(),
  createdAt: z.string(),
});
const dueOut = z.object({ kind: z.string(), date: z.string(), label: z.string() });
export const uploadOut = upload.extend({ entryId: z.number().nullable() });
const publicNotice = z.object({ days: z.number(), unit: z.enum(['working_days', 'calendar_days']) });

export const fileSummary = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  idNumber: z.string(),
  birthDate: z.string().nullable(),
  education: z.string().nullable(),
  phone: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  memberId: z.number().nullable(),
  lastStep: z.number(),
  stage: z.number().nullable(),
  status: z.enum(FILE_STATUSES),
  version: z.number(),
});
export const fileDetail = fileSummary.extend({
  progress: z.object({
    nextStep: z.number().nullable(),
    stepDates: z.record(z.string(), z.string()),
    reviewDates: z.array(z.string()),
    probationStart: z.string().nullable(),
    probationEnd: z.string().nullable(),
    probationExtensions: z.number(),
    notice: z.object({ start: z.string(), end: z.string() }).nullable(),
  }),
  dues: z.array(dueOut),
  entries: z.array(entryOut),
  /** Uploaded evidence (entryId: the entry it supports) and the documents Hongyi generates. */
  uploads: z.array(uploadOut),
  generated: z.array(z.object({ key: z.string(), title: z.string(), url: z.string(), format: z.enum(['docx', 'text']), step: z.number().nullable() })),
  /** The unit's 公示 setting, for the record form. */
  publicNotice,
  ethnicity: z.string(),
  departmentId: z.number().nullable(),
  canWrite: z.boolean(),
});

/** The form fields of a document's upload beside the file: entryId names the step it evidences. */
export const documentFields = { entryId: z.coerce.number().int().positive().optional() };

export const boardOut = z.object({
  stages: z.array(z.number()),
  statuses: z.record(z.string(), z.number()),
  branches: z.array(z.object({ id: z.number(), name: z.string(), path: z.string(), total: z.number(), stages: z.array(z.number()), statuses: z.record(z.string(), z.number()) })),
});
export const dueListOut = z.object({
  items: z.array(z.object({ id: z.number(), fileId: z.number(), name: z.string(), orgName: z.string(), status: z.string(), kind: z.string(), label: z.string(), date: z.string(), overdue: z.boolean() })),
  total: z.number(),
  /** How many of the whole list (not only this page) are overdue. */
  overdue: z.number(),
});

export const importOut = z.object({
  dryRun: z.boolean(),
  created: z.number(),
  entries: z.number(),
  warnings: z.array(z.object({ row: z.number(), name: z.string(), path: z.string(), message: z.string() })),
});

export const settingsOut = z.object({ version: z.number(), publicNotice });
export const settingsIn = z.object({ version: int4().min(0), publicNotice: ruleSettingsOverridesSchema.shape.publicNotice.unwrap() });

export const holidayOut = z.object({ day: z.string(), kind: z.enum(['off', 'work']), note: z.string() });
export const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const dayParam = z.object({ day: dateString });
export const holidayIn = z.object({ kind: z.enum(['off', 'work']), note: z.string().trim().max(100).default('') });
export const yearIn = z.object({ days: z.array(z.object({ day: dateString, kind: z.enum(['off', 'work']), note: z.string().trim().max(100).default('') })).min(1).max(120) });
