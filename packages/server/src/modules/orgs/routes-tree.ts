/** Reading the org tree: the tree, one org, and the rule warnings of every org in scope. */
import { ORG_TYPES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { orgDetail, orgTree, warningList } from './service.js';
import { orgDetailOut, severity, treeNode, warningOut } from './schemas.js';

const warningRow = z.object({ id: z.number(), name: z.string(), type: z.enum(ORG_TYPES), memberCount: z.number(), termExpiresOn: z.string().nullable(), warnings: z.array(warningOut) });

export async function orgTreeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(app, { method: 'get', path: '/api/v1/orgs/tree', access: 'orgs.read', schema: { tags: ['orgs'], summary: 'The organisation tree within the caller’s scope, with active member counts (subtree totals)', response: { 200: z.array(treeNode) } } }, (ctx) => orgTree(ctx));

  serviceRoute(app, { method: 'get', path: '/api/v1/orgs/:id', access: 'orgs.read', schema: { tags: ['orgs'], summary: 'One organisation: fields, departments, committee with posts and vacancies, current term and expiry, 换届 history, rule warnings, org history', params: idParam, response: { 200: orgDetailOut } } }, (ctx, { params }) => orgDetail(ctx, params.id));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orgs/warnings',
      access: 'orgs.read',
      schema: {
        tags: ['orgs'],
        summary: 'Rule warnings of every organisation in scope (党委-wide list): size, committee, terms expiring in 6/3 months, overdue elections, vacancies, temporary branches past their end. Never blocking',
        querystring: z.object({ severity: severity.optional() }),
        response: { 200: z.object({ items: z.array(warningRow), total: z.number() }) },
      },
    },
    async (ctx, { query }) => {
      const items = await warningList(ctx, query.severity);
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/v1/orgs/warnings/export',
    {
      config: { access: 'orgs.read' },
      schema: { tags: ['orgs'], summary: 'The warning list as Excel', querystring: z.object({ severity: severity.optional() }) },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const zh = ctx.language === 'zh-CN';
      const items = (await warningList(ctx, request.query.severity)).flatMap((o) => o.warnings.map((w) => ({ ...o, w })));
      const level = { red: zh ? '红' : 'Red', yellow: zh ? '黄' : 'Yellow', info: zh ? '提示' : 'Info' };
      const buffer = await workbookBuffer(
        zh ? '党组织预警' : 'Warnings',
        [
          { header: zh ? '党组织' : 'Organisation', width: 30, value: (x) => x.name },
          { header: zh ? '党员数' : 'Members', width: 8, value: (x) => x.memberCount },
          { header: zh ? '届满日期' : 'Term expires', width: 12, value: (x) => x.termExpiresOn },
          { header: zh ? '级别' : 'Level', width: 8, value: (x) => level[x.w.severity] },
          { header: zh ? '提示' : 'Warning', width: 60, value: (x) => x.w.message },
        ],
        items,
      );
      return sendXlsx(reply, zh ? '党组织预警.xlsx' : 'org-warnings.xlsx', buffer);
    },
  );
}
