/**
 * Reading a roster as organisation offices really have it (formats.md "Member roster"): the
 * header row may sit below title rows and merged cells, headings come in any order with
 * synonyms, dates are text in several forms or Excel serials, ID numbers are text or numbers,
 * full-width characters and stray spaces are everywhere (the Excel kit reads all of that).
 * Every row is checked and every problem is reported with its Excel row, its column heading
 * and the reason.
 */
import { type ApiErrorDetail, type DataScope, type Language, compareDates, joinedUnderAge, normaliseEthnicity, parseIdNumber } from '@hongyi/core';
import type ExcelJS from 'exceljs';
import type { MemberStatus } from '../../db/schema.js';
import { cellDate, cellText, cellValue, findHeader, isFooterRow, readSheet, yieldToEventLoop } from '../../lib/excel.js';
import { type PersonViewer, presentField, presentIdNumber, presentPhone } from '../../lib/person.js';
import { covers } from '../../lib/scope.js';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { ROSTER_COLUMNS, type RosterField, STATUS_LABELS, educationOf, titleOf } from './fields.js';
import type { HeldMember, rosterReferenceData } from './repository-roster.js';

/** A member's record as the roster gives it: only the columns present in the file are set. */
export interface RosterValues {
  name?: string;
  gender?: 'male' | 'female';
  id_number?: string;
  ethnicity?: string;
  native_place?: string;
  birth_date?: string | null;
  education?: string | null;
  degree?: string | null;
  category?: 'full' | 'probationary';
  org_id?: number;
  party_group_id?: number | null;
  joined_on?: string | null;
  full_on?: string | null;
  work_started_on?: string | null;
  job_category?: string | null;
  post?: string;
  title?: string | null;
  department_id?: number | null;
  campus_id?: number | null;
  phone?: string;
  address?: string;
  status?: MemberStatus;
  lost_contact?: boolean;
  flow_to?: string;
  sponsors?: string;
}

export interface RosterRow {
  /** The row number as the user sees it in Excel. */
  row: number;
  name: string;
  idNumber: string;
  orgName: string;
  action: 'add' | 'update' | 'unchanged' | 'error';
  memberId: number | null;
  /** For updates: which fields change, old → new (display values). */
  changes: { field: string; from: string | null; to: string | null }[];
  errors: ApiErrorDetail[];
  values: RosterValues;
  /** The record held for this ID number before the import (for the change history). */
  existing: Record<string, unknown> | null;
}

const MAX_ROWS = 20_000;
/** Rows read or checked between two yields to the event loop. */
const ROWS_PER_SLICE = 500;

function yesNo(text: string): boolean | null {
  if (['是', 'y', 'yes', '1', 'true', '√'].includes(text.toLowerCase())) return true;
  if (['否', 'n', 'no', '0', 'false', '', '×'].includes(text.toLowerCase())) return false;
  return null;
}

const CATEGORY: Record<string, 'full' | 'probationary'> = { 正式党员: 'full', 正式: 'full', full: 'full', 预备党员: 'probationary', 预备: 'probationary', probationary: 'probationary' };
const GENDER: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', m: 'male', f: 'female', male: 'male', female: 'female' };
const STATUS: Record<string, MemberStatus> = { 正常: 'active', 在册: 'active', 在籍: 'active', '': 'active' };
for (const [k, v] of Object.entries(STATUS_LABELS)) STATUS[v] = k as MemberStatus;

/** Every name a roster column goes by (the first is the one the template writes). */
const ROSTER_HEADINGS = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.field, [c.zh, c.en, ...c.synonyms]])) as Record<RosterField, string[]>;

/** An ID number Excel stored as a number (or shows in E-notation): its digits beyond the 15th are gone. */
function idStoredAsNumber(value: ExcelJS.CellValue): boolean {
  const v = cellValue(value);
  if (typeof v === 'number') return Math.abs(v) >= 1e14;
  return typeof v === 'string' && /^\s*\d(\.\d+)?e\+?\d+\s*$/i.test(v);
}

