/**
 * Every query of brands (党建品牌): the brand, its elements, rules with their evidence links and
 * figures, plus the reads of other areas' records a brand page needs — the evidence records'
 * titles and dates, and the figures computed from service events, honours and projects over the
 * brand org's subtree. Each function takes the database or a transaction.
 */
import type { BrandEvidenceKind, DataScope } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bumpVersioned, deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { escapeLike, subtree } from '../../lib/scope.js';
export { findOrg, memberWithPath as findMember } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function findSeries(db: Db, tenantId: number, seriesId: number) {
  return db
    .selectFrom('service_series as s')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
    .select(['s.id', 's.name', 'o.path'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.id', '=', seriesId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------
// Brands

export interface BrandRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  name: string;
  slogan: string;
  summary: string;
  startedOn: string | null;
  version: number;
  elements: number;
  rules: number;
  figures: number;
}

function brandColumns(db: Db, tenantId: number) {
  return db
    .selectFrom('brands as b')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'b.tenant_id').onRef('o.id', '=', 'b.org_id'))
    .where('b.tenant_id', '=', tenantId)
    .select((eb) => [
      'b.id',
      'b.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'b.name',
      'b.slogan',
      'b.summary',
      'b.started_on',
      'b.version',
      eb.selectFrom('brand_elements as x').select((x) => x.fn.countAll<number>().as('n')).whereRef('x.tenant_id', '=', 'b.tenant_id').whereRef('x.brand_id', '=', 'b.id').as('elements'),
      eb.selectFrom('brand_rules as x').select((x) => x.fn.countAll<number>().as('n')).whereRef('x.tenant_id', '=', 'b.tenant_id').whereRef('x.brand_id', '=', 'b.id').as('rules'),
      eb.selectFrom('brand_figures as x').select((x) => x.fn.countAll<number>().as('n')).whereRef('x.tenant_id', '=', 'b.tenant_id').whereRef('x.brand_id', '=', 'b.id').as('figures'),
    ]);
}

type BrandSelect = Awaited<ReturnType<ReturnType<typeof brandColumns>['execute']>>[number];
const presentBrand = (r: BrandSelect): BrandRow => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  orgPath: r.org_path,
  name: r.name,
  slogan: r.slogan,
  summary: r.summary,
  startedOn: r.started_on,
  version: r.version,
  elements: Number(r.elements ?? 0),
  rules: Number(r.rules ?? 0),
  figures: Number(r.figures ?? 0),
});

/** The brands in the scope (and under an org), by org then name. */
export async function listBrands(db: Db, tenantId: number, scope: DataScope, orgPath?: string): Promise<BrandRow[]> {
  let q = brandColumns(db, tenantId).where(subtree(scope, 'o.path'));
  if (orgPath) q = q.where('o.path', 'like', `${escapeLike(orgPath)}%`);
  return (await q.orderBy('o.path').orderBy('b.name').limit(1000).execute()).map(presentBrand);
}

export async function findBrand(db: Db, tenantId: number, id: number): Promise<BrandRow | undefined> {
  const row = await brandColumns(db, tenantId).where('b.id', '=', id).executeTakeFirst();
  return row ? presentBrand(row) : undefined;
}

export async function brandNameTaken(db: Db, tenantId: number, orgId: number, name: string, exceptId: number | null): Promise<boolean> {
  let q = db.selectFrom('brands').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', orgId).where('name', '=', name);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface BrandValues {
  org_id: number;
  name: string;
  slogan: string;
  summary: string;
  started_on: string | null;
}

