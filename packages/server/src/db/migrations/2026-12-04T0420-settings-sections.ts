import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Opens the unit settings to two more sections: assessment (where the grades of the yearly assessment begin)
 * and dashboard (whether the 党委 overview compares branches).
 * The constraint lists every section there is. Frozen once landed.
 */
const BEFORE = `'rules', 'duesPayroll', 'orgs', 'service', 'honours', 'decisions', 'projects', 'strengths', 'venues', 'funds', 'contacts', 'learning'`;
const AFTER = `${BEFORE}, 'assessment', 'dashboard'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table unit_settings drop constraint if exists unit_settings_section_check;
    alter table unit_settings add constraint unit_settings_section_check check (section in (${AFTER}));
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    delete from unit_settings where section in ('assessment', 'dashboard');
    alter table unit_settings drop constraint if exists unit_settings_section_check;
    alter table unit_settings add constraint unit_settings_section_check check (section in (${BEFORE}));
    `,
  );
}
