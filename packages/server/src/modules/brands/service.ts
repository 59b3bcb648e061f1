/**
 * Branch and committee brands (党建品牌). Scope: a brand lies in its org; a branch secretary reads
 * and writes their branch's brands, the organisation office all. A rule's evidence is a record of
 * another area (a meeting, a service event, a project, an honour, a programme, a 党委会 topic)
 * that exists in the unit and lies under the brand's org (and in the caller's scope); a figure's
 * value is computed from the records for a year, never typed in.
 */
import {
  type BrandEvidenceKind,
  type BrandMeasure,
  type BrandMeasureInput,
  type DataScope,
  brandFigureRange,
  brandMeasureSchema,
  brandRuleReview,
  compareDates,
} from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import {
  type BrandRow,
  type RecordRef,
  brandNameTaken,
  deleteBrand,
  deleteEvidence,
  deletePart,
  elementsOf,
  evidenceLinked,
  evidenceOf,
  figuresOf,
  findBrand,
  findEvidence,
  findMember,
  findOrg,
  findSeries,
  honoursFigure,
  insertBrand,
  insertElement,
  insertEvidence,
  insertFigure,
  insertRule,
  listBrands,
  nextPosition,
  partBrandId,
  projectsFigure,
  recordRefs,
  rulesOf,
  seriesUnder,
  serviceFigure,
  updateBrand,
  updateElement,
  updateFigure,
  updateRule,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;
type Access = 'brands.read' | 'brands.write';


async function orgInScope(ctx: Ctx, db: Db, orgId: number, path: string, permission: Access) {
  const org = await findOrg(db, ctx.tenantId, orgId);
  return requireInScope(ctx.scope(permission), org && { ...org, orgPath: org.path }, fieldError(ctx.language, path, 'BRAND_ORG_UNKNOWN', { id: orgId }));
}

/** The brand's org and everything under it, as a scope (what a brand's evidence and series must lie in). */
const underBrand = (brand: BrandRow): DataScope => ({ kind: 'subtree', orgIds: [brand.orgId], paths: [brand.orgPath] });

async function visibleBrand(ctx: Ctx, db: Db, id: number, permission: Access): Promise<BrandRow> {
  return requireInScope(ctx.scope(permission), await findBrand(db, ctx.tenantId, id), notFound('BRAND_NOT_FOUND', id));
}

// ---------------------------------------------------------------------------------------
// Brands

export interface BrandInput {
  orgId: number;
  name: string;
  slogan: string;
  summary: string;
  startedOn: string | null;
}

async function checkBrand(ctx: Ctx, db: Db, input: BrandInput, exceptId: number | null) {
  const org = await orgInScope(ctx, db, input.orgId, 'body.orgId', 'brands.write');
  if (org.type === 'party_group') throw fieldError(ctx.language, 'body.orgId', 'BRAND_ORG_NOT_BRANCH');
  if (await brandNameTaken(db, ctx.tenantId, org.id, input.name, exceptId)) throw fieldError(ctx.language, 'body.name', 'BRAND_NAME_TAKEN', { name: input.name });
  return { org_id: org.id, name: input.name, slogan: input.slogan, summary: input.summary, started_on: input.startedOn };
}

export async function brandList(ctx: Ctx, orgId: number | undefined) {
  const org = orgId ? await orgInScope(ctx, ctx.db, orgId, 'query.orgId', 'brands.read') : null;
  const rows = await listBrands(ctx.db, ctx.tenantId, ctx.scope('brands.read'), org?.path);
  return rows.map(({ orgPath: _p, ...b }) => b);
}

export async function createBrand(ctx: Ctx, input: BrandInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkBrand(ctx, trx, input, null);
    const id = await insertBrand(trx, ctx.tenantId, values);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'brand', entityId: id, summary: `创建党建品牌：${values.name}`, after: values });
    return id;
  });
}

export async function changeBrand(ctx: Ctx, id: number, version: number, input: BrandInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleBrand(ctx, trx, id, 'brands.write');
    const values = await checkBrand(ctx, trx, input, id);
    if (!(await updateBrand(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'brand', entityId: id, summary: `修改党建品牌：${values.name}`, before, after: values });
  });
}

export async function removeBrand(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleBrand(ctx, trx, id, 'brands.write');
    if (!(await deleteBrand(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'brand', entityId: id, summary: `删除党建品牌：${before.name}`, before });
  });
}

// ---------------------------------------------------------------------------------------
// The brand page: the brand, its figures for a year, elements, rules with review state and evidence

export interface EvidenceOut extends Omit<RecordRef, 'orgPath'> {
  linkId: number;
  linkedByName: string;
  /** False when the record has since been deleted. */
  exists: boolean;
}

