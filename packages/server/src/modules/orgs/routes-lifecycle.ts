/** An org's lifecycle: create, edit, move, merge and dissolve (history kept). */
import { ORG_TYPES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { createOrg, dissolveOrg, editOrg, mergeOrg, moveOrg } from './service-lifecycle.js';
import { date, orgFields } from './schemas.js';

const dissolveOut = z.object({ id: z.number(), members: z.number(), children: z.number() });

export async function orgLifecycleRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/orgs',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Create an organisation under a parent (type must fit: 党委 → 党总支 → 党支部 → 党小组)',
        body: z.object({ parentId: z.number().int().positive(), type: z.enum(ORG_TYPES), ...orgFields }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createOrg(ctxOf(request), request.body) }),
  );

  r.patch(
    '/api/v1/orgs/:id',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Edit an organisation’s fields and departments (send the version you read: 409 on conflict)',
        params: idParam,
        body: z.object({ version: version(), ...orgFields, name: orgFields.name.optional() }),
        response: { 200: z.object({ id: z.number(), version: z.number() }) },
      },
    },
    async (request) => editOrg(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/v1/orgs/:id/move',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Move an organisation (with its subtree) under another parent',
        params: idParam,
        body: z.object({ version: version(), parentId: z.number().int().positive(), onDate: date }),
        response: { 200: z.object({ id: z.number(), path: z.string() }) },
      },
    },
    async (request) => moveOrg(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/v1/orgs/:id/merge',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Merge an organisation into another: members and child orgs re-homed, committee closed, the org kept as dissolved with its history (one transaction)',
        params: idParam,
        body: z.object({ version: version(), intoId: z.number().int().positive(), onDate: date }),
        response: { 200: dissolveOut },
      },
    },
    async (request) => mergeOrg(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/v1/orgs/:id/dissolve',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Dissolve an organisation (history kept). Members and child orgs go to membersToId in the same transaction; required when it still has any',
        params: idParam,
        body: z.object({ version: version(), onDate: date, membersToId: z.number().int().positive().optional() }),
        response: { 200: dissolveOut },
      },
    },
    async (request) => dissolveOrg(ctxOf(request), request.params.id, request.body),
  );
}
