/**
 * Work systems (工作体系): frameworks of dimensions and indicators computed from the records the
 * other modules keep (core/worksystems.ts). Scope: worksystems.read / worksystems.write. The office
 * (tenant-wide write) copies templates, edits drafts, publishes versions and adopts a framework for
 * a year; a branch secretary (write over their subtree) enters manual values and evidence for their
 * branch and the targets of an adoption of their own branch. A caller reads the values and records
 * their read scope reaches: a secretary sees their branch's figures, never the sibling branches'.
 */
import {
  MEETING_KINDS,
  type MeetingKind,
  type DataScope,
  type DefinitionError,
  type Language,
  definitionVocabulary,
  FRAMEWORK_TEMPLATES,
  type FrameworkDefinition,
  type Indicator,
  type MeasureRow,
  aggregate,
  aggregateTotals,
  type MeasureTotals,
  indicatorsOf,
  progressOf,
  templateOf,
  validateDefinition,
  versionInForce,
  yearPeriod,
} from '@hongyi/core';
import type { Transaction } from 'kysely';
import { workbookBuffer } from '../../lib/excel.js';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { evidenceFiles } from '../../lib/evidence.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import {
  type AdoptionRow,
  type FrameworkRow,
  type ManualValueRow,
  type VersionRow,
  adoptionFor,
  adoptionsOf,
  branchesUnder,
  findAdoption,
  findFramework,
  findManualValue,
  findOrg,
  frameworkNamed,
  insertAdoption,
  insertFramework,
  insertManualValue,
  insertVersion,
  listFrameworks,
  manualValuesOf,
  measureRowsMany,
  measureTotalsMany,
  replaceAdoptionOrgs,
  rootOrg,
  touchFramework,
  updateAdoption,
  updateDraft,
  updateManualValue,
  versionsOf,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;

/** What a definition may say (core's allow-list), for the editor's help panel. */
export const vocabulary = () => definitionVocabulary();

export function templateList() {
  return FRAMEWORK_TEMPLATES.map((t) => ({ key: t.key, name: t.name, origin: t.origin, description: t.description, definition: t.definition, targets: t.targets }));
}

const PART_NAMES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  measure: { 'zh-CN': '统计口径', 'en-US': 'measure' },
  filters: { 'zh-CN': '筛选条件', 'en-US': 'filters' },
  numerator: { 'zh-CN': '分子条件', 'en-US': 'numerator' },
  field: { 'zh-CN': '字段', 'en-US': 'field' },
  aggregate: { 'zh-CN': '统计方式', 'en-US': 'aggregate' },
  source: { 'zh-CN': '数据来源', 'en-US': 'source' },
  scope: { 'zh-CN': '范围', 'en-US': 'scope' },
  key: { 'zh-CN': '键', 'en-US': 'key' },
  name: { 'zh-CN': '名称', 'en-US': 'name' },
  unit: { 'zh-CN': '单位', 'en-US': 'unit' },
  kind: { 'zh-CN': '类型', 'en-US': 'kind' },
  description: { 'zh-CN': '说明', 'en-US': 'description' },
  dimensions: { 'zh-CN': '维度', 'en-US': 'dimensions' },
  indicators: { 'zh-CN': '指标', 'en-US': 'indicators' },
};

/** A definition path (dimensions[1].indicators[2].measure.filters.kinds) in the caller's words: 第 2 个维度 › 第 3 项指标 › 统计口径 › 筛选条件 › kinds. */
export function partName(path: string, language: Language): string {
  const zh = language === 'zh-CN';
  const out: string[] = [];
  let parent = '';
  for (const seg of path.split('.').filter(Boolean)) {
    const m = /^([A-Za-z_]+)\[(\d+)\]$/.exec(seg);
    if (m && (m[1] === 'dimensions' || m[1] === 'indicators')) {
      const n = Number(m[2]) + 1;
      out.push(m[1] === 'dimensions' ? (zh ? `第 ${n} 个维度` : `dimension ${n}`) : zh ? `第 ${n} 项指标` : `indicator ${n}`);
    } else if (parent === 'filters' || parent === 'numerator') out.push(seg);
    else out.push(PART_NAMES[seg]?.[language] ?? seg);
    parent = seg;
  }
  return out.length > 0 ? out.join(' › ') : zh ? '体系定义' : 'definition';
}

/** A 400 listing every wrong part of a definition, each detail's path under the given prefix (body.definition.dimensions[1]…), its message in the caller's language naming the part. */
function definitionError(ctx: Ctx, prefix: string, errors: readonly DefinitionError[]): AppError {
  return new AppError(
    400,
    'WORKSYSTEM_DEFINITION_INVALID',
    { count: errors.length },
    errors.map((e) => ({
      path: e.path ? `${prefix}.${e.path}` : prefix,
      message: translate('WORKSYSTEM_DEFINITION_PART', ctx.language, { path: partName(e.path, ctx.language), message: translate(`WORKSYSTEM_DEF_${e.code}`, ctx.language, e.params) }),
    })),
  );
}

