/**
 * The authorization matrix, generated from the route table: every API route × every role ×
 * own branch / another branch / another unit. A new route fails this test until it is given a
 * case below, so a module is covered the day it adds a route.
 *
 * What it asserts:
 * - without a session: 401; without the route's permission: 403 (bodies are valid, so the
 *   refusal is the permission's, not the validation's);
 * - a unit-wide setting refuses a branch secretary;
 * - a record of another unit is never answered (404, or 400/403 naming nothing of it), a record
 *   of another branch never to a branch secretary; no refused request writes anything (the
 *   audit log stays as it was);
 * - every read in the caller's own scope answers 200, and no answer (JSON, Excel or Word) to
 *   anyone carries a name from another unit, a name from another branch to a branch secretary
 *   or a member, or an unmasked ID or phone number to a role without 'members.sensitive';
 * - nothing answers 500.
 */
import { DEFAULT_CONTACTS_SETTINGS, DEFAULT_DECISIONS_SETTINGS, DEFAULT_FUNDS_SETTINGS, DEFAULT_STRENGTHS_SETTINGS, type Permission, templateOf, type Role, hasPermission } from '@hongyi/core';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp } from './harness.js';
import ExcelJS from 'exceljs';
import { type Unit, createAccount, createDepartment, createMember, createOrg, createUnit, idNumberFor, signIn } from './fixture.js';
import { type FormFile, formData, postFile } from './multipart.js';
import { createCommission } from './fixtures/commission.js';
import { refreshSummary } from '../modules/commission/service-summary.js';

const TODAY = '2026-11-23';
/** A 1×1 PNG: evidence files in the fixture. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PNG_BYTES = Buffer.from(PNG, 'base64');

/** Names that must never reach the wrong reader. */
const OTHER_UNIT_MARK = '外院标记';
const OTHER_BRANCH_MARK = '邻支部标记';

type Side = 'own' | 'other' | 'foreign';
/** The ids of one side: the secretary's branch (own), a sibling branch (other) or the other unit (foreign). */
interface Ids {
  orgId: number;
  partyGroupId: number | null;
  memberId: number;
  memberVersion: number;
  departmentId: number;
  recordId: number;
  attachmentId: number;
  planItemId: number;
  channelId: number;
  fileId: number;
  documentId: number;
  entryId: number;
  duesEntryId: number;
  transferId: number;
  userId: number;
  checkinToken: string;
  exclusionId: number;
  auditId: number;
  serviceEventId: number;
  photoId: number;
  seriesId: number;
  themeDayRecordId: number;
  honourId: number;
  honourFileId: number;
  programmeId: number;
  programmeFileId: number;
  projectId: number;
  projectTaskId: number;
  projectFileId: number;
  brandId: number;
  brandElementId: number;
  brandRuleId: number;
  brandEvidenceId: number;
  brandFigureId: number;
  venueId: number;
  venuePhotoId: number;
  reportId: number;
  reportRunId: number;
  learningMaterialId: number;
  learningSeriesId: number;
  learningStudyId: number;
  trainingClassId: number;
  /** The unit's leader (院领导): the contact point of the side's branch, and owner of its follow-up. */
  leaderId: number;
  contactPointId: number;
  visitId: number;
  followUpId: number;
  agreementId: number;
  activityId: number;
  fundLineId: number;
  fundRequestId: number;
  fundRequestFileId: number;
  fundExpenseId: number;
  fundExpenseFileId: number;
  worksystemId: number;
  worksystemAdoptionId: number;
  /** A manual value of the side's branch (front_line's 廉洁教育) and its evidence file. */
  manualValueId: number;
  manualFileId: number;
  statisticsSnapshotId: number;
  /** The unit's published assessment scheme, and the side's branch's sheet of it. */
  assessmentSchemeId: number;
  assessmentSheetId: number;
  /** The side's unit (tenant): a commission reads units by it. */
  tenantId: number;
}

interface RouteCase {
  /** Path parameters for a side. */
  params?: (ids: Ids) => Record<string, string | number>;
  query?: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** A form upload (lib/multipart.ts) instead of a JSON body: the file, valid for the route, and its fields. */
  upload?: (ids: Ids) => { file: FormFile; fields?: Record<string, string> };
  /** The target is a record of a side (path or body): run for other branches and the other unit too. */
  scoped?: boolean;
  /** Opened by a key in the URL (a QR token), not by the caller's scope: only the other unit is refused. */
  capability?: boolean;
  /** A record of the whole unit (an assessment scheme), the same for every branch: only the other unit is refused. */
  unitRecord?: boolean;
  /** A setting of the whole unit: a branch secretary may not change it, even with the permission. */
  unitWide?: boolean;
  /** About the whole deployment (the operator's commission page lists every unit): another unit's name is expected. */
  deployment?: boolean;
  /** Not walked, and why (the route has its own tests). */
  skip?: string;
}

const recordBody = (ids: Ids) => ({ orgId: ids.orgId, kinds: ['branch_committee_meeting'], heldOn: '2026-11-20', topics: ['学习'], minutes: '会议记录' });
/** A roster workbook with a header row only: a valid upload for the import routes. */
let rosterXlsx: Buffer;
const serviceBody = (ids: Ids) => ({ orgId: ids.orgId, kind: '义诊', title: '矩阵义诊', heldOn: '2026-11-01', placeType: '社区', participants: [{ kind: 'member', memberId: ids.memberId, hours: 2 }] });
const honourBody = (ids: Ids) => ({ holder: 'org', orgId: ids.orgId, level: '院级', type: '先进基层党组织', awardedOn: '2026-07-01' });
const programmeBody = (ids: Ids) => ({ orgId: ids.orgId, title: '矩阵样板支部创建', level: '校级', type: '全国党建工作样板支部', startedOn: '2026-01-10', milestones: [{ title: '方案' }] });
const projectBody = (ids: Ids) => ({
  orgId: ids.orgId,
  title: '矩阵一线项目',
  area: '医疗服务',
  startedOn: '2026-03-01',
  endsOn: '2026-12-31',
  leadMemberId: ids.memberId,
  tasks: [{ title: '梳理流程', ownerMemberId: ids.memberId, dueOn: '2026-06-30' }],
});
const brandBody = (ids: Ids) => ({ orgId: ids.orgId, name: '矩阵品牌', slogan: '矩阵' });
const reportBody = (ids: Ids) => ({ title: '矩阵上报表', requester: '市卫健委党委', asOf: '2026-10-31', orgId: ids.orgId, rowDimension: 'gender', fields: ['name', 'idNumber'] });
const venueBody = (ids: Ids) => ({ orgId: ids.orgId, name: '矩阵党员活动室', checklist: [{ item: '有场所', met: true }] });
const learningBody = (ids: Ids) => ({ orgId: ids.orgId, kind: '理论文章', title: '矩阵学习资料', publishedOn: '2026-11-01' });
const assessmentBody = { year: 2026, title: '矩阵考核方案', items: [{ key: 'overall', name: '综合评价', kind: 'manual', weight: 100 }] };
/** A note of the member account of the own side (a.member), written once the actors are signed in. */
let learningNoteId = 0;
const trainingBody = (ids: Ids) => ({ orgId: ids.orgId, title: '矩阵党员培训班', level: 'branch', kind: 'thematic', startsOn: '2026-09-01', endsOn: '2026-09-02', hours: 8, memberIds: [ids.memberId] });
const pointBody = (ids: Ids) => ({ userId: ids.leaderId, orgId: ids.orgId, fromOn: '2026-01-01' });
const visitBody = (ids: Ids) => ({ pointId: ids.contactPointId, visitedOn: '2026-11-12', notes: '矩阵走访' });
const agreementBody = (ids: Ids) => ({ orgId: ids.orgId, partnerName: '矩阵社区党委', kind: '院外共建', signedOn: '2026-01-01', endsOn: '2027-12-31' });
const fundRequestBody = (ids: Ids) => ({ orgId: ids.orgId, budgetLineId: ids.fundLineId, category: '支部活动', amountCents: 100, purpose: '矩阵活动' });
const brandRuleBody = { title: '矩阵制度', ownerName: '书记', reviewEveryMonths: 12 };
const brandFigureBody = { label: '服务群众', measure: { source: 'service', measure: 'beneficiaries' } };
const exclusionBody = { kind: 'away_approved', fromOn: '2026-09-01', toOn: '2027-08-31', approvalRef: '党委〔2026〕12号', approvedOn: '2026-08-20', reason: '出国访学' };

