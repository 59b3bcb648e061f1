/**
 * Roles, permissions and data scope: decided here, in one place, for the server and the web.
 *
 * A role grant may carry an org: a branch secretary's grant covers that org and its subtree.
 */
/** A new password's least length (the server refuses a shorter one; the web's forms say so before sending). */
export const PASSWORD_MIN_LENGTH = 8;

export const ROLES = ['sys_admin', 'org_office', 'branch_secretary', 'member', 'inspector', 'leader', 'party_office', 'president_office', 'task_owner', 'commission'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles a unit grants its own accounts. 'commission' (a 卫健委's or 教育工委's account) belongs
 * to a commission, not to a unit: it is created with the commission, never on a unit's accounts page.
 */
export const UNIT_ROLES = ROLES.filter((r): r is Exclude<Role, 'commission'> => r !== 'commission');

/** A commission account reaches the commission pages and its own session only (plugins/access). */
export function isCommissionAccount(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'commission');
}

/**
 * Roles whose grant is tenant-wide; the others need an org (branch_secretary) or are self-only
 * (member: their own record; task_owner / 承办人: the decision tasks assigned to them).
 * 党办 (party_office) runs the 党委会 and 院办 (president_office) the 院长办公会: both reach the whole unit.
 */
export const TENANT_WIDE_ROLES: readonly Role[] = ['sys_admin', 'org_office', 'inspector', 'leader', 'party_office', 'president_office', 'commission'];

/** Roles whose grant names an org whose subtree it covers. */
export const ORG_ROLES: readonly Role[] = ['branch_secretary'];

export const PERMISSIONS = [
  'users.manage',
  'audit.read',
  'orgs.read',
  'orgs.write',
  'members.read',
  'members.write',
  'members.sensitive', // unmasked ID and phone numbers
  'dashboard.read',
  'dues.read',
  'dues.write',
  'development.read',
  'development.write',
  'orglife.read',
  'orglife.write',
  // Service and volunteer work (issue 14): a member reads their own (self scope).
  'service.read',
  'service.write',
  // Honours and building programmes (issue 14).
  'honours.read',
  'honours.write',
  // Decisions under PDCA (issue 13): bodies, topics, meetings, supervision and evaluation.
  // decisions.write is split by body in the module: 党办 writes the 党委会's, 院办 the 院长办公会's.
  'decisions.read',
  'decisions.write',
  // A 承办人 reports on the tasks assigned to them, and reads only those.
  'decisions.tasks',
  // Front-line action projects (一线支部项目): a branch proposes and runs them, the 党委 approves
  // (立项) and accepts (验收) them.
  'projects.read',
  'projects.write',
  'projects.review',
  // Branch and committee brands (党建品牌): a branch writes its own, the organisation office all.
  'brands.read',
  'brands.write',
  // Party-work funds (党建经费): budget lines, requests and expenses. A branch requests for itself;
  // the organisation office approves (三优先: 流程优先办理) and records the payment.
  'funds.read',
  'funds.write',
  'funds.approve',
  // Contact points (联系点) and co-building agreements (结对共建): the office keeps them; a leader
  // records the visits to the branches they are the contact point of, and nothing else.
  'contacts.read',
  'contacts.write',
  'contacts.visit',
  // Learning (never scored): materials, the 第一议题 library, study series. A member reads them
  // and keeps their own learning notes (self scope).
  'learning.read',
  'learning.write',
  // Work systems (工作体系: 四维融合, 四急四聚焦, 五个在一线, 12345, PDCA …): frameworks of dimensions
  // and indicators computed from the records; the office writes frameworks and publishes them, a
  // branch fills its manual items and targets.
  'worksystems.read',
  'worksystems.write',
  // Departments' business figures (门急诊人次, 手术台次 …) beside the party work: read by those who
  // read the dashboards, imported by the organisation office.
  'figures.read',
  'figures.write',
  // The yearly assessment of branches (述职评议考核): a scheme of weighted indicators and manual
  // items; a secretary writes the branch's self-assessment, the 党委 (organisation office) scores
  // and grades (好 / 较好 / 一般 / 差).
  'assessment.read',
  'assessment.write',
  'assessment.grade',
  // Year-end party statistics (党内统计年报): snapshots as of 12-31, reconciliation, upward
  // reports. A branch reads its own tables; the organisation office takes and submits snapshots.
  'statistics.read',
  'statistics.write',
  // The unit's own rules and choices (dues payroll items, 公示 length, meeting frequencies,
  // 双带头人 criteria, letterhead): they apply to every branch, so only a tenant-wide role may
  // change them, never a branch secretary whose dues.write or orglife.write reaches one subtree.
  'settings.manage',
  // The level above units (卫健委, 教育工委): the units' aggregate figures, never a person's.
  'commission.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role may do. Read-only roles (纪检, 院领导) get no '.write' permission. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sys_admin: ['users.manage', 'audit.read', 'orgs.read', 'orgs.write', 'members.read', 'members.write', 'members.sensitive', 'dashboard.read', 'dues.read', 'development.read', 'orglife.read', 'service.read', 'honours.read', 'decisions.read', 'projects.read', 'brands.read', 'funds.read', 'contacts.read', 'learning.read', 'worksystems.read', 'figures.read', 'assessment.read', 'statistics.read'],
  org_office: ['orgs.read', 'orgs.write', 'members.read', 'members.write', 'members.sensitive', 'dashboard.read', 'dues.read', 'dues.write', 'development.read', 'development.write', 'orglife.read', 'orglife.write', 'service.read', 'service.write', 'honours.read', 'honours.write', 'settings.manage', 'decisions.read', 'projects.read', 'projects.write', 'projects.review', 'brands.read', 'brands.write', 'funds.read', 'funds.write', 'funds.approve', 'contacts.read', 'contacts.write', 'learning.read', 'learning.write', 'worksystems.read', 'worksystems.write', 'figures.read', 'figures.write', 'assessment.read', 'assessment.write', 'assessment.grade', 'statistics.read', 'statistics.write'],
  branch_secretary: ['orgs.read', 'members.read', 'members.write', 'dashboard.read', 'dues.read', 'dues.write', 'development.read', 'development.write', 'orglife.read', 'orglife.write', 'service.read', 'service.write', 'honours.read', 'honours.write', 'projects.read', 'projects.write', 'brands.read', 'brands.write', 'funds.read', 'funds.write', 'contacts.read', 'learning.read', 'learning.write', 'worksystems.read', 'worksystems.write', 'figures.read', 'assessment.read', 'assessment.write', 'statistics.read'],
  member: ['orgs.read', 'service.read', 'projects.read', 'learning.read'],
  inspector: ['audit.read', 'orgs.read', 'members.read', 'dashboard.read', 'dues.read', 'development.read', 'orglife.read', 'service.read', 'honours.read', 'decisions.read', 'projects.read', 'brands.read', 'funds.read', 'contacts.read', 'learning.read', 'worksystems.read', 'figures.read', 'assessment.read', 'statistics.read'],
  leader: ['orgs.read', 'dashboard.read', 'service.read', 'honours.read', 'decisions.read', 'projects.read', 'brands.read', 'funds.read', 'contacts.read', 'contacts.visit', 'learning.read', 'worksystems.read', 'figures.read', 'assessment.read', 'statistics.read'],
  party_office: ['orgs.read', 'decisions.read', 'decisions.write', 'decisions.tasks', 'learning.read', 'learning.write'],
  president_office: ['orgs.read', 'decisions.read', 'decisions.write', 'decisions.tasks'],
  task_owner: ['decisions.tasks'],
  commission: ['commission.read'],
};

