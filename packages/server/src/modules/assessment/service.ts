/**
 * The yearly assessment of branches (述职评议考核). Scope: assessment.read / assessment.write /
 * assessment.grade. The office (assessment.grade, tenant-wide) writes a unit's schemes — weighted items
 * read from the records through the work systems (an adoption's indicator, or a measure in the work
 * systems' format) and manual items — and publishes one, which opens a sheet for every branch. A
 * branch's figures fill in themselves from its records (with the records behind them); its secretary
 * (assessment.write over the branch) writes and submits the self-assessment; the office returns it with
 * a reason, or scores the manual items and grades it (好 / 较好 / 一般 / 差) — with a reason when the grade
 * is not the one the total suggests under the unit's settings. A graded sheet's figures are frozen.
 */
import {
  MEETING_KINDS,
  type MeetingKind,
  type AssessmentGrade,
  type AssessmentSettings,
  type AssessmentItem,
  ASSESSMENT_GRADES,
  type Measure,
  type MeasureRow,
  adoptionTargetIsBranchs,
  aggregate,
  assessmentItemSchema,
  checkAssessmentItems,
  indicatorsOf,
  itemScore,
  manualScoreValid,
  measureSchema,
  sheetSuggestion,
  suggestedGrade,
  validateDefinition,
  versionInForce,
  yearPeriod,
  type FrameworkDefinition,
} from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { loadSettings } from '../settings/service.js';
import {
  type SchemeRow,
  type SheetRow,
  branchesUnder,
  deleteScheme,
  findAdoption,
  findScheme,
  findSheet,
  insertScheme,
  insertSheet,
  listSchemes,
  manualValuesOf,
  markPublished,
  measureRows,
  rootOrg,
  schemeTitled,
  sheetsOf,
  updateScheme,
  updateSheet,
  versionsOf,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;

/** At most this many records are kept as a figure's evidence (the count or sum covers them all). */
const EVIDENCE_MAX = 30;

export interface Evidence {
  date: string;
  title: string;
  orgName: string;
  linkKind: string;
  linkId: number;
  /** A meeting's kinds (rules.ts MEETING_KINDS), worded by the reader when the record has no title of its own; [] for other records. */
  kinds: MeetingKind[];
}

/** A stored figure's evidence from before kinds were kept reads as having none. */
const evidenceIn = (e: Evidence): Evidence => ({ ...e, kinds: Array.isArray(e.kinds) ? e.kinds : [] });

/** A figure of a branch: an item's value from the records, the records behind it, and the score it reaches. */
export interface Figure {
  key: string;
  value: number | null;
  target: number | null;
  score: number | null;
  evidence: Evidence[];
  records: number;
}

const itemsOf = (s: SchemeRow) => (Array.isArray(s.items) ? (s.items as AssessmentItem[]) : []);

// ---------------------------------------------------------------------------------------
// Schemes
// ---------------------------------------------------------------------------------------

function presentScheme(s: SchemeRow) {
  const { orgPath: _p, items: _i, ...rest } = s;
  return { ...rest, items: itemsOf(s) };
}

/** The unit's schemes (a year's, or all); drafts only for the office. */
export async function schemeList(ctx: Ctx, year: number | undefined) {
  const canEdit = ctx.can('assessment.grade');
  const items = (await listSchemes(ctx.db, ctx.tenantId, year)).filter((s) => canEdit || s.status === 'published');
  return { items: items.map((s) => ({ ...presentScheme(s), canEdit: canEdit && s.status === 'draft' })), canEdit };
}

async function scheme(ctx: Ctx, db: Db, id: number): Promise<SchemeRow> {
  const s = await findScheme(db, ctx.tenantId, id);
  if (!s || (s.status === 'draft' && !ctx.can('assessment.grade'))) throw notFound('ASSESSMENT_SCHEME_NOT_FOUND', id);
  return s;
}

export async function schemeDetail(ctx: Ctx, id: number) {
  const s = await scheme(ctx, ctx.db, id);
  return { ...presentScheme(s), canEdit: ctx.can('assessment.grade') && s.status === 'draft' };
}

/** The items checked: weights total 100, keys unique, each measure valid, each indicator one of the named adoption's (400 naming the field). */
async function checkItems(ctx: Ctx, db: Db, raw: AssessmentItem[], year: number): Promise<AssessmentItem[]> {
  const items = raw.map((i) => assessmentItemSchema.parse(i));
  const problems = checkAssessmentItems(items);
  if (problems.length > 0) {
    throw new AppError(
      400,
      problems[0]!.code,
      problems[0]!.params ?? {},
      problems.map((p) => ({ path: `body.${p.path}`, message: translate(p.code, ctx.language, p.params ?? {}) })),
    );
  }
  for (const [i, item] of items.entries()) {
    if (item.kind === 'measure') {
      const m = measureSchema.safeParse(item.measure);
      if (!m.success) throw fieldError(ctx.language, `body.items[${i}].measure`, 'ASSESSMENT_ITEM_MEASURE_INVALID', { message: m.error.issues[0]?.message ?? '' });
      // The source's allow-list, as a work system's indicator is checked: a sum or distinct names one of the source's fields, on time counts decision tasks…
      const rules = validateDefinition({ dimensions: [{ key: 'item', name: item.name, indicators: [{ key: 'item', name: item.name, kind: 'measure', measure: m.data }] }] });
      if (!rules.ok) {
        const e = rules.errors[0]!;
        const part = e.path.replace(/^dimensions\[0\]\.indicators\[0\]\.measure\.?/, '');
        throw fieldError(ctx.language, `body.items[${i}].measure${part ? `.${part}` : ''}`, 'ASSESSMENT_ITEM_MEASURE_INVALID', { message: translate(`WORKSYSTEM_DEF_${e.code}`, ctx.language, e.params) });
      }
      item.measure = m.data as unknown as Record<string, unknown>;
    }
    if (item.kind === 'indicator') {
      const a = await findAdoption(db, ctx.tenantId, item.adoptionId!);
      if (!a) throw fieldError(ctx.language, `body.items[${i}].adoptionId`, 'ASSESSMENT_ADOPTION_UNKNOWN', { id: item.adoptionId! });
      const def = await adoptionDefinition(ctx, db, a.frameworkId, year);
      if (!def || !indicatorsOf(def).some((x) => x.key === item.indicatorKey)) throw fieldError(ctx.language, `body.items[${i}].indicatorKey`, 'ASSESSMENT_INDICATOR_UNKNOWN', { key: item.indicatorKey ?? '' });
    }
  }
  return items;
}

async function adoptionDefinition(ctx: Ctx, db: Db, frameworkId: number, year: number): Promise<FrameworkDefinition | null> {
  const versions = await versionsOf(db, ctx.tenantId, [frameworkId]);
  const v = versionInForce(versions, year, ctx.today) ?? versions.at(-1) ?? null;
  return v ? (v.definition as FrameworkDefinition) : null;
}

export interface SchemeInput {
  year: number;
  title: string;
  items: AssessmentItem[];
}

export async function createScheme(ctx: Ctx, input: SchemeInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const items = await checkItems(ctx, trx, input.items, input.year);
    const root = await rootOrg(trx, ctx.tenantId);
    if (!root) throw new AppError(403, 'OUT_OF_SCOPE');
    const title = input.title.trim();
    if (await schemeTitled(trx, ctx.tenantId, root.id, input.year, title)) throw fieldError(ctx.language, 'body.title', 'ASSESSMENT_TITLE_TAKEN', { title });
    const id = await insertScheme(trx, ctx.tenantId, { orgId: root.id, year: input.year, title, items });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'assessment_scheme', entityId: id, summary: `建立 ${input.year} 年考核方案：${title}`, after: { year: input.year, title, items } });
    return id;
  });
}

