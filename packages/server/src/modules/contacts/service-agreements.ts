/**
 * Co-building agreements (结对共建): an org of the unit paired with another org of the unit or
 * an outside one; renewals extend the term and are kept; joint activities are recorded once and,
 * for an internal pairing, count for both sides (the list of either side, its detail and the
 * counts per org include them). The office (contacts.write) records them; both sides read them.
 */
import { AGREEMENT_EXPIRING_DAYS, activityCountsByOrg, addDays, agreementState, compareDates } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { covers } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import {
  type ActivityFields,
  type ActivityRow,
  type ActivityValues,
  type AgreementFilter,
  type AgreementRow,
  type AgreementValues,
  activitiesOf,
  activitySides,
  agreementSides,
  allAgreements,
  deleteActivity,
  deleteAgreement,
  findActivity,
  findAgreement,
  insertActivity,
  insertAgreement,
  insertRenewal,
  linkCandidates,
  listAgreements,
  orgsByIds,
  recordOrgPath,
  renewalsOf,
  updateActivity,
  updateAgreement,
} from './repository-agreements.js';
import { findOrg } from './repository.js';
import { type Db, contactsSettings, orgInScope } from './service.js';

export interface AgreementInput {
  orgId: number;
  partnerOrgId: number | null;
  partnerName: string;
  kind: string;
  signedOn: string;
  endsOn: string;
  content: string;
}

export type ActivityInput = ActivityFields;

export interface AgreementListFilter {
  orgId?: number | undefined;
  kind?: string | undefined;
  state?: 'active' | 'expiring' | 'ended' | 'running' | undefined;
  year?: number | undefined;
}

const yearOf = (ctx: Ctx, year: number | undefined) => year ?? Number(ctx.today.slice(0, 4));

/** Either side of the agreement lies in the scope. */
function seesAgreement(ctx: Ctx, a: AgreementRow): boolean {
  const scope = ctx.scope('contacts.read');
  return covers(scope, a.orgPath) || (a.partnerOrgPath !== null && covers(scope, a.partnerOrgPath));
}

async function visibleAgreement(ctx: Ctx, db: Db, id: number, year?: number): Promise<AgreementRow> {
  const a = await findAgreement(db, ctx.tenantId, id, yearOf(ctx, year));
  if (!a) throw notFound('CONTACT_AGREEMENT_NOT_FOUND', id);
  if (!seesAgreement(ctx, a)) throw new AppError(403, 'OUT_OF_SCOPE');
  return a;
}

/** An agreement the office may change: the org that recorded it in its write scope. */
async function writableAgreement(ctx: Ctx, db: Db, id: number): Promise<AgreementRow> {
  const a = await visibleAgreement(ctx, db, id);
  if (!covers(ctx.scope('contacts.write'), a.orgPath)) throw new AppError(403, 'OUT_OF_SCOPE');
  return a;
}

/** The agreement as the API shows it: the partner's name either way, its state, whether it is internal; no paths. */
export function presentAgreement(a: AgreementRow, today: string) {
  const { orgPath: _o, partnerOrgPath: _p, ...rest } = a;
  return { ...rest, internal: a.partnerOrgId !== null, partner: a.partnerOrgName ?? a.partnerName, state: agreementState(a.endsOn, today) };
}

function presentActivity(a: ActivityRow) {
  const link = a.orglifeRecordId !== null ? { kind: 'orglife' as const, id: a.orglifeRecordId } : a.serviceEventId !== null ? { kind: 'service' as const, id: a.serviceEventId } : null;
  const { linkHeldOn, linkTitle, linkOrgName, ...rest } = a;
  return { ...rest, link: link && { ...link, heldOn: linkHeldOn ?? '', title: linkTitle ?? '', orgName: linkOrgName ?? '' } };
}

function filterOf(ctx: Ctx, f: AgreementListFilter, orgPath: string | undefined): AgreementFilter {
  const soon = addDays(ctx.today, AGREEMENT_EXPIRING_DAYS);
  const state = f.state;
  return {
    orgPath,
    kind: f.kind,
    endsFrom: state === 'active' ? addDays(soon, 1) : state === 'expiring' || state === 'running' ? ctx.today : undefined,
    endsTo: state === 'ended' ? addDays(ctx.today, -1) : state === 'expiring' ? soon : undefined,
  };
}