const MEMBER_BRANCH_TYPES = new Set(['branch', 'joint_branch', 'general_branch', 'committee']);

const idText = (v: ExcelJS.CellValue) => cellText(v).replace(/\s/g, '').toUpperCase();

/** A roster as read from its file, before anything is compared: the cells of each member row. */
export interface RosterSheet {
  /** The heading of each column found, as the file writes it (error messages name it). */
  headings: Map<RosterField, string>;
  rows: { row: number; cells: Map<RosterField, ExcelJS.CellValue> }[];
}

/**
 * Reads a roster file: the heading row (below any title rows, headings in any order and by any
 * of their names), then every row with something in it, footers (合计, 填表人, 制表日期 …) left out.
 */
export async function readRosterSheet(file: Buffer): Promise<RosterSheet> {
  const sheet = await readSheet(file, { invalid: new AppError(400, 'ROSTER_FILE_INVALID'), empty: new AppError(400, 'ROSTER_EMPTY') });
  const header = findHeader(sheet, ROSTER_HEADINGS, ['name', 'idNumber']);
  const found = Object.entries(header.columns) as [RosterField, number][];
  if (found.length < 2 || header.missing.length > 0) {
    const missing = header.missing.length > 0 ? header.missing : (['name', 'idNumber'] as RosterField[]);
    throw new AppError(400, 'ROSTER_HEADER_NOT_FOUND', { missing: missing.map((f) => ROSTER_HEADINGS[f][0]).join('、') });
  }
  const headings = new Map(found.map(([field, col]) => [field, cellText(sheet.getRow(header.row).getCell(col).value)]));
  const rows: RosterSheet['rows'] = [];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = new Map<RosterField, ExcelJS.CellValue>();
    let any = false;
    for (const [field, col] of found) {
      const v = row.getCell(col).value;
      cells.set(field, v);
      if (cellText(v) !== '') any = true;
    }
    if (r % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    if (!any) continue;
    // A footer (合计, 填表人, 制表日期 …), in any column including unnamed ones such as 序号 —
    // unless the row carries an ID number (then its other cells need not be read for it).
    if (!/\d{15,}/.test(idText(cells.get('idNumber') ?? null))) {
      const texts: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => texts.push(cellText(cell.value)));
      if (isFooterRow(texts)) continue;
    }
    rows.push({ row: r, cells });
    if (rows.length > MAX_ROWS) throw new AppError(400, 'ROSTER_TOO_MANY_ROWS', { max: MAX_ROWS });
  }
  if (rows.length === 0) throw new AppError(400, 'ROSTER_EMPTY');
  return { headings, rows };
}

/** The well-formed ID numbers of the roster's rows: the members to compare with. */
export function rosterIdNumbers(sheet: RosterSheet): string[] {
  return [...new Set(sheet.rows.map((x) => idText(x.cells.get('idNumber') ?? null)).filter((s) => /^\d{17}[\dX]$/.test(s)))];
}

interface Lookups {
  orgs: Map<string, { id: number; type: string; path: string; parent_id: number | null; name: string }[]>;
  groups: Map<string, { id: number; parent_id: number | null }[]>;
  departments: Map<string, number>;
  campuses: Map<string, number>;
  members: Map<string, HeldMember>;
  departmentNames: Map<number, string>;
  campusNames: Map<number, string>;
  orgNames: Map<number, string>;
}

type Reference = Awaited<ReturnType<typeof rosterReferenceData>>;

function lookupsOf(ref: Reference, held: readonly HeldMember[]): Lookups {
  const orgs: Lookups['orgs'] = new Map();
  const groups: Lookups['groups'] = new Map();
  const orgNames = new Map<number, string>();
  for (const o of ref.orgs) {
    orgNames.set(o.id, o.name);
    const target = (o.type === 'party_group' ? groups : orgs) as Map<string, (typeof o)[]>;
    for (const key of new Set([o.name, o.short_name].filter(Boolean))) target.set(key, [...(target.get(key) ?? []), o]);
  }
  return {
    orgs,
    groups,
    departments: new Map(ref.departments.map((d) => [d.name, d.id])),
    campuses: new Map(ref.campuses.map((c) => [c.name, c.id])),
    departmentNames: new Map(ref.departments.map((d) => [d.id, d.name])),
    campusNames: new Map(ref.campuses.map((c) => [c.id, c.name])),
    orgNames,
    members: new Map(held.map((m) => [m.id_number, m])),
  };
}

