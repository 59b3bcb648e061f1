/** The zod pieces the dues route files share: fields, filters and the shapes several routes answer with. */
import { DUES_CATEGORIES, DUES_INPUT_LIMITS } from '@hongyi/core';
import { z } from 'zod';
import { int4 } from '../../lib/fields.js';

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const year = z.coerce.number().int().min(DUES_INPUT_LIMITS.firstYear).max(DUES_INPUT_LIMITS.lastYear);
/** A year filter; absent means the current year of the server's today. */
export const yearOrCurrent = year.optional();
/** An amount in 分, stored in an integer column. */
export const cents = int4();
export const method = z.enum(['cash', 'transfer', 'statement']);
export const category = z.enum(DUES_CATEGORIES);
export const lapse = z.enum(['none', 'remind', 'warn', 'report']);
export const orgFilter = z.coerce.number().int().positive().optional();
export const remark = z.string().trim().max(DUES_INPUT_LIMITS.noteMaxLength);
export const reference = z.string().trim().max(DUES_INPUT_LIMITS.referenceMaxLength);

export const entryOut = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  month: z.string(),
  kind: z.enum(['due', 'payment', 'voluntary', 'correction']),
  affects: z.enum(['due', 'paid', 'voluntary']),
  amountCents: z.number(),
  effectiveCents: z.number(),
  method: z.string().nullable(),
  paidOn: z.string().nullable(),
  correctsId: z.number().nullable(),
  toCentre: z.boolean(),
  reference: z.string(),
  note: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const arrearsOut = z.object({
  consecutiveUnpaidMonths: z.number(),
  unpaidMonths: z.array(z.string()),
  outstandingCents: z.number(),
  paidThrough: z.string().nullable(),
  level: lapse,
});

export const baseFilters = z.object({
  year: yearOrCurrent,
  orgId: orgFilter,
  q: z.string().trim().max(50).optional(),
  status: z.enum(['all', 'set', 'missing', 'carried']).default('all'),
});

export const arrearsFilters = z.object({
  orgId: orgFilter,
  minMonths: z.coerce.number().int().min(1).max(120).default(1),
  level: lapse.optional(),
});

export const ledgerQuery = z.object({ year: yearOrCurrent, orgId: orgFilter });
export const collectionQuery = z.object({ year: yearOrCurrent, month: z.coerce.number().int().min(1).max(12).optional() });

/** A year in a request body (not coerced: JSON carries numbers). */
export const bodyYear = z.number().int().min(DUES_INPUT_LIMITS.firstYear).max(DUES_INPUT_LIMITS.lastYear);
