/** Dues routes: month closes, payments, voluntary extras, corrections, bank statements and the ledger's entries. */
import { DUES_INPUT_LIMITS, IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { id } from '../../lib/fields.js';
import { fileUpload } from '../../lib/multipart.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { cents, day, entryOut, method, month, orgFilter, reference, remark } from './schemas.js';
import { closeMonth, correctEntry, importStatement, importStatementFile, listCloses, listEntries, recordPayments, recordVoluntary } from './service-ledger.js';

/** A bank or WeChat statement sheet (.xlsx) as a form upload; commit=true records it, otherwise a preview. */
const statementWorkbook = fileUpload({ maxBytes: IMPORT_FILE_MAX_BYTES, kinds: ['xlsx', 'xls'], fields: { commit: z.enum(['true', 'false']).default('false') }, description: 'The statement sheet (缴费流水)' });

const statementOut = z.object({
  rows: z.array(z.object({ row: z.number(), memberId: z.number(), name: z.string(), months: z.array(z.object({ month: z.string(), cents: z.number() })), extraCents: z.number() })),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  committed: z.boolean(),
});

const closeOut = z.object({
  id: z.number().nullable(),
  month: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  created: z.number(),
  dueCents: z.number(),
  withoutBase: z.array(z.object({ id: z.number(), name: z.string() })),
});

const closeRowOut = z.object({ id: z.number(), month: z.string(), orgId: z.number(), orgName: z.string(), memberCount: z.number(), dueCents: z.number(), closedBy: z.string(), closedAt: z.string() });

export async function duesCollectionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/dues/months/:month/close',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Close a month: every active member in the org subtree gets the amount due (closing again adds only new members)',
        params: z.object({ month }),
        body: z.strictObject({ orgId: id().optional() }).default({}),
        response: { 201: closeOut },
      },
    },
    async (request, reply) => reply.status(201).send(await closeMonth(ctxOf(request), request.params.month, request.body?.orgId)),
  );

  r.get(
    '/api/v1/dues/months',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Month closes within scope, newest first. A branch also sees the closes of the orgs above it that covered its members, with its own members and amounts only',
        querystring: pageQuery,
        response: { 200: z.object({ items: z.array(closeRowOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      return listCloses(ctxOf(request), { limit: pageSize, offset: (page - 1) * pageSize });
    },
  );

  r.post(
    '/api/v1/dues/payments',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Record a payment for one or more closed months (default: what is outstanding). Back-payment over 6 months is warned.',
        body: z.strictObject({
          memberId: id(),
          months: z.array(month).min(1).max(DUES_INPUT_LIMITS.paymentMaxMonths),
          method,
          paidOn: day,
          amountCents: cents.positive().optional(),
          reference: reference.optional(),
          note: remark.optional(),
        }),
        response: { 201: z.object({ entryIds: z.array(z.number()), totalCents: z.number(), warnings: z.array(z.object({ code: z.string(), message: z.string() })) }) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordPayments(ctxOf(request), request.body)),
  );

  r.post(
    '/api/v1/dues/voluntary',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Record a voluntary extra payment; a one-off ≥1000元 is flagged as going entirely to the Centre',
        body: z.strictObject({ memberId: id(), amountCents: cents.positive(), paidOn: day, method, reference: reference.optional(), note: remark.optional() }),
        response: { 201: z.object({ id: z.number(), toCentre: z.boolean() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordVoluntary(ctxOf(request), request.body)),
  );

  r.post(
    '/api/v1/dues/entries/:id/corrections',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Correct a ledger entry with a new entry referring to it; send the effective amount you saw (409 if it changed)',
        params: idParam,
        body: z.strictObject({ amountCents: cents.min(0), expectedCents: cents, reason: remark.min(1) }),
        response: { 201: z.object({ id: z.number(), correctsId: z.number(), deltaCents: z.number(), effectiveCents: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await correctEntry(ctxOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/v1/dues/statements',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Match a bank/online statement by name and ID number; each amount pays the oldest unpaid months. commit=false previews.',
        body: z.strictObject({
          commit: z.boolean(),
          rows: z
            .array(
              z.strictObject({
                name: z.string().trim().min(1).max(50),
                idNumber: z.string().trim().min(15).max(18),
                amountCents: cents.positive(),
                paidOn: day,
                reference: z.string().max(DUES_INPUT_LIMITS.referenceMaxLength).optional(),
              }),
            )
            .min(1)
            .max(5000),
        }),
        response: { 200: statementOut },
      },
    },
    async (request) => importStatement(ctxOf(request), request.body.rows, request.body.commit),
  );

  r.post(
    '/api/v1/dues/statements/file',
    {
      config: { access: 'dues.write' },
      ...statementWorkbook.route,
      schema: {
        tags: ['dues'],
        summary: 'The same from a statement sheet (a form upload of an .xlsx; columns 姓名, 身份证号码, 金额, 缴纳日期, 流水号; commit=true records). Row numbers are Excel rows.',
        ...statementWorkbook.schema,
        response: { 200: statementOut },
      },
    },
    async (request) => importStatementFile(ctxOf(request), request.body.file.content, request.body.commit === 'true'),
  );

  r.get(
    '/api/v1/dues/entries',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Ledger entries within scope (append-only; corrections refer to the entry they correct)',
        querystring: pageQuery.extend({
          month: month.optional(),
          orgId: orgFilter,
          memberId: z.coerce.number().int().positive().optional(),
          kind: z.enum(['due', 'payment', 'voluntary', 'correction']).optional(),
        }),
        response: { 200: z.object({ items: z.array(entryOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      return listEntries(ctxOf(request), filters, { limit: pageSize, offset: (page - 1) * pageSize });
    },
  );
}
