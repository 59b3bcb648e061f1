/** An org's lifecycle: create, edit, move, merge and dissolve (history kept). */
import { ORG_TYPES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { createOrg, dissolveOrg, editOrg, mergeOrg, moveOrg } from './service-lifecycle.js';
import { date, orgFields } from './schemas.js';

const tags = ['orgs'];
const access = 'orgs.write';
const orgId = z.number().int().positive();
const createBody = z.object({ parentId: orgId, type: z.enum(ORG_TYPES), ...orgFields });
const editBody = z.object({ version: version(), ...orgFields, name: orgFields.name.optional() });
const moveBody = z.object({ version: version(), parentId: orgId, onDate: date });
const mergeBody = z.object({ version: version(), intoId: orgId, onDate: date });
const dissolveBody = z.object({ version: version(), onDate: date, membersToId: orgId.optional() });
const dissolveOut = z.object({ id: z.number(), members: z.number(), children: z.number() });

export async function orgLifecycleRoutes(app: FastifyInstance) {
  serviceRoute(app, { method: 'post', path: '/api/v1/orgs', access, schema: { tags, summary: 'Create an organisation under a parent (type must fit: 党委 → 党总支 → 党支部 → 党小组)', body: createBody, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { body }) => ({ id: await createOrg(ctx, body) }));

  serviceRoute(app, { method: 'patch', path: '/api/v1/orgs/:id', access, schema: { tags, summary: 'Edit an organisation’s fields and departments (send the version you read: 409 on conflict)', params: idParam, body: editBody, response: { 200: z.object({ id: z.number(), version: z.number() }) } } }, (ctx, { params, body }) => editOrg(ctx, params.id, body));

  serviceRoute(app, { method: 'post', path: '/api/v1/orgs/:id/move', access, schema: { tags, summary: 'Move an organisation (with its subtree) under another parent', params: idParam, body: moveBody, response: { 200: z.object({ id: z.number(), path: z.string() }) } } }, (ctx, { params, body }) => moveOrg(ctx, params.id, body));

  serviceRoute(app, { method: 'post', path: '/api/v1/orgs/:id/merge', access, schema: { tags, summary: 'Merge an organisation into another: members and child orgs re-homed, committee closed, the org kept as dissolved with its history (one transaction)', params: idParam, body: mergeBody, response: { 200: dissolveOut } } }, (ctx, { params, body }) => mergeOrg(ctx, params.id, body));

  serviceRoute(app, { method: 'post', path: '/api/v1/orgs/:id/dissolve', access, schema: { tags, summary: 'Dissolve an organisation (history kept). Members and child orgs go to membersToId in the same transaction; required when it still has any', params: idParam, body: dissolveBody, response: { 200: dissolveOut } } }, (ctx, { params, body }) => dissolveOrg(ctx, params.id, body));
}
