/** Dues routes: the calculator, the yearly bases (核定) and the payroll import with the unit's payroll choice. */
import { DUES_BASE_DEDUCTIONS, DUES_PAY_ITEMS, IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { id, int4, version } from '../../lib/fields.js';
import { type UploadedFile, fileUpload } from '../../lib/multipart.js';
import { pageQuery } from '../../lib/paging.js';
import { baseFilters, bodyYear, category, orgFilter, remark, yearOrCurrent } from './schemas.js';
import { commitPayroll, listBases, payrollSettings, previewDues, previewPayroll, savePayrollChoice, setBase, summariseBases } from './service.js';
import { basesWorkbook } from './service-reports.js';

const baseRowOut = z.object({
  id: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  category,
  farmerMonthlyCents: z.number().nullable(),
  memberVersion: z.number(),
  baseId: z.number().nullable(),
  baseYear: z.number().nullable(),
  baseCents: z.number().nullable(),
  rateBasisPoints: z.number().nullable(),
  monthlyCents: z.number().nullable(),
  source: z.string().nullable(),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});

const choiceOut = z.object({ items: z.array(z.enum(DUES_PAY_ITEMS)), deductions: z.array(z.enum(DUES_BASE_DEDUCTIONS)), version: z.number() });

/** A payroll sheet (.xlsx) as a form upload, with the year its bases are for. */
const payrollWorkbook = fileUpload({ maxBytes: IMPORT_FILE_MAX_BYTES, kinds: ['xlsx', 'xls'], fields: { year: z.coerce.number().pipe(bodyYear) }, description: 'The payroll sheet (工资表)' });

const payrollRowOut = z.object({
  row: z.number(),
  name: z.string(),
  idNumber: z.string().nullable(),
  memberId: z.number().nullable(),
  orgName: z.string().nullable(),
  grossCents: z.number(),
  deductionCents: z.number(),
  baseCents: z.number().nullable(),
  rateBasisPoints: z.number().nullable(),
  monthlyCents: z.number().nullable(),
  previousMonthlyCents: z.number().nullable(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** The form's year and file as the service takes them (the file's own name is kept on the import). */
function payrollInput(body: { year: number; file: UploadedFile }) {
  return { year: body.year, fileName: body.file.name, content: body.file.content };
}

export async function duesBaseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/dues/preview',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Monthly dues for a category and base (integer 分): rate in basis points, or null for fixed amounts',
        body: z.strictObject({ category, baseCents: z.number(), farmerMonthlyCents: z.number().nullish() }),
        response: { 200: z.object({ rateBasisPoints: z.number().nullable(), monthlyCents: z.number() }) },
      },
    },
    async (request) => previewDues(ctxOf(request), request.body),
  );

  r.get(
    '/api/v1/dues/bases',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Members in scope with the dues base in force for a year (status: set this year, carried from an earlier year, missing)',
        querystring: pageQuery.extend(baseFilters.shape),
        response: { 200: z.object({ items: z.array(baseRowOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      const { items, total } = await listBases(ctxOf(request), filters, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items, total: total ?? items.length };
    },
  );

  r.get(
    '/api/v1/dues/bases/summary',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'How many active members in scope have a base for the year, carry one from an earlier year, or have none although their category needs one (the month close charges them nothing)',
        querystring: z.object({ year: yearOrCurrent, orgId: orgFilter }),
        response: { 200: z.object({ year: z.number(), members: z.number(), set: z.number(), carried: z.number(), missing: z.number() }) },
      },
    },
    async (request) => summariseBases(ctxOf(request), request.query),
  );

  downloadRoute(app, { path: '/api/v1/dues/bases/export', format: 'xlsx', access: 'dues.read', schema: { tags: ['dues'], summary: 'Export the bases as the self-check sheet (姓名, 身份证号码, 类别, 基数, 每月应交党费)', querystring: baseFilters } }, (ctx, { query }) => basesWorkbook(ctx, query));

  r.post(
    '/api/v1/dues/bases',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Set (核定) a member’s dues category and base for a year; memberVersion guards against concurrent edits (409)',
        body: z.strictObject({
          memberId: id(),
          memberVersion: version(),
          year: bodyYear,
          category,
          baseCents: z.number(),
          farmerMonthlyCents: z.number().nullish(),
          note: remark.optional(),
        }),
        response: { 201: z.object({ id: z.number(), monthlyCents: z.number(), rateBasisPoints: z.number().nullable(), memberVersion: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await setBase(ctxOf(request), request.body)),
  );

  // -------------------------------------------------------------------------------------
  // Payroll import

  r.get(
    '/api/v1/dues/payroll/settings',
    {
      config: { access: 'dues.read' },
      schema: { tags: ['dues'], summary: 'Which pay items count in the base and which deductions apply (the unit chooses once)', response: { 200: choiceOut } },
    },
    async (request) => payrollSettings(ctxOf(request)),
  );

  r.put(
    '/api/v1/dues/payroll/settings',
    {
      // Unit-wide: a branch secretary's dues.write does not reach it.
      config: { access: 'settings.manage' },
      schema: {
        tags: ['dues'],
        summary: 'Change the payroll items and deductions (send the version you read; 409 on conflict)',
        body: z.strictObject({ items: z.array(z.enum(DUES_PAY_ITEMS)).max(10), deductions: z.array(z.enum(DUES_BASE_DEDUCTIONS)).max(10), version: int4().min(0) }),
        response: { 200: choiceOut },
      },
    },
    async (request) => savePayrollChoice(ctxOf(request), request.body),
  );

  r.post(
    '/api/v1/dues/payroll/preview',
    {
      config: { access: 'dues.write' },
      ...payrollWorkbook.route,
      schema: {
        tags: ['dues'],
        summary: 'Read a payroll sheet (a form upload of an .xlsx, with the year) and show each row’s base, rate and monthly dues before commit. Row numbers are Excel rows.',
        ...payrollWorkbook.schema,
        response: { 200: z.object({ rows: z.array(payrollRowOut), errorCount: z.number() }) },
      },
    },
    async (request) => previewPayroll(ctxOf(request), payrollInput(request.body)),
  );

  r.post(
    '/api/v1/dues/payroll/commit',
    {
      config: { access: 'dues.write' },
      ...payrollWorkbook.route,
      schema: {
        tags: ['dues'],
        summary: 'Import the payroll sheet (the same form upload): all rows become the year’s bases in one transaction, or nothing does (row-by-row errors)',
        ...payrollWorkbook.schema,
        response: { 201: z.object({ importId: z.number(), count: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await commitPayroll(ctxOf(request), payrollInput(request.body))),
  );
}
