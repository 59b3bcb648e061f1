/** Organisational-life records: list and export, one record, record / replace / delete, minutes, QR attendance, a member's own record. */
import { MEETING_KINDS, QR_CHECKIN_VALID_HOURS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { attendanceRunOut, recordFilters, recordInput, recordListItem, recordOut, yearQuery } from './schemas.js';
import {
  checkinView,
  confirmPresence,
  createRecord,
  listRecords,
  minutesDocument,
  myOrglife,
  openQr,
  recordForCaller,
  recordsWorkbook,
  removeRecord,
  replaceRecord,
} from './service-records.js';

const tags = ['orglife'];
const tokenParam = z.object({ token: z.string().min(8).max(64) });
const checkinOut = z.object({ recordId: z.number(), orgName: z.string(), heldOn: z.string(), place: z.string(), kinds: z.array(z.enum(MEETING_KINDS)), onRoster: z.boolean(), status: z.string().nullable() });

export function recordRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(
    app,
    { method: 'get', path: '/api/v1/orglife/records', access: 'orglife.read', schema: { tags, summary: 'Organisational-life records within the caller’s scope (filters, pages)', querystring: pageQuery.extend(recordFilters.shape), response: { 200: z.object({ items: z.array(recordListItem), total: z.number() }) } } },
    (ctx, { query }) => {
      const { page, pageSize, ...filters } = query;
      return listRecords(ctx, filters, page, pageSize);
    },
  );

  downloadRoute(app, { path: '/api/v1/orglife/records/export', format: 'xlsx', access: 'orglife.read', schema: { tags, summary: 'Excel list of all records in a scope and period', querystring: recordFilters } }, (ctx, { query }) => recordsWorkbook(ctx, query));

  serviceRoute(app, { method: 'get', path: '/api/v1/orglife/records/:id', access: 'orglife.read', schema: { tags, summary: 'One record with attendance, resolutions and review results; canEdit: whether the caller may change it (else it is shown read-only)', params: idParam, response: { 200: recordOut.extend({ canEdit: z.boolean() }) } } }, (ctx, { params }) => recordForCaller(ctx, params.id));

  serviceRoute(app, { method: 'post', path: '/api/v1/orglife/records', access: 'orglife.write', schema: { tags, summary: 'Record a meeting once (several kinds where the rules allow); quorum of the 党员大会 is enforced', body: recordInput, response: { 201: recordOut } } }, (ctx, { body }) => createRecord(ctx, body));

  serviceRoute(
    app,
    { method: 'put', path: '/api/v1/orglife/records/:id', access: 'orglife.write', schema: { tags, summary: 'Replace a record (optimistic concurrency: send the version you read)', params: idParam, body: recordInput.extend({ version: version() }), response: { 200: recordOut } } },
    (ctx, { params, body }) => {
      const { version: read, ...input } = body;
      return replaceRecord(ctx, params.id, input, read);
    },
  );

  r.delete(
    '/api/v1/orglife/records/:id',
    {
      config: { access: 'orglife.write' },
      schema: { tags, summary: 'Delete a record entered by mistake (audited with its content)', params: idParam, querystring: z.object({ version: version({ coerce: true }) }) },
    },
    async (request, reply) => {
      await removeRecord(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );

  downloadRoute(app, { path: '/api/v1/orglife/records/:id/minutes.docx', format: 'docx', access: 'orglife.read', schema: { tags, summary: 'Meeting minutes (会议记录) as Word', params: idParam } }, (ctx, { params }) => minutesDocument(ctx, params.id));

  // Attendance by QR (optional)
  serviceRoute(app, { method: 'post', path: '/api/v1/orglife/records/:id/qr', access: 'orglife.write', schema: { tags, summary: `Open QR attendance for a meeting (valid ${QR_CHECKIN_VALID_HOURS} hours); the secretary can always tick instead`, params: idParam, response: { 200: z.object({ token: z.string(), expiresAt: z.string() }) } } }, (ctx, { params }) => openQr(ctx, params.id));

  serviceRoute(app, { method: 'get', path: '/api/v1/orglife/checkin/:token', access: 'authenticated', schema: { tags, summary: 'The meeting behind a QR code, and the caller’s attendance', params: tokenParam, response: { 200: checkinOut } } }, (ctx, { params }) => checkinView(ctx, params.token));

  serviceRoute(app, { method: 'post', path: '/api/v1/orglife/checkin/:token', access: 'authenticated', schema: { tags, summary: 'Confirm one’s own presence at a meeting (no location, no photo)', params: tokenParam, response: { 200: checkinOut } } }, (ctx, { params }) => confirmPresence(ctx, params.token));

  // A member's own record
  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orglife/my',
      access: 'authenticated',
      schema: {
        tags,
        summary: 'The caller’s own organisational life: meetings with their attendance, and months since the last',
        querystring: yearQuery,
        response: {
          200: z.object({
            memberId: z.number().nullable(),
            lapse: attendanceRunOut.nullable(),
            items: z.array(z.object({ id: z.number(), orgName: z.string(), kinds: z.array(z.enum(MEETING_KINDS)), heldOn: z.string(), place: z.string(), status: z.enum(['present', 'excused', 'absent']), reason: z.string(), topic: z.string() })),
          }),
        },
      },
    },
    (ctx, { query }) => myOrglife(ctx, query.year),
  );
}