async function evidenceRefs(ctx: Ctx, db: Db, links: Awaited<ReturnType<typeof evidenceOf>>): Promise<Map<number, EvidenceOut[]>> {
  const byKind = new Map<BrandEvidenceKind, number[]>();
  for (const l of links) byKind.set(l.kind, [...(byKind.get(l.kind) ?? []), l.recordId]);
  const refs = new Map<string, RecordRef>();
  for (const [kind, ids] of byKind) for (const r of await recordRefs(db, ctx.tenantId, kind, { ids })) refs.set(`${kind}:${r.id}`, r);
  const out = new Map<number, EvidenceOut[]>();
  for (const l of links) {
    const ref = refs.get(`${l.kind}:${l.recordId}`);
    const item: EvidenceOut = ref
      ? { linkId: l.id, kind: l.kind, id: l.recordId, title: ref.title, date: ref.date, orgName: ref.orgName, linkedByName: l.linkedByName, exists: true }
      : { linkId: l.id, kind: l.kind, id: l.recordId, title: '', date: '', orgName: '', linkedByName: l.linkedByName, exists: false };
    out.set(l.ruleId, [...(out.get(l.ruleId) ?? []), item]);
  }
  return out;
}

export interface FigureOut {
  id: number;
  label: string;
  unit: string;
  measure: BrandMeasure;
  value: number;
  version: number;
}

async function computeFigure(ctx: Ctx, db: Db, brand: BrandRow, measure: BrandMeasure, year: number): Promise<number> {
  const orgs = { orgId: brand.orgId, orgPath: brand.orgPath, subtree: measure.orgScope === 'subtree' };
  const range = brandFigureRange(measure, year);
  switch (measure.source) {
    case 'service':
      return serviceFigure(db, ctx.tenantId, orgs, range, measure);
    case 'honours':
      return honoursFigure(db, ctx.tenantId, orgs, range, measure);
    case 'projects':
      return projectsFigure(db, ctx.tenantId, orgs, range, measure.measure);
  }
}

export async function brandPage(ctx: Ctx, id: number, year: number) {
  const brand = await visibleBrand(ctx, ctx.db, id, 'brands.read');
  const elements = await elementsOf(ctx.db, ctx.tenantId, id);
  const rules = await rulesOf(ctx.db, ctx.tenantId, id);
  const evidence = await evidenceRefs(ctx, ctx.db, await evidenceOf(ctx.db, ctx.tenantId, rules.map((r) => r.id)));
  const figures: FigureOut[] = [];
  for (const f of await figuresOf(ctx.db, ctx.tenantId, id)) {
    const measure = brandMeasureSchema.parse(f.measure);
    figures.push({ id: f.id, label: f.label, unit: f.unit, measure, value: await computeFigure(ctx, ctx.db, brand, measure, year), version: f.version });
  }
  const { orgPath: _p, ...b } = brand;
  return {
    brand: b,
    year,
    canEdit: ctx.can('brands.write') && covers(ctx.scope('brands.write'), brand.orgPath),
    figures,
    elements,
    rules: rules.map((r) => ({ ...r, ...brandRuleReview(r, ctx.today), evidence: evidence.get(r.id) ?? [] })),
    series: await seriesUnder(ctx.db, ctx.tenantId, brand.orgPath),
  };
}

// ---------------------------------------------------------------------------------------
// Elements, rules and figures: parts of a brand, written by whoever may write the brand

type PartTable = 'brand_elements' | 'brand_rules' | 'brand_figures';
const PART_NAMES: Record<PartTable, string> = { brand_elements: '要素', brand_rules: '制度', brand_figures: '数据' };

/** The brand (writable by the caller) and that the part belongs to it (404 otherwise). */
async function writablePart(ctx: Ctx, db: Db, brandId: number, table: PartTable, partId: number | null): Promise<BrandRow> {
  const brand = await visibleBrand(ctx, db, brandId, 'brands.write');
  if (partId !== null && (await partBrandId(db, table, ctx.tenantId, partId)) !== brandId) throw notFound('BRAND_PART_NOT_FOUND', partId);
  return brand;
}

export interface OwnedInput {
  title: string;
  description: string;
  ownerMemberId?: number | null | undefined;
  ownerName: string;
  position?: number | undefined;
}

async function ownerOf(ctx: Ctx, db: Db, input: OwnedInput) {
  if (!input.ownerMemberId) return { owner_member_id: null, owner_name: input.ownerName };
  const member = await findMember(db, ctx.tenantId, input.ownerMemberId);
  if (!member) throw fieldError(ctx.language, 'body.ownerMemberId', 'BRAND_OWNER_UNKNOWN', { id: input.ownerMemberId });
  return { owner_member_id: member.id, owner_name: member.name };
}

