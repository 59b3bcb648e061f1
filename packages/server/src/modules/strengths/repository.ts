/**
 * Every query of the 七个有力 checklist. It owns no table: it reads the records of the other
 * modules (organisational life, service events, front-line projects, honours, development steps)
 * for one period, either listed for one org's subtree or counted per org for the side-by-side
 * view. Each function takes the database or a transaction.
 */
import { DEVELOPMENT_STEPS, FIRST_TOPIC_KIND, type StrengthSource } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike } from '../../lib/scope.js';
export { branchesUnder, findOrg, rootOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface Period {
  from: string;
  to: string;
}

/** One record found as evidence: the kind it counts under, where it belongs, what it is. */
export interface EvidenceRecord {
  source: StrengthSource;
  id: number;
  /** The page it opens on: the record itself, or (a development step) the file it belongs to. */
  linkId: number;
  date: string;
  /** The kinds it counts under (an organisational-life record may be of several). */
  kinds: string[];
  title: string;
  orgId: number;
  orgName: string;
}

const STEP_KEY = new Map<number, string>(DEVELOPMENT_STEPS.map((s) => [s.step, s.key]));

/*
 * Each source's rows of the period under a path, as one query builder: the list of records and
 * the counts per org and kind are read from the same rows, so the checklist and the side-by-side
 * view cannot disagree.
 */
function orglifeRows(db: Db, tenantId: number, path: string, period: Period) {
  return db
    .selectFrom('orglife_records as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .where('r.tenant_id', '=', tenantId)
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .where('r.held_on', '>=', period.from)
    .where('r.held_on', '<=', period.to);
}

function serviceRows(db: Db, tenantId: number, path: string, period: Period) {
  return db
    .selectFrom('service_events as e')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
    .where('e.tenant_id', '=', tenantId)
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .where('e.held_on', '>=', period.from)
    .where('e.held_on', '<=', period.to);
}

/** A project counts in the years it runs (started by the period's end, not ended before its start). */
function projectRows(db: Db, tenantId: number, path: string, period: Period) {
  return db
    .selectFrom('projects as p')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .where('p.tenant_id', '=', tenantId)
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .where('p.started_on', '<=', period.to)
    .where('p.ends_on', '>=', period.from);
}

function honourRows(db: Db, tenantId: number, path: string, period: Period) {
  return db
    .selectFrom('honours as h')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'h.tenant_id').onRef('o.id', '=', 'h.org_id'))
    .where('h.tenant_id', '=', tenantId)
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .where('h.awarded_on', '>=', period.from)
    .where('h.awarded_on', '<=', period.to);
}

/** A step done in the period, on a file of the subtree; a step corrected later counts once (the correction). */
function stepRows(db: Db, tenantId: number, path: string, period: Period) {
  return db
    .selectFrom('development_entries as e')
    .innerJoin('development_files as f', (j) => j.onRef('f.tenant_id', '=', 'e.tenant_id').onRef('f.id', '=', 'e.file_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.org_id'))
    .where('e.tenant_id', '=', tenantId)
    .where('e.kind', '=', 'step')
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .where('e.date', '>=', period.from)
    .where('e.date', '<=', period.to)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('development_entries as c').select(sql`1`.as('one')).whereRef('c.tenant_id', '=', 'e.tenant_id').whereRef('c.corrects_id', '=', 'e.id'))));
}

/** A material studied at a meeting of the subtree in the period (one row per study); it opens on the meeting. */
function studyRows(db: Db, tenantId: number, path: string, period: Period) {
  return orglifeRows(db, tenantId, path, period)
    .innerJoin('learning_studies as st', (j) => j.onRef('st.tenant_id', '=', 'r.tenant_id').onRef('st.orglife_record_id', '=', 'r.id'))
    .innerJoin('learning_materials as m', (j) => j.onRef('m.tenant_id', '=', 'st.tenant_id').onRef('m.id', '=', 'st.material_id'));
}

/** The kinds a study counts under: the material's kind, and 第一议题 when it is one. */
const studyKinds = (kind: string, firstTopic: boolean) => (firstTopic ? [kind, FIRST_TOPIC_KIND] : [kind]);

