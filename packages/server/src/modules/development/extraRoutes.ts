/**
 * Member development, second part: the person's details after the file is opened, evidence
 * uploaded for the steps (stored in the database, downloadable) and the unit's 公示 setting.
 */
import { type Language, parseIdNumber, resolveRuleSettings, ruleSettingsOverridesSchema, scopeCoversPath } from '@hongyi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { idParam } from '../../lib/paging.js';
import { int4, version } from '../../lib/fields.js';
import { UPLOAD_BODY_LIMIT, inspectUpload, presentUpload, sendUpload, uploadOut as upload, uploadFields, uploadRow, withdrawal } from '../../lib/uploads.js';
import { authOf, scopeOf } from '../../plugins/access.js';
import { auditorOf, writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, languageOf, notFound } from '../../plugins/errors.js';
import { memberReadScope, officialEthnicity } from '../members/service.js';
import { assertNoOtherFile, assertNotAMember, fileInScope } from './service.js';
import { loadSettings, saveSettings } from '../settings/service.js';

const BRANCH_TYPES = ['branch', 'joint_branch', 'temporary_branch', 'general_branch', 'committee'];

export const uploadOut = upload.extend({ entryId: z.number().nullable() });

type Db = FastifyInstance['db'] | Transaction<DB>;

/** The documents uploaded to a file (without their content), oldest first. */
export async function uploadsOf(db: Db, tenantId: number, fileId: number) {
  const rows = await db
    .selectFrom('development_documents')
    .select(['id', 'entry_id', 'name', 'content_type', 'size', 'created_by_name', 'created_at', 'withdrawn_at', 'withdrawn_reason'])
    .where('tenant_id', '=', tenantId)
    .where('file_id', '=', fileId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...presentUpload(r), entryId: r.entry_id }));
}

/** Documents Hongyi generates from the file, listed beside the uploaded ones. */
export function generatedDocuments(fileId: number, stepDates: Record<string, string>, hasNotice: boolean, language: Language) {
  const zh = language === 'zh-CN';
  const out: Array<{ key: string; title: string; url: string; format: 'docx' | 'text'; step: number | null }> = [
    { key: 'file', title: zh ? '发展党员档案（Word）' : 'Development file (Word)', url: `/api/v1/development/files/${fileId}/document`, format: 'docx', step: null },
  ];
  if (stepDates['1']) out.push({ key: 'talk_record', title: zh ? '谈话记录（入党申请人）' : 'Talk record (applicant)', url: `/api/v1/development/files/${fileId}/forms/talk_record`, format: 'text', step: 2 });
  if (stepDates['12'] || hasNotice) out.push({ key: 'notice', title: zh ? '公示文本' : 'Public notice text', url: `/api/v1/development/files/${fileId}/forms/notice`, format: 'text', step: 13 });
  if (stepDates['15']) {
    out.push({ key: 'committee_talk_record', title: zh ? '谈话记录（上级党委）' : 'Talk record (higher committee)', url: `/api/v1/development/files/${fileId}/forms/committee_talk_record`, format: 'text', step: 16 });
  }
  return out;
}

export interface ExtraRouteOptions {
  /** The file as GET /files/:id shows it, in the caller's write scope. */
  detail: (request: FastifyRequest, id: number) => Promise<unknown>;
  detailSchema: z.ZodTypeAny;
}