async function orgPathOf(ctx: Ctx, orgId: number | undefined) {
  return orgId ? (await orgInScope(ctx, ctx.db, orgId, 'query.orgId', 'contacts.read')).path : undefined;
}

export async function agreementList(ctx: Ctx, f: AgreementListFilter, page: { page: number; pageSize: number }) {
  const year = yearOf(ctx, f.year);
  const { items, total } = await listAgreements(ctx.db, ctx.tenantId, ctx.scope('contacts.read'), filterOf(ctx, f, await orgPathOf(ctx, f.orgId)), year, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  return { items: items.map((a) => presentAgreement(a, ctx.today)), total, year };
}

export async function agreementsForExport(ctx: Ctx, f: AgreementListFilter) {
  const year = yearOf(ctx, f.year);
  return { year, agreements: await allAgreements(ctx.db, ctx.tenantId, ctx.scope('contacts.read'), filterOf(ctx, f, await orgPathOf(ctx, f.orgId)), year) };
}

export async function agreementDetail(ctx: Ctx, id: number) {
  const a = await visibleAgreement(ctx, ctx.db, id);
  const renewals = (await renewalsOf(ctx.db, ctx.tenantId, id)).map((r) => ({ id: r.id, renewedOn: r.renewed_on, previousEndsOn: r.previous_ends_on, endsOn: r.ends_on, note: r.note, createdByName: r.created_by_name }));
  const activities = (await activitiesOf(ctx.db, ctx.tenantId, id)).map(presentActivity);
  return { ...presentAgreement(a, ctx.today), renewalList: renewals, activityList: activities, canEdit: ctx.can('contacts.write') && covers(ctx.scope('contacts.write'), a.orgPath) };
}

async function checkAgreement(ctx: Ctx, db: Db, input: AgreementInput, before: AgreementRow | null): Promise<AgreementValues> {
  const org = await orgInScope(ctx, db, input.orgId, 'body.orgId', 'contacts.write');
  const partnerName = input.partnerName.trim();
  if (input.partnerOrgId === null && partnerName === '') throw fieldError(ctx.language, 'body.partnerName', 'CONTACT_PARTNER_REQUIRED');
  if (input.partnerOrgId !== null && partnerName !== '') throw fieldError(ctx.language, 'body.partnerName', 'CONTACT_PARTNER_BOTH');
  if (input.partnerOrgId !== null) {
    if (input.partnerOrgId === org.id) throw fieldError(ctx.language, 'body.partnerOrgId', 'CONTACT_PARTNER_SELF');
    // The partner may be any org of the unit, outside the office's own subtree too.
    if (!(await findOrg(db, ctx.tenantId, input.partnerOrgId))) throw fieldError(ctx.language, 'body.partnerOrgId', 'CONTACT_ORG_UNKNOWN', { id: input.partnerOrgId });
  }
  const { agreementKinds } = (await contactsSettings(ctx, db)).value;
  if (!agreementKinds.includes(input.kind) && before?.kind !== input.kind) throw fieldError(ctx.language, 'body.kind', 'CONTACT_KIND_UNKNOWN', { kind: input.kind });
  if (compareDates(input.signedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.signedOn', 'CONTACT_DATE_FUTURE', { date: input.signedOn });
  if (compareDates(input.endsOn, input.signedOn) < 0) throw fieldError(ctx.language, 'body.endsOn', 'CONTACT_TERM_BEFORE_SIGNED', { signed: input.signedOn, ends: input.endsOn });
  if (before && before.renewals > 0 && input.endsOn !== before.endsOn) throw fieldError(ctx.language, 'body.endsOn', 'CONTACT_TERM_BY_RENEWAL', { ends: before.endsOn });
  return { org_id: org.id, partner_org_id: input.partnerOrgId, partner_name: partnerName, kind: input.kind, signed_on: input.signedOn, ends_on: input.endsOn, content: input.content };
}

const partnerText = (a: { partnerOrgName: string | null; partnerName: string }) => a.partnerOrgName ?? a.partnerName;

export async function createAgreement(ctx: Ctx, input: AgreementInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkAgreement(ctx, trx, input, null);
    const id = await insertAgreement(trx, ctx.tenantId, values);
    const a = (await findAgreement(trx, ctx.tenantId, id, yearOf(ctx, undefined)))!;
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'contact_agreement', entityId: id, summary: `登记结对共建：${a.orgName} — ${partnerText(a)}（${values.kind}）`, after: values });
    return id;
  });
}