export async function changeScheme(ctx: Ctx, id: number, input: SchemeInput & { version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await scheme(ctx, trx, id);
    if (s.status !== 'draft') throw new AppError(400, 'ASSESSMENT_SCHEME_PUBLISHED', {}, [{ path: 'params.id', message: translate('ASSESSMENT_SCHEME_PUBLISHED', ctx.language) }]);
    const items = await checkItems(ctx, trx, input.items, input.year);
    const title = input.title.trim();
    const other = await schemeTitled(trx, ctx.tenantId, s.orgId, input.year, title);
    if (other && Number(other.id) !== id) throw fieldError(ctx.language, 'body.title', 'ASSESSMENT_TITLE_TAKEN', { title });
    if (!(await updateScheme(trx, ctx.tenantId, id, input.version, { year: input.year, title, items }))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'assessment_scheme', entityId: id, summary: `修改考核方案：${title}`, before: { year: s.year, title: s.title, items: s.items }, after: { year: input.year, title, items } });
    return { id, version: input.version + 1 };
  });
}

export async function removeScheme(ctx: Ctx, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await scheme(ctx, trx, id);
    if (s.status !== 'draft') throw new AppError(400, 'ASSESSMENT_SCHEME_PUBLISHED', {}, [{ path: 'params.id', message: translate('ASSESSMENT_SCHEME_PUBLISHED', ctx.language) }]);
    if (!(await deleteScheme(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'assessment_scheme', entityId: id, summary: `删除考核方案草稿：${s.title}`, before: { year: s.year, title: s.title, items: s.items } });
  });
}

