import { parseIdNumber, scopeCoversPath } from '@hongyi/core';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { version } from '../../lib/fields.js';
import { type PersonViewer, presentField, presentIdNumber, presentPhone, viewerOf } from '../../lib/person.js';
import { authOf, scopeOf } from '../../plugins/access.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { ROSTER_COLUMNS, STATUS_LABELS, STATUS_LABELS_EN } from './fields.js';
import { nameColumns } from './pinyin.js';
import { type MemberFilters, filterOrgOf, memberByIdNumber, memberCountQuery, memberExportQuery, memberFilters, memberListQuery } from './repository.js';
import { readRoster } from './roster.js';
import { actorOf, assertMemberDates, commitRoster, idNumberTakenError, memberInScope, memberReadScope, officialEthnicity, recordChanges, updateMember } from './service.js';
import { structureOf } from './structure.js';

const STATUSES = ['active', 'transferred_out', 'stopped', 'left', 'expelled', 'deceased', 'disqualified'] as const;

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

function present(viewer: PersonViewer, row: MemberRow) {
  // ID and phone numbers are masked unless the caller's role may see them.
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    idNumber: presentIdNumber(viewer, row.id_number),
    phone: presentPhone(viewer, row.phone),
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

const profileOut = memberOut.extend({
  version: z.number(),
  ethnicity: z.string(),
  nativePlace: z.string(),
  degree: z.string().nullable(),
  partyGroupId: z.number().nullable(),
  partyGroupName: z.string().nullable(),
  fullOn: z.string().nullable(),
  workStartedOn: z.string().nullable(),
  jobCategory: z.string().nullable(),
  departmentId: z.number().nullable(),
  campusId: z.number().nullable(),
  campusName: z.string().nullable(),
  address: z.string(),
  lostContact: z.boolean(),
  flowTo: z.string(),
  sponsors: z.string(),
  academicLeader: z.boolean(),
  namePinyin: z.string(),
  posts: z.array(z.object({ orgId: z.number(), orgName: z.string(), post: z.string(), startedOn: z.string().nullable() })),
  orgPeriods: z.array(z.object({ orgId: z.number(), orgName: z.string(), fromOn: z.string(), toOn: z.string().nullable() })),
  transfers: z.array(
    z.object({ id: z.number(), kind: z.string(), fromOrgName: z.string(), toOrgName: z.string(), effectiveOn: z.string(), letterNo: z.string(), receiptReceivedOn: z.string().nullable() }),
  ),
});

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Editable fields (branch changes go through transfers, which keep the branch history). */
const memberEdit = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  gender: z.enum(['male', 'female']).optional(),
  ethnicity: z.string().trim().max(20).optional(),
  nativePlace: z.string().trim().max(50).optional(),
  education: nullableText(20),
  degree: nullableText(20),
  category: z.enum(['full', 'probationary']).optional(),
  status: z.enum(STATUSES).optional(),
  partyGroupId: z.number().int().positive().nullable().optional(),
  joinedOn: date.nullable().optional(),
  fullOn: date.nullable().optional(),
  workStartedOn: date.nullable().optional(),
  jobCategory: nullableText(50),
  post: z.string().trim().max(50).optional(),
  title: z.enum(['正高', '副高', '中级', '初级']).nullable().optional(),
  departmentId: z.number().int().positive().nullable().optional(),
  campusId: z.number().int().positive().nullable().optional(),
  phone: z.string().trim().regex(/^[\d+\- ]{0,20}$/).optional(),
  address: z.string().trim().max(200).optional(),
  lostContact: z.boolean().optional(),
  flowTo: z.string().trim().max(100).optional(),
  sponsors: z.string().trim().max(100).optional(),
  academicLeader: z.boolean().optional(),
});
type MemberEdit = z.infer<typeof memberEdit>;

const COLUMN_OF: Record<keyof MemberEdit, string> = {
  name: 'name',
  gender: 'gender',
  ethnicity: 'ethnicity',
  nativePlace: 'native_place',
  education: 'education',
  degree: 'degree',
  category: 'category',
  status: 'status',
  partyGroupId: 'party_group_id',
  joinedOn: 'joined_on',
  fullOn: 'full_on',
  workStartedOn: 'work_started_on',
  jobCategory: 'job_category',
  post: 'post',
  title: 'title',
  departmentId: 'department_id',
  campusId: 'campus_id',
  phone: 'phone',
  address: 'address',
  lostContact: 'lost_contact',
  flowTo: 'flow_to',
  sponsors: 'sponsors',
  academicLeader: 'academic_leader',
};