async function orgInScope(ctx: Ctx, db: Db, orgId: number, path: string, permission: 'worksystems.read' | 'worksystems.write') {
  const org = await findOrg(db, ctx.tenantId, orgId);
  return requireInScope(ctx.scope(permission), org && { ...org, orgPath: org.path }, fieldError(ctx.language, path, 'WORKSYSTEM_ORG_UNKNOWN', { id: orgId }));
}

/** A secretary reads an adoption of an org above or at their branch; the office every one. */
const reaches = (scope: DataScope, orgPath: string) => scope.kind === 'tenant' || (scope.kind === 'subtree' && scope.paths.some((p) => p.startsWith(orgPath) || orgPath.startsWith(p)));

async function framework(ctx: Ctx, db: Db, id: number, permission: 'worksystems.read' | 'worksystems.write'): Promise<FrameworkRow> {
  const f = await findFramework(db, ctx.tenantId, id);
  if (!f) throw notFound('WORKSYSTEM_NOT_FOUND', id);
  // Reading: a framework of an org above or within the caller's scope; writing: its owner org in scope.
  if (permission === 'worksystems.write') requireInScope(ctx.scope(permission), f, notFound('WORKSYSTEM_NOT_FOUND', id));
  else if (!reaches(ctx.scope(permission), f.orgPath)) throw new AppError(403, 'OUT_OF_SCOPE');
  return f;
}

const presentVersion = (v: VersionRow) => ({ no: v.no, publishedOn: v.publishedOn, publishedByName: v.publishedByName });


function presentAdoption(a: AdoptionRow) {
  const { orgPath: _p, ...rest } = a;
  return rest;
}

/** The unit's frameworks with their versions and the adoptions of the year (each with its average progress). */
export async function frameworkList(ctx: Ctx, year: number) {
  const scope = ctx.scope('worksystems.read');
  const frameworks = (await listFrameworks(ctx.db, ctx.tenantId)).filter((f) => reaches(scope, f.orgPath));
  const ids = frameworks.map((f) => f.id);
  const versions = await versionsOf(ctx.db, ctx.tenantId, ids);
  const adoptions = (await adoptionsOf(ctx.db, ctx.tenantId, ids)).filter((a) => a.year === year && reaches(scope, a.orgPath));
  const computed = await computeValuesMany(
    ctx,
    adoptions.map((a) => ({ a, versions: versions.filter((v) => v.frameworkId === a.frameworkId) })),
    false,
  );
  const valuesOf = new Map(adoptions.map((a, i) => [a.id, computed[i]!]));
  const items = [];
  for (const f of frameworks) {
    const own = versions.filter((v) => v.frameworkId === f.id);
    const mine = [];
    for (const a of adoptions.filter((x) => x.frameworkId === f.id)) {
      const values = valuesOf.get(a.id)!;
      const progresses = values.indicators.map((i) => i.progress).filter((p): p is number => p !== null);
      mine.push({ ...presentAdoption(a), versionNo: values.versionNo, progress: progresses.length === 0 ? null : Math.round((progresses.reduce((s, p) => s + p, 0) / progresses.length) * 10) / 10, indicators: values.indicators.length });
    }
    const { orgPath: _p, draft: _d, ...rest } = f;
    items.push({ ...rest, versions: own.map(presentVersion), adoptions: mine });
  }
  return { items, year };
}

export async function frameworkDetail(ctx: Ctx, id: number) {
  const f = await framework(ctx, ctx.db, id, 'worksystems.read');
  const scope = ctx.scope('worksystems.read');
  const versions = await versionsOf(ctx.db, ctx.tenantId, [id]);
  const adoptions = (await adoptionsOf(ctx.db, ctx.tenantId, [id])).filter((a) => reaches(scope, a.orgPath));
  const canWrite = ctx.can('worksystems.write') && covers(ctx.scope('worksystems.write'), f.orgPath);
  const { orgPath: _p, ...rest } = f;
  return { ...rest, versions: versions.map((v) => ({ ...presentVersion(v), definition: v.definition as FrameworkDefinition })), adoptions: adoptions.map(presentAdoption), canWrite };
}