export async function addElement(ctx: Ctx, brandId: number, input: OwnedInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_elements', null);
    const values = { title: input.title, description: input.description, ...(await ownerOf(ctx, trx, input)), position: input.position ?? (await nextPosition(trx, 'brand_elements', ctx.tenantId, brandId)) };
    const id = await insertElement(trx, ctx.tenantId, brandId, values);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'brand_element', entityId: id, summary: `${brand.name}：添加要素“${values.title}”`, after: values });
    return id;
  });
}

export async function changeElement(ctx: Ctx, brandId: number, id: number, version: number, input: OwnedInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_elements', id);
    const before = (await elementsOf(trx, ctx.tenantId, brandId)).find((e) => e.id === id);
    const values = { title: input.title, description: input.description, ...(await ownerOf(ctx, trx, input)), position: input.position ?? before?.position ?? 0 };
    if (!(await updateElement(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'brand_element', entityId: id, summary: `${brand.name}：修改要素“${values.title}”`, before, after: values });
  });
}

export async function removePart(ctx: Ctx, brandId: number, table: PartTable, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, table, id);
    if (!(await deletePart(trx, table, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: table.replace(/s$/, ''), entityId: id, summary: `${brand.name}：删除${PART_NAMES[table]}（编号 ${id}）`, before: { brandId, id } });
  });
}

export interface RuleInput extends OwnedInput {
  reviewEveryMonths: number;
}

export async function addRule(ctx: Ctx, brandId: number, input: RuleInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_rules', null);
    const values = {
      title: input.title,
      description: input.description,
      ...(await ownerOf(ctx, trx, input)),
      review_every_months: input.reviewEveryMonths,
      position: input.position ?? (await nextPosition(trx, 'brand_rules', ctx.tenantId, brandId)),
    };
    const id = await insertRule(trx, ctx.tenantId, brandId, values, ctx.today);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'brand_rule', entityId: id, summary: `${brand.name}：添加制度“${values.title}”`, after: values });
    return id;
  });
}

async function ruleOf(ctx: Ctx, db: Db, brandId: number, ruleId: number) {
  const [rule] = await rulesOf(db, ctx.tenantId, brandId, ruleId);
  if (!rule) throw notFound('BRAND_PART_NOT_FOUND', ruleId);
  return rule;
}

export async function changeRule(ctx: Ctx, brandId: number, id: number, version: number, input: RuleInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_rules', id);
    const before = await ruleOf(ctx, trx, brandId, id);
    const values = { title: input.title, description: input.description, ...(await ownerOf(ctx, trx, input)), review_every_months: input.reviewEveryMonths, position: input.position ?? before.position };
    if (!(await updateRule(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'brand_rule', entityId: id, summary: `${brand.name}：修改制度“${values.title}”`, before, after: values });
  });
}

/** Records a review of a rule (the date it was looked at and what was found); the next one falls due `every` months later. */
export async function reviewRule(ctx: Ctx, brandId: number, id: number, version: number, input: { reviewedOn: string; note: string }): Promise<void> {
  if (compareDates(input.reviewedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.reviewedOn', 'BRAND_REVIEW_FUTURE', { date: input.reviewedOn });
  await ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_rules', id);
    const before = await ruleOf(ctx, trx, brandId, id);
    const values = { last_reviewed_on: input.reviewedOn, last_reviewed_by: ctx.name || ctx.username, review_note: input.note };
    if (!(await updateRule(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'brand_rule',
      entityId: id,
      summary: `${brand.name}：复核制度“${before.title}”（${input.reviewedOn}）`,
      before: { lastReviewedOn: before.lastReviewedOn, reviewNote: before.reviewNote },
      after: values,
    });
  });
}

/**
 * A record the caller may link as evidence of a brand's rule: it exists in the unit (400 naming
 * body.recordId otherwise — another unit's record is as unknown as a missing one), lies under the
 * brand's org, and in the caller's scope; a 党委会 topic (the unit's) needs decisions.read.
 */
async function evidenceRecord(ctx: Ctx, db: Db, brand: BrandRow, kind: BrandEvidenceKind, recordId: number): Promise<RecordRef> {
  const [ref] = await recordRefs(db, ctx.tenantId, kind, { ids: [recordId], limit: 1 });
  if (!ref) throw fieldError(ctx.language, 'body.recordId', 'BRAND_EVIDENCE_UNKNOWN', { id: recordId });
  if (ref.orgPath === null) {
    if (!ctx.can('decisions.read')) throw new AppError(403, 'OUT_OF_SCOPE');
    return ref;
  }
  if (!covers(ctx.scope('brands.write'), ref.orgPath)) throw new AppError(403, 'OUT_OF_SCOPE');
  if (!covers(underBrand(brand), ref.orgPath)) throw fieldError(ctx.language, 'body.recordId', 'BRAND_EVIDENCE_OUT_OF_BRAND');
  return ref;
}

export async function linkEvidence(ctx: Ctx, brandId: number, ruleId: number, input: { kind: BrandEvidenceKind; recordId: number }): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_rules', ruleId);
    const rule = await ruleOf(ctx, trx, brandId, ruleId);
    const ref = await evidenceRecord(ctx, trx, brand, input.kind, input.recordId);
    if (await evidenceLinked(trx, ctx.tenantId, ruleId, input.kind, input.recordId)) throw new AppError(409, 'BRAND_EVIDENCE_LINKED');
    const id = await insertEvidence(trx, ctx.tenantId, ruleId, input.kind, input.recordId, ctx.name || ctx.username);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'brand_rule_evidence', entityId: id, summary: `${brand.name}：制度“${rule.title}”关联佐证“${ref.title}”（${ref.date}）`, after: { ruleId, ...input } });
    return id;
  });
}

