/**
 * The presenter of a member: a member's data leaves the server only through these functions —
 * the list, the profile, the change history and the export — so what of their ID and phone
 * numbers a caller sees is decided by the caller's role in one place (lib/person.ts).
 */
import type { Language } from '@hongyi/core';
import { type PersonViewer, presentField, presentIdNumber, presentPhone } from '../../lib/person.js';
import { STATUS_LABELS, STATUS_LABELS_EN, type RosterField } from './fields.js';
import type { MemberExportRow, MemberListRow, MemberRecord, memberChanges, profileExtras } from './repository.js';

type Person = Pick<MemberListRow, 'id' | 'name' | 'gender' | 'id_number' | 'phone' | 'category' | 'status' | 'org_id' | 'org_name' | 'title' | 'education' | 'post' | 'joined_on' | 'birth_date'>;

/** A member as the list shows them (ID and phone masked unless the caller's role may see them). */
export function presentMember(viewer: PersonViewer, row: Person & { department_name: string | null }) {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    idNumber: presentIdNumber(viewer, row.id_number),
    phone: presentPhone(viewer, row.phone),
    category: row.category,
    status: row.status,
    orgId: row.org_id,
    orgName: row.org_name,
    departmentName: row.department_name,
    title: row.title,
    education: row.education,
    post: row.post,
    joinedOn: row.joined_on,
    birthDate: row.birth_date,
  };
}

/** The profile: the list's fields, every other column of the record, posts, branch periods and transfers. */
export function presentProfile(viewer: PersonViewer, m: MemberRecord, extras: Awaited<ReturnType<typeof profileExtras>>) {
  return {
    ...presentMember(viewer, { ...m, department_name: extras.departmentName }),
    version: m.version,
    ethnicity: m.ethnicity,
    nativePlace: m.native_place,
    degree: m.degree,
    partyGroupId: m.party_group_id,
    partyGroupName: extras.groupName,
    fullOn: m.full_on,
    workStartedOn: m.work_started_on,
    jobCategory: m.job_category,
    departmentId: m.department_id,
    campusId: m.campus_id,
    campusName: extras.campusName,
    address: m.address,
    lostContact: m.lost_contact,
    flowTo: m.flow_to,
    sponsors: m.sponsors,
    academicLeader: m.academic_leader,
    namePinyin: m.name_pinyin,
    posts: extras.posts.map((p) => ({ orgId: p.org_id, orgName: p.name, post: p.post, startedOn: p.started_on })),
    orgPeriods: extras.periods.map((p) => ({ orgId: p.org_id, orgName: p.name, fromOn: p.from_on, toOn: p.to_on })),
    transfers: extras.transfers.map((x) => ({
      id: x.id,
      kind: x.kind,
      fromOrgName: x.from_org_name,
      toOrgName: x.to_org_name,
      effectiveOn: x.effective_on,
      letterNo: x.letter_no,
      receiptReceivedOn: x.receipt_received_on,
    })),
  };
}

/** One change of the history (an ID or phone value masked like the record itself). */
export function presentChange(viewer: PersonViewer, x: Awaited<ReturnType<typeof memberChanges>>[number]) {
  return {
    id: x.id,
    field: x.field,
    from: presentField(viewer, x.field, x.old_value),
    to: presentField(viewer, x.field, x.new_value),
    source: x.source,
    at: new Date(x.at).toISOString(),
    username: x.username,
  };
}

export type ExportRow = Record<RosterField, string | number | null>;

/** A row of the roster export, in the reader's language (importable again). */
export function presentExportRow(viewer: PersonViewer, x: MemberExportRow, names: { groups: ReadonlyMap<number, string>; campuses: ReadonlyMap<number, string> }, language: Language): ExportRow {
  const zh = language === 'zh-CN';
  const yes = zh ? '是' : 'Yes';
  const no = zh ? '否' : 'No';
  return {
    name: x.name,
    gender: x.gender === 'male' ? (zh ? '男' : 'M') : zh ? '女' : 'F',
    idNumber: presentIdNumber(viewer, x.id_number),
    ethnicity: x.ethnicity,
    nativePlace: x.native_place,
    birthDate: x.birth_date,
    education: x.education,
    degree: x.degree,
    category: x.category === 'full' ? (zh ? '正式党员' : 'Full') : zh ? '预备党员' : 'Probationary',
    orgName: x.org_name,
    groupName: x.party_group_id ? (names.groups.get(x.party_group_id) ?? '') : '',
    joinedOn: x.joined_on,
    fullOn: x.full_on,
    workStartedOn: x.work_started_on,
    jobCategory: x.job_category,
    post: x.post,
    title: x.title,
    departmentName: x.department_name,
    campusName: x.campus_id ? (names.campuses.get(x.campus_id) ?? '') : '',
    phone: presentPhone(viewer, x.phone),
    address: x.address,
    status: (zh ? STATUS_LABELS : STATUS_LABELS_EN)[x.status],
    lostContact: x.lost_contact ? yes : no,
    flowTo: x.flow_to || no,
    sponsors: x.sponsors,
  };
}
