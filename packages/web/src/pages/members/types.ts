/** Shapes of the members, roster import, structure and transfers endpoints (packages/server/src/modules/members, transfers). */
import type { Id } from '../../api/types';

export const MEMBER_STATUSES = ['active', 'transferred_out', 'stopped', 'left', 'expelled', 'deceased', 'disqualified'] as const;
export const EDUCATIONS = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中专', '高中及以下'] as const;
export const TITLES = ['正高', '副高', '中级', '初级'] as const;

export interface MemberProfile {
  id: Id;
  version: number;
  name: string;
  namePinyin: string;
  gender: 'male' | 'female';
  idNumber: string;
  phone: string;
  category: 'full' | 'probationary';
  status: string;
  orgId: Id;
  orgName: string;
  partyGroupId: Id | null;
  partyGroupName: string | null;
  departmentId: Id | null;
  departmentName: string | null;
  campusId: Id | null;
  campusName: string | null;
  title: string | null;
  education: string | null;
  degree: string | null;
  post: string;
  jobCategory: string | null;
  joinedOn: string | null;
  fullOn: string | null;
  birthDate: string | null;
  workStartedOn: string | null;
  ethnicity: string;
  nativePlace: string;
  address: string;
  lostContact: boolean;
  flowTo: string;
  sponsors: string;
  academicLeader: boolean;
  posts: { orgId: Id; orgName: string; post: string; startedOn: string | null }[];
  orgPeriods: { orgId: Id; orgName: string; fromOn: string; toOn: string | null }[];
  transfers: { id: Id; kind: string; fromOrgName: string; toOrgName: string; effectiveOn: string; letterNo: string; receiptReceivedOn: string | null }[];
}

export interface MemberChange {
  id: Id;
  field: string;
  from: string | null;
  to: string | null;
  source: string;
  at: string;
  username: string;
}

export interface Department {
  id: Id;
  name: string;
  campusId: Id | null;
  campusName: string | null;
}

export interface RosterPreviewRow {
  row: number;
  name: string;
  idNumber: string;
  orgName: string;
  action: 'add' | 'update' | 'unchanged' | 'error';
  changes: { field: string; from: string | null; to: string | null }[];
  errors: { path: string; message: string }[];
}

export interface RosterPreview {
  rows: RosterPreviewRow[];
  added: number;
  updated: number;
  unchanged: number;
  errorRows: number;
  errorCount: number;
}

export interface StructureReport {
  orgName: string;
  total: number;
  full: number;
  probationary: number;
  dimensions: { key: string; label: string; items: { label: string; count: number }[] }[];
}

export interface TransferRow {
  id: Id;
  kind: 'internal' | 'out' | 'in';
  memberId: Id;
  memberName: string;
  idNumber: string;
  fromOrgName: string;
  toOrgName: string;
  effectiveOn: string;
  letterNo: string;
  paidThrough: string | null;
  receiptDueOn: string | null;
  receiptReceivedOn: string | null;
  receiptOverdue: boolean;
  notes: string;
  version: number;
}

/** The `path` of a server validation detail without its 'body.' prefix ('body.fullOn' → 'fullOn'). */
export function fieldOfPath(path: string): string {
  return path.replace(/^body\./, '').split(/[.[\]]/).filter(Boolean)[0] ?? '';
}

/** A recorded exclusion from the vote: voting rights suspended, or away long-term with approval (GET /orglife/members/:id/voting-exclusions). */
export interface VotingExclusion {
  id: number;
  memberId: number;
  kind: 'rights_suspended' | 'away_approved';
  fromOn: string;
  toOn: string | null;
  reason: string;
  approvalRef: string;
  approvedOn: string;
  approvedBy: string;
  version: number;
}
