import {
  DEVELOPMENT_ENTRY_KINDS,
  type DataScope,
  type Language,
  developmentProgress,
  isValidDate,
  parseIdNumber,
  scopeCoversPath,
  stepDef,
} from '@hongyi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { version } from '../../lib/fields.js';
import { presentIdNumber, presentPhone, viewerOf } from '../../lib/person.js';
import { assertOperator, authOf, can, scopeOf } from '../../plugins/access.js';
import { auditorOf, writeAudit } from '../../plugins/audit.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { developmentDocx, formText } from './documents.js';
import { developmentExtraRoutes, generatedDocuments, uploadOut, uploadsOf } from './extraRoutes.js';
import { importPipeline, importTemplate } from './import.js';
import { DUE_NAMES, STATUS_NAMES, STEP_NAMES } from './labels.js';
import { memberReadScope, officialEthnicity } from '../members/service.js';
import { FILE_STATUSES, type FileFilters, entriesByFile, fileFilters, fileListQuery } from './repository.js';
import {
  assertNotAMember,
  type EntryInput,
  addEntry,
  assertNoOtherFile,
  correctEntry,
  duesOf,
  effective,
  entriesOf,
  fileInScope,
  fileQuery,
  presentHistory,
  tenantRuleSettings,
  toFacts,
} from './service.js';

const dateString = z.string().refine(isValidDate, { message: 'YYYY-MM-DD' });
const detailsIn = z.strictObject({
  trainingDays: z.number().min(0).max(365).nullable().optional(),
  classHours: z.number().min(0).max(2000).nullable().optional(),
  noticeEnd: dateString.nullable().optional(),
  extensionReason: z.string().trim().max(500).nullable().optional(),
  extensionMonths: z.number().int().min(0).max(24).nullable().optional(),
  reason: z.string().trim().max(500).nullable().optional(),
});
const entryFields = {
  date: dateString,
  peopleIds: z.array(z.number().int().positive()).max(4).default([]),
  details: detailsIn.default({}),
  documents: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  note: z.string().trim().max(2000).default(''),
};
const entryIn = z.object({ version: version(), kind: z.enum(DEVELOPMENT_ENTRY_KINDS), step: z.number().int().min(1).max(25).nullable().default(null), ...entryFields });
const correctionIn = z.object({ version: version(), reason: z.string().trim().min(1).max(500), ...entryFields });

const entryOut = z.object({
  id: z.number(),
  kind: z.enum(DEVELOPMENT_ENTRY_KINDS),
  step: z.number().nullable(),
  date: z.string(),
  actor: z.string(),
  people: z.array(z.object({ memberId: z.number(), name: z.string() })),
  details: z.record(z.string(), z.unknown()),
  documents: z.array(z.string()),
  note: z.string(),
  correctsId: z.number().nullable(),
  correctionReason: z.string(),
  supersededBy: z.number().nullable(),
  imported: z.boolean(),
  warnings: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
  createdByName: z.string(),
  createdAt: z.string(),
});
const dueOut = z.object({ kind: z.string(), date: z.string(), label: z.string() });
const fileSummary = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  idNumber: z.string(),
  birthDate: z.string().nullable(),
  education: z.string().nullable(),
  phone: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  memberId: z.number().nullable(),
  lastStep: z.number(),
  stage: z.number().nullable(),
  status: z.enum(FILE_STATUSES),
  version: z.number(),
});
const fileDetail = fileSummary.extend({
  progress: z.object({
    nextStep: z.number().nullable(),
    stepDates: z.record(z.string(), z.string()),
    reviewDates: z.array(z.string()),
    probationStart: z.string().nullable(),
    probationEnd: z.string().nullable(),
    probationExtensions: z.number(),
    notice: z.object({ start: z.string(), end: z.string() }).nullable(),
  }),
  dues: z.array(dueOut),
  entries: z.array(entryOut),
  /** Uploaded evidence (entryId: the entry it supports) and the documents Hongyi generates. */
  uploads: z.array(uploadOut),
  generated: z.array(z.object({ key: z.string(), title: z.string(), url: z.string(), format: z.enum(['docx', 'text']), step: z.number().nullable() })),
  /** The unit's 公示 setting, for the record form. */
  publicNotice: z.object({ days: z.number(), unit: z.enum(['working_days', 'calendar_days']) }),
  ethnicity: z.string(),
  departmentId: z.number().nullable(),
  canWrite: z.boolean(),
});