/** Copy a built-in template into a new framework of an org (the 党委 when none named). */
export async function copyTemplate(ctx: Ctx, input: { templateKey: string; name?: string | undefined; orgId?: number | undefined }) {
  const template = templateOf(input.templateKey);
  if (!template) throw fieldError(ctx.language, 'body.templateKey', 'WORKSYSTEM_TEMPLATE_UNKNOWN', { key: input.templateKey });
  return ctx.db.transaction().execute(async (trx) => {
    const root = await rootOrg(trx, ctx.tenantId);
    const orgId = input.orgId ?? root?.id;
    if (!orgId) throw fieldError(ctx.language, 'body.orgId', 'WORKSYSTEM_ORG_UNKNOWN', { id: 0 });
    const org = await orgInScope(ctx, trx, orgId, 'body.orgId', 'worksystems.write');
    const name = input.name?.trim() || template.name;
    if (await frameworkNamed(trx, ctx.tenantId, org.id, name)) throw fieldError(ctx.language, 'body.name', 'WORKSYSTEM_NAME_TAKEN', { name });
    const id = await insertFramework(trx, ctx.tenantId, { orgId: org.id, name, templateKey: template.key, createdFrom: `template:${template.key}`, draft: template.definition });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'worksystem', entityId: id, summary: `从模板“${template.name}”建立工作体系：${name}`, after: { org_id: org.id, name, template_key: template.key } });
    return id;
  });
}

/** Save the draft definition: validated (400 naming each wrong part), 409 on a stale version. */
export async function saveDraft(ctx: Ctx, id: number, input: { name: string; definition: unknown; version: number }) {
  const checked = validateDefinition(input.definition);
  if (!checked.ok) throw definitionError(ctx, 'body.definition', checked.errors);
  return ctx.db.transaction().execute(async (trx) => {
    const f = await framework(ctx, trx, id, 'worksystems.write');
    const name = input.name.trim();
    if (name !== f.name) {
      const other = await frameworkNamed(trx, ctx.tenantId, f.orgId, name);
      if (other && Number(other.id) !== id) throw fieldError(ctx.language, 'body.name', 'WORKSYSTEM_NAME_TAKEN', { name });
    }
    if (!(await updateDraft(trx, ctx.tenantId, id, input.version, { name, draft: checked.definition }))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'worksystem', entityId: id, summary: `修改工作体系草稿：${name}`, before: { name: f.name, draft: f.draft }, after: { name, draft: checked.definition } });
    return { id, version: input.version + 1 };
  });
}

/** Publish the draft as the next immutable version, in force from today; 409 on a stale version. */
export async function publish(ctx: Ctx, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await framework(ctx, trx, id, 'worksystems.write');
    const checked = validateDefinition(f.draft);
    if (!checked.ok) throw definitionError(ctx, 'draft', checked.errors);
    if (!(await touchFramework(trx, ctx.tenantId, id, version))) throw conflict();
    const versions = await versionsOf(trx, ctx.tenantId, [id]);
    const no = versions.reduce((m, v) => Math.max(m, v.no), 0) + 1;
    await insertVersion(trx, ctx.tenantId, { frameworkId: id, no, definition: checked.definition, publishedOn: ctx.today, publishedByName: ctx.name });
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'worksystem', entityId: id, summary: `发布工作体系“${f.name}”第 ${no} 版`, after: { no, published_on: ctx.today } });
    return { id, no, publishedOn: ctx.today, version: version + 1 };
  });
}

function checkTargets(ctx: Ctx, def: FrameworkDefinition | null, targets: Record<string, number>) {
  if (!def) return;
  const keys = new Set(indicatorsOf(def).map((i) => i.key));
  for (const key of Object.keys(targets)) if (!keys.has(key)) throw fieldError(ctx.language, `body.targets.${key}`, 'WORKSYSTEM_TARGET_UNKNOWN', { key });
}

/** The definition a year is computed with: the version in force, else (none yet in force) the newest published. */
function definitionFor(versions: readonly VersionRow[], year: number, today: string) {
  const v = versionInForce(versions, year, today);
  return v ? { no: v.no, publishedOn: v.publishedOn, definition: v.definition as FrameworkDefinition } : null;
}

