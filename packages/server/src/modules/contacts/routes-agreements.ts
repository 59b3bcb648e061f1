/** Co-building agreements (结对共建): the agreements, their renewals and joint activities, the counts per org, the export. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { activityCountsOut, activityInput, activityOut, agreementFilter, agreementInput, agreementOut, linkCandidatesOut, renewalInput, renewalOut } from './schemas.js';
import { activityCounts, activityLinkCandidates, addActivity, agreementDetail, agreementList, changeActivity, changeAgreement, createAgreement, removeActivity, removeAgreement, renewAgreement } from './service-agreements.js';
import { agreementsWorkbook } from './service-export.js';

const tags = ['contacts'];
const activityParams = idParam.extend({ activityId: z.coerce.number().int().positive() });

export async function contactAgreementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/contacts/agreements',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags,
        summary: 'Co-building agreements either side of which is in the caller’s scope (orgId: either side under it), with joint activities counted all time and in the year (an internal pairing’s activity counts for both sides)',
        querystring: pageQuery.extend(agreementFilter.shape),
        response: { 200: z.object({ items: z.array(agreementOut), total: z.number(), year: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return agreementList(ctxOf(request), filter, { page, pageSize });
    },
  );

  r.post(
    '/api/v1/contacts/agreements',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'Record an agreement of an org with another org of the unit (partnerOrgId) or an outside one (partnerName): kind from the unit’s list, signing date, term', body: agreementInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createAgreement(ctxOf(request), request.body) }),
  );

  downloadRoute(app, { path: '/api/v1/contacts/agreements/export', format: 'xlsx', access: 'contacts.read', schema: { tags, summary: 'The agreements as Excel with their joint-activity counts (all time and in the year)', querystring: agreementFilter } }, (ctx, { query }) => agreementsWorkbook(ctx, query));

  r.get(
    '/api/v1/contacts/activity-counts',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags,
        summary: 'Agreements and joint activities per org in the caller’s scope for a year: an internal pairing’s activity, recorded once, counts for both sides',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: activityCountsOut },
      },
    },
    async (request) => activityCounts(ctxOf(request), request.query.year),
  );

  r.get(
    '/api/v1/contacts/agreements/:id',
    { config: { access: 'contacts.read' }, schema: { tags, summary: 'One agreement with its renewals and joint activities', params: idParam, response: { 200: agreementOut.extend({ renewalList: z.array(renewalOut), activityList: z.array(activityOut), canEdit: z.boolean() }) } } },
    async (request) => agreementDetail(ctxOf(request), request.params.id),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/contacts/agreements/:id', access: 'contacts.write', schema: { tags, summary: 'Change an agreement (its term end only through a renewal once renewed); 409 on a stale version', params: idParam, body: agreementInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeAgreement));

  r.delete(
    '/api/v1/contacts/agreements/:id',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'Delete an agreement with its renewals and activities', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeAgreement(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/contacts/agreements/:id/renewals',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'Renew an agreement: its term extended to a later end, the extension kept as history; 409 on a stale version', params: idParam, body: renewalInput, response: { 201: z.object({ id: z.number(), version: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await renewAgreement(ctxOf(request), request.params.id, request.body)),
  );

  r.get(
    '/api/v1/contacts/agreements/:id/link-candidates',
    { config: { access: 'contacts.read' }, schema: { tags, summary: 'The organisational-life records and service events of either side within the term an activity may be linked to', params: idParam, response: { 200: linkCandidatesOut } } },
    async (request) => activityLinkCandidates(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/v1/contacts/agreements/:id/activities',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'Record a joint activity once (it counts for both sides of an internal pairing), optionally linked to a record of one side', params: idParam, body: activityInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await addActivity(ctxOf(request), request.params.id, request.body) }),
  );

  r.put(
    '/api/v1/contacts/agreements/:id/activities/:activityId',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'Change a joint activity; 409 on a stale version', params: activityParams, body: activityInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const { version: v, ...input } = request.body;
      await changeActivity(ctxOf(request), request.params.id, request.params.activityId, v, input);
      return { id: request.params.activityId };
    },
  );

  r.delete(
    '/api/v1/contacts/agreements/:id/activities/:activityId',
    { config: { access: 'contacts.write' }, schema: { tags, summary: 'Delete a joint activity', params: activityParams, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeActivity(ctxOf(request), request.params.id, request.params.activityId, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
