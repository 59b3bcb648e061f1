/** Request and answer shapes of the upward-report routes. */
import { REPORT_DIMENSIONS, REPORT_FIELDS, reportDefinitionSchema, reportFiltersSchema } from '@hongyi/core';
import { z } from 'zod';
import { version } from '../../lib/fields.js';

export const definitionInput = reportDefinitionSchema;

const definitionShape = z.object({
  title: z.string(),
  requester: z.string(),
  asOf: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  includeSubtree: z.boolean(),
  subject: z.literal('members'),
  fields: z.array(z.enum(REPORT_FIELDS)),
  rowDimension: z.enum(REPORT_DIMENSIONS).nullable(),
  columnDimension: z.enum(REPORT_DIMENSIONS).nullable(),
  filters: reportFiltersSchema,
  note: z.string(),
});

const lastRunOut = z.object({ id: z.number(), asOf: z.string(), total: z.number(), runAt: z.string() }).nullable();

export const definitionOut = definitionShape.extend({
  id: z.number(),
  version: z.number(),
  basedOnId: z.number().nullable(),
  createdByName: z.string(),
  updatedAt: z.string(),
  lastRun: lastRunOut,
  canEdit: z.boolean(),
});

export const definitionListOut = z.object({ items: z.array(definitionOut), total: z.number() });

const breakdownOut = z.object({
  rowDimension: z.enum(REPORT_DIMENSIONS),
  columnDimension: z.enum(REPORT_DIMENSIONS).nullable(),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  counts: z.array(z.array(z.number())),
  rowTotals: z.array(z.number()),
  columnTotals: z.array(z.number()),
  total: z.number(),
});

const rowOut = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const resultOut = z.object({
  asOf: z.string(),
  total: z.number(),
  breakdown: breakdownOut.nullable(),
  rows: z.array(rowOut),
});

export const runSummaryOut = z.object({ id: z.number(), title: z.string(), asOf: z.string(), total: z.number(), runByName: z.string(), runAt: z.string() });

export const runOut = runSummaryOut.extend({
  definitionId: z.number(),
  definition: definitionShape,
  result: resultOut,
});

export const cellQuery = z.object({
  row: z.coerce.number().int().min(0).max(1000),
  /** -1: the row's total. */
  column: z.coerce.number().int().min(-1).max(1000),
  /** A page of the cell's people: at most `limit` from `offset` (the total says how many there are). */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const cellPersonOut = z.object({
  memberId: z.number(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  education: z.string().nullable(),
  title: z.string().nullable(),
  orgName: z.string(),
  category: z.string(),
  joinedOn: z.string().nullable(),
  idNumber: z.string(),
});

export const cellOut = z.object({ row: z.string(), column: z.string(), total: z.number(), limit: z.number(), offset: z.number(), people: z.array(cellPersonOut) });

export const versionQuery = z.object({ version: version({ coerce: true }) });
