/** Request and answer shapes of the training (党员培训) routes. */
import { TRAINING_KIND_KEYS, TRAINING_LEVEL_KEYS, TRAINING_MAX_PARTICIPANTS } from '@hongyi/core';
import { z } from 'zod';
import { id } from '../../lib/fields.js';
import { dateString } from '../service/schemas.js';

export const classInput = z.object({
  orgId: id(),
  title: z.string().trim().min(1).max(200),
  level: z.enum(TRAINING_LEVEL_KEYS),
  kind: z.enum(TRAINING_KIND_KEYS),
  organiser: z.string().trim().max(100).default(''),
  startsOn: dateString,
  endsOn: dateString,
  /** Class hours (学时), to one decimal. */
  hours: z.number().positive().max(5000).multipleOf(0.1),
  note: z.string().trim().max(2000).default(''),
  memberIds: z.array(id()).max(TRAINING_MAX_PARTICIPANTS).default([]),
});

export const classOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  level: z.enum(TRAINING_LEVEL_KEYS),
  kind: z.enum(TRAINING_KIND_KEYS),
  organiser: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  hours: z.number(),
  note: z.string(),
  participants: z.number(),
  version: z.number(),
});

export const participantOut = z.object({ memberId: z.number(), name: z.string(), orgName: z.string() });

export const classDetailOut = classOut.extend({ participantList: z.array(participantOut), canEdit: z.boolean() });

export const classFilter = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  level: z.enum(TRAINING_LEVEL_KEYS).optional(),
  kind: z.enum(TRAINING_KIND_KEYS).optional(),
  q: z.string().trim().min(1).max(50).optional(),
});