/**
 * Checks every row of a roster and compares it with what the unit holds (its orgs,
 * departments, campuses and the members already holding the file's ID numbers) to say what a
 * commit would do. Pure (it only yields to the event loop between slices of rows): the service
 * reads what is compared.
 */
export async function checkRoster(sheet: RosterSheet, ref: Reference, held: readonly HeldMember[], scope: DataScope, language: Language, viewer: PersonViewer): Promise<RosterRow[]> {
  const t = (code: string, params: Record<string, unknown>) => translate(code, language, params);
  const headingOf = (f: RosterField) => sheet.headings.get(f) ?? ROSTER_HEADINGS[f][0];
  const raw = sheet.rows;
  const lk = lookupsOf(ref, held);
  const seen = new Map<string, number>();
  const out: RosterRow[] = [];

  for (const [index, { row, cells }] of raw.entries()) {
    // A file of thousands of rows is checked in slices, other requests answered in between.
    if (index > 0 && index % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    const errors: ApiErrorDetail[] = [];
    const values: RosterValues = {};
    const err = (field: RosterField, code: string, params: Record<string, unknown> = {}) =>
      errors.push({ path: `rows[${row}].${field}`, message: t(code, { row, column: headingOf(field), ...params }) });
    const text = (f: RosterField) => (cells.has(f) ? cellText(cells.get(f) ?? null) : undefined);

    const name = (text('name') ?? '').replace(/\s/g, '');
    if (!name) err('name', 'ROSTER_REQUIRED');
    else values.name = name;

    // 公民身份号码: text or a number. A number of 18 digits has already lost its last digits in Excel.
    const idCell = cells.get('idNumber') ?? null;
    const idNumber = idText(idCell);
    let parsed: ReturnType<typeof parseIdNumber> | null = null;
    if (!idNumber) err('idNumber', 'ROSTER_REQUIRED');
    else if (idStoredAsNumber(idCell)) {
      // Said as it is, not as the gender or check-digit error the lost digits would cause.
      err('idNumber', 'ROSTER_ID_STORED_AS_NUMBER');
    } else {
      parsed = parseIdNumber(idNumber);
      if (!parsed.ok) {
        err('idNumber', `ROSTER_ID_${parsed.problem.toUpperCase()}`, { value: presentIdNumber(viewer, idNumber) });
      } else {
        values.id_number = parsed.value.idNumber;
        const first = seen.get(parsed.value.idNumber);
        if (first !== undefined) err('idNumber', 'ROSTER_DUPLICATE_IN_FILE', { first });
        else seen.set(parsed.value.idNumber, row);
      }
    }
    const fromId = parsed?.ok ? parsed.value : null;

    const genderText = text('gender');
    if (genderText) {
      const g = GENDER[genderText.toLowerCase()];
      if (!g) err('gender', 'ROSTER_VALUE_UNKNOWN', { value: genderText });
      else if (fromId && g !== fromId.gender) err('gender', 'ROSTER_GENDER_MISMATCH', { value: genderText });
      else values.gender = g;
    } else if (fromId) values.gender = fromId.gender;

    const dateOf = (f: RosterField): string | null | undefined => {
      if (!cells.has(f)) return undefined;
      const d = cellDate(cells.get(f) ?? null);
      if (d === null) err(f, 'ROSTER_DATE_INVALID', { value: cellText(cells.get(f) ?? null) });
      return d;
    };
    const birth = dateOf('birthDate');
    if (birth && fromId && birth !== fromId.birthDate && birth.slice(0, 7) !== fromId.birthDate.slice(0, 7)) {
      err('birthDate', 'ROSTER_BIRTH_MISMATCH', { value: birth, fromId: fromId.birthDate });
    }
    if (fromId) values.birth_date = fromId.birthDate;
    const joined = dateOf('joinedOn');
    const full = dateOf('fullOn');
    const work = dateOf('workStartedOn');
    if (cells.has('joinedOn') && joined === undefined) err('joinedOn', 'ROSTER_REQUIRED');
    if (joined) values.joined_on = joined;
    if (full) values.full_on = full;
    if (work) values.work_started_on = work;
    const birthDate = fromId?.birthDate ?? birth ?? null;
    // 出生日期 < 入党日期 ≤ 转为正式党员日期
    if (birthDate && joined && compareDates(joined, birthDate) <= 0) err('joinedOn', 'ROSTER_JOINED_BEFORE_BIRTH', { joined, birth: birthDate });
    else if (birthDate && joined) {
      // 党章 第一条: nobody joins before their 18th birthday.
      const under = joinedUnderAge(birthDate, joined);
      if (under) err('joinedOn', 'ROSTER_JOINED_UNDER_18', { joined, birth: birthDate, earliest: under.earliest });
    }
    if (joined && full && compareDates(full, joined) < 0) err('fullOn', 'ROSTER_FULL_BEFORE_JOINED', { full, joined });

    const categoryText = text('category');
    if (categoryText) {
      const c = CATEGORY[categoryText.replace(/\s/g, '').toLowerCase()];
      if (!c) err('category', 'ROSTER_VALUE_UNKNOWN', { value: categoryText });
      else values.category = c;
    } else if (cells.has('category') || !lk.members.has(idNumber)) {
      // New members need a category; infer it from 转正日期 when the column is absent.
      if (full) values.category = 'full';
      else err('category', 'ROSTER_REQUIRED');
    }
    // 预备党员 have not been admitted as full members yet: no 转正日期.
    if (values.category === 'probationary' && full) err('fullOn', 'ROSTER_PROBATIONARY_WITH_FULL_DATE', { full });

    const educationText = text('education');
    if (educationText) {
      const e = educationOf(educationText);
      if (!e) err('education', 'ROSTER_VALUE_UNKNOWN', { value: educationText });
      else values.education = e;
    }
    const titleText = text('title');
    if (titleText && titleText !== '无') {
      const tt = titleOf(titleText);
      if (!tt) err('title', 'ROSTER_VALUE_UNKNOWN', { value: titleText });
      else values.title = tt;
    }
    const statusText = text('status');
    if (statusText !== undefined) {
      const s = STATUS[statusText.replace(/\s/g, '')];
      if (!s) err('status', 'ROSTER_VALUE_UNKNOWN', { value: statusText });
      else values.status = s;
    }
    const lostText = text('lostContact');
    if (lostText !== undefined) {
      const b = yesNo(lostText);
      if (b === null) err('lostContact', 'ROSTER_VALUE_UNKNOWN', { value: lostText });
      else values.lost_contact = b;
    }
    const flowText = text('flowTo');
    if (flowText !== undefined) {
      const b = yesNo(flowText);
      values.flow_to = b === false ? '' : b === true ? '是' : flowText;
    }
    const ethnicityText = text('ethnicity');
    if (ethnicityText) {
      const e = normaliseEthnicity(ethnicityText);
      if (!e) err('ethnicity', 'ROSTER_ETHNICITY_UNKNOWN', { value: ethnicityText });
      else values.ethnicity = e;
    }
    for (const [field, column] of [
      ['nativePlace', 'native_place'],
      ['degree', 'degree'],
      ['jobCategory', 'job_category'],
      ['post', 'post'],
      ['address', 'address'],
      ['sponsors', 'sponsors'],
    ] as const) {
      const v = text(field);
      if (v) (values as Record<string, string>)[column] = v;
    }
    const phone = text('phone')?.replace(/[\s-]/g, '');
    if (phone) {
      if (!/^(\+?86)?1\d{10}$|^0\d{2,3}\d{7,8}$|^\d{7,8}$/.test(phone)) err('phone', 'ROSTER_PHONE_INVALID', { value: presentPhone(viewer, phone) });
      else values.phone = phone.replace(/^\+?86/, '');
    }

    // 所在党支部: must exist, be a branch-level org and lie in the caller's scope.
    const orgName = (text('orgName') ?? '').replace(/\s/g, '');
    let orgId: number | null = null;
    if (orgName) {
      const candidates = (lk.orgs.get(orgName) ?? []).filter((o) => MEMBER_BRANCH_TYPES.has(o.type));
      if (candidates.length === 0) err('orgName', 'ROSTER_ORG_UNKNOWN', { value: orgName });
      else if (candidates.length > 1) err('orgName', 'ROSTER_ORG_AMBIGUOUS', { value: orgName });
      else if (!covers(scope, candidates[0]!.path)) err('orgName', 'ROSTER_ORG_OUT_OF_SCOPE', { value: orgName });
      else orgId = candidates[0]!.id;
    } else if (!lk.members.has(idNumber)) err('orgName', 'ROSTER_REQUIRED');
    if (orgId !== null) values.org_id = orgId;

    const groupName = (text('groupName') ?? '').replace(/\s/g, '');
    if (groupName) {
      const g = (lk.groups.get(groupName) ?? []).filter((x) => orgId === null || x.parent_id === orgId);
      if (g.length !== 1) err('groupName', 'ROSTER_GROUP_UNKNOWN', { value: groupName, org: orgName });
      else values.party_group_id = g[0]!.id;
    } else if (cells.has('groupName') && orgId !== null) values.party_group_id = null;

    const depName = text('departmentName');
    if (depName) {
      const d = lk.departments.get(depName.replace(/\s/g, ''));
      if (d === undefined) err('departmentName', 'ROSTER_DEPARTMENT_UNKNOWN', { value: depName });
      else values.department_id = d;
    }
    const campusName = text('campusName');
    if (campusName) {
      const c = lk.campuses.get(campusName.replace(/\s/g, ''));
      if (c === undefined) err('campusName', 'ROSTER_CAMPUS_UNKNOWN', { value: campusName });
      else values.campus_id = c;
    }

    // Compare with the record already held for this ID number. A record outside the caller's
    // scope gives only "not in your scope": nothing stored about it is compared or shown.
    const holder = fromId ? lk.members.get(fromId.idNumber) : undefined;
    const outOfScope = holder !== undefined && !covers(scope, holder.org_path, holder.id);
    const existing = outOfScope ? undefined : holder;
    const changes: RosterRow['changes'] = [];
    if (outOfScope) err('idNumber', 'ROSTER_MEMBER_OUT_OF_SCOPE');
    if (existing) {
      if (values.org_id !== undefined && values.org_id !== existing.org_id) {
        // Moving a member between branches is a transfer (组织关系转接), with its own history.
        err('orgName', 'ROSTER_ORG_CHANGE_NEEDS_TRANSFER', { from: existing.org_name, to: orgName });
      }
      const display = (column: string, v: unknown) => {
        if (v === null || v === undefined) return null;
        if (column === 'department_id') return lk.departmentNames.get(v as number) ?? String(v);
        if (column === 'campus_id') return lk.campusNames.get(v as number) ?? String(v);
        if (column === 'org_id' || column === 'party_group_id') return lk.orgNames.get(v as number) ?? String(v);
        return presentField(viewer, column, String(v));
      };
      for (const [column, v] of Object.entries(values)) {
        const before = (existing as Record<string, unknown>)[column];
        if ((before ?? null) !== (v ?? null)) changes.push({ field: column, from: display(column, before), to: display(column, v) });
      }
    }
    out.push({
      row,
      name,
      idNumber: presentIdNumber(viewer, idNumber),
      orgName: orgName || existing?.org_name || '',
      action: errors.length > 0 ? 'error' : existing ? (changes.length > 0 ? 'update' : 'unchanged') : 'add',
      memberId: existing?.id ?? null,
      changes,
      errors,
      values,
      existing: existing ?? null,
    });
  }
  return out;
}
