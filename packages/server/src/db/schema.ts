import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

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

/** A level above units (卫健委, 教育工委); a reference table. Its accounts live in its office tenant. */
export interface CommissionsTable {
  id: Id;
  code: string;
  name: string;
  kind: 'health' | 'education';
  office_tenant_id: number;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface CommissionUnitsTable {
  tenant_id: number;
  commission_id: number;
  joined_on: string;
}

/** One unit's aggregate figures as of a day (core UnitFigures), no person's data. */
export interface UnitSummariesTable {
  tenant_id: number;
  as_of: string;
  figures: Json;
  computed_at: Generated<Date>;
  /** The headline's inputs, generated from figures (PostgreSQL computes them; never written). */
  members_full: GeneratedAlways<number>;
  members_probationary: GeneratedAlways<number>;
  branches: GeneratedAlways<number>;
  compliance_met: GeneratedAlways<number>;
  compliance_of: GeneratedAlways<number>;
  funnel_1: GeneratedAlways<number>;
  funnel_2: GeneratedAlways<number>;
  funnel_3: GeneratedAlways<number>;
  funnel_4: GeneratedAlways<number>;
  funnel_5: GeneratedAlways<number>;
  due_cents: GeneratedAlways<number>;
  paid_cents: GeneratedAlways<number>;
  worksystems_progress: GeneratedAlways<number | null>;
}

/** The daily jobs' lease per unit, job and day. */
export interface JobClaimsTable {
  tenant_id: number;
  job: 'reminders' | 'matrix' | 'summaries';
  day: string;
  state: 'running' | 'done' | 'failed';
  owner: string;
  attempts: Generated<number>;
  claimed_at: Generated<Date>;
  expires_at: Timestamp;
  finished_at: Timestamp | null;
  error: string | null;
}

export interface HolidaysTable {
  day: string;
  kind: 'off' | 'work';
  note: string;
}

/** The deployment's sign-in names (lower-cased), unique across units; null account: shared by several accounts made before names were unique. */
export interface LoginNamesTable {
  name: string;
  tenant_id: number | null;
  user_id: number | null;
}

/** Sign-in attempts per key (an account or an address), counted atomically. */
export interface LoginThrottleTable {
  key: string;
  attempts: number;
  window_start: Timestamp;
  lockouts: Generated<number>;
  blocked_until: Timestamp | null;
  updated_at: Timestamp;
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
  /** 教研室 "三位一体" (orgs-members migration). */
  trinity: Generated<boolean>;
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
  // Added by the orgs-members migration (formats.md "Organisation").
  contact_name: Generated<string>;
  contact_phone: Generated<string>;
  unit_situation: Generated<'same_as_parent' | 'legal_entity' | 'joint'>;
  unit_nature: Generated<string>;
  term_years: number | null;
  term_delayed_until: string | null;
  merged_into_id: number | null;
}

export interface OrgDepartmentsTable {
  tenant_id: number;
  org_id: number;
  department_id: number;
}

export type MemberCategory = 'full' | 'probationary';
/** 'disqualified': 取消预备党员资格 (migration 2026-11-23T1112-development-documents). */
export type MemberStatus = 'active' | 'transferred_out' | 'stopped' | 'left' | 'expelled' | 'deceased' | 'disqualified';

export interface MembersTable {
  tenant_id: number;
  id: Id;
  name: string;
  gender: 'male' | 'female';
  /** The ID number sealed (AES-256-GCM, db/sealed.ts), its keyed lookup hash and its last 6 (decision 0005). */
  id_number_enc: string;
  id_number_hash: string;
  id_number_tail: string;
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
  /** The phone number sealed (AES-256-GCM, db/sealed.ts), '' for none (decision 0005). */
  phone_enc: Generated<string>;
  address: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Dues category (党费规定): see @hongyi/core DUES_CATEGORIES. Added by the dues migration. */
  dues_category: Generated<DuesCategoryColumn>;
  /** Farmers only: the chosen monthly amount, 20–100 分. */
  dues_farmer_cents: number | null;
  // Added by the orgs-members migration: pinyin for search, roster fields of formats.md.
  // The three name columns are required on insert (members/pinyin.ts nameColumns fills them);
  // the database refuses a row without name_sort (migration 2026-11-30T1200).
  name_pinyin: string;
  name_initials: string;
  lost_contact: Generated<boolean>;
  flow_to: Generated<string>;
  sponsors: Generated<string>;
  academic_leader: Generated<boolean>;
  /** The name's pinyin with tone numbers, syllable by syllable ('li3ning2'): the roster order. */
  name_sort: string;
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
  role: 'sys_admin' | 'org_office' | 'branch_secretary' | 'member' | 'inspector' | 'leader' | 'party_office' | 'president_office' | 'task_owner' | 'commission';
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

// ---------------------------------------------------------------------------------------
// Dues (党费): 2026-11-23T1100-dues
export type DuesCategoryColumn = 'employed' | 'retired' | 'student' | 'unemployed' | 'low_income' | 'farmer';

export interface DuesImportsTable {
  tenant_id: number;
  id: Id;
  year: number;
  file_name: Generated<string>;
  row_count: number;
  items: Json;
  deductions: Json;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface DuesBasesTable {
  tenant_id: number;
  id: Id;
  member_id: number;
  year: number;
  category: DuesCategoryColumn;
  base_cents: number;
  rate_basis_points: number | null;
  monthly_cents: number;
  source: 'manual' | 'payroll';
  import_id: number | null;
  note: Generated<string>;
  set_by: number | null;
  set_by_name: Generated<string>;
  set_at: CreatedAt;
}

export interface DuesEntriesTable {
  tenant_id: number;
  id: Id;
  member_id: number;
  org_id: number;
  /** First day of the month the entry belongs to. */
  month: string;
  kind: 'due' | 'payment' | 'voluntary' | 'correction';
  affects: 'due' | 'paid' | 'voluntary';
  amount_cents: number;
  method: 'cash' | 'transfer' | 'statement' | null;
  paid_on: string | null;
  corrects_id: number | null;
  to_centre: Generated<boolean>;
  base_id: number | null;
  reference: Generated<string>;
  note: Generated<string>;
  recorded_by: number | null;
  recorded_by_name: Generated<string>;
  recorded_at: CreatedAt;
}

export interface DuesMonthClosesTable {
  tenant_id: number;
  id: Id;
  month: string;
  org_id: number;
  member_count: number;
  due_cents: number;
  closed_by: number | null;
  closed_by_name: Generated<string>;
  closed_at: CreatedAt;
}

export type DevelopmentFileStatus = 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full' | 'disqualified';

export interface DevelopmentFilesTable {
  tenant_id: number;
  id: Id;
  name: string;
  gender: 'male' | 'female';
  /** The ID number sealed (AES-256-GCM, db/sealed.ts), its keyed lookup hash and its last 6 (decision 0005). */
  id_number_enc: string;
  id_number_hash: string;
  id_number_tail: string;
  birth_date: string | null;
  ethnicity: Generated<string>;
  education: string | null;
  /** The phone number sealed (AES-256-GCM, db/sealed.ts), '' for none (decision 0005). */
  phone_enc: Generated<string>;
  org_id: number;
  department_id: number | null;
  member_id: number | null;
  last_step: Generated<number>;
  status: Generated<DevelopmentFileStatus>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DevelopmentEntriesTable {
  tenant_id: number;
  id: Id;
  file_id: number;
  kind: 'step' | 'review' | 'notice' | 'probation_extension' | 'disqualified';
  step: number | null;
  date: string;
  actor: Generated<string>;
  /** [{ memberId, name }] */
  people: Json;
  details: Json;
  /** Names of the documents on file for the entry. */
  documents: Json;
  note: Generated<string>;
  corrects_id: number | null;
  correction_reason: Generated<string>;
  imported: Generated<boolean>;
  /** Rule violations kept as warnings (imports): [{ code, path, message }] */
  warnings: Json;
  created_by: number | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
}

/** A file's deadline of one kind, computed at a version of the file (migration 2026-12-05T0550-development-deadlines). */
export interface DevelopmentDeadlinesTable {
  tenant_id: number;
  file_id: number;
  kind: string;
  /** The kind's place in the rules' order: deadlines of one file on one day list in that order. */
  seq: number;
  date: string;
  file_version: number;
}

/** The version of the file its stored deadlines were computed at. */
export interface DevelopmentDeadlineMarksTable {
  tenant_id: number;
  file_id: number;
  file_version: number;
}

/** A member's dues position: their last month with something due or paid, and whether it is unpaid (migration 2026-12-05T0560-dues-positions). */
export interface DuesPositionsTable {
  tenant_id: number;
  member_id: number;
  last_month: string | null;
  last_unpaid: Generated<boolean>;
  /** The unpaid months running up to last_month (0 when it is paid). */
  consecutive: Generated<number>;
  /** Owed over all the member's unpaid months, when their last month is unpaid (0 otherwise). */
  outstanding_cents: Generated<number>;
  /** The last month before the first unpaid one. */
  paid_through: string | null;
}

/** The ledger's due and paid sums per collecting org and month, added to by a trigger on dues_entries (migration 2026-12-06T0570). */
export interface DuesMonthTotalsTable {
  tenant_id: number;
  org_id: number;
  month: string;
  due_cents: Generated<number>;
  paid_cents: Generated<number>;
}

/** Members whose ledger grew since their position was kept (marked by a trigger on dues_entries). */
export interface DuesPositionDirtyTable {
  tenant_id: number;
  member_id: number;
}

/** Evidence uploaded for a development step (migration 2026-11-23T1112-development-documents). */
/** The columns of every table of uploaded files (lib/uploads.ts). */
export interface UploadColumns {
  tenant_id: number;
  id: Id;
  name: string;
  content_type: Generated<string>;
  size: number;
  content: Uint8Array;
  created_by: number | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: Generated<string>;
}

export interface DevelopmentDocumentsTable extends UploadColumns {
  file_id: number;
  entry_id: number | null;
}

// Organisational life (migration 2026-11-23T1120-orglife)
type JsonValue = ColumnType<unknown, string, string>;
type JsonWithDefault = ColumnType<unknown, string | undefined, string>;

/** Optional evidence of an organisational-life record (migration 2026-11-30T1010). */
export interface OrglifeAttachmentsTable extends UploadColumns {
  record_id: number;
}

/** Changes to an org's compliance inputs, bumped by triggers (migration 2026-11-30T1000). */
export interface OrglifeRevisionsTable {
  tenant_id: number;
  org_id: number;
  revision: Generated<number>;
}

/** A stored 党委 matrix row (modules/orglife/matrix.ts): derived, recomputed when stale. */
export interface OrglifeMatrixRowsTable {
  tenant_id: number;
  year: number;
  org_id: number;
  revision: number;
  epoch: string;
  settings_key: string;
  states: string;
  missed: number;
  met: number;
  computed_at: Generated<Date>;
}

export interface OrglifePlanItemsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  year: number;
  kind: string;
  planned_on: string;
  title: Generated<string>;
  note: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
}

/** A record completing a yearly-plan item (an item by at most one record; a record may complete several). */
export interface OrglifePlanLinksTable {
  tenant_id: number;
  plan_item_id: number;
  record_id: number;
  created_at: CreatedAt;
}

export interface OrglifeRecordsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  party_group_id: number | null;
  kinds: string[];
  held_on: string;
  start_time: Generated<string>;
  end_time: Generated<string>;
  place: Generated<string>;
  scene_tag: Generated<string>;
  host_name: Generated<string>;
  recorder_name: Generated<string>;
  topics: JsonWithDefault;
  minutes: Generated<string>;
  speaker_name: Generated<string>;
  speaker_is_secretary: Generated<boolean>;
  lecture_title: Generated<string>;
  study_content: Generated<string>;
  expected_count: Generated<number>;
  present_count: Generated<number>;
  excused_count: Generated<number>;
  absent_count: Generated<number>;
  qr_token: string | null;
  qr_expires_at: Date | string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OrglifeAttendanceTable {
  tenant_id: number;
  record_id: number;
  member_id: number;
  status: 'present' | 'excused' | 'absent';
  reason: Generated<string>;
  via_qr: Generated<boolean>;
  voting: Generated<boolean>;
  /** The record's date, set and kept by triggers (migration 2026-12-03T1210). */
  held_on: Generated<string>;
}

/** Each member's last day attended (present) and taken part in (present or excused), kept by triggers on orglife_attendance (migration 2026-12-06T0580). */
export interface OrglifeMemberLastTable {
  tenant_id: number;
  member_id: number;
  last_present: string | null;
  last_active: string | null;
}

/** A reason a full member is not among those due to vote, over a stretch of days (packages/core votingEntitlement). */
export interface MemberVotingExclusionsTable {
  tenant_id: number;
  id: Id;
  member_id: number;
  kind: 'rights_suspended' | 'away_approved';
  from_on: string;
  /** Last day (inclusive); null while open. */
  to_on: string | null;
  reason: Generated<string>;
  approval_ref: string;
  approved_on: string;
  approved_by: Generated<string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface OrglifeResolutionsTable {
  tenant_id: number;
  record_id: number;
  seq: number;
  title: string;
  kind: 'ordinary' | 'election';
  voting_members: number;
  present: number;
  votes_for: number;
  votes_against: number;
  abstain: number;
  passed: boolean;
}

export interface OrglifeReviewsTable {
  tenant_id: number;
  record_id: number;
  member_id: number;
  grade: 'excellent' | 'qualified' | 'basically_qualified' | 'unqualified';
}

export interface OrglifeChannelsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  kind: 'wecom' | 'dingtalk' | 'email';
  target: string;
  user_id: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface OrglifeMutesTable {
  tenant_id: number;
  user_id: number;
  muted_at: CreatedAt;
}

export interface OrglifeDigestsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  day: string;
  items: JsonValue;
  created_at: CreatedAt;
}

/** A person's own digest of the day (issue 13: a task's owner), at most one per person and day. */
export interface PersonDigestsTable {
  tenant_id: number;
  id: Id;
  user_id: number;
  day: string;
  items: JsonValue;
  created_at: CreatedAt;
}

export interface OrglifeDeliveriesTable {
  tenant_id: number;
  digest_id: number;
  channel_id: number;
  status: 'sent' | 'failed' | 'queued' | 'skipped_muted';
  detail: Generated<string>;
  /** When it was delivered, or queued; a queued e-mail sent later (mail server configured since) moves on. */
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type CommitteePost = 'secretary' | 'deputy_secretary' | 'organisation' | 'publicity' | 'discipline' | 'youth' | 'member';

export interface OrgCommitteeSeatsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  post: CommitteePost;
  member_id: number | null;
  started_on: string | null;
  sort: Generated<number>;
}

export interface OrgElectionsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  held_on: string;
  term_years: number;
  voters_due: Generated<number>;
  voters_present: Generated<number>;
  results: Generated<string>;
  notes: Generated<string>;
  created_at: CreatedAt;
  username: Generated<string>;
  /** Who was left out of those due, and why (migration 2026-12-03T1230): [{ memberId, name, because, … }] */
  excluded: JsonWithDefault;
  /** The candidates' votes and whether each was elected: [{ name, memberId, votes, elected }] */
  candidates: JsonWithDefault;
}


export interface OrgEventsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  kind: 'create' | 'update' | 'move' | 'merge' | 'dissolve';
  on_date: string;
  detail: Json;
  at: CreatedAt;
  username: Generated<string>;
}

export interface MemberChangesTable {
  tenant_id: number;
  id: Id;
  member_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: 'edit' | 'import' | 'transfer' | 'org';
  at: CreatedAt;
  username: Generated<string>;
}

export interface MemberOrgPeriodsTable {
  tenant_id: number;
  id: Id;
  member_id: number;
  org_id: number;
  from_on: string;
  to_on: string | null;
}

export interface MemberTransfersTable {
  tenant_id: number;
  id: Id;
  kind: 'internal' | 'out' | 'in';
  member_id: number;
  from_org_id: number | null;
  to_org_id: number | null;
  from_org_name: Generated<string>;
  to_org_name: Generated<string>;
  effective_on: string;
  letter_no: Generated<string>;
  valid_days: number | null;
  paid_through: string | null;
  receipt_due_on: string | null;
  receipt_received_on: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  username: Generated<string>;
}

export interface MemberImportsTable {
  tenant_id: number;
  id: Id;
  file_sha256: string;
  added: number;
  updated: number;
  unchanged: number;
  at: CreatedAt;
  username: Generated<string>;
}

/** A unit's settings, one row per section (modules/settings; schemas and defaults in core settings.ts). */
export interface UnitSettingsTable {
  tenant_id: number;
  section: 'rules' | 'duesPayroll' | 'orgs' | 'service' | 'honours' | 'decisions' | 'projects' | 'strengths' | 'venues' | 'funds' | 'contacts' | 'learning' | 'assessment' | 'dashboard';
  value: Json;
  version: number;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** A numbered series of service events (migration 2026-12-03T1900). */
export interface ServiceSeriesTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  name: string;
  kind: Generated<string>;
  description: Generated<string>;
  last_issue: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
}

/** One real service event (义诊, 急救科普 …), recorded once. */
export interface ServiceEventsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  kind: string;
  title: string;
  held_on: string;
  place_type: Generated<string>;
  place: Generated<string>;
  region: Generated<string>;
  series_id: number | null;
  issue_no: number | null;
  beneficiaries: Generated<number>;
  trained: Generated<number>;
  class_hours: Generated<number>;
  media_reach: number | null;
  orglife_record_id: number | null;
  note: Generated<string>;
  /** The count and hours of its participants, written with them (numeric: read hours cast to float8). */
  participations: Generated<number>;
  participant_hours: Generated<string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Who took part in a service event, with their hours (numeric(6,1): read it cast to float8). */
export interface ServiceParticipantsTable {
  tenant_id: number;
  event_id: number;
  seq: number;
  kind: 'member' | 'staff' | 'student';
  member_id: number | null;
  name: string;
  hours: ColumnType<string, number | string, number | string>;
}

export interface ServicePhotosTable extends UploadColumns {
  event_id: number;
}

/** A building programme (培育创建) of an org (migration 2026-12-03T1910). */
export interface BuildingProgrammesTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  title: string;
  level: string;
  type: string;
  issuer: Generated<string>;
  owner_member_id: number | null;
  owner_name: Generated<string>;
  started_on: string;
  stage: Generated<'approved' | 'midterm' | 'accepted' | 'failed'>;
  midterm_on: string | null;
  closed_on: string | null;
  note: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProgrammeMilestonesTable {
  tenant_id: number;
  programme_id: number;
  seq: number;
  title: string;
  due_on: string | null;
  done_on: string | null;
  note: Generated<string>;
}

/** An honour held by an org or a member. */
/** A year-end statistics snapshot of an org (migration 2026-12-04T0440): every table as counted. */
export interface StatisticsSnapshotsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  year: number;
  as_of: string;
  version_no: number;
  status: Generated<'draft' | 'submitted'>;
  data: Json;
  reason: Generated<string>;
  created_by: number | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
  submitted_by: number | null;
  submitted_by_name: Generated<string>;
  submitted_at: Timestamp | null;
  version: Generated<number>;
}

