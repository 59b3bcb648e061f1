import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { DEMO_TODAY, type TestApp, createTestApp } from '../test/harness.js';
import { startMatrixWarmup } from './matrixWarmup.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function stored(tenantId: number) {
  const rows = await t.database.db.selectFrom('orglife_matrix_rows').select(['org_id', 'epoch', 'computed_at']).where('tenant_id', '=', tenantId).where('year', '=', Number(DEMO_TODAY.slice(0, 4))).execute();
  return new Map(rows.map((r) => [r.org_id, { epoch: r.epoch, at: new Date(r.computed_at).getTime() }]));
}

describe('matrix warm-up job', () => {
  it('stores every unit’s matrix once a day, and again when the day moves to a new compliance epoch', async () => {
    const tenants = await t.database.db.selectFrom('tenants').select(['id', 'code']).orderBy('id').execute();
    const demo = tenants.find((x) => x.code === 'demo')!.id;
    const rowOrgs = await t.database.db.selectFrom('orgs').select('id').where('tenant_id', '=', demo).where('type', 'in', ['branch', 'joint_branch', 'temporary_branch', 'committee']).execute();
    expect((await stored(demo)).size).toBe(0);

    const job = startMatrixWarmup(t.app, { checkEveryMs: 3_600_000, log: () => undefined });
    try {
      expect(await job.tick()).toBe(tenants.length);
      const first = await stored(demo);
      expect([...first.keys()].sort((a, b) => a - b)).toEqual(rowOrgs.map((o) => o.id).sort((a, b) => a - b));
      // Every unit, not only the first.
      for (const { id } of tenants) expect((await stored(id)).size).toBeGreaterThan(0);
      // Same day: nothing to do.
      expect(await job.tick()).toBeNull();
    } finally {
      await job.stop();
    }

    // A server whose day is in December: a new epoch, every row computed again by the job.
    const december = await buildApp({ database: t.database, sessionSecret: 'test-session-secret', webDist: null, version: 'test', today: () => '2026-12-01' });
    await december.ready();
    const next = startMatrixWarmup(december, { checkEveryMs: 3_600_000, log: () => undefined });
    try {
      const before = await stored(demo);
      expect(await next.tick()).toBe(tenants.length);
      const after = await stored(demo);
      expect([...after.values()].every((r) => r.epoch === '2026-12-01')).toBe(true);
      expect([...after].every(([id, r]) => r.at !== before.get(id)!.at)).toBe(true);
    } finally {
      await next.stop();
      await december.close();
    }
  });
});
