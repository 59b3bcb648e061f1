/** Honours of orgs and members: list, record, read, change, delete, evidence files, the ladder (梯队), the unit's lists. */
import { honoursSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { filesOut, honourInput, honourOut } from './schemas.js';
import { changeHonour, createHonour, honourDetail, honourFiles, honourList, honoursSettings, ladder, removeHonour, saveHonoursSettings } from './service.js';

const tags = ['honours'];
const ladderHonour = z.object({ id: z.number(), level: z.string(), type: z.string(), title: z.string(), holderName: z.string(), awardedOn: z.string() });
const settingsOut = honoursSettingsSchema.extend({ version: z.number() });

export async function honourRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/honours',
    {
      config: { access: 'honours.read' },
      schema: {
        tags,
        summary: 'Honours in the caller’s scope, newest first',
        querystring: pageQuery.extend({
          orgId: z.coerce.number().int().positive().optional(),
          level: z.string().trim().max(20).optional(),
          type: z.string().trim().max(40).optional(),
          holder: z.enum(['org', 'member']).optional(),
          year: z.coerce.number().int().min(1950).max(2100).optional(),
        }),
        response: { 200: z.object({ items: z.array(honourOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { items, total } = await honourList(ctxOf(request), filter, { page, pageSize });
      return { items: items.map(({ orgPath: _p, ...h }) => h), total };
    },
  );

  r.post(
    '/api/v1/honours',
    { config: { access: 'honours.write' }, schema: { tags, summary: 'Record an honour of an org or a member', body: honourInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createHonour(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/honours/ladder',
    {
      config: { access: 'honours.read' },
      schema: {
        tags,
        summary: 'The ladder (梯队) under an org (the caller’s scope by default): per level, the honours held and the programmes in cultivation',
        querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }),
        response: {
          200: z.object({
            orgName: z.string().nullable(),
            rungs: z.array(
              z.object({
                level: z.string(),
                held: z.array(ladderHonour),
                cultivating: z.array(z.object({ id: z.number(), level: z.string(), type: z.string(), title: z.string(), orgName: z.string(), stage: z.string(), startedOn: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ladder(ctxOf(request), request.query.orgId),
  );

  r.get(
    '/api/v1/honours/settings',
    { config: { access: 'honours.read' }, schema: { tags, summary: 'The unit’s lists: levels (top down) and types of honours', response: { 200: settingsOut } } },
    async (request) => {
      const { value, version: v } = await honoursSettings(ctxOf(request));
      return { ...value, version: v };
    },
  );

  r.put(
    '/api/v1/honours/settings',
    { config: { access: 'settings.manage' }, schema: { tags, summary: 'Save the unit’s lists; 409 on a stale version', body: honoursSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } } },
    async (request) => {
      const { version: v, ...value } = request.body;
      const saved = await saveHonoursSettings(ctxOf(request), value, v);
      return { ...saved.value, version: saved.version };
    },
  );

  r.get(
    '/api/v1/honours/:id',
    { config: { access: 'honours.read' }, schema: { tags, summary: 'One honour with its evidence files', params: idParam, response: { 200: honourOut.extend({ evidence: filesOut, canEdit: z.boolean() }) } } },
    async (request) => {
      const { honour, files, canEdit } = await honourDetail(ctxOf(request), request.params.id);
      const { orgPath: _p, ...h } = honour;
      return { ...h, evidence: files, canEdit };
    },
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/honours/:id', access: 'honours.write', schema: { tags, summary: 'Change an honour; 409 on a stale version', params: idParam, body: honourInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeHonour));

  r.delete(
    '/api/v1/honours/:id',
    { config: { access: 'honours.write' }, schema: { tags, summary: 'Delete an honour recorded by mistake (not one a programme produced)', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeHonour(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  evidenceRoutes(app, {
    path: '/api/v1/honours/:id/files', params: idParam, ref: (p) => p.id, files: honourFiles, tags, access: { read: 'honours.read', write: 'honours.write' },
    summary: { add: 'Add evidence (certificate, notice): a form upload, PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB', download: 'Download an evidence file', withdraw: 'Withdraw an evidence file (content dropped, reason kept)' },
  });
}
