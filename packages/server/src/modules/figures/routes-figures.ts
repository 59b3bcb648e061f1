/** Departments' business figures: the unit's catalogue, monthly values, import (.xlsx/.csv) with a preview, template and export, a branch's page. */
import { IMPORT_FILE_MAX_BYTES, figureDefinitionInput } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { fileUpload } from '../../lib/multipart.js';
import { idParam } from '../../lib/paging.js';
import { activityOut, departmentOut, figureOut, importOut, valueOut, yearQuery } from './schemas.js';
import { figuresTemplate, figuresWorkbook, importFigures } from './service-import.js';
import { branchFigures, changeFigure, createFigure, figureBranches, figureCatalogue, figureDepartments, figureValues } from './service.js';

const tags = ['figures'];
const figuresSheet = fileUpload({ maxBytes: IMPORT_FILE_MAX_BYTES, kinds: ['xlsx', 'xls', 'csv'], fields: { dryRun: z.enum(['true', 'false']).optional() }, description: 'The figures sheet: 科室, 月份 and one column per figure (or 科室, 月份, 指标, 数值)' });

export async function figureRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/figures/catalogue',
    { config: { access: 'figures.read' }, schema: { tags, summary: 'The unit’s catalogue of business figures (the defaults on first read)', response: { 200: z.array(figureOut) } } },
    async (request) => figureCatalogue(ctxOf(request)),
  );

  r.post(
    '/api/v1/figures/catalogue',
    { config: { access: 'figures.write' }, schema: { tags, summary: 'Add a figure to the catalogue', body: figureDefinitionInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createFigure(ctxOf(request), request.body) }),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/figures/catalogue/:id', access: 'figures.write', schema: { tags, summary: 'Change a figure (name, unit, kind, 国考 code, active); 409 on a stale version', params: idParam, body: figureDefinitionInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeFigure));

  r.get(
    '/api/v1/figures/departments',
    { config: { access: 'figures.read' }, schema: { tags, summary: 'The departments in the caller’s scope (through the orgs bound to them)', response: { 200: z.array(departmentOut) } } },
    async (request) => figureDepartments(ctxOf(request)),
  );

  r.get(
    '/api/v1/figures/values',
    {
      config: { access: 'figures.read' },
      schema: {
        tags,
        summary: 'Monthly values of a year for the departments in scope (or one)',
        querystring: yearQuery.extend({ departmentId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.object({ figures: z.array(figureOut), departments: z.array(z.object({ id: z.number(), name: z.string() })), months: z.array(z.string()), items: z.array(valueOut) }) },
      },
    },
    async (request) => figureValues(ctxOf(request), request.query.year, request.query.departmentId),
  );

  downloadRoute(app, { path: '/api/v1/figures/export', format: 'xlsx', access: 'figures.read', schema: { tags, summary: 'The values of a year as Excel, in the import’s layout', querystring: yearQuery } }, (ctx, { query }) => figuresWorkbook(ctx, query.year));

  downloadRoute(app, { path: '/api/v1/figures/template', format: 'xlsx', access: 'figures.write', schema: { tags, summary: 'The import template: the departments, last month, one column per active figure' } }, (ctx) => figuresTemplate(ctx));

  r.post(
    '/api/v1/figures/import',
    {
      config: { access: 'figures.write' },
      ...figuresSheet.route,
      schema: {
        tags,
        summary: 'Import monthly figures (.xlsx or .csv): every row checked, nothing written when one is wrong (400 naming row and column); a month re-imported replaces that month’s values of the departments in the file; dryRun=true previews',
        ...figuresSheet.schema,
        response: { 200: importOut },
      },
    },
    async (request) => {
      const { errors: _e, ...result } = await importFigures(ctxOf(request), request.body.file, request.body.dryRun === 'true');
      return result;
    },
  );

  r.get(
    '/api/v1/figures/branches',
    { config: { access: 'figures.read' }, schema: { tags, summary: 'The branches in the caller’s scope bound to a department', response: { 200: z.array(z.object({ id: z.number(), name: z.string() })) } } },
    async (request) => figureBranches(ctxOf(request)),
  );

  r.get(
    '/api/v1/figures/branches/:id',
    {
      config: { access: 'figures.read' },
      schema: {
        tags,
        summary: 'A branch’s page: its department’s figures per month and the branch’s party work per month from the records (shown together, not as cause and effect)',
        params: idParam,
        querystring: yearQuery,
        response: {
          200: z.object({
            org: z.object({ id: z.number(), name: z.string() }),
            departments: z.array(z.object({ id: z.number(), name: z.string() })),
            figures: z.array(figureOut),
            months: z.array(z.string()),
            values: z.array(valueOut),
            activity: z.array(activityOut),
          }),
        },
      },
    },
    async (request) => branchFigures(ctxOf(request), request.params.id, request.query.year),
  );
}
