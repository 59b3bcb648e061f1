/** Request and response shapes of work systems (工作体系). A definition is checked by core's validateDefinition in the service, which names the wrong part. */
import { INDICATOR_KINDS, MEETING_KINDS, MEASURE_AGGREGATES, MEASURE_SCOPES, MEASURE_SOURCES } from '@hongyi/core';
import { z } from 'zod';
import { id, version } from '../../lib/fields.js';
import { uploadOut } from '../../lib/uploads.js';

const targets = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.number().min(0).max(1e12));

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const copyInput = z.strictObject({ templateKey: z.string().trim().min(1).max(40), name: z.string().trim().max(60).optional(), orgId: id().optional() });
/** The definition is any JSON here; the service validates it against core's allow-list. */
export const draftInput = z.strictObject({ name: z.string().trim().min(1).max(60), definition: z.unknown(), version: version() });
export const publishInput = z.strictObject({ version: version() });
export const adoptInput = z.strictObject({ orgId: id().optional(), year: z.number().int().min(2000).max(2100), targets: targets.default({}), branchIds: z.array(id()).max(500).default([]) });
export const targetsInput = z.strictObject({ targets, version: version() });
export const manualInput = z.strictObject({
  indicatorKey: z.string().trim().min(1).max(40),
  orgId: id(),
  value: z.number().min(-1e12).max(1e12),
  evidence: z.string().trim().max(1000).default(''),
  link: z.string().trim().max(500).default(''),
  version: version().or(z.literal(0)),
});

const definitionOut = z.unknown();
const versionOut = z.object({ no: z.number(), publishedOn: z.string(), publishedByName: z.string() });
const adoptionOut = z.object({ id: z.number(), frameworkId: z.number(), orgId: z.number(), orgName: z.string(), year: z.number(), targets: z.record(z.string(), z.number()), version: z.number(), branchIds: z.array(z.number()) });

export const templateOut = z.object({ key: z.string(), name: z.string(), origin: z.string(), description: z.string(), definition: definitionOut, targets: z.record(z.string(), z.number()) });
/** What a framework is, in the list and on its own page. */
const frameworkHead = z.object({ id: z.number(), orgId: z.number(), orgName: z.string(), name: z.string(), templateKey: z.string(), createdFrom: z.string() });
export const frameworkListOut = z.object({
  year: z.number(),
  items: z.array(
    frameworkHead.extend({
      version: z.number(),
      versions: z.array(versionOut),
      adoptions: z.array(adoptionOut.extend({ versionNo: z.number().nullable(), progress: z.number().nullable(), indicators: z.number() })),
    }),
  ),
});
export const frameworkOut = frameworkHead.extend({
  draft: definitionOut,
  version: z.number(),
  versions: z.array(versionOut.extend({ definition: definitionOut })),
  adoptions: z.array(adoptionOut),
  canWrite: z.boolean(),
});

const indicatorOut = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  kind: z.enum(['measure', 'manual']),
  description: z.string(),
  source: z.enum(MEASURE_SOURCES).nullable(),
  aggregate: z.enum(MEASURE_AGGREGATES).nullable(),
  value: z.number(),
  target: z.number().nullable(),
  progress: z.number().nullable(),
  branches: z.array(z.object({ orgId: z.number(), orgName: z.string(), value: z.number() })),
  manualValues: z.array(z.object({ id: z.number(), orgId: z.number(), orgName: z.string(), value: z.number(), evidence: z.string(), link: z.string(), enteredByName: z.string(), version: z.number(), files: z.array(uploadOut) })),
});
const period = z.object({ from: z.string(), to: z.string() });
export const valuesOut = z.object({
  adoption: adoptionOut,
  framework: z.object({ id: z.number(), name: z.string(), templateKey: z.string() }),
  versionNo: z.number().nullable(),
  publishedOn: z.string().nullable(),
  period,
  dimensions: z.array(z.object({ key: z.string(), name: z.string(), description: z.string(), indicators: z.array(indicatorOut) })),
  branches: z.array(z.object({ id: z.number(), name: z.string() })),
  canEditTargets: z.boolean(),
  canEnterManual: z.boolean(),
});
export const drillOut = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  aggregate: z.string(),
  value: z.number(),
  period,
  /** All the records behind the value; items is one page of them, newest first. */
  total: z.number(),
  items: z.array(z.object({ id: z.number(), date: z.string(), title: z.string(), orgId: z.number(), orgName: z.string(), linkKind: z.string(), linkId: z.number(), amount: z.number(), key: z.string(), hit: z.boolean(), kinds: z.array(z.enum(MEETING_KINDS)) })),
});

export const vocabularyOut = z.object({
  sources: z.array(
    z.object({
      key: z.enum(MEASURE_SOURCES),
      filters: z.array(z.object({ name: z.string(), type: z.enum(['list', 'flag']), values: z.array(z.string()).nullable() })),
      sumFields: z.array(z.string()),
      distinctFields: z.array(z.string()),
    }),
  ),
  aggregates: z.array(z.enum(MEASURE_AGGREGATES)),
  scopes: z.array(z.enum(MEASURE_SCOPES)),
  kinds: z.array(z.enum(INDICATOR_KINDS)),
});