export async function changeAgreement(ctx: Ctx, id: number, version: number, input: AgreementInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await writableAgreement(ctx, trx, id);
    const values = await checkAgreement(ctx, trx, input, before);
    const first = (await activitiesOf(trx, ctx.tenantId, id)).reduce<string | null>((min, x) => (min === null || compareDates(x.heldOn, min) < 0 ? x.heldOn : min), null);
    if (first && compareDates(first, values.signed_on) < 0) throw fieldError(ctx.language, 'body.signedOn', 'CONTACT_ACTIVITY_BEFORE_SIGNED', { first });
    if (!(await updateAgreement(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'contact_agreement', entityId: id, summary: `修改结对共建：${before.orgName} — ${partnerText(before)}`, before, after: values });
  });
}

export async function removeAgreement(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await writableAgreement(ctx, trx, id);
    if (!(await deleteAgreement(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'contact_agreement', entityId: id, summary: `删除结对共建：${before.orgName} — ${partnerText(before)}（含共建活动 ${before.activities} 次）`, before });
  });
}

/** Renews an agreement: its term is extended to a later end, and the extension is kept as history. */
export async function renewAgreement(ctx: Ctx, id: number, input: { version: number; renewedOn: string | null; endsOn: string; note: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await writableAgreement(ctx, trx, id);
    const renewedOn = input.renewedOn ?? ctx.today;
    if (compareDates(renewedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.renewedOn', 'CONTACT_DATE_FUTURE', { date: renewedOn });
    if (compareDates(renewedOn, before.signedOn) < 0) throw fieldError(ctx.language, 'body.renewedOn', 'CONTACT_RENEWED_BEFORE_SIGNED', { signed: before.signedOn });
    if (compareDates(input.endsOn, before.endsOn) <= 0) throw fieldError(ctx.language, 'body.endsOn', 'CONTACT_RENEWAL_NOT_LATER', { ends: before.endsOn });
    if (!(await updateAgreement(trx, ctx.tenantId, id, input.version, { ends_on: input.endsOn }))) throw conflict();
    const values = { renewed_on: renewedOn, previous_ends_on: before.endsOn, ends_on: input.endsOn, note: input.note };
    const renewalId = await insertRenewal(trx, ctx.tenantId, id, values, ctx.auditor);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'contact_agreement', entityId: id, summary: `续签结对共建：${before.orgName} — ${partnerText(before)}（期满 ${before.endsOn} → ${input.endsOn}）`, before: { ends_on: before.endsOn }, after: values });
    return { id: renewalId, version: input.version + 1 };
  });
}

// ---------------------------------------------------------------------------------------
// Joint activities

async function checkActivity(ctx: Ctx, db: Db, a: AgreementRow, input: ActivityInput): Promise<ActivityValues> {
  if (compareDates(input.heldOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.heldOn', 'CONTACT_DATE_FUTURE', { date: input.heldOn });
  if (compareDates(input.heldOn, a.signedOn) < 0 || compareDates(input.heldOn, a.endsOn) > 0) throw fieldError(ctx.language, 'body.heldOn', 'CONTACT_ACTIVITY_OUTSIDE_TERM', { from: a.signedOn, to: a.endsOn });
  if (input.orglifeRecordId !== null && input.serviceEventId !== null) throw fieldError(ctx.language, 'body.serviceEventId', 'CONTACT_LINK_BOTH');
  const link = input.orglifeRecordId !== null ? { kind: 'orglife' as const, id: input.orglifeRecordId, path: 'body.orglifeRecordId' } : input.serviceEventId !== null ? { kind: 'service' as const, id: input.serviceEventId, path: 'body.serviceEventId' } : null;
  if (link) {
    const orgPath = await recordOrgPath(db, ctx.tenantId, link.kind, link.id);
    if (!orgPath) throw fieldError(ctx.language, link.path, 'CONTACT_LINK_UNKNOWN', { id: link.id });
    const sides = [a.orgPath, ...(a.partnerOrgPath ? [a.partnerOrgPath] : [])];
    if (!covers({ kind: 'subtree', orgIds: [], paths: sides }, orgPath)) throw fieldError(ctx.language, link.path, 'CONTACT_LINK_NOT_SIDE');
  }
  return { held_on: input.heldOn, title: input.title, place: input.place, participants: input.participants, summary: input.summary, orglife_record_id: input.orglifeRecordId, service_event_id: input.serviceEventId };
}

async function agreementActivity(ctx: Ctx, db: Db, agreementId: number, activityId: number) {
  const a = await writableAgreement(ctx, db, agreementId);
  const activity = await findActivity(db, ctx.tenantId, a.id, activityId);
  if (!activity) throw notFound('CONTACT_ACTIVITY_NOT_FOUND', activityId);
  return { a, activity };
}

/** Records a joint activity once; an internal pairing's two sides both count it. */
export async function addActivity(ctx: Ctx, agreementId: number, input: ActivityInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await writableAgreement(ctx, trx, agreementId);
    const values = await checkActivity(ctx, trx, a, input);
    const id = await insertActivity(trx, ctx.tenantId, a.id, values, ctx.userId);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'contact_activity', entityId: id, summary: `记录共建活动：${a.orgName} — ${partnerText(a)}：${values.title}（${values.held_on}）`, after: { agreementId: a.id, ...values } });
    return id;
  });
}

