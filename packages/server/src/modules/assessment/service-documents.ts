/**
 * The assessment's documents: a branch's 考核表 (docx), the summary of all branches (Excel) and a
 * branch's yearly work report (docx, its figures from the records, bar charts as PNG images, the
 * records it cites). Each reads through the assessment service, so scope is decided there.
 */
import { type Measure, type MeasureRow, aggregate, yearPeriod } from '@hongyi/core';
import { ImageRun, Paragraph, AlignmentType } from '../../lib/docx-classes.js';
import { barChartPng } from '../../lib/chart.js';
import type { Ctx } from '../../lib/context.js';
import { body, chineseDate, docxBuffer, heading, line, right, run, signatureLines, table, title } from '../../lib/docx.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import { collection } from '../dues/service-reports.js';
import { KIND_NAMES } from '../orglife/schemas.js';
import { measureRows, rootOrg } from './repository.js';
import { schemeOf, sheetDetail, sheetList, sheetOf } from './service.js';

const STATUS = {
  'zh-CN': { draft: '未提交', submitted: '已提交', returned: '已退回', graded: '已评定' },
  'en-US': { draft: 'Not submitted', submitted: 'Submitted', returned: 'Returned', graded: 'Graded' },
} as const;

const shown = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);

/** A record's words in a document: its title, else (a meeting without a title of its own) its meeting kinds, e.g. 支部委员会会议、第一议题. */
const recordTitle = (r: { title: string; kinds?: readonly string[] | undefined }) => r.title || (r.kinds ?? []).map((k) => KIND_NAMES[k as keyof typeof KIND_NAMES]?.zh ?? k).join('、') || '（无题）';

/** The 考核表 of a branch: items with weights, values, targets and scores, the self-assessment, the total and grade. */
export async function sheetDocument(ctx: Ctx, id: number): Promise<{ name: string; buffer: Buffer }> {
  const d = await sheetDetail(ctx, id);
  const pending = d.suggestedGrade === null;
  const children = [
    title(`${d.orgName}${d.scheme.year}年度述职评议考核表`),
    line('考核方案', d.scheme.title),
    line('党支部', d.orgName),
    line('状态', STATUS['zh-CN'][d.status]),
    heading('一、考核项目'),
    table(
      ['序号', '项目', '权重', '完成值', '目标值', '得分'],
      d.items.map((it, i) => [String(i + 1), it.name, String(it.weight), it.kind === 'manual' ? '党委评分' : shown(it.value, it.unit), it.kind === 'manual' ? '—' : shown(it.target, it.unit), shown(it.score)]),
      { widths: [700, 3300, 900, 1400, 1400, 1000] },
    ),
    line(pending ? '自动评分项目得分' : '总分', String(d.total)),
    line('建议等次', d.suggestedGrade ?? '待党委评分'),
    line('评定等次', d.grade ?? '未评定'),
    ...(d.gradeReason ? [line('评定理由', d.gradeReason)] : []),
    heading('二、支部自评'),
    ...(d.selfAssessment ? d.selfAssessment.split(/\n+/).map((p) => body(p)) : [body('（未填写）')]),
    heading('三、主要依据记录'),
    ...d.items.flatMap((it) => (it.evidence.length === 0 ? [] : [body(`${it.name}（共 ${it.records} 条）：${it.evidence.slice(0, 8).map((e) => `${e.date ? `${e.date} ` : ''}${recordTitle(e)}`).join('；')}`, false)])),
    ...signatureLines(['支部书记', '党委负责人']),
  ];
  return { name: `${d.orgName}-${d.scheme.year}年度考核表.docx`, buffer: await docxBuffer(children) };
}

interface SummaryRow {
  orgName: string;
  status: keyof (typeof STATUS)['zh-CN'];
  total: number;
  awaitingScores: boolean;
  suggestedGrade: string | null;
  grade: string | null;
}

/**
 * All branches of a scheme in the caller's scope: status, total, suggested grade and grade. Until
 * the 党委 scores a sheet's manual items its total is the automatic items' only (the column after
 * it says so) and it suggests no grade yet: 待党委评分, as the page says.
 */
