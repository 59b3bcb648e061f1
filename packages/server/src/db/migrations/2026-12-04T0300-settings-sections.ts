import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Opens the unit settings to three more sections: funds (党建经费 categories and the 三优先 rules),
 * contacts (联系点 and co-building kinds) and learning (material kinds and 第一议题 sources).
 * The constraint lists every section there is. Frozen once landed.
 */
const BEFORE = `'rules', 'duesPayroll', 'orgs', 'service', 'honours', 'decisions', 'projects', 'strengths', 'venues'`;
const AFTER = `${BEFORE}, 'funds', 'contacts', 'learning'`;

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
    delete from unit_settings where section in ('funds', 'contacts', 'learning');
    alter table unit_settings drop constraint if exists unit_settings_section_check;
    alter table unit_settings add constraint unit_settings_section_check check (section in (${BEFORE}));
    `,
  );
}
