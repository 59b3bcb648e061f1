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
 * name, size, uploader and reason; a withdrawn file is not downloaded (404, or the module's
 * `withdrawnCode`: 410 then, and 409 on a second withdrawal). A module whose files name a part
 * of the owner (a development document's entry) says so in its store and returns the part from
 * `owner` when adding; `present` then shows it.
 */
import type { Kysely, Transaction } from 'kysely';
import { type EvidenceRow, type EvidenceStore, evidenceFilesOf, findEvidenceFile, insertEvidenceFile, withdrawEvidenceFile } from '../db/evidence.js';
import type { DB } from '../db/schema.js';
import { writeAudit } from '../plugins/audit.js';
import { AppError, conflict, notFound } from '../plugins/errors.js';
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
  /** When adding to a store with a part column: the part of the owner the file names (checked by the module), or null. */
  part?: number | null;
}

/** The database and tenant an owner's files are read from (a Ctx, or a service's own db in a transaction). */
export interface EvidenceReader {
  db: Db;
  tenantId: number;
}

/** An audit summary: the kit's words ('上传…：label — name'), or the module's own sentence. */
type AddedWords = string | ((label: string, file: { name: string; size: number }) => string);
type WithdrawnWords = string | ((label: string, file: { name: string }, reason: string) => string);

export interface EvidenceFilesSpec<Ref, Out> {
  store: EvidenceStore;
  /** The audit rows' entity type ('project_file'). */
  entityType: string;
  /** The 404 code of a file that is not there ('PROJECT_FILE_NOT_FOUND'). */
  notFound: string;
  /** The audit summaries' words for adding and withdrawing ('上传一线项目佐证材料', '撤回一线项目佐证材料'). */
  added: AddedWords;
  withdrawn: WithdrawnWords;
  /** The owner the route names, if the caller may do this with its files; throws the module's 404/403/409 otherwise. */
  owner(ctx: Ctx, db: Db, ref: Ref, mode: EvidenceMode): Promise<EvidenceOwner>;
  /** The code of a withdrawn file: downloading it answers 410 and withdrawing it again 409 with it (else 404 and 409 VERSION_CONFLICT). */
  withdrawnCode?: string;
  /** The audit action of a withdrawal: 'update' (the row stays) unless the module records it as 'delete'. */
  withdrawAction?: 'update' | 'delete';
  /** A file as the module's lists show it: the upload kit's shape unless the module adds to it (the part it names). */
  present?: (row: EvidenceRow) => Out;
}

type UploadOut = ReturnType<typeof presentUpload>;

export function evidenceFiles<Ref, Out = UploadOut>(spec: EvidenceFilesSpec<Ref, Out>) {
  const { store } = spec;
  // Without a present of its own, Out is the upload kit's shape (the default above).
  const present = spec.present ?? (presentUpload as unknown as (row: EvidenceRow) => Out);
  const words = {
    added: (label: string, file: { name: string; size: number }) => (typeof spec.added === 'string' ? `${spec.added}：${label} — ${file.name}` : spec.added(label, file)),
    withdrawn: (label: string, file: { name: string }, reason: string) => (typeof spec.withdrawn === 'string' ? `${spec.withdrawn}：${label} — ${file.name}（${reason}）` : spec.withdrawn(label, file, reason)),
  };
  const withdrawnError = (status: 409 | 410, fileId: number) => (spec.withdrawnCode ? new AppError(status, spec.withdrawnCode, { id: fileId }) : status === 409 ? conflict() : notFound(spec.notFound, fileId));
  const of = async (reader: EvidenceReader, ownerId: number) => (await evidenceFilesOf(reader.db, store, reader.tenantId, [ownerId])).map(present);

  return {
    /** An owner's files as lists show them (withdrawn ones too, with the reason); the caller has checked the owner. */
    of,

    /** The owner's files, when the caller may read the owner (the list route). */
    async list(ctx: Ctx, ref: Ref) {
      const owner = await spec.owner(ctx, ctx.db, ref, 'read');
      return of(ctx, owner.id);
    },

    /** The files of many owners, by owner id (each list oldest first). */
    async ofMany(ctx: Ctx, ownerIds: readonly number[]) {
      const byOwner = new Map<number, Out[]>();
      for (const row of await evidenceFilesOf(ctx.db, store, ctx.tenantId, ownerIds)) {
        const list = byOwner.get(row.ownerId) ?? [];
        list.push(present(row));
        byOwner.set(row.ownerId, list);
      }
      return (ownerId: number) => byOwner.get(ownerId) ?? [];
    },

    /** Adds a file (kind already read from its bytes by the upload kit) and audits it. */
    async add(ctx: Ctx, ref: Ref, file: InspectedUpload) {
      return ctx.db.transaction().execute(async (trx) => {
        const owner = await spec.owner(ctx, trx, ref, 'add');
        const row = await insertEvidenceFile(trx, store, ctx.tenantId, owner.id, file, ctx.auditor, owner.part ?? null);
        await writeAudit(trx, ctx.auditor, { action: 'create', entityType: spec.entityType, entityId: row.id, summary: words.added(owner.label, row), after: { ...owner.audit, name: row.name, size: row.size } });
        return present(row);
      });
    },

    /** A file to download (sendUpload): 404 when it is not the owner's; 404 (or 410 with the module's code) once withdrawn. */
    async download(ctx: Ctx, ref: Ref, fileId: number) {
      const owner = await spec.owner(ctx, ctx.db, ref, 'read');
      const file = await findEvidenceFile(ctx.db, store, ctx.tenantId, owner.id, fileId);
      if (!file) throw notFound(spec.notFound, fileId);
      if (file.withdrawn_at !== null) throw withdrawnError(410, file.id);
      return file;
    },

    /** Withdraws a file filed by mistake (content dropped, name and reason kept) and audits it; 409 when it was withdrawn already. */
    async withdraw(ctx: Ctx, ref: Ref, fileId: number, reason: string) {
      return ctx.db.transaction().execute(async (trx) => {
        const owner = await spec.owner(ctx, trx, ref, 'withdraw');
        const file = await findEvidenceFile(trx, store, ctx.tenantId, owner.id, fileId);
        if (!file) throw notFound(spec.notFound, fileId);
        const row = await withdrawEvidenceFile(trx, store, ctx.tenantId, file.id, reason);
        if (!row) throw withdrawnError(409, file.id);
        await writeAudit(trx, ctx.auditor, { action: spec.withdrawAction ?? 'update', entityType: spec.entityType, entityId: file.id, summary: words.withdrawn(owner.label, file, reason), before: { name: file.name }, after: { withdrawn_reason: reason } });
        return present(row);
      });
    },
  };
}

export type EvidenceFiles<Ref, Out = UploadOut> = ReturnType<typeof evidenceFiles<Ref, Out>>;
