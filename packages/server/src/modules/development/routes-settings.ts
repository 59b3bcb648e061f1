/** The unit's 公示 setting and the (global) holiday calendar the working-day rules count with. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { assertOperator } from '../../plugins/access.js';
import { dayParam, holidayIn, holidayOut, settingsIn, settingsOut, yearIn, yearParam } from './schemas.js';
import { developmentSettings, holidays, removeHoliday, replaceHolidayYear, saveDevelopmentSettings, setHoliday } from './service-settings.js';

const tags = ['development'];

export async function settingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/development/settings',
    {
      config: { access: 'development.read' },
      schema: { tags, summary: 'The unit’s 公示 length before admission (default 5 working days; the 细则 sets none)', response: { 200: settingsOut } },
    },
    async (request) => developmentSettings(ctxOf(request)),
  );

  r.put(
    '/api/v1/development/settings',
    {
      config: { access: 'settings.manage' },
      schema: { tags, summary: 'Change the unit’s 公示 length (organisation office; shares the version of the unit’s rule settings)', body: settingsIn, response: { 200: settingsOut } },
    },
    async (request) => saveDevelopmentSettings(ctxOf(request), request.body.version, request.body.publicNotice),
  );

  // The holiday calendar: one global table (not per tenant) the system administrator keeps.
  r.get(
    '/api/v1/development/holidays',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Public holidays and adjusted working days (调休) of a year', querystring: yearParam, response: { 200: z.object({ items: z.array(holidayOut) }) } },
    },
    async (request) => holidays(ctxOf(request), request.query.year),
  );

  // Who may change it: the table is global (every unit's working days), so besides the system
  // administrator's 'users.manage' the caller must belong to the operating unit (assertOperator).
  r.put(
    '/api/v1/development/holidays/years/:year',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Replace a year’s schedule of public holidays and adjusted working days (e.g. when the State Council publishes next year’s)',
        params: yearParam,
        body: yearIn,
        response: { 200: z.object({ items: z.array(holidayOut) }) },
      },
    },
    async (request) => {
      await assertOperator(request);
      return replaceHolidayYear(ctxOf(request), request.params.year, request.body.days);
    },
  );

  r.put(
    '/api/v1/development/holidays/:day',
    {
      config: { access: 'users.manage' },
      schema: { tags, summary: 'Set a day as public holiday (off) or adjusted working day (work)', params: dayParam, body: holidayIn, response: { 200: holidayOut } },
    },
    async (request) => {
      await assertOperator(request);
      return setHoliday(ctxOf(request), { day: request.params.day, ...request.body });
    },
  );

  r.delete(
    '/api/v1/development/holidays/:day',
    { config: { access: 'users.manage' }, schema: { tags, summary: 'Remove a day from the holiday calendar (it becomes an ordinary day)', params: dayParam } },
    async (request, reply) => {
      await assertOperator(request);
      await removeHoliday(ctxOf(request), request.params.day);
      return reply.status(204).send();
    },
  );
}