export async function changeActivity(ctx: Ctx, agreementId: number, activityId: number, version: number, input: ActivityInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { a, activity } = await agreementActivity(ctx, trx, agreementId, activityId);
    const values = await checkActivity(ctx, trx, a, input);
    if (!(await updateActivity(trx, ctx.tenantId, activity.id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'contact_activity', entityId: activity.id, summary: `修改共建活动：${a.orgName} — ${partnerText(a)}：${values.title}`, before: activity, after: values });
  });
}

export async function removeActivity(ctx: Ctx, agreementId: number, activityId: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { a, activity } = await agreementActivity(ctx, trx, agreementId, activityId);
    if (!(await deleteActivity(trx, ctx.tenantId, activity.id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'contact_activity', entityId: activity.id, summary: `删除共建活动：${a.orgName} — ${partnerText(a)}：${activity.title}`, before: activity });
  });
}

/** The records of either side an activity may be linked to: organisational-life records and service events within the term (up to today). */
export async function activityLinkCandidates(ctx: Ctx, agreementId: number) {
  const a = await visibleAgreement(ctx, ctx.db, agreementId);
  const to = compareDates(a.endsOn, ctx.today) < 0 ? a.endsOn : ctx.today;
  const { records, events } = await linkCandidates(ctx.db, ctx.tenantId, [a.orgPath, ...(a.partnerOrgPath ? [a.partnerOrgPath] : [])], a.signedOn, to);
  return {
    records: records.map((r) => ({ id: r.id, heldOn: r.held_on, kinds: r.kinds, title: r.topic ?? '', orgName: r.org_name })),
    events: events.map((e) => ({ id: e.id, heldOn: e.held_on, title: e.title, orgName: e.org_name })),
  };
}

/**
 * Agreements and joint activities per org in the caller's scope for a year: each activity counts
 * for the org that recorded the agreement and for its partner when that is an org of the unit
 * (one record, both sides); an agreement counts when its term touches the year.
 */
export async function activityCounts(ctx: Ctx, year: number | undefined) {
  const y = yearOf(ctx, year);
  const from = `${y}-01-01`;
  const to = `${y}-12-31`;
  const scope = ctx.scope('contacts.read');
  const activities = activityCountsByOrg((await activitySides(ctx.db, ctx.tenantId, scope, from, to)).map((r) => ({ orgId: r.org_id, partnerOrgId: r.partner_org_id })));
  const agreements = activityCountsByOrg((await agreementSides(ctx.db, ctx.tenantId, scope, from, to)).map((r) => ({ orgId: r.org_id, partnerOrgId: r.partner_org_id })));
  const orgs = (await orgsByIds(ctx.db, ctx.tenantId, [...new Set([...activities.keys(), ...agreements.keys()])])).filter((o) => covers(scope, o.path));
  return { year: y, items: orgs.map((o) => ({ orgId: o.id, orgName: o.name, agreements: agreements.get(o.id) ?? 0, activities: activities.get(o.id) ?? 0 })) };
}
