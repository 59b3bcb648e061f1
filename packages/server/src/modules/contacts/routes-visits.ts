/**
 * Visits (调研/走访) under contact points and their follow-ups (整改/督办事项). The writes take
 * contacts.read at the door and the service decides: the office (contacts.write) for any contact
 * point, a leader (contacts.visit) for their own; a follow-up is closed by its owner too.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { closeInput, followUpFilter, followUpInput, followUpListOut, visitFilter, visitInput, visitOut } from './schemas.js';
import { visitsWorkbook } from './service-export.js';
import { addFollowUps, changeFollowUp, changeVisit, closeFollowUp, createVisit, followUpList, removeFollowUp, removeVisit, reopenFollowUp, visitDetail, visitList } from './service-visits.js';

const tags = ['contacts'];
const stateOut = z.object({ id: z.number(), version: z.number(), state: z.enum(['open', 'due_soon', 'overdue', 'done']) });

export async function contactVisitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/contacts/visits',
      access: 'contacts.read',
      schema: {
        tags,
        summary: 'Visits the caller sees, newest first, each with its follow-ups: a leader their own contact points’, a secretary those to their branches, the office and readers their scope; anyone the visits with a follow-up they own',
        querystring: pageQuery.extend(visitFilter.shape),
        response: { 200: z.object({ items: z.array(visitOut), total: z.number() }) },
      },
    },
    (ctx, { query }) => {
      const { page, pageSize, ...filter } = query;
      return visitList(ctx, filter, { page, pageSize });
    },
  );

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/contacts/visits',
      access: 'contacts.read',
      schema: {
        tags,
        summary: 'Record a visit with its follow-ups: the office for any contact point, a leader only for their own (403 otherwise); the day within the link’s period and not ahead',
        body: visitInput.extend({ followUps: z.array(followUpInput).max(30).default([]) }),
        response: { 201: z.object({ id: z.number(), followUpIds: z.array(z.number()) }) },
      },
    },
    (ctx, { body }) => createVisit(ctx, body),
  );

  downloadRoute(app, { path: '/api/v1/contacts/visits/export', format: 'xlsx', access: 'contacts.read', schema: { tags, summary: 'The visits the caller sees as Excel, one row per follow-up (owner, due date, state, what was done)', querystring: visitFilter } }, (ctx, { query }) => visitsWorkbook(ctx, query));

  serviceRoute(app, { method: 'get', path: '/api/v1/contacts/visits/:id', access: 'contacts.read', schema: { tags, summary: 'One visit with its follow-ups', params: idParam, response: { 200: visitOut } } }, (ctx, { params }) => visitDetail(ctx, params.id));

  serviceRoute(app, { method: 'put', path: '/api/v1/contacts/visits/:id', access: 'contacts.read', schema: { tags, summary: 'Change a visit (the office, or the leader of its contact point); 409 on a stale version', params: idParam, body: visitInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeVisit));

  r.delete(
    '/api/v1/contacts/visits/:id',
    { config: { access: 'contacts.read' }, schema: { tags, summary: 'Delete a visit with its follow-ups (the office, or the leader of its contact point)', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeVisit(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/contacts/visits/:id/follow-ups',
      access: 'contacts.read',
      schema: { tags, summary: 'Add follow-ups to a visit (the office, or the leader of its contact point)', params: idParam, body: z.object({ followUps: z.array(followUpInput).min(1).max(30) }), response: { 201: z.object({ ids: z.array(z.number()) }) } },
    },
    async (ctx, { params, body }) => ({ ids: await addFollowUps(ctx, params.id, body.followUps) }),
  );

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/contacts/follow-ups',
      access: 'contacts.read',
      schema: {
        tags,
        summary: 'Follow-ups the caller sees (as visits) or owns: open ones first, the most urgent on top; mine=true for the caller’s own',
        querystring: pageQuery.extend(followUpFilter.shape),
        response: { 200: z.object({ items: z.array(followUpListOut), total: z.number() }) },
      },
    },
    (ctx, { query }) => {
      const { page, pageSize, ...filter } = query;
      return followUpList(ctx, filter, { page, pageSize });
    },
  );

  serviceRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/contacts/follow-ups/:id',
      access: 'contacts.read',
      schema: { tags, summary: 'Change an open follow-up: text, owner, due date (the office, or the leader of its contact point); 409 on a stale version', params: idParam, body: followUpInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } },
    },
    async (ctx, { params, body }) => {
      const { version: v, ...input } = body;
      await changeFollowUp(ctx, params.id, v, input);
      return { id: params.id };
    },
  );

  serviceRoute(app, { method: 'post', path: '/api/v1/contacts/follow-ups/:id/close', access: 'contacts.read', schema: { tags, summary: 'Close a follow-up with what was done: its owner, the leader of its contact point or the office; 409 on a stale version', params: idParam, body: closeInput, response: { 200: stateOut } } }, (ctx, { params, body }) => closeFollowUp(ctx, params.id, body));

  serviceRoute(app, { method: 'post', path: '/api/v1/contacts/follow-ups/:id/reopen', access: 'contacts.read', schema: { tags, summary: 'Reopen a follow-up closed by mistake (whoever may close it); 409 on a stale version', params: idParam, body: z.object({ version: version() }), response: { 200: stateOut } } }, (ctx, { params, body }) => reopenFollowUp(ctx, params.id, body.version));

  r.delete(
    '/api/v1/contacts/follow-ups/:id',
    { config: { access: 'contacts.read' }, schema: { tags, summary: 'Delete a follow-up (the office, or the leader of its contact point)', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeFollowUp(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