/** One case per route of the route table; the test fails for a route missing here. */
const CASES: Record<string, RouteCase> = {
  'POST /api/v1/auth/logout': { skip: 'ends the session the walk uses' },
  'GET /api/v1/auth/me': {},
  'PUT /api/v1/auth/language': { body: () => ({ language: 'zh-CN' }) },
  'POST /api/v1/auth/password': { body: () => ({ currentPassword: 'wrong-password-1', newPassword: 'Another#Pass2026' }) },

  'GET /api/v1/users': {},
  'POST /api/v1/users': { body: () => ({ username: 'matrix.new', name: '新账号', password: 'Matrix#2026pw', roles: [{ role: 'member' }] }) },
  'PATCH /api/v1/users/:id': { scoped: true, params: (i) => ({ id: i.userId }), body: () => ({ version: 1, name: '改名' }) },
  'POST /api/v1/users/:id/reset-password': { scoped: true, params: (i) => ({ id: i.userId }) },
  'GET /api/v1/audit': {},
  'GET /api/v1/audit/export': {},
  'GET /api/v1/audit/:id': { scoped: true, params: (i) => ({ id: i.auditId }) },
  'GET /api/v1/users/member-candidates': { query: () => 'q=本' },
  'PUT /api/v1/users/:id/member': { scoped: true, params: (i) => ({ id: i.userId }), body: (i) => ({ version: 1, memberId: i.memberId }) },
  'GET /api/v1/users/bulk/candidates': { scoped: true, query: (i) => `orgId=${i.orgId}` },
  'POST /api/v1/users/bulk': { scoped: true, query: (i) => `orgId=${i.orgId}`, body: (i) => ({ orgId: i.orgId, accounts: [{ memberId: i.memberId, username: 'matrix.bulk' }] }) },

  'GET /api/v1/orgs/tree': {},
  'GET /api/v1/orgs/:id': { scoped: true, params: (i) => ({ id: i.orgId }) },
  'POST /api/v1/orgs': { scoped: true, body: (i) => ({ parentId: i.orgId, type: 'party_group', name: '矩阵党小组' }) },
  'PATCH /api/v1/orgs/:id': { scoped: true, params: (i) => ({ id: i.orgId }), body: () => ({ version: 1, contactName: '联系人' }) },
  'POST /api/v1/orgs/:id/move': { scoped: true, params: (i) => ({ id: i.partyGroupId ?? i.orgId }), body: (i) => ({ version: 1, parentId: i.orgId, onDate: TODAY }) },
  'POST /api/v1/orgs/:id/merge': { scoped: true, params: (i) => ({ id: i.orgId }), body: (i) => ({ version: 1, intoId: i.orgId, onDate: TODAY }) },
  'POST /api/v1/orgs/:id/dissolve': { scoped: true, params: (i) => ({ id: i.orgId }), body: () => ({ version: 1, onDate: TODAY }) },
  'PUT /api/v1/orgs/:id/committee': { scoped: true, params: (i) => ({ id: i.orgId }), body: () => ({ version: 1, seats: [] }) },
  'POST /api/v1/orgs/:id/elections': { scoped: true, params: (i) => ({ id: i.orgId }), body: () => ({ heldOn: TODAY, votersDue: 3, votersPresent: 3 }) },
  'GET /api/v1/orgs/:id/electorate': { scoped: true, params: (i) => ({ id: i.orgId }), query: () => `date=${TODAY}` },
  'GET /api/v1/orgs/warnings': {},
  'GET /api/v1/orgs/warnings/export': {},
  'GET /api/v1/orgs/dual-leaders': {},
  'GET /api/v1/orgs/settings': {},
  'PUT /api/v1/orgs/settings': {
    unitWide: true,
    body: () => ({
      version: 1,
      dualLeader: { seniorTitle: true, headPosts: ['科主任'], academicLeader: false },
      letterhead: { committeeName: '中共矩阵甲医院委员会', address: '', phone: '', fax: '', postcode: '', validDays: 30 },
    }),
  },
  'GET /api/v1/departments': {},
  'PATCH /api/v1/departments/:id': { scoped: true, unitWide: true, params: (i) => ({ id: i.departmentId }), body: () => ({ trinity: true }) },

  'GET /api/v1/members': {},
  'GET /api/v1/members/export': {},
  'GET /api/v1/members/template': {},
  'POST /api/v1/members/import/preview': { upload: () => ({ file: { name: '名册.xlsx', content: rosterXlsx } }) },
  'POST /api/v1/members/import/commit': { upload: () => ({ file: { name: '名册.xlsx', content: rosterXlsx } }) },
  'GET /api/v1/members/structure': {},
  'GET /api/v1/members/structure/export': {},
  'GET /api/v1/members/:id': { scoped: true, params: (i) => ({ id: i.memberId }) },
  'GET /api/v1/members/:id/history': { scoped: true, params: (i) => ({ id: i.memberId }) },
  'PATCH /api/v1/members/:id': { scoped: true, params: (i) => ({ id: i.memberId }), body: (i) => ({ version: i.memberVersion, address: '新地址' }) },
  'POST /api/v1/members': {
    scoped: true,
    body: (i) => ({ name: '矩阵新党员', idNumber: idNumberFor('1990-01-01', 901), category: 'full', orgId: i.orgId, joinedOn: '2015-07-01', fullOn: '2016-07-01' }),
  },
  'GET /api/v1/transfers': {},
  'GET /api/v1/transfers/export': {},
  'POST /api/v1/transfers/internal': { scoped: true, body: (i) => ({ memberId: i.memberId, toOrgId: i.orgId, effectiveOn: TODAY }) },
  'POST /api/v1/transfers/out': { scoped: true, body: (i) => ({ memberId: i.memberId, toOrgName: '中共某医院委员会', effectiveOn: TODAY }) },
  'GET /api/v1/transfers/:id/letter': { scoped: true, params: (i) => ({ id: i.transferId }) },
  'POST /api/v1/transfers/:id/receipt': { scoped: true, params: (i) => ({ id: i.transferId }), body: () => ({ version: 1, receivedOn: TODAY }) },
  'POST /api/v1/transfers/in': {
    scoped: true,
    body: (i) => ({
      name: '矩阵转入',
      idNumber: idNumberFor('1991-01-01', 903),
      category: 'full',
      joinedOn: '2015-07-01',
      fullOn: '2016-07-01',
      toOrgId: i.orgId,
      fromOrgName: '中共某大学委员会',
      letterNo: '001',
      effectiveOn: TODAY,
    }),
  },
  'GET /api/v1/dashboard/summary': {},
  // The commission level: its account reads unit A's aggregate figures (unit B belongs to no commission of it).
  'GET /api/v1/commission/overview': {},
  'GET /api/v1/commission/export': {},
  'GET /api/v1/commission/units/:tenantId': { scoped: true, params: (i) => ({ tenantId: i.tenantId }) },
  // The operator's commission page (unit A is the operating unit: the first created); commission 1 is the fixture's.
  'GET /api/v1/commission-admin/commissions': { deployment: true },
  'POST /api/v1/commission-admin/commissions': { body: () => ({ code: 'matrix-jwgw', name: '矩阵教育工委', kind: 'education' }) },
  'PATCH /api/v1/commission-admin/commissions/:id': { params: () => ({ id: 1 }), body: () => ({ version: 1, name: '矩阵改名' }) },
  'POST /api/v1/commission-admin/commissions/:id/units': { params: () => ({ id: 1 }), body: () => ({ unitCode: 'matrix-b' }) },
  'DELETE /api/v1/commission-admin/commissions/:id/units/:tenantId': { params: (i) => ({ id: 1, tenantId: i.tenantId }) },
  'POST /api/v1/commission-admin/commissions/:id/accounts': { params: () => ({ id: 1 }), body: () => ({ username: 'matrix.wjw2', name: '矩阵账号', password: 'Matrix#2026pw' }) },
  'POST /api/v1/commission-admin/commissions/:id/accounts/:userId/reset-password': { params: (i) => ({ id: 1, userId: i.userId }) },
  'PATCH /api/v1/commission-admin/commissions/:id/accounts/:userId': { params: (i) => ({ id: 1, userId: i.userId }), body: () => ({ active: false }) },
  'DELETE /api/v1/commission-admin/commissions/:id': { params: () => ({ id: 1 }), query: () => 'version=1' },
  'GET /api/v1/unit-summary': {},
  'POST /api/v1/unit-summary/refresh': {},
  'GET /api/v1/dashboard/overview': {},
  'GET /api/v1/dashboard/me': {},
  'GET /api/v1/dashboard/settings': {},
  'PUT /api/v1/dashboard/settings': { unitWide: true, body: () => ({ compareOrgs: false, version: 0 }) },

  'GET /api/v1/development/files': {},
  'GET /api/v1/development/files/export': {},
  'POST /api/v1/development/files': { scoped: true, body: (i) => ({ name: '矩阵申请人', idNumber: idNumberFor('2000-02-02', 905), orgId: i.orgId, appliedOn: '2026-11-01' }) },
  'GET /api/v1/development/files/:id': { scoped: true, params: (i) => ({ id: i.fileId }) },
  'PATCH /api/v1/development/files/:id': { scoped: true, params: (i) => ({ id: i.fileId }), body: () => ({ version: 1, education: '本科' }) },
  'POST /api/v1/development/files/:id/entries': { scoped: true, params: (i) => ({ id: i.fileId }), body: () => ({ version: 1, kind: 'step', step: 2, date: '2026-11-10' }) },
  'POST /api/v1/development/files/:id/entries/:entryId/corrections': {
    scoped: true,
    params: (i) => ({ id: i.fileId, entryId: i.entryId }),
    body: () => ({ version: 1, reason: '日期有误', date: '2026-11-02' }),
  },
  'POST /api/v1/development/files/:id/documents': { scoped: true, params: (i) => ({ id: i.fileId }), upload: () => ({ file: { name: 'a.png', content: PNG_BYTES } }) },
  'GET /api/v1/development/files/:id/documents/:documentId': { scoped: true, params: (i) => ({ id: i.fileId, documentId: i.documentId }) },
  'POST /api/v1/development/files/:id/documents/:documentId/withdraw': { scoped: true, params: (i) => ({ id: i.fileId, documentId: i.documentId }), body: () => ({ reason: '上传错了' }) },
  'GET /api/v1/development/files/:id/document': { scoped: true, params: (i) => ({ id: i.fileId }) },
  'GET /api/v1/development/files/:id/forms/:form': { scoped: true, params: (i) => ({ id: i.fileId, form: 'talk_record' }) },
  'GET /api/v1/development/settings': {},
  'PUT /api/v1/development/settings': { unitWide: true, body: () => ({ version: 1, publicNotice: { days: 5, unit: 'working_days' } }) },
  'GET /api/v1/development/board': {},
  'GET /api/v1/development/due': {},
  'GET /api/v1/development/my': {},
  'GET /api/v1/development/import/template': {},
  'POST /api/v1/development/import': { upload: () => ({ file: { name: '发展党员.xlsx', content: rosterXlsx }, fields: { dryRun: 'true' } }) },
  'GET /api/v1/development/holidays': { query: () => 'year=2026' },
  'PUT /api/v1/development/holidays/years/:year': { params: () => ({ year: 2031 }), body: () => ({ days: [{ day: '2031-01-01', kind: 'off' }] }) },
  'PUT /api/v1/development/holidays/:day': { params: () => ({ day: '2031-01-01' }), body: () => ({ kind: 'off' }) },
  'DELETE /api/v1/development/holidays/:day': { params: () => ({ day: '2031-01-01' }) },

  'POST /api/v1/dues/preview': { body: () => ({ category: 'employed', baseCents: 500_000 }) },
  'GET /api/v1/dues/bases': {},
  'GET /api/v1/dues/bases/export': {},
  'GET /api/v1/dues/bases/summary': { query: () => 'year=2026' },
  'POST /api/v1/dues/bases': { scoped: true, body: (i) => ({ memberId: i.memberId, memberVersion: i.memberVersion, year: 2026, category: 'employed', baseCents: 600_000 }) },
  'GET /api/v1/dues/payroll/settings': {},
  'PUT /api/v1/dues/payroll/settings': { unitWide: true, body: () => ({ items: ['post_pay'], deductions: ['income_tax'], version: 1 }) },
  'POST /api/v1/dues/payroll/preview': { upload: () => ({ file: { name: '工资表.xlsx', content: rosterXlsx }, fields: { year: '2026' } }) },
  'POST /api/v1/dues/payroll/commit': { upload: () => ({ file: { name: '工资表.xlsx', content: rosterXlsx }, fields: { year: '2026' } }) },
  'POST /api/v1/dues/months/:month/close': { scoped: true, params: () => ({ month: '2026-10' }), body: (i) => ({ orgId: i.orgId }) },
  'GET /api/v1/dues/months': {},
  'POST /api/v1/dues/payments': { scoped: true, body: (i) => ({ memberId: i.memberId, months: ['2026-11'], method: 'cash', paidOn: TODAY }) },
  'POST /api/v1/dues/voluntary': { scoped: true, body: (i) => ({ memberId: i.memberId, amountCents: 10_000, paidOn: TODAY, method: 'cash' }) },
  'POST /api/v1/dues/entries/:id/corrections': { scoped: true, params: (i) => ({ id: i.duesEntryId }), body: () => ({ amountCents: 100, expectedCents: 100, reason: '更正' }) },
  'POST /api/v1/dues/statements': { body: () => ({ commit: false, rows: [{ name: '某人', idNumber: idNumberFor('1980-01-01', 907), amountCents: 100, paidOn: TODAY }] }) },
  'POST /api/v1/dues/statements/file': { upload: () => ({ file: { name: '流水.xlsx', content: rosterXlsx }, fields: { commit: 'false' } }) },
  'GET /api/v1/dues/entries': {},
  'GET /api/v1/dues/arrears': {},
  'GET /api/v1/dues/arrears/export': {},
  'GET /api/v1/dues/members/:id': { scoped: true, params: (i) => ({ id: i.memberId }) },
  'GET /api/v1/dues/my': {},
  'GET /api/v1/dues/members/:id/paid-through': { scoped: true, params: (i) => ({ id: i.memberId }) },
  'GET /api/v1/dues/ledger': { scoped: true, query: (i) => `orgId=${i.orgId}&year=2026` },
  'GET /api/v1/dues/ledger/export': { scoped: true, query: (i) => `orgId=${i.orgId}&year=2026` },
  'GET /api/v1/dues/ledger/docx': { scoped: true, query: (i) => `orgId=${i.orgId}&year=2026` },
  'GET /api/v1/dues/reports/collection': { query: () => 'year=2026' },
  'GET /api/v1/dues/reports/collection/export': { query: () => 'year=2026' },

  'GET /api/v1/orglife/records': {},
  'GET /api/v1/orglife/records/export': {},
  'GET /api/v1/orglife/records/:id': { scoped: true, params: (i) => ({ id: i.recordId }) },
  'POST /api/v1/orglife/records': { scoped: true, body: recordBody },
  'PUT /api/v1/orglife/records/:id': { scoped: true, params: (i) => ({ id: i.recordId }), body: (i) => ({ ...recordBody(i), version: 1 }) },
  'DELETE /api/v1/orglife/records/:id': { scoped: true, params: (i) => ({ id: i.recordId }), query: () => 'version=1' },
  'GET /api/v1/orglife/records/:id/minutes.docx': { scoped: true, params: (i) => ({ id: i.recordId }) },
  'POST /api/v1/orglife/records/:id/qr': { scoped: true, params: (i) => ({ id: i.recordId }) },
  'GET /api/v1/orglife/records/:id/attachments': { scoped: true, params: (i) => ({ id: i.recordId }) },
  'POST /api/v1/orglife/records/:id/attachments': { scoped: true, params: (i) => ({ id: i.recordId }), upload: () => ({ file: { name: 'b.png', content: PNG_BYTES } }) },
  'GET /api/v1/orglife/records/:id/attachments/:attachmentId': { scoped: true, params: (i) => ({ id: i.recordId, attachmentId: i.attachmentId }) },
  'POST /api/v1/orglife/records/:id/attachments/:attachmentId/withdraw': { scoped: true, params: (i) => ({ id: i.recordId, attachmentId: i.attachmentId }), body: () => ({ reason: '传错了' }) },
  // The QR token is the key: whoever holds it (at the meeting) may open it, in their own unit only.
  'GET /api/v1/orglife/checkin/:token': { scoped: true, capability: true, params: (i) => ({ token: i.checkinToken }) },
  'POST /api/v1/orglife/checkin/:token': { scoped: true, capability: true, params: (i) => ({ token: i.checkinToken }) },
  'GET /api/v1/orglife/orgs/:orgId/roster': { scoped: true, params: (i) => ({ orgId: i.orgId }), query: () => `date=${TODAY}` },
  'GET /api/v1/orglife/orgs/:orgId/compliance': { scoped: true, params: (i) => ({ orgId: i.orgId }), query: () => 'year=2026' },
  'GET /api/v1/orglife/matrix': { query: () => 'year=2026' },
  'GET /api/v1/orglife/matrix.xlsx': { query: () => 'year=2026' },
  'GET /api/v1/orglife/orgs/:orgId/ledger.docx': { scoped: true, params: (i) => ({ orgId: i.orgId }), query: () => 'year=2026' },
  'GET /api/v1/orglife/orgs/:orgId/reviews.docx': { scoped: true, params: (i) => ({ orgId: i.orgId }), query: () => 'year=2026' },
  'GET /api/v1/orglife/orgs/:orgId/plan': { scoped: true, params: (i) => ({ orgId: i.orgId }), query: () => 'year=2026' },
  'POST /api/v1/orglife/orgs/:orgId/plan': { scoped: true, params: (i) => ({ orgId: i.orgId }), body: () => ({ year: 2027 }) },
  'POST /api/v1/orglife/orgs/:orgId/plan/items': { scoped: true, params: (i) => ({ orgId: i.orgId }), body: () => ({ kind: 'theme_party_day', plannedOn: '2026-12-10' }) },
  'PATCH /api/v1/orglife/plan-items/:id': { scoped: true, params: (i) => ({ id: i.planItemId }), body: () => ({ version: 1, title: '改' }) },
  'DELETE /api/v1/orglife/plan-items/:id': { scoped: true, params: (i) => ({ id: i.planItemId }), query: () => 'version=1' },
  'GET /api/v1/orglife/members/:memberId/voting-exclusions': { scoped: true, params: (i) => ({ memberId: i.memberId }) },
  'POST /api/v1/orglife/members/:memberId/voting-exclusions': { scoped: true, params: (i) => ({ memberId: i.memberId }), body: () => exclusionBody },
  'PUT /api/v1/orglife/voting-exclusions/:id': { scoped: true, params: (i) => ({ id: i.exclusionId }), body: () => ({ ...exclusionBody, version: 1 }) },
  'DELETE /api/v1/orglife/voting-exclusions/:id': { scoped: true, params: (i) => ({ id: i.exclusionId }), query: () => 'version=1' },
  'GET /api/v1/orglife/lapses': {},
  'GET /api/v1/orglife/my': {},
  'GET /api/v1/orglife/settings': {},
  'PUT /api/v1/orglife/settings': { unitWide: true, body: () => ({ version: 1, ruleOverrides: {}, dueSoonDays: { month: 7, quarter: 15, year: 30 }, sceneTags: [] }) },
  'GET /api/v1/orglife/orgs/:orgId/channels': { scoped: true, params: (i) => ({ orgId: i.orgId }) },
  'POST /api/v1/orglife/orgs/:orgId/channels': { scoped: true, params: (i) => ({ orgId: i.orgId }), body: () => ({ kind: 'email', target: 'matrix@example.cn' }) },
  'DELETE /api/v1/orglife/channels/:id': { scoped: true, params: (i) => ({ id: i.channelId }) },
  'GET /api/v1/orglife/deliveries': {},
  'POST /api/v1/orglife/reminders/run': { unitWide: true },
  'GET /api/v1/orglife/notifications': {},
  'PUT /api/v1/orglife/notifications/mute': { body: () => ({ muted: false }) },

  'GET /api/v1/service/events': {},
  'GET /api/v1/service/events/export': {},
  'GET /api/v1/service/events/:id': { scoped: true, params: (i) => ({ id: i.serviceEventId }) },
  'POST /api/v1/service/events': { scoped: true, body: serviceBody },
  'PUT /api/v1/service/events/:id': { scoped: true, params: (i) => ({ id: i.serviceEventId }), body: (i) => ({ ...serviceBody(i), version: 1 }) },
  'DELETE /api/v1/service/events/:id': { scoped: true, params: (i) => ({ id: i.serviceEventId }), query: () => 'version=1' },
  'GET /api/v1/service/theme-days': { scoped: true, query: (i) => `orgId=${i.orgId}` },
  'POST /api/v1/service/events/:id/photos': { scoped: true, params: (i) => ({ id: i.serviceEventId }), upload: () => ({ file: { name: 'p.png', content: PNG_BYTES } }) },
  'GET /api/v1/service/events/:id/photos/:photoId': { scoped: true, params: (i) => ({ id: i.serviceEventId, photoId: i.photoId }) },
  'POST /api/v1/service/events/:id/photos/:photoId/withdraw': { scoped: true, params: (i) => ({ id: i.serviceEventId, photoId: i.photoId }), body: () => ({ reason: '传错了' }) },
  'GET /api/v1/service/series': {},
  'POST /api/v1/service/series': { scoped: true, body: (i) => ({ orgId: i.orgId, name: `矩阵系列${i.orgId}`, lastIssue: 3 }) },
  'GET /api/v1/service/series/import-template': {},
  'GET /api/v1/service/series/:id': { scoped: true, params: (i) => ({ id: i.seriesId }) },
  'PUT /api/v1/service/series/:id': { scoped: true, params: (i) => ({ id: i.seriesId }), body: () => ({ version: 1, name: '矩阵系列改名', kind: '', description: '' }) },
  'POST /api/v1/service/series/:id/import': { scoped: true, params: (i) => ({ id: i.seriesId }), upload: () => ({ file: { name: '往期.xlsx', content: rosterXlsx }, fields: { dryRun: 'true' } }) },
  'GET /api/v1/service/totals': { query: () => 'groupBy=member' },
  'GET /api/v1/service/totals/export': { query: () => 'groupBy=org' },
  'GET /api/v1/service/my': {},
  'GET /api/v1/service/settings': {},
  'PUT /api/v1/service/settings': { unitWide: true, body: () => ({ version: 0, eventKinds: ['义诊'], placeTypes: [], regions: [] }) },

  'GET /api/v1/honours': {},
  'POST /api/v1/honours': { scoped: true, body: honourBody },
  'GET /api/v1/honours/ladder': {},
  'GET /api/v1/honours/settings': {},
  'PUT /api/v1/honours/settings': { unitWide: true, body: () => ({ version: 0, levels: ['国家级'], types: ['先进基层党组织'] }) },
  'GET /api/v1/honours/:id': { scoped: true, params: (i) => ({ id: i.honourId }) },
  'PUT /api/v1/honours/:id': { scoped: true, params: (i) => ({ id: i.honourId }), body: (i) => ({ ...honourBody(i), version: 1 }) },
  'DELETE /api/v1/honours/:id': { scoped: true, params: (i) => ({ id: i.honourId }), query: () => 'version=1' },
  'POST /api/v1/honours/:id/files': { scoped: true, params: (i) => ({ id: i.honourId }), upload: () => ({ file: { name: 'z.png', content: PNG_BYTES } }) },
  'GET /api/v1/honours/:id/files/:fileId': { scoped: true, params: (i) => ({ id: i.honourId, fileId: i.honourFileId }) },
  'POST /api/v1/honours/:id/files/:fileId/withdraw': { scoped: true, params: (i) => ({ id: i.honourId, fileId: i.honourFileId }), body: () => ({ reason: '传错了' }) },
  'GET /api/v1/strengths/checklist': { scoped: true, query: (i) => `orgId=${i.orgId}&year=2026` },
  'GET /api/v1/strengths/compare': { query: () => 'year=2026' },
  'GET /api/v1/strengths/compare/export': { query: () => 'year=2026' },
  'GET /api/v1/strengths/settings': {},
  'PUT /api/v1/strengths/settings': { unitWide: true, body: () => ({ ...DEFAULT_STRENGTHS_SETTINGS, version: 0 }) },
  'GET /api/v1/programmes': {},
  'POST /api/v1/programmes': { scoped: true, body: programmeBody },
  'GET /api/v1/programmes/:id': { scoped: true, params: (i) => ({ id: i.programmeId }) },
  'PUT /api/v1/programmes/:id': { scoped: true, params: (i) => ({ id: i.programmeId }), body: (i) => ({ ...programmeBody(i), version: 1 }) },
  'POST /api/v1/programmes/:id/stage': { scoped: true, params: (i) => ({ id: i.programmeId }), body: () => ({ version: 1, stage: 'midterm', on: '2026-06-01' }) },
  'POST /api/v1/programmes/:id/files': { scoped: true, params: (i) => ({ id: i.programmeId }), upload: () => ({ file: { name: 'd.png', content: PNG_BYTES } }) },
  'GET /api/v1/programmes/:id/files/:fileId': { scoped: true, params: (i) => ({ id: i.programmeId, fileId: i.programmeFileId }) },
  'POST /api/v1/programmes/:id/files/:fileId/withdraw': { scoped: true, params: (i) => ({ id: i.programmeId, fileId: i.programmeFileId }), body: () => ({ reason: '传错了' }) },

  'GET /api/v1/projects': {},
  'GET /api/v1/projects/export': { query: () => 'year=2026' },
  'POST /api/v1/projects': { scoped: true, body: projectBody },
  'GET /api/v1/projects/settings': {},
  'PUT /api/v1/projects/settings': { unitWide: true, body: () => ({ version: 0, areas: ['学科建设'] }) },
  'GET /api/v1/projects/:id': { scoped: true, params: (i) => ({ id: i.projectId }) },
  'PUT /api/v1/projects/:id': { scoped: true, params: (i) => ({ id: i.projectId }), body: (i) => ({ ...projectBody(i), version: 1 }) },
  'POST /api/v1/projects/:id/review': { scoped: true, params: (i) => ({ id: i.projectId }), body: () => ({ version: 1, stage: 'approved', on: '2026-03-05' }) },
  'POST /api/v1/projects/:id/withdraw': { scoped: true, params: (i) => ({ id: i.projectId }), body: () => ({ version: 1, on: TODAY, note: '撤销' }) },
  'GET /api/v1/projects/:id/report.docx': { scoped: true, params: (i) => ({ id: i.projectId }) },
  'POST /api/v1/projects/:id/tasks': { scoped: true, params: (i) => ({ id: i.projectId }), body: (i) => ({ title: '新任务', ownerMemberId: i.memberId, dueOn: '2026-09-30' }) },
  'PUT /api/v1/projects/:id/tasks/:taskId': { scoped: true, params: (i) => ({ id: i.projectId, taskId: i.projectTaskId }), body: (i) => ({ title: '改任务', ownerMemberId: i.memberId, dueOn: '2026-09-30', version: 1 }) },
  'DELETE /api/v1/projects/:id/tasks/:taskId': { scoped: true, params: (i) => ({ id: i.projectId, taskId: i.projectTaskId }), query: () => 'version=1' },
  'PUT /api/v1/projects/:id/outcomes': { scoped: true, params: (i) => ({ id: i.projectId }), body: () => ({ version: 1, outcomes: [{ indicator: '例数', unit: '例', target: 10 }] }) },
  'POST /api/v1/projects/:id/files': { scoped: true, params: (i) => ({ id: i.projectId }), upload: () => ({ file: { name: '方案.png', content: Buffer.from(PNG, 'base64') } }) },
  'GET /api/v1/projects/:id/files/:fileId': { scoped: true, params: (i) => ({ id: i.projectId, fileId: i.projectFileId }) },
  'POST /api/v1/projects/:id/files/:fileId/withdraw': { scoped: true, params: (i) => ({ id: i.projectId, fileId: i.projectFileId }), body: () => ({ reason: '传错了' }) },
  // Brands (党建品牌): a branch's own, the office's all.
  'GET /api/v1/brands': {},
  'POST /api/v1/brands': { scoped: true, body: brandBody },
  'GET /api/v1/brands/:id': { scoped: true, params: (i) => ({ id: i.brandId }) },
  'GET /api/v1/brands/:id/export': { scoped: true, params: (i) => ({ id: i.brandId }) },
  'PUT /api/v1/brands/:id': { scoped: true, params: (i) => ({ id: i.brandId }), body: (i) => ({ ...brandBody(i), name: '改名品牌', version: 1 }) },
  'DELETE /api/v1/brands/:id': { scoped: true, params: (i) => ({ id: i.brandId }), query: () => 'version=1' },
  'POST /api/v1/brands/:id/elements': { scoped: true, params: (i) => ({ id: i.brandId }), body: () => ({ title: '一个中心', ownerName: '书记' }) },
  'PUT /api/v1/brands/:id/elements/:elementId': { scoped: true, params: (i) => ({ id: i.brandId, elementId: i.brandElementId }), body: () => ({ title: '一个中心', version: 1 }) },
  'DELETE /api/v1/brands/:id/elements/:elementId': { scoped: true, params: (i) => ({ id: i.brandId, elementId: i.brandElementId }), query: () => 'version=1' },
  'POST /api/v1/brands/:id/rules': { scoped: true, params: (i) => ({ id: i.brandId }), body: () => brandRuleBody },
  'PUT /api/v1/brands/:id/rules/:ruleId': { scoped: true, params: (i) => ({ id: i.brandId, ruleId: i.brandRuleId }), body: () => ({ ...brandRuleBody, version: 1 }) },
  'DELETE /api/v1/brands/:id/rules/:ruleId': { scoped: true, params: (i) => ({ id: i.brandId, ruleId: i.brandRuleId }), query: () => 'version=1' },
  'POST /api/v1/brands/:id/rules/:ruleId/review': { scoped: true, params: (i) => ({ id: i.brandId, ruleId: i.brandRuleId }), body: () => ({ reviewedOn: TODAY, note: '已落实', version: 1 }) },
  'POST /api/v1/brands/:id/rules/:ruleId/evidence': { scoped: true, params: (i) => ({ id: i.brandId, ruleId: i.brandRuleId }), body: (i) => ({ kind: 'honour', recordId: i.honourId }) },
  'DELETE /api/v1/brands/:id/rules/:ruleId/evidence/:linkId': { scoped: true, params: (i) => ({ id: i.brandId, ruleId: i.brandRuleId, linkId: i.brandEvidenceId }) },
  'GET /api/v1/brands/:id/evidence-candidates': { scoped: true, params: (i) => ({ id: i.brandId }), query: () => 'kind=service_event' },
  'POST /api/v1/brands/:id/figures': { scoped: true, params: (i) => ({ id: i.brandId }), body: () => brandFigureBody },
  'PUT /api/v1/brands/:id/figures/:figureId': { scoped: true, params: (i) => ({ id: i.brandId, figureId: i.brandFigureId }), body: () => ({ ...brandFigureBody, version: 1 }) },
  'DELETE /api/v1/brands/:id/figures/:figureId': { scoped: true, params: (i) => ({ id: i.brandId, figureId: i.brandFigureId }), query: () => 'version=1' },
  'GET /api/v1/contacts/points': {},
  'POST /api/v1/contacts/points': { scoped: true, body: (i) => ({ ...pointBody(i), fromOn: '2027-01-01' }) },
  'PUT /api/v1/contacts/points/:id': { scoped: true, params: (i) => ({ id: i.contactPointId }), body: (i) => ({ ...pointBody(i), version: 1 }) },
  'DELETE /api/v1/contacts/points/:id': { scoped: true, params: (i) => ({ id: i.contactPointId }), query: () => 'version=1' },
  'GET /api/v1/contacts/leaders': {},
  'GET /api/v1/contacts/owners': { query: (i) => `orgId=${i.orgId}` },
  'GET /api/v1/contacts/settings': {},
  'PUT /api/v1/contacts/settings': { unitWide: true, body: () => ({ ...DEFAULT_CONTACTS_SETTINGS, version: 0 }) },
  'GET /api/v1/contacts/visits': {},
  'GET /api/v1/contacts/visits/export': {},
  'POST /api/v1/contacts/visits': { scoped: true, body: visitBody },
  'GET /api/v1/contacts/visits/:id': { scoped: true, params: (i) => ({ id: i.visitId }) },
  'PUT /api/v1/contacts/visits/:id': { scoped: true, params: (i) => ({ id: i.visitId }), body: (i) => ({ ...visitBody(i), version: 1 }) },
  'DELETE /api/v1/contacts/visits/:id': { scoped: true, params: (i) => ({ id: i.visitId }), query: () => 'version=1' },
  'POST /api/v1/contacts/visits/:id/follow-ups': { scoped: true, params: (i) => ({ id: i.visitId }), body: (i) => ({ followUps: [{ text: '矩阵整改', ownerUserId: i.leaderId }] }) },
  'GET /api/v1/contacts/follow-ups': {},
  'PUT /api/v1/contacts/follow-ups/:id': { scoped: true, params: (i) => ({ id: i.followUpId }), body: (i) => ({ text: '矩阵整改', ownerUserId: i.leaderId, version: 1 }) },
  'POST /api/v1/contacts/follow-ups/:id/close': { scoped: true, params: (i) => ({ id: i.followUpId }), body: () => ({ version: 1, note: '已办结' }) },
  'POST /api/v1/contacts/follow-ups/:id/reopen': { scoped: true, params: (i) => ({ id: i.followUpId }), body: () => ({ version: 1 }) },
  'DELETE /api/v1/contacts/follow-ups/:id': { scoped: true, params: (i) => ({ id: i.followUpId }), query: () => 'version=1' },
  'GET /api/v1/contacts/agreements': {},
  'GET /api/v1/contacts/agreements/export': {},
  'GET /api/v1/contacts/activity-counts': { query: () => 'year=2026' },
  'POST /api/v1/contacts/agreements': { scoped: true, body: agreementBody },
  'GET /api/v1/contacts/agreements/:id': { scoped: true, params: (i) => ({ id: i.agreementId }) },
  'PUT /api/v1/contacts/agreements/:id': { scoped: true, params: (i) => ({ id: i.agreementId }), body: (i) => ({ ...agreementBody(i), version: 1 }) },
  'DELETE /api/v1/contacts/agreements/:id': { scoped: true, params: (i) => ({ id: i.agreementId }), query: () => 'version=1' },
  'POST /api/v1/contacts/agreements/:id/renewals': { scoped: true, params: (i) => ({ id: i.agreementId }), body: () => ({ version: 1, endsOn: '2028-12-31' }) },
  'GET /api/v1/contacts/agreements/:id/link-candidates': { scoped: true, params: (i) => ({ id: i.agreementId }) },
  'POST /api/v1/contacts/agreements/:id/activities': { scoped: true, params: (i) => ({ id: i.agreementId }), body: () => ({ heldOn: '2026-10-02', title: '矩阵共建活动' }) },
  'PUT /api/v1/contacts/agreements/:id/activities/:activityId': { scoped: true, params: (i) => ({ id: i.agreementId, activityId: i.activityId }), body: () => ({ heldOn: '2026-10-02', title: '矩阵共建活动', version: 1 }) },
  'DELETE /api/v1/contacts/agreements/:id/activities/:activityId': { scoped: true, params: (i) => ({ id: i.agreementId, activityId: i.activityId }), query: () => 'version=1' },

  'GET /api/v1/worksystems/templates': {},
  'GET /api/v1/worksystems/vocabulary': {},
  'GET /api/v1/worksystems': {},
  'POST /api/v1/worksystems': { scoped: true, body: (i) => ({ templateKey: 'branch_regulation', orgId: i.orgId, name: '矩阵新体系' }) },
  'GET /api/v1/worksystems/:id': { scoped: true, params: (i) => ({ id: i.worksystemId }) },
  'PUT /api/v1/worksystems/:id/draft': { scoped: true, params: (i) => ({ id: i.worksystemId }), body: () => ({ name: '矩阵体系改', definition: templateOf('branch_regulation')?.definition, version: 1 }) },
  'POST /api/v1/worksystems/:id/publish': { scoped: true, params: (i) => ({ id: i.worksystemId }), body: () => ({ version: 1 }) },
  'POST /api/v1/worksystems/:id/adoptions': { scoped: true, params: (i) => ({ id: i.worksystemId }), body: () => ({ year: 2027, targets: {} }) },
  'PUT /api/v1/worksystems/adoptions/:id/targets': { scoped: true, params: (i) => ({ id: i.worksystemAdoptionId }), body: () => ({ targets: { lectures: 4 }, version: 1 }) },
  'GET /api/v1/worksystems/adoptions/:id/values': { scoped: true, params: (i) => ({ id: i.worksystemAdoptionId }) },
  'GET /api/v1/worksystems/adoptions/:id/export': { scoped: true, params: (i) => ({ id: i.worksystemAdoptionId }) },
  'GET /api/v1/worksystems/adoptions/:id/indicators/:key/records': { scoped: true, params: (i) => ({ id: i.worksystemAdoptionId, key: 'lectures' }) },
  'PUT /api/v1/worksystems/adoptions/:id/manual': { scoped: true, params: (i) => ({ id: i.worksystemAdoptionId }), body: (i) => ({ indicatorKey: 'lectures', orgId: i.orgId, value: 1, version: 0 }) },
  'POST /api/v1/worksystems/manual-values/:id/files': { scoped: true, params: (i) => ({ id: i.manualValueId }), upload: () => ({ file: { name: '签到表.png', content: PNG_BYTES } }) },
  'GET /api/v1/worksystems/manual-values/:id/files/:fileId': { scoped: true, params: (i) => ({ id: i.manualValueId, fileId: i.manualFileId }) },
  'POST /api/v1/worksystems/manual-values/:id/files/:fileId/withdraw': { scoped: true, params: (i) => ({ id: i.manualValueId, fileId: i.manualFileId }), body: () => ({ reason: '传错了' }) },
  'GET /api/v1/reports': {},
  'POST /api/v1/reports': { scoped: true, body: reportBody },
  'POST /api/v1/reports/preview': { scoped: true, body: reportBody },
  'GET /api/v1/reports/:id': { scoped: true, params: (i) => ({ id: i.reportId }) },
  'PUT /api/v1/reports/:id': { scoped: true, params: (i) => ({ id: i.reportId }), body: (i) => ({ ...reportBody(i), version: 1 }) },
  'DELETE /api/v1/reports/:id': { scoped: true, params: (i) => ({ id: i.reportId }), query: () => 'version=1' },
  'GET /api/v1/reports/:id/runs': { scoped: true, params: (i) => ({ id: i.reportId }) },
  'POST /api/v1/reports/:id/runs': { scoped: true, params: (i) => ({ id: i.reportId }) },
  'POST /api/v1/reports/:id/next-year': { scoped: true, params: (i) => ({ id: i.reportId }) },
  'GET /api/v1/reports/runs/:id': { scoped: true, params: (i) => ({ id: i.reportRunId }) },
  'GET /api/v1/reports/runs/:id/cell': { scoped: true, params: (i) => ({ id: i.reportRunId }), query: () => 'row=0&column=0' },
  'GET /api/v1/reports/runs/:id/export': { scoped: true, params: (i) => ({ id: i.reportRunId }) },
  'GET /api/v1/assessment/schemes': { query: () => 'year=2026' },
  'POST /api/v1/assessment/schemes': { body: () => assessmentBody },
  'GET /api/v1/assessment/schemes/:id': { scoped: true, unitRecord: true, params: (i) => ({ id: i.assessmentSchemeId }) },
  'PUT /api/v1/assessment/schemes/:id': { scoped: true, params: (i) => ({ id: i.assessmentSchemeId }), body: () => ({ ...assessmentBody, version: 2 }) },
  'DELETE /api/v1/assessment/schemes/:id': { scoped: true, params: (i) => ({ id: i.assessmentSchemeId }), query: () => 'version=2' },
  'POST /api/v1/assessment/schemes/:id/publish': { scoped: true, params: (i) => ({ id: i.assessmentSchemeId }), body: () => ({ version: 2 }) },
  'GET /api/v1/assessment/schemes/:id/sheets': { scoped: true, unitRecord: true, params: (i) => ({ id: i.assessmentSchemeId }) },
  'GET /api/v1/assessment/schemes/:id/summary': { scoped: true, unitRecord: true, params: (i) => ({ id: i.assessmentSchemeId }) },
  'GET /api/v1/assessment/sheets/:id': { scoped: true, params: (i) => ({ id: i.assessmentSheetId }) },
  'PUT /api/v1/assessment/sheets/:id/self': { scoped: true, params: (i) => ({ id: i.assessmentSheetId }), body: () => ({ selfAssessment: '矩阵自评', version: 1 }) },
  'POST /api/v1/assessment/sheets/:id/return': { scoped: true, params: (i) => ({ id: i.assessmentSheetId }), body: () => ({ reason: '请补充', version: 1 }) },
  'POST /api/v1/assessment/sheets/:id/grade': { scoped: true, params: (i) => ({ id: i.assessmentSheetId }), body: () => ({ scores: { overall: 80 }, grade: '较好', version: 1 }) },
  'GET /api/v1/assessment/sheets/:id/document': { scoped: true, params: (i) => ({ id: i.assessmentSheetId }) },
  'GET /api/v1/assessment/sheets/:id/report': { scoped: true, params: (i) => ({ id: i.assessmentSheetId }) },
  'GET /api/v1/venues': {},
  'GET /api/v1/statistics': { scoped: true, query: (i) => `year=2025&orgId=${i.orgId}` },
  'GET /api/v1/statistics/orgs': {},
  'GET /api/v1/statistics/cell': { scoped: true, query: (i) => `year=2025&orgId=${i.orgId}&table=basic&row=total` },
  'GET /api/v1/statistics/reconciliation': { scoped: true, query: (i) => `year=2025&orgId=${i.orgId}` },
  'GET /api/v1/statistics/export': { scoped: true, query: (i) => `year=2025&orgId=${i.orgId}` },
  'GET /api/v1/statistics/snapshots': {},
  'POST /api/v1/statistics/snapshots': { scoped: true, body: (i) => ({ orgId: i.orgId, year: 2025, version: 1 }) },
  'GET /api/v1/statistics/snapshots/:id': { scoped: true, params: (i) => ({ id: i.statisticsSnapshotId }) },
  'POST /api/v1/statistics/snapshots/:id/submit': { scoped: true, params: (i) => ({ id: i.statisticsSnapshotId }), body: () => ({ version: 1 }) },
  'POST /api/v1/statistics/snapshots/:id/correct': { scoped: true, params: (i) => ({ id: i.statisticsSnapshotId }), body: () => ({ reason: '补录党员' }) },
  'POST /api/v1/venues': { scoped: true, body: venueBody },
  'GET /api/v1/venues/export': {},
  'GET /api/v1/venues/settings': {},
  'GET /api/v1/venues/share-candidates': {},
  'GET /api/v1/learning/materials': {},
  'POST /api/v1/learning/materials': { scoped: true, body: learningBody },
  'GET /api/v1/learning/materials/export': {},
  'GET /api/v1/learning/materials/:id': { scoped: true, params: (i) => ({ id: i.learningMaterialId }) },
  'PUT /api/v1/learning/materials/:id': { scoped: true, params: (i) => ({ id: i.learningMaterialId }), body: (i) => ({ ...learningBody(i), version: 1 }) },
  'DELETE /api/v1/learning/materials/:id': { scoped: true, params: (i) => ({ id: i.learningMaterialId }), query: () => 'version=1' },
  'POST /api/v1/learning/materials/:id/studies': { scoped: true, params: (i) => ({ id: i.learningMaterialId }), body: (i) => ({ orglifeRecordId: i.themeDayRecordId }) },
  'DELETE /api/v1/learning/materials/:id/studies/:studyId': { scoped: true, params: (i) => ({ id: i.learningMaterialId, studyId: i.learningStudyId }) },
  'GET /api/v1/learning/series': {},
  'POST /api/v1/learning/series': { scoped: true, body: (i) => ({ orgId: i.orgId, name: '矩阵读书会' }) },
  'PUT /api/v1/learning/series/:id': { scoped: true, params: (i) => ({ id: i.learningSeriesId }), body: () => ({ name: '矩阵读书会改名', version: 1 }) },
  'GET /api/v1/learning/first-topics': { query: () => 'year=2026' },
  'GET /api/v1/learning/notes': {},
  'POST /api/v1/learning/notes': { body: () => ({ notedOn: '2026-11-20', content: '矩阵笔记' }) },
  'PUT /api/v1/learning/notes/:id': { params: () => ({ id: learningNoteId }), body: () => ({ notedOn: '2026-11-20', content: '矩阵笔记', version: 1 }) },
  'DELETE /api/v1/learning/notes/:id': { params: () => ({ id: learningNoteId }), query: () => 'version=1' },
  'GET /api/v1/training/classes': {},
  'POST /api/v1/training/classes': { scoped: true, body: trainingBody },
  'GET /api/v1/training/classes/export': {},
  'GET /api/v1/training/classes/:id': { scoped: true, params: (i) => ({ id: i.trainingClassId }) },
  'PUT /api/v1/training/classes/:id': { scoped: true, params: (i) => ({ id: i.trainingClassId }), body: (i) => ({ ...trainingBody(i), version: 1 }) },
  'DELETE /api/v1/training/classes/:id': { scoped: true, params: (i) => ({ id: i.trainingClassId }), query: () => 'version=1' },
  'GET /api/v1/learning/settings': {},
  'PUT /api/v1/learning/settings': { unitWide: true, body: () => ({ kinds: ['理论文章', '会议精神'], version: 0 }) },
  'PUT /api/v1/venues/settings': { unitWide: true, body: () => ({ standard: ['有场所', '有设施', '有标志', '有党旗', '有书报', '有制度'], version: 0 }) },
  'GET /api/v1/venues/:id': { scoped: true, params: (i) => ({ id: i.venueId }) },
  'PUT /api/v1/venues/:id': { scoped: true, params: (i) => ({ id: i.venueId }), body: (i) => ({ ...venueBody(i), version: 1 }) },
  'DELETE /api/v1/venues/:id': { scoped: true, params: (i) => ({ id: i.venueId }), query: () => 'version=1' },
  'POST /api/v1/venues/:id/photos': { scoped: true, params: (i) => ({ id: i.venueId }), upload: () => ({ file: { name: 'z.png', content: PNG_BYTES } }) },
  'GET /api/v1/figures/catalogue': {},
  'POST /api/v1/figures/catalogue': { body: () => ({ code: 'matrixOps', name: '矩阵手术台次', unit: '台次', kind: 'count' }) },
  'PUT /api/v1/figures/catalogue/:id': { params: () => ({ id: 999_999 }), body: () => ({ code: 'matrixOps', name: '矩阵手术台次', unit: '台次', kind: 'count', version: 1 }) },
  'GET /api/v1/figures/departments': {},
  'GET /api/v1/figures/values': { scoped: true, query: (i) => `year=2026&departmentId=${i.departmentId}` },
  'GET /api/v1/figures/export': { query: () => 'year=2026' },
  'GET /api/v1/figures/template': {},
  'POST /api/v1/figures/import': { upload: () => ({ file: { name: '业务指标.csv', content: Buffer.from('科室,月份,门急诊人次\n') }, fields: { dryRun: 'true' } }) },
  'GET /api/v1/figures/branches': {},
  'GET /api/v1/figures/branches/:id': { scoped: true, params: (i) => ({ id: i.orgId }), query: () => 'year=2026' },
  'GET /api/v1/venues/:id/photos/:photoId': { scoped: true, params: (i) => ({ id: i.venueId, photoId: i.venuePhotoId }) },
  'POST /api/v1/venues/:id/photos/:photoId/withdraw': { scoped: true, params: (i) => ({ id: i.venueId, photoId: i.venuePhotoId }), body: () => ({ reason: '传错了' }) },

  'GET /api/v1/funds/settings': {},
  'PUT /api/v1/funds/settings': { unitWide: true, body: () => ({ ...DEFAULT_FUNDS_SETTINGS, version: 0 }) },
  'GET /api/v1/funds/lines': {},
  'POST /api/v1/funds/lines': { scoped: true, body: (i) => ({ orgId: i.orgId, year: 2027, category: '其他', budgetCents: 100 }) },
  'PUT /api/v1/funds/lines/:id': { scoped: true, params: (i) => ({ id: i.fundLineId }), body: () => ({ budgetCents: 900_000, version: 1 }) },
  'DELETE /api/v1/funds/lines/:id': { scoped: true, params: (i) => ({ id: i.fundLineId }), query: () => 'version=1' },
  'GET /api/v1/funds/priority': {},
  'GET /api/v1/funds/export': {},
  'GET /api/v1/funds/requests': {},
  'POST /api/v1/funds/requests': { scoped: true, body: fundRequestBody },
  'GET /api/v1/funds/requests/:id': { scoped: true, params: (i) => ({ id: i.fundRequestId }) },
  'PUT /api/v1/funds/requests/:id': { scoped: true, params: (i) => ({ id: i.fundRequestId }), body: (i) => ({ ...fundRequestBody(i), version: 1 }) },
  'POST /api/v1/funds/requests/:id/approve': { scoped: true, params: (i) => ({ id: i.fundRequestId }), body: () => ({ version: 1 }) },
  'POST /api/v1/funds/requests/:id/return': { scoped: true, params: (i) => ({ id: i.fundRequestId }), body: () => ({ version: 1, reason: '矩阵退回' }) },
  'POST /api/v1/funds/requests/:id/pay': { scoped: true, params: (i) => ({ id: i.fundRequestId }), body: () => ({ version: 1, paidOn: TODAY, amountCents: 100, voucherNo: '记-矩阵' }) },
  'POST /api/v1/funds/requests/:id/files': { scoped: true, params: (i) => ({ id: i.fundRequestId }), upload: () => ({ file: { name: '发票.png', content: PNG_BYTES } }) },
  'GET /api/v1/funds/requests/:id/files/:fileId': { scoped: true, params: (i) => ({ id: i.fundRequestId, fileId: i.fundRequestFileId }) },
  'POST /api/v1/funds/requests/:id/files/:fileId/withdraw': { scoped: true, params: (i) => ({ id: i.fundRequestId, fileId: i.fundRequestFileId }), body: () => ({ reason: '传错了' }) },
  'GET /api/v1/funds/expenses': {},
  'POST /api/v1/funds/expenses': { scoped: true, body: (i) => ({ budgetLineId: i.fundLineId, spentOn: TODAY, amountCents: 1, purpose: '矩阵支出', voucherNo: '记-矩阵' }) },
  'GET /api/v1/funds/expenses/:id': { scoped: true, params: (i) => ({ id: i.fundExpenseId }) },
  'POST /api/v1/funds/expenses/:id/files': { scoped: true, params: (i) => ({ id: i.fundExpenseId }), upload: () => ({ file: { name: '发票.png', content: PNG_BYTES } }) },
  'GET /api/v1/funds/expenses/:id/files/:fileId': { scoped: true, params: (i) => ({ id: i.fundExpenseId, fileId: i.fundExpenseFileId }) },
  'POST /api/v1/funds/expenses/:id/files/:fileId/withdraw': { scoped: true, params: (i) => ({ id: i.fundExpenseId, fileId: i.fundExpenseFileId }), body: () => ({ reason: '传错了' }) },
  // Decisions under PDCA: unit-wide records, written per body (党办 / 院办), a 承办人 only on own tasks.
  'GET /api/v1/decisions/settings': {},
  'PUT /api/v1/decisions/settings': { body: () => ({ ...DEFAULT_DECISIONS_SETTINGS, version: 0 }) },
  'GET /api/v1/decisions/bodies': {},
  'POST /api/v1/decisions/bodies': { body: () => ({ kind: 'party_committee', name: '矩阵党委会', members: [{ name: '矩阵书记', isChair: true }] }) },
  'PUT /api/v1/decisions/bodies/:id': { scoped: true, params: (i) => ({ id: dec(i).bodyId }), body: () => ({ kind: 'party_committee', name: '改名', members: [{ name: '矩阵书记', isChair: true }], version: 1 }) },
  'GET /api/v1/decisions/topics': {},
  'POST /api/v1/decisions/topics': { scoped: true, body: (i) => decisionTopicBody(dec(i).bodyId) },
  'GET /api/v1/decisions/topics/:id': { scoped: true, params: (i) => ({ id: dec(i).topicId }) },
  'PUT /api/v1/decisions/topics/:id': { scoped: true, params: (i) => ({ id: dec(i).topicId }), body: (i) => ({ ...decisionTopicBody(dec(i).bodyId), version: 1 }) },
  'PUT /api/v1/decisions/topics/:id/prereview': { scoped: true, params: (i) => ({ id: dec(i).topicId }), body: () => ({ version: 1, items: [] }) },
  'POST /api/v1/decisions/topics/:id/files': { scoped: true, params: (i) => ({ id: dec(i).topicId }), upload: () => ({ file: { name: '论证.png', content: Buffer.from(PNG, 'base64') } }) },
  'GET /api/v1/decisions/topics/:id/files/:fileId': { scoped: true, params: (i) => ({ id: dec(i).topicId, fileId: dec(i).fileId }) },
  'POST /api/v1/decisions/topics/:id/files/:fileId/withdraw': { scoped: true, params: (i) => ({ id: dec(i).topicId, fileId: dec(i).fileId }), body: () => ({ reason: '传错了' }) },
  'POST /api/v1/decisions/topics/:id/tasks': { scoped: true, params: (i) => ({ id: dec(i).topicId }), body: () => ({ tasks: [{ title: '落实', department: '医务处', deadline: '2026-12-31' }] }) },
  'PUT /api/v1/decisions/topics/:id/evaluation': { scoped: true, params: (i) => ({ id: dec(i).topicId }), body: () => ({ version: 0, evaluatedOn: TODAY, effect: '良好' }) },
  'GET /api/v1/decisions/meetings': {},
  'POST /api/v1/decisions/meetings': { scoped: true, body: (i) => ({ bodyId: dec(i).bodyId, heldOn: '2026-11-21' }) },
  'GET /api/v1/decisions/meetings/:id': { scoped: true, params: (i) => ({ id: dec(i).meetingId }) },
  'PUT /api/v1/decisions/meetings/:id/attendance': { scoped: true, params: (i) => ({ id: dec(i).meetingId }), body: () => ({ version: 1, members: [] }) },
  'POST /api/v1/decisions/meetings/:id/agenda': { scoped: true, params: (i) => ({ id: dec(i).meetingId }), body: (i) => ({ topicId: dec(i).topicId }) },
  'PUT /api/v1/decisions/meetings/:id/agenda/:itemId': { scoped: true, params: (i) => ({ id: dec(i).meetingId, itemId: dec(i).itemId }), body: () => ({ version: 1, result: 'deferred' }) },
  'GET /api/v1/decisions/meetings/:id/minutes': { scoped: true, params: (i) => ({ id: dec(i).meetingId }) },
  'GET /api/v1/decisions/tasks': {},
  'GET /api/v1/decisions/my-tasks': {},
  'GET /api/v1/decisions/task-owners': {},
  'POST /api/v1/decisions/tasks/:id/feedback': { scoped: true, params: (i) => ({ id: dec(i).taskId }), body: () => ({ progress: '进展' }) },
  'POST /api/v1/decisions/tasks/:id/feedback/:feedbackId/files': { scoped: true, params: (i) => ({ id: dec(i).taskId, feedbackId: dec(i).feedbackId }), upload: () => ({ file: { name: '合同.png', content: Buffer.from(PNG, 'base64') } }) },
  'GET /api/v1/decisions/tasks/:id/feedback/:feedbackId/files/:fileId': { scoped: true, params: (i) => ({ id: dec(i).taskId, feedbackId: dec(i).feedbackId, fileId: dec(i).feedbackFileId }) },
  'POST /api/v1/decisions/tasks/:id/feedback/:feedbackId/files/:fileId/withdraw': { scoped: true, params: (i) => ({ id: dec(i).taskId, feedbackId: dec(i).feedbackId, fileId: dec(i).feedbackFileId }), body: () => ({ reason: '传错了' }) },
  'GET /api/v1/decisions/dashboard': {},
  'GET /api/v1/decisions/dashboard/export': {},
};

