/** Request and answer shapes of the figures routes. */
import { FIGURE_KINDS } from '@hongyi/core';
import { z } from 'zod';

export const figureOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  kind: z.enum(FIGURE_KINDS),
  gkCode: z.string().nullable(),
  active: z.boolean(),
  sort: z.number(),
  version: z.number(),
});

export const valueOut = z.object({ departmentId: z.number(), figureId: z.number(), month: z.string(), value: z.number() });

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const departmentOut = z.object({ id: z.number(), name: z.string(), kind: z.string(), orgs: z.array(z.object({ id: z.number(), name: z.string() })) });

export const activityOut = z.object({
  month: z.string(),
  meetings: z.number(),
  serviceEvents: z.number(),
  serviceHours: z.number(),
  studies: z.number(),
  developmentSteps: z.number(),
});

export const importOut = z.object({
  dryRun: z.boolean(),
  rows: z.number(),
  values: z.number(),
  departments: z.number(),
  months: z.array(z.string()),
  preview: z.array(z.object({ department: z.string(), month: z.string(), figure: z.string(), value: z.number(), previous: z.number().nullable() })),
});
