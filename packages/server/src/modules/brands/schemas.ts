/** Request and answer shapes of the brand routes. */
import { BRAND_EVIDENCE_KINDS, BRAND_RULES, brandMeasureSchema } from '@hongyi/core';
import { z } from 'zod';
import { id, int4 } from '../../lib/fields.js';
import { dateString } from '../service/schemas.js';

const text = (max: number) => z.string().trim().max(max).default('');

export const brandInput = z.object({
  orgId: id(),
  name: z.string().trim().min(1).max(60),
  slogan: text(100),
  summary: text(4000),
  startedOn: dateString.nullable().default(null),
});

export const brandOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  slogan: z.string(),
  summary: z.string(),
  startedOn: z.string().nullable(),
  version: z.number(),
  elements: z.number(),
  rules: z.number(),
  figures: z.number(),
});

const position = int4().min(0).optional();

export const elementInput = z.object({
  title: z.string().trim().min(1).max(100),
  description: text(2000),
  ownerMemberId: id().nullable().optional(),
  ownerName: text(50),
  position,
});

export const ruleInput = elementInput.extend({
  title: z.string().trim().min(1).max(200),
  reviewEveryMonths: z.number().int().min(1).max(BRAND_RULES.maxReviewEveryMonths).default(BRAND_RULES.defaultReviewEveryMonths),
});

export const reviewInput = z.object({ reviewedOn: dateString, note: text(2000) });

export const evidenceInput = z.object({ kind: z.enum(BRAND_EVIDENCE_KINDS), recordId: id() });

export const figureInput = z.object({ label: z.string().trim().min(1).max(60), unit: text(10), measure: brandMeasureSchema, position });

const elementOut = z.object({ id: z.number(), position: z.number(), title: z.string(), description: z.string(), ownerMemberId: z.number().nullable(), ownerName: z.string(), version: z.number() });

export const recordRefOut = z.object({ kind: z.enum(BRAND_EVIDENCE_KINDS), id: z.number(), title: z.string(), date: z.string(), orgName: z.string() });

const ruleOut = elementOut.extend({
  reviewEveryMonths: z.number(),
  createdOn: z.string(),
  lastReviewedOn: z.string().nullable(),
  lastReviewedBy: z.string(),
  reviewNote: z.string(),
  nextReviewOn: z.string(),
  state: z.enum(['never', 'ok', 'due_soon', 'overdue']),
  evidence: z.array(recordRefOut.extend({ linkId: z.number(), linkedByName: z.string(), exists: z.boolean() })),
});

export const pageOut = z.object({
  brand: brandOut,
  year: z.number(),
  canEdit: z.boolean(),
  figures: z.array(z.object({ id: z.number(), label: z.string(), unit: z.string(), measure: brandMeasureSchema, value: z.number(), version: z.number() })),
  elements: z.array(elementOut),
  rules: z.array(ruleOut),
  series: z.array(z.object({ id: z.number(), name: z.string() })),
});
