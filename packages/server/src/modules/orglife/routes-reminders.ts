/** Reminder channels, the delivery log, today's run, and a person's in-app digests and mute switch. */
import { orglifeDigestItemSchema, otherDigestItemSchemas } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import type { Mailer } from '../../lib/mail.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import type { WebhookOptions } from '../../lib/webhook.js';
import { type Poster, RECENT_DIGEST_DAYS } from './reminders.js';
import { orgParam } from './schemas.js';
import { addChannel, channelsOf, deliveries, mute, notifications, removeChannel, runToday } from './service-reminders.js';

const tags = ['orglife'];
const channelKinds = z.enum(['wecom', 'dingtalk', 'email']);
const deliveryStatuses = z.enum(['sent', 'failed', 'queued', 'skipped_muted']);
const channelOut = z.object({ id: z.number(), orgId: z.number(), kind: channelKinds, target: z.string(), active: z.boolean() });

/** A digest item as the in-app view shows it; `type` tells which fields it has (core digest.ts). */
const digestItemOut = z.discriminatedUnion('type', [orglifeDigestItemSchema.extend({ ruleName: z.string(), stateName: z.string() }), ...otherDigestItemSchemas]);

export interface ReminderRouteOptions {
  poster: Poster;
  webhooks: WebhookOptions;
  mailer: Mailer | null;
}

export function reminderRoutes(app: FastifyInstance, { poster, webhooks, mailer }: ReminderRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(app, { method: 'get', path: '/api/v1/orglife/orgs/:orgId/channels', access: 'orglife.read', schema: { tags, summary: 'Where this org’s reminder digests go', params: orgParam, response: { 200: z.array(channelOut) } } }, (ctx, { params }) => channelsOf(ctx, params.orgId));

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/orglife/orgs/:orgId/channels',
      access: 'orglife.write',
      schema: {
        tags,
        summary: 'Add a 企业微信 / 钉钉 group-robot webhook or an e-mail address for this org’s digests',
        params: orgParam,
        body: z.discriminatedUnion('kind', [z.object({ kind: z.enum(['wecom', 'dingtalk']), target: z.url({ protocol: /^https?$/ }).max(500) }), z.object({ kind: z.literal('email'), target: z.email().max(200) })]),
        response: { 201: channelOut },
      },
    },
    (ctx, { params, body }) => addChannel(ctx, params.orgId, body, webhooks),
  );

  r.delete(
    '/api/v1/orglife/channels/:id',
    { config: { access: 'orglife.write' }, schema: { tags, summary: 'Remove a reminder channel', params: idParam } },
    async (request, reply) => {
      await removeChannel(ctxOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orglife/deliveries',
      access: 'orglife.read',
      schema: {
        tags,
        summary: 'Reminder digests sent, failed or waiting (e-mail waits while no mail server is configured), newest first, within scope; mailConfigured tells whether e-mail is sent',
        querystring: pageQuery.extend({ orgId: z.coerce.number().int().positive().optional(), status: deliveryStatuses.optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                /** Unique per row (digest and channel); `id` is the digest's. */
                key: z.string(),
                id: z.number(),
                day: z.string(),
                items: z.number(),
                channelId: z.number(),
                kind: channelKinds,
                target: z.string(),
                orgId: z.number(),
                orgName: z.string(),
                status: deliveryStatuses,
                detail: z.string(),
                at: z.string(),
              }),
            ),
            total: z.number(),
            /** Whether this installation sends e-mail (SMTP_URL); when not, e-mail deliveries stay queued. */
            mailConfigured: z.boolean(),
          }),
        },
      },
    },
    (ctx, { query }) => deliveries(ctx, query, mailer !== null),
  );

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/orglife/reminders/run',
      access: 'orglife.write',
      schema: {
        tags,
        summary: 'Compute and send today’s digests (run daily by the scheduler; a second run the same day sends nothing); with a mail server configured, also sends the e-mails queued earlier (each once)',
        response: { 200: z.object({ digests: z.number(), personal: z.number(), deliveries: z.array(z.object({ channelId: z.number(), kind: z.string(), status: z.string(), detail: z.string() })) }) },
      },
    },
    (ctx) => runToday(ctx, poster, mailer),
  );

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orglife/notifications',
      access: 'authenticated',
      schema: {
        tags,
        summary: `The caller’s in-app reminder digests (orgs within their scope, last ${RECENT_DIGEST_DAYS} days), newest first; empty when muted. Items are typed: orglife (a meeting rule due soon or just missed), transfer_receipt (a transfer letter’s 回执 not back within a month, in the 党委’s digest), org_term (a committee’s term about to expire or just expired), development_due (a development step due soon or just overdue) dues_arrears (a member’s dues unpaid for consecutive months) and project_task_overdue (a front-line project task open past its due date) and decision_task (a decision task due within 7 days or overdue) and contact_followup (a follow-up of a leader’s contact-point visit due within 7 days or overdue); 'own' holds the caller’s own digests (a task’s owner: at most one a day)`,
        response: {
          200: z.object({
            muted: z.boolean(),
            items: z.array(z.object({ id: z.number(), orgId: z.number(), orgName: z.string(), day: z.string(), items: z.array(digestItemOut) })),
            /** The caller's own digests (a decision task's 承办人, a project task's owner, a contact-point follow-up's owner), whatever their role. */
            own: z.array(z.object({ id: z.number(), day: z.string(), items: z.array(digestItemOut) })),
          }),
        },
      },
    },
    (ctx) => notifications(ctx),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/orglife/notifications/mute', access: 'authenticated', schema: { tags, summary: 'Mute or unmute one’s own reminders', body: z.object({ muted: z.boolean() }), response: { 200: z.object({ muted: z.boolean() }) } } }, (ctx, { body }) => mute(ctx, body.muted));
}
