/**
 * Optimistic locking, read off the route table: every route that edits a record (PATCH or PUT)
 * names the version it read, so a concurrent edit gets 409 instead of overwriting silently. The
 * few that set one value outright, where the last word is the intended result, are listed with
 * the reason. A route added tomorrow without a version fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './harness.js';
import { apiRoutes } from './routeWalk.js';

/** Routes that set a single value as a switch or a calendar entry: two people setting it agree or the later one wins by design. */
const SET_ONE_VALUE: Record<string, string> = {
  'PATCH /api/v1/departments/:id': 'the 三位一体 switch of a teaching-research office, nothing else',
  'PUT /api/v1/development/holidays/:day': 'one day of the working-day calendar',
  'PUT /api/v1/development/holidays/years/:year': 'a year of the official holiday notice, replaced as published',
  'PUT /api/v1/orglife/notifications/mute': 'the caller’s own mute switch',
  'PUT /api/v1/auth/language': 'the caller’s own interface language',
  'PATCH /api/v1/commission-admin/commissions/:id/accounts/:userId': 'a commission account’s enabled switch (the operator disabling or enabling it)',
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ empty: true });
}, 120_000);
afterAll(() => t?.close());

describe('every editing route carries the version it read', () => {
  it('PATCH and PUT bodies require `version`, apart from the listed one-value switches', () => {
    const routes = apiRoutes(t.app, ['PATCH', 'PUT']);
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes
      .filter((r) => !(`${r.method} ${r.url}` in SET_ONE_VALUE))
      .filter((r) => !r.body?.properties?.version || !(r.body.required ?? []).includes('version'))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    // The list names routes that exist and still lack a version (a stale entry is removed).
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(SET_ONE_VALUE)) {
      expect(keys.has(key), key).toBe(true);
      expect(routes.find((r) => `${r.method} ${r.url}` === key)?.body?.properties?.version, key).toBeUndefined();
    }
  });
});
