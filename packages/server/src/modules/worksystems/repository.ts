/**
 * Every query of work systems: their own tables (frameworks, versions, adoptions, the branches an
 * adoption flows to, manual values) and the records of the other modules behind a measure. A
 * measure's rows are read by one SQL query per source with the definition's filters (from the
 * allow-list in core/worksystems.ts, never free SQL); the value and the drill-down are computed
 * from the same rows, so they cannot disagree. Each function takes the database or a transaction.
 */
import { DEVELOPMENT_STEPS, type Measure, type MeasureRow, type MeasureTotals } from '@hongyi/core';
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';
import { escapeLike, inIds } from '../../lib/scope.js';
export { branchesUnder, findOrg, rootOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;
type Filters = Measure['filters'];

export interface Period {
  from: string;
  to: string;
}

/** The most rows a measure reads (a unit's year of records stays far below). */
const ROW_LIMIT = 50000;

// ---------------------------------------------------------------------------------------
// Own tables
// ---------------------------------------------------------------------------------------

export interface FrameworkRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  name: string;
  templateKey: string;
  createdFrom: string;
  draft: unknown;
  version: number;
}

function frameworkBase(db: Db, tenantId: number) {
  return db
    .selectFrom('worksystem_frameworks as f')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.org_id'))
    .select(['f.id', 'f.org_id as orgId', 'o.name as orgName', 'o.path as orgPath', 'f.name', 'f.template_key as templateKey', 'f.created_from as createdFrom', 'f.draft', 'f.version'])
    .where('f.tenant_id', '=', tenantId);
}

export async function listFrameworks(db: Db, tenantId: number): Promise<FrameworkRow[]> {
  const rows = await frameworkBase(db, tenantId).orderBy('o.path').orderBy('f.id').limit(500).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), orgId: Number(r.orgId) }));
}

export async function findFramework(db: Db, tenantId: number, id: number): Promise<FrameworkRow | undefined> {
  const r = await frameworkBase(db, tenantId).where('f.id', '=', id).executeTakeFirst();
  return r && { ...r, id: Number(r.id), orgId: Number(r.orgId) };
}

