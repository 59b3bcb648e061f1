/**
 * Attachments of an organisational-life record (the evidence-files kit, lib/evidence.ts):
 * optional evidence, never a condition for compliance (rules.md, burden reduction). Whoever may
 * write the record may attach or withdraw; whoever may read it may list and download. A
 * withdrawn attachment answers 410 (409 when withdrawn again) with its own code.
 */
import { type EvidenceOwner, evidenceFiles } from '../../lib/evidence.js';
import { visibleRecord } from './service-records.js';

export const recordAttachments = evidenceFiles({
  store: { table: 'orglife_attachments', owner: 'record_id' },
  entityType: 'orglife_attachment',
  notFound: 'ORGLIFE_ATTACHMENT_NOT_FOUND',
  withdrawnCode: 'ORGLIFE_ATTACHMENT_WITHDRAWN',
  withdrawAction: 'delete',
  added: (record, file) => `组织生活记录（${record}）：上传附件“${file.name}”（${file.size} 字节）`,
  withdrawn: (record, file, reason) => `组织生活记录（${record}）：撤回附件“${file.name}”（${reason}）`,
  async owner(ctx, db, recordId: number, mode): Promise<EvidenceOwner> {
    const record = await visibleRecord(ctx, recordId, mode === 'read' ? 'orglife.read' : 'orglife.write', db);
    return { id: record.id, label: `${record.orgName} ${record.heldOn}`, audit: { recordId: record.id } };
  },
});