function toColumns(edit: MemberEdit): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(edit)) if (v !== undefined) out[COLUMN_OF[k as keyof MemberEdit]] = v;
  return out;
}

const rosterRowOut = z.object({
  row: z.number(),
  name: z.string(),
  idNumber: z.string(),
  orgName: z.string(),
  action: z.enum(['add', 'update', 'unchanged', 'error']),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
const fileBody = z.object({ fileBase64: z.string().min(1).max(30_000_000) });
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

async function rosterWorkbook(zh: boolean, rows: Record<string, string | number | null>[], title?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hongyi';
  const sheet = workbook.addWorksheet(zh ? '党员花名册' : 'Roster', { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
  const columns = [{ header: zh ? '序号' : 'No.', width: 6, key: 'no' }, ...ROSTER_COLUMNS.map((c) => ({ header: zh ? c.zh : c.en, width: c.width, key: c.field }))];
  sheet.columns = columns.map((c) => ({ width: c.width }));
  if (title) {
    sheet.addRow([title]);
    sheet.mergeCells(1, 1, 1, columns.length);
    sheet.getRow(1).font = { bold: true, size: 14 };
  }
  const headerRow = sheet.addRow(columns.map((c) => c.header));
  headerRow.font = { bold: true };
  // ID numbers and phones are text: a number column would lose the last digits.
  const idCol = columns.findIndex((c) => c.key === 'idNumber') + 1;
  const phoneCol = columns.findIndex((c) => c.key === 'phone') + 1;
  sheet.getColumn(idCol).numFmt = '@';
  sheet.getColumn(phoneCol).numFmt = '@';
  rows.forEach((r, i) => sheet.addRow(columns.map((c) => (c.key === 'no' ? i + 1 : (r[c.key] ?? '')))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function memberRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/members',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['members'],
        summary: 'List members within the caller’s scope. q: name, pinyin or initials (zs), ID-number suffix or department; server-side filters, sorting and pages',
        querystring: pageQuery.extend(memberFilters.shape),
        response: { 200: z.object({ items: z.array(memberOut), total: z.number() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { page, pageSize, ...filters } = request.query;
      const scope = scopeOf(request, 'members.read');
      const org = await filterOrgOf(app.db, auth.tenantId, filters.orgId);
      // The count and the page are independent: on PostgreSQL they run on two connections at once.
      const [{ total }, rows] = await Promise.all([
        memberCountQuery(app.db, auth.tenantId, scope, filters as MemberFilters, org).executeTakeFirstOrThrow(),
        memberListQuery(app.db, auth.tenantId, scope, filters as MemberFilters, org)
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
      ]);
      const viewer = viewerOf(request);
      return { items: rows.map((row) => present(viewer, row)), total: Number(total) };
    },
  );

  r.get(
    '/api/v1/members/export',
    {
      config: { access: 'members.read' },
      schema: { tags: ['members'], summary: 'Export the filtered member list to Excel in the roster’s columns (importable again)', querystring: memberFilters },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'members.read');
      const viewer = viewerOf(request);
      const sensitive = viewer.sensitive;
      const rows = await memberExportQuery(app.db, auth.tenantId, scope, request.query as MemberFilters, await filterOrgOf(app.db, auth.tenantId, request.query.orgId))
        .limit(200_000)
        .execute();
      const zh = auth.language === 'zh-CN';
      const [groups, campuses] = await Promise.all([
        app.db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', auth.tenantId).where('type', '=', 'party_group').execute(),
        app.db.selectFrom('campuses').select(['id', 'name']).where('tenant_id', '=', auth.tenantId).execute(),
      ]);
      const groupName = new Map(groups.map((g) => [g.id, g.name]));
      const campusName = new Map(campuses.map((c) => [c.id, c.name]));
      const yes = zh ? '是' : 'Yes';
      const no = zh ? '否' : 'No';
      const out = rows.map((x) => ({
        name: x.name,
        gender: x.gender === 'male' ? (zh ? '男' : 'M') : zh ? '女' : 'F',
        idNumber: presentIdNumber(viewer, x.id_number),
        ethnicity: x.ethnicity,
        nativePlace: x.native_place,
        birthDate: x.birth_date,
        education: x.education,
        degree: x.degree,
        category: x.category === 'full' ? (zh ? '正式党员' : 'Full') : zh ? '预备党员' : 'Probationary',
        orgName: x.org_name,
        groupName: x.party_group_id ? (groupName.get(x.party_group_id) ?? '') : '',
        joinedOn: x.joined_on,
        fullOn: x.full_on,
        workStartedOn: x.work_started_on,
        jobCategory: x.job_category,
        post: x.post,
        title: x.title,
        departmentName: x.department_name,
        campusName: x.campus_id ? (campusName.get(x.campus_id) ?? '') : '',
        phone: presentPhone(viewer, x.phone),
        address: x.address,
        status: (zh ? STATUS_LABELS : STATUS_LABELS_EN)[x.status],
        lostContact: x.lost_contact ? yes : no,
        flowTo: x.flow_to || no,
        sponsors: x.sponsors,
      }));
      const buffer = await rosterWorkbook(zh, out);
      await writeAudit(app.db, actorOf(request), { action: 'export', entityType: 'member', entityId: '', summary: `导出党员名册 ${out.length} 人${sensitive ? '' : '（脱敏）'}` });
      return sendXlsx(reply, zh ? '党员名册.xlsx' : 'members.xlsx', buffer);
    },
  );

  r.get(
    '/api/v1/members/template',
    {
      config: { access: 'members.write' },
      schema: { tags: ['members'], summary: 'Blank roster template (the same columns as the export and the import)' },
    },
    async (request, reply) => {
      const zh = authOf(request).language === 'zh-CN';
      const buffer = await rosterWorkbook(zh, [], zh ? '党员花名册（请从第3行起填写；身份证号请按文本填写）' : 'Member roster (fill in from row 3)');
      return sendXlsx(reply, zh ? '党员花名册模板.xlsx' : 'roster-template.xlsx', buffer);
    },
  );

  r.post(
    '/api/v1/members/import/preview',
    {
      config: { access: 'members.write' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['members'],
        summary: 'Read a roster (.xlsx, base64) and show rows to add, to update (matched by ID number) and errors by row and column; nothing is saved',
        body: fileBody,
        response: {
          200: z.object({ rows: z.array(rosterRowOut), added: z.number(), updated: z.number(), unchanged: z.number(), errorRows: z.number(), errorCount: z.number() }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const rows = await readRoster(app.db, auth.tenantId, scopeOf(request, 'members.write'), request.body.fileBase64, auth.language, viewerOf(request));
      const count = (a: string) => rows.filter((x) => x.action === a).length;
      return {
        rows: rows.map(({ values: _values, memberId: _memberId, existing: _existing, ...rest }) => rest),
        added: count('add'),
        updated: count('update'),
        unchanged: count('unchanged'),
        errorRows: count('error'),
        errorCount: rows.reduce((n, x) => n + x.errors.length, 0),
      };
    },
  );

  r.post(
    '/api/v1/members/import/commit',
    {
      config: { access: 'members.write' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['members'],
        summary: 'Import the roster in one transaction: every row lands or none does (400 with every row’s errors). Re-importing the same file changes nothing',
        body: fileBody,
        response: { 201: z.object({ importId: z.number(), added: z.number(), updated: z.number(), unchanged: z.number() }) },
      },
    },
    async (request, reply) => {
      const result = await commitRoster(app.db, actorOf(request), scopeOf(request, 'members.write'), request.body.fileBase64, app.today(), viewerOf(request));
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/v1/members/structure',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['members'],
        summary: 'Member structure of an org subtree: education, title, age band, gender, job category, years of membership',
        querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      return structureOf(app.db, auth.tenantId, scopeOf(request, 'members.read'), request.query.orgId, app.today(), auth.language);
    },
  );

  r.get(
    '/api/v1/members/structure/export',
    {
      config: { access: 'members.read' },
      schema: { tags: ['members'], summary: 'The member structure report as Excel', querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }) },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const zh = auth.language === 'zh-CN';
      const s = await structureOf(app.db, auth.tenantId, scopeOf(request, 'members.read'), request.query.orgId, app.today(), auth.language);
      const rows = s.dimensions.flatMap((d) => d.items.map((i) => ({ dimension: d.label, label: i.label, count: i.count, share: s.total ? Math.round((i.count / s.total) * 1000) / 10 : 0 })));
      const buffer = await workbookBuffer(
        zh ? '党员结构' : 'Structure',
        [
          { header: zh ? '维度' : 'Dimension', width: 14, value: (x) => x.dimension },
          { header: zh ? '类别' : 'Group', width: 18, value: (x) => x.label },
          { header: zh ? '人数' : 'Members', width: 10, value: (x) => x.count },
          { header: zh ? '占比(%)' : 'Share (%)', width: 10, value: (x) => x.share },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? `党员结构-${s.orgName}.xlsx` : 'member-structure.xlsx', buffer);
    },
  );

  r.get(
    '/api/v1/members/:id',
    {
      config: { access: 'members.read' },
      schema: { tags: ['members'], summary: 'A member’s profile (ID and phone masked unless the role may see them), posts, branch history and transfers', params: idParam, response: { 200: profileOut } },
    },
    async (request) => {
      const auth = authOf(request);
      const m = await memberInScope(app.db, auth.tenantId, scopeOf(request, 'members.read'), request.params.id);
      const t = auth.tenantId;
      const [dep, campus, group, posts, periods, transfers] = await Promise.all([
        m.department_id ? app.db.selectFrom('departments').select('name').where('tenant_id', '=', t).where('id', '=', m.department_id).executeTakeFirst() : undefined,
        m.campus_id ? app.db.selectFrom('campuses').select('name').where('tenant_id', '=', t).where('id', '=', m.campus_id).executeTakeFirst() : undefined,
        m.party_group_id ? app.db.selectFrom('orgs').select('name').where('tenant_id', '=', t).where('id', '=', m.party_group_id).executeTakeFirst() : undefined,
        app.db
          .selectFrom('org_committee_seats as s')
          .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
          .select(['s.org_id', 'o.name', 's.post', 's.started_on'])
          .where('s.tenant_id', '=', t)
          .where('s.member_id', '=', m.id)
          .execute(),
        app.db
          .selectFrom('member_org_periods as p')
          .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
          .select(['p.org_id', 'o.name', 'p.from_on', 'p.to_on'])
          .where('p.tenant_id', '=', t)
          .where('p.member_id', '=', m.id)
          .orderBy('p.from_on')
          .orderBy('p.id')
          .execute(),
        app.db
          .selectFrom('member_transfers')
          .select(['id', 'kind', 'from_org_name', 'to_org_name', 'effective_on', 'letter_no', 'receipt_received_on'])
          .where('tenant_id', '=', t)
          .where('member_id', '=', m.id)
          .orderBy('effective_on')
          .orderBy('id')
          .execute(),
      ]);
      const viewer = viewerOf(request);
      return {
        id: m.id,
        name: m.name,
        gender: m.gender,
        idNumber: presentIdNumber(viewer, m.id_number),
        phone: presentPhone(viewer, m.phone),
        category: m.category,
        status: m.status,
        orgId: m.org_id,
        orgName: m.org_name,
        departmentName: dep?.name ?? null,
        title: m.title,
        education: m.education,
        post: m.post,
        joinedOn: m.joined_on,
        birthDate: m.birth_date,
        version: m.version,
        ethnicity: m.ethnicity,
        nativePlace: m.native_place,
        degree: m.degree,
        partyGroupId: m.party_group_id,
        partyGroupName: group?.name ?? null,
        fullOn: m.full_on,
        workStartedOn: m.work_started_on,
        jobCategory: m.job_category,
        departmentId: m.department_id,
        campusId: m.campus_id,
        campusName: campus?.name ?? null,
        address: m.address,
        lostContact: m.lost_contact,
        flowTo: m.flow_to,
        sponsors: m.sponsors,
        academicLeader: m.academic_leader,
        namePinyin: m.name_pinyin,
        posts: posts.map((p) => ({ orgId: p.org_id, orgName: p.name, post: p.post, startedOn: p.started_on })),
        orgPeriods: periods.map((p) => ({ orgId: p.org_id, orgName: p.name, fromOn: p.from_on, toOn: p.to_on })),
        transfers: transfers.map((x) => ({
          id: x.id,
          kind: x.kind,
          fromOrgName: x.from_org_name,
          toOrgName: x.to_org_name,
          effectiveOn: x.effective_on,
          letterNo: x.letter_no,
          receiptReceivedOn: x.receipt_received_on,
        })),
      };
    },
  );

  r.get(
    '/api/v1/members/:id/history',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['members'],
        summary: 'Change history of a member’s record, per field, newest first (ID and phone values masked unless the role may see them)',
        params: idParam,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.number(), field: z.string(), from: z.string().nullable(), to: z.string().nullable(), source: z.string(), at: z.string(), username: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      await memberInScope(app.db, auth.tenantId, scopeOf(request, 'members.read'), request.params.id);
      const rows = await app.db
        .selectFrom('member_changes')
        .selectAll()
        .where('tenant_id', '=', auth.tenantId)
        .where('member_id', '=', request.params.id)
        .orderBy('id', 'desc')
        .limit(500)
        .execute();
      const viewer = viewerOf(request);
      const mask = (field: string, v: string | null) => presentField(viewer, field, v);
      return {
        items: rows.map((x) => ({
          id: x.id,
          field: x.field,
          from: mask(x.field, x.old_value),
          to: mask(x.field, x.new_value),
          source: x.source,
          at: new Date(x.at).toISOString(),
          username: x.username,
        })),
      };
    },
  );

  r.patch(
    '/api/v1/members/:id',
    {
      config: { access: 'members.write' },
      schema: {
        tags: ['members'],
        summary: 'Edit a member’s record (send the version you read: 409 if someone else changed it). Each changed field is kept in the history',
        params: idParam,
        body: memberEdit.extend({ version: version() }),
        response: { 200: z.object({ id: z.number(), version: z.number() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { version, ...edit } = request.body;
      const columns = toColumns(edit);
      if (typeof columns.ethnicity === 'string') columns.ethnicity = officialEthnicity(columns.ethnicity, actor.language);
      const current = await memberInScope(app.db, actor.tenantId, scopeOf(request, 'members.write'), request.params.id);
      assertMemberDates({ ...current, ...columns } as never, actor.language);
      await updateMember(app.db, actor, scopeOf(request, 'members.write'), request.params.id, { ...columns, version } as never);
      const after = await app.db.selectFrom('members').select('version').where('tenant_id', '=', actor.tenantId).where('id', '=', request.params.id).executeTakeFirstOrThrow();
      return { id: request.params.id, version: after.version };
    },
  );

  r.post(
    '/api/v1/members',
    {
      config: { access: 'members.write' },
      schema: {
        tags: ['members'],
        summary: 'Add one member to a branch in scope (ID number checked: GB 11643 check digit and birth date; gender must match it)',
        body: memberEdit.extend({
          name: z.string().trim().min(1).max(50),
          idNumber: z.string().trim().min(1).max(20),
          category: z.enum(['full', 'probationary']),
          orgId: z.number().int().positive(),
          joinedOn: date,
        }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const scope = scopeOf(request, 'members.write');
      const { idNumber, orgId, ...edit } = request.body;
      const parsed = parseIdNumber(idNumber);
      const fail = (path: string, code: string, params: Record<string, unknown> = {}) => {
        throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path, message: translateDetail(code, actor.language, params) }]);
      };
      if (!parsed.ok) return fail('body.idNumber', `MEMBER_ID_${parsed.problem.toUpperCase()}`);
      if (edit.gender && edit.gender !== parsed.value.gender) fail('body.gender', 'MEMBER_GENDER_MISMATCH');
      const columns: Record<string, unknown> = { ...toColumns(edit), birth_date: parsed.value.birthDate, gender: parsed.value.gender, id_number: parsed.value.idNumber, org_id: orgId };
      if (typeof columns.ethnicity === 'string') columns.ethnicity = officialEthnicity(columns.ethnicity, actor.language);
      assertMemberDates(columns as never, actor.language);
      const id = await app.db.transaction().execute(async (trx) => {
        const org = await trx.selectFrom('orgs').select(['path', 'type', 'dissolved_on']).where('tenant_id', '=', actor.tenantId).where('id', '=', orgId).executeTakeFirst();
        if (!org || org.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id: orgId });
        if (org.type === 'party_group' || org.type === 'temporary_branch') throw new AppError(400, 'MEMBER_ORG_NOT_BRANCH');
        if (!scopeCoversPath(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
        const holder = await memberByIdNumber(trx, actor.tenantId, parsed.value.idNumber);
        if (holder) throw idNumberTakenError(holder, memberReadScope(request), actor.language);
        const row = await trx
          .insertInto('members')
          .values({ tenant_id: actor.tenantId, ...columns, ...nameColumns(edit.name) } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('member_org_periods').values({ tenant_id: actor.tenantId, member_id: row.id, org_id: orgId, from_on: edit.joinedOn }).execute();
        await recordChanges(trx, actor, row.id, null, columns as never, 'edit');
        await writeAudit(trx, actor, { action: 'create', entityType: 'member', entityId: row.id, summary: `新增党员 ${edit.name}`, after: columns });
        return row.id;
      });
      return reply.status(201).send({ id });
    },
  );
}

function translateDetail(code: string, language: 'zh-CN' | 'en-US', params: Record<string, unknown> = {}): string {
  return translate(code, language, params);
}
