/** Venues (活动阵地): list, export, record, read, change, delete, optional photos, the unit's 六有 standard. */
import { venuesSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { photosOut, venueFilter, venueInput, venueOut } from './schemas.js';
import { venuesWorkbook } from './service-export.js';
import { changeVenue, createVenue, removeVenue, saveVenuesSettings, venueDetail, venuePhotos, venueShareCandidates, venueList, venuesSettings } from './service.js';

const tags = ['venues'];
const settingsOut = venuesSettingsSchema.extend({ version: z.number() });

export async function venueRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/venues',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags,
        summary: 'Venues owned by or shared with orgs in the caller’s scope, each with the unit’s standard items it lacks',
        querystring: pageQuery.extend(venueFilter.shape),
        response: { 200: z.object({ items: z.array(venueOut), total: z.number(), standard: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return venueList(ctxOf(request), filter, { page, pageSize });
    },
  );

  r.post(
    '/api/v1/venues',
    { config: { access: 'orglife.write' }, schema: { tags, summary: 'Record a venue of an org: its 六有 checklist and the branches sharing it', body: venueInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createVenue(ctxOf(request), request.body) }),
  );

  downloadRoute(app, { path: '/api/v1/venues/export', format: 'xlsx', access: 'orglife.read', schema: { tags, summary: 'The venues as Excel: owner, shared with, one column per standard item (✓/✗), checked on', querystring: venueFilter } }, (ctx, { query }) => venuesWorkbook(ctx, query));

  r.get(
    '/api/v1/venues/share-candidates',
    { config: { access: 'orglife.read' }, schema: { tags, summary: 'The branches of the unit a venue may be shared with (id and name)', response: { 200: z.array(z.object({ id: z.number(), name: z.string() })) } } },
    async (request) => venueShareCandidates(ctxOf(request)),
  );

  r.get(
    '/api/v1/venues/settings',
    { config: { access: 'orglife.read' }, schema: { tags, summary: 'The unit’s venue standard (六有)', response: { 200: settingsOut } } },
    async (request) => {
      const { value, version: v } = await venuesSettings(ctxOf(request));
      return { ...value, version: v };
    },
  );

  r.put(
    '/api/v1/venues/settings',
    { config: { access: 'settings.manage' }, schema: { tags, summary: 'Save the unit’s venue standard; 409 on a stale version', body: venuesSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } } },
    async (request) => {
      const { version: v, ...value } = request.body;
      const saved = await saveVenuesSettings(ctxOf(request), value, v);
      return { ...saved.value, version: saved.version };
    },
  );

  r.get(
    '/api/v1/venues/:id',
    { config: { access: 'orglife.read' }, schema: { tags, summary: 'One venue with its photos', params: idParam, response: { 200: venueOut.extend({ photoList: photosOut, canEdit: z.boolean() }) } } },
    async (request) => venueDetail(ctxOf(request), request.params.id),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/venues/:id', access: 'orglife.write', schema: { tags, summary: 'Change a venue; 409 on a stale version', params: idParam, body: venueInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeVenue));

  r.delete(
    '/api/v1/venues/:id',
    { config: { access: 'orglife.write' }, schema: { tags, summary: 'Delete a venue with its shares and photos', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeVenue(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  evidenceRoutes(app, {
    path: '/api/v1/venues/:id/photos', params: idParam, fileParam: 'photoId', ref: (p) => p.id, files: venuePhotos, tags, access: { read: 'orglife.read', write: 'orglife.write' },
    summary: { add: 'Add a photo (optional, never required): a form upload, JPEG, PNG or another evidence kind as the bytes show, at most 10 MB', download: 'Download a photo', withdraw: 'Withdraw a photo (content dropped, reason kept)' },
  });
}
