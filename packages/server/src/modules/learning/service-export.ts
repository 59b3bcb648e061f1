/** The learning materials under a filter as one Excel sheet, with the meetings that studied each (a 学习台账). */
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import type { MaterialFilter } from './repository.js';
import { materialsForExport } from './service.js';

const TEXT = {
  'zh-CN': { sheet: '学习资料', title: '学习资料及学习情况', published: '发布日期', kind: '类别', title_: '标题', source: '来源', series: '系列', issue: '期数', first: '第一议题', org: '发布组织', studies: '学习次数', where: '学习会议', yes: '是', file: '学习资料' },
  'en-US': { sheet: 'Materials', title: 'Learning materials and where they were studied', published: 'Published', kind: 'Kind', title_: 'Title', source: 'Source', series: 'Series', issue: 'Issue', first: 'First topic', org: 'Published by', studies: 'Studied', where: 'Studied at', yes: 'yes', file: 'learning-materials' },
} as const;

type Row = Awaited<ReturnType<typeof materialsForExport>>[number];

export async function learningWorkbook(ctx: Ctx, f: MaterialFilter): Promise<{ name: string; buffer: Buffer }> {
  const rows = await materialsForExport(ctx, f);
  const t = TEXT[ctx.language];
  const columns: SheetColumn<Row>[] = [
    { header: t.published, width: 12, value: (m) => m.publishedOn },
    { header: t.kind, width: 10, value: (m) => m.kind },
    { header: t.title_, width: 44, value: (m) => m.title },
    { header: t.source, width: 24, value: (m) => m.source },
    { header: t.series, width: 20, value: (m) => m.seriesName ?? '' },
    { header: t.issue, width: 8, value: (m) => m.issueNo ?? '' },
    { header: t.first, width: 10, value: (m) => (m.firstTopic ? t.yes : '') },
    { header: t.org, width: 24, value: (m) => m.orgName },
    { header: t.studies, width: 10, value: (m) => m.studyList.length },
    { header: t.where, width: 60, value: (m) => m.studyList.map((s) => `${s.heldOn} ${s.where}`).join('；') },
  ];
  const buffer = await workbookBuffer(t.sheet, columns, rows, { sensitive: ctx.sensitive, title: t.title });
  return { name: `${t.file}-${ctx.today}.xlsx`, buffer };
}
