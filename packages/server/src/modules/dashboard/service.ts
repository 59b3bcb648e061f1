import { ORG_TYPES, type OrgType } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { memberCountsByCategory, membersByEducation, orgCountsByType } from './repository.js';

/** Headline figures for the caller's scope as of their today (a unit's summary passes a past day): organisations by type, members, education structure. */
export async function dashboardSummary(ctx: Ctx) {
  const scope = ctx.scope('dashboard.read');
  const [orgs, categories, education] = await Promise.all([
    orgCountsByType(ctx.db, ctx.tenantId, scope, ctx.today),
    memberCountsByCategory(ctx.db, ctx.tenantId, scope, ctx.today),
    membersByEducation(ctx.db, ctx.tenantId, scope),
  ]);
  const orgCounts = Object.fromEntries(ORG_TYPES.map((t) => [t, 0])) as Record<OrgType, number>;
  for (const row of orgs) orgCounts[row.type] = row.count;
  const full = categories.find((c) => c.category === 'full')?.count ?? 0;
  const probationary = categories.find((c) => c.category === 'probationary')?.count ?? 0;
  return { orgCounts, memberCount: full + probationary, fullCount: full, probationaryCount: probationary, education };
}
