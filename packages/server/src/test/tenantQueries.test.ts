/**
 * Every statement the API runs on a tenant table names that table's tenant_id. Citus distributes
 * the tenant tables by tenant_id: a query that does not filter (or join) on it fans out to every
 * shard, and in one database it is how one unit's rows would reach another's answer.
 *
 * The test walks the route table (every GET, and every write with a body built from its schema)
 * as the organisation office and a branch secretary, records the text of each statement, finds
 * each tenant table it reads or writes and the alias it goes by, and asks that the statement
 * mention `<alias>.tenant_id` (or, where the table has no alias, its tenant_id column).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './harness.js';
import { apiRoutes, sample } from './routeWalk.js';

/** Statements that cross units by design, each with its reason. */
const ACROSS_UNITS: Array<[RegExp, string]> = [
  // Sign-in finds the account by username across units (decision 0002: a username names one account).
  [/^select .* from users where username = \$1/, 'sign-in by username'],
  // A session is looked up by its token before its unit is known.
  [/from sessions\b.*where .*token/, 'session lookup by token'],
];

const KEYWORDS = new Set(['where', 'on', 'join', 'left', 'right', 'inner', 'full', 'cross', 'set', 'values', 'order', 'group', 'limit', 'using', 'returning', 'natural', 'lateral', 'union', 'except', 'intersect', 'having', 'offset', 'for', 'default', 'select', 'as', 'and', 'or', 'window']);

/** The tenant tables a statement touches that it never ties to a tenant. */
export function untiedTenantTables(statement: string, tenantTables: ReadonlySet<string>): string[] {
  const text = statement.replace(/"/g, '').replace(/\s+/g, ' ').toLowerCase().trim();
  if (!/^(select|insert|update|delete|with)\b/.test(text)) return [];
  const untied: string[] = [];
  for (const m of text.matchAll(/\b(from|join|update|into)\s+(?:public\.)?(\w+)(?:\s+(?:as\s+)?(\w+))?/g)) {
    const table = m[2] as string;
    if (!tenantTables.has(table)) continue;
    const alias = m[3] && !KEYWORDS.has(m[3]) ? m[3] : null;
    const names = alias ? [alias, table] : [table];
    // An insert names its columns unqualified; elsewhere an unqualified tenant_id counts only for a table without an alias.
    const unqualifiedCounts = !alias || m[1] === 'into';
    const tied = names.some((name) => text.includes(`${name}.tenant_id`)) || (unqualifiedCounts && /(^|[^.\w])tenant_id\b/.test(text));
    if (!tied) untied.push(alias ? `${table} ${alias}` : table);
  }
  return untied;
}

let t: TestApp;
const statements = new Set<string>();
let recording = false;
let tenantTables: Set<string>;

beforeAll(async () => {
  t = await createTestApp({ onQuery: (text) => recording && statements.add(text) });
  const rows = await sql<{ table_name: string }>`select distinct table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'`.execute(t.database.db);
  tenantTables = new Set(rows.rows.map((r) => r.table_name));
  recording = true;
  for (const username of ['org', 'secretary']) {
    const client = await t.login(username);
    for (const route of apiRoutes(t.app)) {
      if (/\/auth\/(logout|password)|\/setup$/.test(route.url)) continue;
      const url = route.url.replace(/:\w+/g, '1');
      const query = route.query ? new URLSearchParams(Object.entries((sample(route.query, '', 0, true) ?? {}) as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)])).toString() : '';
      const body = route.body ? sample(route.body) : undefined;
      await client.request({ method: route.method as 'GET', url: query ? `${url}?${query}` : url, ...(body === undefined ? {} : { payload: body as object }) });
    }
  }
  recording = false;
}, 600_000);
afterAll(() => t?.close());

describe('tenant scoping of statements', () => {
  it('recognises a statement that forgets its tenant', () => {
    const tables = new Set(['members', 'orgs']);
    expect(untiedTenantTables('select * from "members" as "m" where "m"."id" = $1', tables)).toEqual(['members m']);
    expect(untiedTenantTables('select * from "members" as "m" join "orgs" as "o" on "o"."id" = "m"."org_id" where "m"."tenant_id" = $1', tables)).toEqual(['orgs o']);
    expect(untiedTenantTables('select * from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id where m.tenant_id = $1', tables)).toEqual([]);
    expect(untiedTenantTables('update "members" set "name" = $1 where "tenant_id" = $2 and "id" = $3', tables)).toEqual([]);
    expect(untiedTenantTables('delete from "members" where "id" = $1', tables)).toEqual(['members']);
    expect(untiedTenantTables('insert into members as m (tenant_id, name) values ($1, $2)', tables)).toEqual([]);
  });

  it('sees the walk reach the database', () => {
    expect(statements.size).toBeGreaterThan(500);
  });

  it('ties every tenant table of every statement to a tenant', () => {
    const offenders: string[] = [];
    for (const statement of statements) {
      const flat = statement.replace(/"/g, '').replace(/\s+/g, ' ').toLowerCase();
      if (ACROSS_UNITS.some(([pattern]) => pattern.test(flat))) continue;
      const untied = untiedTenantTables(statement, tenantTables);
      if (untied.length > 0) offenders.push(`${untied.join(', ')}: ${flat.slice(0, 300)}`);
    }
    expect(offenders).toEqual([]);
  });
});
