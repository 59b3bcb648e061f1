/**
 * Documents of a file: evidence uploaded for its steps (optional, never a condition: rules.md,
 * burden reduction; withdrawn, never deleted) and the documents Hongyi generates from it (the
 * Word file, prefilled forms), which carry the person as the caller may see them.
 */
import type { Ctx } from '../../lib/context.js';
import type { InspectedUpload } from '../../lib/uploads.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { developmentDocx, formText } from './documents.js';
import { presentDocument } from './present.js';
import { entryOfFile } from './repository.js';
import { documentOf, documentsOf, insertDocument, withdrawDocument } from './repository-documents.js';
import { fileDetail, requireFile } from './service.js';

async function presentedDocument(ctx: Ctx, fileId: number, documentId: number) {
  return (await documentsOf(ctx.db, ctx.tenantId, fileId)).filter((d) => d.id === documentId).map(presentDocument)[0]!;
}

/** Uploads a document for a file (and, when given, one of its entries), audited. */
export async function uploadDocument(ctx: Ctx, fileId: number, entryId: number | null, upload: InspectedUpload) {
  const scope = ctx.scope('development.write');
  const input = { entryId };
  const id = await ctx.db.transaction().execute(async (trx) => {
    const file = await requireFile(trx, ctx.tenantId, scope, fileId);
    if (input.entryId !== null && !(await entryOfFile(trx, ctx.tenantId, file.id, input.entryId))) {
      throw new AppError(400, 'DEV_DOCUMENT_ENTRY_UNKNOWN', { id: input.entryId }, [{ path: 'body.entryId', message: String(input.entryId) }]);
    }
    const documentId = await insertDocument(trx, ctx.tenantId, file.id, input.entryId, upload, ctx.auditor);
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'development_document',
      entityId: documentId,
      summary: `发展党员档案 ${file.name}：上传材料“${upload.name}”（${upload.content.length} 字节）`,
      after: { fileId: file.id, entryId: input.entryId, name: upload.name, size: upload.content.length },
    });
    return documentId;
  });
  return presentedDocument(ctx, fileId, id);
}

/** An uploaded document with its content (410 once withdrawn). */
export async function downloadDocument(ctx: Ctx, fileId: number, documentId: number) {
  const file = await requireFile(ctx.db, ctx.tenantId, ctx.scope('development.read'), fileId);
  const doc = await documentOf(ctx.db, ctx.tenantId, file.id, documentId);
  if (!doc) throw notFound('DEV_DOCUMENT_NOT_FOUND', documentId);
  if (doc.withdrawn_at) throw new AppError(410, 'DEV_DOCUMENT_WITHDRAWN', { id: doc.id });
  return doc;
}

/** Withdraws a document (wrong file): no longer offered, the record of it stays; audited with the reason. */
export async function withdrawFileDocument(ctx: Ctx, fileId: number, documentId: number, reason: string) {
  const scope = ctx.scope('development.write');
  await ctx.db.transaction().execute(async (trx) => {
    const file = await requireFile(trx, ctx.tenantId, scope, fileId);
    const doc = await documentOf(trx, ctx.tenantId, file.id, documentId);
    if (!doc) throw notFound('DEV_DOCUMENT_NOT_FOUND', documentId);
    if (doc.withdrawn_at) throw new AppError(409, 'DEV_DOCUMENT_WITHDRAWN', { id: doc.id });
    await withdrawDocument(trx, ctx.tenantId, doc.id, reason);
    await writeAudit(trx, ctx.auditor, {
      action: 'delete',
      entityType: 'development_document',
      entityId: doc.id,
      summary: `发展党员档案 ${file.name}：撤回材料“${doc.name}”（${reason}）`,
      before: { name: doc.name },
      after: { withdrawnReason: reason },
    });
  });
  return presentedDocument(ctx, fileId, documentId);
}

/** The file as a Word document (the person as the caller may see them). */
export async function fileDocument(ctx: Ctx, fileId: number): Promise<{ filename: string; buffer: Buffer }> {
  const detail = await fileDetail(ctx, ctx.scope('development.read'), fileId);
  const buffer = await developmentDocx(detail, ctx.language);
  return { filename: ctx.language === 'zh-CN' ? `发展党员档案-${detail.name}.docx` : `development-file-${detail.id}.docx`, buffer };
}

/** A standard form prefilled from the file. */
export async function fileForm(ctx: Ctx, fileId: number, form: 'talk_record' | 'notice' | 'committee_talk_record') {
  return formText(await fileDetail(ctx, ctx.scope('development.read'), fileId), form, ctx.language, ctx.today);
}
