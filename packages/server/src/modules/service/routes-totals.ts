/** Service totals (per person, organiser, 党委, year) and their Excel sheet, a member's own service, and the unit's lists. */
import { serviceSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { figuresOut, totalsOut, totalsQuery } from './schemas.js';
import { myService, serviceTotals, totalsWorkbook } from './service-totals.js';
import { saveServiceSettings, serviceSettings } from './service.js';

const tags = ['service'];
const settingsOut = serviceSettingsSchema.extend({ version: z.number() });

export async function serviceTotalsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/service/totals',
    {
      config: { access: 'service.read' },
      schema: { tags, summary: 'Totals per person (by name, never ranked), organiser, 党委 or year: events, person-times, hours, people served, trainees, class hours', querystring: totalsQuery, response: { 200: totalsOut } },
    },
    async (request) => serviceTotals(ctxOf(request), request.query),
  );

  downloadRoute(app, { path: '/api/v1/service/totals/export', format: 'xlsx', access: 'service.read', schema: { tags, summary: 'The same totals as an Excel sheet', querystring: totalsQuery } }, (ctx, { query }) => totalsWorkbook(ctx, query));

  r.get(
    '/api/v1/service/my',
    {
      config: { access: 'service.read' },
      schema: {
        tags,
        summary: 'The caller’s own service (the phone page): this year, all time, the events newest first',
        response: {
          200: z.object({
            linked: z.boolean(),
            year: z.number(),
            thisYear: figuresOut,
            allTime: figuresOut,
            events: z.array(z.object({ id: z.number(), title: z.string(), kind: z.string(), heldOn: z.string(), orgName: z.string(), seriesName: z.string().nullable(), issueNo: z.number().nullable(), hours: z.number() })),
          }),
        },
      },
    },
    async (request) => myService(ctxOf(request)),
  );

  r.get(
    '/api/v1/service/settings',
    { config: { access: 'service.read' }, schema: { tags, summary: 'The unit’s lists: event kinds, place types (五进), regions', response: { 200: settingsOut } } },
    async (request) => {
      const { value, version: v } = await serviceSettings(ctxOf(request));
      return { ...value, version: v };
    },
  );

  r.put(
    '/api/v1/service/settings',
    {
      config: { access: 'settings.manage' },
      schema: { tags, summary: 'Save the unit’s lists (the version read; 0 before the first save); 409 on a stale one', body: serviceSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } },
    },
    async (request) => {
      const { version: v, ...value } = request.body;
      const saved = await saveServiceSettings(ctxOf(request), value, v);
      return { ...saved.value, version: saved.version };
    },
  );
}
