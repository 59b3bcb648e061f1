import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Roles and settings sections for decisions under PDCA and front-line projects (issue 13):
 * 党办 (party_office) runs the 党委会, 院办 (president_office) the 院长办公会, a 承办人
 * (task_owner) reports on their own decision tasks. The settings store gains the 'decisions'
 * and 'projects' sections. This migration lists every role and every section there is.
 * Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table user_roles drop constraint if exists user_roles_role_check;
    alter table user_roles add constraint user_roles_role_check check (role in ('sys_admin', 'org_office', 'branch_secretary', 'member', 'inspector', 'leader', 'party_office', 'president_office', 'task_owner'));
    alter table unit_settings drop constraint if exists unit_settings_section_check;
    alter table unit_settings add constraint unit_settings_section_check check (section in ('rules', 'duesPayroll', 'orgs', 'service', 'honours', 'decisions', 'projects'));
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    delete from user_roles where role in ('party_office', 'president_office', 'task_owner');
    alter table user_roles drop constraint if exists user_roles_role_check;
    alter table user_roles add constraint user_roles_role_check check (role in ('sys_admin', 'org_office', 'branch_secretary', 'member', 'inspector', 'leader'));
    delete from unit_settings where section in ('decisions', 'projects');
    alter table unit_settings drop constraint if exists unit_settings_section_check;
    alter table unit_settings add constraint unit_settings_section_check check (section in ('rules', 'duesPayroll', 'orgs', 'service', 'honours'));
    `,
  );
}