/** The records of one source in the subtree of a path within the period, newest first. */
export async function recordsOf(db: Db, tenantId: number, source: StrengthSource, path: string, period: Period): Promise<EvidenceRecord[]> {
  const org = ['o.id as orgId', 'o.name as orgName'] as const;
  switch (source) {
    case 'orglife': {
      const rows = await orglifeRows(db, tenantId, path, period).select(['r.id', 'r.held_on as date', 'r.kinds', 'r.lecture_title as title', ...org]).orderBy('r.held_on', 'desc').orderBy('r.id', 'desc').execute();
      return rows.map((r) => ({ source, id: Number(r.id), linkId: Number(r.id), date: r.date, kinds: r.kinds, title: r.title, orgId: r.orgId, orgName: r.orgName }));
    }
    case 'service': {
      const rows = await serviceRows(db, tenantId, path, period)
        .leftJoin('service_series as s', (j) => j.onRef('s.tenant_id', '=', 'e.tenant_id').onRef('s.id', '=', 'e.series_id'))
        .select(['e.id', 'e.held_on as date', 'e.kind', 'e.title', 's.name as seriesName', 'e.issue_no as issueNo', ...org])
        .orderBy('e.held_on', 'desc')
        .orderBy('e.id', 'desc')
        .execute();
      return rows.map((r) => ({ source, id: Number(r.id), linkId: Number(r.id), date: r.date, kinds: [r.kind], title: r.seriesName && r.issueNo ? `${r.title}（${r.seriesName} #${r.issueNo}）` : r.title, orgId: r.orgId, orgName: r.orgName }));
    }
    case 'project': {
      const rows = await projectRows(db, tenantId, path, period).select(['p.id', 'p.started_on as date', 'p.stage', 'p.title', ...org]).orderBy('p.started_on', 'desc').orderBy('p.id', 'desc').execute();
      return rows.map((r) => ({ source, id: Number(r.id), linkId: Number(r.id), date: r.date, kinds: [r.stage], title: r.title, orgId: r.orgId, orgName: r.orgName }));
    }
    case 'honour': {
      const rows = await honourRows(db, tenantId, path, period)
        .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'h.tenant_id').onRef('m.id', '=', 'h.member_id'))
        .select(['h.id', 'h.awarded_on as date', 'h.type', 'h.level', 'h.title', 'm.name as memberName', ...org])
        .orderBy('h.awarded_on', 'desc')
        .orderBy('h.id', 'desc')
        .execute();
      const title = (r: (typeof rows)[number]) => [r.level, r.type, r.title, r.memberName].filter(Boolean).join(' · ');
      return rows.map((r) => ({ source, id: Number(r.id), linkId: Number(r.id), date: r.date, kinds: [r.type], title: title(r), orgId: r.orgId, orgName: r.orgName }));
    }
    case 'development': {
      const rows = await stepRows(db, tenantId, path, period).select(['e.id', 'e.file_id as fileId', 'e.date', 'e.step', 'f.name', ...org]).orderBy('e.date', 'desc').orderBy('e.id', 'desc').execute();
      return rows.map((r) => ({ source, id: Number(r.id), linkId: Number(r.fileId), date: r.date, kinds: [STEP_KEY.get(r.step ?? 0) ?? ''], title: r.name, orgId: r.orgId, orgName: r.orgName }));
    }
    case 'learning': {
      const rows = await studyRows(db, tenantId, path, period).select(['st.id', 'r.id as recordId', 'r.held_on as date', 'm.kind', 'm.first_topic as firstTopic', 'm.title', ...org]).orderBy('r.held_on', 'desc').orderBy('st.id', 'desc').execute();
      return rows.map((r) => ({ source, id: Number(r.id), linkId: Number(r.recordId), date: r.date, kinds: studyKinds(r.kind, r.firstTopic), title: r.title, orgId: r.orgId, orgName: r.orgName }));
    }
  }
}

/** How many records of each kind each org (by its path) holds in the period (the side-by-side view sums them over each branch's subtree). */
export interface KindCount {
  orgPath: string;
  kind: string;
  n: number;
}

/** Counts per org and kind of one source under a path, over the same rows as recordsOf. */
export async function countsOf(db: Db, tenantId: number, source: StrengthSource, path: string, period: Period): Promise<KindCount[]> {
  const n = sql<string>`count(*)`.as('n');
  let rows: Array<{ orgPath: string; kinds: readonly string[]; n: string | number }>;
  switch (source) {
    case 'orglife':
      // Grouped by the whole list of kinds; a record of several kinds (党员大会 held as 主题党日) counts under each below.
      rows = await orglifeRows(db, tenantId, path, period).select(['o.path as orgPath', 'r.kinds', n]).groupBy(['o.path', 'r.kinds']).execute();
      break;
    case 'service':
      rows = (await serviceRows(db, tenantId, path, period).select(['o.path as orgPath', 'e.kind', n]).groupBy(['o.path', 'e.kind']).execute()).map((r) => ({ ...r, kinds: [r.kind] }));
      break;
    case 'project':
      rows = (await projectRows(db, tenantId, path, period).select(['o.path as orgPath', 'p.stage', n]).groupBy(['o.path', 'p.stage']).execute()).map((r) => ({ ...r, kinds: [r.stage] }));
      break;
    case 'honour':
      rows = (await honourRows(db, tenantId, path, period).select(['o.path as orgPath', 'h.type', n]).groupBy(['o.path', 'h.type']).execute()).map((r) => ({ ...r, kinds: [r.type] }));
      break;
    case 'development':
      rows = (await stepRows(db, tenantId, path, period).select(['o.path as orgPath', 'e.step', n]).groupBy(['o.path', 'e.step']).execute()).map((r) => ({ ...r, kinds: [STEP_KEY.get(r.step ?? 0) ?? ''] }));
      break;
    case 'learning':
      rows = (await studyRows(db, tenantId, path, period).select(['o.path as orgPath', 'm.kind', 'm.first_topic as firstTopic', n]).groupBy(['o.path', 'm.kind', 'm.first_topic']).execute()).map((r) => ({ ...r, kinds: studyKinds(r.kind, r.firstTopic) }));
      break;
  }
  return rows.flatMap((r) => r.kinds.map((kind) => ({ orgPath: r.orgPath, kind, n: Number(r.n) })));
}