/** Adopt a framework for an org and year with targets and the branches it flows down to (none: all under the org). */
export async function adopt(ctx: Ctx, frameworkId: number, input: { orgId?: number | undefined; year: number; targets: Record<string, number>; branchIds: number[] }) {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await framework(ctx, trx, frameworkId, 'worksystems.write');
    const org = await orgInScope(ctx, trx, input.orgId ?? f.orgId, 'body.orgId', 'worksystems.write');
    const versions = await versionsOf(trx, ctx.tenantId, [frameworkId]);
    if (versions.length === 0) throw fieldError(ctx.language, 'body.year', 'WORKSYSTEM_NOT_PUBLISHED');
    checkTargets(ctx, definitionFor(versions, input.year, ctx.today)?.definition ?? (versions.at(-1)?.definition as FrameworkDefinition), input.targets);
    if (await adoptionFor(trx, ctx.tenantId, frameworkId, org.id, input.year)) throw fieldError(ctx.language, 'body.year', 'WORKSYSTEM_ADOPTED', { year: input.year });
    const branches = [...new Set(input.branchIds)];
    for (const [i, b] of input.branchIds.entries()) {
      const o = await findOrg(trx, ctx.tenantId, b);
      if (!o || !o.path.startsWith(org.path) || o.id === org.id) throw fieldError(ctx.language, `body.branchIds[${i}]`, 'WORKSYSTEM_BRANCH_UNKNOWN', { id: b });
    }
    const id = await insertAdoption(trx, ctx.tenantId, { frameworkId, orgId: org.id, year: input.year, targets: input.targets });
    await replaceAdoptionOrgs(trx, ctx.tenantId, id, branches);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'worksystem_adoption', entityId: id, summary: `${org.name} ${input.year} 年实施工作体系“${f.name}”`, after: { framework_id: frameworkId, org_id: org.id, year: input.year, targets: input.targets, branch_ids: branches } });
    return id;
  });
}

async function adoption(ctx: Ctx, db: Db, id: number): Promise<AdoptionRow> {
  const a = await findAdoption(db, ctx.tenantId, id);
  if (!a || !reaches(ctx.scope('worksystems.read'), a.orgPath)) throw notFound('WORKSYSTEM_ADOPTION_NOT_FOUND', id);
  return a;
}

/** Change an adoption's targets (the office, or a secretary for an adoption of their own branch); 409 on a stale version. */
export async function changeTargets(ctx: Ctx, id: number, input: { targets: Record<string, number>; version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await adoption(ctx, trx, id);
    requireInScope(ctx.scope('worksystems.write'), a, new AppError(403, 'OUT_OF_SCOPE'));
    const versions = await versionsOf(trx, ctx.tenantId, [a.frameworkId]);
    checkTargets(ctx, definitionFor(versions, a.year, ctx.today)?.definition ?? null, input.targets);
    if (!(await updateAdoption(trx, ctx.tenantId, id, input.version, input.targets))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'worksystem_adoption', entityId: id, summary: `修改 ${a.orgName} ${a.year} 年工作体系目标`, before: { targets: a.targets }, after: { targets: input.targets } });
    return { id, version: input.version + 1 };
  });
}

// ---------------------------------------------------------------------------------------
// Values and drill-down
// ---------------------------------------------------------------------------------------

interface Branch {
  id: number;
  name: string;
  path: string;
}

/** What a request reads once for all the adoptions it computes: the unit's top org and the branches under a path in a period. */
interface Cache {
  root?: Promise<number | undefined>;
  branches: Map<string, Promise<Branch[]>>;
}
const newCache = (): Cache => ({ branches: new Map() });

function rootIdOf(ctx: Ctx, cache: Cache) {
  cache.root ??= rootOrg(ctx.db, ctx.tenantId).then((r) => r?.id);
  return cache.root;
}

function branchesAt(ctx: Ctx, cache: Cache, path: string, period: { from: string; to: string }) {
  const key = `${path}|${period.from}|${period.to}`;
  let b = cache.branches.get(key);
  if (!b) {
    b = branchesUnder(ctx.db, ctx.tenantId, path, period);
    cache.branches.set(key, b);
  }
  return b;
}

/** The branches an adoption shows (those it flows to, or all under its org), limited to the caller's read scope. */
async function branchesOf(ctx: Ctx, a: AdoptionRow, period: { from: string; to: string }, cache: Cache): Promise<Branch[]> {
  const scope = ctx.scope('worksystems.read');
  const all = await branchesAt(ctx, cache, a.orgPath, period);
  const chosen = a.branchIds.length > 0 ? all.filter((b) => a.branchIds.includes(b.id)) : all;
  return chosen.filter((b) => covers(scope, b.path));
}

/** What every indicator of an adoption needs once: the unit's top org and the paths of the branches the adoption flows to. */
interface Prep {
  rootId: number;
  flows: string[] | null;
}

async function prepare(ctx: Ctx, a: AdoptionRow, period: { from: string; to: string }, cache: Cache): Promise<Prep> {
  const rootId = await rootIdOf(ctx, cache);
  const flows = a.branchIds.length > 0 ? (await branchesAt(ctx, cache, a.orgPath, period)).filter((b) => a.branchIds.includes(b.id)).map((b) => b.path) : null;
  return { rootId: rootId ?? a.orgId, flows };
}

