import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTenantKeys } from '../db/check-schema.js';
import { type TestApp, createTestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * Every GET route that lists tenant records (ids are read from the body). Add new list routes
 * here; GET routes that are not lists of records go in NOT_LISTS.
 */
const LIST_ROUTES = [
  '/api/v1/members?pageSize=200',
  '/api/v1/users?pageSize=200',
  '/api/v1/users/member-candidates?q=',
  '/api/v1/audit?pageSize=200',
  '/api/v1/orgs/tree',
  '/api/v1/dues/bases?year=2026&pageSize=200',
  '/api/v1/dues/months?pageSize=200',
  '/api/v1/dues/entries?pageSize=200',
  '/api/v1/dues/arrears?pageSize=200',
  '/api/v1/dues/ledger?year=2026',
  '/api/v1/dues/reports/collection?year=2026',
  '/api/v1/development/files?pageSize=200',
  '/api/v1/development/board',
  '/api/v1/development/due?days=366',
  '/api/v1/orglife/records?pageSize=200',
  '/api/v1/orglife/matrix',
  '/api/v1/orglife/lapses?pageSize=200&minMonths=1',
  '/api/v1/orglife/deliveries?pageSize=200',
  '/api/v1/departments',
  '/api/v1/orgs/warnings',
  '/api/v1/orgs/dual-leaders',
  '/api/v1/transfers?pageSize=200',
  '/api/v1/service/events?pageSize=200',
  '/api/v1/service/series',
  '/api/v1/honours?pageSize=200',
  '/api/v1/honours/ladder',
  '/api/v1/programmes',
  '/api/v1/venues?pageSize=200',
  '/api/v1/learning/materials?pageSize=200',
  '/api/v1/learning/series',
  '/api/v1/training/classes?pageSize=200',
  '/api/v1/venues/share-candidates',
  '/api/v1/contacts/agreements?pageSize=200',
  '/api/v1/funds/lines?pageSize=200',
  '/api/v1/funds/requests?pageSize=200',
  '/api/v1/funds/expenses?pageSize=200',
  '/api/v1/figures/catalogue',
  '/api/v1/figures/departments',
];

/** GET routes without an :id that return no list of records (own data, summaries, templates). */
const NOT_LISTS = [
  // Year-end statistics: tables of counts and the people behind a cell or a reconciliation (each needs a year; another
  // unit's org is refused, statistics.test.ts and the authorization matrix), the org picker, the unit's snapshots
  // (the small second demo unit has none).
  '/api/v1/statistics',
  '/api/v1/statistics/cell',
  '/api/v1/statistics/reconciliation',
  '/api/v1/statistics/orgs',
  '/api/v1/statistics/snapshots',
  // Lists of the areas the small second demo unit does not use (no front-line projects, no decision
  // bodies, no brands): a list with nothing on one side proves nothing here. Their isolation between units is
  // asserted by the authorization matrix (test/authorization.test.ts: another unit's names never
  // reach an answer) and by their own tests. The rest: settings, the 承办人 list, the caller's own
  // tasks and the dashboard's figures.
  '/api/v1/projects',
  '/api/v1/projects/settings',
  '/api/v1/brands',
  '/api/v1/decisions/settings',
  '/api/v1/decisions/bodies',
  '/api/v1/decisions/topics',
  '/api/v1/decisions/meetings',
  '/api/v1/decisions/tasks',
  '/api/v1/decisions/task-owners',
  '/api/v1/decisions/my-tasks',
  '/api/v1/decisions/dashboard',
  '/api/v1/auth/me',
  '/api/v1/dashboard/summary',
  // The overview's cards (counts and shares, each linking to a list) and a member's own home.
  '/api/v1/dashboard/overview',
  '/api/v1/dashboard/me',
  '/api/v1/dashboard/settings',
  // Documents built from the same rows as the ledger and matrix lists (scoped the same way).
  '/api/v1/dues/ledger/docx',
  '/api/v1/orglife/matrix.xlsx',
  // The caller's own dues; the unit's payroll items and deductions (no record ids).
  '/api/v1/dues/my',
  '/api/v1/dues/payroll/settings',
  // Counts of members by base status within the caller's scope (no record ids).
  '/api/v1/dues/bases/summary',
  // The caller's own file; the global holiday calendar (no tenant data); an empty import template.
  '/api/v1/development/my',
  '/api/v1/development/holidays',
  '/api/v1/development/import/template',
  // The unit's 公示 setting (no record ids).
  '/api/v1/development/settings',
  // The caller's own organisational life, the unit's settings, the caller's own reminders.
  '/api/v1/orglife/my',
  '/api/v1/orglife/settings',
  '/api/v1/orglife/notifications',
  '/api/v1/orgs/settings',
  '/api/v1/members/template',
  '/api/v1/members/structure',
  // Members of one of the caller's branches without an account (it needs the org: another unit's is refused, users/accounts.test.ts).
  '/api/v1/users/bulk/candidates',
  // Service totals (figures by group, no record ids), the caller's own service, the unit's lists, an empty import template,
  // and the 主题党日 records of one org (it needs the org: another unit's is refused, service.test.ts).
  '/api/v1/service/totals',
  '/api/v1/service/my',
  '/api/v1/service/settings',
  '/api/v1/service/series/import-template',
  '/api/v1/service/theme-days',
  '/api/v1/honours/settings',
  // 七个有力: the checklist lists records of five tables (their ids coincide across tables, so this walk cannot
  // tell one unit's from another's; the authorization matrix asserts no other unit's names reach it), the
  // branches side by side (figures per org, no record ids) and the unit's evidence rules.
  '/api/v1/strengths/checklist',
  '/api/v1/strengths/compare',
  '/api/v1/strengths/settings',
  // Venues: the export is the list's rows as Excel (scoped the same way); the unit's 六有 standard.
  '/api/v1/venues/export',
  '/api/v1/learning/materials/export',
  '/api/v1/learning/first-topics',
  '/api/v1/learning/notes',
  '/api/v1/learning/settings',
  '/api/v1/venues/settings',
  // Upward reports: the small second demo unit keeps no report definitions (their isolation between units is
  // asserted by the authorization matrix and reports.test.ts).
  '/api/v1/reports',
  // Contact points: the small second demo unit has no leader's account, so no contact points, visits or
  // follow-ups (their isolation is asserted by the authorization matrix and contacts.test.ts); the leaders
  // and follow-up owners offered (accounts' names), the counts per org (figures, no record ids), the settings.
  '/api/v1/contacts/points',
  '/api/v1/contacts/visits',
  '/api/v1/contacts/follow-ups',
  '/api/v1/contacts/leaders',
  '/api/v1/contacts/owners',
  '/api/v1/contacts/activity-counts',
  // Work systems: the built-in templates (no records); the small second demo unit adopts no framework (isolation is
  // asserted by the authorization matrix and worksystems.test.ts).
  '/api/v1/worksystems/templates',
  '/api/v1/worksystems/vocabulary',
  '/api/v1/worksystems',
  '/api/v1/contacts/settings',
  // Funds: the unit's categories and targets; the 三优先 report (figures by quarter, no record ids).
  '/api/v1/funds/settings',
  '/api/v1/funds/priority',
  // Business figures: the branches bound to a department (the small second demo unit binds none; the
  // authorization matrix asserts another unit's never reach it) and the import template.
  '/api/v1/figures/branches',
  '/api/v1/figures/template',
  // The values name figures and departments (ids of two tables coincide across units: the catalogue and the
  // departments are walked on their own routes above; figures.test.ts asserts the values' scope).
  '/api/v1/figures/values',
  // The assessment: the small second demo unit has no scheme (isolation is asserted by the authorization matrix
  // and assessment.test.ts).
  '/api/v1/assessment/schemes',
  // The commission level: its units' aggregate figures (no record ids; the commission's units are its own,
  // asserted by commission.test.ts and the authorization matrix) and a unit's own summary.
  '/api/v1/commission/overview',
  '/api/v1/unit-summary',
  // The operator's commission page: the deployment's commissions and units, by design (only the operating
  // unit's administrators: OPERATOR_ONLY for another unit's, commission-admin.test.ts).
  '/api/v1/commission-admin/commissions',
];

function ids(body: unknown): number[] {
  const out: number[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.id === 'number') out.push(o.id);
      Object.values(o).forEach((v) => typeof v === 'object' && walk(v));
    }
  };
  walk(body);
  return out;
}