export async function summaryWorkbook(ctx: Ctx, schemeId: number): Promise<{ name: string; buffer: Buffer }> {
  const list = await sheetList(ctx, schemeId);
  const zh = ctx.language === 'zh-CN';
  const manual = list.scheme.items.some((i) => i.kind === 'manual');
  const columns: SheetColumn<SummaryRow>[] = [
    { header: zh ? '序号' : 'No.', width: 6, value: (_r, i) => i + 1 },
    { header: zh ? '党支部' : 'Branch', width: 30, value: (r) => r.orgName },
    { header: zh ? '状态' : 'Status', width: 12, value: (r) => STATUS[ctx.language][r.status] },
    { header: zh ? '总分' : 'Total', width: 10, value: (r) => r.total },
    ...(manual
      ? [{ header: zh ? '总分范围' : 'Total covers', width: 22, value: (r: SummaryRow) => (r.awaitingScores ? (zh ? '自动评分项目（部分总分）' : 'Automatic items only (partial)') : zh ? '全部项目' : 'All items') }]
      : []),
    { header: zh ? '建议等次' : 'Suggested grade', width: 16, value: (r) => r.suggestedGrade ?? (zh ? '待党委评分' : 'Awaiting committee scoring') },
    { header: zh ? '评定等次' : 'Grade', width: 12, value: (r) => r.grade ?? '' },
  ];
  const buffer = await workbookBuffer(zh ? '考核汇总' : 'Summary', columns, list.items, { title: `${list.scheme.year}${zh ? '年度' : ' '}${list.scheme.title}` });
  return { name: `${list.scheme.title}-${zh ? '汇总' : 'summary'}.xlsx`, buffer };
}

// ---------------------------------------------------------------------------------------
// The branch's yearly work report
// ---------------------------------------------------------------------------------------

const REPORT_MEASURES: Array<{ key: string; name: string; unit: string; measure: Measure }> = [
  { key: 'meetings', name: '组织生活会议', unit: '次', measure: { source: 'orglife', aggregate: 'count', filters: {}, scope: 'subtree' } },
  { key: 'development', name: '发展党员工作步骤', unit: '步', measure: { source: 'development', aggregate: 'count', filters: {}, scope: 'subtree' } },
  { key: 'service', name: '志愿服务活动', unit: '次', measure: { source: 'service', aggregate: 'count', filters: {}, scope: 'subtree' } },
  { key: 'beneficiaries', name: '服务群众', unit: '人次', measure: { source: 'service', aggregate: 'sum', field: 'beneficiaries', filters: {}, scope: 'subtree' } },
  { key: 'honours', name: '获得荣誉', unit: '项', measure: { source: 'honour', aggregate: 'count', filters: {}, scope: 'subtree' } },
  { key: 'projects', name: '党建项目', unit: '个', measure: { source: 'project', aggregate: 'count', filters: {}, scope: 'subtree' } },
];

const image = (png: Buffer, width: number, height: number) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width, height } })] });
const caption = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(text, { size: 21 })] });

/**
 * How much the work report cites, so that it stays within 3–6 A4 pages whatever the branch
 * recorded: at most this many records per section, and the self-assessment up to this many
 * characters (the 考核表 carries it in full). assessment.test.ts estimates the pages of the
 * fullest report (every section and the self-assessment at their caps) from the document's
 * paragraphs, table rows and images.
 */
export const REPORT_LIMITS = { recordsPerSection: 6, selfAssessmentChars: 1200 } as const;

/** The branch's dues of the year (应缴, 实缴, 收缴率): the dues area's own collection figures, read aggregate-only over the branch's subtree (no person, whatever the reader's dues permission). */
async function branchDues(ctx: Ctx, org: { id: number; path: string }, year: number) {
  const scope = { kind: 'subtree' as const, orgIds: [org.id], paths: [org.path] };
  const c = await collection({ ...ctx, sensitive: false, can: (p) => p === 'dues.read' || ctx.can(p), scope: (p) => (p === 'dues.read' ? scope : ctx.scope(p)) }, { year });
  const due = c.items.reduce((a, x) => a + x.dueCents, 0);
  const paid = c.items.reduce((a, x) => a + x.paidCents, 0);
  return { dueCents: due, paidCents: paid, rate: due > 0 ? Math.round((paid / due) * 1000) / 10 : null };
}

const yuan = (cents: number) => (cents / 100).toFixed(2);

