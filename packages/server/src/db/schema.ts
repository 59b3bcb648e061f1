import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Database row types. bigint ids are parsed to JavaScript numbers; dates stay 'YYYY-MM-DD' strings. */
type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface TenantsTable {
  id: Id;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface HolidaysTable {
  day: string;
  kind: 'off' | 'work';
  note: string;
}

export interface LoginFailuresTable {
  id: Id;
  key: string;
  at: Timestamp;
}

export interface CampusesTable {
  tenant_id: number;
  id: Id;
  name: string;
  address: Generated<string>;
  sort: Generated<number>;
}

export type DepartmentKind = 'clinical' | 'medtech' | 'teaching' | 'research' | 'admin' | 'logistics';

export interface DepartmentsTable {
  tenant_id: number;
  id: Id;
  name: string;
  kind: DepartmentKind;
  campus_id: number | null;
  is_teaching_office: Generated<boolean>;
  sort: Generated<number>;
}

export type OrgType = 'committee' | 'general_branch' | 'branch' | 'joint_branch' | 'temporary_branch' | 'party_group';

export interface OrgsTable {
  tenant_id: number;
  id: Id;
  parent_id: number | null;
  type: OrgType;
  name: string;
  short_name: Generated<string>;
  path: Generated<string>;
  depth: Generated<number>;
  sort: Generated<number>;
  campus_id: number | null;
  established_on: string | null;
  ends_on: string | null;
  dissolved_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OrgDepartmentsTable {
  tenant_id: number;
  org_id: number;
  department_id: number;
}

export type MemberCategory = 'full' | 'probationary';
export type MemberStatus = 'active' | 'transferred_out' | 'stopped' | 'left' | 'expelled' | 'deceased';

export interface MembersTable {
  tenant_id: number;
  id: Id;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  ethnicity: Generated<string>;
  native_place: Generated<string>;
  birth_date: string | null;
  education: string | null;
  degree: string | null;
  category: MemberCategory;
  status: Generated<MemberStatus>;
  org_id: number;
  party_group_id: number | null;
  joined_on: string | null;
  full_on: string | null;
  work_started_on: string | null;
  job_category: string | null;
  post: Generated<string>;
  title: string | null;
  department_id: number | null;
  campus_id: number | null;
  phone: Generated<string>;
  address: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UsersTable {
  tenant_id: number;
  id: Id;
  username: string;
  name: string;
  password_hash: string;
  member_id: number | null;
  language: Generated<'zh-CN' | 'en-US'>;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  password_changed_at: Date | string | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface UserRolesTable {
  tenant_id: number;
  id: Id;
  user_id: number;
  role: 'sys_admin' | 'org_office' | 'branch_secretary' | 'member' | 'inspector' | 'leader';
  org_id: number | null;
}

export interface SessionsTable {
  tenant_id: number;
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  ip: string;
  user_agent: string;
}

export interface AuditLogTable {
  tenant_id: number;
  id: Id;
  at: CreatedAt;
  user_id: number | null;
  username: string;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  before: Json;
  after: Json;
  ip: string;
}

export interface DB {
  tenants: TenantsTable;
  holidays: HolidaysTable;
  login_failures: LoginFailuresTable;
  campuses: CampusesTable;
  departments: DepartmentsTable;
  orgs: OrgsTable;
  org_departments: OrgDepartmentsTable;
  members: MembersTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

export type Org = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type User = Selectable<UsersTable>;