/** One indicator of one adoption whose rows are wanted. */
interface RowsAsk {
  a: AdoptionRow;
  ind: Indicator;
  manual: ManualValueRow[];
  prep: Prep;
}

/**
 * The rows of many indicators (of one or more adoptions of the same period) the caller may see:
 * inside the adoption (its org, and the branches it flows to) and the read scope. The records are
 * read set-based, each source once for all of them (measureRowsMany); manual values from the rows given.
 */
async function indicatorRowsMany(ctx: Ctx, asks: readonly RowsAsk[], period: { from: string; to: string }): Promise<MeasureRow[][]> {
  const scope = ctx.scope('worksystems.read');
  const measured = asks.map((x, i) => ({ x, i })).filter(({ x }) => x.ind.kind !== 'manual' && x.ind.measure);
  // Adoptions of one period share the unit's top org; a different one (none in practice) gets its own read.
  const byRoot = new Map<number, typeof measured>();
  for (const m of measured) byRoot.set(m.x.prep.rootId, [...(byRoot.get(m.x.prep.rootId) ?? []), m]);
  const fromRecords = new Map<number, MeasureRow[]>();
  for (const [rootId, group] of byRoot) {
    const rows = await measureRowsMany(ctx.db, ctx.tenantId, group.map(({ x }) => ({ measure: x.ind.measure!, org: { id: x.a.orgId, path: x.a.orgPath } })), period, rootId, ctx.today);
    group.forEach(({ i }, k) => fromRecords.set(i, rows[k]!));
  }
  return asks.map(({ a, ind, manual, prep }, i) => {
    let rows: MeasureRow[] =
      fromRecords.get(i) ??
      manual
        .filter((v) => v.indicatorKey === ind.key)
        .map((v) => ({ id: v.id, date: '', title: v.evidence, orgId: v.orgId, orgName: v.orgName, orgPath: v.orgPath, linkKind: v.link ? 'link' : 'manual', linkId: v.id, amount: v.value, key: '', hit: false }));
    const flows = prep.flows;
    if (flows) rows = rows.filter((r) => r.orgId === a.orgId || flows.some((p) => r.orgPath.startsWith(p)));
    return scope.kind === 'tenant' ? rows : rows.filter((r) => covers(scope, r.orgPath));
  });
}

/** Rows by the branch they fall under (a path /1/5/23/ falls under each of /1/, /1/5/, /1/5/23/): one pass, not one filter per branch. */
function rowsByBranch(rows: readonly MeasureRow[], branches: readonly Branch[], ownOnly: boolean): Map<number, MeasureRow[]> {
  const byPath = new Map(branches.map((b) => [b.path, b.id]));
  const out = new Map<number, MeasureRow[]>(branches.map((b) => [b.id, []]));
  for (const r of rows) {
    if (ownOnly) {
      out.get(r.orgId)?.push(r);
      continue;
    }
    let i = r.orgPath.indexOf('/', 1);
    while (i > 0) {
      const id = byPath.get(r.orgPath.slice(0, i + 1));
      if (id !== undefined) out.get(id)!.push(r);
      i = r.orgPath.indexOf('/', i + 1);
    }
  }
  return out;
}

const valueOf = (ind: Indicator, rows: readonly MeasureRow[], branchPaths: readonly string[]) => (ind.measure ? aggregate(ind.measure, rows, branchPaths) : Math.round(rows.reduce((s, r) => s + r.amount, 0) * 100) / 100);

/** Decision topics and tasks belong to the 党委 as a whole: they have no per-branch figures. */
const perBranch = (ind: Indicator) => !(ind.measure && (ind.measure.source === 'decision_topic' || ind.measure.source === 'decision_task'));

/**
 * The values of adoptions, computed together: the adoptions of one period read each record source
 * once for all their indicators (not a query per indicator per adoption). The framework list
 * needs no per-branch figures (withBranches false).
 */
