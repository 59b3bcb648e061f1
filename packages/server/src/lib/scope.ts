import type { DataScope } from '@hongyi/core';
import { type RawBuilder, sql } from 'kysely';

/**
 * A WHERE condition limiting rows to a data scope, given the column holding each row's org
 * path (e.g. 'o.path') and, for self scope, the column holding the member id.
 */
export function scopeCondition(scope: DataScope, pathColumn: string, memberIdColumn?: string): RawBuilder<boolean> {
  if (scope.kind === 'tenant') return sql<boolean>`true`;
  if (scope.kind === 'self') {
    if (!memberIdColumn || scope.memberId === null) return sql<boolean>`false`;
    return sql<boolean>`${sql.ref(memberIdColumn)} = ${scope.memberId}`;
  }
  const conditions = scope.paths.map((p) => sql`${sql.ref(pathColumn)} like ${`${escapeLike(p)}%`}`);
  return sql<boolean>`(${sql.join(conditions, sql` or `)})`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column = any($1::bigint[])`: one parameter however many ids (an IN list of thousands binds thousands). */
export function inIds(column: string, ids: readonly number[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${[...ids]}::bigint[])`;
}