interface SummaryRow {
  id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: string | null;
  education: string | null;
  phone: string;
  org_id: number;
  org_name: string;
  department_name: string | null;
  member_id: number | null;
  last_step: number;
  status: (typeof FILE_STATUSES)[number];
  version: number;
}

function summary(request: FastifyRequest, row: SummaryRow) {
  // ID and phone numbers are masked unless the caller's role may see them (lib/person.ts, as in members).
  const viewer = viewerOf(request);
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    idNumber: presentIdNumber(viewer, row.id_number),
    birthDate: row.birth_date === null ? null : String(row.birth_date),
    education: row.education,
    phone: presentPhone(viewer, row.phone),
    orgId: row.org_id,
    orgName: row.org_name,
    departmentName: row.department_name,
    memberId: row.member_id,
    lastStep: row.last_step,
    stage: row.last_step > 0 ? stepDef(row.last_step).stage : null,
    status: row.status,
    version: row.version,
  };
}

async function fileDetailOf(app: FastifyInstance, request: FastifyRequest, scope: DataScope, id: number) {
  const auth = authOf(request);
  const file = await fileInScope(app.db, auth.tenantId, scope, id);
  const rows = await entriesOf(app.db, auth.tenantId, id);
  const progress = developmentProgress(effective(rows).map(toFacts));
  const today = app.today();
  const language = auth.language;
  return {
    ...summary(request, file),
    progress: {
      nextStep: progress.nextStep,
      stepDates: Object.fromEntries(Object.entries(progress.stepDates).map(([k, v]) => [k, v])),
      reviewDates: progress.reviewDates,
      probationStart: progress.probationStart,
      probationEnd: progress.probationEnd,
      probationExtensions: progress.probationExtensions,
      notice: progress.notice,
    },
    dues: duesOf(rows, today, 3650).map((d) => ({ ...d, label: DUE_NAMES[language][d.kind] })),
    entries: presentHistory(rows, language),
    uploads: await uploadsOf(app.db, auth.tenantId, id),
    generated: generatedDocuments(id, progress.stepDates, progress.notice !== null, language),
    publicNotice: (await tenantRuleSettings(app.db, auth.tenantId)).publicNotice,
    ethnicity: file.ethnicity,
    departmentId: file.department_id,
    canWrite: can(request, 'development.write') && scope.kind !== 'self',
  };
}

function statusName(language: Language, status: (typeof FILE_STATUSES)[number]) {
  return STATUS_NAMES[language][status];
}