describe('tenant isolation', () => {
  it('covers every list route in the route table', () => {
    const listed = new Set(LIST_ROUTES.map((u) => u.split('?')[0]));
    const gets = t.app.routeAccess.filter((r) => r.method === 'GET' && r.access !== 'public' && !r.url.includes(':') && !r.url.endsWith('/export'));
    const unlisted = gets.map((r) => r.url).filter((u) => !listed.has(u) && !NOT_LISTS.includes(u));
    expect(unlisted).toEqual([]);
  });

  it('shows tenant B nothing of tenant A on every list route', async () => {
    const a = await t.login('admin');
    const b = await t.login('county.admin');
    for (const url of LIST_ROUTES) {
      const fromA = ids((await a.get(url)).json());
      const resB = await b.get(url);
      expect(resB.statusCode, url).toBe(200);
      const fromB = ids(resB.json());
      expect(fromA.length, url).toBeGreaterThan(0);
      expect(fromB.length, url).toBeGreaterThan(0);
      expect(fromB.filter((id) => fromA.includes(id)), url).toEqual([]);
    }
    const summaryB = (await b.get('/api/v1/dashboard/summary')).json();
    expect(summaryB.memberCount).toBeLessThan(100);
    // Two dozen whole-unit lists, twice: more than the default 30 s on a busy machine.
  }, 120_000);
});

describe('schema check', () => {
  it('finds every tenant table leading its keys with tenant_id', async () => {
    expect(await checkTenantKeys(t.database.db)).toEqual([]);
  });

  it('would report a table that breaks the rule', async () => {
    const { sql } = await import('kysely');
    await sql`create table bad_example (id bigint primary key, tenant_id bigint, code text unique)`.execute(t.database.db);
    const problems = await checkTenantKeys(t.database.db);
    expect(problems.map((p) => p.problem)).toEqual([
      'primary key (id) does not lead with tenant_id',
      'unique constraint bad_example_code_key (code) does not lead with tenant_id',
    ]);
    await sql`drop table bad_example`.execute(t.database.db);
  });
});
