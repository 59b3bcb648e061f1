/** Contact points (联系点): the links of leaders to branches, the leaders and owners offered, the unit's settings. */
import { contactsSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { id, version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { leaderOut, ownerOut, pointFilter, pointInput, pointOut } from './schemas.js';
import { changePoint, createPoint, leaderChoices, pointList, removePoint } from './service-points.js';
import { contactsSettings, ownerAccounts, saveContactsSettings } from './service.js';

const tags = ['contacts'];
const settingsOut = contactsSettingsSchema.extend({ version: z.number() });

export async function contactPointRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/contacts/points',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags,
        summary: 'Contact points (a leader linked to a branch for a period) the caller sees: the office and readers their scope, a leader their own, a secretary those of their branches; each with its visits and open follow-ups counted',
        querystring: pointFilter,
        response: { 200: z.array(pointOut) },
      },
    },
    async (request) => pointList(ctxOf(request), request.query),
  );

  r.post(
    '/api/v1/contacts/points',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'Link a leader (an account with the leader role, or a 党委委员 with an account) to a branch for a period; periods of the same leader and branch may not overlap', body: pointInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createPoint(ctxOf(request), request.body) }),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/contacts/points/:id', access: 'contacts.write', schema: { tags, summary: 'Change a contact point (e.g. end it); its period must still hold its visits; 409 on a stale version', params: idParam, body: pointInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changePoint));

  r.delete(
    '/api/v1/contacts/points/:id',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'Delete a contact point entered by mistake (409 when it has visits: end it instead)', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removePoint(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/contacts/leaders',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'The accounts that may be a contact point: the leader role, and 党委委员 (a seat on the root committee) with an account', response: { 200: z.array(leaderOut) } } },
    async (request) => leaderChoices(ctxOf(request)),
  );

  r.get(
    '/api/v1/contacts/owners',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags,
        summary: 'The accounts a follow-up may be given to (branch secretaries, the office, leaders), the secretaries of the branch asked about first; empty for a caller who records no visits',
        querystring: z.object({ orgId: id({ coerce: true }).optional() }),
        response: { 200: z.array(ownerOut) },
      },
    },
    async (request) => ownerAccounts(ctxOf(request), request.query.orgId),
  );

  r.get(
    '/api/v1/contacts/settings',
    { config: { access: 'contacts.read' }, schema: { tags, summary: 'The unit’s agreement kinds, visit purposes and default days to a follow-up’s due date', response: { 200: settingsOut } } },
    async (request) => {
      const { value, version: v } = await contactsSettings(ctxOf(request));
      return { ...value, version: v };
    },
  );

  r.put(
    '/api/v1/contacts/settings',
    { config: { access: 'settings.manage' }, schema: { tags, summary: 'Save the unit’s contact-point and co-building settings; 409 on a stale version', body: contactsSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } } },
    async (request) => {
      const { version: v, ...value } = request.body;
      const saved = await saveContactsSettings(ctxOf(request), value, v);
      return { ...saved.value, version: saved.version };
    },
  );
}
