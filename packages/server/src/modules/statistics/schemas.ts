/** Request and answer shapes of the year-end statistics routes. */
import { STATISTICS_TABLE_IDS } from '@hongyi/core';
import { z } from 'zod';
import { id, version } from '../../lib/fields.js';

export const yearField = z.coerce.number().int().min(1921).max(9999);

export const statisticsQuery = z.object({
  year: yearField,
  orgId: z.coerce.number().int().positive().optional(),
});

export const cellQuery = statisticsQuery.extend({
  table: z.enum(STATISTICS_TABLE_IDS),
  row: z.string().trim().min(1).max(40),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  /** A snapshot's cell: the people stored with it when it was taken (year and orgId are then the snapshot's). */
  snapshotId: z.coerce.number().int().positive().optional(),
});

export const exportQuery = statisticsQuery.extend({ snapshotId: z.coerce.number().int().positive().optional() });

const rowOut = z.object({ key: z.string(), label: z.string(), indent: z.number(), count: z.number(), drillable: z.boolean() });
export const tableOut = z.object({ id: z.enum(STATISTICS_TABLE_IDS), title: z.string(), unit: z.string(), rows: z.array(rowOut) });
const issueOut = z.object({ table: z.string(), total: z.string(), totalCount: z.number(), partsSum: z.number() });

export const liveOut = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  asOf: z.string(),
  tables: z.array(tableOut),
  issues: z.array(issueOut),
});

export const cellOut = z.object({
  /** 'snapshot': the people stored with the snapshot; 'live': counted from the records now. */
  source: z.enum(['live', 'snapshot']),
  total: z.number(),
  items: z.array(
    z.object({
      memberId: z.number().nullable(),
      name: z.string(),
      gender: z.string().nullable(),
      idNumber: z.string().nullable(),
      phone: z.string().nullable(),
      orgId: z.number(),
      orgName: z.string(),
      joinedOn: z.string().nullable(),
    }),
  ),
});

const flows = {
  lastYear: z.number(),
  joined: z.number(),
  transferredIn: z.number(),
  transferredOut: z.number(),
  died: z.number(),
  left: z.number(),
  stopped: z.number(),
  other: z.number(),
  thisYear: z.number(),
};

export const reconcileOut = z.object({
  year: z.number(),
  org: z.object({ id: z.number(), name: z.string() }),
  orgs: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      difference: z.number(),
      people: z.array(
        z.object({
          memberId: z.number(),
          name: z.string(),
          joinedOn: z.string().nullable(),
          status: z.string(),
          ...flows,
          expected: z.number(),
          difference: z.number(),
          hint: z.enum(['no_join_date', 'closed_without_date', 'missing_transfer', 'counted_twice']),
        }),
      ),
    }),
  ),
});

export const snapshotSummaryOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  asOf: z.string(),
  versionNo: z.number(),
  status: z.enum(['draft', 'submitted']),
  reason: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  submittedByName: z.string(),
  submittedAt: z.string().nullable(),
  version: z.number(),
});

export const snapshotOut = snapshotSummaryOut.extend({ tables: z.array(tableOut), issues: z.array(issueOut) });

export const snapshotFilter = z.object({ orgId: z.coerce.number().int().positive().optional(), year: yearField.optional() });

export const takeInput = z.object({ orgId: id(), year: yearField, version: version().optional() });
export const submitInput = z.object({ version: version() });
export const correctInput = z.object({ reason: z.string().trim().min(2).max(500) });

export const orgsOut = z.array(z.object({ id: z.number(), name: z.string(), type: z.string(), depth: z.number() }));
