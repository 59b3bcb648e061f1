/** The area's unit settings (双带头人 criteria, letterhead) and the 双带头人 coverage they decide. */
import { dualLeaderSchema, letterheadSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { int4 } from '../../lib/fields.js';
import { dualLeaderReport, orgSettings, saveOrgSettings } from './service-settings.js';
import { dualLeaderOut, orgSettingsOut } from './schemas.js';

export async function orgSettingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/dual-leaders',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags: ['orgs'],
        summary: '双带头人 coverage per 党委/党总支: share of clinical/teaching branches whose secretary is also a professional or academic leader, with the branches that miss it',
        response: { 200: dualLeaderOut },
      },
    },
    async (request) => dualLeaderReport(ctxOf(request)),
  );

  r.get(
    '/api/v1/orgs/settings',
    {
      config: { access: 'orgs.read' },
      schema: { tags: ['orgs'], summary: 'Unit settings of this area: 双带头人 criteria and the transfer letter’s letterhead', response: { 200: orgSettingsOut } },
    },
    async (request) => orgSettings(ctxOf(request)),
  );

  r.put(
    '/api/v1/orgs/settings',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['orgs'],
        summary: 'Save the 双带头人 criteria and the letterhead (send the version you read)',
        body: z.object({ version: int4().min(0), dualLeader: dualLeaderSchema, letterhead: letterheadSchema }),
        response: { 200: orgSettingsOut },
      },
    },
    async (request) => saveOrgSettings(ctxOf(request), request.body),
  );
}
