/** Request and answer shapes of the contact-point and co-building routes. */
import { AGREEMENT_STATES, FOLLOW_UP_STATES } from '@hongyi/core';
import { z } from 'zod';
import { id, int4 } from '../../lib/fields.js';
import { dateString } from '../service/schemas.js';

const text = (max: number) => z.string().trim().max(max).default('');
const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

// ---------------------------------------------------------------------------------------
// Contact points

export const pointInput = z.object({
  userId: id(),
  orgId: id(),
  fromOn: dateString,
  toOn: dateString.nullable().default(null),
  note: text(500),
});

export const pointOut = z.object({
  id: z.number(),
  userId: z.number(),
  leaderName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  fromOn: z.string(),
  toOn: z.string().nullable(),
  note: z.string(),
  version: z.number(),
  visits: z.number(),
  lastVisitOn: z.string().nullable(),
  openFollowUps: z.number(),
  /** Its period holds today. */
  active: z.boolean(),
});

export const pointFilter = z.object({
  userId: id({ coerce: true }).optional(),
  orgId: id({ coerce: true }).optional(),
  activeOn: dateString.optional(),
});

export const leaderOut = z.object({ id: z.number(), name: z.string(), leader: z.boolean(), committeePost: z.string().nullable() });

export const ownerOut = z.object({
  id: z.number(),
  name: z.string(),
  roles: z.array(z.string()),
  orgNames: z.array(z.string()),
  /** A secretary of the branch asked about (listed first). */
  ofBranch: z.boolean(),
});

// ---------------------------------------------------------------------------------------
// Visits and follow-ups

export const followUpInput = z.object({
  text: z.string().trim().min(1).max(500),
  ownerUserId: id(),
  /** Absent: the visit's day plus the unit's follow-up days. */
  dueOn: dateString.nullable().default(null),
});

export const visitInput = z.object({
  pointId: id(),
  visitedOn: dateString,
  purpose: text(20),
  participants: text(500),
  notes: z.string().trim().min(1).max(5000),
});

export const followUpOut = z.object({
  id: z.number(),
  visitId: z.number(),
  text: z.string(),
  ownerUserId: z.number(),
  ownerName: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  doneOn: z.string().nullable(),
  doneNote: z.string(),
  version: z.number(),
  state: z.enum(FOLLOW_UP_STATES),
  /** The caller records for its contact point (office or its leader) and it is open. */
  canEdit: z.boolean(),
  /** The caller owns it, or records for its contact point. */
  canClose: z.boolean(),
});

export const visitOut = z.object({
  id: z.number(),
  pointId: z.number(),
  userId: z.number(),
  leaderName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  visitedOn: z.string(),
  purpose: z.string(),
  participants: z.string(),
  notes: z.string(),
  version: z.number(),
  createdByName: z.string(),
  followUps: z.array(followUpOut),
  canEdit: z.boolean(),
});

export const visitFilter = z.object({
  pointId: id({ coerce: true }).optional(),
  userId: id({ coerce: true }).optional(),
  orgId: id({ coerce: true }).optional(),
  from: dateString.optional(),
  to: dateString.optional(),
});

export const followUpListOut = followUpOut.extend({ visitedOn: z.string(), leaderName: z.string(), orgId: z.number(), orgName: z.string() });

export const followUpFilter = z.object({
  /** Only the caller's own follow-ups. */
  mine: flag,
  state: z.enum(['open', 'due_soon', 'overdue', 'done']).optional(),
  orgId: id({ coerce: true }).optional(),
});

export const closeInput = z.object({ version: int4().positive(), doneOn: dateString.nullable().default(null), note: z.string().trim().min(1).max(1000) });

// ---------------------------------------------------------------------------------------
// Agreements

export const agreementInput = z.object({
  orgId: id(),
  /** An org of the unit (internal pairing), or null with partnerName (an outside one). */
  partnerOrgId: id().nullable().default(null),
  partnerName: text(100),
  kind: z.string().trim().min(1).max(20),
  signedOn: dateString,
  endsOn: dateString,
  content: text(5000),
});

export const agreementOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  partnerOrgId: z.number().nullable(),
  partnerOrgName: z.string().nullable(),
  partnerName: z.string(),
  /** The partner's name either way. */
  partner: z.string(),
  internal: z.boolean(),
  kind: z.string(),
  signedOn: z.string(),
  endsOn: z.string(),
  content: z.string(),
  version: z.number(),
  state: z.enum(AGREEMENT_STATES),
  renewals: z.number(),
  /** Joint activities, all time and in the year asked (both sides count each). */
  activities: z.number(),
  activitiesInYear: z.number(),
  lastActivityOn: z.string().nullable(),
});

export const agreementFilter = z.object({
  orgId: id({ coerce: true }).optional(),
  kind: z.string().trim().min(1).max(20).optional(),
  /** running: active or expiring. */
  state: z.enum(['active', 'expiring', 'ended', 'running']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const renewalInput = z.object({ version: int4().positive(), renewedOn: dateString.nullable().default(null), endsOn: dateString, note: text(1000) });

export const renewalOut = z.object({ id: z.number(), renewedOn: z.string(), previousEndsOn: z.string(), endsOn: z.string(), note: z.string(), createdByName: z.string() });

export const activityInput = z.object({
  heldOn: dateString,
  title: z.string().trim().min(1).max(100),
  place: text(200),
  participants: int4().min(0).max(100_000).default(0),
  summary: text(5000),
  orglifeRecordId: id().nullable().default(null),
  serviceEventId: id().nullable().default(null),
});

export const activityOut = z.object({
  id: z.number(),
  agreementId: z.number(),
  heldOn: z.string(),
  title: z.string(),
  place: z.string(),
  participants: z.number(),
  summary: z.string(),
  orglifeRecordId: z.number().nullable(),
  serviceEventId: z.number().nullable(),
  version: z.number(),
  /** The linked organisational-life record or service event of one side. */
  link: z.object({ kind: z.enum(['orglife', 'service']), id: z.number(), heldOn: z.string(), title: z.string(), orgName: z.string() }).nullable(),
});

export const linkCandidatesOut = z.object({
  records: z.array(z.object({ id: z.number(), heldOn: z.string(), kinds: z.array(z.string()), title: z.string(), orgName: z.string() })),
  events: z.array(z.object({ id: z.number(), heldOn: z.string(), title: z.string(), orgName: z.string() })),
});

export const activityCountsOut = z.object({
  year: z.number(),
  items: z.array(z.object({ orgId: z.number(), orgName: z.string(), agreements: z.number(), activities: z.number() })),
});
