/**
 * Loads the generated demo hospitals into an empty database, in one transaction: either the
 * whole demo lands or nothing does.
 */
import type { Kysely, Transaction } from 'kysely';
import { addDays } from '@hongyi/core';
import { analyzeTables } from '../db/analyze.js';
import type { DB } from '../db/schema.js';
import { runReminders } from '../modules/orglife/reminders.js';
import { nameColumns } from '../modules/members/pinyin.js';
import { hashPassword } from '../plugins/password.js';
import { type DemoCommission, type DemoLogin, type DemoOptions, type DemoOrg, type DemoTenant, generateDemo } from './generate.js';
import { addCommissionUnit, insertCommission, insertCommissionAccount } from '../modules/commission/repository.js';
import { duesCategoryOfJob, loadDuesDemo } from './dues.js';
import { loadDevelopmentDemo } from './development.js';
import { loadOrglifeDemo } from './orglife.js';
import { loadOrgsMembersDemo } from './orgsMembers.js';
import { loadServiceDemo } from './service.js';
import { loadHonoursDemo } from './honours.js';
import { loadProjectsDemo } from './projects.js';
import { loadDecisionsDemo } from './decisions.js';
import { loadBrandsDemo } from './brands.js';
import { loadVenuesDemo } from './venues.js';
import { loadReportsDemo } from './reports.js';
import { loadFiguresDemo } from './figures.js';
import { loadWorksystemsDemo } from './worksystems.js';
import { loadAssessmentDemo } from './assessment.js';
import { loadLearningDemo } from './learning.js';
import { loadTrainingDemo } from './training.js';
import { loadContactsDemo } from './contacts.js';
import { loadFundsDemo } from './funds.js';
import { loadTransfersDemo } from './transfers.js';
import { loadStatisticsDemo } from './statistics.js';
import { insertMembersAsGiven } from '../modules/members/repository-roster.js';
import { drawOrgIds, insertCampuses, insertDepartments, insertOrgDepartments, insertOrgTree } from '../modules/orgs/repository.js';
import { anyTenant, insertTenant, tenantsByCodes } from '../modules/setup/repository.js';
import { insertAccountsWithRoles } from '../modules/users/repository.js';
import { writeAudit } from '../plugins/audit.js';

export interface DemoLoadResult {
  logins: DemoLogin[];
  tenants: number;
  members: number;
  orgs: number;
}

/** True when no tenant exists yet (a fresh installation). */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  return !(await anyTenant(db));
}

export async function loadDemo(db: Kysely<DB>, options: DemoOptions = {}): Promise<DemoLoadResult> {
  const data = generateDemo(options);
  // argon2 is deliberately slow: hash before the transaction opens (in parallel, on libuv's
  // thread pool) so that the transaction stays short. Each user gets its own salt.
  const hashes = new Map<string, string>();
  await Promise.all(
    data.tenants.flatMap((t) =>
      t.users.map(async (u) => {
        hashes.set(`${t.code}/${u.username}`, await hashPassword(u.password));
      }),
    ),
  );
  const commissionHash = data.commission ? await hashPassword(data.commission.account.password) : null;

  await db.transaction().execute(async (trx) => {
    const codes = data.tenants.map((t) => t.code);
    const clash = await tenantsByCodes(trx, codes);
    if (clash.length > 0) throw new Error(`demo tenants already exist: ${clash.map((r) => r.code).join(', ')}`);
    for (const tenant of data.tenants) await loadTenant(trx, tenant, hashes);
    await loadDuesDemo(trx, codes, data.today);
    await loadDevelopmentDemo(trx, codes, data.today);
    await loadOrglifeDemo(trx, data);
    await loadOrgsMembersDemo(trx, data);
    await loadTransfersDemo(trx, data.tenants[0]!.code, data.today);
    await loadServiceDemo(trx, data);
    await loadHonoursDemo(trx, data);
    await loadProjectsDemo(trx, data);
    await loadDecisionsDemo(trx, data);
    await loadBrandsDemo(trx, data);
    await loadVenuesDemo(trx, data);
    await loadReportsDemo(trx, data);
    await loadLearningDemo(trx, data);
    await loadTrainingDemo(trx, data);
    await loadContactsDemo(trx, data);
    await loadFundsDemo(trx, data);
    await loadFiguresDemo(trx, data);
    await loadWorksystemsDemo(trx, data);
    await loadStatisticsDemo(trx, data);
    await loadAssessmentDemo(trx, data);
    // Yesterday's reminder digest has run, after every part is in: the in-app reminders (with the
    // overdue 回执 for the 党委) and the deliveries list have something to show (the branch's
    // e-mail waits: no mail server).
    for (const tenant of await tenantsByCodes(trx, codes)) {
      await runReminders(trx, tenant.id, addDays(data.today, -1), async () => ({ ok: false, status: 0 }));
    }
    if (data.commission && commissionHash) await loadCommissionDemo(trx, data.commission, commissionHash);
  });
  // Every table was just filled: plan the first users' queries with statistics.
  await analyzeTables(db, 'all');

  return {
    logins: data.logins,
    tenants: data.tenants.length,
    members: data.tenants.reduce((n, t) => n + t.members.length, 0),
    orgs: data.tenants.reduce((n, t) => n + t.orgs.length, 0),
  };
}

