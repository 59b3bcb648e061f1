/** The parts of a brand: elements, rules (with reviews and evidence links) and figures. */
import { BRAND_EVIDENCE_KINDS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { elementInput, evidenceInput, figureInput, recordRefOut, reviewInput, ruleInput } from './schemas.js';
import { addElement, addFigure, addRule, changeElement, changeFigure, changeRule, evidenceCandidates, linkEvidence, removePart, reviewRule, unlinkEvidence } from './service.js';

const tags = ['brands'];
const ok = z.object({ id: z.number() });
const partId = z.coerce.number().int().positive();
const versionQuery = z.object({ version: version({ coerce: true }) });

export async function brandPartRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const elementParams = idParam.extend({ elementId: partId });
  const ruleParams = idParam.extend({ ruleId: partId });
  const figureParams = idParam.extend({ figureId: partId });

  r.post(
    '/api/v1/brands/:id/elements',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Add an element (一个中心, 两个角色 …) with its owner: a member or a name', params: idParam, body: elementInput, response: { 201: ok } } },
    async (request, reply) => reply.status(201).send({ id: await addElement(ctxOf(request), request.params.id, request.body) }),
  );
  r.put(
    '/api/v1/brands/:id/elements/:elementId',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Change an element; 409 on a stale version', params: elementParams, body: elementInput.extend({ version: version() }), response: { 200: ok } } },
    async (request) => {
      const { version: v, ...input } = request.body;
      await changeElement(ctxOf(request), request.params.id, request.params.elementId, v, input);
      return { id: request.params.elementId };
    },
  );
  r.delete(
    '/api/v1/brands/:id/elements/:elementId',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Remove an element', params: elementParams, querystring: versionQuery, response: { 204: z.null() } } },
    async (request, reply) => {
      await removePart(ctxOf(request), request.params.id, 'brand_elements', request.params.elementId, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/brands/:id/rules',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Add a rule (a checklist item) with its owner and review interval in months', params: idParam, body: ruleInput, response: { 201: ok } } },
    async (request, reply) => reply.status(201).send({ id: await addRule(ctxOf(request), request.params.id, request.body) }),
  );
  r.put(
    '/api/v1/brands/:id/rules/:ruleId',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Change a rule; 409 on a stale version', params: ruleParams, body: ruleInput.extend({ version: version() }), response: { 200: ok } } },
    async (request) => {
      const { version: v, ...input } = request.body;
      await changeRule(ctxOf(request), request.params.id, request.params.ruleId, v, input);
      return { id: request.params.ruleId };
    },
  );
  r.delete(
    '/api/v1/brands/:id/rules/:ruleId',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Remove a rule with its evidence links', params: ruleParams, querystring: versionQuery, response: { 204: z.null() } } },
    async (request, reply) => {
      await removePart(ctxOf(request), request.params.id, 'brand_rules', request.params.ruleId, request.query.version);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/brands/:id/rules/:ruleId/review',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Record a review of a rule (the day and what was found); 409 on a stale version', params: ruleParams, body: reviewInput.extend({ version: version() }), response: { 200: ok } } },
    async (request) => {
      const { version: v, ...input } = request.body;
      await reviewRule(ctxOf(request), request.params.id, request.params.ruleId, v, input);
      return { id: request.params.ruleId };
    },
  );
  r.post(
    '/api/v1/brands/:id/rules/:ruleId/evidence',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Link a record (meeting, service event, project, honour, programme, 党委会 topic) under the brand’s org as evidence of the rule', params: ruleParams, body: evidenceInput, response: { 201: ok } } },
    async (request, reply) => reply.status(201).send({ id: await linkEvidence(ctxOf(request), request.params.id, request.params.ruleId, request.body) }),
  );
  r.delete(
    '/api/v1/brands/:id/rules/:ruleId/evidence/:linkId',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Unlink an evidence record (the record itself stays)', params: ruleParams.extend({ linkId: partId }), response: { 204: z.null() } } },
    async (request, reply) => {
      await unlinkEvidence(ctxOf(request), request.params.id, request.params.ruleId, request.params.linkId);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/v1/brands/:id/evidence-candidates',
    {
      config: { access: 'brands.write' },
      schema: {
        tags,
        summary: 'Records of a kind under the brand’s org that may be linked as evidence, newest first (at most 50; filter by text)',
        params: idParam,
        querystring: z.object({ kind: z.enum(BRAND_EVIDENCE_KINDS), q: z.string().trim().max(50).optional() }),
        response: { 200: z.array(recordRefOut) },
      },
    },
    async (request) => evidenceCandidates(ctxOf(request), request.params.id, request.query.kind, request.query.q),
  );

  r.post(
    '/api/v1/brands/:id/figures',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Add a figure: a label and a measure computed from the records (service, honours, projects)', params: idParam, body: figureInput, response: { 201: ok } } },
    async (request, reply) => reply.status(201).send({ id: await addFigure(ctxOf(request), request.params.id, request.body) }),
  );
  r.put(
    '/api/v1/brands/:id/figures/:figureId',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Change a figure; 409 on a stale version', params: figureParams, body: figureInput.extend({ version: version() }), response: { 200: ok } } },
    async (request) => {
      const { version: v, ...input } = request.body;
      await changeFigure(ctxOf(request), request.params.id, request.params.figureId, v, input);
      return { id: request.params.figureId };
    },
  );
  r.delete(
    '/api/v1/brands/:id/figures/:figureId',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Remove a figure', params: figureParams, querystring: versionQuery, response: { 204: z.null() } } },
    async (request, reply) => {
      await removePart(ctxOf(request), request.params.id, 'brand_figures', request.params.figureId, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
