/** Numbered series ("急救知识进万家"): list, create, change, the series page with running totals, import of past issues. */
import { IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { sendXlsx } from '../../lib/excel.js';
import { idParam } from '../../lib/paging.js';
import { fileUpload } from '../../lib/multipart.js';
import { eventListItem, figuresOut, seriesInput, seriesOut, seriesUpdate } from './schemas.js';
import { importSeriesIssues, seriesImportTemplate } from './service-import.js';
import { changeSeries, createSeries, seriesList, seriesPage } from './service.js';

/** A list of past issues (.xlsx) as a form upload; dryRun=true only checks it. */
const issuesWorkbook = fileUpload({ maxBytes: IMPORT_FILE_MAX_BYTES, kinds: ['xlsx', 'xls'], fields: { dryRun: z.enum(['true', 'false']).optional() }, description: 'The list of past issues' });

const tags = ['service'];

export async function serviceSeriesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/service/series',
    { config: { access: 'service.read' }, schema: { tags, summary: 'Numbered series in the caller’s scope with their issue counts', response: { 200: z.array(seriesOut) } } },
    async (request) => (await seriesList(ctxOf(request))).map(({ orgPath: _p, ...s }) => s),
  );

  r.post(
    '/api/v1/service/series',
    {
      config: { access: 'service.write' },
      schema: { tags, summary: 'Start a series; lastIssue: the number of the last issue held before it was recorded here (the next follows it)', body: seriesInput, response: { 201: z.object({ id: z.number() }) } },
    },
    async (request, reply) => reply.status(201).send({ id: await createSeries(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/service/series/import-template',
    { config: { access: 'service.write' }, schema: { tags, summary: 'An empty workbook with the import headings' } },
    async (_request, reply) => sendXlsx(reply, '系列活动往期导入模板.xlsx', await seriesImportTemplate()),
  );

  r.get(
    '/api/v1/service/series/:id',
    {
      config: { access: 'service.read' },
      schema: {
        tags,
        summary: 'The series page: every issue in number order with the running totals, and the numbers missing between them',
        params: idParam,
        response: { 200: z.object({ series: seriesOut, issues: z.array(eventListItem.extend({ running: figuresOut })), gaps: z.array(z.number()), total: figuresOut }) },
      },
    },
    async (request) => {
      const { series, issues, gaps } = await seriesPage(ctxOf(request), request.params.id);
      const { orgPath: _p, ...s } = series;
      const presented = issues.map(({ orgPath: _o, figures: _f, ...issue }) => issue);
      const total = issues.at(-1)?.running ?? { events: 0, participations: 0, hours: 0, beneficiaries: 0, trained: 0, classHours: 0, mediaReach: 0 };
      return { series: s, issues: presented, gaps, total };
    },
  );

  r.put(
    '/api/v1/service/series/:id',
    { config: { access: 'service.write' }, schema: { tags, summary: 'Rename or describe a series; 409 on a stale version', params: idParam, body: seriesUpdate, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const { version, ...input } = request.body;
      await changeSeries(ctxOf(request), request.params.id, version, input);
      return { id: request.params.id };
    },
  );

  r.post(
    '/api/v1/service/series/:id/import',
    {
      config: { access: 'service.write' },
      ...issuesWorkbook.route,
      schema: {
        tags,
        summary: 'Import past issues from Excel (a form upload; 期数 and 日期 required): every row checked, all rows land in one transaction or none; dryRun=true only checks',
        params: idParam,
        ...issuesWorkbook.schema,
        response: { 200: z.object({ dryRun: z.boolean(), rows: z.number(), imported: z.number(), first: z.number().nullable(), last: z.number().nullable() }) },
      },
    },
    async (request) => {
      const { errors: _e, ...result } = await importSeriesIssues(ctxOf(request), request.params.id, request.body.file.content, request.body.dryRun === 'true');
      return result;
    },
  );
}
