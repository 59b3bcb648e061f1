/** Dues routes: the yearly 党费收缴台账 (JSON, Excel, Word) and the branch collection and remittance report. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { category, collectionQuery, ledgerQuery } from './schemas.js';
import { collection, collectionWorkbook, ledger, ledgerDocument, ledgerWorkbook } from './service-reports.js';

const ledgerRowOut = z.object({
  id: z.number(),
  no: z.number(),
  name: z.string(),
  orgName: z.string(),
  category: category.nullable(),
  baseCents: z.number().nullable(),
  rateBasisPoints: z.number().nullable(),
  monthlyCents: z.number().nullable(),
  yearDueCents: z.number(),
  yearPaidCents: z.number(),
  voluntaryCents: z.number(),
  toCentreCents: z.number(),
});

const collectionRowOut = z.object({
  id: z.number(),
  orgName: z.string(),
  parentName: z.string().nullable(),
  memberCount: z.number(),
  dueCents: z.number(),
  paidCents: z.number(),
  voluntaryCents: z.number(),
  toCentreCents: z.number(),
  remitCents: z.number(),
});

export async function duesReportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/dues/ledger',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Yearly dues ledger (党费收缴台账): base, rate, monthly, due and paid in the year, per member',
        querystring: ledgerQuery,
        response: { 200: z.object({ items: z.array(ledgerRowOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { items, total } = await ledger(ctxOf(request), request.query);
      return { items, total };
    },
  );

  downloadRoute(app, { path: '/api/v1/dues/ledger/export', format: 'xlsx', access: 'dues.read', schema: { tags: ['dues'], summary: 'The yearly ledger as the 党费收缴台账 sheet (formats.md)', querystring: ledgerQuery } }, (ctx, { query }) => ledgerWorkbook(ctx, query));

  downloadRoute(app, { path: '/api/v1/dues/ledger/docx', format: 'docx', access: 'dues.read', schema: { tags: ['dues'], summary: 'The yearly ledger as the 党费收缴台账 Word document (landscape A4, totals, 制表人/制表日期)', querystring: ledgerQuery } }, (ctx, { query }) => ledgerDocument(ctx, query));

  r.get(
    '/api/v1/dues/reports/collection',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Branch collection for a month or a year: due, paid, voluntary, to the Centre, and what to remit to the level above',
        querystring: collectionQuery,
        response: { 200: z.object({ items: z.array(collectionRowOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { items, total } = await collection(ctxOf(request), request.query);
      return { items, total };
    },
  );

  downloadRoute(app, { path: '/api/v1/dues/reports/collection/export', format: 'xlsx', access: 'dues.read', schema: { tags: ['dues'], summary: 'Branch collection and remittance sheet', querystring: collectionQuery } }, (ctx, { query }) => collectionWorkbook(ctx, query));
}
