import { type Kysely, sql } from 'kysely';

/** Tables without tenant_id: global reference data and the migrator's own bookkeeping. */
export const GLOBAL_TABLES = new Set(['tenants', 'holidays', 'login_names', 'login_throttle', 'commissions', 'data_keys', 'kysely_migration', 'kysely_migration_lock']);

export interface SchemaProblem {
  table: string;
  problem: string;
}

/**
 * Reads the live schema and reports every tenant-owned table whose keys do not lead with
 * tenant_id — the condition for distributing the schema by tenant with Citus.
 */
export async function checkTenantKeys(db: Kysely<any>): Promise<SchemaProblem[]> {
  const problems: SchemaProblem[] = [];
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db);
  const hasTenant = new Set(columns.rows.filter((c) => c.column_name === 'tenant_id').map((c) => c.table_name));
  // Keys with their columns in order, from the catalogue (works the same on PGlite and PostgreSQL).
  const keys = await sql<{ table_name: string; name: string; kind: string; columns: string; ref_table: string | null; ref_columns: string | null }>`
    select c.conrelid::regclass::text as table_name, c.conname as name, c.contype as kind,
      (select string_agg(a.attname, ',' order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns,
      c.confrelid::regclass::text as ref_table,
      (select string_agg(a.attname, ',' order by k.ord) from unnest(c.confkey) with ordinality k(attnum, ord)
        join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as ref_columns
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where n.nspname = current_schema() and c.contype in ('p', 'u', 'f')`.execute(db);
  const uniqueIndexes = await sql<{ table_name: string; name: string; first_column: string | null }>`
    select t.relname as table_name, i.relname as name, a.attname as first_column
    from pg_index x
      join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
    where n.nspname = current_schema() and x.indisunique and not x.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(db);

  for (const { table_name: table } of tables.rows) {
    if (GLOBAL_TABLES.has(table)) continue;
    if (!hasTenant.has(table)) {
      problems.push({ table, problem: 'has no tenant_id column' });
      continue;
    }
    const tableKeys = keys.rows.filter((k) => k.table_name === table);
    const pk = tableKeys.find((k) => k.kind === 'p');
    if (!pk) problems.push({ table, problem: 'has no primary key' });
    else if (!pk.columns.startsWith('tenant_id,') && pk.columns !== 'tenant_id') {
      problems.push({ table, problem: `primary key (${pk.columns}) does not lead with tenant_id` });
    }
    for (const k of tableKeys.filter((x) => x.kind === 'u')) {
      if (!k.columns.startsWith('tenant_id')) problems.push({ table, problem: `unique constraint ${k.name} (${k.columns}) does not lead with tenant_id` });
    }
    for (const k of tableKeys.filter((x) => x.kind === 'f')) {
      // A reference table (tenants, commissions) is on every node with Citus: any table may point at it.
      if (k.ref_table !== null && GLOBAL_TABLES.has(k.ref_table)) continue;
      if (!k.columns.startsWith('tenant_id,') || !(k.ref_columns ?? '').startsWith('tenant_id,')) {
        problems.push({ table, problem: `foreign key ${k.name} (${k.columns}) → ${k.ref_table} (${k.ref_columns}) does not include tenant_id first` });
      }
    }
    for (const i of uniqueIndexes.rows.filter((x) => x.table_name === table)) {
      if (i.first_column !== 'tenant_id') problems.push({ table, problem: `unique index ${i.name} does not lead with tenant_id` });
    }
  }
  return problems;
}
