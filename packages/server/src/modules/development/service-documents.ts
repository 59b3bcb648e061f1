/**
 * Documents of a file: evidence uploaded for its steps (optional, never a condition: rules.md,
 * burden reduction; withdrawn, never deleted) and the documents Hongyi generates from it (the
 * Word file, prefilled forms), which carry the person as the caller may see them.
 */
import type { Ctx } from '../../lib/context.js';
import { type EvidenceOwner, evidenceFiles } from '../../lib/evidence.js';
import { presentUpload } from '../../lib/uploads.js';
import { AppError } from '../../plugins/errors.js';
import { developmentDocx, formText } from './documents.js';
import { entryOfFile } from './repository.js';
import { fileDetail, requireFile } from './service.js';

/** The file a document belongs to and, when uploading, the entry (step) it evidences. */
export interface DocumentRef {
  fileId: number;
  entryId: number | null;
}

/**
 * Uploaded documents of a file (the evidence-files kit, lib/evidence.ts): each may name the entry
 * it evidences (400 DEV_DOCUMENT_ENTRY_UNKNOWN when that is not the file's); a withdrawn one
 * answers 410 (409 when withdrawn again).
 */
export const fileDocuments = evidenceFiles({
  store: { table: 'development_documents', owner: 'file_id', part: 'entry_id' },
  entityType: 'development_document',
  notFound: 'DEV_DOCUMENT_NOT_FOUND',
  withdrawnCode: 'DEV_DOCUMENT_WITHDRAWN',
  withdrawAction: 'delete',
  added: (person, file) => `发展党员档案 ${person}：上传材料“${file.name}”（${file.size} 字节）`,
  withdrawn: (person, file, reason) => `发展党员档案 ${person}：撤回材料“${file.name}”（${reason}）`,
  present: (row) => ({ ...presentUpload(row), entryId: row.partId }),
  async owner(ctx, db, ref: DocumentRef, mode): Promise<EvidenceOwner> {
    const file = await requireFile(db, ctx.tenantId, ctx.scope(mode === 'read' ? 'development.read' : 'development.write'), ref.fileId);
    const entryId = mode === 'add' ? ref.entryId : null;
    if (entryId !== null && !(await entryOfFile(db, ctx.tenantId, file.id, entryId))) {
      throw new AppError(400, 'DEV_DOCUMENT_ENTRY_UNKNOWN', { id: entryId }, [{ path: 'body.entryId', message: String(entryId) }]);
    }
    return { id: file.id, label: file.name, audit: { fileId: file.id, entryId }, part: entryId };
  },
});

/** The file as a Word document (the person as the caller may see them). */
export async function fileDocument(ctx: Ctx, fileId: number): Promise<{ name: string; buffer: Buffer }> {
  const detail = await fileDetail(ctx, ctx.scope('development.read'), fileId);
  const buffer = await developmentDocx(detail, ctx.language);
  return { name: ctx.language === 'zh-CN' ? `发展党员档案-${detail.name}.docx` : `development-file-${detail.id}.docx`, buffer };
}

/** A standard form prefilled from the file. */
export async function fileForm(ctx: Ctx, fileId: number, form: 'talk_record' | 'notice' | 'committee_talk_record') {
  return formText(await fileDetail(ctx, ctx.scope('development.read'), fileId), form, ctx.language, ctx.today);
}
