/** Service events: list, export, record, read, change, delete; optional photos; the 主题党日 records an event can be held as. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';

import { eventInput, eventListItem, eventOut } from './schemas.js';
import { changeEvent, createEvent, eventDetail, eventList, eventPhotos, removeEvent, themeDayCandidates } from './service.js';

const tags = ['service'];

const listQuery = pageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  kind: z.string().trim().max(30).optional(),
  seriesId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(1950).max(2100).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['heldOn', 'title', 'issueNo']).default('heldOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
const exportQuery = listQuery.omit({ page: true, pageSize: true });

export async function serviceEventRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/service/events',
    {
      config: { access: 'service.read' },
      schema: { tags, summary: 'Service events in the caller’s scope (a member: those they took part in), newest first', querystring: listQuery, response: { 200: z.object({ items: z.array(eventListItem), total: z.number() }) } },
    },
    async (request) => {
      const { page, pageSize, sort, order, ...filter } = request.query;
      const result = await eventList(ctxOf(request), filter, { page, pageSize, sort, order });
      return { items: result.items, total: result.total };
    },
  );

  r.get(
    '/api/v1/service/events/export',
    { config: { access: 'service.read' }, schema: { tags, summary: 'The filtered event list as Excel (up to 10,000 rows)', querystring: exportQuery } },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const { sort, order, ...filter } = request.query;
      const { items } = await eventList(ctx, filter, { page: 1, pageSize: 10_000, sort, order });
      const zh = ctx.language === 'zh-CN';
      const buffer = await workbookBuffer(
        zh ? '服务活动' : 'Service events',
        [
          { header: zh ? '日期' : 'Date', width: 12, value: (e) => e.heldOn },
          { header: zh ? '活动' : 'Event', width: 36, value: (e) => e.title },
          { header: zh ? '类型' : 'Kind', value: (e) => e.kind },
          { header: zh ? '系列/期数' : 'Series / issue', width: 24, value: (e) => (e.seriesName ? `${e.seriesName} ${e.issueNo}` : '') },
          { header: zh ? '组织者' : 'Organiser', width: 28, value: (e) => e.orgName },
          { header: zh ? '地点类型' : 'Place type', value: (e) => e.placeType },
          { header: zh ? '地点' : 'Place', width: 24, value: (e) => e.place },
          { header: zh ? '地区' : 'Region', value: (e) => e.region },
          { header: zh ? '参与人次' : 'Person-times', value: (e) => e.participants },
          { header: zh ? '服务时长（小时）' : 'Hours', value: (e) => e.hours },
          { header: zh ? '服务群众（人次）' : 'People served', value: (e) => e.beneficiaries },
          { header: zh ? '培训人数' : 'Trainees', value: (e) => e.trained },
          { header: zh ? '授课课时' : 'Class hours', value: (e) => e.classHours },
          { header: zh ? '浏览量' : 'Views', value: (e) => e.mediaReach },
        ],
        items,
        { sensitive: ctx.sensitive },
      );
      return sendXlsx(reply, zh ? '服务活动.xlsx' : 'service-events.xlsx', buffer);
    },
  );

  r.get(
    '/api/v1/service/events/:id',
    { config: { access: 'service.read' }, schema: { tags, summary: 'One event with its participants, photos and the 主题党日 record it was held as', params: idParam, response: { 200: eventOut } } },
    async (request) => {
      const { event, photos, orglifeRecord, canEdit } = await eventDetail(ctxOf(request), request.params.id);
      const { orgPath: _path, ...rest } = event;
      return { ...rest, photos, orglifeRecord, canEdit };
    },
  );

  r.post(
    '/api/v1/service/events',
    {
      config: { access: 'service.write' },
      schema: {
        tags,
        summary: 'Record a service event; in a series it takes the next issue number; held as a 主题党日 it links that record (date and organiser come from it)',
        body: eventInput,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createEvent(ctxOf(request), request.body) }),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/service/events/:id', access: 'service.write', schema: { tags, summary: 'Change an event (participants replaced as sent); 409 on a stale version', params: idParam, body: eventInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeEvent));

  r.delete(
    '/api/v1/service/events/:id',
    { config: { access: 'service.write' }, schema: { tags, summary: 'Delete an event (of a series: only the latest issue)', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeEvent(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/service/theme-days',
    {
      config: { access: 'service.write' },
      schema: {
        tags,
        summary: 'An org’s 主题党日 records an event can be held as (eventId: the event already counting it)',
        querystring: z.object({ orgId: z.coerce.number().int().positive() }),
        response: { 200: z.array(z.object({ id: z.number(), heldOn: z.string(), kinds: z.array(z.string()), eventId: z.number().nullable() })) },
      },
    },
    async (request) => themeDayCandidates(ctxOf(request), request.query.orgId),
  );

  // A photo of the event (or a scanned sign-in sheet as PDF).
  evidenceRoutes(app, {
    path: '/api/v1/service/events/:id/photos', params: idParam, fileParam: 'photoId', ref: (p) => p.id, files: eventPhotos, tags, access: { read: 'service.read', write: 'service.write' }, kinds: ['jpg', 'png', 'pdf'],
    summary: { add: 'Add a photo (optional evidence, never required): a form upload, JPEG, PNG or PDF as the bytes show, at most 10 MB', download: 'Download a photo', withdraw: 'Withdraw a photo (its content is dropped, the reason kept)' },
  });
}