/** The commission, its office and account, and its units (the commission module's own inserts). */
async function loadCommissionDemo(trx: Transaction<DB>, c: DemoCommission, passwordHash: string): Promise<void> {
  const { id, officeTenantId } = await insertCommission(trx, { code: c.code, name: c.name, kind: c.kind, officeName: c.officeName });
  await insertCommissionAccount(trx, officeTenantId, { username: c.account.username, name: c.account.name, passwordHash });
  const units = await tenantsByCodes(trx, c.units.map((u) => u.code));
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  for (const u of c.units) await addCommissionUnit(trx, id, lookup(idOf, u.code, 'unit'), u.joinedOn);
}

function lookup(map: ReadonlyMap<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`demo data: unknown ${what} ${key}`);
  return id;
}
function lookupOrNull(map: ReadonlyMap<string, number>, key: string | null, what: string): number | null {
  return key === null ? null : lookup(map, key, what);
}

/** Parents before children, so every org's parent path is known when its own is computed. */
function orgsByDepth(orgs: readonly DemoOrg[]): { org: DemoOrg; depth: number }[] {
  const byKey = new Map(orgs.map((o) => [o.key, o]));
  const depthOf = (o: DemoOrg): number => {
    let depth = 0;
    for (let p = o.parentKey; p !== null; p = byKey.get(p)?.parentKey ?? null) {
      if (!byKey.has(p)) throw new Error(`demo data: org ${o.key} has unknown parent ${p}`);
      if (++depth > orgs.length) throw new Error(`demo data: cycle above org ${o.key}`);
    }
    return depth;
  };
  return orgs.map((org) => ({ org, depth: depthOf(org) })).sort((a, b) => a.depth - b.depth);
}