async function computeValuesMany(ctx: Ctx, list: ReadonlyArray<{ a: AdoptionRow; versions: readonly VersionRow[] }>, withBranches: boolean) {
  const cache = newCache();
  const prepared = await Promise.all(
    list.map(async ({ a, versions }) => {
      const period = yearPeriod(a.year, ctx.today);
      const [branches, manual, prep] = await Promise.all([branchesOf(ctx, a, period, cache), manualValuesOf(ctx.db, ctx.tenantId, a.id), prepare(ctx, a, period, cache)]);
      return { a, period, def: definitionFor(versions, a.year, ctx.today), branches, manual, prep };
    }),
  );
  // One set-based read per period (the adoptions of a year share it).
  const byPeriod = new Map<string, typeof prepared>();
  for (const p of prepared) byPeriod.set(`${p.period.from}|${p.period.to}`, [...(byPeriod.get(`${p.period.from}|${p.period.to}`) ?? []), p]);
  const rowsOf = new Map<(typeof prepared)[number], Array<MeasureRow[] | MeasureTotals>>();
  const tenantWide = ctx.scope('worksystems.read').kind === 'tenant';
  for (const group of byPeriod.values()) {
    const asks = group.flatMap((p) => (p.def?.definition.dimensions ?? []).flatMap((d) => d.indicators.map((ind) => ({ a: p.a, ind, manual: p.manual, prep: p.prep }))));
    // Figures without records (the list, the overview) are counted by the database when nothing narrows the rows afterwards (the caller's scope, the branches an adoption flows to).
    const counted = (x: RowsAsk) => !withBranches && tenantWide && !x.prep.flows && x.ind.kind !== 'manual' && !!x.ind.measure;
    const byRoot = new Map<number, Array<{ x: RowsAsk; i: number }>>();
    asks.forEach((x, i) => counted(x) && byRoot.set(x.prep.rootId, [...(byRoot.get(x.prep.rootId) ?? []), { x, i }]));
    const totals = new Map<number, MeasureTotals>();
    for (const [rootId, list] of byRoot) {
      const t = await measureTotalsMany(ctx.db, ctx.tenantId, list.map(({ x }) => ({ measure: x.ind.measure!, org: { id: x.a.orgId, path: x.a.orgPath } })), group[0]!.period, rootId, ctx.today);
      list.forEach(({ i }, k) => totals.set(i, t[k]!));
    }
    const rest = asks.map((x, i) => ({ x, i })).filter(({ i }) => !totals.has(i));
    const rows = await indicatorRowsMany(ctx, rest.map(({ x }) => x), group[0]!.period);
    const all: Array<MeasureRow[] | MeasureTotals> = asks.map((_, i) => totals.get(i) ?? []);
    rest.forEach(({ i }, k) => (all[i] = rows[k]!));
    let k = 0;
    for (const p of group) {
      const n = (p.def?.definition.dimensions ?? []).reduce((s, d) => s + d.indicators.length, 0);
      rowsOf.set(p, all.slice(k, k + n));
      k += n;
    }
  }
  return prepared.map((p) => {
    const { a, period, def, branches, manual } = p;
    const all = rowsOf.get(p) ?? [];
    let k = 0;
    const dimensions = [];
    const flat = [];
    for (const d of def?.definition.dimensions ?? []) {
      const indicators = [];
      for (const ind of d.indicators) {
        const got = all[k++] ?? [];
        const rows = Array.isArray(got) ? got : [];
        const value = Array.isArray(got) || !ind.measure ? valueOf(ind, rows, branches.map((b) => b.path)) : aggregateTotals(ind.measure, got, branches.map((b) => b.path));
        const target = a.targets[ind.key] ?? null;
        const grouped = withBranches && perBranch(ind) ? rowsByBranch(rows, branches, ind.measure?.scope === 'org') : null;
        const byBranch = grouped ? branches.map((b) => ({ orgId: b.id, orgName: b.name, value: valueOf(ind, grouped.get(b.id) ?? [], [b.path]) })) : [];
        const out = {
          key: ind.key,
          name: ind.name,
          unit: ind.unit,
          kind: ind.kind,
          description: ind.description,
          source: ind.measure?.source ?? null,
          aggregate: ind.measure?.aggregate ?? null,
          value,
          target,
          progress: progressOf(value, target),
          branches: byBranch,
          manualValues: ind.kind === 'manual' ? manual.filter((v) => v.indicatorKey === ind.key && covers(ctx.scope('worksystems.read'), v.orgPath)).map(({ orgPath: _p, indicatorKey: _k, ...v }) => v) : [],
        };
        indicators.push(out);
        flat.push(out);
      }
      dimensions.push({ key: d.key, name: d.name, description: d.description, indicators });
    }
    return { versionNo: def?.no ?? null, publishedOn: def?.publishedOn ?? null, period, dimensions, indicators: flat, branches: branches.map((b) => ({ id: b.id, name: b.name })) };
  });
}

