/** The yearly assessment (述职评议考核): schemes, the branches' sheets, self-assessment, return, grade, and the documents. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { idParam } from '../../lib/paging.js';
import { gradeInput, returnInput, schemeChange, schemeInput, schemeListOut, schemeOut, selfInput, sheetListOut, sheetOut, sheetSaved, versionBody, versionQuery, yearQuery } from './schemas.js';
import { sheetDocument, summaryWorkbook, workReport } from './service-documents.js';
import { changeScheme, createScheme, gradeSheet, publishScheme, removeScheme, returnSheet, saveSelfAssessment, schemeDetail, schemeList, sheetDetail, sheetList } from './service.js';

const tags = ['assessment'];

export async function assessmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/assessment/schemes',
    { config: { access: 'assessment.read' }, schema: { tags, summary: 'The unit’s assessment schemes (of a year, or all); drafts only for the office', querystring: yearQuery, response: { 200: schemeListOut } } },
    async (request) => schemeList(ctxOf(request), request.query.year),
  );

  r.post(
    '/api/v1/assessment/schemes',
    { config: { access: 'assessment.grade' }, schema: { tags, summary: 'Draft a scheme: weighted items (weights total 100) from work-system indicators, measures or manual scoring', body: schemeInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createScheme(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/assessment/schemes/:id',
    { config: { access: 'assessment.read' }, schema: { tags, summary: 'A scheme with its items', params: idParam, response: { 200: schemeOut } } },
    async (request) => schemeDetail(ctxOf(request), request.params.id),
  );

  r.put(
    '/api/v1/assessment/schemes/:id',
    { config: { access: 'assessment.grade' }, schema: { tags, summary: 'Change a draft scheme; 409 on a stale version', params: idParam, body: schemeChange, response: { 200: z.object({ id: z.number(), version: z.number() }) } } },
    async (request) => changeScheme(ctxOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/v1/assessment/schemes/:id',
    { config: { access: 'assessment.grade' }, schema: { tags, summary: 'Delete a draft scheme; 409 on a stale version', params: idParam, querystring: versionQuery } },
    async (request, reply) => {
      await removeScheme(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/assessment/schemes/:id/publish',
    { config: { access: 'assessment.grade' }, schema: { tags, summary: 'Publish a draft: a sheet for every branch, its figures filled in from the records', params: idParam, body: versionBody, response: { 200: z.object({ id: z.number(), version: z.number(), sheets: z.number() }) } } },
    async (request) => publishScheme(ctxOf(request), request.params.id, request.body.version),
  );

  r.get(
    '/api/v1/assessment/schemes/:id/sheets',
    { config: { access: 'assessment.read' }, schema: { tags, summary: 'The sheets of a scheme in the caller’s scope, with totals and grades', params: idParam, response: { 200: sheetListOut } } },
    async (request) => sheetList(ctxOf(request), request.params.id),
  );

  downloadRoute(app, { path: '/api/v1/assessment/schemes/:id/summary', format: 'xlsx', access: 'assessment.read', schema: { tags, summary: 'The scheme’s branches as Excel: status, total, suggested grade, grade', params: idParam } }, (ctx, { params }) => summaryWorkbook(ctx, params.id));

  r.get(
    '/api/v1/assessment/sheets/:id',
    { config: { access: 'assessment.read' }, schema: { tags, summary: 'A branch’s sheet: each item’s figure from the records with the records behind it, score, total, suggested grade', params: idParam, response: { 200: sheetOut } } },
    async (request) => sheetDetail(ctxOf(request), request.params.id),
  );

  r.put(
    '/api/v1/assessment/sheets/:id/self',
    { config: { access: 'assessment.write' }, schema: { tags, summary: 'Save (and with submit, hand in) the branch’s self-assessment; 409 on a stale version', params: idParam, body: selfInput, response: { 200: sheetSaved } } },
    async (request) => saveSelfAssessment(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/v1/assessment/sheets/:id/return',
    { config: { access: 'assessment.grade' }, schema: { tags, summary: 'Return a submitted sheet to the branch with a reason', params: idParam, body: returnInput, response: { 200: sheetSaved } } },
    async (request) => returnSheet(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/v1/assessment/sheets/:id/grade',
    {
      config: { access: 'assessment.grade' },
      schema: { tags, summary: 'Score the manual items and grade the sheet; a grade other than the suggested needs a reason', params: idParam, body: gradeInput, response: { 200: sheetSaved.extend({ total: z.number(), grade: z.string(), suggestedGrade: z.string() }) } },
    },
    async (request) => gradeSheet(ctxOf(request), request.params.id, request.body),
  );

  downloadRoute(app, { path: '/api/v1/assessment/sheets/:id/document', format: 'docx', access: 'assessment.read', schema: { tags, summary: 'The branch’s 考核表 as docx', params: idParam } }, (ctx, { params }) => sheetDocument(ctx, params.id));

  downloadRoute(app, { path: '/api/v1/assessment/sheets/:id/report', format: 'docx', access: 'assessment.read', schema: { tags, summary: 'The branch’s yearly work report as docx: its figures from the records, charts, the records it cites', params: idParam } }, (ctx, { params }) => workReport(ctx, params.id));
}
