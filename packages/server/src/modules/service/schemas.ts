/** Request and answer shapes of the service routes (zod: validation and the OpenAPI document). */
import { PARTICIPANT_KINDS, SERVICE_LIMITS, SERVICE_TOTAL_GROUPS, isValidDate } from '@hongyi/core';
import { z } from 'zod';
import { id, int4, version } from '../../lib/fields.js';
import { uploadOut } from '../../lib/uploads.js';

export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isValidDate, { message: 'not a real date (YYYY-MM-DD)' });
const text = (max: number) => z.string().trim().max(max).default('');
const count = (max: number) => int4().min(0).max(max);

export const participantInput = z.object({
  kind: z.enum(PARTICIPANT_KINDS),
  memberId: id().nullable().optional(),
  name: z.string().trim().max(50).optional(),
  hours: z.number().min(0).max(SERVICE_LIMITS.hoursPerParticipant).default(0),
});

export const eventInput = z.object({
  orgId: id(),
  kind: z.string().trim().min(1).max(30),
  title: z.string().trim().min(1).max(200),
  heldOn: dateString,
  placeType: text(30),
  place: text(200),
  region: text(50),
  seriesId: id().nullable().optional(),
  beneficiaries: count(SERVICE_LIMITS.count).default(0),
  trained: count(SERVICE_LIMITS.count).default(0),
  classHours: count(SERVICE_LIMITS.classHours).default(0),
  mediaReach: count(SERVICE_LIMITS.count).nullable().optional(),
  orglifeRecordId: id().nullable().optional(),
  note: text(2000),
  participants: z.array(participantInput).max(SERVICE_LIMITS.participants).default([]),
});

export const figuresOut = z.object({
  events: z.number(),
  participations: z.number(),
  hours: z.number(),
  beneficiaries: z.number(),
  trained: z.number(),
  classHours: z.number(),
  mediaReach: z.number(),
});

export const eventListItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.string(),
  title: z.string(),
  heldOn: z.string(),
  placeType: z.string(),
  place: z.string(),
  region: z.string(),
  seriesId: z.number().nullable(),
  seriesName: z.string().nullable(),
  issueNo: z.number().nullable(),
  beneficiaries: z.number(),
  trained: z.number(),
  classHours: z.number(),
  mediaReach: z.number().nullable(),
  orglifeRecordId: z.number().nullable(),
  note: z.string(),
  version: z.number(),
  participants: z.number(),
  hours: z.number(),
});

export const participantOut = z.object({ kind: z.enum(PARTICIPANT_KINDS), memberId: z.number().nullable(), name: z.string(), hours: z.number() });

export const eventOut = eventListItem.extend({
  people: z.array(participantOut),
  photos: z.array(uploadOut),
  orglifeRecord: z.object({ id: z.number(), heldOn: z.string(), kinds: z.array(z.string()) }).nullable(),
  canEdit: z.boolean(),
});

export const seriesOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  kind: z.string(),
  description: z.string(),
  lastIssue: z.number(),
  version: z.number(),
  issues: z.number(),
  lastHeldOn: z.string().nullable(),
});

export const seriesInput = z.object({
  orgId: id(),
  name: z.string().trim().min(1).max(100),
  kind: text(30),
  description: text(2000),
  lastIssue: int4().min(0).max(SERVICE_LIMITS.issueNumber).default(0),
});

export const seriesUpdate = z.object({ version: version(), name: z.string().trim().min(1).max(100), kind: text(30), description: text(2000) });

export const totalsQuery = z.object({
  groupBy: z.enum(SERVICE_TOTAL_GROUPS).default('org'),
  year: z.coerce.number().int().min(1950).max(2100).optional(),
  orgId: id({ coerce: true }).optional(),
});

export const totalsOut = z.object({
  groupBy: z.enum(SERVICE_TOTAL_GROUPS),
  year: z.number().nullable(),
  orgName: z.string().nullable(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), detail: z.string(), figures: figuresOut })),
  total: figuresOut,
});
