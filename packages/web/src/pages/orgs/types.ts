/** Shapes of the organisation endpoints (`/api/v1/orgs/*`, `/api/v1/departments`) this area calls. */
import type { Id, OrgType } from '../../api/types';

export const COMMITTEE_POSTS = ['secretary', 'deputy_secretary', 'organisation', 'publicity', 'discipline', 'youth', 'member'] as const;
export type CommitteePost = (typeof COMMITTEE_POSTS)[number];

export type WarningSeverity = 'red' | 'yellow' | 'info';
export const WARNING_SEVERITIES: readonly WarningSeverity[] = ['red', 'yellow', 'info'];

export const WARNING_CODES = [
  'ORG_TOO_FEW_FULL_MEMBERS',
  'ORG_NEEDS_COMMITTEE',
  'ORG_COMMITTEE_TOO_LARGE',
  'ORG_COMMITTEE_SIZE_UNUSUAL',
  'ORG_TOO_LARGE',
  'ORG_MAY_BECOME_PARTY_COMMITTEE',
  'ORG_TERM_YEARS_OUT_OF_RANGE',
  'ORG_TERM_EXPIRES_6M',
  'ORG_TERM_EXPIRES_3M',
  'ORG_TERM_OVERDUE',
  'ORG_TERM_DELAY_TOO_LONG',
  'ORG_COMMITTEE_VACANCY',
  'ORG_TEMPORARY_ENDED',
] as const;

export interface OrgWarning {
  code: string;
  severity: WarningSeverity;
  params: Record<string, string | number>;
  /** Already in the user's language (the server translates). */
  message: string;
}

export interface CommitteeSeat {
  id: Id;
  post: CommitteePost;
  /** Null: the seat is vacant. */
  memberId: Id | null;
  memberName: string | null;
  startedOn: string | null;
  title: string | null;
  jobPost: string | null;
  dualLeader: boolean;
}

export interface OrgElection {
  id: Id;
  heldOn: string;
  termYears: number;
  votersDue: number;
  votersPresent: number;
  results: string;
  notes: string;
  candidates: { name: string; memberId: number | null; votes: number; elected: boolean }[];
  /** How many on the roster were not counted among those due (probationary, suspended, absent with approval). */
  excludedCount: number;
}

/** Who may vote at an election on a date (GET /orgs/:id/electorate). */
export interface Electorate {
  date: string;
  onRoster: number;
  entitled: number;
  required: number;
  excluded: {
    memberId: number;
    name: string;
    because: 'probationary' | 'rights_suspended' | 'away_approved';
    reason: string | null;
    fromOn: string | null;
    toOn: string | null;
    approvalRef: string | null;
    approvedBy: string | null;
    approvedOn: string | null;
  }[];
}

export interface OrgEvent {
  id: Id;
  kind: string;
  onDate: string;
  detail: Record<string, unknown> | string | null;
  username: string | null;
  at: string;
}

export interface OrgDepartmentRef {
  id: Id;
  name: string;
  kind: string;
  teachingOffice: boolean;
  trinity: boolean;
}

export interface OrgDetail {
  id: Id;
  parentId: Id | null;
  parentName: string | null;
  type: OrgType;
  name: string;
  shortName: string | null;
  campusId: Id | null;
  campusName: string | null;
  establishedOn: string | null;
  endsOn: string | null;
  dissolvedOn: string | null;
  mergedIntoId: Id | null;
  contactName: string | null;
  contactPhone: string | null;
  unitSituation: string | null;
  unitNature: string | null;
  termYears: number | null;
  termDelayedUntil: string | null;
  version: number;
  memberCount: number;
  fullMemberCount: number;
  term: { start: string | null; years: number | null; expiresOn: string | null } | null;
  departments: OrgDepartmentRef[];
  committee: CommitteeSeat[];
  elections: OrgElection[];
  history: OrgEvent[];
  children: { id: Id; name: string; type: OrgType }[];
  warnings: OrgWarning[];
}

export interface WarningOrgRow {
  id: Id;
  name: string;
  type: OrgType;
  memberCount: number;
  termExpiresOn: string | null;
  warnings: OrgWarning[];
}

export interface DualLeaderCriteria {
  seniorTitle: boolean;
  headPosts: string[];
  academicLeader: boolean;
}

export interface DualLeaderBranch {
  id: Id;
  name: string;
  secretaryId: Id | null;
  secretaryName: string | null;
  title: string | null;
  post: string | null;
  dualLeader: boolean;
}

export interface DualLeaderGroup {
  id: Id;
  name: string;
  type: OrgType;
  branches: number;
  covered: number;
  /** Percent with one decimal; null when the group has no clinical/teaching branch. */
  rate: number | null;
  missing: DualLeaderBranch[];
}

export interface DualLeaderReport {
  criteria: DualLeaderCriteria;
  items: DualLeaderGroup[];
  total: number;
}

export interface Letterhead {
  committeeName: string;
  address: string;
  phone: string;
  fax: string;
  postcode: string;
  validDays: number;
}

export interface OrgSettings {
  dualLeader: DualLeaderCriteria;
  letterhead: Letterhead;
  version: number;
}

export interface DepartmentRow {
  id: Id;
  name: string;
  kind: string;
  campusId: Id | null;
  campusName: string | null;
  teachingOffice: boolean;
  trinity: boolean;
  branches: { orgId: Id; name: string }[];
}