/** Publish a draft: a sheet for every branch of the unit active in the year, its figures filled in from the records. */
export async function publishScheme(ctx: Ctx, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await scheme(ctx, trx, id);
    if (s.status !== 'draft') throw new AppError(400, 'ASSESSMENT_SCHEME_PUBLISHED', {}, [{ path: 'params.id', message: translate('ASSESSMENT_SCHEME_PUBLISHED', ctx.language) }]);
    const items = itemsOf(s);
    if (items.length === 0) throw fieldError(ctx.language, 'body.items', 'ASSESSMENT_WEIGHTS_NOT_100', { total: 0 });
    if (!(await markPublished(trx, ctx.tenantId, id, version, ctx.today))) throw conflict();
    const branches = await branchesUnder(trx, ctx.tenantId, s.orgPath, yearPeriod(s.year, ctx.today));
    for (const b of branches) await insertSheet(trx, ctx.tenantId, { schemeId: id, orgId: b.id, figures: await figuresOf(ctx, trx, s, b) });
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'assessment_scheme', entityId: id, summary: `发布考核方案“${s.title}”，${branches.length} 个支部`, after: { status: 'published', published_on: ctx.today, branches: branches.length } });
    return { id, version: version + 1, sheets: branches.length };
  });
}

// ---------------------------------------------------------------------------------------
// Figures: each item's value for a branch, computed the way the work systems compute it
// ---------------------------------------------------------------------------------------

const evidenceOf = (rows: readonly MeasureRow[]): Evidence[] =>
  rows.slice(0, EVIDENCE_MAX).map((r) => ({ date: r.date, title: r.title, orgName: r.orgName, linkKind: r.linkKind, linkId: r.linkId, kinds: (r.kinds ?? []).filter((k): k is MeetingKind => (MEETING_KINDS as readonly string[]).includes(k)) }));

async function measureValue(ctx: Ctx, db: Db, m: Measure, branch: { id: number; path: string }, year: number) {
  const root = await rootOrg(db, ctx.tenantId);
  const rows = await measureRows(db, ctx.tenantId, m, branch, yearPeriod(year, ctx.today), root?.id ?? branch.id, ctx.today);
  return { value: aggregate(m, rows, [branch.path]), rows };
}

