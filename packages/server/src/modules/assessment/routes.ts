/** The yearly assessment (述职评议考核): schemes, the branches' sheets, self-assessment, return, grade, and the documents. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { gradeInput, returnInput, schemeChange, schemeInput, schemeListOut, schemeOut, selfInput, sheetListOut, sheetOut, sheetSaved, versionBody, versionQuery, yearQuery } from './schemas.js';
import { sheetDocument, summaryWorkbook, workReport } from './service-documents.js';
import { changeScheme, createScheme, gradeSheet, publishScheme, removeScheme, returnSheet, saveSelfAssessment, schemeDetail, schemeList, sheetDetail, sheetList } from './service.js';

const tags = ['assessment'];

export async function assessmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(app, { method: 'get', path: '/api/v1/assessment/schemes', access: 'assessment.read', schema: { tags, summary: 'The unit’s assessment schemes (of a year, or all); drafts only for the office', querystring: yearQuery, response: { 200: schemeListOut } } }, (ctx, { query }) => schemeList(ctx, query.year));

  serviceRoute(app, { method: 'post', path: '/api/v1/assessment/schemes', access: 'assessment.grade', schema: { tags, summary: 'Draft a scheme: weighted items (weights total 100) from work-system indicators, measures or manual scoring', body: schemeInput, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { body }) => ({ id: await createScheme(ctx, body) }));

  serviceRoute(app, { method: 'get', path: '/api/v1/assessment/schemes/:id', access: 'assessment.read', schema: { tags, summary: 'A scheme with its items', params: idParam, response: { 200: schemeOut } } }, (ctx, { params }) => schemeDetail(ctx, params.id));

  serviceRoute(app, { method: 'put', path: '/api/v1/assessment/schemes/:id', access: 'assessment.grade', schema: { tags, summary: 'Change a draft scheme; 409 on a stale version', params: idParam, body: schemeChange, response: { 200: z.object({ id: z.number(), version: z.number() }) } } }, (ctx, { params, body }) => changeScheme(ctx, params.id, body));

  r.delete(
    '/api/v1/assessment/schemes/:id',
    { config: { access: 'assessment.grade' }, schema: { tags, summary: 'Delete a draft scheme; 409 on a stale version', params: idParam, querystring: versionQuery } },
    async (request, reply) => {
      await removeScheme(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/assessment/schemes/:id/publish',
      access: 'assessment.grade',
      schema: { tags, summary: 'Publish a draft: a sheet for every branch, its figures filled in from the records', params: idParam, body: versionBody, response: { 200: z.object({ id: z.number(), version: z.number(), sheets: z.number() }) } },
    },
    (ctx, { params, body }) => publishScheme(ctx, params.id, body.version),
  );

  serviceRoute(app, { method: 'get', path: '/api/v1/assessment/schemes/:id/sheets', access: 'assessment.read', schema: { tags, summary: 'The sheets of a scheme in the caller’s scope, with totals and grades', params: idParam, response: { 200: sheetListOut } } }, (ctx, { params }) => sheetList(ctx, params.id));

  downloadRoute(app, { path: '/api/v1/assessment/schemes/:id/summary', format: 'xlsx', access: 'assessment.read', schema: { tags, summary: 'The scheme’s branches as Excel: status, total, suggested grade, grade', params: idParam } }, (ctx, { params }) => summaryWorkbook(ctx, params.id));

  serviceRoute(app, { method: 'get', path: '/api/v1/assessment/sheets/:id', access: 'assessment.read', schema: { tags, summary: 'A branch’s sheet: each item’s figure from the records with the records behind it, score, total, suggested grade', params: idParam, response: { 200: sheetOut } } }, (ctx, { params }) => sheetDetail(ctx, params.id));

  serviceRoute(app, { method: 'put', path: '/api/v1/assessment/sheets/:id/self', access: 'assessment.write', schema: { tags, summary: 'Save (and with submit, hand in) the branch’s self-assessment; 409 on a stale version', params: idParam, body: selfInput, response: { 200: sheetSaved } } }, (ctx, { params, body }) => saveSelfAssessment(ctx, params.id, body));

  serviceRoute(app, { method: 'post', path: '/api/v1/assessment/sheets/:id/return', access: 'assessment.grade', schema: { tags, summary: 'Return a submitted sheet to the branch with a reason', params: idParam, body: returnInput, response: { 200: sheetSaved } } }, (ctx, { params, body }) => returnSheet(ctx, params.id, body));

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/assessment/sheets/:id/grade',
      access: 'assessment.grade',
      schema: { tags, summary: 'Score the manual items and grade the sheet; a grade other than the suggested needs a reason', params: idParam, body: gradeInput, response: { 200: sheetSaved.extend({ total: z.number(), grade: z.string(), suggestedGrade: z.string() }) } },
    },
    (ctx, { params, body }) => gradeSheet(ctx, params.id, body),
  );

  downloadRoute(app, { path: '/api/v1/assessment/sheets/:id/document', format: 'docx', access: 'assessment.read', schema: { tags, summary: 'The branch’s 考核表 as docx', params: idParam } }, (ctx, { params }) => sheetDocument(ctx, params.id));

  downloadRoute(app, { path: '/api/v1/assessment/sheets/:id/report', format: 'docx', access: 'assessment.read', schema: { tags, summary: 'The branch’s yearly work report as docx: its figures from the records, charts, the records it cites', params: idParam } }, (ctx, { params }) => workReport(ctx, params.id));
}
