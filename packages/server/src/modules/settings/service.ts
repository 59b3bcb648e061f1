/**
 * The unit settings store: every section (core settings.ts: schema and default beside the rule
 * it tunes) is read and written here and nowhere else. A read completes the stored value with the
 * defaults and validates it: a stored value that no longer fits its schema is an error, never
 * silently replaced by the default. A save validates the whole value (400 naming the field),
 * checks the version the caller read (409), and writes its audit row in the same transaction.
 */
import { type Language, type RuleSettings, UNIT_SETTINGS, type UnitSettings, type UnitSettingsSection, resolveRuleSettings } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auditor } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict } from '../../plugins/errors.js';
import { translateIssue } from '../../plugins/i18n.js';
import { insertSection, readSection, updateSection } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface Loaded<S extends UnitSettingsSection> {
  value: UnitSettings<S>;
  /** 0 while the unit has never saved the section (the defaults apply). */
  version: number;
}

export async function loadSettings<S extends UnitSettingsSection>(db: Db, tenantId: number, section: S): Promise<Loaded<S>> {
  const definition = UNIT_SETTINGS[section];
  const row = await readSection(db, tenantId, section);
  if (!row) return { value: structuredClone(definition.defaults) as UnitSettings<S>, version: 0 };
  const parsed = definition.schema.safeParse({ ...definition.defaults, ...(row.value as object) });
  if (!parsed.success) throw new Error(`unit ${tenantId}: stored settings "${section}" do not fit their schema: ${parsed.error.message}`);
  return { value: parsed.data as UnitSettings<S>, version: row.version };
}

/** The rules in force for a unit: the regulation's values with the unit's overrides. */
export async function ruleSettingsOf(db: Db, tenantId: number): Promise<RuleSettings> {
  return resolveRuleSettings((await loadSettings(db, tenantId, 'rules')).value.overrides);
}

export interface SaveOptions {
  /** The audit summary (Chinese, as the audit log is read by the office). */
  summary: string;
  /** Where the value came from in the request, for error paths ('body' by default). */
  path?: string;
  language: Language;
}

/** Saves a whole section over the version the caller read; returns what is now stored. */
export async function saveSettings<S extends UnitSettingsSection>(trx: Transaction<DB>, auditor: Auditor, section: S, value: UnitSettings<S>, version: number, options: SaveOptions): Promise<Loaded<S>> {
  const parsed = UNIT_SETTINGS[section].schema.safeParse(value);
  if (!parsed.success) {
    const prefix = options.path ?? 'body';
    const details = parsed.error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]'),
      message: issue.code === 'custom' ? issue.message : translateIssue(issue.code, options.language, { ...(issue as object) }),
    }));
    throw new AppError(400, 'VALIDATION_FAILED', {}, details);
  }
  const before = await loadSettings(trx, auditor.tenantId, section);
  if (before.version !== version) throw conflict();
  const done = version === 0 ? await insertSection(trx, auditor.tenantId, section, parsed.data, auditor.userId) : await updateSection(trx, auditor.tenantId, section, parsed.data, version, auditor.userId);
  if (!done) throw conflict();
  await writeAudit(trx, auditor, { action: 'update', entityType: 'unit_settings', entityId: `${auditor.tenantId}:${section}`, summary: options.summary, before: before.value, after: parsed.data });
  return { value: parsed.data as UnitSettings<S>, version: version + 1 };
}

/** The demo and first-run setup store a section as they create the unit (no caller, no audit). */
export async function seedSettings<S extends UnitSettingsSection>(db: Db, tenantId: number, section: S, value: UnitSettings<S>): Promise<void> {
  await insertSection(db, tenantId, section, UNIT_SETTINGS[section].schema.parse(value), null);
}
