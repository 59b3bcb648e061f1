/** The unit's organisational-life settings (the regulation's values as defaults). */
import { orglifeSettingsSchema, ruleSettingsOverridesSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { int4 } from '../../lib/fields.js';
import { orglifeSettings, saveOrglifeSettings } from './service.js';

const tags = ['orglife'];
const settingsOut = z.object({
  version: z.number(),
  ruleOverrides: z.record(z.string(), z.unknown()),
  rules: z.object({ branchSecretaryLectureRequired: z.boolean(), themePartyDayOfMonth: z.number().nullable(), meetingFrequencies: z.record(z.string(), z.object({ period: z.string(), minCount: z.number() })) }),
  dueSoonDays: z.object({ month: z.number(), quarter: z.number(), year: z.number() }),
  sceneTags: z.array(z.string()),
});

export function settingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orglife/settings',
    { config: { access: 'orglife.read' }, schema: { tags, summary: 'The unit’s settings for organisational life (regulation values as defaults)', response: { 200: settingsOut } } },
    async (request) => orglifeSettings(ctxOf(request)),
  );

  r.put(
    '/api/v1/orglife/settings',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Change the unit’s settings (organisation office only); optimistic concurrency',
        body: z.object({
          version: int4().min(0),
          ruleOverrides: ruleSettingsOverridesSchema.pick({ meetingFrequencies: true, branchSecretaryLectureRequired: true, themePartyDayOfMonth: true }),
          dueSoonDays: orglifeSettingsSchema.shape.dueSoonDays,
          sceneTags: orglifeSettingsSchema.shape.sceneTags,
        }),
        response: { 200: settingsOut },
      },
    },
    async (request) => saveOrglifeSettings(ctxOf(request), request.body),
  );
}
