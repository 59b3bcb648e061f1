/**
 * Every query of co-building agreements (结对共建), their renewals and joint activities. An
 * agreement lies in a scope when the org that recorded it does, or its partner (an org of the
 * unit) does: both sides see it and its activities, recorded once.
 */
import type { DataScope } from '@hongyi/core';
import { type Kysely, type SelectQueryBuilder, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { countUpTo } from '../../lib/paging.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface AgreementRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  partnerOrgId: number | null;
  partnerOrgName: string | null;
  partnerOrgPath: string | null;
  partnerName: string;
  kind: string;
  signedOn: string;
  endsOn: string;
  content: string;
  version: number;
  renewals: number;
  activities: number;
  activitiesInYear: number;
  lastActivityOn: string | null;
}

export interface AgreementFilter {
  /** Agreements with either side under this path. */
  orgPath?: string | undefined;
  kind?: string | undefined;
  /** Term ends on or after this day (running: today). */
  endsFrom?: string | undefined;
  /** Term ends on or before this day (ended: yesterday; expiring: within 60 days). */
  endsTo?: string | undefined;
}

/** Either side of the agreement `a` lies under the condition of a path column: o (its org) or po (the partner org). */
const eitherSide = (own: ReturnType<typeof subtree>, partner: ReturnType<typeof subtree>) => sql<boolean>`(${own} or (a.partner_org_id is not null and ${partner}))`;

function agreementBase(db: Db, tenantId: number, scope: DataScope, f: AgreementFilter) {
  let q = db
    .selectFrom('contact_agreements as a')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.org_id'))
    .leftJoin('orgs as po', (j) => j.onRef('po.tenant_id', '=', 'a.tenant_id').onRef('po.id', '=', 'a.partner_org_id'))
    .where('a.tenant_id', '=', tenantId);
  if (scope.kind !== 'tenant') q = q.where(eitherSide(subtree(scope, 'o.path'), subtree(scope, 'po.path')));
  if (f.orgPath) {
    const like = `${escapeLike(f.orgPath)}%`;
    q = q.where(eitherSide(sql<boolean>`o.path like ${like}`, sql<boolean>`po.path like ${like}`));
  }
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.endsFrom) q = q.where('a.ends_on', '>=', f.endsFrom);
  if (f.endsTo) q = q.where('a.ends_on', '<=', f.endsTo);
  return q;
}

function agreementColumns(db: Db, tenantId: number, scope: DataScope, f: AgreementFilter, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return agreementBase(db, tenantId, scope, f).select([
    'a.id',
    'a.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'a.partner_org_id',
    'po.name as partner_org_name',
    'po.path as partner_org_path',
    'a.partner_name',
    'a.kind',
    'a.signed_on',
    'a.ends_on',
    'a.content',
    'a.version',
    sql<number>`(select count(*) from contact_agreement_renewals r where r.tenant_id = a.tenant_id and r.agreement_id = a.id)`.as('renewals'),
    sql<number>`(select count(*) from contact_joint_activities j where j.tenant_id = a.tenant_id and j.agreement_id = a.id)`.as('activities'),
    sql<number>`(select count(*) from contact_joint_activities j where j.tenant_id = a.tenant_id and j.agreement_id = a.id and j.held_on between ${from} and ${to})`.as('activities_in_year'),
    sql<string | null>`(select max(j.held_on)::text from contact_joint_activities j where j.tenant_id = a.tenant_id and j.agreement_id = a.id)`.as('last_activity_on'),
  ]);
}

type AgreementSelect = Awaited<ReturnType<ReturnType<typeof agreementColumns>['execute']>>[number];

const presentRow = (r: AgreementSelect): AgreementRow => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  orgPath: r.org_path,
  partnerOrgId: r.partner_org_id,
  partnerOrgName: r.partner_org_name,
  partnerOrgPath: r.partner_org_path,
  partnerName: r.partner_name,
  kind: r.kind,
  signedOn: r.signed_on,
  endsOn: r.ends_on,
  content: r.content,
  version: r.version,
  renewals: Number(r.renewals),
  activities: Number(r.activities),
  activitiesInYear: Number(r.activities_in_year),
  lastActivityOn: r.last_activity_on,
});

export async function listAgreements(db: Db, tenantId: number, scope: DataScope, f: AgreementFilter, year: number, page: { limit: number; offset: number }) {
  const total = await countUpTo(db, agreementBase(db, tenantId, scope, f).select('a.id'));
  const rows = await agreementColumns(db, tenantId, scope, f, year).orderBy('o.path').orderBy('a.signed_on', 'desc').orderBy('a.id').limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(presentRow), total };
}

export async function allAgreements(db: Db, tenantId: number, scope: DataScope, f: AgreementFilter, year: number): Promise<AgreementRow[]> {
  const rows = await agreementColumns(db, tenantId, scope, f, year).orderBy('o.path').orderBy('a.signed_on', 'desc').orderBy('a.id').limit(5000).execute();
  return rows.map(presentRow);
}