/** Decision records of a side (decisions are unit-wide: the own and other sides share the unit's). */
interface DecisionIds {
  bodyId: number;
  topicId: number;
  fileId: number;
  meetingId: number;
  itemId: number;
  taskId: number;
  feedbackId: number;
  feedbackFileId: number;
}
const decisionSides = new Map<number, DecisionIds>();
const dec = (i: Ids): DecisionIds => decisionSides.get(i.orgId)!;
const decisionTopicBody = (bodyId: number) => ({ bodyId, title: '矩阵议题', proposer: '医务处', category: 'major_decision' });

/** A 党委会 with a passed topic (file, meeting, agenda item) split into one task of the 承办人. */
async function buildDecisions(client: Client, mark: string, ownerId: number): Promise<DecisionIds> {
  const body = await client.post('/api/v1/decisions/bodies', { kind: 'party_committee', name: `${mark}党委会`, members: [{ name: `${mark}书记`, isChair: true }, { name: `${mark}院长` }, { name: `${mark}副书记` }] });
  written(body);
  const bodyId = (body.json() as { id: number }).id;
  const members = ((await client.get('/api/v1/decisions/bodies')).json() as Array<{ id: number; members: Array<{ id: number }> }>).find((b) => b.id === bodyId)!.members;
  const topic = await client.post('/api/v1/decisions/topics', { ...decisionTopicBody(bodyId), title: `${mark}议题` });
  written(topic);
  const topicId = (topic.json() as { id: number }).id;
  const file = await client.request({ method: 'POST', url: `/api/v1/decisions/topics/${topicId}/files`, ...(() => { const f = formData({}, [{ name: '论证.png', content: Buffer.from(PNG, 'base64') }]); return { payload: f.payload, headers: f.headers }; })() });
  written(file);
  const checklist = ((await client.get(`/api/v1/decisions/topics/${topicId}`)).json() as { prereview: Array<{ item: string }> }).prereview;
  written(await client.put(`/api/v1/decisions/topics/${topicId}/prereview`, { version: 1, items: checklist.map((p) => ({ item: p.item, done: true })) }));
  const meeting = await client.post('/api/v1/decisions/meetings', { bodyId, heldOn: '2026-11-20' });
  written(meeting);
  const meetingId = (meeting.json() as { id: number }).id;
  written(await client.put(`/api/v1/decisions/meetings/${meetingId}/attendance`, { version: 1, members: members.map((m) => ({ bodyMemberId: m.id, present: true })) }));
  const item = await client.post(`/api/v1/decisions/meetings/${meetingId}/agenda`, { topicId });
  written(item);
  const itemId = (item.json() as { id: number }).id;
  written(await client.put(`/api/v1/decisions/meetings/${meetingId}/agenda/${itemId}`, { version: 1, votes: { for: 3, against: 0, abstain: 0 }, decision: `${mark}决定`, result: 'passed' }));
  const tasks = await client.post(`/api/v1/decisions/topics/${topicId}/tasks`, { tasks: [{ title: `${mark}任务`, department: '医务处', ownerUserId: ownerId, deadline: '2026-12-31' }] });
  written(tasks);
  const taskId = (tasks.json() as { ids: number[] }).ids[0]!;
  const feedback = await client.post(`/api/v1/decisions/tasks/${taskId}/feedback`, { progress: `${mark}进展` });
  written(feedback);
  const feedbackId = (feedback.json() as { feedbackId: number }).feedbackId;
  const evidence = await postFile(client, `/api/v1/decisions/tasks/${taskId}/feedback/${feedbackId}/files`, { name: '合同.png', content: PNG_BYTES });
  written(evidence);
  return { bodyId, topicId, fileId: (file.json() as { id: number }).id, meetingId, itemId, taskId, feedbackId, feedbackFileId: (evidence.json() as { id: number }).id };
}

