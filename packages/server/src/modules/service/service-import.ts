/**
 * Importing a series' past issues from the list an office already keeps in Excel ("急救知识进万家"
 * 第 1–106 期): one row per issue with its number and date, optional title, kind, place, figures
 * and participants' names. Headings are found with their synonyms below a title row (lib/excel).
 * Every row is checked and every problem reported with its Excel row and column; rows land all in
 * one transaction or none. A name that matches one active member of the series' org (and below)
 * is linked to that member; other names are kept as non-member staff.
 */
import { type ApiErrorDetail, SERVICE_LIMITS, issueLabel } from '@hongyi/core';
import type ExcelJS from 'exceljs';
import type { Ctx } from '../../lib/context.js';
import { cellDate, cellNumber, cellText, findHeader, isFooterRow, readSheet, workbookBuffer } from '../../lib/excel.js';
import { covers } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { loadSettings } from '../settings/service.js';
import { type EventValues, type ParticipantRow, findSeries, insertImportedIssue, issueNumbersOf, lockSeries, membersUnder, settleLastIssue } from './repository.js';

/** Column → the headings it goes by (the first one names it in messages). */
export const SERIES_IMPORT_COLUMNS = {
  issueNo: ['期数', '期次', '期号', '第几期', '序号'],
  heldOn: ['日期', '活动日期', '时间', '开展时间', '活动时间'],
  title: ['主题', '活动主题', '标题', '活动名称', '内容'],
  kind: ['活动类型', '类型', '类别'],
  placeType: ['地点类型', '场所类型', '五进类型'],
  place: ['地点', '活动地点', '场所'],
  region: ['地区', '区域'],
  beneficiaries: ['服务人次', '受益人次', '服务群众', '受益群众', '参与群众'],
  trained: ['培训人数', '培训人次', '受训人数'],
  classHours: ['课时', '授课课时', '远程教学课时'],
  mediaReach: ['浏览量', '阅读量', '观看人次'],
  participants: ['参与人员', '参加人员', '志愿者', '参与党员'],
  hours: ['人均时长', '时长', '服务时长', '每人时长（小时）', '时长（小时）'],
} as const;
type Column = keyof typeof SERIES_IMPORT_COLUMNS;
const REQUIRED: Column[] = ['issueNo', 'heldOn'];
const MAX_ROWS = 5000;

export async function seriesImportTemplate(): Promise<Buffer> {
  const columns = (Object.keys(SERIES_IMPORT_COLUMNS) as Column[]).map((c) => ({ header: SERIES_IMPORT_COLUMNS[c][0] as string, width: 14, value: () => '' }));
  return workbookBuffer('系列活动', columns, []);
}

interface ParsedIssue {
  row: number;
  issueNo: number;
  values: EventValues;
  names: string[];
  hours: number;
}

export interface SeriesImportResult {
  dryRun: boolean;
  rows: number;
  imported: number;
  first: number | null;
  last: number | null;
  errors: ApiErrorDetail[];
}

