/**
 * Loads the generated demo hospitals into an empty database, in one transaction: either the
 * whole demo lands or nothing does.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
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
import { idNumberColumns, idNumberHash, sealPhone } from '../db/sealed.js';

export interface DemoLoadResult {
  logins: DemoLogin[];
  tenants: number;
  members: number;
  orgs: number;
}

/** Rows per multi-row insert: ~22 columns × 500 stays far below PostgreSQL's 65,535 parameters. */
const MEMBER_BATCH = 500;

/** True when no tenant exists yet (a fresh installation). */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  return row === undefined;
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
    const clash = await trx.selectFrom('tenants').select('code').where('code', 'in', codes).execute();
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
    for (const tenant of await trx.selectFrom('tenants').select('id').where('code', 'in', codes).orderBy('id').execute()) {
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
  const units = await trx.selectFrom('tenants').select(['id', 'code']).where('code', 'in', c.units.map((u) => u.code)).execute();
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
  const { id: tenantId } = await trx.insertInto('tenants').values({ code: t.code, name: t.name }).returning('id').executeTakeFirstOrThrow();

  const campusRows = await trx
    .insertInto('campuses')
    .values(t.campuses.map((c) => ({ tenant_id: tenantId, name: c.name, address: c.address, sort: c.sort })))
    .returning(['id', 'name'])
    .execute();
  const campusIdByName = new Map(campusRows.map((r) => [r.name, r.id]));
  const campusIds = new Map(t.campuses.map((c) => [c.key, lookup(campusIdByName, c.name, 'campus')]));

  const departmentRows = await trx
    .insertInto('departments')
    .values(
      t.departments.map((d) => ({
        tenant_id: tenantId,
        name: d.name,
        kind: d.kind,
        campus_id: lookup(campusIds, d.campusKey, 'campus'),
        is_teaching_office: d.isTeachingOffice,
        // Every teaching office is a "三位一体" office (科室、教研室、支部).
        trinity: d.isTeachingOffice,
        sort: d.sort,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  const departmentIdByName = new Map(departmentRows.map((r) => [r.name, r.id]));
  const departmentIds = new Map(t.departments.map((d) => [d.key, lookup(departmentIdByName, d.name, 'department')]));

  // The path holds the org's own id, so ids are drawn from the identity sequence first; then
  // the whole tree goes in with one insert (parents first) and needs no update afterwards.
  const ordered = orgsByDepth(t.orgs);
  const { rows: drawn } = await sql<{ id: number | string }>`
    select nextval(pg_get_serial_sequence('orgs', 'id')) as id from generate_series(1, ${ordered.length})
  `.execute(trx);
  const orgIds = new Map<string, number>();
  const paths = new Map<string, string>();
  const orgRows = ordered.map(({ org, depth }, i) => {
    const id = Number(drawn[i]?.id);
    if (!Number.isSafeInteger(id)) throw new Error('could not draw org ids');
    const parentPath = org.parentKey === null ? '/' : (paths.get(org.parentKey) ?? '/');
    orgIds.set(org.key, id);
    paths.set(org.key, `${parentPath}${id}/`);
    return {
      tenant_id: tenantId,
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
  await trx.insertInto('orgs').values(orgRows).execute();

  const bindings = t.orgs.flatMap((o) =>
    o.departmentKeys.map((d) => ({ tenant_id: tenantId, org_id: lookup(orgIds, o.key, 'org'), department_id: lookup(departmentIds, d, 'department') })),
  );
  if (bindings.length > 0) await trx.insertInto('org_departments').values(bindings).execute();

  const memberIds = new Map<string, number>();
  for (let start = 0; start < t.members.length; start += MEMBER_BATCH) {
    const batch = t.members.slice(start, start + MEMBER_BATCH);
    const rows = await trx
      .insertInto('members')
      .values(
        batch.map((m) => ({
          tenant_id: tenantId,
          name: m.name,
          ...nameColumns(m.name),
          gender: m.gender,
          ...idNumberColumns(m.idNumber),
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
          phone_enc: sealPhone(m.phone),
          address: m.address,
        })),
      )
      // Matched back by the (unique) ID number, not by row order, which SQL does not promise.
      .returning(['id', 'id_number_hash'])
      .execute();
    const idByHash = new Map(rows.map((r) => [r.id_number_hash, r.id]));
    for (const m of batch) memberIds.set(m.key, lookup(idByHash, idNumberHash(m.idNumber), 'member'));
  }

  if (t.users.length > 0) {
    const userRows = await trx
      .insertInto('users')
      .values(
        t.users.map((u) => ({
          tenant_id: tenantId,
          username: u.username,
          name: u.name,
          password_hash: lookupHash(hashes, `${t.code}/${u.username}`),
          member_id: lookupOrNull(memberIds, u.memberKey, 'member'),
          password_changed_at: null,
        })),
      )
      .returning(['id', 'username'])
      .execute();
    const userIds = new Map(userRows.map((r) => [r.username, r.id]));
    const grants = t.users.flatMap((u) =>
      u.roles.map((r) => ({
        tenant_id: tenantId,
        user_id: lookup(userIds, u.username, 'user'),
        role: r.role,
        org_id: lookupOrNull(orgIds, r.orgKey, 'org'),
      })),
    );
    if (grants.length > 0) await trx.insertInto('user_roles').values(grants).execute();
  }

  // Provenance: the records did not come from anyone's hand, and the trail says so.
  await trx
    .insertInto('audit_log')
    .values({
      tenant_id: tenantId,
      user_id: null,
      username: 'system',
      action: 'demo.load',
      entity_type: 'tenant',
      entity_id: String(tenantId),
      summary: `载入演示数据：${t.orgs.length} 个党组织，${t.members.length} 名党员，${t.users.length} 个账号`,
      before: null,
      after: null,
      ip: '',
    })
    .execute();
}

function lookupHash(hashes: ReadonlyMap<string, string>, key: string): string {
  const hash = hashes.get(key);
  if (hash === undefined) throw new Error(`no password hash for ${key}`);
  return hash;
}