/** Routes outside the matrix: public by design, or the API's own documentation. */
function outsideMatrix(url: string, access: string | undefined): boolean {
  return access === 'public' || url.startsWith('/api/docs') || url === '/api/openapi.json';
}

let t: TestApp;
let unitA: Unit;
let unitB: Unit;
const sides = {} as Record<Side, Ids>;
/** Full ID and phone numbers of every fixture person: none may reach a role without 'members.sensitive'. */
const secrets: string[] = [];
const actors: Record<string, { client: Client; roles: Role[] }> = {};

async function one<T>(db: TestApp['database']['db'], query: string): Promise<T> {
  const { rows } = await sql.raw<T>(query).execute(db);
  if (!rows[0]) throw new Error(`fixture: nothing for ${query}`);
  return rows[0];
}

/** A fixture write that must have worked (200 or 201). */
function written(res: { statusCode: number; body: string }): void {
  expect([200, 201], res.body).toContain(res.statusCode);
}

/** A branch with a party group, three members, a meeting with evidence, a plan item, a channel, a development file, dues and a transfer. */
async function buildSide(client: Client, unit: Unit, parentId: number, label: string, mark: string, seq0: number, leaderId: number, memberAccount?: string): Promise<Ids> {
  const db = t.database.db;
  const departmentId = await createDepartment(db, unit, `${label}科`);
  const orgId = await createOrg(client, parentId, 'branch', `${label}党支部`, { departmentIds: [departmentId] });
  const partyGroupId = await createOrg(client, orgId, 'party_group', `${label}党小组`);
  const people = [];
  for (let n = 0; n < 4; n++) {
    const seq = seq0 + n * 2 + 1;
    const m = await createMember(client, { name: `${mark}${'甲乙丙丁'[n]}`, orgId, seq, partyGroupId, departmentId, phone: `1391234${String(seq).padStart(4, '0')}` });
    secrets.push(idNumberFor('1985-03-04', seq), `1391234${String(seq).padStart(4, '0')}`);
    people.push(m);
  }
  const [first, second, , leaving] = people as [{ id: number; version: number }, { id: number; version: number }, unknown, { id: number; version: number }];
  if (memberAccount) await createAccount(db, unit, memberAccount, [{ role: 'member' }], { memberId: second.id });

  const record = await client.post('/api/v1/orglife/records', recordBody({ orgId } as Ids));
  written(record);
  const recordId = (record.json() as { id: number }).id;
  const attachment = await postFile(client, `/api/v1/orglife/records/${recordId}/attachments`, { name: '签到表.png', content: PNG_BYTES });
  written(attachment);
  const planItem = await client.post(`/api/v1/orglife/orgs/${orgId}/plan/items`, { kind: 'theme_party_day', plannedOn: '2026-12-15' });
  written(planItem);
  const channel = await client.post(`/api/v1/orglife/orgs/${orgId}/channels`, { kind: 'email', target: `${unit.code}.${orgId}@example.cn` });
  written(channel);
  const qr = await client.post(`/api/v1/orglife/records/${recordId}/qr`);
  written(qr);

  const applicantId = idNumberFor('2001-05-06', seq0 + 21);
  secrets.push(applicantId);
  const file = await client.post('/api/v1/development/files', { name: `${mark}申请人`, idNumber: applicantId, orgId, appliedOn: '2026-10-08', phone: `1365555${String(seq0).padStart(4, '0')}` });
  written(file);
  secrets.push(`1365555${String(seq0).padStart(4, '0')}`);
  const fileId = (file.json() as { id: number }).id;
  const document = await postFile(client, `/api/v1/development/files/${fileId}/documents`, { name: '申请书.png', content: PNG_BYTES });
  written(document);

  const exclusion = await client.post(`/api/v1/orglife/members/${second.id}/voting-exclusions`, exclusionBody);
  written(exclusion);

  const base = await client.post('/api/v1/dues/bases', { memberId: first.id, memberVersion: first.version, year: 2026, category: 'employed', baseCents: 650_000 });
  written(base);
  const memberVersion = (base.json() as { memberVersion: number }).memberVersion;
  const close = await client.post('/api/v1/dues/months/2026-10/close', { orgId });
  written(close);
  const payment = await client.post('/api/v1/dues/payments', { memberId: first.id, months: ['2026-10'], method: 'cash', paidOn: '2026-10-20' });
  written(payment);
  const transfer = await client.post('/api/v1/transfers/out', { memberId: leaving.id, toOrgName: '中共某医院委员会', effectiveOn: '2026-11-01' });
  written(transfer);

  const serviceEvent = await client.post('/api/v1/service/events', { ...serviceBody({ orgId, memberId: second.id } as Ids), title: `${mark}义诊` });
  written(serviceEvent);
  const serviceEventId = (serviceEvent.json() as { id: number }).id;
  const photo = await postFile(client, `/api/v1/service/events/${serviceEventId}/photos`, { name: '合影.png', content: PNG_BYTES });
  written(photo);
  const series = await client.post('/api/v1/service/series', { orgId, name: `${mark}急救知识进万家`, lastIssue: 10 });
  written(series);
  const seriesId = (series.json() as { id: number }).id;
  written(await client.post('/api/v1/service/events', { ...serviceBody({ orgId, memberId: second.id } as Ids), title: `${mark}第11期`, seriesId }));
  const themeDay = await client.post('/api/v1/orglife/records', { orgId, kinds: ['theme_party_day'], heldOn: '2026-10-16', topics: ['主题党日'], minutes: '主题党日' });
  written(themeDay);
  const honour = await client.post('/api/v1/honours', { holder: 'member', memberId: second.id, level: '院级', type: '优秀共产党员', title: `${mark}优秀党员`, awardedOn: '2026-06-30' });
  written(honour);
  const honourId = (honour.json() as { id: number }).id;
  const honourFile = await postFile(client, `/api/v1/honours/${honourId}/files`, { name: '证书.png', content: PNG_BYTES });
  written(honourFile);
  const programme = await client.post('/api/v1/programmes', { ...programmeBody({ orgId } as Ids), title: `${mark}样板支部创建`, ownerMemberId: first.id });
  written(programme);
  const programmeId = (programme.json() as { id: number }).id;
  const programmeFile = await postFile(client, `/api/v1/programmes/${programmeId}/files`, { name: '申报书.png', content: PNG_BYTES });
  written(programmeFile);
  const project = await client.post('/api/v1/projects', { ...projectBody({ orgId, memberId: first.id } as Ids), title: `${mark}胸痛中心项目` });
  written(project);
  const projectId = (project.json() as { id: number }).id;
  const projectFile = await postFile(client, `/api/v1/projects/${projectId}/files`, { name: '方案.png', content: Buffer.from(PNG, 'base64') });
  written(projectFile);

  const brand = await client.post('/api/v1/brands', { ...brandBody({ orgId } as Ids), name: `${mark}品牌` });
  written(brand);
  const brandId = (brand.json() as { id: number }).id;
  const brandElement = await client.post(`/api/v1/brands/${brandId}/elements`, { title: `${mark}要素`, ownerMemberId: first.id });
  written(brandElement);
  const brandRule = await client.post(`/api/v1/brands/${brandId}/rules`, { ...brandRuleBody, title: `${mark}制度` });
  written(brandRule);
  const brandRuleId = (brandRule.json() as { id: number }).id;
  const brandEvidence = await client.post(`/api/v1/brands/${brandId}/rules/${brandRuleId}/evidence`, { kind: 'service_event', recordId: serviceEventId });
  written(brandEvidence);
  const brandFigure = await client.post(`/api/v1/brands/${brandId}/figures`, { ...brandFigureBody, label: `${mark}数据` });
  written(brandFigure);

  const venue = await client.post('/api/v1/venues', { ...venueBody({ orgId } as Ids), name: `${mark}党员活动室` });
  written(venue);
  const venueId = (venue.json() as { id: number }).id;
  const venuePhoto = await postFile(client, `/api/v1/venues/${venueId}/photos`, { name: '阵地.png', content: PNG_BYTES });
  written(venuePhoto);

  const report = await client.post('/api/v1/reports', { ...reportBody({ orgId } as Ids), title: `${mark}上报表` });
  written(report);
  const reportId = (report.json() as { id: number }).id;
  const reportRun = await client.post(`/api/v1/reports/${reportId}/runs`);
  written(reportRun);

  const learningSeries = await client.post('/api/v1/learning/series', { orgId, name: `${mark}读书会` });
  written(learningSeries);
  const learningSeriesId = (learningSeries.json() as { id: number }).id;
  const learningMaterial = await client.post('/api/v1/learning/materials', { ...learningBody({ orgId } as Ids), title: `${mark}学习资料`, seriesId: learningSeriesId });
  written(learningMaterial);
  const learningMaterialId = (learningMaterial.json() as { id: number }).id;
  const learningStudy = await client.post(`/api/v1/learning/materials/${learningMaterialId}/studies`, { orglifeRecordId: recordId });
  written(learningStudy);
  const trainingClass = await client.post('/api/v1/training/classes', { ...trainingBody({ orgId, memberId: first.id } as Ids), title: `${mark}党员培训班` });
  written(trainingClass);
  const trainingClassId = (trainingClass.json() as { id: number }).id;
  // Contact points: the unit's leader linked to the branch, a visit with a follow-up; an agreement with an outside partner and an activity.
  const contactPoint = await client.post('/api/v1/contacts/points', { userId: leaderId, orgId, fromOn: '2026-01-01' });
  written(contactPoint);
  const contactPointId = (contactPoint.json() as { id: number }).id;
  const visit = await client.post('/api/v1/contacts/visits', { pointId: contactPointId, visitedOn: '2026-11-10', notes: `${mark}走访`, followUps: [{ text: `${mark}整改事项`, ownerUserId: leaderId, dueOn: '2026-12-10' }] });
  written(visit);
  const agreement = await client.post('/api/v1/contacts/agreements', { orgId, partnerName: `${mark}社区党委`, kind: '院外共建', signedOn: '2026-01-01', endsOn: '2027-12-31' });
  written(agreement);
  const agreementId = (agreement.json() as { id: number }).id;
  const activity = await client.post(`/api/v1/contacts/agreements/${agreementId}/activities`, { heldOn: '2026-10-01', title: `${mark}共建活动` });
  written(activity);
  // Funds: a line of the side's branch, a request made for it with an invoice, an expense with one (the office records them).
  const fundLine = await client.post('/api/v1/funds/lines', { orgId, year: 2026, category: '支部活动', budgetCents: 500_000, note: `${mark}预算` });
  written(fundLine);
  const fundLineId = (fundLine.json() as { id: number }).id;
  const fundRequest = await client.post('/api/v1/funds/requests', { ...fundRequestBody({ orgId, fundLineId } as Ids), purpose: `${mark}主题党日经费` });
  written(fundRequest);
  const fundRequestId = (fundRequest.json() as { id: number }).id;
  const fundRequestFile = await postFile(client, `/api/v1/funds/requests/${fundRequestId}/files`, { name: '发票.png', content: PNG_BYTES });
  written(fundRequestFile);
  const fundExpense = await client.post('/api/v1/funds/expenses', { budgetLineId: fundLineId, spentOn: '2026-10-10', amountCents: 12_000, purpose: `${mark}党员活动室书报`, voucherNo: '记-10-001' });
  written(fundExpense);
  const fundExpenseId = (fundExpense.json() as { id: number }).id;
  const fundExpenseFile = await postFile(client, `/api/v1/funds/expenses/${fundExpenseId}/files`, { name: '发票.png', content: PNG_BYTES });
  written(fundExpenseFile);

  // Work systems: a framework of the side's branch, published and adopted for the year.
  const worksystem = await client.post('/api/v1/worksystems', { templateKey: 'branch_regulation', orgId, name: `矩阵体系${orgId}` });
  written(worksystem);
  const worksystemId = (worksystem.json() as { id: number }).id;
  written(await client.post(`/api/v1/worksystems/${worksystemId}/publish`, { version: 1 }));
  const worksystemAdoption = await client.post(`/api/v1/worksystems/${worksystemId}/adoptions`, { year: 2026, targets: { lectures: 4 } });
  written(worksystemAdoption);
  // A framework with a manual indicator: the branch's value of it, with an evidence file.
  const manualFramework = await client.post('/api/v1/worksystems', { templateKey: 'front_line', orgId, name: `矩阵一线${orgId}` });
  written(manualFramework);
  const manualFrameworkId = (manualFramework.json() as { id: number }).id;
  written(await client.post(`/api/v1/worksystems/${manualFrameworkId}/publish`, { version: 1 }));
  const manualAdoption = await client.post(`/api/v1/worksystems/${manualFrameworkId}/adoptions`, { year: 2026, targets: {} });
  written(manualAdoption);
  const manualValue = await client.put(`/api/v1/worksystems/adoptions/${(manualAdoption.json() as { id: number }).id}/manual`, { indicatorKey: 'integrity_education', orgId, value: 2, version: 0 });
  written(manualValue);
  const manualValueId = (manualValue.json() as { id: number }).id;
  const manualFile = await postFile(client, `/api/v1/worksystems/manual-values/${manualValueId}/files`, { name: '签到表.png', content: PNG_BYTES });
  written(manualFile);

  // Year-end statistics: a draft of 2025 for the side's branch.
  const statisticsSnapshot = await client.post('/api/v1/statistics/snapshots', { orgId, year: 2025 });
  written(statisticsSnapshot);

  const q = (table: string, where: string) => one<{ id: number }>(db, `select id from ${table} where tenant_id = ${unit.tenantId} and ${where} order by id desc limit 1`);
  return {
    orgId,
    partyGroupId,
    memberId: first.id,
    memberVersion,
    departmentId,
    recordId,
    attachmentId: (attachment.json() as { id: number }).id,
    planItemId: (planItem.json() as { id: number }).id,
    channelId: (channel.json() as { id: number }).id,
    fileId,
    documentId: (document.json() as { id: number }).id,
    entryId: Number((await q('development_entries', `file_id = ${fileId}`)).id),
    duesEntryId: Number((await q('dues_entries', `member_id = ${first.id}`)).id),
    transferId: Number((await q('member_transfers', `member_id = ${leaving.id}`)).id),
    userId: 0,
    checkinToken: (qr.json() as { token: string }).token,
    exclusionId: (exclusion.json() as { id: number }).id,
    auditId: Number((await q('audit_log', 'true')).id),
    serviceEventId,
    photoId: (photo.json() as { id: number }).id,
    seriesId,
    themeDayRecordId: (themeDay.json() as { id: number }).id,
    honourId,
    honourFileId: (honourFile.json() as { id: number }).id,
    manualValueId,
    manualFileId: (manualFile.json() as { id: number }).id,
    programmeId,
    programmeFileId: (programmeFile.json() as { id: number }).id,
    projectId,
    projectTaskId: Number((await q('project_tasks', `project_id = ${projectId}`)).id),
    projectFileId: (projectFile.json() as { id: number }).id,
    brandId,
    brandElementId: (brandElement.json() as { id: number }).id,
    brandRuleId,
    brandEvidenceId: (brandEvidence.json() as { id: number }).id,
    brandFigureId: (brandFigure.json() as { id: number }).id,
    venueId,
    reportId,
    reportRunId: (reportRun.json() as { id: number }).id,
    worksystemId,
    worksystemAdoptionId: (worksystemAdoption.json() as { id: number }).id,
    assessmentSchemeId: 0,
    assessmentSheetId: 0,
    tenantId: unit.tenantId,
    venuePhotoId: (venuePhoto.json() as { id: number }).id,
    learningMaterialId,
    trainingClassId,
    learningSeriesId,
    learningStudyId: (learningStudy.json() as { id: number }).id,
    leaderId,
    contactPointId,
    visitId: (visit.json() as { id: number }).id,
    followUpId: (visit.json() as { followUpIds: number[] }).followUpIds[0]!,
    agreementId,
    activityId: (activity.json() as { id: number }).id,
    fundLineId,
    fundRequestId,
    fundRequestFileId: (fundRequestFile.json() as { id: number }).id,
    fundExpenseId,
    fundExpenseFileId: (fundExpenseFile.json() as { id: number }).id,
    statisticsSnapshotId: (statisticsSnapshot.json() as { id: number }).id,
  };
}

