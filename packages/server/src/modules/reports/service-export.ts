/**
 * A frozen run as Excel, in the layout upper levels ask for: a sheet with the breakdown table
 * (title, 填报单位, 截至 date above it; a 合计 column and row) and a sheet with the person list in
 * the definition's columns. ID numbers are masked unless the caller has members.sensitive.
 */
import type { ReportDimension, ReportField, ReportRow } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, type SheetSpec, sheetOf, workbookSheets } from '../../lib/excel.js';
import { runForExport } from './service.js';

const FIELD_LABELS: Record<ReportField, { 'zh-CN': string; 'en-US': string }> = {
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  gender: { 'zh-CN': '性别', 'en-US': 'Gender' },
  birthDate: { 'zh-CN': '出生日期', 'en-US': 'Born' },
  age: { 'zh-CN': '年龄', 'en-US': 'Age' },
  ethnicity: { 'zh-CN': '民族', 'en-US': 'Ethnicity' },
  nativePlace: { 'zh-CN': '籍贯', 'en-US': 'Native place' },
  education: { 'zh-CN': '学历', 'en-US': 'Education' },
  degree: { 'zh-CN': '学位', 'en-US': 'Degree' },
  title: { 'zh-CN': '职称', 'en-US': 'Title' },
  post: { 'zh-CN': '职务', 'en-US': 'Post' },
  jobCategory: { 'zh-CN': '工作岗位', 'en-US': 'Occupation' },
  department: { 'zh-CN': '科室', 'en-US': 'Department' },
  org: { 'zh-CN': '所在党组织', 'en-US': 'Party organisation' },
  category: { 'zh-CN': '党员类别', 'en-US': 'Member type' },
  joinedOn: { 'zh-CN': '入党时间', 'en-US': 'Joined' },
  fullOn: { 'zh-CN': '转正时间', 'en-US': 'Full member since' },
  workStartedOn: { 'zh-CN': '参加工作时间', 'en-US': 'Started work' },
  status: { 'zh-CN': '党籍状态', 'en-US': 'Status' },
  idNumber: { 'zh-CN': '公民身份号码', 'en-US': 'ID number' },
};

const DIMENSION_LABELS: Record<ReportDimension, { 'zh-CN': string; 'en-US': string }> = {
  gender: { 'zh-CN': '性别', 'en-US': 'Gender' },
  ageBand: { 'zh-CN': '年龄段', 'en-US': 'Age band' },
  education: { 'zh-CN': '学历', 'en-US': 'Education' },
  ethnicity: { 'zh-CN': '民族', 'en-US': 'Ethnicity' },
  minority: { 'zh-CN': '汉族/少数民族', 'en-US': 'Han / minority' },
  jobCategory: { 'zh-CN': '工作岗位', 'en-US': 'Occupation' },
  org: { 'zh-CN': '党组织', 'en-US': 'Party organisation' },
  category: { 'zh-CN': '党员类别', 'en-US': 'Member type' },
  title: { 'zh-CN': '职称', 'en-US': 'Title' },
  joinedPeriod: { 'zh-CN': '入党时间段', 'en-US': 'Period of joining' },
};

const TEXT = {
  'zh-CN': { table: '汇总表', list: '人员名单', total: '合计', count: '人数', unit: '填报单位', asOf: '截至', requester: '报送', seq: '序号' },
  'en-US': { table: 'Breakdown', list: 'People', total: 'Total', count: 'Members', unit: 'Unit', asOf: 'as of', requester: 'for', seq: 'No.' },
} as const;

interface TableRow {
  label: string;
  counts: number[];
  total: number;
}

export async function runWorkbook(ctx: Ctx, id: number): Promise<{ name: string; buffer: Buffer }> {
  const { definition: d, result } = await runForExport(ctx, id);
  const t = TEXT[ctx.language];
  const heading = `${d.title}（${t.unit}：${d.orgName}；${t.asOf} ${d.asOf}${d.requester ? `；${t.requester}：${d.requester}` : ''}）`;
  const sheets: SheetSpec[] = [];
  const b = result.breakdown;
  if (b) {
    const oneDimension = b.columnDimension === null;
    const rowHeader = DIMENSION_LABELS[b.rowDimension][ctx.language] + (b.columnDimension ? ` \\ ${DIMENSION_LABELS[b.columnDimension][ctx.language]}` : '');
    const columns: SheetColumn<TableRow>[] = [
      { header: rowHeader, width: 22, value: (r) => r.label },
      ...(oneDimension ? [] : b.columns.map((c, j): SheetColumn<TableRow> => ({ header: c, width: 12, value: (r) => r.counts[j] }))),
      { header: oneDimension ? t.count : t.total, width: 10, value: (r) => r.total },
    ];
    const rows: TableRow[] = [...b.rows.map((label, i) => ({ label, counts: b.counts[i]!, total: b.rowTotals[i]! })), { label: t.total, counts: b.columnTotals, total: b.total }];
    sheets.push(sheetOf({ name: t.table, title: heading, columns, rows }));
  }
  if (d.fields.length > 0) {
    const columns: SheetColumn<ReportRow>[] = [
      { header: t.seq, width: 6, value: (_r, i) => i + 1 },
      ...d.fields.map((f): SheetColumn<ReportRow> => ({
        header: FIELD_LABELS[f][ctx.language],
        width: f === 'idNumber' ? 22 : f === 'org' ? 26 : 12,
        value: (r) => r[f] ?? '',
        ...(f === 'idNumber' ? { personal: 'idNumber' as const } : {}),
      })),
    ];
    sheets.push(sheetOf({ name: t.list, title: heading, columns, rows: result.rows }));
  }
  const buffer = await workbookSheets(sheets, { sensitive: ctx.sensitive });
  const safeTitle = d.title.replace(/[\\/:*?"<>|]/g, '_');
  return { name: `${safeTitle}-${d.asOf}.xlsx`, buffer };
}
