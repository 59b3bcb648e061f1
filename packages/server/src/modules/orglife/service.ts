/**
 * Organisational life: the unit's settings, an org in the caller's scope, and compliance of a
 * year computed by packages/core from the records. Records, plan, reminders and the 党章 第九条
 * flags have their own service files.
 */
import { type ComplianceCell, type DataScope, type OrglifeSettings, type RuleSettings, type RuleSettingsOverrides, computeCompliance, resolveRuleSettings } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { requireInScope } from '../../lib/scope.js';
import { notFound } from '../../plugins/errors.js';
import { loadSettings as loadUnitSettings, saveSettings } from '../settings/service.js';
import { type OrgRow, complianceRecords, fullMemberCounts, orgById, orgsUnder } from './repository-compliance.js';

export type { OrgRow } from './repository-compliance.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LoadedSettings {
  rules: RuleSettings;
  orglife: OrglifeSettings;
  ruleOverrides: unknown;
  version: number;
}

/** The unit's rules and organisational-life settings, from the settings store's 'rules' section. */
export async function loadSettings(db: Db, tenantId: number): Promise<LoadedSettings> {
  const { value, version } = await loadUnitSettings(db, tenantId, 'rules');
  return {
    rules: resolveRuleSettings(value.overrides),
    orglife: { dueSoonDays: value.dueSoonDays, sceneTags: value.sceneTags },
    ruleOverrides: value.overrides,
    version,
  };
}

/** The org, if it exists in the tenant and lies within the caller's scope; 404 / 403 otherwise. */
export async function orgInScope(db: Db, tenantId: number, orgId: number, scope: DataScope): Promise<OrgRow> {
  const org = await orgById(db, tenantId, orgId);
  return requireInScope(scope, org ? { ...org, orgPath: org.path } : null, notFound('ORG_NOT_FOUND', orgId));
}

export interface ComplianceResult {
  orgs: OrgRow[];
  cells: ComplianceCell[];
  settings: LoadedSettings;
}

/** Compliance of every org under `pathPrefix` (or the tenant) for a year, computed by packages/core. */
export async function complianceFor(db: Db, tenantId: number, year: number, today: string, pathPrefix: string | null, scope: DataScope): Promise<ComplianceResult> {
  const settings = await loadSettings(db, tenantId);
  const orgs = await orgsUnder(db, tenantId, pathPrefix, scope);
  // A branch's checklist counts its own members, not the whole hospital's.
  const counts = await fullMemberCounts(db, tenantId, pathPrefix ? orgs.map((o) => o.id) : undefined);
  const records = await complianceRecords(db, tenantId, `${year}-01-01`, `${year}-12-31`, { pathPrefix });
  const cells = computeCompliance({
    orgs: orgs.map((o) => ({ id: o.id, type: o.type, establishedOn: o.established_on, endsOn: o.ends_on, dissolvedOn: o.dissolved_on, fullMemberCount: counts.get(o.id) ?? 0 })),
    records,
    year,
    today,
    rules: settings.rules,
    settings: settings.orglife,
  });
  return { orgs, cells, settings };
}

/** The settings as the settings page reads them. */
function presentSettings(s: LoadedSettings) {
  return {
    version: s.version,
    ruleOverrides: s.ruleOverrides as Record<string, unknown>,
    rules: { branchSecretaryLectureRequired: s.rules.branchSecretaryLectureRequired, themePartyDayOfMonth: s.rules.themePartyDayOfMonth, meetingFrequencies: s.rules.meetingFrequencies },
    dueSoonDays: s.orglife.dueSoonDays,
    sceneTags: s.orglife.sceneTags,
  };
}

export async function orglifeSettings(ctx: Ctx) {
  return presentSettings(await loadSettings(ctx.db, ctx.tenantId));
}

export interface SettingsChange {
  version: number;
  ruleOverrides: Partial<RuleSettingsOverrides>;
  dueSoonDays: OrglifeSettings['dueSoonDays'];
  sceneTags: string[];
}

/** Saves the page's part of the unit's 'rules' settings over the version read (the store validates, checks the version and audits). */
export async function saveOrglifeSettings(ctx: Ctx, body: SettingsChange) {
  await ctx.db.transaction().execute(async (trx) => {
    const { value } = await loadUnitSettings(trx, ctx.tenantId, 'rules');
    // Keep override keys this page does not edit (e.g. terms, set elsewhere).
    const next = { overrides: { ...value.overrides, ...body.ruleOverrides }, dueSoonDays: body.dueSoonDays, sceneTags: body.sceneTags };
    await saveSettings(trx, ctx.auditor, 'rules', next, body.version, { summary: '修改组织生活设置', language: ctx.language });
  });
  return orglifeSettings(ctx);
}
