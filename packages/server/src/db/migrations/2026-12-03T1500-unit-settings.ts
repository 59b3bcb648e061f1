import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * One store for a unit's settings (modules/settings): a row per unit and section, each with its
 * own version, in place of the three tables that held them (orglife_settings for the rules the
 * unit tunes, dues_payroll_settings, org_settings). The values move as they were; the rule
 * override `duesBaseDeductions`, which nothing read (the payroll choice decides deductions), is
 * dropped. Partial values stored before are completed with the defaults of the day, so every
 * stored value is whole. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table unit_settings (
      tenant_id bigint not null references tenants (id),
      section text not null check (section in ('rules', 'duesPayroll', 'orgs')),
      value jsonb not null,
      version integer not null default 1 check (version >= 1),
      updated_by bigint,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, section)
    );

    insert into unit_settings (tenant_id, section, value, version, updated_at)
    select tenant_id, 'rules',
      jsonb_build_object('overrides', coalesce(rule_overrides, '{}'::jsonb) - 'duesBaseDeductions')
        || '{"dueSoonDays": {"month": 10, "quarter": 15, "year": 30}, "sceneTags": ["病区", "急诊", "手术室", "门诊", "实验室", "教研室", "临床技能中心", "实习基地", "社区义诊现场", "管理服务窗口", "攻坚项目现场", "对口支援点"]}'::jsonb
        || coalesce(settings, '{}'::jsonb),
      version, updated_at
    from orglife_settings;

    insert into unit_settings (tenant_id, section, value, version, updated_by, updated_at)
    select tenant_id, 'duesPayroll', jsonb_build_object('items', items, 'deductions', deductions), version, updated_by, updated_at
    from dues_payroll_settings;

    insert into unit_settings (tenant_id, section, value, version)
    select tenant_id, 'orgs',
      jsonb_build_object(
        'dualLeader', '{"seniorTitle": true, "headPosts": ["科主任", "科副主任", "教研室主任", "教研室副主任", "护士长", "副护士长", "药学部主任", "主任", "副主任"], "academicLeader": true}'::jsonb || coalesce(dual_leader, '{}'::jsonb),
        'letterhead', '{"committeeName": "", "address": "", "phone": "", "fax": "", "postcode": "", "validDays": 30}'::jsonb || coalesce(letterhead, '{}'::jsonb)
      ),
      greatest(version, 1)
    from org_settings;

    drop table orglife_settings;
    drop table dues_payroll_settings;
    drop table org_settings;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('unit_settings replaced three tables; restore from a backup to go back');
}
