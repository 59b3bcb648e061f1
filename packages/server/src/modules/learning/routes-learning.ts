/** Learning, never scored: materials (with the meetings that studied them), study series, the 第一议题 library, members' own notes, the unit's kinds of material. */
import { learningSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { firstTopicsOut, materialFilter, materialInput, materialOut, noteInput, noteOut, seriesInput, seriesOut, studyInput, studyOut } from './schemas.js';
import { learningWorkbook } from './service-export.js';
import {
  addStudy,
  changeMaterial,
  changeNote,
  changeSeries,
  createMaterial,
  createNote,
  createSeries,
  firstTopics,
  learningSettings,
  materialDetail,
  materialList,
  noteList,
  removeMaterial,
  removeNote,
  removeStudy,
  saveLearningSettings,
  seriesList,
} from './service.js';

const tags = ['learning'];
const versionQuery = z.object({ version: version({ coerce: true }) });
const studyParams = idParam.extend({ studyId: z.coerce.number().int().positive() });
const settingsOut = learningSettingsSchema.extend({ version: z.number() });
const created = z.object({ id: z.number() });

export async function learningRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/learning/materials',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'The unit’s learning materials, newest first, each with how many meetings studied it', querystring: pageQuery.extend(materialFilter.shape), response: { 200: z.object({ items: z.array(materialOut), total: z.number() }) } } },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return materialList(ctxOf(request), filter, { page, pageSize });
    },
  );

  r.post(
    '/api/v1/learning/materials',
    { config: { access: 'learning.write' }, schema: { tags, summary: 'Add a material of an org; in a series it takes the next issue number', body: materialInput, response: { 201: created.extend({ issueNo: z.number().nullable() }) } } },
    async (request, reply) => reply.status(201).send(await createMaterial(ctxOf(request), request.body)),
  );

  downloadRoute(app, { path: '/api/v1/learning/materials/export', format: 'xlsx', access: 'learning.read', schema: { tags, summary: 'The materials under the filter as Excel, with the meetings that studied each', querystring: materialFilter } }, (ctx, { query }) => learningWorkbook(ctx, query));

  r.get(
    '/api/v1/learning/materials/:id',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'One material with the meetings that studied it', params: idParam, response: { 200: materialOut.extend({ studyList: z.array(studyOut), canEdit: z.boolean() }) } } },
    async (request) => materialDetail(ctxOf(request), request.params.id),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/learning/materials/:id', access: 'learning.write', schema: { tags, summary: 'Change a material; 409 on a stale version', params: idParam, body: materialInput.extend({ version: version() }), response: { 200: created } } }, savedById(changeMaterial));

  r.delete(
    '/api/v1/learning/materials/:id',
    { config: { access: 'learning.write' }, schema: { tags, summary: 'Delete a material with its study links; 409 on a stale version', params: idParam, querystring: versionQuery, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeMaterial(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/learning/materials/:id/studies',
    { config: { access: 'learning.write' }, schema: { tags, summary: 'Record that a meeting studied the material: an organisational-life record in the caller’s scope, or a 党委会 / 院长办公会 (unit-wide writers)', params: idParam, body: studyInput, response: { 201: created } } },
    async (request, reply) => reply.status(201).send(await addStudy(ctxOf(request), request.params.id, request.body)),
  );

  r.delete(
    '/api/v1/learning/materials/:id/studies/:studyId',
    { config: { access: 'learning.write' }, schema: { tags, summary: 'Remove a study link', params: studyParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeStudy(ctxOf(request), request.params.id, request.params.studyId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/learning/series',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'Study series (碎片时间学党史 …) with the issues published', response: { 200: z.array(seriesOut) } } },
    async (request) => seriesList(ctxOf(request)),
  );

  r.post(
    '/api/v1/learning/series',
    { config: { access: 'learning.write' }, schema: { tags, summary: 'Start a study series of an org', body: seriesInput, response: { 201: created } } },
    async (request, reply) => reply.status(201).send(await createSeries(ctxOf(request), request.body)),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/learning/series/:id', access: 'learning.write', schema: { tags, summary: 'Change a series’ name, description or planned issues; 409 on a stale version', params: idParam, body: seriesInput.omit({ orgId: true }).extend({ version: version() }), response: { 200: created } } }, savedById(changeSeries));

  r.get(
    '/api/v1/learning/first-topics',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'The 第一议题 library of a year: the materials and the meetings that studied them, and which 党委会 opened with one', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: firstTopicsOut } } },
    async (request) => firstTopics(ctxOf(request), request.query.year),
  );

  r.get(
    '/api/v1/learning/notes',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'The caller’s own learning notes (nobody else reads them)', querystring: pageQuery, response: { 200: z.object({ items: z.array(noteOut), total: z.number(), linked: z.boolean() }) } } },
    async (request) => noteList(ctxOf(request), request.query),
  );

  r.post(
    '/api/v1/learning/notes',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'Write a learning note of one’s own', body: noteInput, response: { 201: created } } },
    async (request, reply) => reply.status(201).send(await createNote(ctxOf(request), request.body)),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/learning/notes/:id', access: 'learning.read', schema: { tags, summary: 'Change one’s own note; 409 on a stale version', params: idParam, body: noteInput.extend({ version: version() }), response: { 200: created } } }, savedById(changeNote));

  r.delete(
    '/api/v1/learning/notes/:id',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'Delete one’s own note', params: idParam, querystring: versionQuery, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeNote(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/learning/settings',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'The unit’s kinds of learning material', response: { 200: settingsOut } } },
    async (request) => {
      const { value, version: v } = await learningSettings(ctxOf(request));
      return { ...value, version: v };
    },
  );

  r.put(
    '/api/v1/learning/settings',
    { config: { access: 'settings.manage' }, schema: { tags, summary: 'Save the unit’s kinds of learning material; 409 on a stale version', body: learningSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } } },
    async (request) => {
      const { version: v, ...value } = request.body;
      const saved = await saveLearningSettings(ctxOf(request), value, v);
      return { ...saved.value, version: saved.version };
    },
  );
}
