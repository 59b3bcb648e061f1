/** Work systems (工作体系): templates, frameworks (copy, draft, publish), adoptions with targets, values, drill-down, manual values. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { adoptInput, copyInput, vocabularyOut, draftInput, drillOut, frameworkListOut, frameworkOut, manualInput, publishInput, targetsInput, templateOut, valuesOut, yearQuery } from './schemas.js';
import { adopt, adoptionValues, exportAdoption, manualValueFiles, vocabulary, changeTargets, copyTemplate, drillDown, enterManual, frameworkDetail, frameworkList, publish, saveDraft, templateList } from './service.js';

const tags = ['worksystems'];
const saved = z.object({ id: z.number(), version: z.number() });

export async function worksystemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/worksystems/templates', { config: { access: 'worksystems.read' }, schema: { tags, summary: 'The built-in templates (四维融合, 四急四聚焦, 五个在一线, 12345, PDCA, 支部工作条例)', response: { 200: z.array(templateOut) } } }, async (request) => {
    ctxOf(request);
    return templateList();
  });

  r.get('/api/v1/worksystems/vocabulary', { config: { access: 'worksystems.read' }, schema: { tags, summary: 'What a definition may say: the sources with their filters (and a closed list’s values), sum and distinct fields; the aggregates, scopes and indicator kinds', response: { 200: vocabularyOut } } }, async (request) => {
    ctxOf(request);
    return vocabulary();
  });

  serviceRoute(
    app,
    { method: 'get', path: '/api/v1/worksystems', access: 'worksystems.read', schema: { tags, summary: 'The unit’s frameworks with their versions and the year’s adoptions (average progress) the caller reaches', querystring: yearQuery, response: { 200: frameworkListOut } } },
    (ctx, { query }) => {
      return frameworkList(ctx, query.year ?? Number(ctx.today.slice(0, 4)));
    },
  );

  r.post('/api/v1/worksystems', { config: { access: 'worksystems.write' }, schema: { tags, summary: 'Copy a built-in template into a new framework of an org (the 党委 by default)', body: copyInput, response: { 201: z.object({ id: z.number() }) } } }, async (request, reply) =>
    reply.status(201).send({ id: await copyTemplate(ctxOf(request), request.body) }),
  );

  r.get('/api/v1/worksystems/:id', { config: { access: 'worksystems.read' }, schema: { tags, summary: 'One framework: its draft, published versions and adoptions', params: idParam, response: { 200: frameworkOut } } }, async (request) =>
    frameworkDetail(ctxOf(request), request.params.id),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/worksystems/:id/draft', access: 'worksystems.write', schema: { tags, summary: 'Save the draft definition; 400 naming each wrong part (body.definition.dimensions[1].indicators[2]…), 409 on a stale version', params: idParam, body: draftInput, response: { 200: saved } } }, (ctx, { params, body }) => saveDraft(ctx, params.id, body));

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/worksystems/:id/publish',
      access: 'worksystems.write',
      schema: { tags, summary: 'Publish the draft as the next immutable version in force from today; 409 on a stale version', params: idParam, body: publishInput, response: { 200: z.object({ id: z.number(), no: z.number(), publishedOn: z.string(), version: z.number() }) } },
    },
    (ctx, { params, body }) => publish(ctx, params.id, body.version),
  );

  serviceRoute(app, { method: 'post', path: '/api/v1/worksystems/:id/adoptions', access: 'worksystems.write', schema: { tags, summary: 'Adopt the framework for an org and a year with targets per indicator and the branches it flows to (none: all)', params: idParam, body: adoptInput, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { params, body }) => ({ id: await adopt(ctx, params.id, body) }));

  serviceRoute(app, { method: 'put', path: '/api/v1/worksystems/adoptions/:id/targets', access: 'worksystems.write', schema: { tags, summary: 'Change an adoption’s targets; 409 on a stale version', params: idParam, body: targetsInput, response: { 200: saved } } }, (ctx, { params, body }) => changeTargets(ctx, params.id, body));

  serviceRoute(app, { method: 'get', path: '/api/v1/worksystems/adoptions/:id/values', access: 'worksystems.read', schema: { tags, summary: 'Each indicator’s value, target, progress and per-branch figures for the adoption’s year, with the version in force', params: idParam, response: { 200: valuesOut } } }, (ctx, { params }) => adoptionValues(ctx, params.id));

  downloadRoute(app, { path: '/api/v1/worksystems/adoptions/:id/export', format: 'xlsx', access: 'worksystems.read', schema: { tags, summary: 'The adoption’s values as Excel: one row per indicator with its target, total and progress, one column per branch the caller reaches', params: idParam } }, (ctx, { params }) => exportAdoption(ctx, params.id));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/worksystems/adoptions/:id/indicators/:key/records',
      access: 'worksystems.read',
      schema: {
        tags,
        summary: 'The records behind an indicator’s value (optionally of one branch), one page newest first: total counts them all, and their count or sum is the value',
        params: idParam.extend({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) }),
        querystring: pageQuery.extend({ orgId: z.coerce.number().int().positive().optional() }),
        response: { 200: drillOut },
      },
    },
    (ctx, { params, query }) => {
      const { orgId, page, pageSize } = query;
      return drillDown(ctx, params.id, params.key, orgId, { page, pageSize });
    },
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/worksystems/adoptions/:id/manual', access: 'worksystems.write', schema: { tags, summary: 'Enter a manual indicator’s value for an org with optional evidence text or link; 409 on a stale version (0 for a new value)', params: idParam, body: manualInput, response: { 200: saved } } }, (ctx, { params, body }) => enterManual(ctx, params.id, body));

  evidenceRoutes(app, {
    path: '/api/v1/worksystems/manual-values/:id/files', params: idParam, ref: (p) => p.id, files: manualValueFiles, tags, access: { read: 'worksystems.read', write: 'worksystems.write' }, strict: true,
    summary: { add: 'Attach evidence to a manual value (scanned certificate, PDF notice, photo): a form upload, PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB', download: 'Download a manual value’s evidence file', withdraw: 'Withdraw a manual value’s evidence file (content dropped, name and reason kept)' },
  });
}
