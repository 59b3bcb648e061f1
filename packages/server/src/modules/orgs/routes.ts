import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { authOf, scopeOf } from '../../plugins/access.js';
import { orgsVisible } from './repository.js';

const ORG_TYPES = ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group'] as const;

interface TreeNode {
  id: number;
  parentId: number | null;
  type: (typeof ORG_TYPES)[number];
  name: string;
  path: string;
  memberCount: number;
  children: TreeNode[];
}

const treeNode: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    parentId: z.number().nullable(),
    type: z.enum(ORG_TYPES),
    name: z.string(),
    path: z.string(),
    memberCount: z.number(),
    children: z.array(treeNode),
  }),
);

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/tree',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags: ['orgs'],
        summary: 'The organisation tree within the caller’s scope, with active member counts (subtree totals)',
        response: { 200: z.array(treeNode) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orgs.read');
      const rows = await orgsVisible(app.db, auth.tenantId, scope, auth.memberId);
      const counts = await app.db
        .selectFrom('members')
        .select(['org_id', 'party_group_id', sql<number>`count(*)`.as('n')])
        .where('tenant_id', '=', auth.tenantId)
        .where('status', '=', 'active')
        .groupBy(['org_id', 'party_group_id'])
        .execute();
      const direct = new Map<number, number>();
      for (const c of counts) {
        direct.set(c.org_id, (direct.get(c.org_id) ?? 0) + Number(c.n));
        if (c.party_group_id) direct.set(c.party_group_id, (direct.get(c.party_group_id) ?? 0) + Number(c.n));
      }
      const nodes = new Map<number, TreeNode>();
      for (const o of rows) {
        nodes.set(o.id, { id: o.id, parentId: o.parent_id, type: o.type, name: o.name, path: o.path, memberCount: 0, children: [] });
      }
      const roots: TreeNode[] = [];
      for (const node of nodes.values()) {
        const parent = node.parentId !== null ? nodes.get(node.parentId) : undefined;
        if (parent) parent.children.push(node);
        else roots.push(node);
      }
      // Subtree totals; a party group's members are already counted in its branch.
      const total = (node: TreeNode): void => {
        for (const child of node.children) total(child);
        const own = direct.get(node.id) ?? 0;
        node.memberCount =
          node.type === 'party_group'
            ? own
            : own + node.children.filter((c) => c.type !== 'party_group').reduce((s, c) => s + c.memberCount, 0);
      };
      roots.forEach(total);
      return roots;
    },
  );
}
