import { DEFAULT_DUES_PAYROLL_CHOICE, UNIT_SETTINGS } from '@hongyi/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { type Unit, createAccount, createUnit, signIn } from '../../test/fixture.js';
import { loadSettings, saveSettings } from './service.js';

let t: TestApp;
let unit: Unit;
const auditor = () => ({ tenantId: unit.tenantId, userId: null, username: 'test', ip: '127.0.0.1' });

beforeAll(async () => {
  t = await createTestApp({ empty: true });
  unit = await createUnit(t.database.db, 'settings-a', '设置测试医院');
  await createAccount(t.database.db, unit, 'settings.org', [{ role: 'org_office' }]);
});
afterAll(() => t?.close());

describe('the unit settings store', () => {
  it('gives the defaults from core, version 0, until a unit saves a section', async () => {
    expect(await loadSettings(t.database.db, unit.tenantId, 'duesPayroll')).toEqual({ value: DEFAULT_DUES_PAYROLL_CHOICE, version: 0 });
    expect((await loadSettings(t.database.db, unit.tenantId, 'rules')).value).toEqual(UNIT_SETTINGS.rules.defaults);
  });

  it('saves a whole section over the version read, audits it, and refuses a stale version with 409', async () => {
    const db = t.database.db;
    const saved = await db.transaction().execute((trx) => saveSettings(trx, auditor(), 'duesPayroll', { items: ['post_pay'], deductions: ['income_tax', 'housing_fund'] }, 0, { summary: '改', language: 'zh-CN' }));
    expect(saved).toEqual({ value: { items: ['post_pay'], deductions: ['income_tax', 'housing_fund'] }, version: 1 });
    expect(await loadSettings(db, unit.tenantId, 'duesPayroll')).toEqual(saved);
    const audit = await db.selectFrom('audit_log').select(['entity_type', 'entity_id', 'before', 'after']).where('tenant_id', '=', unit.tenantId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_type: 'unit_settings', entity_id: `${unit.tenantId}:duesPayroll`, before: DEFAULT_DUES_PAYROLL_CHOICE, after: saved.value });
    await expect(db.transaction().execute((trx) => saveSettings(trx, auditor(), 'duesPayroll', DEFAULT_DUES_PAYROLL_CHOICE, 0, { summary: '改', language: 'zh-CN' }))).rejects.toMatchObject({ statusCode: 409 });
  });

  it('refuses an invalid value when it is saved, naming the field', async () => {
    const db = t.database.db;
    await expect(
      db.transaction().execute((trx) => saveSettings(trx, auditor(), 'orgs', { ...UNIT_SETTINGS.orgs.defaults, letterhead: { ...UNIT_SETTINGS.orgs.defaults.letterhead, validDays: 400 } }, 0, { summary: '改', language: 'zh-CN' })),
    ).rejects.toMatchObject({ statusCode: 400, details: [{ path: 'body.letterhead.validDays' }] });
    const org = await signIn(t, 'settings.org');
    const res = await org.put('/api/v1/orgs/settings', { version: 0, dualLeader: UNIT_SETTINGS.orgs.defaults.dualLeader, letterhead: { ...UNIT_SETTINGS.orgs.defaults.letterhead, postcode: 'abc' } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.[0]?.path).toBe('body.letterhead.postcode');
  });

  it('never replaces a stored value that no longer fits its schema by the default: reading it is an error', async () => {
    const db = t.database.db;
    await sql`insert into unit_settings (tenant_id, section, value) values (${unit.tenantId}, 'orgs', ${JSON.stringify({ dualLeader: { seniorTitle: 'yes' } })}::jsonb)`.execute(db);
    await expect(loadSettings(db, unit.tenantId, 'orgs')).rejects.toThrow(/do not fit their schema/);
  });
});
