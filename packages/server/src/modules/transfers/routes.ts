/** Membership transfers (组织关系转接): the list and its export, moves in, out and within the unit, the letter and its 回执. */
import { LETTER_VALID_DAYS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downloadRoute } from '../../lib/download-routes.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { recordTransferReceipt, transferIn, transferInternal, transferLetter, transferOut, transferPage, transfersWorkbook } from './service.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const transferItem = z.object({
  id: z.number(),
  kind: z.enum(['internal', 'out', 'in']),
  memberId: z.number(),
  memberName: z.string(),
  idNumber: z.string(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  effectiveOn: z.string(),
  letterNo: z.string(),
  paidThrough: z.string().nullable(),
  receiptDueOn: z.string().nullable(),
  receiptReceivedOn: z.string().nullable(),
  receiptOverdue: z.boolean(),
  notes: z.string(),
  version: z.number(),
});

const listFilters = z.object({
  kind: z.enum(['internal', 'out', 'in']).optional(),
  receipt: z.enum(['pending', 'overdue', 'received']).optional(),
  q: z.string().trim().max(50).optional(),
});

export async function transferRoutes(app: FastifyInstance) {
  serviceRoute(
    app,
    { method: 'get', path: '/api/v1/transfers', access: 'members.read', schema: { tags: ['transfers'], summary: 'Transfers (组织关系转接) touching the caller’s scope; receipt=overdue lists letters whose 回执 has not come back within a month', querystring: pageQuery.extend(listFilters.shape), response: { 200: z.object({ items: z.array(transferItem), total: z.number(), overdueReceipts: z.number() }) } } },
    (ctx, { query }) => {
      const { page, pageSize, ...filters } = query;
      return transferPage(ctx, filters, { page, pageSize });
    },
  );

  downloadRoute(app, { path: '/api/v1/transfers/export', format: 'xlsx', access: 'members.read', schema: { tags: ['transfers'], summary: 'The filtered transfer list as Excel', querystring: listFilters } }, (ctx, { query }) => transfersWorkbook(ctx, query));

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/transfers/internal',
      access: 'members.write',
      schema: {
        tags: ['transfers'],
        summary: 'Move a member to another branch of the unit from an effective date; the branch history keeps both periods so earlier dues and meetings stay with the old branch',
        body: z.object({ memberId: z.number().int().positive(), toOrgId: z.number().int().positive(), effectiveOn: date, notes: z.string().trim().max(500).default('') }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (ctx, { body }) => ({ id: await transferInternal(ctx, body) }),
  );

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/transfers/out',
      access: 'members.write',
      schema: {
        tags: ['transfers'],
        summary: 'Transfer a member out of the unit: issues the three-part letter (number, 党费已交到 from the dues ledger) and starts the one-month receipt watch',
        body: z.object({
          memberId: z.number().int().positive(),
          toOrgName: z.string().trim().min(2).max(100),
          effectiveOn: date,
          letterNo: z.string().trim().max(30).optional(),
          validDays: z.number().int().min(LETTER_VALID_DAYS.min).max(LETTER_VALID_DAYS.max).optional(),
          notes: z.string().trim().max(500).default(''),
        }),
        response: { 201: z.object({ id: z.number(), letterNo: z.string(), paidThrough: z.string().nullable(), receiptDueOn: z.string() }) },
      },
    },
    (ctx, { body }) => transferOut(ctx, body),
  );

  downloadRoute(app, { path: '/api/v1/transfers/:id/letter', format: 'docx', access: 'members.write', schema: { tags: ['transfers'], summary: 'The three-part letter (存根 / 介绍信 / 回执) as docx', params: idParam } }, (ctx, { params }) => transferLetter(ctx, params.id));

  serviceRoute(app, { method: 'post', path: '/api/v1/transfers/:id/receipt', access: 'members.write', schema: { tags: ['transfers'], summary: 'Record that the 回执 came back (send the version you read)', params: idParam, body: z.object({ version: z.number().int().positive(), receivedOn: date }), response: { 200: z.object({ id: z.number(), version: z.number() }) } } }, (ctx, { params, body }) => recordTransferReceipt(ctx, params.id, body));

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/transfers/in',
      access: 'members.write',
      schema: {
        tags: ['transfers'],
        summary: 'Register a member arriving with a letter (linked by its number) into a branch in scope; a member who left earlier is re-activated',
        body: z.object({
          name: z.string().trim().min(1).max(50),
          idNumber: z.string().trim().min(1).max(20),
          category: z.enum(['full', 'probationary']),
          joinedOn: date,
          fullOn: date.nullable().optional(),
          ethnicity: z.string().trim().max(20).default('汉族'),
          phone: z.string().trim().regex(/^[\d+\- ]{0,20}$/).default(''),
          toOrgId: z.number().int().positive(),
          fromOrgName: z.string().trim().min(2).max(100),
          letterNo: z.string().trim().min(1).max(30),
          effectiveOn: date,
          departmentId: z.number().int().positive().nullable().optional(),
        }),
        response: { 201: z.object({ id: z.number(), memberId: z.number() }) },
      },
    },
    (ctx, { body }) => transferIn(ctx, body),
  );
}