/** The values of an adoption: per indicator value, target, progress and per-branch figures, with the version in force for its year. */
export async function adoptionValues(ctx: Ctx, id: number) {
  const a = await adoption(ctx, ctx.db, id);
  const f = await framework(ctx, ctx.db, a.frameworkId, 'worksystems.read');
  const versions = await versionsOf(ctx.db, ctx.tenantId, [a.frameworkId]);
  const { indicators: _flat, dimensions, ...values } = (await computeValuesMany(ctx, [{ a, versions }], true))[0]!;
  const canWrite = ctx.can('worksystems.write');
  const filesOf = await manualValueFiles.ofMany(ctx, dimensions.flatMap((d) => d.indicators.flatMap((i) => i.manualValues.map((v) => v.id))));
  return {
    adoption: presentAdoption(a),
    framework: { id: f.id, name: f.name, templateKey: f.templateKey },
    ...values,
    dimensions: dimensions.map((d) => ({ ...d, indicators: d.indicators.map((i) => ({ ...i, manualValues: i.manualValues.map((v) => ({ ...v, files: filesOf(v.id) })) })) })),
    canEditTargets: canWrite && covers(ctx.scope('worksystems.write'), a.orgPath),
    canEnterManual: canWrite,
  };
}

/**
 * The records behind one indicator's value (optionally of one branch): their count or sum is the
 * value. One page of them, newest first (a year of a large unit's service events is tens of
 * thousands); `total` counts them all and `value` is computed from them all.
 */
export async function drillDown(ctx: Ctx, id: number, key: string, orgId: number | undefined, paging: { page: number; pageSize: number } = { page: 1, pageSize: 20 }) {
  const a = await adoption(ctx, ctx.db, id);
  const versions = await versionsOf(ctx.db, ctx.tenantId, [a.frameworkId]);
  const def = definitionFor(versions, a.year, ctx.today);
  const ind = def ? indicatorsOf(def.definition).find((i) => i.key === key) : undefined;
  if (!ind) throw fieldError(ctx.language, 'params.key', 'WORKSYSTEM_INDICATOR_UNKNOWN', { key });
  const period = yearPeriod(a.year, ctx.today);
  const cache = newCache();
  const manual = ind.kind === 'manual' || !ind.measure ? await manualValuesOf(ctx.db, ctx.tenantId, a.id) : [];
  let rows = (await indicatorRowsMany(ctx, [{ a, ind, manual, prep: await prepare(ctx, a, period, cache) }], period))[0]!;
  let branchPaths = (await branchesOf(ctx, a, period, cache)).map((b) => b.path);
  if (orgId !== undefined) {
    const org = await orgInScope(ctx, ctx.db, orgId, 'query.orgId', 'worksystems.read');
    rows = rows.filter((r) => (ind.measure?.scope === 'org' ? r.orgId === org.id : r.orgPath.startsWith(org.path)));
    branchPaths = branchPaths.filter((p) => p.startsWith(org.path));
    if (branchPaths.length === 0) branchPaths = [org.path];
  }
  const value = valueOf(ind, rows, branchPaths);
  const start = (paging.page - 1) * paging.pageSize;
  const page = [...rows].sort((x, y) => (x.date === y.date ? y.id - x.id : x.date < y.date ? 1 : -1)).slice(start, start + paging.pageSize);
  return {
    key: ind.key,
    name: ind.name,
    unit: ind.unit,
    aggregate: ind.measure?.aggregate ?? 'sum',
    value,
    period,
    total: rows.length,
    items: page.map(({ orgPath: _p, key: k, kinds, ...r }) => ({ ...r, key: k, kinds: (kinds ?? []).filter((x): x is MeetingKind => (MEETING_KINDS as readonly string[]).includes(x)) })),
  };
}

