/** The year-end statistics as Excel: one sheet per table, its title and unit above, rows as the paper forms list them. */
import type { StatisticsRow } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, sheetOf, workbookSheets } from '../../lib/excel.js';
import { tablesForExport } from './service.js';

const TEXT = {
  'zh-CN': { item: '项目', count: '数量', unit: '单位', file: '党内统计年报', version: '第{n}版', live: '实时' },
  'en-US': { item: 'Item', count: 'Count', unit: 'Unit', file: 'party-statistics', version: 'version {n}', live: 'live' },
} as const;

/** A sheet name Excel accepts: no []:*?/\ and at most 31 characters. */
export function sheetName(index: number, title: string): string {
  return `${index + 1} ${title.replace(/[[\]:*?/\\]/g, ' ')}`.slice(0, 31).trim();
}

export async function statisticsWorkbook(ctx: Ctx, q: { year: number; orgId?: number | undefined; snapshotId?: number | undefined }): Promise<{ name: string; buffer: Buffer }> {
  const t = TEXT[ctx.language];
  const { orgName, year, versionNo, tables } = await tablesForExport(ctx, q);
  const columns: SheetColumn<StatisticsRow>[] = [
    { header: t.item, width: 44, value: (r) => `${'　'.repeat(r.indent * 2)}${r.label}` },
    { header: t.count, width: 12, value: (r) => r.count },
  ];
  const sheets = tables.map((table, i) =>
    sheetOf({ name: sheetName(i, table.title), columns, rows: table.rows, title: `${orgName} ${year} ${table.title}（${t.unit}：${table.unit}）` }),
  );
  const buffer = await workbookSheets(sheets, { sensitive: ctx.sensitive });
  const tag = versionNo === null ? t.live : t.version.replace('{n}', String(versionNo));
  return { name: `${t.file}-${year}-${tag}.xlsx`, buffer };
}
