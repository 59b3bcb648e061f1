/**
 * Reading an existing pipeline from Excel (the import template: one row per person with the
 * dates of the steps already taken). Pure: it reads the sheet with the Excel kit and checks each
 * row against what the unit holds (branches, members by name, ID numbers on file), naming the
 * row and the column of every problem. service-import.ts checks the rules and writes.
 */
import { DEVELOPMENT_STEP, DEVELOPMENT_STEP_COUNT, type ApiErrorDetail, type DataScope, type Language, parseIdNumber } from '@hongyi/core';
import type ExcelJS from 'exceljs';
import { cellDate, cellNumber, cellText, findHeader, readSheet } from '../../lib/excel.js';
import { covers } from '../../lib/scope.js';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { STEP_NAMES } from './labels.js';
import type { importLookups } from './repository.js';
import type { EntryInput } from './service.js';

/** The template's columns besides the steps; the headings stay Chinese in both languages (they are the import format). */
const COLUMNS = {
  name: ['姓名'],
  idNumber: ['公民身份号码', '身份证号码', '身份证号'],
  orgName: ['所在党支部', '党支部'],
  education: ['学历'],
  phone: ['联系电话', '手机号码'],
  mentors: ['培养联系人'],
  sponsors: ['入党介绍人'],
  noticeEnd: ['公示结束日期'],
  trainingDays: ['集中培训天数'],
  classHours: ['集中培训学时'],
} as const satisfies Record<string, readonly string[]>;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['name', 'idNumber', 'orgName'];

/** The template's headings: the columns above, then '1 递交入党申请书' … '25 材料归档'. */
export function importHeadings(): string[] {
  return [...Object.values(COLUMNS).map((names) => names[0]), ...STEP_NAMES['zh-CN'].map((n, i) => `${i + 1} ${n}`)];
}

export interface ParsedRow {
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

type Lookups = Awaited<ReturnType<typeof importLookups>>;

/** Reads the sheet and checks every row; 400 with every row's errors (rows and columns named), else the rows to create. */
export async function readPipeline(file: Buffer, lookups: Lookups, scope: DataScope, language: Language): Promise<ParsedRow[]> {
  const sheet = await readSheet(file, { invalid: new AppError(400, 'DEV_IMPORT_FILE_INVALID'), empty: new AppError(400, 'DEV_IMPORT_EMPTY') });
  const header = findHeader(sheet, COLUMNS, REQUIRED);
  // Step columns: a heading that starts with the step's number ('1 递交入党申请书', '13公示').
  const stepColumns = new Map<number, number>();
  sheet.getRow(header.row || 1).eachCell((c, col) => {
    const m = /^(\d{1,2})\D/.exec(cellText(c.value).replace(/\s+/g, ''));
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= DEVELOPMENT_STEP_COUNT) stepColumns.set(Number(m[1]), col);
  });
  if (header.missing.length > 0 || !stepColumns.has(DEVELOPMENT_STEP.application)) {
    const missing = [...header.missing.map((k) => COLUMNS[k][0]), ...(stepColumns.has(DEVELOPMENT_STEP.application) ? [] : [`1 ${STEP_NAMES['zh-CN'][0]}`])];
    throw new AppError(400, 'DEV_IMPORT_COLUMNS', {}, missing.map((h) => ({ path: `columns.${h}`, message: translate('DEV_IMPORT_COLUMN_MISSING', language, { column: h }) })));
  }
  const cell = (row: ExcelJS.Row, column: Column) => (header.columns[column] === undefined ? null : row.getCell(header.columns[column]).value);
  const text = (row: ExcelJS.Row, column: Column) => cellText(cell(row, column));

  const orgByName = new Map(lookups.orgs.map((o) => [o.name, o]));
  const membersByName = new Map<string, number[]>();
  for (const m of lookups.members) membersByName.set(m.name, [...(membersByName.get(m.name) ?? []), m.id]);