/** The figures of a branch under a scheme: per item (not manual) its value, target, score and the records behind it. */
export async function figuresOf(ctx: Ctx, db: Db, s: SchemeRow, branch: { id: number; path: string }): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const item of itemsOf(s)) {
    if (item.kind === 'manual') {
      out.push({ key: item.key, value: null, target: null, score: null, evidence: [], records: 0 });
      continue;
    }
    let value = 0;
    let rows: MeasureRow[] = [];
    let target = item.target;
    if (item.kind === 'measure' && item.measure) {
      ({ value, rows } = await measureValue(ctx, db, measureSchema.parse(item.measure), branch, s.year));
    } else if (item.kind === 'indicator' && item.adoptionId) {
      const a = await findAdoption(db, ctx.tenantId, item.adoptionId);
      const def = a ? await adoptionDefinition(ctx, db, a.frameworkId, s.year) : null;
      const ind = def ? indicatorsOf(def).find((x) => x.key === item.indicatorKey) : undefined;
      if (a && ind) {
        // The adoption's target only when it is this branch's own: the 党委's total over several branches is no branch's.
        if (target === null && adoptionTargetIsBranchs(a, branch.id)) target = a.targets[ind.key] ?? null;
        if (ind.measure) ({ value, rows } = await measureValue(ctx, db, ind.measure, branch, s.year));
        else {
          const manual = (await manualValuesOf(db, ctx.tenantId, a.id)).filter((v) => v.indicatorKey === ind.key && v.orgId === branch.id);
          value = Math.round(manual.reduce((sum, v) => sum + v.value, 0) * 100) / 100;
          rows = manual.map((v) => ({ id: v.id, date: '', title: v.evidence, orgId: v.orgId, orgName: v.orgName, orgPath: v.orgPath, linkKind: 'manual', linkId: v.id, amount: v.value, key: '', hit: false }));
        }
      }
    }
    out.push({ key: item.key, value, target, score: itemScore(value, target, item.weight, item.scoring), evidence: evidenceOf(rows), records: rows.length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------------------

type Scores = Record<string, number>;
const scoresOf = (h: SheetRow): Scores => (h.scores && typeof h.scores === 'object' ? (h.scores as Scores) : {});
const storedFigures = (h: SheetRow): Figure[] => (Array.isArray(h.figures) ? (h.figures as Figure[]) : []);

async function sheet(ctx: Ctx, db: Db, id: number, permission: 'assessment.read' | 'assessment.write' | 'assessment.grade'): Promise<SheetRow> {
  const h = await findSheet(db, ctx.tenantId, id);
  if (!h) throw notFound('ASSESSMENT_SHEET_NOT_FOUND', id);
  return requireInScope(ctx.scope(permission), h, new AppError(403, 'OUT_OF_SCOPE'));
}

async function gradeSettings(ctx: Ctx, db: Db) {
  return (await loadSettings(db, ctx.tenantId, 'assessment')).value;
}

/** The sheets of a published scheme in the caller's scope: the office every branch, a secretary their own. */
export async function sheetList(ctx: Ctx, schemeId: number) {
  const s = await scheme(ctx, ctx.db, schemeId);
  const settings = await gradeSettings(ctx, ctx.db);
  const rows = await sheetsOf(ctx.db, ctx.tenantId, schemeId, ctx.scope('assessment.read'));
  const items = itemsOf(s);
  return {
    scheme: presentScheme(s),
    items: rows.map((h) => {
      const v = scoreSheet(items, storedFigures(h), scoresOf(h), settings, h);
      return { id: h.id, orgId: h.orgId, orgName: h.orgName, status: h.status, total: v.total, awaitingScores: v.awaitingScores, grade: h.grade, suggestedGrade: v.suggestedGrade, submittedAt: h.submittedAt?.toISOString() ?? null, version: h.version };
    }),
  };
}

/**
 * Item scores (auto items from their figures, manual items as the 党委 scored them), the total and
 * the grade it suggests: none while a manual item is unscored (the total then is the automatic
 * items' only). A graded sheet keeps the total it was graded on.
 */
function scoreSheet(items: readonly AssessmentItem[], figures: readonly Figure[], scores: Scores, settings: AssessmentSettings, graded?: { status: string; total: number | null }) {
  const per = items.map((item) => (item.kind === 'manual' ? (scores[item.key] ?? null) : (figures.find((f) => f.key === item.key)?.score ?? 0)));
  const v = sheetSuggestion(items, per, settings);
  if (graded?.status !== 'graded' || graded.total === null) return { per, ...v };
  return { per, total: graded.total, awaitingScores: v.awaitingScores, suggestedGrade: v.awaitingScores ? null : suggestedGrade(graded.total, settings) };
}

async function sheetView(ctx: Ctx, db: Db, h: SheetRow) {
  const s = await scheme(ctx, db, h.schemeId);
  const items = itemsOf(s);
  // Until graded the figures follow the records; a graded sheet keeps those it was graded on.
  const figures = h.status === 'graded' ? storedFigures(h) : await figuresOf(ctx, db, s, { id: h.orgId, path: h.orgPath });
  const settings = await gradeSettings(ctx, db);
  const { per, total, awaitingScores, suggestedGrade: suggested } = scoreSheet(items, figures, scoresOf(h), settings, h);
  return { s, items, figures, per, total, awaitingScores, suggested, settings };
}

export async function sheetDetail(ctx: Ctx, id: number) {
  const h = await sheet(ctx, ctx.db, id, 'assessment.read');
  const v = await sheetView(ctx, ctx.db, h);
  const canWrite = ctx.can('assessment.write') && covers(ctx.scope('assessment.write'), h.orgPath) && (h.status === 'draft' || h.status === 'returned');
  const canGrade = ctx.can('assessment.grade') && (h.status === 'submitted' || h.status === 'graded');
  const { orgPath: _p, figures: _f, scores: _s, ...rest } = h;
  return {
    ...rest,
    submittedAt: h.submittedAt?.toISOString() ?? null,
    gradedAt: h.gradedAt?.toISOString() ?? null,
    scheme: { id: v.s.id, year: v.s.year, title: v.s.title },
    items: v.items.map((item, i) => {
      const f = v.figures.find((x) => x.key === item.key);
      return { key: item.key, name: item.name, kind: item.kind, weight: item.weight, unit: item.unit, scoring: item.scoring, description: item.description, target: f?.target ?? item.target, value: f?.value ?? null, score: v.per[i] ?? null, records: f?.records ?? 0, evidence: (f?.evidence ?? []).map(evidenceIn) };
    }),
    total: v.total,
    awaitingScores: v.awaitingScores,
    suggestedGrade: v.suggested,
    settings: v.settings,
    canWrite,
    canGrade,
  };
}

/** The secretary saves (and, with submit, hands in) the branch's self-assessment; 409 on a stale version. */
export async function saveSelfAssessment(ctx: Ctx, id: number, input: { selfAssessment: string; submit: boolean; version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const h = await sheet(ctx, trx, id, 'assessment.write');
    if (h.status !== 'draft' && h.status !== 'returned') throw fieldError(ctx.language, 'body.selfAssessment', 'ASSESSMENT_SHEET_LOCKED', { status: h.status });
    const text = input.selfAssessment.trim();
    if (input.submit && text.length === 0) throw fieldError(ctx.language, 'body.selfAssessment', 'ASSESSMENT_SELF_REQUIRED');
    const s = await scheme(ctx, trx, h.schemeId);
    const change = input.submit ? { selfAssessment: text, status: 'submitted' as const, submittedAt: new Date().toISOString(), figures: await figuresOf(ctx, trx, s, { id: h.orgId, path: h.orgPath }) } : { selfAssessment: text };
    if (!(await updateSheet(trx, ctx.tenantId, id, input.version, change))) throw conflict();
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'assessment_sheet',
      entityId: id,
      summary: `${input.submit ? '提交' : '保存'} ${h.orgName} ${s.year} 年自评`,
      before: { status: h.status, self_assessment: h.selfAssessment },
      after: { status: input.submit ? 'submitted' : h.status, self_assessment: text },
    });
    return { id, version: input.version + 1, status: input.submit ? 'submitted' : h.status };
  });
}

