/**
 * The evidence-files kit: a record's files (an honour's certificate, a project's 方案, a venue's
 * photo…) listed, added, downloaded and withdrawn the same way in every module. A module names
 * where its files live (db/evidence.ts: the table and the owner column), the audit's entity type
 * and words, its 404 code, and how the owner is found and checked for the caller (its scope and
 * rules: 404/403 as the module answers for the record itself); the kit does the rest:
 *
 *   export const venuePhotos = evidenceFiles({
 *     store: { table: 'venue_photos', owner: 'venue_id' },
 *     entityType: 'venue_photo', notFound: 'VENUE_PHOTO_NOT_FOUND', added: '上传阵地照片', withdrawn: '撤回阵地照片',
 *     owner: async (ctx, db, id: number, mode) => { … return { id, label, audit: { venueId } }; },
 *   });
 *
 * Files are optional, never a condition (rules.md, burden reduction). Adding and withdrawing
 * write their audit row in the same transaction; withdrawing drops the content and keeps the
 * name, size, uploader and reason; a withdrawn file is not downloaded (404).
 */
import type { Kysely, Transaction } from 'kysely';
import { type EvidenceStore, evidenceFilesOf, findEvidenceFile, insertEvidenceFile, withdrawEvidenceFile } from '../db/evidence.js';
import type { DB } from '../db/schema.js';
import { writeAudit } from '../plugins/audit.js';
import { conflict, notFound } from '../plugins/errors.js';
import type { Ctx } from './context.js';
import { type InspectedUpload, presentUpload } from './uploads.js';

type Db = Kysely<DB> | Transaction<DB>;

/** What the caller does with an owner's files: download (read), add or withdraw. */
export type EvidenceMode = 'read' | 'add' | 'withdraw';

/** The owner of files as the kit needs it: its id, the label the audit names it by, and its keys for the audit row. */
export interface EvidenceOwner {
  id: number;
  label: string;
  audit: Record<string, unknown>;
}

export interface EvidenceFilesSpec<Ref> {
  store: EvidenceStore;
  /** The audit rows' entity type ('project_file'). */
  entityType: string;
  /** The 404 code of a file that is not there ('PROJECT_FILE_NOT_FOUND'). */
  notFound: string;
  /** The audit summaries' words for adding and withdrawing ('上传一线项目佐证材料', '撤回一线项目佐证材料'). */
  added: string;
  withdrawn: string;
  /** The owner the route names, if the caller may do this with its files; throws the module's 404/403/409 otherwise. */
  owner(ctx: Ctx, db: Db, ref: Ref, mode: EvidenceMode): Promise<EvidenceOwner>;
}

export function evidenceFiles<Ref>(spec: EvidenceFilesSpec<Ref>) {
  const { store } = spec;
  return {
    /** An owner's files as lists show them (withdrawn ones too, with the reason); the caller has checked the owner. */
    async of(ctx: Ctx, ownerId: number) {
      return (await evidenceFilesOf(ctx.db, store, ctx.tenantId, [ownerId])).map(presentUpload);
    },

    /** The files of many owners, by owner id (each list oldest first). */
    async ofMany(ctx: Ctx, ownerIds: readonly number[]) {
      const byOwner = new Map<number, ReturnType<typeof presentUpload>[]>();
      for (const row of await evidenceFilesOf(ctx.db, store, ctx.tenantId, ownerIds)) {
        const list = byOwner.get(row.ownerId) ?? [];
        list.push(presentUpload(row));
        byOwner.set(row.ownerId, list);
      }
      return (ownerId: number) => byOwner.get(ownerId) ?? [];
    },

    /** Adds a file (kind already read from its bytes by the upload kit) and audits it. */
    async add(ctx: Ctx, ref: Ref, file: InspectedUpload) {
      return ctx.db.transaction().execute(async (trx) => {
        const owner = await spec.owner(ctx, trx, ref, 'add');
        const row = await insertEvidenceFile(trx, store, ctx.tenantId, owner.id, file, ctx.auditor);
        await writeAudit(trx, ctx.auditor, { action: 'create', entityType: spec.entityType, entityId: row.id, summary: `${spec.added}：${owner.label} — ${row.name}`, after: { ...owner.audit, name: row.name, size: row.size } });
        return presentUpload(row);
      });
    },

    /** A file to download (sendUpload): 404 when it is not the owner's or was withdrawn. */
    async download(ctx: Ctx, ref: Ref, fileId: number) {
      const owner = await spec.owner(ctx, ctx.db, ref, 'read');
      const file = await findEvidenceFile(ctx.db, store, ctx.tenantId, owner.id, fileId);
      if (!file || file.withdrawn_at !== null) throw notFound(spec.notFound, fileId);
      return file;
    },

    /** Withdraws a file filed by mistake (content dropped, name and reason kept) and audits it; 409 when it was withdrawn already. */
    async withdraw(ctx: Ctx, ref: Ref, fileId: number, reason: string) {
      return ctx.db.transaction().execute(async (trx) => {
        const owner = await spec.owner(ctx, trx, ref, 'withdraw');
        const file = await findEvidenceFile(trx, store, ctx.tenantId, owner.id, fileId);
        if (!file) throw notFound(spec.notFound, fileId);
        const row = await withdrawEvidenceFile(trx, store, ctx.tenantId, file.id, reason);
        if (!row) throw conflict();
        await writeAudit(trx, ctx.auditor, { action: 'update', entityType: spec.entityType, entityId: file.id, summary: `${spec.withdrawn}：${owner.label} — ${file.name}（${reason}）`, before: { name: file.name }, after: { withdrawn_reason: reason } });
        return presentUpload(row);
      });
    },
  };
}

export type EvidenceFiles<Ref> = ReturnType<typeof evidenceFiles<Ref>>;
