import type { DataScope } from '@hongyi/core';
import { type RawBuilder, sql } from 'kysely';
import { AppError } from '../plugins/errors.js';

/**
 * Data scope, decided here and nowhere else. A caller's scope for a permission (Ctx.scope) is
 * the whole unit, an org subtree (a branch secretary: their org and everything under it), or
 * themselves (a member). Three questions, one function each:
 * - does the scope reach this org (and, for self scope, this member)?   covers()
 * - which rows of a query lie in the scope?                               subtree()
 * - is this record there, and may the caller touch it?                    requireInScope()
 */

/** True when the scope reaches an org with this path; a self scope reaches only the caller's own member record. */
export function covers(scope: DataScope, orgPath: string, memberId?: number | null): boolean {
  if (scope.kind === 'tenant') return true;
  if (scope.kind === 'self') return memberId !== undefined && memberId !== null && memberId === scope.memberId;
  return scope.paths.some((p) => orgPath.startsWith(p));
}

/**
 * A WHERE condition limiting rows to the scope, given the column holding each row's org path
 * (e.g. 'o.path') and, for self scope, the column holding the member id.
 */
export function subtree(scope: DataScope, pathColumn: string, memberIdColumn?: string): RawBuilder<boolean> {
  if (scope.kind === 'tenant') return sql<boolean>`true`;
  if (scope.kind === 'self') {
    if (!memberIdColumn || scope.memberId === null) return sql<boolean>`false`;
    return sql<boolean>`${sql.ref(memberIdColumn)} = ${scope.memberId}`;
  }
  const conditions = scope.paths.map((p) => sql`${sql.ref(pathColumn)} like ${`${escapeLike(p)}%`}`);
  return sql<boolean>`(${sql.join(conditions, sql` or `)})`;
}

/** What requireInScope needs of a record: the path of the org it belongs to (and its member, for self scope). */
export interface Scoped {
  orgPath: string;
  memberId?: number | null;
}

/**
 * The record, when it exists in the caller's unit and lies within the scope. A record that does
 * not exist — or belongs to another unit, which the repository's tenant filter makes the same —
 * answers `missing` (a 404 naming the id the caller sent); one outside the scope answers 403
 * OUT_OF_SCOPE, which names nothing of it.
 */
export function requireInScope<T extends Scoped>(scope: DataScope, row: T | null | undefined, missing: AppError): T {
  if (!row) throw missing;
  if (!covers(scope, row.orgPath, row.memberId)) throw new AppError(403, 'OUT_OF_SCOPE');
  return row;
}

/** @deprecated the old name of subtree(): use subtree. */
export const scopeCondition = subtree;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column = any($1::bigint[])`: one parameter however many ids (an IN list of thousands binds thousands). */
export function inIds(column: string, ids: readonly number[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${[...ids]}::bigint[])`;
}
