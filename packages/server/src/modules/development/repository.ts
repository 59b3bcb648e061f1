import type { DataScope } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { escapeLike, scopeCondition } from '../../lib/scope.js';

export const FILE_STATUSES = ['applicant', 'activist', 'candidate', 'probationary', 'full', 'disqualified'] as const;

export const fileFilters = z.object({
  q: z.string().trim().max(50).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  status: z.enum(FILE_STATUSES).optional(),
  stage: z.coerce.number().int().min(1).max(5).optional(),
});
export type FileFilters = z.infer<typeof fileFilters>;

/** Step ranges of the five stages (细则: 第二章 … 第六章). */
export const STAGE_STEPS: Record<number, [number, number]> = { 1: [1, 2], 2: [3, 6], 3: [7, 11], 4: [12, 18], 5: [19, 25] };

/** Development files in scope; a member (self scope) sees only the file that became theirs. */
export function fileListQuery(db: Kysely<DB>, tenantId: number, scope: DataScope, f: FileFilters) {
  let q = db
    .selectFrom('development_files as f')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.org_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'f.tenant_id').onRef('d.id', '=', 'f.department_id'))
    .select([
      'f.id',
      'f.name',
      'f.gender',
      'f.id_number',
      'f.birth_date',
      'f.education',
      'f.phone',
      'f.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'd.name as department_name',
      'f.member_id',
      'f.last_step',
      'f.status',
      'f.version',
    ])
    .where('f.tenant_id', '=', tenantId)
    .where(scopeCondition(scope, 'o.path', 'f.member_id'));
  if (f.orgId) {
    q = q.where(sql<boolean>`o.path like (select x.path from orgs x where x.tenant_id = ${tenantId} and x.id = ${f.orgId}) || '%'`);
  }
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.stage) {
    const [from, to] = STAGE_STEPS[f.stage] as [number, number];
    q = q.where('f.last_step', '>=', from).where('f.last_step', '<=', to);
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('f.name', 'like', like), eb('o.name', 'like', like)]));
  }
  return q;
}

/** Every entry of these files, in date order, grouped by file (for lists and the 台账). */
export async function entriesByFile(db: Kysely<DB>, tenantId: number, fileIds: number[]) {
  const entries = fileIds.length
    ? await db.selectFrom('development_entries').selectAll().where('tenant_id', '=', tenantId).where('file_id', 'in', fileIds).orderBy('date').orderBy('id').execute()
    : [];
  const byFile = new Map<number, typeof entries>();
  for (const e of entries) {
    const list = byFile.get(e.file_id);
    if (list) list.push(e);
    else byFile.set(e.file_id, [e]);
  }
  return byFile;
}

/** ID numbers of the unit's members who are still Party members (active, transferred out, suspended): no new file for them. */
export async function memberIdNumbersBlockingFiles(db: Kysely<DB>, tenantId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('members').select('id_number').where('tenant_id', '=', tenantId).where('status', 'in', ['active', 'transferred_out', 'stopped']).execute();
  return new Set(rows.map((r) => r.id_number));
}