async function loadTenant(trx: Transaction<DB>, t: DemoTenant, hashes: ReadonlyMap<string, string>): Promise<void> {
  const tenantId = await insertTenant(trx, { code: t.code, name: t.name });

  const campusRows = await insertCampuses(trx, tenantId, t.campuses.map((c) => ({ name: c.name, address: c.address, sort: c.sort })));
  const campusIdByName = new Map(campusRows.map((r) => [r.name, r.id]));
  const campusIds = new Map(t.campuses.map((c) => [c.key, lookup(campusIdByName, c.name, 'campus')]));

  const departmentRows = await insertDepartments(
    trx,
    tenantId,
    t.departments.map((d) => ({
      name: d.name,
      kind: d.kind,
      campus_id: lookup(campusIds, d.campusKey, 'campus'),
      is_teaching_office: d.isTeachingOffice,
      // Every teaching office is a "三位一体" office (科室、教研室、支部).
      trinity: d.isTeachingOffice,
      sort: d.sort,
    })),
  );
  const departmentIdByName = new Map(departmentRows.map((r) => [r.name, r.id]));
  const departmentIds = new Map(t.departments.map((d) => [d.key, lookup(departmentIdByName, d.name, 'department')]));

  // The path holds the org's own id, so ids are drawn from the identity sequence first; then
  // the whole tree goes in with one insert (parents first) and needs no update afterwards.
  const ordered = orgsByDepth(t.orgs);
  const drawn = await drawOrgIds(trx, ordered.length);
  const orgIds = new Map<string, number>();
  const paths = new Map<string, string>();
  const orgRows = ordered.map(({ org, depth }, i) => {
    const id = drawn[i]!;
    const parentPath = org.parentKey === null ? '/' : (paths.get(org.parentKey) ?? '/');
    orgIds.set(org.key, id);
    paths.set(org.key, `${parentPath}${id}/`);
    return {
      id,
      parent_id: org.parentKey === null ? null : lookup(orgIds, org.parentKey, 'org'),
      type: org.type,
      name: org.name,
      short_name: org.shortName,
      path: `${parentPath}${id}/`,
      depth,
      sort: org.sort,
      campus_id: lookupOrNull(campusIds, org.campusKey, 'campus'),
      established_on: org.establishedOn,
      ends_on: org.endsOn,
    };
  });
  await insertOrgTree(trx, tenantId, orgRows);
  await insertOrgDepartments(
    trx,
    tenantId,
    t.orgs.flatMap((o) => o.departmentKeys.map((d) => ({ org_id: lookup(orgIds, o.key, 'org'), department_id: lookup(departmentIds, d, 'department') }))),
  );

  const ids = await insertMembersAsGiven(
    trx,
    tenantId,
    t.members.map((m) => ({
      name: m.name,
      ...nameColumns(m.name),
      gender: m.gender,
      id_number: m.idNumber,
      ethnicity: m.ethnicity,
      native_place: m.nativePlace,
      birth_date: m.birthDate,
      education: m.education,
      degree: m.degree,
      category: m.category,
      status: 'active' as const,
      org_id: lookup(orgIds, m.orgKey, 'org'),
      party_group_id: lookupOrNull(orgIds, m.partyGroupKey, 'party group'),
      joined_on: m.joinedOn,
      full_on: m.fullOn,
      work_started_on: m.workStartedOn,
      job_category: m.jobCategory,
      dues_category: duesCategoryOfJob(m.jobCategory),
      post: m.post,
      title: m.title,
      department_id: lookup(departmentIds, m.departmentKey, 'department'),
      campus_id: lookup(campusIds, m.campusKey, 'campus'),
      phone: m.phone,
      address: m.address,
    })),
  );
  const memberIds = new Map(t.members.map((m, i) => [m.key, ids[i]!]));

  await insertAccountsWithRoles(
    trx,
    tenantId,
    t.users.map((u) => ({
      username: u.username,
      name: u.name,
      passwordHash: lookupHash(hashes, `${t.code}/${u.username}`),
      memberId: lookupOrNull(memberIds, u.memberKey, 'member'),
      roles: u.roles.map((r) => ({ role: r.role, org_id: lookupOrNull(orgIds, r.orgKey, 'org') })),
    })),
  );

  // Provenance: the records did not come from anyone's hand, and the trail says so.
  await writeAudit(
    trx,
    { tenantId, userId: null, username: 'system', ip: '' },
    { action: 'demo.load', entityType: 'tenant', entityId: tenantId, summary: `载入演示数据：${t.orgs.length} 个党组织，${t.members.length} 名党员，${t.users.length} 个账号` },
  );
}

function lookupHash(hashes: ReadonlyMap<string, string>, key: string): string {
  const hash = hashes.get(key);
  if (hash === undefined) throw new Error(`no password hash for ${key}`);
  return hash;
}