beforeAll(async () => {
  const roster = new ExcelJS.Workbook();
  roster.addWorksheet('花名册').addRow(['姓名', '公民身份号码']);
  rosterXlsx = Buffer.from(await roster.xlsx.writeBuffer());
  t = await createTestApp({ empty: true, today: () => TODAY });
  const db = t.database.db;
  unitA = await createUnit(db, 'matrix-a', '矩阵甲医院');
  unitB = await createUnit(db, 'matrix-b', `${OTHER_UNIT_MARK}医院`);
  for (const [username, role] of [
    ['a.admin', 'sys_admin'],
    ['a.org', 'org_office'],
    ['a.jijian', 'inspector'],
    ['a.leader', 'leader'],
  ] as const) {
    await createAccount(db, unitA, username, [{ role }]);
  }
  await createAccount(db, unitB, 'b.org', [{ role: 'org_office' }]);
  const leaderA = (await db.selectFrom('users').select('id').where('tenant_id', '=', unitA.tenantId).where('username', '=', 'a.leader').executeTakeFirstOrThrow()).id;
  const leaderB = await createAccount(db, unitB, 'b.leader', [{ role: 'leader' }]);
  const orgA = await signIn(t, 'a.org');
  const orgB = await signIn(t, 'b.org');

  const general = await createOrg(orgA, unitA.rootOrgId, 'general_branch', '内科党总支');
  sides.own = await buildSide(orgA, unitA, general, '本', '本支部', 100, leaderA, 'a.member');
  sides.other = await buildSide(orgA, unitA, general, '邻', OTHER_BRANCH_MARK, 200, leaderA);
  sides.foreign = await buildSide(orgB, unitB, unitB.rootOrgId, '外', OTHER_UNIT_MARK, 300, leaderB);
  // The assessment: each unit publishes a scheme; every branch gets a sheet.
  for (const [client, unitSides] of [[orgA, [sides.own, sides.other]], [orgB, [sides.foreign]]] as const) {
    const scheme = await client.post('/api/v1/assessment/schemes', assessmentBody);
    written(scheme);
    const schemeId = (scheme.json() as { id: number }).id;
    written(await client.post(`/api/v1/assessment/schemes/${schemeId}/publish`, { version: 1 }));
    const sheets = (await client.get(`/api/v1/assessment/schemes/${schemeId}/sheets`)).json() as { items: Array<{ id: number; orgId: number }> };
    for (const side of unitSides) {
      side.assessmentSchemeId = schemeId;
      side.assessmentSheetId = sheets.items.find((h) => h.orgId === side.orgId)!.id;
    }
  }
  await createAccount(db, unitA, 'a.secretary', [{ role: 'branch_secretary', orgId: sides.own.orgId }]);
  sides.own.userId = await createAccount(db, unitA, 'a.someone', [{ role: 'member' }]);
  sides.other.userId = sides.own.userId;
  sides.foreign.userId = await createAccount(db, unitB, 'b.someone', [{ role: 'member' }]);
  // A commission over unit A with its account, and unit A's summary for it to read.
  await createCommission(db, 'matrix-wjw', '矩阵省卫生健康委员会', [unitA.tenantId], 'c.wjw');
  await refreshSummary(db, unitA.tenantId, TODAY);

  // Decisions: 党办 of each unit builds its records; the 承办人 of unit A owns the task of unit A.
  await createAccount(db, unitA, 'a.dangban', [{ role: 'party_office' }]);
  await createAccount(db, unitA, 'a.yuanban', [{ role: 'president_office' }]);
  const chengbanA = await createAccount(db, unitA, 'a.chengban', [{ role: 'task_owner' }]);
  await createAccount(db, unitB, 'b.dangban', [{ role: 'party_office' }]);
  const chengbanB = await createAccount(db, unitB, 'b.chengban', [{ role: 'task_owner' }]);
  const decisionsA = await buildDecisions(await signIn(t, 'a.dangban'), '本院', chengbanA);
  decisionSides.set(sides.own.orgId, decisionsA);
  decisionSides.set(sides.other.orgId, decisionsA);
  decisionSides.set(sides.foreign.orgId, await buildDecisions(await signIn(t, 'b.dangban'), OTHER_UNIT_MARK, chengbanB));
  for (const [username, role] of [
    ['a.dangban', 'party_office'],
    ['a.yuanban', 'president_office'],
    ['a.chengban', 'task_owner'],
  ] as const) {
    actors[username] = { client: await signIn(t, username), roles: [role] };
  }

  for (const [username, roles] of [
    ['a.admin', ['sys_admin']],
    ['a.org', ['org_office']],
    ['a.secretary', ['branch_secretary']],
    ['a.member', ['member']],
    ['a.jijian', ['inspector']],
    ['a.leader', ['leader']],
    ['c.wjw', ['commission']],
  ] as const) {
    actors[username] = { client: await signIn(t, username), roles: [...roles] };
  }
  const note = await actors['a.member']!.client.post('/api/v1/learning/notes', { notedOn: '2026-11-20', content: '本支部学习笔记' });
  if (note.statusCode !== 201) throw new Error(`fixture: note ${note.statusCode} ${note.body}`);
  learningNoteId = (note.json() as { id: number }).id;
}, 120_000);
afterAll(() => t?.close());

