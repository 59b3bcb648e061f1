/**
 * Attachments of an organisational-life record: optional evidence, never a condition for
 * compliance (rules.md, burden reduction). Whoever may write the record may attach or withdraw;
 * whoever may read it may download.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { type InspectedUpload, presentUpload, uploadRow, withdrawal } from '../../lib/uploads.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { attachmentFile, attachmentRows, insertAttachment, lockAttachment, withdrawAttachment } from './repository-records.js';
import { visibleRecord } from './service-records.js';

/** A record's attachments (without their content), oldest first. */
export async function attachmentsOf(db: Kysely<DB> | Transaction<DB>, tenantId: number, recordId: number) {
  return (await attachmentRows(db, tenantId, recordId)).map(presentUpload);
}

export async function listAttachments(ctx: Ctx, recordId: number) {
  const record = await visibleRecord(ctx, recordId, 'orglife.read');
  return attachmentsOf(ctx.db, ctx.tenantId, record.id);
}

export async function attach(ctx: Ctx, recordId: number, file: InspectedUpload) {
  const record = await visibleRecord(ctx, recordId, 'orglife.write');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await insertAttachment(trx, ctx.tenantId, record.id, uploadRow(file, ctx.auditor));
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'orglife_attachment',
      entityId: id,
      summary: `组织生活记录（${record.orgName} ${record.heldOn}）：上传附件“${file.name}”（${file.content.length} 字节）`,
      after: { recordId: record.id, name: file.name, size: file.content.length },
    });
    return id;
  });
  return (await attachmentsOf(ctx.db, ctx.tenantId, record.id)).find((a) => a.id === id)!;
}

/** An attachment's file to download (404 when absent, 410 once withdrawn). */
export async function attachmentToDownload(ctx: Ctx, recordId: number, attachmentId: number) {
  const record = await visibleRecord(ctx, recordId, 'orglife.read');
  const file = await attachmentFile(ctx.db, ctx.tenantId, record.id, attachmentId);
  if (!file) throw notFound('ORGLIFE_ATTACHMENT_NOT_FOUND', attachmentId);
  if (file.withdrawn_at) throw new AppError(410, 'ORGLIFE_ATTACHMENT_WITHDRAWN', { id: file.id });
  return file;
}

/** Withdraws a wrong file: its content is dropped, the note of it stays. */
export async function withdraw(ctx: Ctx, recordId: number, attachmentId: number, reason: string) {
  const record = await visibleRecord(ctx, recordId, 'orglife.write');
  await ctx.db.transaction().execute(async (trx) => {
    const file = await lockAttachment(trx, ctx.tenantId, record.id, attachmentId);
    if (!file) throw notFound('ORGLIFE_ATTACHMENT_NOT_FOUND', attachmentId);
    if (file.withdrawn_at) throw new AppError(409, 'ORGLIFE_ATTACHMENT_WITHDRAWN', { id: file.id });
    await withdrawAttachment(trx, ctx.tenantId, file.id, withdrawal(reason));
    await writeAudit(trx, ctx.auditor, {
      action: 'delete',
      entityType: 'orglife_attachment',
      entityId: file.id,
      summary: `组织生活记录（${record.orgName} ${record.heldOn}）：撤回附件“${file.name}”（${reason}）`,
      before: { name: file.name },
      after: { withdrawnReason: reason },
    });
  });
  return (await attachmentsOf(ctx.db, ctx.tenantId, record.id)).find((a) => a.id === attachmentId)!;
}
