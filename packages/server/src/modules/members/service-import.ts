/**
 * The roster import as the import routes call it: the uploaded workbook's bytes (the upload kit
 * has checked its size and that it is an .xlsx), read against the caller's scope.
 */
import type { Ctx } from '../../lib/context.js';
import { personViewer } from '../../lib/person.js';
import { readRoster } from './roster.js';
import { commitRoster } from './service.js';

/** What a commit would do, row by row, with every row's errors; nothing is saved. */
export async function previewRoster(ctx: Ctx, content: Buffer) {
  const rows = await readRoster(ctx.db, ctx.tenantId, ctx.scope('members.write'), content, ctx.language, personViewer(ctx.grants));
  const count = (a: string) => rows.filter((x) => x.action === a).length;
  return {
    rows: rows.map(({ values: _values, memberId: _memberId, existing: _existing, ...rest }) => rest),
    added: count('add'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errorRows: count('error'),
    errorCount: rows.reduce((n, x) => n + x.errors.length, 0),
  };
}

/** Imports the roster in one transaction: every row lands or none (400 with every row's errors). */
export function importRoster(ctx: Ctx, content: Buffer) {
  return commitRoster(ctx.db, ctx, ctx.scope('members.write'), content, ctx.today, personViewer(ctx.grants));
}