export async function unlinkEvidence(ctx: Ctx, brandId: number, ruleId: number, linkId: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_rules', ruleId);
    const link = await findEvidence(trx, ctx.tenantId, ruleId, linkId);
    if (!link) throw notFound('BRAND_PART_NOT_FOUND', linkId);
    await deleteEvidence(trx, ctx.tenantId, linkId);
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'brand_rule_evidence', entityId: linkId, summary: `${brand.name}：取消佐证关联（编号 ${linkId}）`, before: { ruleId, kind: link.record_kind, recordId: link.record_id } });
  });
}

/** Records under the brand's org (and the caller's scope) that may be linked as evidence, newest first. */
export async function evidenceCandidates(ctx: Ctx, brandId: number, kind: BrandEvidenceKind, q: string | undefined) {
  const brand = await visibleBrand(ctx, ctx.db, brandId, 'brands.write');
  if (kind === 'decision_topic' && !ctx.can('decisions.read')) return [];
  const refs = await recordRefs(ctx.db, ctx.tenantId, kind, { orgPath: brand.orgPath, ...(q ? { q } : {}), limit: 50 });
  const scope = ctx.scope('brands.write');
  return refs.filter((r) => r.orgPath === null || covers(scope, r.orgPath)).map(({ orgPath: _p, ...r }) => r);
}

export interface FigureInput {
  label: string;
  unit: string;
  measure: BrandMeasureInput;
  position?: number | undefined;
}

async function checkFigure(ctx: Ctx, db: Db, brand: BrandRow, input: FigureInput) {
  const measure = brandMeasureSchema.parse(input.measure);
  if (measure.source === 'service') {
    if (measure.measure === 'series_issues' && !measure.seriesId) throw fieldError(ctx.language, 'body.measure.seriesId', 'BRAND_SERIES_REQUIRED');
    if (measure.seriesId) {
      const series = await findSeries(db, ctx.tenantId, measure.seriesId);
      if (!series || !covers(underBrand(brand), series.path)) throw fieldError(ctx.language, 'body.measure.seriesId', 'BRAND_SERIES_UNKNOWN', { id: measure.seriesId });
    }
  }
  return { label: input.label, unit: input.unit, measure: JSON.stringify(measure) };
}

export async function addFigure(ctx: Ctx, brandId: number, input: FigureInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_figures', null);
    const values = { ...(await checkFigure(ctx, trx, brand, input)), position: input.position ?? (await nextPosition(trx, 'brand_figures', ctx.tenantId, brandId)) };
    const id = await insertFigure(trx, ctx.tenantId, brandId, values);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'brand_figure', entityId: id, summary: `${brand.name}：添加数据“${values.label}”`, after: values });
    return id;
  });
}

export async function changeFigure(ctx: Ctx, brandId: number, id: number, version: number, input: FigureInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const brand = await writablePart(ctx, trx, brandId, 'brand_figures', id);
    const before = (await figuresOf(trx, ctx.tenantId, brandId)).find((f) => f.id === id);
    const values = { ...(await checkFigure(ctx, trx, brand, input)), position: input.position ?? before?.position ?? 0 };
    if (!(await updateFigure(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'brand_figure', entityId: id, summary: `${brand.name}：修改数据“${values.label}”`, before, after: values });
  });
}
