/** Meetings of the decision bodies: attendance, agenda, the decision on each topic, the 会议纪要 (docx). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { id } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { attendanceInput, decisionInput, meetingDetailOut, meetingInput, meetingOut } from './schemas.js';
import { addToAgenda, createMeeting, decide, meetingDetail, meetingList, minutesDocx, saveMeetingAttendance } from './service-meetings.js';

const tags = ['decisions'];

export async function decisionMeetingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/decisions/meetings',
    {
      config: { access: 'decisions.read' },
      schema: {
        tags,
        summary: 'Meetings of the decision bodies, newest first',
        querystring: pageQuery.extend({ bodyId: z.coerce.number().int().positive().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.object({ items: z.array(meetingOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return meetingList(ctxOf(request), filter, { page, pageSize });
    },
  );

  r.post(
    '/api/v1/decisions/meetings',
    { config: { access: 'decisions.write' }, schema: { tags, summary: 'Record a meeting of a body (date, number, 第一议题 study)', body: meetingInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createMeeting(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/decisions/meetings/:id',
    { config: { access: 'decisions.read' }, schema: { tags, summary: 'One meeting: members, attendance, agenda with decisions and the quorum each topic needs', params: idParam, response: { 200: meetingDetailOut } } },
    async (request) => meetingDetail(ctxOf(request), request.params.id),
  );

  r.put(
    '/api/v1/decisions/meetings/:id/attendance',
    { config: { access: 'decisions.write' }, schema: { tags, summary: 'Save attendance per member (an absence needs its reason); 409 on a stale version', params: idParam, body: attendanceInput, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      await saveMeetingAttendance(ctxOf(request), request.params.id, request.body.version, request.body.members);
      return { id: request.params.id };
    },
  );

  r.post(
    '/api/v1/decisions/meetings/:id/agenda',
    {
      config: { access: 'decisions.write' },
      schema: { tags, summary: 'Put a topic on the agenda: its pre-review complete, its routing allowed (a 三重一大 topic reaches the 院长办公会 only after the 党委会)', params: idParam, body: z.object({ topicId: id() }), response: { 201: z.object({ id: z.number() }) } },
    },
    async (request, reply) => reply.status(201).send({ id: await addToAgenda(ctxOf(request), request.params.id, request.body.topicId) }),
  );

  r.put(
    '/api/v1/decisions/meetings/:id/agenda/:itemId',
    {
      config: { access: 'decisions.write' },
      schema: {
        tags,
        summary: 'Record the decision on a topic: quorum (two thirds for cadre topics), votes against the members due (党委会) or the president’s decision with views (院长办公会), recusals',
        params: idParam.extend({ itemId: z.coerce.number().int().positive() }),
        body: decisionInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const { version: v, ...input } = request.body;
      await decide(ctxOf(request), request.params.id, request.params.itemId, v, input);
      return { id: request.params.itemId };
    },
  );

  downloadRoute(app, { path: '/api/v1/decisions/meetings/:id/minutes', format: 'docx', access: 'decisions.read', schema: { tags, summary: 'The 会议纪要 of a meeting (Word)', params: idParam } }, (ctx, { params }) => minutesDocx(ctx, params.id));
}
