import type { UnitSettingsSection } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function readSection(db: Db, tenantId: number, section: UnitSettingsSection): Promise<{ value: unknown; version: number } | undefined> {
  return db.selectFrom('unit_settings').select(['value', 'version']).where('tenant_id', '=', tenantId).where('section', '=', section).executeTakeFirst();
}

/** The first save of a section; false when another save came first. */
export async function insertSection(db: Db, tenantId: number, section: UnitSettingsSection, value: unknown, userId: number | null): Promise<boolean> {
  const row = await db
    .insertInto('unit_settings')
    .values({ tenant_id: tenantId, section, value: JSON.stringify(value), version: 1, updated_by: userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'section']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return row !== undefined;
}

/** A later save, only over the version the caller read; false when the row has moved on. */
export async function updateSection(db: Db, tenantId: number, section: UnitSettingsSection, value: unknown, version: number, userId: number | null): Promise<boolean> {
  const result = await db
    .updateTable('unit_settings')
    .set({ value: JSON.stringify(value), version: version + 1, updated_by: userId, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('section', '=', section)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
