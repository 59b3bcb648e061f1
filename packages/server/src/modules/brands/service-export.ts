/** The brand page as one Excel sheet: figures for the year, elements with owners, rules with review state and evidence. */
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import { brandPage } from './service.js';

interface Line {
  section: string;
  title: string;
  detail: string;
  owner: string;
  value: string | number;
  review: string;
  evidence: string;
}

const TEXT = {
  'zh-CN': {
    sheet: '党建品牌',
    section: '类别',
    title: '名称',
    detail: '说明',
    owner: '负责人',
    value: '数值',
    review: '复核',
    evidence: '佐证记录',
    figures: '数据',
    elements: '要素',
    rules: '制度',
    state: { never: '未复核', ok: '正常', due_soon: '即将到期', overdue: '已逾期' },
    last: '上次复核',
    next: '下次复核',
    gone: '（记录已删除）',
  },
  'en-US': {
    sheet: 'Brand',
    section: 'Part',
    title: 'Title',
    detail: 'Description',
    owner: 'Owner',
    value: 'Value',
    review: 'Review',
    evidence: 'Evidence records',
    figures: 'Figure',
    elements: 'Element',
    rules: 'Rule',
    state: { never: 'Not reviewed', ok: 'Up to date', due_soon: 'Due soon', overdue: 'Overdue' },
    last: 'Last reviewed',
    next: 'next due',
    gone: '(record deleted)',
  },
} as const;

export async function brandWorkbook(ctx: Ctx, id: number, year: number): Promise<{ name: string; buffer: Buffer }> {
  const page = await brandPage(ctx, id, year);
  const t = TEXT[ctx.language];
  const lines: Line[] = [
    ...page.figures.map((f) => ({ section: `${t.figures} ${year}`, title: f.label, detail: '', owner: '', value: f.value, review: f.unit, evidence: '' })),
    ...page.elements.map((e) => ({ section: t.elements, title: e.title, detail: e.description, owner: e.ownerName, value: '', review: '', evidence: '' })),
    ...page.rules.map((r) => ({
      section: t.rules,
      title: r.title,
      detail: r.description,
      owner: r.ownerName,
      value: '',
      review: `${t.state[r.state]}${r.lastReviewedOn ? `；${t.last} ${r.lastReviewedOn}（${r.lastReviewedBy}）` : ''}；${t.next} ${r.nextReviewOn}${r.reviewNote ? `；${r.reviewNote}` : ''}`,
      evidence: r.evidence.map((e) => (e.exists ? `${e.date} ${e.title}` : t.gone)).join('\n'),
    })),
  ];
  const columns: SheetColumn<Line>[] = [
    { header: t.section, width: 12, value: (l) => l.section },
    { header: t.title, width: 30, value: (l) => l.title },
    { header: t.detail, width: 40, value: (l) => l.detail },
    { header: t.owner, width: 14, value: (l) => l.owner },
    { header: t.value, width: 12, value: (l) => l.value },
    { header: t.review, width: 40, value: (l) => l.review },
    { header: t.evidence, width: 50, value: (l) => l.evidence },
  ];
  const title = `${page.brand.orgName}“${page.brand.name}”${page.brand.slogan ? ` — ${page.brand.slogan}` : ''}`;
  const buffer = await workbookBuffer(t.sheet, columns, lines, { sensitive: ctx.sensitive, title });
  return { name: `${page.brand.name}-${year}.xlsx`, buffer };
}
