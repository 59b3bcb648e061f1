import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Development deadlines kept with the files (issue 18: the due list at province scale). A file's
 * deadlines (talk due, 6-monthly review, 公示 ending, approval limits, probation ending) depend
 * on its entries only, so they are computed once per version of the file and kept:
 * - development_deadlines: one row per file and kind, with the file version it was computed at;
 *   a row whose version is not the file's is stale and never read.
 * - development_deadline_marks: the version each file's deadlines were last computed at (a file
 *   may have none), so the lists know which files to compute again.
 * Both are derived data, filled on first read. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table development_deadlines (
      tenant_id bigint not null references tenants (id),
      file_id bigint not null,
      kind text not null,
      seq smallint not null,
      date date not null,
      file_version integer not null,
      primary key (tenant_id, file_id, kind),
      foreign key (tenant_id, file_id) references development_files (tenant_id, id) on delete cascade
    );
    create index development_deadlines_date on development_deadlines (tenant_id, date);

    create table development_deadline_marks (
      tenant_id bigint not null references tenants (id),
      file_id bigint not null,
      file_version integer not null,
      primary key (tenant_id, file_id),
      foreign key (tenant_id, file_id) references development_files (tenant_id, id) on delete cascade
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, `drop table if exists development_deadlines, development_deadline_marks;`);
}
