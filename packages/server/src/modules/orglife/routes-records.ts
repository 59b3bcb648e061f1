/** Organisational-life records: list and export, one record, record / replace / delete, minutes, QR attendance, a member's own record. */
import { MEETING_KINDS, QR_CHECKIN_VALID_HOURS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
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

  r.get(
    '/api/v1/orglife/records',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags,
        summary: 'Organisational-life records within the caller’s scope (filters, pages)',
        querystring: pageQuery.extend(recordFilters.shape),
        response: { 200: z.object({ items: z.array(recordListItem), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      return listRecords(ctxOf(request), filters, page, pageSize);
    },
  );

  downloadRoute(app, { path: '/api/v1/orglife/records/export', format: 'xlsx', access: 'orglife.read', schema: { tags, summary: 'Excel list of all records in a scope and period', querystring: recordFilters } }, (ctx, { query }) => recordsWorkbook(ctx, query));

  r.get(
    '/api/v1/orglife/records/:id',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags,
        summary: 'One record with attendance, resolutions and review results; canEdit: whether the caller may change it (else it is shown read-only)',
        params: idParam,
        response: { 200: recordOut.extend({ canEdit: z.boolean() }) },
      },
    },
    async (request) => recordForCaller(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/v1/orglife/records',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags,
        summary: 'Record a meeting once (several kinds where the rules allow); quorum of the 党员大会 is enforced',
        body: recordInput,
        response: { 201: recordOut },
      },
    },
    async (request, reply) => reply.status(201).send(await createRecord(ctxOf(request), request.body)),
  );

  r.put(
    '/api/v1/orglife/records/:id',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags,
        summary: 'Replace a record (optimistic concurrency: send the version you read)',
        params: idParam,
        body: recordInput.extend({ version: version() }),
        response: { 200: recordOut },
      },
    },
    async (request) => {
      const { version: read, ...input } = request.body;
      return replaceRecord(ctxOf(request), request.params.id, input, read);
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
  r.post(
    '/api/v1/orglife/records/:id/qr',
    {
      config: { access: 'orglife.write' },
      schema: { tags, summary: `Open QR attendance for a meeting (valid ${QR_CHECKIN_VALID_HOURS} hours); the secretary can always tick instead`, params: idParam, response: { 200: z.object({ token: z.string(), expiresAt: z.string() }) } },
    },
    async (request) => openQr(ctxOf(request), request.params.id),
  );

  r.get(
    '/api/v1/orglife/checkin/:token',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'The meeting behind a QR code, and the caller’s attendance', params: tokenParam, response: { 200: checkinOut } } },
    async (request) => checkinView(ctxOf(request), request.params.token),
  );

  r.post(
    '/api/v1/orglife/checkin/:token',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Confirm one’s own presence at a meeting (no location, no photo)', params: tokenParam, response: { 200: checkinOut } } },
    async (request) => confirmPresence(ctxOf(request), request.params.token),
  );

  // A member's own record
  r.get(
    '/api/v1/orglife/my',
    {
      config: { access: 'authenticated' },
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
    async (request) => myOrglife(ctxOf(request), request.query.year),
  );
}