export interface RoleGrant {
  role: Role;
  /** The org whose subtree the grant covers (branch_secretary); null for tenant-wide roles. */
  orgId: number | null;
  /** The org's materialised path ('/1/5/23/'), when orgId is set. */
  orgPath?: string | null;
}

/**
 * Where a permission reaches for one user:
 * - tenant: the whole tenant
 * - subtree: the orgs whose path starts with one of the given paths
 * - self: only the user's own member record
 */
export type DataScope =
  | { kind: 'tenant' }
  | { kind: 'subtree'; orgIds: number[]; paths: string[] }
  | { kind: 'self'; memberId: number | null };

export function hasPermission(grants: readonly RoleGrant[], permission: Permission): boolean {
  return grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

/** The widest scope any of the user's grants gives for this permission, or null if none gives it. */
export function scopeFor(grants: readonly RoleGrant[], permission: Permission, memberId: number | null): DataScope | null {
  const giving = grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
  if (giving.length === 0) return null;
  if (giving.some((g) => TENANT_WIDE_ROLES.includes(g.role))) return { kind: 'tenant' };
  const scoped = giving.filter((g) => ORG_ROLES.includes(g.role) && g.orgId !== null && g.orgPath);
  if (scoped.length > 0) {
    return {
      kind: 'subtree',
      orgIds: scoped.map((g) => g.orgId as number),
      paths: scoped.map((g) => g.orgPath as string),
    };
  }
  return { kind: 'self', memberId };
}

/** True when the org with this path lies inside the scope. */
export function scopeCoversPath(scope: DataScope, orgPath: string): boolean {
  if (scope.kind === 'tenant') return true;
  if (scope.kind === 'self') return false;
  return scope.paths.some((p) => orgPath.startsWith(p));
}
