import { ROLES, ROLE_PERMISSIONS, TENANT_WIDE_ROLES } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../app.js';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ empty: true });
});
afterAll(() => t.close());

describe('system endpoints and error shape', () => {
  it('reports health with the database kind', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind, version: 'test' });
  });

  it('serves OpenAPI 3 describing the routes, and the docs page', async () => {
    const spec = (await t.anonymous().get('/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/members', '/api/v1/audit']));
    const docs = await t.anonymous().get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown route with a JSON 404 in the caller’s language', async () => {
    const zh = await t.anonymous().get('/api/v1/nothing-here');
    expect(zh.statusCode).toBe(404);
    expect(errorOf(zh)).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '接口不存在：GET /api/v1/nothing-here' });
    const en = await t.anonymous().request({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(errorOf(en).message).toBe('No such endpoint: GET /api/v1/nothing-here');
  });

  it('rejects malformed JSON with 400 and no stack trace', async () => {
    const res = await t.anonymous().request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", ',
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_JSON');
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('rejects a body over the limit with 413', async () => {
    const res = await t.anonymous().request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(BODY_LIMIT), password: 'y' }),
    });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('BODY_TOO_LARGE');
  });

  it('names the invalid field in the validation error', async () => {
    const res = await t.anonymous().post('/api/v1/auth/login', { username: 'admin' });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([{ path: 'body.password', message: '必填' }]);
  });
});

describe('route table', () => {
  it('declares access on every API route', () => {
    const undeclared = t.app.routeAccess.filter((r) => r.access === undefined);
    expect(undeclared).toEqual([]);
    expect(t.app.routeAccess.length).toBeGreaterThan(10);
  });

  it('changes unit-wide settings only with the unit-wide permission, never with a branch-scoped write', () => {
    const writes = t.app.routeAccess.filter((r) => r.method !== 'GET' && /\/settings$/.test(r.url));
    expect(writes.map((r) => r.url).sort()).toEqual([
      '/api/v1/contacts/settings',
      '/api/v1/dashboard/settings',
      '/api/v1/decisions/settings',
      '/api/v1/development/settings',
      '/api/v1/dues/payroll/settings',
      '/api/v1/funds/settings',
      '/api/v1/honours/settings',
      '/api/v1/learning/settings',
      '/api/v1/orglife/settings',
      '/api/v1/orgs/settings',
      '/api/v1/projects/settings',
      '/api/v1/service/settings',
      '/api/v1/strengths/settings',
      '/api/v1/venues/settings',
    ]);
    // The decisions rules are the 党办's (decisions.write, held by unit-wide roles only); the others the organisation office's.
    for (const route of writes) expect(route.access, `${route.method} ${route.url}`).toBe(route.url === '/api/v1/decisions/settings' ? 'decisions.write' : 'settings.manage');
    const branchRoles = ROLES.filter((role) => !TENANT_WIDE_ROLES.includes(role));
    for (const role of branchRoles) expect(ROLE_PERMISSIONS[role], role).not.toContain('decisions.write');
  });

  it('answers 401 without a session on every route that is not public', async () => {
    const guarded = t.app.routeAccess.filter((r) => r.access !== 'public' && !r.url.includes('*'));
    expect(guarded.length).toBeGreaterThan(8);
    for (const route of guarded) {
      const url = route.url.replace(/:(\w+)/g, '1');
      const res = await t.anonymous().request({ method: route.method as 'GET', url });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
  });
});
