/**
 * Import of an existing pipeline. Row errors (unknown branch, bad ID number or date, unknown
 * mentor) block the whole import; rule violations in the historical dates are kept on the
 * entries as warnings to review — not silently accepted, not a blocker. Steps recorded
 * afterwards in Hongyi are always enforced. All rows land in one transaction or none.
 */
import { type DevelopmentEntryFacts, checkDevelopmentEntry } from '@hongyi/core';
import { analyzeTables } from '../../db/analyze.js';
import type { Ctx } from '../../lib/context.js';
import { workbookBuffer } from '../../lib/excel.js';
import { writeAudit } from '../../plugins/audit.js';
import { translate } from '../../plugins/i18n.js';
import { importHeadings, readPipeline } from './import.js';
import type { StoredWarning } from './present.js';
import { importLookups } from './repository.js';
import { createFileWithHistory, loadCalendar, peopleFacts } from './service.js';
import { ruleSettingsOf } from '../settings/service.js';

/** The import template: the headings, nothing else (they stay Chinese in both languages: they are the format). */
export async function importTemplate(ctx: Ctx): Promise<{ name: string; buffer: Buffer }> {
  const zh = ctx.language === 'zh-CN';
  const buffer = await workbookBuffer(
    zh ? '发展党员' : 'Development',
    importHeadings().map((header) => ({ header, width: 14, value: () => '' })),
    [],
  );
  return { name: zh ? '发展党员导入模板.xlsx' : 'development-import-template.xlsx', buffer };
}

export async function importPipeline(ctx: Ctx, file: Buffer, dryRun: boolean) {
  const { language, today } = ctx;
  const rows = await readPipeline(file, await importLookups(ctx.db, ctx.tenantId), ctx.scope('development.write'), language);
  const calendar = await loadCalendar(ctx.db);
  const settings = await ruleSettingsOf(ctx.db, ctx.tenantId);
  const people = await peopleFacts(ctx.db, ctx.tenantId, rows.flatMap((r) => r.entries.flatMap((e) => e.peopleIds)));
  const warnings: { row: number; name: string; path: string; message: string }[] = [];
  const checked = rows.map((row) => {
    const history: DevelopmentEntryFacts[] = [];
    const entries = row.entries.map((entry) => {
      const violations: StoredWarning[] = checkDevelopmentEntry(history, entry, { birthDate: row.birthDate, today, calendar, settings, people });
      history.push(entry);
      for (const x of violations) warnings.push({ row: row.row, name: row.name, path: entry.step ? `${entry.step}` : entry.kind, message: translate(x.code, language, x.params) });
      return { entry, warnings: violations };
    });
    return { row, entries };
  });
  const entryCount = checked.reduce((n, c) => n + c.entries.length, 0);
  if (dryRun) return { dryRun: true, created: rows.length, entries: entryCount, warnings };

  await ctx.db.transaction().execute(async (trx) => {
    for (const { row, entries } of checked) {
      const file = { name: row.name, gender: row.gender, id_number: row.idNumber, birth_date: row.birthDate, education: row.education, phone: row.phone, org_id: row.orgId };
      await createFileWithHistory(trx, ctx.auditor, file, entries, people, { imported: true });
    }
    await writeAudit(trx, ctx.auditor, {
      action: 'import',
      entityType: 'development_file',
      entityId: '',
      summary: `导入发展党员档案 ${rows.length} 人（${entryCount} 条记录，${warnings.length} 条待核查）`,
    });
  });
  await analyzeTables(ctx.db, ['development_files', 'development_entries']);
  return { dryRun: false, created: rows.length, entries: entryCount, warnings };
}
