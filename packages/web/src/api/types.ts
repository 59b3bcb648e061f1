/** Response and request shapes of the /api/v1 endpoints the web app calls. */
import type { Language, Role } from '@hongyi/core';

export type Id = number;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface RoleGrantView {
  role: Role;
  orgId: Id | null;
  orgName: string | null;
}

export interface Me {
  user: { id: Id; username: string; name: string; language: Language; mustChangePassword: boolean; memberId: Id | null; hasDevelopmentFile: boolean };
  /** operator: the deployment's operating unit, whose administrators keep global data (holidays, commissions). */
  tenant: { id: Id; code: string; name: string; operator: boolean };
  roles: RoleGrantView[];
  permissions: string[];
  csrfToken: string;
  /** The server's today ('YYYY-MM-DD'); read it through useToday() (src/today.ts). */
  today: string;
}

export interface SetupStatus {
  needsSetup: boolean;
}

export interface SetupRequest {
  tenantName: string;
  tenantCode: string;
  adminUsername: string;
  adminName: string;
  adminPassword: string;
}

export const ORG_TYPES = ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export interface OrgNode {
  id: Id;
  parentId: Id | null;
  type: OrgType;
  name: string;
  memberCount: number;
  children: OrgNode[];
}

export interface EducationSlice {
  name: string;
  value: number;
}

export interface DashboardSummary {
  orgCounts: Record<OrgType, number>;
  memberCount: number;
  fullCount: number;
  probationaryCount: number;
  branchesWithoutSecretary?: number;
  education?: EducationSlice[];
}

export interface MemberRow {
  id: Id;
  name: string;
  gender: string | null;
  idNumber: string | null;
  phone: string | null;
  category: string | null;
  status: string | null;
  orgId: Id | null;
  orgName: string | null;
  departmentName: string | null;
  title: string | null;
  education: string | null;
  joinedOn: string | null;
}

export interface UserRow {
  id: Id;
  username: string;
  name: string;
  active: boolean;
  language: Language;
  version: number;
  memberId: Id | null;
  /** The member record the account is linked to (its "my" pages show that member's data). */
  memberName: string | null;
  roles: RoleGrantView[];
}

export interface RoleGrantInput {
  role: Role;
  orgId: Id | null;
}

export interface CreateUserRequest {
  username: string;
  name: string;
  password: string;
  roles: RoleGrantInput[];
}

export interface UpdateUserRequest {
  version: number;
  name?: string;
  active?: boolean;
  roles?: RoleGrantInput[];
}

export interface ResetPasswordResponse {
  temporaryPassword: string;
}

export type AuditValues = Record<string, unknown>;

export interface AuditRow {
  id: Id;
  at: string;
  username: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  summary: string | null;
  before: AuditValues | null;
  after: AuditValues | null;
  ip: string | null;
}