export async function developmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['development'];
  developmentExtraRoutes(app, { detail: (request, id) => fileDetailOf(app, request, scopeOf(request, 'development.write'), id), detailSchema: fileDetail });

  r.get(
    '/api/v1/development/files',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: 'Development files in the caller’s scope (filters: branch subtree, status, stage, name)',
        querystring: pageQuery.extend(fileFilters.shape),
        response: { 200: z.object({ items: z.array(fileSummary), total: z.number() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { page, pageSize, ...filters } = request.query;
      const base = fileListQuery(app.db, auth.tenantId, scopeOf(request, 'development.read'), filters as FileFilters);
      const { total } = await base.clearSelect().select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
      const rows = await base.orderBy('o.path').orderBy('f.last_step', 'desc').orderBy('f.id').limit(pageSize).offset((page - 1) * pageSize).execute();
      return { items: rows.map((row) => summary(request, row)), total: Number(total) };
    },
  );

  r.get(
    '/api/v1/development/files/export',
    {
      config: { access: 'development.read' },
      schema: { tags, summary: '发展党员工作台账 (Excel): every file in scope with the date of each of the 25 steps', querystring: fileFilters },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const rows = await fileListQuery(app.db, auth.tenantId, scopeOf(request, 'development.read'), request.query as FileFilters)
        .orderBy('o.path')
        .orderBy('f.id')
        .limit(100_000)
        .execute();
      const byFile = await entriesByFile(app.db, auth.tenantId, rows.map((x) => x.id));
      const language = auth.language;
      const zh = language === 'zh-CN';
      const items = rows.map((row) => {
        const history = effective(byFile.get(row.id) ?? []);
        const p = developmentProgress(history.map(toFacts));
        const people = (step: number) =>
          ((history.find((e) => e.kind === 'step' && e.step === step)?.people as { name: string }[] | undefined) ?? []).map((x) => x.name).join('、');
        return { ...summary(request, row), p, mentors: people(5), sponsors: people(9) };
      });
      const buffer = await workbookBuffer(
        zh ? '发展党员工作台账' : 'Development ledger',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (_x, i) => i + 1 },
          { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.name },
          { header: zh ? '性别' : 'Gender', width: 6, value: (x) => (x.gender === 'male' ? (zh ? '男' : 'M') : zh ? '女' : 'F') },
          { header: zh ? '公民身份号码' : 'ID number', width: 20, value: (x) => x.idNumber },
          { header: zh ? '出生日期' : 'Birth date', width: 12, value: (x) => x.birthDate },
          { header: zh ? '学历' : 'Education', width: 10, value: (x) => x.education },
          { header: zh ? '所在党支部' : 'Branch', width: 26, value: (x) => x.orgName },
          { header: zh ? '当前状态' : 'Status', width: 12, value: (x) => statusName(language, x.status) },
          { header: zh ? '培养联系人' : 'Mentors', width: 14, value: (x) => x.mentors },
          { header: zh ? '入党介绍人' : 'Sponsors', width: 14, value: (x) => x.sponsors },
          ...STEP_NAMES[language].map((name, i) => ({
            header: `${i + 1} ${name}`,
            width: 13,
            value: (x: (typeof items)[number]) => x.p.stepDates[i + 1] ?? '',
          })),
          { header: zh ? '预备期满' : 'Probation ends', width: 12, value: (x) => x.p.probationEnd },
        ],
        items,
      );
      await writeAudit(app.db, auditorOf(request), { action: 'export', entityType: 'development_file', entityId: '', summary: `导出发展党员工作台账（${items.length} 人）` });
      return sendXlsx(reply, zh ? '发展党员工作台账.xlsx' : 'development-ledger.xlsx', buffer);
    },
  );

  r.post(
    '/api/v1/development/files',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Open a development file with the application (step 1)',
        body: z.object({
          name: z.string().trim().min(1).max(50),
          idNumber: z.string().trim().min(1).max(18),
          orgId: z.number().int().positive(),
          ethnicity: z.string().trim().min(1).max(20).default('汉族'),
          education: z.string().trim().max(20).nullable().optional(),
          phone: z.string().trim().max(20).default(''),
          departmentId: z.number().int().positive().nullable().optional(),
          appliedOn: dateString,
          documents: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
          note: z.string().trim().max(2000).default(''),
        }),
        response: { 201: fileDetail },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'development.write');
      const body = request.body;
      const parsed = parseIdNumber(body.idNumber);
      if (!parsed.ok) throw new AppError(400, 'DEV_ID_NUMBER_INVALID', {}, [{ path: 'idNumber', message: body.idNumber }]);
      const id = await app.db.transaction().execute(async (trx) => {
        const org = await trx.selectFrom('orgs').select(['id', 'path', 'type']).where('tenant_id', '=', auth.tenantId).where('id', '=', body.orgId).executeTakeFirst();
        if (!org) throw new AppError(400, 'ORG_NOT_FOUND', { id: body.orgId });
        if (!scopeCoversPath(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
        if (!['branch', 'joint_branch', 'temporary_branch', 'general_branch', 'committee'].includes(org.type)) throw new AppError(400, 'DEV_ORG_NOT_BRANCH');
        await assertNoOtherFile(trx, auth.tenantId, parsed.value.idNumber, scope);
        await assertNotAMember(trx, auth.tenantId, parsed.value.idNumber, memberReadScope(request), auth.language);
        const created = await trx
          .insertInto('development_files')
          .values({
            tenant_id: auth.tenantId,
            name: body.name,
            gender: parsed.value.gender,
            id_number: parsed.value.idNumber,
            birth_date: parsed.value.birthDate,
            ethnicity: officialEthnicity(body.ethnicity, auth.language),
            education: body.education ?? null,
            phone: body.phone,
            org_id: org.id,
            department_id: body.departmentId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const file = (await fileQuery(trx, auth.tenantId, created.id))!;
        await writeAudit(trx, auditorOf(request), {
          action: 'create',
          entityType: 'development_file',
          entityId: created.id,
          summary: `建立发展党员档案：${body.name}`,
          after: { name: body.name, orgId: org.id },
        });
        const entry: EntryInput = { kind: 'step', step: 1, date: body.appliedOn, peopleIds: [], details: {}, documents: body.documents, note: body.note };
        await addEntry(trx, auditorOf(request), auth.language, file, 1, entry, app.today());
        return created.id;
      });
      return reply.status(201).send(await fileDetailOf(app, request, scope, id));
    },
  );

  r.get(
    '/api/v1/development/files/:id',
    {
      config: { access: 'development.read' },
      schema: { tags, summary: 'A person’s development file: every entry (corrections and what they replaced), progress and deadlines', params: idParam, response: { 200: fileDetail } },
    },
    async (request) => fileDetailOf(app, request, scopeOf(request, 'development.read'), request.params.id),
  );

  r.post(
    '/api/v1/development/files/:id/entries',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Record a step, a 6-monthly review, a public notice, a probation extension or a failed probation (rules enforced; 409 on a stale version)',
        params: idParam,
        body: entryIn,
        response: { 201: fileDetail },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'development.write');
      const { version, ...input } = request.body;
      if (input.kind === 'step' && input.step === null) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'step', message: 'step' }]);
      await app.db.transaction().execute(async (trx) => {
        const file = await fileInScope(trx, auth.tenantId, scope, request.params.id);
        await addEntry(trx, auditorOf(request), auth.language, file, version, input, app.today());
      });
      return reply.status(201).send(await fileDetailOf(app, request, scope, request.params.id));
    },
  );

  r.post(
    '/api/v1/development/files/:id/entries/:entryId/corrections',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Correct an entry: a new entry with a reason replaces it; both stay in the history',
        params: idParam.extend({ entryId: z.coerce.number().int().positive() }),
        body: correctionIn,
        response: { 201: fileDetail },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'development.write');
      const { version, reason, ...input } = request.body;
      await app.db.transaction().execute(async (trx) => {
        const file = await fileInScope(trx, auth.tenantId, scope, request.params.id);
        await correctEntry(trx, auditorOf(request), auth.language, file, version, request.params.entryId, reason, input, app.today());
      });
      return reply.status(201).send(await fileDetailOf(app, request, scope, request.params.id));
    },
  );

  r.get(
    '/api/v1/development/files/:id/document',
    {
      config: { access: 'development.read' },
      schema: { tags, summary: 'The person’s development file as a Word document (every step, date and the people involved)', params: idParam },
    },
    async (request, reply) => {
      const detail = await fileDetailOf(app, request, scopeOf(request, 'development.read'), request.params.id);
      const language = authOf(request).language;
      const buffer = await developmentDocx(detail, language);
      const name = language === 'zh-CN' ? `发展党员档案-${detail.name}.docx` : `development-file-${detail.id}.docx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buffer);
    },
  );

  r.get(
    '/api/v1/development/files/:id/forms/:form',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: 'A standard form prefilled from the file: 谈话记录 (talk record) or 公示 notice text',
        params: idParam.extend({ form: z.enum(['talk_record', 'notice', 'committee_talk_record']) }),
        response: { 200: z.object({ title: z.string(), text: z.string() }) },
      },
    },
    async (request) => {
      const detail = await fileDetailOf(app, request, scopeOf(request, 'development.read'), request.params.id);
      return formText(detail, request.params.form, authOf(request).language, app.today());
    },
  );

  r.get(
    '/api/v1/development/board',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: 'Pipeline board: people per stage and status for each branch in scope (and totals for the funnel)',
        querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }),
        response: {
          200: z.object({
            stages: z.array(z.number()),
            statuses: z.record(z.string(), z.number()),
            branches: z.array(
              z.object({ id: z.number(), name: z.string(), path: z.string(), total: z.number(), stages: z.array(z.number()), statuses: z.record(z.string(), z.number()) }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'development.read');
      const rows = await fileListQuery(app.db, auth.tenantId, scope, { orgId: request.query.orgId })
        .clearSelect()
        .select(['f.org_id', 'o.name as org_name', 'o.path as org_path', 'f.last_step', 'f.status'])
        .execute();
      const stages = [0, 0, 0, 0, 0];
      const statuses: Record<string, number> = Object.fromEntries(FILE_STATUSES.map((s) => [s, 0]));
      const branches = new Map<number, { id: number; name: string; path: string; total: number; stages: number[]; statuses: Record<string, number> }>();
      for (const row of rows) {
        const b = branches.get(row.org_id) ?? {
          id: row.org_id,
          name: row.org_name,
          path: row.org_path,
          total: 0,
          stages: [0, 0, 0, 0, 0],
          statuses: Object.fromEntries(FILE_STATUSES.map((s) => [s, 0])),
        };
        branches.set(row.org_id, b);
        b.total++;
        statuses[row.status] = (statuses[row.status] ?? 0) + 1;
        b.statuses[row.status] = (b.statuses[row.status] ?? 0) + 1;
        if (row.last_step > 0) {
          const stage = stepDef(row.last_step).stage - 1;
          stages[stage] = (stages[stage] ?? 0) + 1;
          b.stages[stage] = (b.stages[stage] ?? 0) + 1;
        }
      }
      return { stages, statuses, branches: [...branches.values()].sort((a, b) => a.path.localeCompare(b.path)) };
    },
  );

  r.get(
    '/api/v1/development/due',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: 'Due list: talks, 6-monthly reviews, notices ending, approvals near the 3-month limit, probation ending — overdue or within `days`',
        querystring: z.object({ days: z.coerce.number().int().min(0).max(366).default(30), orgId: z.coerce.number().int().positive().optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.number(), fileId: z.number(), name: z.string(), orgName: z.string(), status: z.string(), kind: z.string(), label: z.string(), date: z.string(), overdue: z.boolean() }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'development.read');
      const files = await fileListQuery(app.db, auth.tenantId, scope, { orgId: request.query.orgId })
        .where('f.status', 'not in', ['full', 'disqualified'])
        .orderBy('f.id')
        .execute();
      const today = app.today();
      const byFile = await entriesByFile(app.db, auth.tenantId, files.map((f) => f.id));
      const items = files.flatMap((f) =>
        duesOf(byFile.get(f.id) ?? [], today, request.query.days).map((d) => ({
          id: f.id,
          fileId: f.id,
          name: f.name,
          orgName: f.org_name,
          status: f.status,
          kind: d.kind,
          label: DUE_NAMES[auth.language][d.kind],
          date: d.date,
          overdue: d.date < today,
        })),
      );
      items.sort((a, b) => a.date.localeCompare(b.date) || a.fileId - b.fileId);
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/v1/development/my',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The signed-in member’s own development file, if they joined through one', response: { 200: z.object({ file: fileDetail.nullable() }) } },
    },
    async (request) => {
      const auth = authOf(request);
      if (auth.memberId === null) return { file: null };
      const own = await app.db
        .selectFrom('development_files')
        .select('id')
        .where('tenant_id', '=', auth.tenantId)
        .where('member_id', '=', auth.memberId)
        .executeTakeFirst();
      if (!own) return { file: null };
      return { file: await fileDetailOf(app, request, { kind: 'self', memberId: auth.memberId }, own.id) };
    },
  );

  r.get(
    '/api/v1/development/import/template',
    { config: { access: 'development.write' }, schema: { tags, summary: 'Excel template for importing an existing pipeline' } },
    async (request, reply) => {
      const language = authOf(request).language;
      return sendXlsx(reply, language === 'zh-CN' ? '发展党员导入模板.xlsx' : 'development-import-template.xlsx', await importTemplate(language));
    },
  );

  r.post(
    '/api/v1/development/import',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary:
          'Import an existing pipeline from Excel (base64). All rows or none; row errors block, rule violations in historical dates are kept as warnings to review. dryRun previews.',
        body: z.object({ fileBase64: z.string().min(1).max(1_400_000), dryRun: z.boolean().default(false) }),
        response: {
          200: z.object({
            dryRun: z.boolean(),
            created: z.number(),
            entries: z.number(),
            warnings: z.array(z.object({ row: z.number(), name: z.string(), path: z.string(), message: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return importPipeline(app.db, auditorOf(request), auth.language, scopeOf(request, 'development.write'), request.body.fileBase64, request.body.dryRun, app.today());
    },
  );

  // The holiday calendar: one global table (not per tenant) the system administrator keeps.
  r.get(
    '/api/v1/development/holidays',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Public holidays and adjusted working days (调休) of a year',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: z.object({ items: z.array(z.object({ day: z.string(), kind: z.enum(['off', 'work']), note: z.string() })) }) },
      },
    },
    async (request) => {
      const y = request.query.year;
      const rows = await app.db
        .selectFrom('holidays')
        .selectAll()
        .where('day', '>=', `${y}-01-01`)
        .where('day', '<=', `${y}-12-31`)
        .orderBy('day')
        .execute();
      return { items: rows.map((r) => ({ day: String(r.day).slice(0, 10), kind: r.kind, note: r.note })) };
    },
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
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({
          days: z.array(z.object({ day: dateString, kind: z.enum(['off', 'work']), note: z.string().trim().max(100).default('') })).min(1).max(120),
        }),
        response: { 200: z.object({ items: z.array(z.object({ day: z.string(), kind: z.enum(['off', 'work']), note: z.string() })) }) },
      },
    },
    async (request) => {
      await assertOperator(request);
      const { year } = request.params;
      const days = request.body.days;
      const wrong = days.map((d, i) => ({ d, i })).filter(({ d }) => !d.day.startsWith(`${year}-`));
      if (wrong.length) throw new AppError(400, 'VALIDATION_FAILED', {}, wrong.map(({ d, i }) => ({ path: `body.days[${i}].day`, message: `${d.day} ∉ ${year}` })));
      const seen = new Set<string>();
      const dup = days.map((d, i) => ({ d, i })).filter(({ d }) => (seen.has(d.day) ? true : (seen.add(d.day), false)));
      if (dup.length) throw new AppError(400, 'VALIDATION_FAILED', {}, dup.map(({ d, i }) => ({ path: `body.days[${i}].day`, message: d.day })));
      await app.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('holidays').selectAll().where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).orderBy('day').execute();
        await trx.deleteFrom('holidays').where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).execute();
        await trx.insertInto('holidays').values(days).execute();
        await writeAudit(trx, auditorOf(request), {
          action: 'update',
          entityType: 'holiday',
          entityId: String(year),
          summary: `节假日：${year} 年安排（${days.filter((d) => d.kind === 'off').length} 天放假，${days.filter((d) => d.kind === 'work').length} 天调休上班）`,
          before: before.map((r) => ({ day: String(r.day).slice(0, 10), kind: r.kind, note: r.note })),
          after: days,
        });
      });
      return { items: [...days].sort((a, b) => a.day.localeCompare(b.day)) };
    },
  );

  r.put(
    '/api/v1/development/holidays/:day',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Set a day as public holiday (off) or adjusted working day (work)',
        params: z.object({ day: dateString }),
        body: z.object({ kind: z.enum(['off', 'work']), note: z.string().trim().max(100).default('') }),
        response: { 200: z.object({ day: z.string(), kind: z.enum(['off', 'work']), note: z.string() }) },
      },
    },
    async (request) => {
      await assertOperator(request);
      const { day } = request.params;
      const { kind, note } = request.body;
      await app.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('holidays').selectAll().where('day', '=', day).executeTakeFirst();
        await trx
          .insertInto('holidays')
          .values({ day, kind, note })
          .onConflict((oc) => oc.column('day').doUpdateSet({ kind, note }))
          .execute();
        await writeAudit(trx, auditorOf(request), { action: before ? 'update' : 'create', entityType: 'holiday', entityId: day, summary: `节假日：${day} ${kind}`, before, after: { day, kind, note } });
      });
      return { day, kind, note };
    },
  );

  r.delete(
    '/api/v1/development/holidays/:day',
    {
      config: { access: 'users.manage' },
      schema: { tags, summary: 'Remove a day from the holiday calendar (it becomes an ordinary day)', params: z.object({ day: dateString }) },
    },
    async (request, reply) => {
      await assertOperator(request);
      const { day } = request.params;
      await app.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('holidays').selectAll().where('day', '=', day).executeTakeFirst();
        if (!before) throw notFound('DEV_HOLIDAY_NOT_FOUND', day);
        await trx.deleteFrom('holidays').where('day', '=', day).execute();
        await writeAudit(trx, auditorOf(request), { action: 'delete', entityType: 'holiday', entityId: day, summary: `节假日：删除 ${day}`, before });
      });
      return reply.status(204).send();
    },
  );
}
