/** Request and response shapes of the orgs area, shared by its route files. */
import { COMMITTEE_POSTS, ORG_TYPES, TERM_RULES, dualLeaderSchema, letterheadSchema } from '@hongyi/core';
import { z } from 'zod';
import type { TreeNode } from './service.js';

export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A term within 3–5 years (core TERM_RULES: 党章, 任期意见). */
export const termYears = z.number().int().min(TERM_RULES.minYears).max(TERM_RULES.maxYears);
export const severity = z.enum(['red', 'yellow', 'info']);

export const warningOut = z.object({ code: z.string(), severity, params: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string() });

export const treeNode: z.ZodType<TreeNode> = z
  .lazy(() =>
    z.object({
      id: z.number(),
      parentId: z.number().nullable(),
      type: z.enum(ORG_TYPES),
      name: z.string(),
      path: z.string(),
      memberCount: z.number(),
      children: z.array(treeNode),
    }),
  )
  .meta({ id: 'OrgTreeNode' }); // named, so the OpenAPI document can refer to the recursion

export const orgFields = {
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().max(50).optional(),
  campusId: z.number().int().positive().nullable().optional(),
  establishedOn: date.nullable().optional(),
  endsOn: date.nullable().optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().trim().max(30).optional(),
  unitSituation: z.enum(['same_as_parent', 'legal_entity', 'joint']).optional(),
  unitNature: z.string().trim().max(50).optional(),
  termYears: termYears.nullable().optional(),
  termDelayedUntil: date.nullable().optional(),
  departmentIds: z.array(z.number().int().positive()).max(50).optional(),
  sort: z.number().int().min(0).max(100000).optional(),
};

export const candidateOut = z.object({ name: z.string(), memberId: z.number().nullable(), votes: z.number(), elected: z.boolean() });

export const orgDetailOut = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  type: z.enum(ORG_TYPES),
  name: z.string(),
  shortName: z.string(),
  campusId: z.number().nullable(),
  campusName: z.string().nullable(),
  establishedOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  unitSituation: z.enum(['same_as_parent', 'legal_entity', 'joint']),
  unitNature: z.string(),
  termYears: z.number().nullable(),
  termDelayedUntil: z.string().nullable(),
  version: z.number(),
  memberCount: z.number(),
  fullMemberCount: z.number(),
  term: z.object({ start: z.string().nullable(), years: z.number().nullable(), expiresOn: z.string().nullable() }).nullable(),
  departments: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string(), teachingOffice: z.boolean(), trinity: z.boolean() })),
  committee: z.array(
    z.object({
      id: z.number(),
      post: z.enum(COMMITTEE_POSTS),
      memberId: z.number().nullable(),
      memberName: z.string().nullable(),
      startedOn: z.string().nullable(),
      title: z.string().nullable(),
      jobPost: z.string().nullable(),
      dualLeader: z.boolean(),
    }),
  ),
  elections: z.array(
    z.object({
      id: z.number(),
      heldOn: z.string(),
      termYears: z.number(),
      votersDue: z.number(),
      votersPresent: z.number(),
      results: z.string(),
      notes: z.string(),
      candidates: z.array(candidateOut),
      /** How many on the roster were not counted among those due. */
      excludedCount: z.number(),
      /** Who, and why: only for those who may read members (empty otherwise). */
      excluded: z.array(z.unknown()),
    }),
  ),
  history: z.array(z.object({ id: z.number(), kind: z.enum(['create', 'update', 'move', 'merge', 'dissolve']), onDate: z.string(), detail: z.unknown(), username: z.string(), at: z.string() })),
  children: z.array(z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES) })),
  warnings: z.array(warningOut),
});

export const orgSettingsOut = z.object({ dualLeader: dualLeaderSchema, letterhead: letterheadSchema, version: z.number() });

const dualLeaderBranch = z.object({
  id: z.number(),
  name: z.string(),
  secretaryId: z.number().nullable(),
  secretaryName: z.string().nullable(),
  title: z.string().nullable(),
  post: z.string().nullable(),
  dualLeader: z.boolean(),
});

export const dualLeaderOut = z.object({
  criteria: dualLeaderSchema,
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      type: z.enum(ORG_TYPES),
      branches: z.number(),
      covered: z.number(),
      /** Percent with one decimal; null when the group has no clinical/teaching branch. */
      rate: z.number().nullable(),
      missing: z.array(dualLeaderBranch),
    }),
  ),
  total: z.number(),
});

export const departmentsOut = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      kind: z.string(),
      campusId: z.number().nullable(),
      campusName: z.string().nullable(),
      teachingOffice: z.boolean(),
      trinity: z.boolean(),
      branches: z.array(z.object({ orgId: z.number(), name: z.string() })),
    }),
  ),
  total: z.number(),
});
