import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { scopeCondition } from '../../lib/scope.js';
import { authOf, scopeOf } from '../../plugins/access.js';

const ORG_TYPES = ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group'] as const;

export async function dashboardRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/dashboard/summary',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: 'Headline figures for the caller’s scope: organisations by type, members, education structure',
        response: {
          200: z.object({
            orgCounts: z.record(z.enum(ORG_TYPES), z.number()),
            memberCount: z.number(),
            fullCount: z.number(),
            probationaryCount: z.number(),
            education: z.array(z.object({ name: z.string(), value: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'dashboard.read');
      const orgRows = await app.db
        .selectFrom('orgs as o')
        .select(['o.type', sql<number>`count(*)`.as('n')])
        .where('o.tenant_id', '=', auth.tenantId)
        .where('o.dissolved_on', 'is', null)
        .where(scopeCondition(scope, 'o.path'))
        .groupBy('o.type')
        .execute();
      const members = app.db
        .selectFrom('members as m')
        .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
        .where('m.tenant_id', '=', auth.tenantId)
        .where('m.status', '=', 'active')
        .where(scopeCondition(scope, 'o.path', 'm.id'));
      const byCategory = await members.select(['m.category', sql<number>`count(*)`.as('n')]).groupBy('m.category').execute();
      const byEducation = await members
        .select([sql<string>`coalesce(m.education, '未填写')`.as('name'), sql<number>`count(*)`.as('value')])
        .groupBy(sql`coalesce(m.education, '未填写')`)
        .orderBy(sql`count(*)`, 'desc')
        .execute();
      const orgCounts = Object.fromEntries(ORG_TYPES.map((t) => [t, 0])) as Record<(typeof ORG_TYPES)[number], number>;
      for (const row of orgRows) orgCounts[row.type] = Number(row.n);
      const full = Number(byCategory.find((c) => c.category === 'full')?.n ?? 0);
      const probationary = Number(byCategory.find((c) => c.category === 'probationary')?.n ?? 0);
      return {
        orgCounts,
        memberCount: full + probationary,
        fullCount: full,
        probationaryCount: probationary,
        education: byEducation.map((e) => ({ name: e.name, value: Number(e.value) })),
      };
    },
  );
}
