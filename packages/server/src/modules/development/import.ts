/**
 * Import of an existing pipeline from Excel. One row per person with the dates of the steps
 * already taken. Row errors (unknown branch, bad ID number or date, unknown mentor) block the
 * whole import; rule violations in the historical dates are kept on the entries as warnings
 * to review — not silently accepted, not a blocker. Steps recorded afterwards in Hongyi are
 * always enforced. All rows land in one transaction or none.
 */
import {
  type ApiErrorDetail,
  type DataScope,
  type DevelopmentEntryFacts,
  type Language,
  checkDevelopmentEntry,
  isValidDate,
  parseIdNumber,
  scopeCoversPath,
  stepDef,
} from '@hongyi/core';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { analyzeTables } from '../../db/analyze.js';
import type { DB } from '../../db/schema.js';
import { memberIdNumbersBlockingFiles } from './repository.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { STEP_NAMES } from './labels.js';
import { type EntryInput, type StoredWarning, loadCalendar, peopleFacts, syncFile, tenantRuleSettings } from './service.js';

type Auditor = { tenantId: number; userId: number | null; username: string; ip: string };

const BASE_HEADERS = ['姓名', '公民身份号码', '所在党支部', '学历', '联系电话', '培养联系人', '入党介绍人', '公示结束日期', '集中培训天数', '集中培训学时'];

export async function importTemplate(language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(language === 'zh-CN' ? '发展党员' : 'Development');
  // The headings stay Chinese in both languages: they are the import format.
  const headers = [...BASE_HEADERS, ...STEP_NAMES['zh-CN'].map((n, i) => `${i + 1} ${n}`)];
  sheet.addRow(headers);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return text(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
  }
  return String(value).trim();
}

/** 2025-03-01, 2025/3/1, 2025.3.1 or an Excel date cell → 'YYYY-MM-DD'; null if empty; 'invalid' otherwise. */
function dateOf(value: ExcelJS.CellValue): string | null | 'invalid' {
  const raw = text(value);
  if (!raw) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw);
  if (!m) return 'invalid';
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDate(date) ? date : 'invalid';
}

interface ParsedRow {
  row: number;
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  birthDate: string;
  orgId: number;
  education: string | null;
  phone: string;
  entries: EntryInput[];
}