/** The people behind each cell of a snapshot, stored when it was taken (migration 2026-12-04T0470). */
export interface StatisticsSnapshotFactsTable {
  tenant_id: number;
  snapshot_id: number;
  n: number;
  tbl: string;
  row_key: string;
  member_id: number | null;
  org_id: number;
  label: string | null;
}

/** A training class (党员培训, migration 2026-12-04T0470). */
export interface TrainingClassesTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  title: string;
  level: string;
  kind: string;
  organiser: Generated<string>;
  starts_on: string;
  ends_on: string;
  /** numeric(6,1): arrives as a string on both drivers. */
  hours: number | string;
  note: Generated<string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TrainingParticipantsTable {
  tenant_id: number;
  class_id: number;
  member_id: number;
}

export interface HonoursTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  member_id: number | null;
  level: string;
  type: string;
  title: Generated<string>;
  issuer: Generated<string>;
  awarded_on: string;
  programme_id: number | null;
  note: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Evidence of an honour or documents of a programme (exactly one of the two). */
export interface HonourFilesTable extends UploadColumns {
  honour_id: number | null;
  programme_id: number | null;
}

// ---------------------------------------------------------------------------------------
// Decisions under PDCA (migration 2026-12-03T2010-decisions)

export interface DecisionBodiesTable {
  tenant_id: number;
  id: Id;
  kind: 'party_committee' | 'president_office_meeting' | 'joint_meeting';
  name: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DecisionBodyMembersTable {
  tenant_id: number;
  id: Id;
  body_id: number;
  seq: number;
  user_id: number | null;
  name: string;
  title: Generated<string>;
  is_chair: Generated<boolean>;
}

export interface DecisionTopicsTable {
  tenant_id: number;
  id: Id;
  body_id: number;
  title: string;
  summary: Generated<string>;
  proposer: Generated<string>;
  department_id: number | null;
  category: 'major_decision' | 'cadre' | 'major_project' | 'large_fund' | 'general';
  amount_cents: number | null;
  campus: Generated<string>;
  stage: Generated<'draft' | 'reviewed' | 'scheduled' | 'decided' | 'closed' | 'evaluated'>;
  prereview: Json;
  studied_by_topic_id: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DecisionTopicFilesTable extends UploadColumns {
  topic_id: number;
}

export interface DecisionMeetingsTable {
  tenant_id: number;
  id: Id;
  body_id: number;
  held_on: string;
  number: Generated<string>;
  first_topic: Generated<string>;
  note: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DecisionAttendanceTable {
  tenant_id: number;
  meeting_id: number;
  body_member_id: number;
  present: boolean;
  leave_reason: Generated<string>;
}

export interface DecisionAgendaItemsTable {
  tenant_id: number;
  id: Id;
  meeting_id: number;
  topic_id: number;
  seq: number;
  recused: Json;
  discussion: Generated<string>;
  decision: Generated<string>;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  views: Generated<string>;
  result: 'passed' | 'rejected' | 'deferred' | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DecisionTasksTable {
  tenant_id: number;
  id: Id;
  topic_id: number;
  title: string;
  department: Generated<string>;
  owner_user_id: number | null;
  owner_name: Generated<string>;
  deadline: string;
  campus: Generated<string>;
  status: Generated<'open' | 'closed'>;
  closed_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DecisionTaskFeedbackTable {
  tenant_id: number;
  id: Id;
  task_id: number;
  reported_on: string;
  progress: string;
  completes: Generated<boolean>;
  created_by: number | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
}

export interface DecisionFeedbackFilesTable extends UploadColumns {
  feedback_id: number;
}

export interface DecisionEvaluationsTable {
  tenant_id: number;
  topic_id: number;
  evaluated_on: string;
  effect: string;
  problems: Generated<string>;
  rule_change_needed: Generated<boolean>;
  revised_rule_title: Generated<string>;
  revised_rule_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Each data key's id and an HMAC check value (never the key): a start with another key fails (db/dataKey.ts). */
export interface DataKeysTable {
  key_id: string;
  key_check: string;
  created_at: Generated<Date>;
}

export interface DB {
  data_keys: DataKeysTable;
  learning_series: LearningSeriesTable;
  learning_materials: LearningMaterialsTable;
  learning_studies: LearningStudiesTable;
  learning_notes: LearningNotesTable;
  venues: VenuesTable;
  assessment_schemes: AssessmentSchemesTable;
  assessment_sheets: AssessmentSheetsTable;
  figure_definitions: FigureDefinitionsTable;
  figure_values: FigureValuesTable;
  venue_shares: VenueSharesTable;
  venue_photos: VenuePhotosTable;
  report_definitions: ReportDefinitionsTable;
  report_runs: ReportRunsTable;
  fund_budget_lines: FundBudgetLinesTable;
  fund_requests: FundRequestsTable;
  fund_expenses: FundExpensesTable;
  fund_files: FundFilesTable;
  unit_settings: UnitSettingsTable;
  service_series: ServiceSeriesTable;
  service_events: ServiceEventsTable;
  service_participants: ServiceParticipantsTable;
  service_photos: ServicePhotosTable;
  building_programmes: BuildingProgrammesTable;
  programme_milestones: ProgrammeMilestonesTable;
  honours: HonoursTable;
  honour_files: HonourFilesTable;
  tenants: TenantsTable;
  commissions: CommissionsTable;
  commission_units: CommissionUnitsTable;
  unit_summaries: UnitSummariesTable;
  job_claims: JobClaimsTable;
  holidays: HolidaysTable;
  login_names: LoginNamesTable;
  login_throttle: LoginThrottleTable;
  campuses: CampusesTable;
  departments: DepartmentsTable;
  orgs: OrgsTable;
  org_departments: OrgDepartmentsTable;
  members: MembersTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  dues_imports: DuesImportsTable;
  dues_bases: DuesBasesTable;
  dues_entries: DuesEntriesTable;
  dues_positions: DuesPositionsTable;
  dues_position_dirty: DuesPositionDirtyTable;
  dues_month_totals: DuesMonthTotalsTable;
  dues_month_closes: DuesMonthClosesTable;
  development_files: DevelopmentFilesTable;
  development_entries: DevelopmentEntriesTable;
  development_documents: DevelopmentDocumentsTable;
  development_deadlines: DevelopmentDeadlinesTable;
  development_deadline_marks: DevelopmentDeadlineMarksTable;
  orglife_plan_items: OrglifePlanItemsTable;
  orglife_plan_links: OrglifePlanLinksTable;
  orglife_records: OrglifeRecordsTable;
  orglife_attendance: OrglifeAttendanceTable;
  orglife_member_last: OrglifeMemberLastTable;
  member_voting_exclusions: MemberVotingExclusionsTable;
  orglife_resolutions: OrglifeResolutionsTable;
  orglife_reviews: OrglifeReviewsTable;
  orglife_channels: OrglifeChannelsTable;
  orglife_mutes: OrglifeMutesTable;
  orglife_digests: OrglifeDigestsTable;
  person_digests: PersonDigestsTable;
  orglife_deliveries: OrglifeDeliveriesTable;
  orglife_revisions: OrglifeRevisionsTable;
  orglife_attachments: OrglifeAttachmentsTable;
  orglife_matrix_rows: OrglifeMatrixRowsTable;
  org_committee_seats: OrgCommitteeSeatsTable;
  org_elections: OrgElectionsTable;
  org_events: OrgEventsTable;
  member_changes: MemberChangesTable;
  member_org_periods: MemberOrgPeriodsTable;
  member_transfers: MemberTransfersTable;
  member_imports: MemberImportsTable;
  projects: ProjectsTable;
  project_tasks: ProjectTasksTable;
  project_outcomes: ProjectOutcomesTable;
  project_files: ProjectFilesTable;
  decision_bodies: DecisionBodiesTable;
  decision_body_members: DecisionBodyMembersTable;
  decision_topics: DecisionTopicsTable;
  decision_topic_files: DecisionTopicFilesTable;
  decision_meetings: DecisionMeetingsTable;
  decision_attendance: DecisionAttendanceTable;
  decision_agenda_items: DecisionAgendaItemsTable;
  decision_tasks: DecisionTasksTable;
  decision_task_feedback: DecisionTaskFeedbackTable;
  decision_feedback_files: DecisionFeedbackFilesTable;
  decision_evaluations: DecisionEvaluationsTable;
  brands: BrandsTable;
  brand_elements: BrandElementsTable;
  brand_rules: BrandRulesTable;
  brand_rule_evidence: BrandRuleEvidenceTable;
  brand_figures: BrandFiguresTable;
  contact_points: ContactPointsTable;
  contact_visits: ContactVisitsTable;
  contact_followups: ContactFollowupsTable;
  contact_agreements: ContactAgreementsTable;
  statistics_snapshots: StatisticsSnapshotsTable;
  statistics_snapshot_facts: StatisticsSnapshotFactsTable;
  training_classes: TrainingClassesTable;
  training_participants: TrainingParticipantsTable;
  contact_agreement_renewals: ContactAgreementRenewalsTable;
  contact_joint_activities: ContactJointActivitiesTable;
  worksystem_frameworks: WorksystemFrameworksTable;
  worksystem_versions: WorksystemVersionsTable;
  worksystem_adoptions: WorksystemAdoptionsTable;
  worksystem_adoption_orgs: WorksystemAdoptionOrgsTable;
  worksystem_manual_values: WorksystemManualValuesTable;
  worksystem_manual_files: WorksystemManualFilesTable;
}

/** A brand (党建品牌) of a branch or a 党委 (migration 2026-12-03T2210). */
export interface BrandsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  name: string;
  slogan: Generated<string>;
  summary: Generated<string>;
  started_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BrandElementsTable {
  tenant_id: number;
  id: Id;
  brand_id: number;
  position: Generated<number>;
  title: string;
  description: Generated<string>;
  owner_member_id: number | null;
  owner_name: Generated<string>;
  version: Generated<number>;
}

export interface BrandRulesTable {
  tenant_id: number;
  id: Id;
  brand_id: number;
  position: Generated<number>;
  title: string;
  description: Generated<string>;
  owner_member_id: number | null;
  owner_name: Generated<string>;
  review_every_months: Generated<number>;
  created_on: string;
  last_reviewed_on: string | null;
  last_reviewed_by: Generated<string>;
  review_note: Generated<string>;
  version: Generated<number>;
}

export interface BrandRuleEvidenceTable {
  tenant_id: number;
  id: Id;
  rule_id: number;
  record_kind: 'orglife_record' | 'service_event' | 'project' | 'honour' | 'programme' | 'decision_topic';
  record_id: number;
  linked_by_name: Generated<string>;
  linked_at: CreatedAt;
}

/** A figure of a brand: its measure is JSON validated by core's brandMeasureSchema. */
export interface BrandFiguresTable {
  tenant_id: number;
  id: Id;
  brand_id: number;
  position: Generated<number>;
  label: string;
  unit: Generated<string>;
  measure: JsonValue;
  version: Generated<number>;
}

export type Org = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type User = Selectable<UsersTable>;

/** A front-line action project (一线支部项目) of a branch or temporary branch (migration 2026-12-03T2020). */
export interface ProjectsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  title: string;
  area: string;
  goal: Generated<string>;
  started_on: string;
  ends_on: string;
  lead_member_id: number;
  stage: Generated<'proposed' | 'approved' | 'midterm' | 'accepted' | 'rejected' | 'withdrawn'>;
  approved_on: string | null;
  approval_note: Generated<string>;
  midterm_on: string | null;
  midterm_note: Generated<string>;
  accepted_on: string | null;
  conclusion: '优秀' | '合格' | '不合格' | null;
  acceptance_note: Generated<string>;
  closed_on: string | null;
  closed_note: Generated<string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A task of a project, owned by a member (党员设岗定责). */
export interface ProjectTasksTable {
  tenant_id: number;
  id: Id;
  project_id: number;
  title: string;
  owner_member_id: number;
  due_on: string;
  status: Generated<'open' | 'done'>;
  done_on: string | null;
  result: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
}

/** An outcome indicator of a project (numeric(14,2): read it cast to float8). */
export interface ProjectOutcomesTable {
  tenant_id: number;
  project_id: number;
  seq: number;
  indicator: string;
  unit: Generated<string>;
  target: ColumnType<string | null, number | null, number | null>;
  actual: ColumnType<string | null, number | null, number | null>;
  better: Generated<'higher' | 'lower'>;
}

/** Evidence files of a project. */
export interface ProjectFilesTable extends UploadColumns {
  project_id: number;
}

// ---------------------------------------------------------------------------------------
// Venues (活动阵地) and the 六有 standard (migration 2026-12-03T2250-venues)

/** A venue of an org; its checklist is JSON [{ item, met, note }]; area numeric(8,1): read it cast to float8. */
export interface VenuesTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  name: string;
  place: Generated<string>;
  area_m2: ColumnType<string | null, number | null, number | null>;
  seats: number | null;
  note: Generated<string>;
  checklist: ColumnType<unknown, string, string>;
  checked_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Another org of the unit sharing the use of a venue. */
export interface VenueSharesTable {
  tenant_id: number;
  venue_id: number;
  org_id: number;
}

/** Photos of a venue (optional). */
export interface VenuePhotosTable extends UploadColumns {
  venue_id: number;
}

// ---------------------------------------------------------------------------------------
// Learning, never scored (migration 2026-12-04T0330-learning)

/** A numbered study series of an org (碎片时间学党史); last_issue numbers the next material. */
export interface LearningSeriesTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  name: string;
  description: Generated<string>;
  planned_issues: number | null;
  last_issue: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
}

/** A material to read or watch; first_topic marks it for the 第一议题 library. */
export interface LearningMaterialsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  kind: string;
  title: string;
  source: Generated<string>;
  url: Generated<string>;
  summary: Generated<string>;
  published_on: string;
  first_topic: Generated<boolean>;
  series_id: number | null;
  issue_no: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A meeting that studied a material: a branch's organisational-life record or a decisions meeting. */
export interface LearningStudiesTable {
  tenant_id: number;
  id: Id;
  material_id: number;
  orglife_record_id: number | null;
  decision_meeting_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

/** A member's own learning note, read by nobody else. */
export interface LearningNotesTable {
  tenant_id: number;
  id: Id;
  member_id: number;
  material_id: number | null;
  noted_on: string;
  content: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

// ---------------------------------------------------------------------------------------
// Contact points (联系点) and co-building agreements (结对共建) (migration 2026-12-04T0320-contacts)

/** A leader's account linked to a branch for a period (to_on null: open-ended). */
export interface ContactPointsTable {
  tenant_id: number;
  id: Id;
  user_id: number;
  org_id: number;
  from_on: string;
  to_on: string | null;
  note: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A visit (调研/走访) under a contact point. */
export interface ContactVisitsTable {
  tenant_id: number;
  id: Id;
  point_id: number;
  visited_on: string;
  purpose: Generated<string>;
  participants: Generated<string>;
  notes: string;
  version: Generated<number>;
  created_by: number | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A follow-up (整改/督办事项) of a visit, owned by an account. */
export interface ContactFollowupsTable {
  tenant_id: number;
  id: Id;
  visit_id: number;
  text: string;
  owner_user_id: number;
  due_on: string;
  status: Generated<'open' | 'done'>;
  done_on: string | null;
  done_note: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A co-building agreement: an org of the unit with another org of the unit (partner_org_id) or an outside one (partner_name). */
export interface ContactAgreementsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  partner_org_id: number | null;
  partner_name: Generated<string>;
  kind: string;
  signed_on: string;
  ends_on: string;
  content: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A renewal of an agreement: its term extended from previous_ends_on to ends_on. */
export interface ContactAgreementRenewalsTable {
  tenant_id: number;
  id: Id;
  agreement_id: number;
  renewed_on: string;
  previous_ends_on: string;
  ends_on: string;
  note: Generated<string>;
  created_by: number | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
}

/** A joint activity of an agreement (counts for both sides of an internal pairing), optionally linked to a record of one side. */
export interface ContactJointActivitiesTable {
  tenant_id: number;
  id: Id;
  agreement_id: number;
  held_on: string;
  title: string;
  place: Generated<string>;
  participants: Generated<number>;
  summary: Generated<string>;
  orglife_record_id: number | null;
  service_event_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

// ---------------------------------------------------------------------------------------
// Party-work funds (党建经费, migration 2026-12-04T0310-funds)

/** One org's budget for one year and category, in 分. */
export interface FundBudgetLinesTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  year: number;
  category: string;
  budget_cents: number;
  note: Generated<string>;
  version: Generated<number>;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A branch's request for money (经费申请): submitted → approved | returned → paid. */
export interface FundRequestsTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  budget_line_id: number;
  category: string;
  amount_cents: number;
  purpose: string;
  status: Generated<'submitted' | 'approved' | 'returned' | 'paid'>;
  requested_on: string;
  decided_on: string | null;
  decision_note: Generated<string>;
  decided_by_name: Generated<string>;
  created_by: number | null;
  created_by_name: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Money spent against a line: a paid request's (request_id) or recorded directly by the office. */
export interface FundExpensesTable {
  tenant_id: number;
  id: Id;
  budget_line_id: number;
  request_id: number | null;
  spent_on: string;
  amount_cents: number;
  purpose: string;
  voucher_no: Generated<string>;
  overrun_cents: Generated<number>;
  overrun_reason: Generated<string>;
  created_by: number | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
}

/** Evidence (invoices) of a request or of an expense (optional). */
export interface FundFilesTable extends UploadColumns {
  request_id: number | null;
  expense_id: number | null;
}

// ---------------------------------------------------------------------------------------
// Departments' business figures (migration 2026-12-04T0410-figures)

/** The unit's catalogue of business figures. */
export interface FigureDefinitionsTable {
  tenant_id: number;
  id: Id;
  code: string;
  name: string;
  unit: string;
  kind: 'count' | 'ratio' | 'score';
  gk_code: string | null;
  active: Generated<boolean>;
  sort: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A department's value of a figure in a month (YYYY-MM); value numeric(14,2): read it cast to float8. */
export interface FigureValuesTable {
  tenant_id: number;
  department_id: number;
  figure_id: number;
  month: string;
  value: ColumnType<string, number, number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

// ---------------------------------------------------------------------------------------
// Work systems (migration 2026-12-04T0400-worksystems)

/** A work system (工作体系) of an org: its editable draft definition (core worksystems.ts). */
export interface WorksystemFrameworksTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  name: string;
  template_key: Generated<string>;
  created_from: Generated<string>;
  draft: Json;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A published, immutable definition of a framework, in force from published_on. */
export interface WorksystemVersionsTable {
  tenant_id: number;
  framework_id: number;
  no: number;
  definition: Json;
  published_on: string;
  published_by_name: Generated<string>;
  created_at: CreatedAt;
}

/** A framework set to work for an org and a year, with targets per indicator key. */
export interface WorksystemAdoptionsTable {
  tenant_id: number;
  id: Id;
  framework_id: number;
  org_id: number;
  year: number;
  targets: Json;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The branches an adoption flows down to (none: every branch under its org). */
export interface WorksystemAdoptionOrgsTable {
  tenant_id: number;
  adoption_id: number;
  org_id: number;
}

/** A manual indicator's value for one org under an adoption, with optional evidence. */
export interface WorksystemManualValuesTable {
  tenant_id: number;
  id: Id;
  adoption_id: number;
  indicator_key: string;
  org_id: number;
  value: ColumnType<string, number, number>;
  evidence: Generated<string>;
  link: Generated<string>;
  entered_by_name: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** An evidence file of a manual value (migration 2026-12-04T0500-worksystem-evidence). */
export interface WorksystemManualFilesTable extends UploadColumns {
  value_id: number;
}

// ---------------------------------------------------------------------------------------
// Upward reports (migration 2026-12-04T0460-upward-reports)

/** A saved report definition; spec holds the rest of core's ReportDefinition (JSON). */
export interface ReportDefinitionsTable {
  tenant_id: number;
  id: Id;
  title: string;
  requester: Generated<string>;
  as_of: string;
  org_id: number;
  spec: ColumnType<unknown, string, string>;
  based_on_id: number | null;
  version: Generated<number>;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A frozen run: the definition as run, its result and the people counted (JSON). */
export interface ReportRunsTable {
  tenant_id: number;
  id: Id;
  definition_id: number;
  org_id: number;
  as_of: string;
  definition: ColumnType<unknown, string, string>;
  result: ColumnType<unknown, string, string>;
  total: number;
  run_by_name: Generated<string>;
  run_at: CreatedAt;
}

// ---------------------------------------------------------------------------------------
// The yearly assessment of branches (migration 2026-12-04T0430-assessment)

/** A scheme of an org (the 党委) and year; items JSON (core AssessmentItem[]). */
export interface AssessmentSchemesTable {
  tenant_id: number;
  id: Id;
  org_id: number;
  year: number;
  title: string;
  status: Generated<'draft' | 'published'>;
  items: ColumnType<unknown, string, string>;
  published_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** One branch's sheet of a scheme; figures JSON (the values from the records), scores JSON { itemKey: score } of the manual items; total numeric(5,1): read it cast to float8. */
export interface AssessmentSheetsTable {
  tenant_id: number;
  id: Id;
  scheme_id: number;
  org_id: number;
  status: Generated<'draft' | 'submitted' | 'returned' | 'graded'>;
  figures: ColumnType<unknown, string | undefined, string>;
  self_assessment: Generated<string>;
  return_reason: Generated<string>;
  scores: ColumnType<unknown, string | undefined, string>;
  total: ColumnType<string | null, number | null | undefined, number | null>;
  grade: string | null;
  grade_reason: Generated<string>;
  submitted_at: ColumnType<Date | null, string | null | undefined, string | null>;
  graded_at: ColumnType<Date | null, string | null | undefined, string | null>;
  graded_by_name: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
