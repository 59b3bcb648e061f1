import { MEETING_KINDS, dashboardSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { version } from '../../lib/fields.js';
import { OVERVIEW_CARDS, dashboardSettings, memberHome, overview, saveDashboardSettings } from './service-overview.js';

const card = z.object({
  key: z.enum(OVERVIEW_CARDS),
  group: z.enum(['due', 'year']),
  value: z.number(),
  of: z.number().nullable(),
  unit: z.enum(['count', 'percent', 'hours', 'days']),
  href: z.string(),
  series: z.array(z.object({ name: z.string(), value: z.number() })),
  byCampus: z.array(z.object({ name: z.string(), value: z.number(), of: z.number() })),
});

export async function dashboardOverviewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/dashboard/overview',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: 'The overview of the caller’s scope: this month’s due items and the year’s figures, one card per area the caller may read, each with the page listing its records',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: {
          200: z.object({
            year: z.number(),
            month: z.string(),
            cards: z.array(card),
            frameworks: z.array(z.object({ frameworkId: z.number(), name: z.string(), adoptionId: z.number(), orgName: z.string(), progress: z.number().nullable(), indicators: z.number() })),
            comparison: z.object({ rows: z.array(z.object({ orgId: z.number(), orgName: z.string(), monthsMet: z.number(), monthsMissed: z.number(), members: z.number().nullable(), duesRate: z.number().nullable() })) }).nullable(),
          }),
        },
      },
    },
    async (request) => overview(ctxOf(request), request.query.year),
  );
  const settingsOut = dashboardSettingsSchema.extend({ version: z.number() });
  r.get(
    '/api/v1/dashboard/settings',
    { config: { access: 'dashboard.read' }, schema: { tags: ['dashboard'], summary: 'The overview’s unit settings: whether the 党委 view shows the branches side by side (off by default)', response: { 200: settingsOut } } },
    async (request) => {
      const { value, version: v } = await dashboardSettings(ctxOf(request));
      return { ...value, version: v };
    },
  );
  r.put(
    '/api/v1/dashboard/settings',
    {
      config: { access: 'settings.manage' },
      schema: { tags: ['dashboard'], summary: 'Turn the 党委 view’s branch comparison on or off (unit-wide); 409 on a stale version; audited', body: dashboardSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } },
    },
    async (request) => {
      const { version: v, ...value } = request.body;
      const saved = await saveDashboardSettings(ctxOf(request), value, v);
      return { ...saved.value, version: saved.version };
    },
  );
  r.get(
    '/api/v1/dashboard/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['dashboard'],
        summary: 'A member’s own home: the next meeting planned in their branch, their dues, their development step, their service hours, notes and tasks of the year',
        response: {
          200: z.object({
            year: z.number(),
            nextMeeting: z.object({ id: z.number(), kind: z.enum(MEETING_KINDS), plannedOn: z.string(), title: z.string(), orgName: z.string() }).nullable(),
            dues: z.object({ paidThrough: z.string().nullable(), outstandingCents: z.number(), unpaidMonths: z.number() }).nullable(),
            development: z.object({ status: z.string(), step: z.number(), stage: z.number().nullable() }).nullable(),
            serviceHours: z.number().nullable(),
            notes: z.number().nullable(),
            decisionTasks: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => memberHome(ctxOf(request)),
  );
}
