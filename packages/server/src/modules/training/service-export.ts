/** The training classes under a filter as one Excel sheet (a 党员培训台账), with their participants. */
import { trainingKindLabel, trainingLevelLabel } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import type { ClassFilter } from './repository.js';
import { classesForExport } from './service.js';

const TEXT = {
  'zh-CN': { sheet: '党员培训', title: '党员培训情况', start: '开始日期', end: '结束日期', title_: '培训班名称', level: '组织层级', kind: '培训方式', organiser: '主办单位', hours: '学时', org: '登记组织', count: '参训人数', names: '参训党员', file: '党员培训' },
  'en-US': { sheet: 'Training', title: 'Training of members', start: 'Starts', end: 'Ends', title_: 'Class', level: 'Organised at', kind: 'Kind', organiser: 'Organiser', hours: 'Hours', org: 'Recorded by', count: 'Participants', names: 'Members', file: 'training' },
} as const;

type Row = Awaited<ReturnType<typeof classesForExport>>[number];

export async function trainingWorkbook(ctx: Ctx, f: ClassFilter): Promise<{ name: string; buffer: Buffer }> {
  const rows = await classesForExport(ctx, f);
  const t = TEXT[ctx.language];
  const columns: SheetColumn<Row>[] = [
    { header: t.start, width: 12, value: (c) => c.startsOn },
    { header: t.end, width: 12, value: (c) => c.endsOn },
    { header: t.title_, width: 40, value: (c) => c.title },
    { header: t.level, width: 14, value: (c) => trainingLevelLabel(c.level, ctx.language) },
    { header: t.kind, width: 12, value: (c) => trainingKindLabel(c.kind, ctx.language) },
    { header: t.organiser, width: 24, value: (c) => c.organiser },
    { header: t.hours, width: 8, value: (c) => c.hours },
    { header: t.org, width: 24, value: (c) => c.orgName },
    { header: t.count, width: 10, value: (c) => c.participants },
    { header: t.names, width: 60, value: (c) => c.names.join('、') },
  ];
  const buffer = await workbookBuffer(t.sheet, columns, rows, { sensitive: ctx.sensitive, title: t.title });
  return { name: `${t.file}-${ctx.today}.xlsx`, buffer };
}