export async function findAgreement(db: Db, tenantId: number, id: number, year: number): Promise<AgreementRow | undefined> {
  const row = await agreementColumns(db, tenantId, { kind: 'tenant' }, {}, year).where('a.id', '=', id).executeTakeFirst();
  return row && presentRow(row);
}

export interface AgreementValues {
  org_id: number;
  partner_org_id: number | null;
  partner_name: string;
  kind: string;
  signed_on: string;
  ends_on: string;
  content: string;
}

export async function insertAgreement(db: Db, tenantId: number, v: AgreementValues): Promise<number> {
  return (await db.insertInto('contact_agreements').values({ tenant_id: tenantId, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateAgreement(db: Db, tenantId: number, id: number, version: number, v: Partial<AgreementValues>): Promise<boolean> {
  return updateVersioned(db, 'contact_agreements', tenantId, id, version, v);
}

export async function deleteAgreement(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'contact_agreements', tenantId, id, version);
}

// ---------------------------------------------------------------------------------------
// Renewals

export async function renewalsOf(db: Db, tenantId: number, agreementId: number) {
  return db
    .selectFrom('contact_agreement_renewals')
    .select(['id', 'renewed_on', 'previous_ends_on', 'ends_on', 'note', 'created_by_name'])
    .where('tenant_id', '=', tenantId)
    .where('agreement_id', '=', agreementId)
    .orderBy('renewed_on')
    .orderBy('id')
    .execute();
}

export async function insertRenewal(
  db: Db,
  tenantId: number,
  agreementId: number,
  v: { renewed_on: string; previous_ends_on: string; ends_on: string; note: string },
  by: { userId: number | null; username: string },
): Promise<number> {
  return (
    await db
      .insertInto('contact_agreement_renewals')
      .values({ tenant_id: tenantId, agreement_id: agreementId, ...v, created_by: by.userId, created_by_name: by.username })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

// ---------------------------------------------------------------------------------------
// Joint activities

/** What a joint activity says (as it is entered). */
export interface ActivityFields {
  heldOn: string;
  title: string;
  place: string;
  participants: number;
  summary: string;
  orglifeRecordId: number | null;
  serviceEventId: number | null;
}

export interface ActivityRow extends ActivityFields {
  id: number;
  agreementId: number;
  /** The linked record: its date, what it was and whose it is. */
  linkHeldOn: string | null;
  linkTitle: string | null;
  linkOrgName: string | null;
  version: number;
}

function activityColumns(db: Db, tenantId: number) {
  return db
    .selectFrom('contact_joint_activities as j')
    .leftJoin('orglife_records as r', (x) => x.onRef('r.tenant_id', '=', 'j.tenant_id').onRef('r.id', '=', 'j.orglife_record_id'))
    .leftJoin('service_events as e', (x) => x.onRef('e.tenant_id', '=', 'j.tenant_id').onRef('e.id', '=', 'j.service_event_id'))
    .leftJoin('orgs as lo', (x) => x.onRef('lo.tenant_id', '=', 'j.tenant_id').on(sql<boolean>`lo.id = coalesce(r.org_id, e.org_id)`))
    .select([
      'j.id',
      'j.agreement_id',
      'j.held_on',
      'j.title',
      'j.place',
      'j.participants',
      'j.summary',
      'j.orglife_record_id',
      'j.service_event_id',
      sql<string | null>`coalesce(r.held_on, e.held_on)::text`.as('link_held_on'),
      sql<string | null>`coalesce(e.title, r.topics ->> 0, array_to_string(r.kinds, ','))`.as('link_title'),
      'lo.name as link_org_name',
      'j.version',
    ])
    .where('j.tenant_id', '=', tenantId);
}

type ActivitySelect = Awaited<ReturnType<ReturnType<typeof activityColumns>['execute']>>[number];

const presentActivity = (r: ActivitySelect): ActivityRow => ({
  id: r.id,
  agreementId: r.agreement_id,
  heldOn: r.held_on,
  title: r.title,
  place: r.place,
  participants: r.participants,
  summary: r.summary,
  orglifeRecordId: r.orglife_record_id,
  serviceEventId: r.service_event_id,
  linkHeldOn: r.link_held_on,
  linkTitle: r.link_title,
  linkOrgName: r.link_org_name,
  version: r.version,
});

export async function activitiesOf(db: Db, tenantId: number, agreementId: number): Promise<ActivityRow[]> {
  const rows = await activityColumns(db, tenantId).where('j.agreement_id', '=', agreementId).orderBy('j.held_on', 'desc').orderBy('j.id', 'desc').limit(2000).execute();
  return rows.map(presentActivity);
}

export async function findActivity(db: Db, tenantId: number, agreementId: number, id: number): Promise<ActivityRow | undefined> {
  const row = await activityColumns(db, tenantId).where('j.agreement_id', '=', agreementId).where('j.id', '=', id).executeTakeFirst();
  return row && presentActivity(row);
}

export interface ActivityValues {
  held_on: string;
  title: string;
  place: string;
  participants: number;
  summary: string;
  orglife_record_id: number | null;
  service_event_id: number | null;
}

export async function insertActivity(db: Db, tenantId: number, agreementId: number, v: ActivityValues, createdBy: number | null): Promise<number> {
  return (await db.insertInto('contact_joint_activities').values({ tenant_id: tenantId, agreement_id: agreementId, ...v, created_by: createdBy }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateActivity(db: Db, tenantId: number, id: number, version: number, v: ActivityValues): Promise<boolean> {
  return updateVersioned(db, 'contact_joint_activities', tenantId, id, version, v);
}

export async function deleteActivity(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'contact_joint_activities', tenantId, id, version);
}

/** Each activity of the year in the scope with its two sides (partner null: outside the unit), for the counts per org. */
export async function activitySides(db: Db, tenantId: number, scope: DataScope, from: string, to: string) {
  return agreementBase(db, tenantId, scope, {})
    .innerJoin('contact_joint_activities as j', (x) => x.onRef('j.tenant_id', '=', 'a.tenant_id').onRef('j.agreement_id', '=', 'a.id'))
    .select(['j.id', 'a.org_id', 'a.partner_org_id'])
    .where('j.held_on', '>=', from)
    .where('j.held_on', '<=', to)
    .limit(100_000)
    .execute();
}

/** The sides of every agreement running on some day of the year in the scope. */
export async function agreementSides(db: Db, tenantId: number, scope: DataScope, from: string, to: string) {
  return agreementBase(db, tenantId, scope, {}).select(['a.id', 'a.org_id', 'a.partner_org_id']).where('a.signed_on', '<=', to).where('a.ends_on', '>=', from).limit(100_000).execute();
}

export async function orgsByIds(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'path']).where('tenant_id', '=', tenantId).where(inIds('id', ids)).orderBy('path').execute();
}

// ---------------------------------------------------------------------------------------
// Records an activity may be linked to

/**
 * A search of dated rows (alias `x`, joined to their org as `o`) of one unit: those of orgs under
 * the paths, held between two days, newest first, 200 at the most.
 */
function heldUnder<D, TB extends keyof D, O>(q: SelectQueryBuilder<D, TB, O>, tenantId: number, paths: readonly string[], from: string, to: string) {
  return q
    .where(sql<boolean>`x.tenant_id = ${tenantId}`)
    .where(sql<boolean>`(${sql.join(paths.map((p) => sql`o.path like ${`${escapeLike(p)}%`}`), sql` or `)})`)
    .where(sql<boolean>`x.held_on >= ${from} and x.held_on <= ${to}`)
    .orderBy(sql`x.held_on`, 'desc')
    .limit(200);
}

/** Organisational-life records and service events of orgs under the paths, held between two days, newest first. */
export async function linkCandidates(db: Db, tenantId: number, paths: readonly string[], from: string, to: string) {
  if (paths.length === 0) return { records: [], events: [] };
  const records = await heldUnder(
    db
      .selectFrom('orglife_records as x')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'x.tenant_id').onRef('o.id', '=', 'x.org_id'))
      .select(['x.id', 'x.held_on', 'x.kinds', sql<string | null>`x.topics ->> 0`.as('topic'), 'o.name as org_name']),
    tenantId,
    paths,
    from,
    to,
  ).execute();
  const events = await heldUnder(
    db
      .selectFrom('service_events as x')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'x.tenant_id').onRef('o.id', '=', 'x.org_id'))
      .select(['x.id', 'x.held_on', 'x.title', 'o.name as org_name']),
    tenantId,
    paths,
    from,
    to,
  ).execute();
  return { records, events };
}

/** The org path of a linked record (organisational life or service), when it exists in the unit. */
export async function recordOrgPath(db: Db, tenantId: number, kind: 'orglife' | 'service', id: number): Promise<string | undefined> {
  const row =
    kind === 'orglife'
      ? await db
          .selectFrom('orglife_records as x')
          .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'x.tenant_id').onRef('o.id', '=', 'x.org_id'))
          .select('o.path')
          .where('x.tenant_id', '=', tenantId)
          .where('x.id', '=', id)
          .executeTakeFirst()
      : await db
          .selectFrom('service_events as x')
          .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'x.tenant_id').onRef('o.id', '=', 'x.org_id'))
          .select('o.path')
          .where('x.tenant_id', '=', tenantId)
          .where('x.id', '=', id)
          .executeTakeFirst();
  return row?.path;
}