/** The branch's yearly work report: its figures from its records, two charts, the dues collection rate, the assessment items and the records it cites. */
export async function workReport(ctx: Ctx, sheetId: number): Promise<{ name: string; buffer: Buffer }> {
  const h = await sheetOf(ctx, ctx.db, sheetId, 'assessment.read');
  const s = await schemeOf(ctx, ctx.db, h.schemeId);
  const d = await sheetDetail(ctx, sheetId);
  const period = yearPeriod(s.year, ctx.today);
  const root = await rootOrg(ctx.db, ctx.tenantId);
  const branch = { id: h.orgId, path: h.orgPath };
  const figures: Array<(typeof REPORT_MEASURES)[number] & { value: number; rows: MeasureRow[] }> = [];
  for (const m of REPORT_MEASURES) {
    const rows = await measureRows(ctx.db, ctx.tenantId, m.measure, branch, period, root?.id ?? h.orgId, ctx.today);
    figures.push({ ...m, value: aggregate(m.measure, rows, [h.orgPath]), rows });
  }
  const fig = (key: string) => figures.find((f) => f.key === key)!;
  const dues = await branchDues(ctx, branch, s.year);
  const duesRate = dues.rate === null ? '—' : `${dues.rate}%`;
  const self = d.selfAssessment.length > REPORT_LIMITS.selfAssessmentChars ? `${d.selfAssessment.slice(0, REPORT_LIMITS.selfAssessmentChars)}……（全文见考核表）` : d.selfAssessment;
  const meetings = fig('meetings');
  const byMonth = Array.from({ length: 12 }, (_, i) => meetings.rows.filter((r) => Number(r.date.slice(5, 7)) === i + 1).length);
  const counts = figures.filter((f) => f.key !== 'beneficiaries');
  const cite = (key: string, limit: number) => fig(key).rows.slice(0, limit).map((r) => `${r.date ? `${chineseDate(r.date)}，` : ''}${recordTitle(r)}`);
  const section = (key: string, intro: string) => {
    const f = fig(key);
    const lines = cite(key, REPORT_LIMITS.recordsPerSection);
    return [body(`${intro}全年共 ${f.value}${f.unit}${lines.length > 0 ? '，主要有：' : '。'}`), ...lines.map((l, i) => body(`${i + 1}. ${l}`, false))];
  };
  const children = [
    title(`${h.orgName}${s.year}年度工作报告`),
    right(`（${chineseDate(period.to)}）`),
    heading('一、基本情况'),
    body(`${s.year}年，${h.orgName}在院党委的领导下，坚持以习近平新时代中国特色社会主义思想为指导，认真落实党建工作责任制，围绕医院中心工作抓党建、促业务。本报告依据系统中记录的组织生活、发展党员、志愿服务、荣誉和党建项目等数据生成，统计期间为 ${period.from} 至 ${period.to}。`),
    table(
      ['项目', '数值'],
      [...figures.map((f) => [f.name, `${f.value}${f.unit}`]), ['党费收缴率', duesRate]],
      { widths: [5000, 3700] },
    ),
    image(barChartPng(counts.map((f) => f.value), { colourEach: true }), 480, 240),
    caption(`图1　主要工作量（自左至右：${counts.map((f) => f.name).join('、')}）`),
    heading('二、组织生活开展情况'),
    ...section('meetings', '支部严格落实“三会一课”等组织生活制度，'),
    image(barChartPng(byMonth), 480, 240),
    caption(`图2　各月组织生活次数（1—12月：${byMonth.join('、')}）`),
    heading('三、党员发展与教育管理'),
    ...section('development', '支部按照“坚持标准、保证质量、改善结构、慎重发展”的方针做好发展党员工作，'),
    body(
      dues.rate === null
        ? `${s.year}年度支部暂无应缴党费记录。`
        : `支部按月收缴党费，${s.year}年度应缴党费 ${yuan(dues.dueCents)} 元，实缴 ${yuan(dues.paidCents)} 元，党费收缴率 ${duesRate}。`,
    ),
    heading('四、服务群众与志愿服务'),
    ...section('service', `支部组织党员开展志愿服务，服务群众 ${fig('beneficiaries').value} 人次，`),
    heading('五、荣誉与党建项目'),
    ...section('honours', '支部及党员获得各级表彰，'),
    ...section('projects', '支部承担党建项目，'),
    heading('六、年度考核情况'),
    body(
      d.suggestedGrade === null
        ? `按照“${s.title}”，本支部自动评分项目得分 ${d.total} 分，党委评分项目待评分。`
        : `按照“${s.title}”，本支部考核总分 ${d.total} 分，建议等次“${d.suggestedGrade}”${d.grade ? `，党委评定等次“${d.grade}”` : ''}。`,
    ),
    table(
      ['项目', '权重', '完成值', '得分'],
      d.items.map((it) => [it.name, String(it.weight), it.kind === 'manual' ? '党委评分' : shown(it.value, it.unit), shown(it.score)]),
      { widths: [4200, 1200, 1800, 1500] },
    ),
    heading('七、支部自评'),
    ...(self ? self.split(/\n+/).map((p) => body(p)) : [body('（支部尚未填写自评。）')]),
    heading('八、存在的不足和下一步打算'),
    body('对照年度考核要求，支部在组织生活质量、党员教育的针对性和党建与业务融合的深度上仍有提升空间。下一步，支部将继续规范组织生活，按计划做好发展党员工作，深化志愿服务品牌建设，推动党建项目取得实效，以高质量党建引领医院高质量发展。'),
    right(`中共${h.orgName.replace(/^中共/, '')}`),
    right(chineseDate(period.to)),
  ];
  return { name: `${h.orgName}-${s.year}年度工作报告.docx`, buffer: await docxBuffer(children) };
}