/** The office returns a submitted sheet with a reason; the secretary changes and submits it again. */
export async function returnSheet(ctx: Ctx, id: number, input: { reason: string; version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const h = await sheet(ctx, trx, id, 'assessment.grade');
    if (h.status !== 'submitted') throw fieldError(ctx.language, 'body.reason', 'ASSESSMENT_SHEET_NOT_SUBMITTED', { status: h.status });
    const reason = input.reason.trim();
    if (!(await updateSheet(trx, ctx.tenantId, id, input.version, { status: 'returned', returnReason: reason }))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'assessment_sheet', entityId: id, summary: `退回 ${h.orgName} 的自评：${reason}`, before: { status: h.status }, after: { status: 'returned', return_reason: reason } });
    return { id, version: input.version + 1, status: 'returned' };
  });
}

/** The office scores the manual items and grades a submitted sheet (again, when graded); a grade other than the suggested needs a reason. */
export async function gradeSheet(ctx: Ctx, id: number, input: { scores: Scores; grade: AssessmentGrade; reason: string; version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const h = await sheet(ctx, trx, id, 'assessment.grade');
    if (h.status !== 'submitted' && h.status !== 'graded') throw fieldError(ctx.language, 'body.grade', 'ASSESSMENT_SHEET_NOT_SUBMITTED', { status: h.status });
    const s = await scheme(ctx, trx, h.schemeId);
    const items = itemsOf(s);
    for (const key of Object.keys(input.scores)) {
      const item = items.find((i) => i.key === key);
      if (!item || item.kind !== 'manual') throw fieldError(ctx.language, `body.scores.${key}`, 'ASSESSMENT_SCORE_UNKNOWN', { key });
      if (!manualScoreValid(input.scores[key]!, item.weight)) throw fieldError(ctx.language, `body.scores.${key}`, 'ASSESSMENT_SCORE_RANGE', { key, weight: item.weight });
    }
    const missing = items.find((i) => i.kind === 'manual' && input.scores[i.key] === undefined);
    if (missing) throw fieldError(ctx.language, `body.scores.${missing.key}`, 'ASSESSMENT_SCORE_MISSING', { name: missing.name });
    const figures = h.status === 'graded' ? storedFigures(h) : await figuresOf(ctx, trx, s, { id: h.orgId, path: h.orgPath });
    const settings = await gradeSettings(ctx, trx);
    const { total } = scoreSheet(items, figures, input.scores, settings);
    // Every manual item is scored by now: the total is whole and suggests a grade.
    const suggested = suggestedGrade(total, settings);
    const reason = input.reason.trim();
    if (input.grade !== suggested && reason.length === 0) throw fieldError(ctx.language, 'body.reason', 'ASSESSMENT_GRADE_REASON', { grade: input.grade, suggested });
    const change = { status: 'graded' as const, scores: input.scores, figures, total, grade: input.grade, gradeReason: input.grade === suggested ? '' : reason, gradedAt: new Date().toISOString(), gradedByName: ctx.name };
    if (!(await updateSheet(trx, ctx.tenantId, id, input.version, change))) throw conflict();
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'assessment_sheet',
      entityId: id,
      summary: `评定 ${h.orgName} ${s.year} 年考核：${total} 分，${input.grade}`,
      before: { status: h.status, scores: h.scores, total: h.total, grade: h.grade },
      after: { status: 'graded', scores: input.scores, total, grade: input.grade, suggested, reason: change.gradeReason },
    });
    return { id, version: input.version + 1, status: 'graded', total, grade: input.grade, suggestedGrade: suggested };
  });
}

export { ASSESSMENT_GRADES };
export type SheetDetail = Awaited<ReturnType<typeof sheetDetail>>;
export type { SchemeRow, SheetRow };
export { scheme as schemeOf, sheet as sheetOf, sheetView };
