/** The members API's shapes (zod): what the routes take and answer, and so the OpenAPI document the web's types come from. */
import { MEMBER_STATUSES, TITLES } from '@hongyi/core';
import { z } from 'zod';

export const memberOut = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  idNumber: z.string(),
  phone: z.string(),
  category: z.enum(['full', 'probationary']),
  status: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  title: z.string().nullable(),
  education: z.string().nullable(),
  post: z.string(),
  joinedOn: z.string().nullable(),
  birthDate: z.string().nullable(),
});

export const profileOut = memberOut.extend({
  version: z.number(),
  ethnicity: z.string(),
  nativePlace: z.string(),
  degree: z.string().nullable(),
  partyGroupId: z.number().nullable(),
  partyGroupName: z.string().nullable(),
  fullOn: z.string().nullable(),
  workStartedOn: z.string().nullable(),
  jobCategory: z.string().nullable(),
  departmentId: z.number().nullable(),
  campusId: z.number().nullable(),
  campusName: z.string().nullable(),
  address: z.string(),
  lostContact: z.boolean(),
  flowTo: z.string(),
  sponsors: z.string(),
  academicLeader: z.boolean(),
  namePinyin: z.string(),
  posts: z.array(z.object({ orgId: z.number(), orgName: z.string(), post: z.string(), startedOn: z.string().nullable() })),
  orgPeriods: z.array(z.object({ orgId: z.number(), orgName: z.string(), fromOn: z.string(), toOn: z.string().nullable() })),
  transfers: z.array(
    z.object({ id: z.number(), kind: z.string(), fromOrgName: z.string(), toOrgName: z.string(), effectiveOn: z.string(), letterNo: z.string(), receiptReceivedOn: z.string().nullable() }),
  ),
});

export const changeOut = z.object({ id: z.number(), field: z.string(), from: z.string().nullable(), to: z.string().nullable(), source: z.string(), at: z.string(), username: z.string() });

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Editable fields (branch changes go through transfers, which keep the branch history). */
export const memberEdit = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  gender: z.enum(['male', 'female']).optional(),
  ethnicity: z.string().trim().max(20).optional(),
  nativePlace: z.string().trim().max(50).optional(),
  education: nullableText(20),
  degree: nullableText(20),
  category: z.enum(['full', 'probationary']).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  partyGroupId: z.number().int().positive().nullable().optional(),
  joinedOn: date.nullable().optional(),
  fullOn: date.nullable().optional(),
  workStartedOn: date.nullable().optional(),
  jobCategory: nullableText(50),
  post: z.string().trim().max(50).optional(),
  title: z.enum(TITLES).nullable().optional(),
  departmentId: z.number().int().positive().nullable().optional(),
  campusId: z.number().int().positive().nullable().optional(),
  phone: z.string().trim().regex(/^[\d+\- ]{0,20}$/).optional(),
  address: z.string().trim().max(200).optional(),
  lostContact: z.boolean().optional(),
  flowTo: z.string().trim().max(100).optional(),
  sponsors: z.string().trim().max(100).optional(),
  academicLeader: z.boolean().optional(),
});

export const memberCreate = memberEdit.extend({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1).max(20),
  category: z.enum(['full', 'probationary']),
  orgId: z.number().int().positive(),
  joinedOn: date,
});

export const rosterRowOut = z.object({
  row: z.number(),
  name: z.string(),
  idNumber: z.string(),
  orgName: z.string(),
  action: z.enum(['add', 'update', 'unchanged', 'error']),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** A roster file (.xlsx) as base64. */

export const structureOut = z.object({
  orgName: z.string(),
  total: z.number(),
  full: z.number(),
  probationary: z.number(),
  dimensions: z.array(z.object({ key: z.string(), label: z.string(), items: z.array(z.object({ label: z.string(), count: z.number() })) })),
});

export const orgQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });
