/** Request and answer shapes of the honours routes. */
import { HONOUR_HOLDERS, PROGRAMME_STAGES } from '@hongyi/core';
import { z } from 'zod';
import { id } from '../../lib/fields.js';
import { uploadOut } from '../../lib/uploads.js';
import { dateString } from '../service/schemas.js';

const text = (max: number) => z.string().trim().max(max).default('');

export const honourInput = z.object({
  holder: z.enum(HONOUR_HOLDERS),
  orgId: id().nullable().optional(),
  memberId: id().nullable().optional(),
  level: z.string().trim().min(1).max(20),
  type: z.string().trim().min(1).max(40),
  title: text(200),
  issuer: text(100),
  awardedOn: dateString,
  note: text(2000),
});

export const honourOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  level: z.string(),
  type: z.string(),
  title: z.string(),
  issuer: z.string(),
  awardedOn: z.string(),
  programmeId: z.number().nullable(),
  note: z.string(),
  version: z.number(),
  files: z.number(),
});

export const milestoneInput = z.object({ title: z.string().trim().min(1).max(200), dueOn: dateString.nullable().default(null), doneOn: dateString.nullable().default(null), note: text(500) });

export const programmeInput = z.object({
  orgId: id(),
  title: z.string().trim().min(1).max(200),
  level: z.string().trim().min(1).max(20),
  type: z.string().trim().min(1).max(40),
  issuer: text(100),
  ownerMemberId: id().nullable().optional(),
  ownerName: text(50),
  startedOn: dateString,
  note: text(2000),
  milestones: z.array(milestoneInput).max(50).default([]),
});

export const programmeOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  level: z.string(),
  type: z.string(),
  issuer: z.string(),
  ownerMemberId: z.number().nullable(),
  ownerName: z.string(),
  startedOn: z.string(),
  stage: z.enum(PROGRAMME_STAGES),
  midtermOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  note: z.string(),
  version: z.number(),
  honourId: z.number().nullable(),
});

export const milestoneOut = z.object({ title: z.string(), dueOn: z.string().nullable(), doneOn: z.string().nullable(), note: z.string() });
export const filesOut = z.array(uploadOut);
