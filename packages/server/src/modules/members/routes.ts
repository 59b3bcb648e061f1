import { maskIdNumber, maskPhone } from '@hongyi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { pageQuery } from '../../lib/paging.js';
import { authOf, can, scopeOf } from '../../plugins/access.js';
import { type MemberFilters, memberFilters, memberListQuery } from './repository.js';

const memberOut = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  idNumber: z.string(),
  phone: z.string(),
  category: z.enum(['full', 'probationary']),
  status: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  title: z.string().nullable(),
  education: z.string().nullable(),
  post: z.string(),
  joinedOn: z.string().nullable(),
  birthDate: z.string().nullable(),
});

type MemberRow = Awaited<ReturnType<ReturnType<typeof memberListQuery>['execute']>>[number];

function present(request: FastifyRequest, row: MemberRow) {
  // ID and phone numbers are masked unless the caller's role may see them.
  const sensitive = can(request, 'members.sensitive');
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    idNumber: sensitive ? row.id_number : maskIdNumber(row.id_number),
    phone: sensitive ? row.phone : maskPhone(row.phone),
    category: row.category,
    status: row.status,
    orgId: row.org_id,
    orgName: row.org_name,
    departmentName: row.department_name,
    title: row.title,
    education: row.education,
    post: row.post,
    joinedOn: row.joined_on,
    birthDate: row.birth_date,
  };
}

export async function memberRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/members',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['members'],
        summary: 'List members within the caller’s scope (server-side filters, sorting and pages)',
        querystring: pageQuery.extend(memberFilters.shape),
        response: { 200: z.object({ items: z.array(memberOut), total: z.number() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { page, pageSize, ...filters } = request.query;
      const scope = scopeOf(request, 'members.read');
      const base = memberListQuery(app.db, auth.tenantId, scope, filters as MemberFilters);
      const { total } = await base
        .clearSelect()
        .clearOrderBy()
        .select(sql<number>`count(*)`.as('total'))
        .executeTakeFirstOrThrow();
      const rows = await base.limit(pageSize).offset((page - 1) * pageSize).execute();
      return { items: rows.map((row) => present(request, row)), total: Number(total) };
    },
  );

  r.get(
    '/api/v1/members/export',
    {
      config: { access: 'members.read' },
      schema: { tags: ['members'], summary: 'Export the filtered member list to Excel', querystring: memberFilters },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'members.read');
      const rows = (await memberListQuery(app.db, auth.tenantId, scope, request.query as MemberFilters).limit(200_000).execute()).map((row) =>
        present(request, row),
      );
      const zh = auth.language === 'zh-CN';
      const gender = (g: string) => (g === 'male' ? (zh ? '男' : 'M') : zh ? '女' : 'F');
      const category = (c: string) => (c === 'full' ? (zh ? '正式党员' : 'Full') : zh ? '预备党员' : 'Probationary');
      const buffer = await workbookBuffer(
        zh ? '党员名册' : 'Members',
        [
          { header: zh ? '序号' : 'No.', width: 8, value: (x) => rows.indexOf(x) + 1 },
          { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.name },
          { header: zh ? '性别' : 'Gender', width: 6, value: (x) => gender(x.gender) },
          { header: zh ? '公民身份号码' : 'ID number', width: 22, value: (x) => x.idNumber },
          { header: zh ? '出生日期' : 'Birth date', width: 12, value: (x) => x.birthDate },
          { header: zh ? '学历' : 'Education', width: 12, value: (x) => x.education },
          { header: zh ? '人员类别' : 'Category', width: 10, value: (x) => category(x.category) },
          { header: zh ? '所在党支部' : 'Branch', width: 28, value: (x) => x.orgName },
          { header: zh ? '入党日期' : 'Joined', width: 12, value: (x) => x.joinedOn },
          { header: zh ? '职称' : 'Title', width: 8, value: (x) => x.title },
          { header: zh ? '职务' : 'Post', width: 12, value: (x) => x.post },
          { header: zh ? '科室' : 'Department', width: 16, value: (x) => x.departmentName },
          { header: zh ? '联系电话' : 'Phone', width: 14, value: (x) => x.phone },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? '党员名册.xlsx' : 'members.xlsx', buffer);
    },
  );
}
