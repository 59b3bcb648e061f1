/** Decision bodies and their members, topics (议题) with pre-review and files, the unit's decisions settings. */
import { TOPIC_CATEGORIES, TOPIC_STAGES, decisionsSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { bodyInput, bodyOut, prereviewInput, prereviewItemOut, topicDetailOut, topicInput, topicOut } from './schemas.js';
import { bodies, changeBody, changeTopic, createBody, createTopic, readSettings, savePrereview, topicDetail, topicFiles, topicList, writeSettings } from './service.js';

const tags = ['decisions'];
const settingsOut = decisionsSettingsSchema.extend({ version: z.number() });

export async function decisionTopicRoutes(app: FastifyInstance) {

  serviceRoute(
    app,
    { method: 'get', path: '/api/v1/decisions/settings', access: 'decisions.read', schema: { tags, summary: 'The unit’s decisions settings: 大额资金 threshold (分), pre-review checklist, 前置研究 and 党委会-only categories', response: { 200: settingsOut } } },
    async (ctx) => {
      const { value, version: v } = await readSettings(ctx);
      return { ...value, version: v };
    },
  );

  serviceRoute(
    app,
    { method: 'put', path: '/api/v1/decisions/settings', access: 'decisions.write', schema: { tags, summary: 'Save the decisions settings (党办); 409 on a stale version', body: decisionsSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } } },
    async (ctx, { body }) => {
      const { version: v, ...value } = body;
      const saved = await writeSettings(ctx, value, v);
      return { ...saved.value, version: saved.version };
    },
  );

  serviceRoute(app, { method: 'get', path: '/api/v1/decisions/bodies', access: 'decisions.read', schema: { tags, summary: 'The decision bodies (党委会, 院长办公会, 党政联席会议) with their members', response: { 200: z.array(bodyOut) } } }, (ctx) => bodies(ctx));

  serviceRoute(app, { method: 'post', path: '/api/v1/decisions/bodies', access: 'decisions.write', schema: { tags, summary: 'Set up a decision body (党办: 党委会, 院办: 院长办公会, either: joint meeting)', body: bodyInput, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { body }) => ({ id: await createBody(ctx, body) }));

  serviceRoute(app, { method: 'put', path: '/api/v1/decisions/bodies/:id', access: 'decisions.write', schema: { tags, summary: 'Rename a body and save its members in order; 409 on a stale version', params: idParam, body: bodyInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeBody));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/decisions/topics',
      access: 'decisions.read',
      schema: {
        tags,
        summary: 'Topics (议题), newest first',
        querystring: pageQuery.extend({ bodyId: z.coerce.number().int().positive().optional(), category: z.enum(TOPIC_CATEGORIES).optional(), stage: z.enum(TOPIC_STAGES).optional(), q: z.string().trim().max(50).optional() }),
        response: { 200: z.object({ items: z.array(topicOut), total: z.number() }) },
      },
    },
    (ctx, { query }) => {
      const { page, pageSize, ...filter } = query;
      return topicList(ctx, filter, { page, pageSize });
    },
  );

  serviceRoute(app, { method: 'post', path: '/api/v1/decisions/topics', access: 'decisions.write', schema: { tags, summary: 'Submit a topic to a body; its pre-review checklist comes from the unit’s settings', body: topicInput, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { body }) => ({ id: await createTopic(ctx, body) }));

  serviceRoute(app, { method: 'get', path: '/api/v1/decisions/topics/:id', access: 'decisions.read', schema: { tags, summary: 'One topic: pre-review, files, routing (前置研究), hearings, tasks with feedback, evaluation', params: idParam, response: { 200: topicDetailOut } } }, (ctx, { params }) => topicDetail(ctx, params.id));

  serviceRoute(app, { method: 'put', path: '/api/v1/decisions/topics/:id', access: 'decisions.write', schema: { tags, summary: 'Change a topic before it is scheduled; 409 on a stale version', params: idParam, body: topicInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeTopic));

  serviceRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/decisions/topics/:id/prereview',
      access: 'decisions.write',
      schema: {
        tags,
        summary: 'Save the pre-review checklist (done, note); complete, the topic may go on an agenda',
        params: idParam,
        body: prereviewInput,
        response: { 200: z.object({ stage: z.enum(TOPIC_STAGES), prereview: z.array(prereviewItemOut), prereviewMissing: z.array(z.string()) }) },
      },
    },
    (ctx, { params, body }) => savePrereview(ctx, params.id, body.version, body.items),
  );

  evidenceRoutes(app, {
    path: '/api/v1/decisions/topics/:id/files', params: idParam, ref: (p) => p.id, files: topicFiles, tags, access: { read: 'decisions.read', write: 'decisions.write' }, description: 'A topic’s material (调研报告, 论证意见, 审查意见): PDF, JPEG, PNG, .docx or .xlsx',
    summary: { add: 'Add a topic’s material (form upload, at most 10 MB)', download: 'Download a topic’s material', withdraw: 'Withdraw a topic’s material filed by mistake (content dropped, reason kept): its body’s office, before the topic is decided' },
  });
}