function urlOf(template: string, c: RouteCase, ids: Ids): string {
  const params = c.params?.(ids) ?? {};
  const path = template.replace(/:(\w+)/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`${template}: no value for :${name}`);
    return encodeURIComponent(String(params[name]));
  });
  const query = c.query?.(ids);
  return query ? `${path}?${query}` : path;
}

function send(client: Client, method: string, url: string, c: RouteCase, ids: Ids) {
  if (c.upload) {
    const { file, fields } = c.upload(ids);
    const form = formData(fields, [file]);
    return client.request({ method: method as 'POST', url, payload: form.payload, headers: form.headers });
  }
  const body = c.body?.(ids);
  return client.request({ method: method as 'GET', url, ...(body === undefined ? {} : { payload: body as object }) });
}

/** The text of an answer, unzipped when it is an Excel or Word file, for the leak checks. */
async function textOf(res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('openxmlformats')) {
    const zip = await JSZip.loadAsync(res.rawPayload);
    const parts = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xml')).map((f) => f.async('string')));
    return parts.join('\n');
  }
  return res.body;
}

const routes = () => t.app.routeAccess.filter((r) => !outsideMatrix(r.url, r.access));
/**
 * Whether the roles reach a route. A commission account reaches the commission's routes and its own
 * session only (plugins/access.ts), not even a route open to any signed-in user of a unit.
 */