export async function frameworkNamed(db: Db, tenantId: number, orgId: number, name: string) {
  return db.selectFrom('worksystem_frameworks').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export async function insertFramework(db: Db, tenantId: number, v: { orgId: number; name: string; templateKey: string; createdFrom: string; draft: unknown }): Promise<number> {
  const r = await db
    .insertInto('worksystem_frameworks')
    .values({ tenant_id: tenantId, org_id: v.orgId, name: v.name, template_key: v.templateKey, created_from: v.createdFrom, draft: JSON.stringify(v.draft) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The draft saved when the version read is still current; false on a stale version. */
export async function updateDraft(db: Db, tenantId: number, id: number, version: number, v: { name: string; draft: unknown }): Promise<boolean> {
  return updateVersioned(db, 'worksystem_frameworks', tenantId, id, version, { name: v.name, draft: JSON.stringify(v.draft) });
}

/** Bumps the framework's version (a publish names the version read). */
export async function touchFramework(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return updateVersioned(db, 'worksystem_frameworks', tenantId, id, version, {});
}

export interface VersionRow {
  frameworkId: number;
  no: number;
  definition: unknown;
  publishedOn: string;
  publishedByName: string;
}

export async function versionsOf(db: Db, tenantId: number, frameworkIds: readonly number[]): Promise<VersionRow[]> {
  if (frameworkIds.length === 0) return [];
  const rows = await db
    .selectFrom('worksystem_versions')
    .select(['framework_id as frameworkId', 'no', 'definition', 'published_on as publishedOn', 'published_by_name as publishedByName'])
    .where('tenant_id', '=', tenantId)
    .where(inIds('framework_id', frameworkIds))
    .orderBy('framework_id')
    .orderBy('no')
    .execute();
  return rows.map((r) => ({ ...r, frameworkId: Number(r.frameworkId) }));
}

export async function insertVersion(db: Db, tenantId: number, v: { frameworkId: number; no: number; definition: unknown; publishedOn: string; publishedByName: string }) {
  await db
    .insertInto('worksystem_versions')
    .values({ tenant_id: tenantId, framework_id: v.frameworkId, no: v.no, definition: JSON.stringify(v.definition), published_on: v.publishedOn, published_by_name: v.publishedByName })
    .execute();
}

export interface AdoptionRow {
  id: number;
  frameworkId: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  year: number;
  targets: Record<string, number>;
  version: number;
  branchIds: number[];
}

function adoptionBase(db: Db, tenantId: number) {
  return db
    .selectFrom('worksystem_adoptions as a')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.org_id'))
    .select((eb) => [
      'a.id',
      'a.framework_id as frameworkId',
      'a.org_id as orgId',
      'o.name as orgName',
      'o.path as orgPath',
      'a.year',
      'a.targets',
      'a.version',
      eb
        .selectFrom('worksystem_adoption_orgs as ao')
        .select(sql<number[]>`coalesce(array_agg(ao.org_id order by ao.org_id), '{}')`.as('ids'))
        .whereRef('ao.tenant_id', '=', 'a.tenant_id')
        .whereRef('ao.adoption_id', '=', 'a.id')
        .as('branchIds'),
    ])
    .where('a.tenant_id', '=', tenantId);
}

const adoptionOut = (r: { id: number; frameworkId: number; orgId: number; orgName: string; orgPath: string; year: number; targets: unknown; version: number; branchIds: number[] | null }): AdoptionRow => ({
  ...r,
  id: Number(r.id),
  frameworkId: Number(r.frameworkId),
  orgId: Number(r.orgId),
  targets: (r.targets ?? {}) as Record<string, number>,
  branchIds: (r.branchIds ?? []).map(Number),
});

export async function adoptionsOf(db: Db, tenantId: number, frameworkIds: readonly number[]): Promise<AdoptionRow[]> {
  if (frameworkIds.length === 0) return [];
  const rows = await adoptionBase(db, tenantId).where(inIds('a.framework_id', frameworkIds)).orderBy('a.year', 'desc').orderBy('o.path').execute();
  return rows.map(adoptionOut);
}

export async function findAdoption(db: Db, tenantId: number, id: number): Promise<AdoptionRow | undefined> {
  const r = await adoptionBase(db, tenantId).where('a.id', '=', id).executeTakeFirst();
  return r && adoptionOut(r);
}

export async function adoptionFor(db: Db, tenantId: number, frameworkId: number, orgId: number, year: number) {
  return db.selectFrom('worksystem_adoptions').select('id').where('tenant_id', '=', tenantId).where('framework_id', '=', frameworkId).where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst();
}

export async function insertAdoption(db: Db, tenantId: number, v: { frameworkId: number; orgId: number; year: number; targets: Record<string, number> }): Promise<number> {
  const r = await db
    .insertInto('worksystem_adoptions')
    .values({ tenant_id: tenantId, framework_id: v.frameworkId, org_id: v.orgId, year: v.year, targets: JSON.stringify(v.targets) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateAdoption(db: Db, tenantId: number, id: number, version: number, targets: Record<string, number>): Promise<boolean> {
  return updateVersioned(db, 'worksystem_adoptions', tenantId, id, version, { targets: JSON.stringify(targets) });
}

export async function replaceAdoptionOrgs(db: Db, tenantId: number, adoptionId: number, orgIds: readonly number[]) {
  await db.deleteFrom('worksystem_adoption_orgs').where('tenant_id', '=', tenantId).where('adoption_id', '=', adoptionId).execute();
  if (orgIds.length > 0) await db.insertInto('worksystem_adoption_orgs').values(orgIds.map((org_id) => ({ tenant_id: tenantId, adoption_id: adoptionId, org_id }))).execute();
}

export interface ManualValueRow {
  id: number;
  indicatorKey: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  value: number;
  evidence: string;
  link: string;
  enteredByName: string;
  version: number;
}

export async function manualValuesOf(db: Db, tenantId: number, adoptionId: number): Promise<ManualValueRow[]> {
  const rows = await db
    .selectFrom('worksystem_manual_values as v')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'v.tenant_id').onRef('o.id', '=', 'v.org_id'))
    .select(['v.id', 'v.indicator_key as indicatorKey', 'v.org_id as orgId', 'o.name as orgName', 'o.path as orgPath', sql<string>`v.value::float8`.as('value'), 'v.evidence', 'v.link', 'v.entered_by_name as enteredByName', 'v.version'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.adoption_id', '=', adoptionId)
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), orgId: Number(r.orgId), value: Number(r.value) }));
}

export async function insertManualValue(db: Db, tenantId: number, v: { adoptionId: number; indicatorKey: string; orgId: number; value: number; evidence: string; link: string; enteredByName: string }): Promise<number> {
  const r = await db
    .insertInto('worksystem_manual_values')
    .values({ tenant_id: tenantId, adoption_id: v.adoptionId, indicator_key: v.indicatorKey, org_id: v.orgId, value: v.value, evidence: v.evidence, link: v.link, entered_by_name: v.enteredByName })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateManualValue(db: Db, tenantId: number, id: number, version: number, v: { value: number; evidence: string; link: string; enteredByName: string }): Promise<boolean> {
  return updateVersioned(db, 'worksystem_manual_values', tenantId, id, version, { value: v.value, evidence: v.evidence, link: v.link, entered_by_name: v.enteredByName });
}

/** One manual value with its org and adoption (for its evidence files' permission). */
export async function findManualValue(db: Db, tenantId: number, id: number) {
  const r = await db
    .selectFrom('worksystem_manual_values as v')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'v.tenant_id').onRef('o.id', '=', 'v.org_id'))
    .select(['v.id', 'v.adoption_id as adoptionId', 'v.indicator_key as indicatorKey', 'v.org_id as orgId', 'o.name as orgName', 'o.path as orgPath'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.id', '=', id)
    .executeTakeFirst();
  return r && { ...r, id: Number(r.id), adoptionId: Number(r.adoptionId), orgId: Number(r.orgId) };
}

// ---------------------------------------------------------------------------------------
// Measures over the other modules' records
// ---------------------------------------------------------------------------------------

const list = (f: Filters, name: string): string[] | null => {
  const v = f[name];
  return Array.isArray(v) && v.length > 0 ? v : null;
};
const flag = (f: Filters, name: string): boolean | null => (typeof f[name] === 'boolean' ? (f[name] as boolean) : null);
const anyOf = (column: string, values: readonly string[]) => sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`;
const STEP_NO = new Map<string, number>(DEVELOPMENT_STEPS.map((s) => [s.key, s.step]));

/** The WHERE conditions of a source's filters (the allow-list: an unknown name never reaches here, validation refused it). */
function conditions(source: Measure['source'], f: Filters): RawBuilder<boolean>[] {
  const c: RawBuilder<boolean>[] = [];
  const l = (name: string) => list(f, name);
  switch (source) {
    case 'orglife': {
      const kinds = l('kinds');
      if (kinds) c.push(sql<boolean>`r.kinds && ${kinds}::text[]`);
      const tags = l('sceneTags');
      if (tags) c.push(anyOf('r.scene_tag', tags));
      const front = flag(f, 'frontLine');
      if (front !== null) c.push(front ? sql<boolean>`r.scene_tag <> ''` : sql<boolean>`r.scene_tag = ''`);
      break;
    }
    case 'service': {
      const kinds = l('kinds');
      if (kinds) c.push(anyOf('e.kind', kinds));
      const places = l('placeTypes');
      if (places) c.push(anyOf('e.place_type', places));
      const series = flag(f, 'inSeries');
      if (series !== null) c.push(series ? sql<boolean>`e.series_id is not null` : sql<boolean>`e.series_id is null`);
      break;
    }
    case 'project': {
      const stages = l('stages');
      if (stages) c.push(anyOf('p.stage', stages));
      const areas = l('areas');
      if (areas) c.push(anyOf('p.area', areas));
      break;
    }
    case 'honour': {
      const levels = l('levels');
      if (levels) c.push(anyOf('h.level', levels));
      const types = l('types');
      if (types) c.push(anyOf('h.type', types));
      const members = flag(f, 'members');
      if (members !== null) c.push(members ? sql<boolean>`h.member_id is not null` : sql<boolean>`h.member_id is null`);
      break;
    }
    case 'development': {
      const steps = l('steps');
      if (steps) c.push(sql<boolean>`e.step = any(${steps.map((k) => STEP_NO.get(k) ?? 0)}::int[])`);
      break;
    }
    case 'learning': {
      const kinds = l('kinds');
      if (kinds) c.push(anyOf('m.kind', kinds));
      const first = flag(f, 'firstTopic');
      if (first !== null) c.push(sql<boolean>`m.first_topic = ${first}`);
      break;
    }
    case 'decision_topic': {
      const cats = l('categories');
      if (cats) c.push(anyOf('t.category', cats));
      const stages = l('stages');
      if (stages) c.push(anyOf('t.stage', stages));
      break;
    }
    case 'decision_task': {
      const closed = flag(f, 'closed');
      if (closed !== null) c.push(closed ? sql<boolean>`k.status = 'closed'` : sql<boolean>`k.status = 'open'`);
      break;
    }
    case 'venue': {
      const meets = flag(f, 'meetsStandard');
      const met = sql<boolean>`(jsonb_array_length(v.checklist) > 0 and not (v.checklist @> '[{"met": false}]'::jsonb))`;
      if (meets !== null) c.push(meets ? met : sql<boolean>`not ${met}`);
      break;
    }
    case 'contact':
      break;
    case 'fund': {
      const statuses = l('statuses');
      if (statuses) c.push(anyOf('q.status', statuses));
      const cats = l('categories');
      if (cats) c.push(anyOf('q.category', cats));
      break;
    }
  }
  return c;
}

const SUM_COLUMN: Record<string, string> = {
  present_count: 'r.present_count',
  beneficiaries: 'e.beneficiaries',
  trained: 'e.trained',
  class_hours: 'e.class_hours',
  participations: 'e.participations',
  participant_hours: 'e.participant_hours',
  media_reach: 'e.media_reach',
  seats: 'v.seats',
  amount: 'q.amount_cents / 100.0',
};

const DISTINCT_COLUMN: Record<string, Record<string, string>> = {
  orglife: { org: 'o.id', scene_tag: 'r.scene_tag' },
  service: { org: 'o.id', series: 'e.series_id', place_type: 'e.place_type' },
  project: { org: 'o.id', area: 'p.area' },
  honour: { org: 'o.id', type: 'h.type' },
  development: { org: 'o.id', file: 'e.file_id' },
  learning: { org: 'o.id', material: 'm.id' },
  decision_topic: { category: 't.category' },
  decision_task: { department: 'k.department' },
  venue: { org: 'o.id' },
  contact: { org: 'o.id' },
  fund: { org: 'o.id', category: 'q.category' },
};

/**
 * The FROM … WHERE of a source within the period, as SQL text over aliases: every source yields
 * id, date, title, org (o), link; conditions come from conditions() only.
 */
function sourceSql(source: Measure['source'], tenantId: number, period: Period, rootId: number, today: string) {
  const created = (col: string) => sql`least((${sql.ref(col)} at time zone 'Asia/Shanghai')::date, ${today}::date)`;
  const topicDate = sql`coalesce((select min(dm.held_on) from decision_agenda_items ai join decision_meetings dm on dm.tenant_id = ai.tenant_id and dm.id = ai.meeting_id where ai.tenant_id = t.tenant_id and ai.topic_id = t.id), ${created('t.created_at')})`;
  const org = (col: string) => sql`join orgs o on o.tenant_id = ${tenantId} and o.id = ${sql.ref(col)}`;
  switch (source) {
    case 'orglife':
      return {
        select: sql`r.id, r.held_on::text as date, nullif(r.lecture_title, '') as title, 'orglife_record' as link_kind, r.id as link_id, r.kinds::text as extra`,
        from: sql`orglife_records r ${org('r.org_id')} where r.tenant_id = ${tenantId} and r.held_on between ${period.from} and ${period.to}`,
        order: sql`r.held_on desc, r.id desc`,
      };
    case 'service':
      return {
        select: sql`e.id, e.held_on::text as date, case when s.name is not null and e.issue_no is not null then e.title || '（' || s.name || ' 第' || e.issue_no || '期）' else e.title end as title, 'service_event' as link_kind, e.id as link_id, e.kind as extra`,
        from: sql`service_events e ${org('e.org_id')} left join service_series s on s.tenant_id = e.tenant_id and s.id = e.series_id where e.tenant_id = ${tenantId} and e.held_on between ${period.from} and ${period.to}`,
        order: sql`e.held_on desc, e.id desc`,
      };
    case 'project':
      return {
        select: sql`p.id, p.started_on::text as date, p.title, 'project' as link_kind, p.id as link_id, p.stage as extra`,
        from: sql`projects p ${org('p.org_id')} where p.tenant_id = ${tenantId} and p.started_on <= ${period.to} and p.ends_on >= ${period.from}`,
        order: sql`p.started_on desc, p.id desc`,
      };
    case 'honour':
      return {
        select: sql`h.id, h.awarded_on::text as date, concat_ws(' · ', nullif(h.level, ''), nullif(h.type, ''), nullif(h.title, ''), mb.name) as title, 'honour' as link_kind, h.id as link_id, h.level as extra`,
        from: sql`honours h ${org('h.org_id')} left join members mb on mb.tenant_id = h.tenant_id and mb.id = h.member_id where h.tenant_id = ${tenantId} and h.awarded_on between ${period.from} and ${period.to}`,
        order: sql`h.awarded_on desc, h.id desc`,
      };
    case 'development':
      return {
        select: sql`e.id, e.date::text as date, f.name || ' · 第' || e.step || '步' as title, 'development_file' as link_kind, f.id as link_id, '' as extra`,
        from: sql`development_entries e join development_files f on f.tenant_id = e.tenant_id and f.id = e.file_id ${org('f.org_id')}
          where e.tenant_id = ${tenantId} and e.kind = 'step' and e.date between ${period.from} and ${period.to}
          and not exists (select 1 from development_entries c where c.tenant_id = e.tenant_id and c.corrects_id = e.id)`,
        order: sql`e.date desc, e.id desc`,
      };
    case 'learning':
      return {
        select: sql`st.id, r.held_on::text as date, m.title, 'orglife_record' as link_kind, r.id as link_id, m.kind as extra`,
        from: sql`learning_studies st join orglife_records r on r.tenant_id = st.tenant_id and r.id = st.orglife_record_id
          join learning_materials m on m.tenant_id = st.tenant_id and m.id = st.material_id ${org('r.org_id')}
          where st.tenant_id = ${tenantId} and r.held_on between ${period.from} and ${period.to}`,
        order: sql`r.held_on desc, st.id desc`,
      };
    case 'decision_topic':
      return {
        select: sql`t.id, ${topicDate}::text as date, t.title, 'decision_topic' as link_kind, t.id as link_id, t.stage as extra`,
        from: sql`decision_topics t join orgs o on o.tenant_id = ${tenantId} and o.id = ${rootId}
          where t.tenant_id = ${tenantId} and ${topicDate} between ${period.from} and ${period.to}`,
        order: sql`t.created_at desc, t.id desc`,
      };
    case 'decision_task':
      return {
        select: sql`k.id, k.deadline::text as date, k.title || case when k.closed_on is not null then '（' || k.closed_on::text || ' 办结）' else '' end as title, 'decision_topic' as link_kind, k.topic_id as link_id, (k.status = 'closed' and k.closed_on <= k.deadline)::text as extra`,
        from: sql`decision_tasks k join orgs o on o.tenant_id = ${tenantId} and o.id = ${rootId}
          where k.tenant_id = ${tenantId} and k.deadline between ${period.from} and ${period.to}`,
        order: sql`k.deadline desc, k.id desc`,
      };
    case 'venue':
      return {
        select: sql`v.id, coalesce(v.checked_on, ${created('v.created_at')})::text as date, v.name as title, 'venue' as link_kind, v.id as link_id, '' as extra`,
        from: sql`venues v ${org('v.org_id')} where v.tenant_id = ${tenantId} and coalesce(v.checked_on, ${created('v.created_at')}) <= ${period.to}`,
        order: sql`v.id`,
      };
    case 'contact':
      return {
        select: sql`cv.id, cv.visited_on::text as date, coalesce(nullif(cv.purpose, ''), left(cv.notes, 60)) as title, 'contact' as link_kind, cp.id as link_id, '' as extra`,
        from: sql`contact_visits cv join contact_points cp on cp.tenant_id = cv.tenant_id and cp.id = cv.point_id ${org('cp.org_id')}
          where cv.tenant_id = ${tenantId} and cv.visited_on between ${period.from} and ${period.to}`,
        order: sql`cv.visited_on desc, cv.id desc`,
      };
    case 'fund':
      return {
        select: sql`q.id, q.requested_on::text as date, q.category || ' · ' || q.purpose as title, 'fund_request' as link_kind, q.id as link_id, q.status as extra`,
        from: sql`fund_requests q ${org('q.org_id')} where q.tenant_id = ${tenantId} and q.requested_on between ${period.from} and ${period.to}`,
        order: sql`q.requested_on desc, q.id desc`,
      };
  }
}

interface RawRow {
  id: string | number;
  date: string;
  title: string | null;
  link_kind: string;
  link_id: string | number;
  extra: string | null;
  org_id: string | number;
  org_name: string;
  org_path: string;
}

/** The columns of one source's set-based read: a boolean per measure's filters and place, its amount, key and numerator (shared by the measures asking the same). */
function sourcePlan(source: Measure['source'], requests: readonly MeasureRequest[], indexes: readonly number[], tenantId: number, period: Period, rootId: number, today: string) {
  const src = sourceSql(source, tenantId, period, rootId, today);
  const columns: RawBuilder<unknown>[] = [];
  const aliases = new Map<string, string>();
  /** One column per distinct expression (by its meaning), named c0, c1… */
  const column = (meaning: string, expr: () => RawBuilder<unknown>) => {
    let alias = aliases.get(meaning);
    if (!alias) {
      alias = `c${aliases.size}`;
      aliases.set(meaning, alias);
      columns.push(sql`${expr()} as ${sql.ref(alias)}`);
    }
    return alias;
  };
  const matches: RawBuilder<boolean>[] = [];
  const plan = indexes.map((i) => {
    const { measure: m, org } = requests[i]!;
    const central = source === 'decision_topic' || source === 'decision_task';
    const placeMeaning = central ? 'all' : m.scope === 'org' ? `org:${org.id}` : `path:${org.path}`;
    const place = central ? sql<boolean>`true` : m.scope === 'org' ? sql<boolean>`o.id = ${org.id}` : sql<boolean>`o.path like ${`${escapeLike(org.path)}%`}`;
    const where = conditions(source, m.filters);
    const match = sql<boolean>`(${sql.join([place, ...where], sql` and `)})`;
    const matchMeaning = `m:${placeMeaning}:${JSON.stringify(m.filters)}`;
    if (!aliases.has(matchMeaning)) matches.push(match);
    const matchAlias = column(matchMeaning, () => match);
    const sumColumn = m.aggregate === 'sum' && m.field ? SUM_COLUMN[m.field] : undefined;
    const amountAlias = sumColumn ? column(`a:${sumColumn}`, () => sql`coalesce((${sql.raw(sumColumn)})::float8, 0)`) : null;
    const distinct = m.aggregate === 'distinct' && m.field ? DISTINCT_COLUMN[source]?.[m.field] : undefined;
    const keyAlias = distinct ? column(`k:${distinct}`, () => sql`(${sql.ref(distinct)})::text`) : null;
    let hitAlias: string | null = null;
    if (m.aggregate === 'rate' && m.numerator) {
      const n = conditions(source, m.numerator);
      hitAlias = column(`h:${JSON.stringify(m.numerator)}`, () => (n.length > 0 ? sql`(${sql.join(n, sql` and `)})` : sql`true`));
    } else if (m.aggregate === 'on_time') hitAlias = column('h:on_time', () => sql`(k.status = 'closed' and k.closed_on <= k.deadline)`);
    return { i, matchAlias, amountAlias, keyAlias, hitAlias, shape: `${amountAlias}|${keyAlias}|${hitAlias}` };
  });
  return { src, columns, matches, plan };
}

/** One measure asked of an org (its place: the org's own records, or its subtree). */
export interface MeasureRequest {
  measure: Measure;
  org: { id: number; path: string };
}

/**
 * The rows of a measure under a path in the period: filtered by the definition, with the summed
 * field (amount), the distinct key (key) and whether the row meets a rate's numerator or a task
 * was closed on time (hit). scope 'org' keeps the org's own records; 'subtree' everything under it.
 */
export async function measureRows(db: Db, tenantId: number, m: Measure, org: { id: number; path: string }, period: Period, rootId: number, today: string): Promise<MeasureRow[]> {
  return (await measureRowsMany(db, tenantId, [{ measure: m, org }], period, rootId, today))[0]!;
}

/**
 * The rows of many measures in the same period, set-based: each source is read ONCE for all the
 * measures over it (one query per source, however many indicators, orgs and adoptions ask), every
 * measure's filters and place becoming a boolean column of that query, its summed field, distinct
 * key and numerator a column each (shared by the measures that ask the same). A measure's rows are
 * then the rows whose column is true, in the source's order, at most ROW_LIMIT of them: the same
 * rows, order and limit as a query per measure, so values and drill-downs cannot disagree.
 */
export async function measureRowsMany(db: Db, tenantId: number, requests: readonly MeasureRequest[], period: Period, rootId: number, today: string): Promise<MeasureRow[][]> {
  const out: MeasureRow[][] = requests.map(() => []);
  const bySource = new Map<Measure['source'], number[]>();
  for (const [i, r] of requests.entries()) bySource.set(r.measure.source, [...(bySource.get(r.measure.source) ?? []), i]);
  await Promise.all(
    [...bySource.entries()].map(async ([source, indexes]) => {
      const { src, columns, matches, plan } = sourcePlan(source, requests, indexes, tenantId, period, rootId, today);
      const q = sql<RawRow & Record<string, unknown>>`select ${src.select}, o.id as org_id, o.name as org_name, o.path as org_path, ${sql.join(columns)}
        from ${src.from} and (${sql.join(matches, sql` or `)}) order by ${src.order}`;
      const { rows } = await q.execute(db);
      for (const r of rows) {
        const kinds = source === 'orglife' ? (r.extra ?? '').replace(/^\{|\}$/g, '').split(',').filter(Boolean) : undefined;
        // One object per row and distinct (amount, key, numerator) columns, shared by the measures that ask the same (every count of a row is one object).
        const shared = new Map<string, MeasureRow>();
        for (const p of plan) {
          if (r[p.matchAlias] !== true) continue;
          const list = out[p.i]!;
          if (list.length >= ROW_LIMIT) continue;
          let row = shared.get(p.shape);
          if (!row) {
            row = {
              id: Number(r.id),
              date: r.date,
              title: r.title ?? '',
              orgId: Number(r.org_id),
              orgName: r.org_name,
              orgPath: r.org_path,
              linkKind: r.link_kind,
              linkId: Number(r.link_id),
              amount: p.amountAlias ? Number(r[p.amountAlias] ?? 0) : 0,
              key: p.keyAlias ? ((r[p.keyAlias] as string | null) ?? '') : '',
              hit: p.hitAlias ? r[p.hitAlias] === true : false,
            };
            if (kinds) row.kinds = kinds;
            shared.set(p.shape, row);
          }
          list.push(row);
        }
      }
    }),
  );
  return out;
}


/**
 * The totals of many measures in one period, counted in the database: the same set-based read as
 * measureRowsMany (each source once, the same columns), aggregated per measure instead of sent row
 * by row, for the figures that need no records (the framework list and the 党委 overview).
 */
export async function measureTotalsMany(db: Db, tenantId: number, requests: readonly MeasureRequest[], period: Period, rootId: number, today: string): Promise<MeasureTotals[]> {
  const out: MeasureTotals[] = requests.map(() => ({ count: 0, hits: 0, sum: 0, distinct: 0, paths: [] }));
  const bySource = new Map<Measure['source'], number[]>();
  for (const [i, r] of requests.entries()) bySource.set(r.measure.source, [...(bySource.get(r.measure.source) ?? []), i]);
  await Promise.all(
    [...bySource.entries()].map(async ([source, indexes]) => {
      const { src, columns, matches, plan } = sourcePlan(source, requests, indexes, tenantId, period, rootId, today);
      const ref = (alias: string) => sql.ref(`x.${alias}`);
      const totals = plan.flatMap((p) => {
        const m = ref(p.matchAlias);
        const agg = requests[p.i]!.measure.aggregate;
        return [
          sql`count(*) filter (where ${m}) as ${sql.ref(`n${p.i}`)}`,
          p.hitAlias ? sql`count(*) filter (where ${m} and ${ref(p.hitAlias)}) as ${sql.ref(`h${p.i}`)}` : sql`0 as ${sql.ref(`h${p.i}`)}`,
          p.amountAlias ? sql`coalesce(sum(${ref(p.amountAlias)}) filter (where ${m}), 0) as ${sql.ref(`s${p.i}`)}` : sql`0 as ${sql.ref(`s${p.i}`)}`,
          p.keyAlias ? sql`count(distinct nullif(${ref(p.keyAlias)}, '')) filter (where ${m}) as ${sql.ref(`d${p.i}`)}` : sql`0 as ${sql.ref(`d${p.i}`)}`,
          agg === 'coverage' ? sql`coalesce(array_agg(distinct x.org_path) filter (where ${m}), '{}') as ${sql.ref(`p${p.i}`)}` : sql`'{}'::text[] as ${sql.ref(`p${p.i}`)}`,
        ];
      });
      const q = sql<Record<string, unknown>>`select ${sql.join(totals)} from (select ${src.select}, o.id as org_id, o.name as org_name, o.path as org_path, ${sql.join(columns)}
        from ${src.from} and (${sql.join(matches, sql` or `)})) x`;
      const row = (await q.execute(db)).rows[0] ?? {};
      for (const p of plan) {
        const paths = row[`p${p.i}`];
        out[p.i] = {
          count: Number(row[`n${p.i}`] ?? 0),
          hits: Number(row[`h${p.i}`] ?? 0),
          sum: Number(row[`s${p.i}`] ?? 0),
          distinct: Number(row[`d${p.i}`] ?? 0),
          paths: Array.isArray(paths) ? (paths as string[]) : typeof paths === 'string' ? paths.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((x) => x.replace(/^"|"$/g, '')) : [],
        };
      }
    }),
  );
  return out;
}