export function developmentExtraRoutes(app: FastifyInstance, options: ExtraRouteOptions): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['development'];

  // ------------------------------------------------------------------ personal details
  r.patch(
    '/api/v1/development/files/:id',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Edit the person’s details after the file is opened (optimistic concurrency: send the version you read; audited)',
        params: idParam,
        body: z.object({
          version: version(),
          name: z.string().trim().min(1).max(50).optional(),
          idNumber: z.string().trim().min(1).max(18).optional(),
          ethnicity: z.string().trim().min(1).max(20).optional(),
          education: z.string().trim().max(20).nullable().optional(),
          phone: z.string().trim().max(20).optional(),
          orgId: z.number().int().positive().optional(),
          departmentId: z.number().int().positive().nullable().optional(),
        }),
        response: { 200: options.detailSchema },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'development.write');
      const { version, ...body } = request.body;
      await app.db.transaction().execute(async (trx) => {
        const file = await fileInScope(trx, auth.tenantId, scope, request.params.id);
        const changes: Record<string, unknown> = {};
        if (body.name !== undefined && body.name !== file.name) changes.name = body.name;
        if (body.ethnicity !== undefined) {
          const ethnicity = officialEthnicity(body.ethnicity, auth.language);
          if (ethnicity !== file.ethnicity) changes.ethnicity = ethnicity;
        }
        if (body.education !== undefined && body.education !== file.education) changes.education = body.education;
        if (body.phone !== undefined && body.phone !== file.phone) changes.phone = body.phone;
        if (body.departmentId !== undefined && body.departmentId !== file.department_id) {
          if (body.departmentId !== null) {
            const dept = await trx.selectFrom('departments').select('id').where('tenant_id', '=', auth.tenantId).where('id', '=', body.departmentId).executeTakeFirst();
            if (!dept) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.departmentId', message: String(body.departmentId) }]);
          }
          changes.department_id = body.departmentId;
        }
        if (body.idNumber !== undefined && body.idNumber.toUpperCase() !== file.id_number) {
          const parsed = parseIdNumber(body.idNumber);
          if (!parsed.ok) throw new AppError(400, 'DEV_ID_NUMBER_INVALID', {}, [{ path: 'body.idNumber', message: body.idNumber }]);
          await assertNoOtherFile(trx, auth.tenantId, parsed.value.idNumber, scope, file.id);
          await assertNotAMember(trx, auth.tenantId, parsed.value.idNumber, memberReadScope(request), auth.language, file.member_id);
          changes.id_number = parsed.value.idNumber;
          changes.gender = parsed.value.gender;
          changes.birth_date = parsed.value.birthDate;
        }
        if (body.orgId !== undefined && body.orgId !== file.org_id) {
          // Moving the file to another branch: both must lie in the caller's scope.
          const org = await trx.selectFrom('orgs').select(['id', 'path', 'type']).where('tenant_id', '=', auth.tenantId).where('id', '=', body.orgId).executeTakeFirst();
          if (!org) throw new AppError(400, 'ORG_NOT_FOUND', { id: body.orgId });
          if (!scopeCoversPath(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
          if (!BRANCH_TYPES.includes(org.type)) throw new AppError(400, 'DEV_ORG_NOT_BRANCH');
          changes.org_id = org.id;
        }
        const res = await trx
          .updateTable('development_files')
          .set({ ...changes, version: version + 1, updated_at: new Date() })
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', file.id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw conflict();
        const before = Object.fromEntries(
          Object.keys(changes).map((k) => [k, (file as unknown as Record<string, unknown>)[k] ?? null]),
        );
        await writeAudit(trx, auditorOf(request), {
          action: 'update',
          entityType: 'development_file',
          entityId: file.id,
          summary: `修改发展党员档案基本信息：${file.name}（${Object.keys(changes).join('、') || '无变化'}）`,
          before,
          after: changes,
        });
      });
      // Validated against the file detail schema by the response serialiser.
      return (await options.detail(request, request.params.id)) as never;
    },
  );

  // ------------------------------------------------------------------ documents
  r.post(
    '/api/v1/development/files/:id/documents',
    {
      config: { access: 'development.write' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Upload a document for a step (optional evidence, never required): PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB, sent as base64',
        params: idParam,
        body: z.object({
          entryId: z.number().int().positive().nullable().default(null),
          ...uploadFields,
        }),
        response: { 201: uploadOut },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'development.write');
      const body = request.body;
      const upload = await inspectUpload(body, languageOf(request));
      const id = await app.db.transaction().execute(async (trx) => {
        const file = await fileInScope(trx, auth.tenantId, scope, request.params.id);
        if (body.entryId !== null) {
          const entry = await trx.selectFrom('development_entries').select('id').where('tenant_id', '=', auth.tenantId).where('file_id', '=', file.id).where('id', '=', body.entryId).executeTakeFirst();
          if (!entry) throw new AppError(400, 'DEV_DOCUMENT_ENTRY_UNKNOWN', { id: body.entryId }, [{ path: 'body.entryId', message: String(body.entryId) }]);
        }
        const auditor = auditorOf(request);
        const row = await trx
          .insertInto('development_documents')
          .values({
            tenant_id: auth.tenantId,
            file_id: file.id,
            entry_id: body.entryId,
            ...uploadRow(upload, auditor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, auditor, {
          action: 'create',
          entityType: 'development_document',
          entityId: row.id,
          summary: `发展党员档案 ${file.name}：上传材料“${upload.name}”（${upload.content.length} 字节）`,
          after: { fileId: file.id, entryId: body.entryId, name: upload.name, size: upload.content.length },
        });
        return row.id;
      });
      const uploaded = (await uploadsOf(app.db, auth.tenantId, request.params.id)).find((d) => d.id === id)!;
      return reply.status(201).send(uploaded);
    },
  );

  r.get(
    '/api/v1/development/files/:id/documents/:documentId',
    {
      config: { access: 'development.read' },
      schema: { tags, summary: 'Download an uploaded document', params: idParam.extend({ documentId: z.coerce.number().int().positive() }) },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const file = await fileInScope(app.db, auth.tenantId, scopeOf(request, 'development.read'), request.params.id);
      const doc = await app.db
        .selectFrom('development_documents')
        .select(['id', 'name', 'content_type', 'content', 'withdrawn_at'])
        .where('tenant_id', '=', auth.tenantId)
        .where('file_id', '=', file.id)
        .where('id', '=', request.params.documentId)
        .executeTakeFirst();
      if (!doc) throw notFound('DEV_DOCUMENT_NOT_FOUND', request.params.documentId);
      if (doc.withdrawn_at) throw new AppError(410, 'DEV_DOCUMENT_WITHDRAWN', { id: doc.id });
      return sendUpload(reply, doc);
    },
  );

  r.post(
    '/api/v1/development/files/:id/documents/:documentId/withdraw',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Withdraw an uploaded document (wrong file): it is no longer offered, the record of it stays',
        params: idParam.extend({ documentId: z.coerce.number().int().positive() }),
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: uploadOut },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'development.write');
      await app.db.transaction().execute(async (trx) => {
        const file = await fileInScope(trx, auth.tenantId, scope, request.params.id);
        const doc = await trx
          .selectFrom('development_documents')
          .select(['id', 'name', 'withdrawn_at'])
          .where('tenant_id', '=', auth.tenantId)
          .where('file_id', '=', file.id)
          .where('id', '=', request.params.documentId)
          .executeTakeFirst();
        if (!doc) throw notFound('DEV_DOCUMENT_NOT_FOUND', request.params.documentId);
        if (doc.withdrawn_at) throw new AppError(409, 'DEV_DOCUMENT_WITHDRAWN', { id: doc.id });
        await trx
          .updateTable('development_documents')
          .set(withdrawal(request.body.reason))
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', doc.id)
          .execute();
        await writeAudit(trx, auditorOf(request), {
          action: 'delete',
          entityType: 'development_document',
          entityId: doc.id,
          summary: `发展党员档案 ${file.name}：撤回材料“${doc.name}”（${request.body.reason}）`,
          before: { name: doc.name },
          after: { withdrawnReason: request.body.reason },
        });
      });
      return (await uploadsOf(app.db, auth.tenantId, request.params.id)).find((d) => d.id === request.params.documentId)!;
    },
  );

  // ------------------------------------------------------------------ the unit's 公示 setting
  const settingsOut = z.object({ version: z.number(), publicNotice: z.object({ days: z.number(), unit: z.enum(['working_days', 'calendar_days']) }) });
  const readSettings = async (tenantId: number) => {
    const { value, version } = await loadSettings(app.db, tenantId, 'rules');
    return { version, publicNotice: resolveRuleSettings(value.overrides).publicNotice };
  };

  r.get(
    '/api/v1/development/settings',
    {
      config: { access: 'development.read' },
      schema: { tags, summary: 'The unit’s 公示 length before admission (default 5 working days; the 细则 sets none)', response: { 200: settingsOut } },
    },
    async (request) => readSettings(authOf(request).tenantId),
  );

  r.put(
    '/api/v1/development/settings',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Change the unit’s 公示 length (organisation office; shares the version of the unit’s rule settings)',
        body: z.object({ version: int4().min(0), publicNotice: ruleSettingsOverridesSchema.shape.publicNotice.unwrap() }),
        response: { 200: settingsOut },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { version, publicNotice } = request.body;
      await app.db.transaction().execute(async (trx) => {
        // Other override keys (meeting frequencies, terms…) are kept as they are.
        const { value } = await loadSettings(trx, auth.tenantId, 'rules');
        await saveSettings(trx, auditorOf(request), 'rules', { ...value, overrides: { ...value.overrides, publicNotice } }, version, {
          summary: `修改公示期限：${publicNotice.days} ${publicNotice.unit}`,
          language: auth.language,
        });
      });
      return readSettings(auth.tenantId);
    },
  );
}
