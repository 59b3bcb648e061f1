/** Request and answer shapes of the learning routes. No field counts points, minutes or check-ins. */
import { z } from 'zod';
import { id, int4 } from '../../lib/fields.js';
import { dateString } from '../service/schemas.js';

const text = (max: number) => z.string().trim().max(max).default('');

export const materialInput = z.object({
  orgId: id(),
  kind: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(200),
  source: text(200),
  url: text(500),
  summary: text(5000),
  publishedOn: dateString,
  firstTopic: z.boolean().default(false),
  seriesId: id().nullable().default(null),
});

export const materialOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.string(),
  title: z.string(),
  source: z.string(),
  url: z.string(),
  summary: z.string(),
  publishedOn: z.string(),
  firstTopic: z.boolean(),
  seriesId: z.number().nullable(),
  seriesName: z.string().nullable(),
  issueNo: z.number().nullable(),
  version: z.number(),
  /** How many meetings studied it. */
  studies: z.number(),
});

export const studyOut = z.object({
  id: z.number(),
  kind: z.enum(['orglife', 'decision']),
  recordId: z.number(),
  heldOn: z.string(),
  where: z.string(),
  what: z.array(z.string()),
  /** The caller may open the meeting (organisational-life record or decisions meeting). */
  open: z.boolean(),
});

export const studyInput = z
  .object({ orglifeRecordId: id().optional(), decisionMeetingId: id().optional() })
  .refine((v) => (v.orglifeRecordId === undefined) !== (v.decisionMeetingId === undefined), { message: 'name either an organisational-life record or a decisions meeting', path: ['orglifeRecordId'] });

export const materialFilter = z.object({
  kind: z.string().trim().min(1).max(20).optional(),
  seriesId: z.coerce.number().int().positive().optional(),
  firstTopic: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().min(1).max(50).optional(),
});

export const seriesInput = z.object({
  orgId: id(),
  name: z.string().trim().min(1).max(100),
  description: text(2000),
  plannedIssues: int4().min(1).max(1000).nullable().default(null),
});

export const seriesOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  description: z.string(),
  plannedIssues: z.number().nullable(),
  lastIssue: z.number(),
  issues: z.number(),
  version: z.number(),
});

export const firstTopicsOut = z.object({
  year: z.number(),
  rootOrgId: z.number().nullable(),
  topics: z.array(materialOut.extend({ studyList: z.array(studyOut) })),
  meetings: z.array(z.object({ id: z.number(), heldOn: z.string(), number: z.string(), bodyName: z.string(), studied: z.array(z.string()), written: z.string() })),
  coverage: z.object({ meetings: z.number(), covered: z.number(), missing: z.array(z.object({ meetingId: z.number(), heldOn: z.string() })) }),
});

export const noteInput = z.object({
  materialId: id().nullable().default(null),
  notedOn: dateString,
  content: z.string().trim().min(1).max(5000),
});

export const noteOut = z.object({ id: z.number(), materialId: z.number().nullable(), materialTitle: z.string().nullable(), notedOn: z.string(), content: z.string(), version: z.number() });