export async function importSeriesIssues(ctx: Ctx, seriesId: number, content: Buffer, dryRun: boolean): Promise<SeriesImportResult> {
  const scope = ctx.scope('service.write');
  const series = await findSeries(ctx.db, ctx.tenantId, seriesId);
  if (!series) throw notFound('SERVICE_SERIES_NOT_FOUND', seriesId);
  if (!covers(scope, series.orgPath)) throw new AppError(403, 'OUT_OF_SCOPE');
  const t = (code: string, params: Record<string, unknown>) => translate(code, ctx.language, params);
  const sheet = await readSheet(content, { invalid: new AppError(400, 'SERVICE_IMPORT_FILE_INVALID'), empty: new AppError(400, 'SERVICE_IMPORT_EMPTY') });
  const header = findHeader(sheet, SERIES_IMPORT_COLUMNS, REQUIRED);
  if (header.missing.length > 0) {
    throw new AppError(400, 'SERVICE_IMPORT_COLUMNS', {}, header.missing.map((c) => ({ path: `columns.${SERIES_IMPORT_COLUMNS[c][0]}`, message: t('SERVICE_IMPORT_COLUMN_MISSING', { column: SERIES_IMPORT_COLUMNS[c][0] }) })));
  }
  const settings = (await loadSettings(ctx.db, ctx.tenantId, 'service')).value;
  const members = await membersUnder(ctx.db, ctx.tenantId, series.orgPath);
  const byName = new Map<string, number[]>();
  for (const m of members) byName.set(m.name, [...(byName.get(m.name) ?? []), m.id]);
  const taken = new Set(await issueNumbersOf(ctx.db, ctx.tenantId, seriesId));

  const errors: ApiErrorDetail[] = [];
  const parsed: ParsedIssue[] = [];
  const inFile = new Map<number, number>();
  const cell = (row: ExcelJS.Row, c: Column) => (header.columns[c] ? row.getCell(header.columns[c]).value : null);
  const heading = (c: Column) => SERIES_IMPORT_COLUMNS[c][0];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const texts = (Object.keys(SERIES_IMPORT_COLUMNS) as Column[]).map((c) => cellText(cell(row, c)));
    if (texts.every((x) => x === '')) continue;
    if (isFooterRow(texts)) break;
    if (parsed.length + errors.length > MAX_ROWS) {
      errors.push({ path: `rows[${r}]`, message: t('SERVICE_IMPORT_TOO_MANY', { max: MAX_ROWS }) });
      break;
    }
    const rowErrors: ApiErrorDetail[] = [];
    const fail = (c: Column, code: string, params: Record<string, unknown> = {}) => rowErrors.push({ path: `rows[${r}].${heading(c)}`, message: t(code, { row: r, column: heading(c), ...params }) });
    const count = (c: Column, max: number): number => {
      const n = cellNumber(cell(row, c));
      if (n === undefined) return 0;
      if (n === null || n < 0 || n > max || (c !== 'hours' && !Number.isInteger(n))) {
        fail(c, 'SERVICE_IMPORT_NUMBER_INVALID', { value: cellText(cell(row, c)) });
        return 0;
      }
      return n;
    };
    const issueNo = cellNumber(cell(row, 'issueNo'));
    if (issueNo === undefined || issueNo === null || !Number.isInteger(issueNo) || issueNo < 1 || issueNo > SERVICE_LIMITS.issueNumber) {
      fail('issueNo', 'SERVICE_IMPORT_ISSUE_INVALID', { value: cellText(cell(row, 'issueNo')) });
    } else if (inFile.has(issueNo)) fail('issueNo', 'SERVICE_IMPORT_ISSUE_REPEATED', { issue: issueNo, other: inFile.get(issueNo) });
    else if (taken.has(issueNo)) fail('issueNo', 'SERVICE_IMPORT_ISSUE_TAKEN', { issue: issueNo });
    if (typeof issueNo === 'number' && Number.isInteger(issueNo)) inFile.set(issueNo, r);
    const heldOn = cellDate(cell(row, 'heldOn'));
    if (!heldOn) fail('heldOn', 'SERVICE_IMPORT_DATE_INVALID', { value: cellText(cell(row, 'heldOn')) });
    else if (heldOn > ctx.today) fail('heldOn', 'SERVICE_IMPORT_DATE_FUTURE', { value: heldOn });
    const kind = cellText(cell(row, 'kind')) || series.kind || settings.eventKinds[0]!;
    if (!settings.eventKinds.includes(kind)) fail('kind', 'SERVICE_IMPORT_KIND_UNKNOWN', { value: kind });
    const placeType = cellText(cell(row, 'placeType'));
    if (placeType && !settings.placeTypes.includes(placeType)) fail('placeType', 'SERVICE_IMPORT_PLACE_TYPE_UNKNOWN', { value: placeType });
    const values = {
      beneficiaries: count('beneficiaries', SERVICE_LIMITS.count),
      trained: count('trained', SERVICE_LIMITS.count),
      classHours: count('classHours', SERVICE_LIMITS.classHours),
      mediaReach: cellNumber(cell(row, 'mediaReach')) === undefined ? null : count('mediaReach', SERVICE_LIMITS.count),
      hours: count('hours', SERVICE_LIMITS.hoursPerParticipant),
    };
    const names = [...new Set(cellText(cell(row, 'participants')).split(/[、,，;；\s]+/).map((n) => n.trim()).filter(Boolean))];
    if (names.some((n) => n.length > 50)) fail('participants', 'SERVICE_IMPORT_NAME_TOO_LONG', {});
    const title = cellText(cell(row, 'title')).slice(0, 200) || `${series.name} ${issueLabel(typeof issueNo === 'number' ? issueNo : 0, 'zh-CN')}`;
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    parsed.push({
      row: r,
      issueNo: issueNo as number,
      names,
      hours: values.hours,
      values: {
        org_id: series.orgId,
        kind,
        title,
        held_on: heldOn as string,
        place_type: placeType,
        place: cellText(cell(row, 'place')).slice(0, 200),
        region: cellText(cell(row, 'region')).slice(0, 50),
        beneficiaries: values.beneficiaries,
        trained: values.trained,
        class_hours: values.classHours,
        media_reach: values.mediaReach,
        orglife_record_id: null,
        note: '',
      },
    });
  }
  if (parsed.length === 0 && errors.length === 0) throw new AppError(400, 'SERVICE_IMPORT_EMPTY');
  const numbers = parsed.map((p) => p.issueNo);
  const result = { dryRun, rows: parsed.length + errors.length, imported: 0, first: numbers.length ? Math.min(...numbers) : null, last: numbers.length ? Math.max(...numbers) : null, errors };
  if (errors.length > 0) throw new AppError(400, 'SERVICE_IMPORT_ROWS', { count: errors.length }, errors.slice(0, 200));
  if (dryRun) return result;

  await ctx.db.transaction().execute(async (trx) => {
    const last = await lockSeries(trx, ctx.tenantId, seriesId);
    if (last === undefined) throw notFound('SERVICE_SERIES_NOT_FOUND', seriesId);
    // Issues recorded meanwhile: re-check under the lock.
    const now = new Set(await issueNumbersOf(trx, ctx.tenantId, seriesId));
    const clash = parsed.find((p) => now.has(p.issueNo));
    if (clash) throw new AppError(409, 'SERVICE_IMPORT_ISSUE_TAKEN', { row: clash.row, column: heading('issueNo'), issue: clash.issueNo });
    for (const p of parsed) {
      const people: ParticipantRow[] = p.names.map((name) => {
        const ids = byName.get(name) ?? [];
        return ids.length === 1 ? { kind: 'member', memberId: ids[0]!, name, hours: p.hours } : { kind: 'staff', memberId: null, name, hours: p.hours };
      });
      await insertImportedIssue(trx, ctx.tenantId, seriesId, p.issueNo, p.values, people, ctx.userId);
    }
    await settleLastIssue(trx, ctx.tenantId, seriesId, last);
    await writeAudit(trx, ctx.auditor, {
      action: 'import',
      entityType: 'service_series',
      entityId: seriesId,
      summary: `导入系列活动往期记录：${series.name} ${parsed.length} 期（第 ${result.first}–${result.last} 期）`,
      after: { issues: numbers },
    });
  });
  return { ...result, imported: parsed.length };
}
