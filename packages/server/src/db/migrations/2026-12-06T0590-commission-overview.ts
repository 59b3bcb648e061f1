import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * The commission's trend at province scale (200 units × 90–180 days): each unit summary keeps the
 * few numbers its headline is made of (core's headlineOf: members, branches, 三会一课 met and of,
 * the five funnel stages, dues due and paid, the work systems' progress) as generated columns of
 * its figures, so the trend reads plain columns instead of taking apart every day's whole figures
 * document (which carries the statistics tables too). PostgreSQL computes them when a summary is
 * written, and here for the summaries already stored; a figure missing from the document (the
 * stored figures are validated, core's unitFiguresSchema) would refuse the row. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table unit_summaries
      add column members_full bigint generated always as ((figures #>> '{members,full}')::bigint) stored not null,
      add column members_probationary bigint generated always as ((figures #>> '{members,probationary}')::bigint) stored not null,
      add column branches bigint generated always as ((figures #>> '{orgs,branches}')::bigint) stored not null,
      add column compliance_met bigint generated always as ((figures #>> '{compliance,met}')::bigint) stored not null,
      add column compliance_of bigint generated always as ((figures #>> '{compliance,of}')::bigint) stored not null,
      add column funnel_1 bigint generated always as ((figures #>> '{funnel,0}')::bigint) stored not null,
      add column funnel_2 bigint generated always as ((figures #>> '{funnel,1}')::bigint) stored not null,
      add column funnel_3 bigint generated always as ((figures #>> '{funnel,2}')::bigint) stored not null,
      add column funnel_4 bigint generated always as ((figures #>> '{funnel,3}')::bigint) stored not null,
      add column funnel_5 bigint generated always as ((figures #>> '{funnel,4}')::bigint) stored not null,
      add column due_cents bigint generated always as ((figures #>> '{dues,dueCents}')::bigint) stored not null,
      add column paid_cents bigint generated always as ((figures #>> '{dues,paidCents}')::bigint) stored not null,
      add column worksystems_progress double precision generated always as ((figures #>> '{worksystems,progress}')::double precision) stored;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table unit_summaries
      drop column members_full, drop column members_probationary, drop column branches,
      drop column compliance_met, drop column compliance_of,
      drop column funnel_1, drop column funnel_2, drop column funnel_3, drop column funnel_4, drop column funnel_5,
      drop column due_cents, drop column paid_cents, drop column worksystems_progress;
    `,
  );
}