/** Enter (or change) a manual indicator's value for an org with optional evidence; 409 on a stale version (0 for a new value). */
export async function enterManual(ctx: Ctx, id: number, input: { indicatorKey: string; orgId: number; value: number; evidence: string; link: string; version: number }) {
  if (input.link && !/^https?:\/\//.test(input.link)) throw fieldError(ctx.language, 'body.link', 'WORKSYSTEM_LINK_INVALID');
  return ctx.db.transaction().execute(async (trx) => {
    const a = await adoption(ctx, trx, id);
    const org = await orgInScope(ctx, trx, input.orgId, 'body.orgId', 'worksystems.write');
    if (!org.path.startsWith(a.orgPath)) throw fieldError(ctx.language, 'body.orgId', 'WORKSYSTEM_BRANCH_UNKNOWN', { id: input.orgId });
    const versions = await versionsOf(trx, ctx.tenantId, [a.frameworkId]);
    const def = definitionFor(versions, a.year, ctx.today);
    const ind = def ? indicatorsOf(def.definition).find((i) => i.key === input.indicatorKey) : undefined;
    if (!ind) throw fieldError(ctx.language, 'body.indicatorKey', 'WORKSYSTEM_INDICATOR_UNKNOWN', { key: input.indicatorKey });
    if (ind.kind !== 'manual') throw fieldError(ctx.language, 'body.indicatorKey', 'WORKSYSTEM_INDICATOR_NOT_MANUAL', { key: input.indicatorKey });
    const before = (await manualValuesOf(trx, ctx.tenantId, id)).find((v) => v.indicatorKey === input.indicatorKey && v.orgId === org.id);
    const values = { value: input.value, evidence: input.evidence, link: input.link, enteredByName: ctx.name };
    let valueId: number;
    if (before) {
      if (!(await updateManualValue(trx, ctx.tenantId, before.id, input.version, values))) throw conflict();
      valueId = before.id;
    } else {
      if (input.version !== 0) throw conflict();
      valueId = await insertManualValue(trx, ctx.tenantId, { adoptionId: id, indicatorKey: input.indicatorKey, orgId: org.id, ...values });
    }
    await writeAudit(trx, ctx.auditor, {
      action: before ? 'update' : 'create',
      entityType: 'worksystem_manual_value',
      entityId: valueId,
      summary: `填报“${ind.name}”：${org.name} ${input.value}${ind.unit}`,
      before: before ? { value: before.value, evidence: before.evidence, link: before.link } : undefined,
      after: { adoption_id: id, indicator_key: input.indicatorKey, org_id: org.id, value: input.value, evidence: input.evidence, link: input.link },
    });
    return { id: valueId, version: before ? input.version + 1 : 1 };
  });
}

// ---------------------------------------------------------------------------------------
// Evidence files of a manual value (填报佐证): permission as the value itself — write within the
// writer's subtree to add or withdraw, read within scope to download; beyond it, 404.

/** The manual value, if the caller's scope of the permission covers its org (and reaches its adoption); 404 otherwise. */
async function manualValueFor(ctx: Ctx, db: Db, id: number, permission: 'worksystems.read' | 'worksystems.write') {
  const v = await findManualValue(db, ctx.tenantId, id);
  const missing = notFound('WORKSYSTEM_MANUAL_NOT_FOUND', id);
  if (!v) throw missing;
  const a = await findAdoption(db, ctx.tenantId, v.adoptionId);
  if (!a || !reaches(ctx.scope('worksystems.read'), a.orgPath)) throw missing;
  // Another branch's value answers as one that does not exist: nothing of it, not even that it is there.
  if (!covers(ctx.scope(permission), v.orgPath)) throw missing;
  return { ...v, label: `${a.year} ${v.indicatorKey} ${v.orgName}` };
}

export const manualValueFiles = evidenceFiles({
  store: { table: 'worksystem_manual_files', owner: 'value_id' },
  entityType: 'worksystem_manual_file', notFound: 'WORKSYSTEM_FILE_NOT_FOUND', added: '上传填报佐证', withdrawn: '撤回填报佐证',
  async owner(ctx, db, valueId: number, mode) {
    const v = await manualValueFor(ctx, db, valueId, mode === 'read' ? 'worksystems.read' : 'worksystems.write');
    return { id: v.id, label: v.label, audit: { value_id: v.id } };
  },
});

/** An adoption's values as a workbook: one row per indicator, its target and total, one column per branch the caller reaches. */
export async function exportAdoption(ctx: Ctx, id: number) {
  const v = await adoptionValues(ctx, id);
  const rows = v.dimensions.flatMap((d) => d.indicators.map((i) => ({ dimension: d.name, ...i })));
  type Row = (typeof rows)[number];
  const tr = (code: string) => translate(code, ctx.language);
  const buffer = await workbookBuffer<Row>(
    `${v.adoption.year}`,
    [
      { header: tr('WORKSYSTEM_EXPORT_DIMENSION'), width: 14, value: (r) => r.dimension },
      { header: tr('WORKSYSTEM_EXPORT_INDICATOR'), width: 30, value: (r) => r.name },
      { header: tr('WORKSYSTEM_EXPORT_UNIT'), width: 8, value: (r) => r.unit },
      { header: tr('WORKSYSTEM_EXPORT_TARGET'), width: 10, value: (r) => r.target },
      { header: tr('WORKSYSTEM_EXPORT_VALUE'), width: 10, value: (r) => r.value },
      { header: tr('WORKSYSTEM_EXPORT_PROGRESS'), width: 12, value: (r) => r.progress },
      ...v.branches.map((b) => ({ header: b.name, width: 14, value: (r: Row) => (r.kind === 'manual' ? r.manualValues.find((m) => m.orgId === b.id)?.value : r.branches.find((x) => x.orgId === b.id)?.value) })),
    ],
    rows,
    { title: translate('WORKSYSTEM_EXPORT_TITLE', ctx.language, { org: v.adoption.orgName, year: v.adoption.year, name: v.framework.name, no: v.versionNo ?? '—', to: v.period.to }) },
  );
  return { name: `${v.framework.name}-${v.adoption.orgName}-${v.adoption.year}.xlsx`, buffer };
}
