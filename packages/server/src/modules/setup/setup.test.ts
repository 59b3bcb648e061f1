import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ empty: true });
});
afterAll(() => t.close());

const body = { tenantName: '某某市中心医院', tenantCode: 'zxyy', adminUsername: 'zx.admin', adminName: '周敏', adminPassword: 'Hongyi@2026' };

describe('first run on an empty database', () => {
  it('says setup is needed, validates, creates the first tenant and admin once', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/v1/setup/status')).json()).toEqual({ needsSetup: true });
    const bad = await anon.post('/api/v1/setup', { ...body, tenantCode: 'Has Spaces', adminPassword: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.map((d) => d.path)).toEqual(['body.tenantCode']);
    const weak = await anon.post('/api/v1/setup', { ...body, adminPassword: 'onlyletters' });
    expect(errorOf(weak).code).toBe('PASSWORD_TOO_SIMPLE');
    const common = await anon.post('/api/v1/setup', { ...body, adminPassword: 'Passw0rd' });
    expect(errorOf(common)).toMatchObject({ code: 'PASSWORD_TOO_COMMON', details: [{ path: 'body.adminPassword' }] });

    const created = await anon.post('/api/v1/setup', body);
    expect(created.statusCode).toBe(201);
    expect((await anon.get('/api/v1/setup/status')).json()).toEqual({ needsSetup: false });

    const again = await anon.post('/api/v1/setup', { ...body, tenantCode: 'other' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('SETUP_DONE');

    const admin = await t.login('zx.admin', 'Hongyi@2026');
    const me = (await admin.get('/api/v1/auth/me')).json();
    expect(me.tenant).toMatchObject({ code: 'zxyy', name: '某某市中心医院' });
    expect(me.roles).toEqual([{ role: 'sys_admin', orgId: null, orgName: null }]);
    const tree = (await admin.get('/api/v1/orgs/tree')).json();
    expect(tree).toEqual([expect.objectContaining({ type: 'committee', name: '中共某某市中心医院委员会', children: [] })]);
    const audit = (await admin.get('/api/v1/audit?entityType=tenant')).json();
    expect(audit.items[0]).toMatchObject({ action: 'create', username: 'zx.admin' });
  });
});
