/**
 * The development deadlines kept with the files (migration 2026-12-05T0550): a file's deadlines
 * depend on its entries only, and every write of an entry moves the file's version on, so the
 * deadlines computed at a version stay right until the next. The due list, its counts and the
 * reminder digest read them here; files whose deadlines were never computed, or were computed at
 * an older version, are found by `filesToCompute` and stored again by `storeDeadlines`.
 */
import type { DataScope } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { fileListQuery } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

const CLOSED = ['full', 'disqualified'] as const;

/** Open files in scope whose kept deadlines are missing or were computed at another version of the file. */
export async function filesToCompute(db: Db, tenantId: number, scope: DataScope, orgId: number | undefined): Promise<{ id: number; version: number }[]> {
  return fileListQuery(db, tenantId, scope, { orgId })
    .clearSelect()
    .leftJoin('development_deadline_marks as m', (j) => j.onRef('m.tenant_id', '=', 'f.tenant_id').onRef('m.file_id', '=', 'f.id'))
    .select(['f.id', 'f.version'])
    .where('f.status', 'not in', CLOSED)
    .where((eb) => eb.or([eb('m.file_version', 'is', null), eb('m.file_version', '<>', eb.ref('f.version'))]))
    .orderBy('f.id')
    .execute();
}

export interface ComputedDeadlines {
  fileId: number;
  /** The file's version the entries were read at. */
  version: number;
  dues: readonly { kind: string; seq: number; date: string }[];
}

/**
 * Keeps files' deadlines as computed at a version. A row is replaced only by one computed at the
 * same or a later version, so two lists computing the same file at once cannot leave an older
 * answer over a newer one; rows of older versions are deleted.
 */
export async function storeDeadlines(db: Db, tenantId: number, computed: readonly ComputedDeadlines[]): Promise<void> {
  for (let i = 0; i < computed.length; i += 1000) {
    const batch = computed.slice(i, i + 1000);
    const rows = batch.flatMap((c) => c.dues.map((d) => ({ tenant_id: tenantId, file_id: c.fileId, kind: d.kind, seq: d.seq, date: d.date, file_version: c.version })));
    if (rows.length > 0) {
      await db
        .insertInto('development_deadlines')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'file_id', 'kind'])
            .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), date: eb.ref('excluded.date'), file_version: eb.ref('excluded.file_version') }))
            .whereRef('development_deadlines.file_version', '<=', 'excluded.file_version'),
        )
        .execute();
    }
    const ids = batch.map((c) => c.fileId);
    const versions = batch.map((c) => c.version);
    await sql`delete from development_deadlines x using unnest(${ids}::bigint[], ${versions}::integer[]) as v(file_id, version)
      where x.tenant_id = ${tenantId} and x.file_id = v.file_id and x.file_version < v.version`.execute(db);
    await db
      .insertInto('development_deadline_marks')
      .values(batch.map((c) => ({ tenant_id: tenantId, file_id: c.fileId, file_version: c.version })))
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'file_id'])
          .doUpdateSet((eb) => ({ file_version: eb.ref('excluded.file_version') }))
          .whereRef('development_deadline_marks.file_version', '<=', 'excluded.file_version'),
      )
      .execute();
  }
}

function deadlineQuery(db: Db, tenantId: number, scope: DataScope, orgId: number | undefined, horizon: string) {
  return fileListQuery(db, tenantId, scope, { orgId })
    .clearSelect()
    .innerJoin('development_deadlines as dl', (j) => j.onRef('dl.tenant_id', '=', 'f.tenant_id').onRef('dl.file_id', '=', 'f.id').onRef('dl.file_version', '=', 'f.version'))
    .where('f.status', 'not in', CLOSED)
    .where('dl.date', '<=', horizon);
}

/** The kept deadlines of open files in scope up to `horizon`, by date (then file, then the rules' order); a page of them when `page` is given. */
export async function keptDeadlines(db: Db, tenantId: number, scope: DataScope, orgId: number | undefined, horizon: string, page?: { limit: number; offset: number }) {
  let q = deadlineQuery(db, tenantId, scope, orgId, horizon)
    .select(['f.id as file_id', 'f.name', 'f.org_id', 'o.name as org_name', 'o.path as org_path', 'f.status', 'dl.kind', sql<string>`dl.date::text`.as('date')])
    .orderBy('dl.date')
    .orderBy('f.id')
    .orderBy('dl.seq');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
}

/** How many kept deadlines up to `horizon`, and how many of them fall before `today` (overdue). */
export async function deadlineCounts(db: Db, tenantId: number, scope: DataScope, orgId: number | undefined, horizon: string, today: string) {
  const row = await deadlineQuery(db, tenantId, scope, orgId, horizon)
    .select([sql<string>`count(*)`.as('total'), sql<string>`count(*) filter (where dl.date < ${today})`.as('overdue')])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), overdue: Number(row.overdue) };
}