const permitted = (roles: Role[], r: { access: string | undefined; beforePasswordChange: boolean }) =>
  roles.includes('commission')
    ? r.access === 'commission.read' || r.beforePasswordChange
    : r.access === 'authenticated' || roles.some((role) => hasPermission([{ role, orgId: null }], r.access as Permission));
const isWrite = (method: string) => method !== 'GET';

describe('the authorization matrix', () => {
  it('has a case for every route of the route table, and no case for a route that is gone', () => {
    const keys = routes().map((r) => `${r.method} ${r.url}`);
    expect(keys.filter((k) => !(k in CASES)), 'routes without a case in CASES').toEqual([]);
    expect(Object.keys(CASES).filter((k) => !keys.includes(k)), 'cases for routes that no longer exist').toEqual([]);
  });

  it('refuses every route without a session (401)', async () => {
    const anonymous = t.anonymous();
    const wrong: string[] = [];
    for (const r of routes()) {
      const c = CASES[`${r.method} ${r.url}`]!;
      if (c.skip) continue;
      const res = await send(anonymous, r.method, urlOf(r.url, c, sides.own), c, sides.own);
      if (res.statusCode !== 401) wrong.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a role without the permission (403), and a branch secretary every unit-wide setting', { timeout: 180_000 }, async () => {
    const auditBefore = await auditCount();
    const wrong: string[] = [];
    for (const [username, actor] of Object.entries(actors)) {
      for (const r of routes()) {
        const c = CASES[`${r.method} ${r.url}`]!;
        if (c.skip) continue;
        const denied = !permitted(actor.roles, r) || (c.unitWide && actor.roles.includes('branch_secretary') && isWrite(r.method));
        if (!denied) continue;
        const res = await send(actor.client, r.method, urlOf(r.url, c, sides.own), c, sides.own);
        if (res.statusCode !== 403) wrong.push(`${username}: ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await auditCount()).toEqual(auditBefore);
  });

  it('never answers with a record of another unit, nor a branch secretary with one of another branch; nothing refused is written', { timeout: 180_000 }, async () => {
    const auditBefore = await auditCount();
    const wrong: string[] = [];
    for (const [username, actor] of Object.entries(actors)) {
      for (const r of routes()) {
        const c = CASES[`${r.method} ${r.url}`]!;
        if (c.skip || !c.scoped || !permitted(actor.roles, r)) continue;
        const targets: Side[] = actor.roles.includes('branch_secretary') && !c.capability && !c.unitRecord ? ['foreign', 'other'] : ['foreign'];
        for (const side of targets) {
          // Tenant-wide roles may act on every branch of their own unit.
          const res = await send(actor.client, r.method, urlOf(r.url, c, sides[side]), c, sides[side]);
          const refused = [400, 403, 404, 409, 422].includes(res.statusCode);
          if (!refused) wrong.push(`${username} → ${side}: ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          else if (side === 'foreign' && (res.body.includes(OTHER_UNIT_MARK) || secrets.some((s) => res.body.includes(s)))) wrong.push(`${username} → foreign: ${r.method} ${r.url} names the other unit's data in its refusal`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await auditCount()).toEqual(auditBefore);
  });

  it('answers every read in the caller’s own scope, and no answer carries what the caller may not see', { timeout: 180_000 }, async () => {
    const wrong: string[] = [];
    for (const [username, actor] of Object.entries(actors)) {
      const sensitive = actor.roles.some((role) => hasPermission([{ role, orgId: null }], 'members.sensitive'));
      const branchBound = actor.roles.includes('branch_secretary') || actor.roles.includes('member');
      for (const r of routes()) {
        const c = CASES[`${r.method} ${r.url}`]!;
        if (c.skip || isWrite(r.method) || !permitted(actor.roles, r)) continue;
        const res = await actor.client.get(urlOf(r.url, c, sides.own));
        // A member's own pages and the check-in answer only for the member's own records.
        const ownOnly = r.access === 'authenticated' || actor.roles.includes('member');
        if (res.statusCode >= 500 || (!ownOnly && res.statusCode !== 200)) {
          wrong.push(`${username}: GET ${r.url} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          continue;
        }
        const text = await textOf(res);
        if (text.includes(OTHER_UNIT_MARK) && !c.deployment) wrong.push(`${username}: GET ${r.url} shows the other unit's data`);
        if (branchBound && text.includes(OTHER_BRANCH_MARK)) wrong.push(`${username}: GET ${r.url} shows another branch's people`);
        if (!sensitive) {
          const shown = secrets.filter((s) => text.includes(s));
          if (shown.length > 0) wrong.push(`${username}: GET ${r.url} shows unmasked ID or phone numbers (${shown.length})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

async function auditCount(): Promise<Record<number, number>> {
  const rows = await t.database.db.selectFrom('audit_log').select(['tenant_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tenant_id').execute();
  return Object.fromEntries(rows.map((r) => [r.tenant_id, Number(r.n)]));
}
