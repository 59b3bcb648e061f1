/**
 * The presenter of a development applicant: a file's person leaves the server only through
 * presentApplicant — the list, the file, the 台账, the Word file and the prefilled forms — so
 * their ID and phone numbers are masked by the caller's role in one place (lib/person.ts).
 */
import { type Language, stepDef } from '@hongyi/core';
import { type PersonViewer, presentIdNumber, presentPhone } from '../../lib/person.js';
import type { FILE_STATUSES, EntryRow } from './repository.js';
import { translate } from '../../plugins/i18n.js';

export interface ApplicantRow {
  id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  birth_date: string | null;
  education: string | null;
  phone: string;
  org_id: number;
  org_name: string;
  department_name: string | null;
  member_id: number | null;
  last_step: number;
  status: (typeof FILE_STATUSES)[number];
  version: number;
}

/** A file's person and where they stand (ID and phone masked unless the caller's role may see them). */
export function presentApplicant(viewer: PersonViewer, row: ApplicantRow) {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    idNumber: presentIdNumber(viewer, row.id_number),
    birthDate: row.birth_date === null ? null : String(row.birth_date),
    education: row.education,
    phone: presentPhone(viewer, row.phone),
    orgId: row.org_id,
    orgName: row.org_name,
    departmentName: row.department_name,
    memberId: row.member_id,
    lastStep: row.last_step,
    stage: row.last_step > 0 ? stepDef(row.last_step).stage : null,
    status: row.status,
    version: row.version,
  };
}

export interface EntryPerson {
  memberId: number;
  name: string;
}

export interface StoredWarning {
  code: string;
  path: string;
  params: Record<string, string | number>;
}

export function presentEntry(row: EntryRow, language: Language, supersededBy: number | null) {
  const warnings = ((row.warnings as StoredWarning[] | null) ?? []).map((w) => ({ code: w.code, path: w.path, message: translate(w.code, language, w.params) }));
  return {
    id: row.id,
    kind: row.kind,
    step: row.step,
    date: String(row.date),
    actor: row.actor,
    people: (row.people as EntryPerson[] | null) ?? [],
    details: ((row.details as Record<string, unknown> | null) ?? {}) as Record<string, unknown>,
    documents: (row.documents as string[] | null) ?? [],
    note: row.note,
    correctsId: row.corrects_id,
    correctionReason: row.correction_reason,
    supersededBy,
    imported: row.imported,
    warnings,
    createdByName: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Every entry, each correction beside the entry it replaced. */
export function presentHistory(rows: readonly EntryRow[], language: Language) {
  const replacedBy = new Map<number, number>();
  for (const r of rows) if (r.corrects_id !== null) replacedBy.set(r.corrects_id, r.id);
  return rows.map((r) => presentEntry(r, language, replacedBy.get(r.id) ?? null));
}