  const errors: ApiErrorDetail[] = [];
  const rows: ParsedRow[] = [];
  const seen = new Set<string>();
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const name = text(row, 'name').replace(/\s+/g, '');
    if (!name) continue;
    const err = (column: string, code: string, params: Record<string, unknown> = {}) => errors.push({ path: `rows[${r}].${column}`, message: translate(code, language, { row: r, name, ...params }) });
    const heading = (column: Column) => COLUMNS[column][0];
    const id = parseIdNumber(text(row, 'idNumber'));
    const orgName = text(row, 'orgName');
    const org = orgByName.get(orgName);
    if (!id.ok) err(heading('idNumber'), 'DEV_IMPORT_ID_NUMBER');
    else if (lookups.fileIdNumbers.has(id.value.idNumber) || seen.has(id.value.idNumber)) err(heading('idNumber'), 'DEV_IMPORT_DUPLICATE');
    if (!org) err(heading('orgName'), 'DEV_IMPORT_ORG_UNKNOWN', { org: orgName });
    else if (!covers(scope, org.path)) err(heading('orgName'), 'DEV_IMPORT_ORG_OUT_OF_SCOPE', { org: orgName });
    const people = (column: 'mentors' | 'sponsors'): number[] =>
      text(row, column)
        .split(/[、，,；;\s]+/)
        .filter(Boolean)
        .flatMap((n) => {
          const ids = membersByName.get(n) ?? [];
          if (ids.length === 1) return ids;
          err(heading(column), ids.length === 0 ? 'DEV_IMPORT_PERSON_UNKNOWN' : 'DEV_IMPORT_PERSON_AMBIGUOUS', { person: n });
          return [];
        });
    const mentors = people('mentors');
    const sponsors = people('sponsors');
    const noticeEnd = cellDate(cell(row, 'noticeEnd'));
    if (noticeEnd === null) err(heading('noticeEnd'), 'DEV_IMPORT_DATE', { column: heading('noticeEnd') });
    const entries: EntryInput[] = [];
    let dateErrors = 0;
    for (let step = 1; step <= DEVELOPMENT_STEP_COUNT; step++) {
      const col = stepColumns.get(step);
      if (!col) continue;
      const date = cellDate(row.getCell(col).value);
      if (date === null) {
        dateErrors++;
        err(`${step}`, 'DEV_IMPORT_DATE', { column: `${step} ${STEP_NAMES['zh-CN'][step - 1]}` });
      }
      if (!date) continue;
      if (step === DEVELOPMENT_STEP.pre_review_and_notice && noticeEnd) {
        // The 公示 precedes the pre-review; its start is not in the sheet, so it is taken as the
        // day of the branch committee's review (step 12) when known.
        const start = entries.find((e) => e.step === DEVELOPMENT_STEP.branch_committee_review)?.date ?? noticeEnd;
        entries.push({ kind: 'notice', step: null, date: start, peopleIds: [], details: { noticeEnd }, documents: [], note: '' });
      }
      const training = step === DEVELOPMENT_STEP.concentrated_training ? { trainingDays: cellNumber(cell(row, 'trainingDays')) || null, classHours: cellNumber(cell(row, 'classHours')) || null } : {};
      const named = step === DEVELOPMENT_STEP.mentors_assigned ? mentors : step === DEVELOPMENT_STEP.sponsors_assigned ? sponsors : [];
      entries.push({ kind: 'step', step, date, peopleIds: named, details: training, documents: [], note: '' });
    }
    if (entries.length === 0 && dateErrors === 0) err('1', 'DEV_IMPORT_NO_DATES');
    // A member's own history (up to admission, step 15, and beyond) may be imported and is linked to
    // them; a file that stops short of admission for someone already a member is refused.
    if (id.ok && lookups.memberIdNumbers.has(id.value.idNumber) && !entries.some((e) => e.step !== null && e.step >= DEVELOPMENT_STEP.branch_meeting_admission)) err(heading('idNumber'), 'DEV_IMPORT_IS_MEMBER');
    if (id.ok && org) {
      seen.add(id.value.idNumber);
      rows.push({ row: r, name, idNumber: id.value.idNumber, gender: id.value.gender, birthDate: id.value.birthDate, orgId: org.id, education: text(row, 'education') || null, phone: text(row, 'phone'), entries });
    }
  }
  if (errors.length > 0) throw new AppError(400, 'DEV_IMPORT_ROWS', { count: errors.length }, errors);
  if (rows.length === 0) throw new AppError(400, 'DEV_IMPORT_EMPTY');
  return rows;
}
