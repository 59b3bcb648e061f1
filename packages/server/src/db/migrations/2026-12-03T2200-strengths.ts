import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * 七个有力 (issue 14): the settings store gains the 'strengths' section (which records evidence
 * each item, how many a year), and development steps get an index by date, which the checklist
 * reads a year at a time. This migration lists every section there is. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table unit_settings drop constraint if exists unit_settings_section_check;
    alter table unit_settings add constraint unit_settings_section_check check (section in ('rules', 'duesPayroll', 'orgs', 'service', 'honours', 'decisions', 'projects', 'strengths'));
    create index development_entries_step_date on development_entries (tenant_id, date) where kind = 'step';
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop index if exists development_entries_step_date;
    delete from unit_settings where section = 'strengths';
    alter table unit_settings drop constraint if exists unit_settings_section_check;
    alter table unit_settings add constraint unit_settings_section_check check (section in ('rules', 'duesPayroll', 'orgs', 'service', 'honours', 'decisions', 'projects'));
    `,
  );
}