export async function insertBrand(db: Db, tenantId: number, v: BrandValues): Promise<number> {
  return (await db.insertInto('brands').values({ tenant_id: tenantId, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateBrand(db: Db, tenantId: number, id: number, version: number, v: BrandValues): Promise<boolean> {
  return updateVersioned(db, 'brands', tenantId, id, version, v);
}

export async function deleteBrand(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'brands', tenantId, id, version);
}

// ---------------------------------------------------------------------------------------
// Elements and rules (both have a position, an owner — a member or a name — and a version)

export interface ElementRow {
  id: number;
  brandId: number;
  position: number;
  title: string;
  description: string;
  ownerMemberId: number | null;
  ownerName: string;
  version: number;
}

export async function elementsOf(db: Db, tenantId: number, brandId: number): Promise<ElementRow[]> {
  const rows = await db
    .selectFrom('brand_elements as e')
    .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'e.tenant_id').onRef('m.id', '=', 'e.owner_member_id'))
    .select(['e.id', 'e.brand_id', 'e.position', 'e.title', 'e.description', 'e.owner_member_id', 'e.owner_name', 'm.name as member_name', 'e.version'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.brand_id', '=', brandId)
    .orderBy('e.position')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ id: r.id, brandId: r.brand_id, position: r.position, title: r.title, description: r.description, ownerMemberId: r.owner_member_id, ownerName: r.member_name ?? r.owner_name, version: r.version }));
}

export interface ElementValues {
  title: string;
  description: string;
  owner_member_id: number | null;
  owner_name: string;
  position: number;
}

export async function nextPosition(db: Db, table: 'brand_elements' | 'brand_rules' | 'brand_figures', tenantId: number, brandId: number): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max('position').as('p')).where('tenant_id', '=', tenantId).where('brand_id', '=', brandId).executeTakeFirst();
  return Number(row?.p ?? 0) + 1;
}

