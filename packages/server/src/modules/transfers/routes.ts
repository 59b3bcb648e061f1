/** Membership transfers (组织关系转接): the list and its export, moves in, out and within the unit, the letter and its 回执. */
import { LETTER_VALID_DAYS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { recordTransferReceipt, transferExport, transferIn, transferInternal, transferLetter, transferOut, transferPage } from './service.js';

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
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(
    app,
    { method: 'get', path: '/api/v1/transfers', access: 'members.read', schema: { tags: ['transfers'], summary: 'Transfers (组织关系转接) touching the caller’s scope; receipt=overdue lists letters whose 回执 has not come back within a month', querystring: pageQuery.extend(listFilters.shape), response: { 200: z.object({ items: z.array(transferItem), total: z.number(), overdueReceipts: z.number() }) } } },
    (ctx, { query }) => {
      const { page, pageSize, ...filters } = query;
      return transferPage(ctx, filters, { page, pageSize });
    },
  );

  r.get(
    '/api/v1/transfers/export',
    {
      config: { access: 'members.read' },
      schema: { tags: ['transfers'], summary: 'The filtered transfer list as Excel', querystring: listFilters },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const zh = ctx.language === 'zh-CN';
      const rows = await transferExport(ctx, request.query);
      const kind = { internal: zh ? '内部调整' : 'Internal', out: zh ? '转出' : 'Out', in: zh ? '转入' : 'In' };
      const buffer = await workbookBuffer(
        zh ? '组织关系转接' : 'Transfers',
        [
          { header: zh ? '类型' : 'Kind', width: 10, value: (x) => kind[x.kind] },
          { header: zh ? '介绍信编号' : 'Letter no.', width: 12, value: (x) => x.letterNo },
          { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.memberName },
          { header: zh ? '公民身份号码' : 'ID number', width: 22, value: (x) => x.idNumber },
          { header: zh ? '转出党组织' : 'From', width: 28, value: (x) => x.fromOrgName },
          { header: zh ? '接收党组织' : 'To', width: 28, value: (x) => x.toOrgName },
          { header: zh ? '生效日期' : 'Effective', width: 12, value: (x) => x.effectiveOn },
          { header: zh ? '党费已交到' : 'Dues paid through', width: 12, value: (x) => x.paidThrough },
          { header: zh ? '回执收到日期' : 'Receipt received', width: 12, value: (x) => x.receiptReceivedOn ?? (x.receiptOverdue ? (zh ? '逾期未回' : 'Overdue') : '') },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? '组织关系转接.xlsx' : 'transfers.xlsx', buffer);
    },
  );

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