export async function importPipeline(
  db: Kysely<DB>,
  auditor: Auditor,
  language: Language,
  scope: DataScope,
  fileBase64: string,
  dryRun: boolean,
  today: string,
) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(fileBase64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'DEV_IMPORT_FILE_INVALID');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(400, 'DEV_IMPORT_EMPTY');
  const columns = new Map<string, number>();
  const stepColumns = new Map<number, number>();
  sheet.getRow(1).eachCell((c, col) => {
    const h = text(c.value).replace(/\s+/g, '');
    const m = /^(\d{1,2})\D/.exec(h);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 25) stepColumns.set(Number(m[1]), col);
    else columns.set(h, col);
  });
  const missing = ['姓名', '公民身份号码', '所在党支部'].filter((h) => !columns.has(h));
  if (missing.length > 0 || !stepColumns.has(1)) {
    throw new AppError(
      400,
      'DEV_IMPORT_COLUMNS',
      {},
      [...missing, ...(stepColumns.has(1) ? [] : [`1 ${STEP_NAMES['zh-CN'][0]}`])].map((h) => ({ path: `columns.${h}`, message: translate('DEV_IMPORT_COLUMN_MISSING', language, { column: h }) })),
    );
  }
  const get = (row: ExcelJS.Row, header: string) => (columns.has(header) ? row.getCell(columns.get(header) as number).value : null);

  const orgs = await db.selectFrom('orgs').select(['id', 'name', 'path']).where('tenant_id', '=', auditor.tenantId).execute();
  const orgByName = new Map(orgs.map((o) => [o.name, o]));
  const members = await db.selectFrom('members').select(['id', 'name']).where('tenant_id', '=', auditor.tenantId).where('status', '=', 'active').execute();
  const membersByName = new Map<string, number[]>();
  for (const m of members) membersByName.set(m.name, [...(membersByName.get(m.name) ?? []), m.id]);
  const existing = new Set((await db.selectFrom('development_files').select('id_number').where('tenant_id', '=', auditor.tenantId).execute()).map((r) => r.id_number));
  const memberIdNumbers = await memberIdNumbersBlockingFiles(db, auditor.tenantId);

  const errors: ApiErrorDetail[] = [];
  const rows: ParsedRow[] = [];
  const seen = new Set<string>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const name = text(get(row, '姓名')).replace(/\s+/g, '');
    if (!name) continue;
    const err = (column: string, code: string, params: Record<string, unknown> = {}) =>
      errors.push({ path: `rows[${r}].${column}`, message: translate(code, language, { row: r, name, ...params }) });
    const id = parseIdNumber(text(get(row, '公民身份号码')));
    const orgName = text(get(row, '所在党支部'));
    const org = orgByName.get(orgName);
    if (!id.ok) err('公民身份号码', 'DEV_IMPORT_ID_NUMBER');
    else if (existing.has(id.value.idNumber) || seen.has(id.value.idNumber)) err('公民身份号码', 'DEV_IMPORT_DUPLICATE');
    if (!org) err('所在党支部', 'DEV_IMPORT_ORG_UNKNOWN', { org: orgName });
    else if (!scopeCoversPath(scope, org.path)) err('所在党支部', 'DEV_IMPORT_ORG_OUT_OF_SCOPE', { org: orgName });
    const people = (header: string): number[] => {
      const names = text(get(row, header)).split(/[、，,；;\s]+/).filter(Boolean);
      return names.flatMap((n) => {
        const ids = membersByName.get(n) ?? [];
        if (ids.length !== 1) {
          err(header, ids.length === 0 ? 'DEV_IMPORT_PERSON_UNKNOWN' : 'DEV_IMPORT_PERSON_AMBIGUOUS', { person: n });
          return [];
        }
        return ids;
      });
    };
    const mentors = people('培养联系人');
    const sponsors = people('入党介绍人');
    const noticeEnd = dateOf(get(row, '公示结束日期'));
    if (noticeEnd === 'invalid') err('公示结束日期', 'DEV_IMPORT_DATE', { column: '公示结束日期' });
    const entries: EntryInput[] = [];
    let dateErrors = 0;
    for (let step = 1; step <= 25; step++) {
      const col = stepColumns.get(step);
      if (!col) continue;
      const date = dateOf(row.getCell(col).value);
      if (date === 'invalid') dateErrors++;
      if (date === 'invalid') err(`${step}`, 'DEV_IMPORT_DATE', { column: `${step} ${STEP_NAMES['zh-CN'][step - 1]}` });
      if (!date || date === 'invalid') continue;
      if (step === 13 && noticeEnd && noticeEnd !== 'invalid') {
        // The 公示 precedes the pre-review; its start is not in the sheet, so it is taken as the
        // day after the branch committee's review (step 12) when known.
        const start = entries.find((e) => e.step === 12)?.date ?? noticeEnd;
        entries.push({ kind: 'notice', step: null, date: start, peopleIds: [], details: { noticeEnd }, documents: [], note: '' });
      }
      entries.push({
        kind: 'step',
        step,
        date,
        peopleIds: step === 5 ? mentors : step === 9 ? sponsors : [],
        details:
          step === 11
            ? { trainingDays: Number(text(get(row, '集中培训天数'))) || null, classHours: Number(text(get(row, '集中培训学时'))) || null }
            : {},
        documents: [],
        note: '',
      });
    }
    if (entries.length === 0 && dateErrors === 0) err('1', 'DEV_IMPORT_NO_DATES');
    // A member's own history (up to admission, step 15, and beyond) may be imported and is linked to
    // them; a file that stops short of admission for someone already a member is refused.
    if (id.ok && memberIdNumbers.has(id.value.idNumber) && !entries.some((e) => e.step !== null && e.step >= 15)) err('公民身份号码', 'DEV_IMPORT_IS_MEMBER');
    if (id.ok && org) {
      seen.add(id.value.idNumber);
      rows.push({
        row: r,
        name,
        idNumber: id.value.idNumber,
        gender: id.value.gender,
        birthDate: id.value.birthDate,
        orgId: org.id,
        education: text(get(row, '学历')) || null,
        phone: text(get(row, '联系电话')),
        entries,
      });
    }
  }
  if (errors.length > 0) throw new AppError(400, 'DEV_IMPORT_ROWS', { count: errors.length }, errors);
  if (rows.length === 0) throw new AppError(400, 'DEV_IMPORT_EMPTY');

  const calendar = await loadCalendar(db);
  const settings = await tenantRuleSettings(db, auditor.tenantId);
  const people = await peopleFacts(db, auditor.tenantId, rows.flatMap((r) => r.entries.flatMap((e) => e.peopleIds)));
  const warnings: { row: number; name: string; path: string; message: string }[] = [];
  const checked = rows.map((row) => {
    const history: DevelopmentEntryFacts[] = [];
    const stored = row.entries.map((entry) => {
      const violations: StoredWarning[] = checkDevelopmentEntry(history, entry, { birthDate: row.birthDate, today, calendar, settings, people });
      history.push(entry);
      for (const x of violations) warnings.push({ row: row.row, name: row.name, path: entry.step ? `${entry.step}` : entry.kind, message: translate(x.code, language, x.params) });
      return { entry, violations };
    });
    return { row, stored };
  });
  const entryCount = checked.reduce((n, c) => n + c.stored.length, 0);
  if (dryRun) return { dryRun: true, created: rows.length, entries: entryCount, warnings };

  await db.transaction().execute(async (trx) => {
    for (const { row, stored } of checked) {
      const file = await trx
        .insertInto('development_files')
        .values({
          tenant_id: auditor.tenantId,
          name: row.name,
          gender: row.gender,
          id_number: row.idNumber,
          birth_date: row.birthDate,
          education: row.education,
          phone: row.phone,
          org_id: row.orgId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const { entry, violations } of stored) {
        await trx
          .insertInto('development_entries')
          .values({
            tenant_id: auditor.tenantId,
            file_id: file.id,
            kind: entry.kind,
            step: entry.step,
            date: entry.date,
            actor: entry.step ? stepDef(entry.step).actor : 'committee',
            people: JSON.stringify(entry.peopleIds.map((id) => ({ memberId: id, name: people.get(id)?.name ?? '' }))),
            details: JSON.stringify(entry.details),
            documents: '[]',
            imported: true,
            warnings: JSON.stringify(violations),
            created_by: auditor.userId,
            created_by_name: auditor.username,
          })
          .execute();
      }
      await syncFile(trx, auditor, file.id);
    }
    await writeAudit(trx, auditor, {
      action: 'import',
      entityType: 'development_file',
      entityId: '',
      summary: `导入发展党员档案 ${rows.length} 人（${entryCount} 条记录，${warnings.length} 条待核查）`,
    });
  });
  await analyzeTables(db, ['development_files', 'development_entries']);
  return { dryRun: false, created: rows.length, entries: entryCount, warnings };
}
