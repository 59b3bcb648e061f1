/**
 * Attachments of an organisational-life record: optional evidence, never a condition for
 * compliance (rules.md, burden reduction). Whoever may write the record may attach or withdraw;
 * whoever may read it may download.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { idParam } from '../../lib/paging.js';
import { UPLOAD_BODY_LIMIT, inspectUpload, presentUpload, sendUpload, uploadFields, uploadOut, uploadRow, withdrawal } from '../../lib/uploads.js';
import { authOf } from '../../plugins/access.js';
import { auditorOf, writeAudit } from '../../plugins/audit.js';
import { AppError, languageOf, notFound } from '../../plugins/errors.js';

const tags = ['orglife'];
const attachmentParams = idParam.extend({ attachmentId: z.coerce.number().int().positive() });

/** A record's attachments (without their content), oldest first. */
export async function attachmentsOf(db: Kysely<DB> | Transaction<DB>, tenantId: number, recordId: number) {
  const rows = await db
    .selectFrom('orglife_attachments')
    .select(['id', 'name', 'content_type', 'size', 'created_by_name', 'created_at', 'withdrawn_at', 'withdrawn_reason'])
    .where('tenant_id', '=', tenantId)
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute();
  return rows.map(presentUpload);
}

export interface AttachmentRouteOptions {
  /** The record if it exists and lies in the caller's scope for the permission; 404 / 403 otherwise. */
  visibleRecord(request: FastifyRequest, id: number, permission: 'orglife.read' | 'orglife.write'): Promise<{ id: number; orgName: string; heldOn: string }>;
}

export function orglifeAttachmentRoutes(app: FastifyInstance, options: AttachmentRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orglife/records/:id/attachments',
    {
      config: { access: 'orglife.read' },
      schema: { tags, summary: 'The attachments of a record (withdrawn ones with their reason), oldest first', params: idParam, response: { 200: z.array(uploadOut) } },
    },
    async (request) => {
      const record = await options.visibleRecord(request, request.params.id, 'orglife.read');
      return attachmentsOf(app.db, authOf(request).tenantId, record.id);
    },
  );

  r.post(
    '/api/v1/orglife/records/:id/attachments',
    {
      config: { access: 'orglife.write' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Attach a file to a record (optional evidence, never required): PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB, sent as base64',
        params: idParam,
        body: z.object(uploadFields),
        response: { 201: uploadOut },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const file = await inspectUpload(request.body, languageOf(request));
      const record = await options.visibleRecord(request, request.params.id, 'orglife.write');
      const id = await app.db.transaction().execute(async (trx) => {
        const auditor = auditorOf(request);
        const row = await trx
          .insertInto('orglife_attachments')
          .values({
            tenant_id: auth.tenantId,
            record_id: record.id,
            ...uploadRow(file, auditor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, auditor, {
          action: 'create',
          entityType: 'orglife_attachment',
          entityId: row.id,
          summary: `组织生活记录（${record.orgName} ${record.heldOn}）：上传附件“${file.name}”（${file.content.length} 字节）`,
          after: { recordId: record.id, name: file.name, size: file.content.length },
        });
        return row.id;
      });
      return reply.status(201).send((await attachmentsOf(app.db, auth.tenantId, record.id)).find((a) => a.id === id)!);
    },
  );

  r.get(
    '/api/v1/orglife/records/:id/attachments/:attachmentId',
    { config: { access: 'orglife.read' }, schema: { tags, summary: 'Download an attachment of a record', params: attachmentParams } },
    async (request, reply) => {
      const auth = authOf(request);
      const record = await options.visibleRecord(request, request.params.id, 'orglife.read');
      const file = await app.db
        .selectFrom('orglife_attachments')
        .select(['id', 'name', 'content_type', 'content', 'withdrawn_at'])
        .where('tenant_id', '=', auth.tenantId)
        .where('record_id', '=', record.id)
        .where('id', '=', request.params.attachmentId)
        .executeTakeFirst();
      if (!file) throw notFound('ORGLIFE_ATTACHMENT_NOT_FOUND', request.params.attachmentId);
      if (file.withdrawn_at) throw new AppError(410, 'ORGLIFE_ATTACHMENT_WITHDRAWN', { id: file.id });
      return sendUpload(reply, file);
    },
  );

  r.post(
    '/api/v1/orglife/records/:id/attachments/:attachmentId/withdraw',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags,
        summary: 'Withdraw an attachment (wrong file): its content is dropped, the note of it stays',
        params: attachmentParams,
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: uploadOut },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const record = await options.visibleRecord(request, request.params.id, 'orglife.write');
      await app.db.transaction().execute(async (trx) => {
        const file = await trx
          .selectFrom('orglife_attachments')
          .select(['id', 'name', 'withdrawn_at'])
          .where('tenant_id', '=', auth.tenantId)
          .where('record_id', '=', record.id)
          .where('id', '=', request.params.attachmentId)
          .forUpdate()
          .executeTakeFirst();
        if (!file) throw notFound('ORGLIFE_ATTACHMENT_NOT_FOUND', request.params.attachmentId);
        if (file.withdrawn_at) throw new AppError(409, 'ORGLIFE_ATTACHMENT_WITHDRAWN', { id: file.id });
        await trx
          .updateTable('orglife_attachments')
          .set(withdrawal(request.body.reason))
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', file.id)
          .execute();
        await writeAudit(trx, auditorOf(request), {
          action: 'delete',
          entityType: 'orglife_attachment',
          entityId: file.id,
          summary: `组织生活记录（${record.orgName} ${record.heldOn}）：撤回附件“${file.name}”（${request.body.reason}）`,
          before: { name: file.name },
          after: { withdrawnReason: request.body.reason },
        });
      });
      return (await attachmentsOf(app.db, auth.tenantId, record.id)).find((a) => a.id === request.params.attachmentId)!;
    },
  );
}