export async function insertElement(db: Db, tenantId: number, brandId: number, v: ElementValues): Promise<number> {
  return (await db.insertInto('brand_elements').values({ tenant_id: tenantId, brand_id: brandId, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateElement(db: Db, tenantId: number, id: number, version: number, v: ElementValues): Promise<boolean> {
  return bumpVersioned(db, 'brand_elements', tenantId, id, version, v);
}

export async function deletePart(db: Db, table: 'brand_elements' | 'brand_rules' | 'brand_figures', tenantId: number, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom(table).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The brand a part (element, rule, figure) belongs to, when it exists in the unit. */
export async function partBrandId(db: Db, table: 'brand_elements' | 'brand_rules' | 'brand_figures', tenantId: number, id: number): Promise<number | undefined> {
  return (await db.selectFrom(table).select('brand_id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst())?.brand_id;
}

export interface RuleRow {
  id: number;
  brandId: number;
  position: number;
  title: string;
  description: string;
  ownerMemberId: number | null;
  ownerName: string;
  reviewEveryMonths: number;
  createdOn: string;
  lastReviewedOn: string | null;
  lastReviewedBy: string;
  reviewNote: string;
  version: number;
}

export async function rulesOf(db: Db, tenantId: number, brandId: number, ruleId?: number): Promise<RuleRow[]> {
  let q = db
    .selectFrom('brand_rules as r')
    .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'r.tenant_id').onRef('m.id', '=', 'r.owner_member_id'))
    .select(['r.id', 'r.brand_id', 'r.position', 'r.title', 'r.description', 'r.owner_member_id', 'r.owner_name', 'm.name as member_name', 'r.review_every_months', 'r.created_on', 'r.last_reviewed_on', 'r.last_reviewed_by', 'r.review_note', 'r.version'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.brand_id', '=', brandId);
  if (ruleId !== undefined) q = q.where('r.id', '=', ruleId);
  const rows = await q.orderBy('r.position').orderBy('r.id').execute();
  return rows.map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    position: r.position,
    title: r.title,
    description: r.description,
    ownerMemberId: r.owner_member_id,
    ownerName: r.member_name ?? r.owner_name,
    reviewEveryMonths: r.review_every_months,
    createdOn: r.created_on,
    lastReviewedOn: r.last_reviewed_on,
    lastReviewedBy: r.last_reviewed_by,
    reviewNote: r.review_note,
    version: r.version,
  }));
}

export interface RuleValues extends ElementValues {
  review_every_months: number;
}

export async function insertRule(db: Db, tenantId: number, brandId: number, v: RuleValues, createdOn: string): Promise<number> {
  return (await db.insertInto('brand_rules').values({ tenant_id: tenantId, brand_id: brandId, ...v, created_on: createdOn }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRule(db: Db, tenantId: number, id: number, version: number, v: RuleValues | { last_reviewed_on: string; last_reviewed_by: string; review_note: string }): Promise<boolean> {
  return bumpVersioned(db, 'brand_rules', tenantId, id, version, v);
}

// ---------------------------------------------------------------------------------------
// Evidence: links from a rule to records of other areas

export interface EvidenceLink {
  id: number;
  ruleId: number;
  kind: BrandEvidenceKind;
  recordId: number;
  linkedByName: string;
}

export async function evidenceOf(db: Db, tenantId: number, ruleIds: readonly number[]): Promise<EvidenceLink[]> {
  if (ruleIds.length === 0) return [];
  const rows = await db
    .selectFrom('brand_rule_evidence')
    .select(['id', 'rule_id', 'record_kind', 'record_id', 'linked_by_name'])
    .where('tenant_id', '=', tenantId)
    .where('rule_id', 'in', [...ruleIds])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, ruleId: r.rule_id, kind: r.record_kind, recordId: r.record_id, linkedByName: r.linked_by_name }));
}

export async function evidenceLinked(db: Db, tenantId: number, ruleId: number, kind: BrandEvidenceKind, recordId: number): Promise<boolean> {
  return (await db.selectFrom('brand_rule_evidence').select('id').where('tenant_id', '=', tenantId).where('rule_id', '=', ruleId).where('record_kind', '=', kind).where('record_id', '=', recordId).executeTakeFirst()) !== undefined;
}

export async function insertEvidence(db: Db, tenantId: number, ruleId: number, kind: BrandEvidenceKind, recordId: number, by: string): Promise<number> {
  return (await db.insertInto('brand_rule_evidence').values({ tenant_id: tenantId, rule_id: ruleId, record_kind: kind, record_id: recordId, linked_by_name: by }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findEvidence(db: Db, tenantId: number, ruleId: number, id: number) {
  return db.selectFrom('brand_rule_evidence').selectAll().where('tenant_id', '=', tenantId).where('rule_id', '=', ruleId).where('id', '=', id).executeTakeFirst();
}

export async function deleteEvidence(db: Db, tenantId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('brand_rule_evidence').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A record that may evidence a rule: its title, date and the path of its org (null: unit-wide, a 党委会 topic). */
export interface RecordRef {
  kind: BrandEvidenceKind;
  id: number;
  title: string;
  date: string;
  orgName: string;
  orgPath: string | null;
}

/**
 * Records of one kind, by id (evidence links) or under an org path matching a text (the picker),
 * newest first. Titles: an orglife record has none of its own, so its first topic (or its
 * lecture's title) stands for it.
 */
export async function recordRefs(db: Db, tenantId: number, kind: BrandEvidenceKind, f: { ids?: readonly number[]; orgPath?: string; q?: string; limit?: number }): Promise<RecordRef[]> {
  const ids = f.ids ? sql`and x.id = any(${[...f.ids]}::bigint[])` : sql``;
  const under = f.orgPath ? sql`and o.path like ${`${escapeLike(f.orgPath)}%`}` : sql``;
  const limit = f.limit ?? 500;
  const text = (column: string) => (f.q ? sql`and ${sql.raw(column)} ilike ${`%${escapeLike(f.q)}%`}` : sql``);
  type RefSelect = { id: number; title: string; date: string; org_name: string; org_path: string | null };
  /** An org's records of one table: its title and search text (SQL over x), dated and ordered by one of its date columns. */
  const ofOrg = (table: string, title: string, date: string, search: string) => sql<RefSelect>`
        select x.id, ${sql.raw(title)} as title, ${sql.ref(`x.${date}`)}::text as date, o.name as org_name, o.path as org_path
        from ${sql.table(table)} x join orgs o on o.tenant_id = x.tenant_id and o.id = x.org_id
        where x.tenant_id = ${tenantId} ${ids} ${under} ${text(search)}
        order by ${sql.ref(`x.${date}`)} desc, x.id desc limit ${limit}`;
  let query;
  switch (kind) {
    case 'orglife_record':
      query = ofOrg('orglife_records', "coalesce(nullif(x.topics->>0, ''), nullif(x.lecture_title, ''), array_to_string(x.kinds, '、'))", 'held_on', "coalesce(x.topics->>0, '') || x.lecture_title");
      break;
    case 'service_event':
      query = ofOrg('service_events', 'x.title', 'held_on', 'x.title');
      break;
    case 'project':
      query = ofOrg('projects', 'x.title', 'started_on', 'x.title');
      break;
    case 'honour':
      query = sql<RefSelect>`
        select x.id, x.level || x.type || case when x.title <> '' then '：' || x.title else '' end as title, x.awarded_on::text as date, coalesce(m.name, o.name) as org_name, o.path as org_path
        from honours x join orgs o on o.tenant_id = x.tenant_id and o.id = x.org_id
        left join members m on m.tenant_id = x.tenant_id and m.id = x.member_id
        where x.tenant_id = ${tenantId} ${ids} ${under} ${text("x.level || x.type || x.title")}
        order by x.awarded_on desc, x.id desc limit ${limit}`;
      break;
    case 'programme':
      query = ofOrg('building_programmes', 'x.title', 'started_on', 'x.title');
      break;
    case 'decision_topic':
      // 党委会 and 院长办公会 topics are the unit's, not an org's: no path.
      query = sql<RefSelect>`
        select x.id, x.title, (x.created_at at time zone 'Asia/Shanghai')::date::text as date, b.name as org_name, null::text as org_path
        from decision_topics x join decision_bodies b on b.tenant_id = x.tenant_id and b.id = x.body_id
        where x.tenant_id = ${tenantId} ${ids} ${text('x.title')}
        order by x.created_at desc, x.id desc limit ${limit}`;
      break;
  }
  const rows = await query.execute(db);
  return rows.rows.map((r) => ({ kind, id: Number(r.id), title: r.title, date: r.date, orgName: r.org_name, orgPath: r.org_path }));
}

// ---------------------------------------------------------------------------------------
// Figures

export interface FigureRow {
  id: number;
  brandId: number;
  position: number;
  label: string;
  unit: string;
  measure: unknown;
  version: number;
}

export async function figuresOf(db: Db, tenantId: number, brandId: number): Promise<FigureRow[]> {
  const rows = await db.selectFrom('brand_figures').select(['id', 'brand_id', 'position', 'label', 'unit', 'measure', 'version']).where('tenant_id', '=', tenantId).where('brand_id', '=', brandId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, brandId: r.brand_id, position: r.position, label: r.label, unit: r.unit, measure: r.measure, version: r.version }));
}

export interface FigureValues {
  label: string;
  unit: string;
  measure: string;
  position: number;
}

export async function insertFigure(db: Db, tenantId: number, brandId: number, v: FigureValues): Promise<number> {
  return (await db.insertInto('brand_figures').values({ tenant_id: tenantId, brand_id: brandId, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateFigure(db: Db, tenantId: number, id: number, version: number, v: FigureValues): Promise<boolean> {
  return bumpVersioned(db, 'brand_figures', tenantId, id, version, v);
}

/** Which orgs a figure reads: the org and its subtree, or the org alone. */
export interface FigureOrgs {
  orgId: number;
  orgPath: string;
  subtree: boolean;
}

const orgCondition = (o: FigureOrgs, idColumn: string) => (o.subtree ? sql`o.path like ${`${escapeLike(o.orgPath)}%`}` : sql`${sql.ref(idColumn)} = ${o.orgId}`);
const dateCondition = (column: string, r: { from: string | null; to: string }) => sql`${r.from ? sql`${sql.ref(column)} >= ${r.from}::date and` : sql``} ${sql.ref(column)} <= ${r.to}::date`;

/**
 * A service figure: events, series issues (in the period: issues held; to date: the highest issue
 * number held), hours, person-times, people served, trainees, class hours — from the events'
 * stored counts (service_events.participations, participant_hours), like the service totals.
 */
export async function serviceFigure(
  db: Db,
  tenantId: number,
  orgs: FigureOrgs,
  range: { from: string | null; to: string },
  m: { measure: string; seriesId?: number | undefined; kinds?: readonly string[] | undefined; period: string },
): Promise<number> {
  const value =
    m.measure === 'series_issues' && m.period === 'to_date'
      ? sql`coalesce(max(e.issue_no), 0)::float8`
      : m.measure === 'events' || m.measure === 'series_issues'
        ? sql`count(*)::float8`
        : m.measure === 'hours'
          ? sql`coalesce(sum(e.participant_hours), 0)::float8`
          : m.measure === 'participations'
            ? sql`coalesce(sum(e.participations), 0)::float8`
            : m.measure === 'beneficiaries'
              ? sql`coalesce(sum(e.beneficiaries), 0)::float8`
              : m.measure === 'trainees'
                ? sql`coalesce(sum(e.trained), 0)::float8`
                : sql`coalesce(sum(e.class_hours), 0)::float8`;
  const series = m.seriesId ? sql`and e.series_id = ${m.seriesId}` : m.measure === 'series_issues' ? sql`and e.series_id is not null` : sql``;
  const kinds = m.kinds && m.kinds.length > 0 ? sql`and e.kind = any(${[...m.kinds]}::text[])` : sql``;
  const row = await sql<{ v: number }>`
    select ${value} as v from service_events e join orgs o on o.tenant_id = e.tenant_id and o.id = e.org_id
    where e.tenant_id = ${tenantId} and ${orgCondition(orgs, 'e.org_id')} and ${dateCondition('e.held_on', range)} ${series} ${kinds}`.execute(db);
  return Number(row.rows[0]?.v ?? 0);
}

/** Honours held by the orgs (and their members) in the period, of the given levels and types. */
export async function honoursFigure(db: Db, tenantId: number, orgs: FigureOrgs, range: { from: string | null; to: string }, m: { levels?: readonly string[] | undefined; types?: readonly string[] | undefined }): Promise<number> {
  const levels = m.levels && m.levels.length > 0 ? sql`and h.level = any(${[...m.levels]}::text[])` : sql``;
  const types = m.types && m.types.length > 0 ? sql`and h.type = any(${[...m.types]}::text[])` : sql``;
  const row = await sql<{ v: number }>`
    select count(*)::int as v from honours h join orgs o on o.tenant_id = h.tenant_id and o.id = h.org_id
    where h.tenant_id = ${tenantId} and ${orgCondition(orgs, 'h.org_id')} and ${dateCondition('h.awarded_on', range)} ${levels} ${types}`.execute(db);
  return Number(row.rows[0]?.v ?? 0);
}

/** Front-line projects of the orgs started in the period (withdrawn and rejected ones not counted), or accepted (验收) in it. */
export async function projectsFigure(db: Db, tenantId: number, orgs: FigureOrgs, range: { from: string | null; to: string }, measure: 'started' | 'accepted'): Promise<number> {
  const when = measure === 'accepted' ? sql`p.stage = 'accepted' and ${dateCondition('p.accepted_on', range)}` : sql`p.stage not in ('withdrawn', 'rejected') and ${dateCondition('p.started_on', range)}`;
  const row = await sql<{ v: number }>`
    select count(*)::int as v from projects p join orgs o on o.tenant_id = p.tenant_id and o.id = p.org_id
    where p.tenant_id = ${tenantId} and ${orgCondition(orgs, 'p.org_id')} and ${when}`.execute(db);
  return Number(row.rows[0]?.v ?? 0);
}

/** Service series under an org (a figure's series must be the brand's own org's or below). */
export async function seriesUnder(db: Db, tenantId: number, orgPath: string) {
  return db
    .selectFrom('service_series as s')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
    .select(['s.id', 's.name'])
    .where('s.tenant_id', '=', tenantId)
    .where('o.path', 'like', `${escapeLike(orgPath)}%`)
    .orderBy('s.name')
    .execute();
}
