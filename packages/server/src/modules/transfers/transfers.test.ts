import { maskIdNumber } from '@hongyi/core';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { idFor } from '../members/testRoster.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const BRANCH = '急诊科全科医学科党支部';

async function branchMember() {
  return t.database.db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.org_id', 'm.id_number', 'm.tenant_id'])
    .where('o.name', '=', BRANCH)
    .where('m.status', '=', 'active')
    .orderBy('m.id', 'desc')
    .executeTakeFirstOrThrow();
}

describe('transfers', () => {
  it('moves a member between branches from an effective date, keeping both periods', async () => {
    const m = await branchMember();
    const to = (await t.database.db.selectFrom('orgs').select('id').where('name', '=', '心血管内科党支部').executeTakeFirstOrThrow()).id;
    expect((await t.anonymous().post('/api/v1/transfers/internal', {})).statusCode).toBe(401);
    const secretary = await t.login('secretary');
    expect((await secretary.post('/api/v1/transfers/internal', { memberId: m.id, toOrgId: to })).statusCode).toBe(400);
    expect((await (await t.login('jijian')).post('/api/v1/transfers/internal', { memberId: m.id, toOrgId: to, effectiveOn: '2026-11-01' })).statusCode).toBe(403);
    expect(errorOf(await secretary.post('/api/v1/transfers/internal', { memberId: m.id, toOrgId: m.org_id, effectiveOn: '2026-11-01' })).code).toBe('TRANSFER_SAME_ORG');
    const res = await secretary.post('/api/v1/transfers/internal', { memberId: m.id, toOrgId: to, effectiveOn: '2026-11-01' });
    expect(res.statusCode).toBe(201);
    // Now outside the secretary's branch: they can no longer edit the member.
    expect(errorOf(await secretary.get(`/api/v1/members/${m.id}`)).code).toBe('OUT_OF_SCOPE');
    const org = await t.login('org');
    const profile = (await org.get(`/api/v1/members/${m.id}`)).json();
    expect(profile.orgName).toBe('心血管内科党支部');
    expect(profile.orgPeriods.slice(-2).map((p: { orgName: string; toOn: string | null }) => [p.orgName, p.toOn])).toEqual([
      [BRANCH, '2026-11-01'],
      ['心血管内科党支部', null],
    ]);
    // Dues entries already recorded stay with the branch they were recorded for.
    const entries = await t.database.db.selectFrom('dues_entries').select('org_id').where('member_id', '=', m.id).execute();
    expect(entries.every((e) => e.org_id === m.org_id)).toBe(true);
    // A back-dated transfer before the last change is refused.
    expect(errorOf(await org.post('/api/v1/transfers/internal', { memberId: m.id, toOrgId: m.org_id, effectiveOn: '2026-10-01' })).code).toBe('TRANSFER_DATE_BEFORE_LAST');
  });

  it('transfers out with the three-part letter, 党费已交到 from the dues ledger, and watches the receipt', async () => {
    const org = await t.login('org');
    const secretary = await t.login('secretary');
    const m = await branchMember();
    const res = await secretary.post('/api/v1/transfers/out', { memberId: m.id, toOrgName: '中共示例市第二人民医院委员会', effectiveOn: '2026-10-15' });
    expect(res.statusCode).toBe(201);
    const out = res.json();
    expect(out.letterNo).toMatch(/^2026-\d{3}$/);
    expect(out.receiptDueOn).toBe('2026-11-15');
    const { arrearsOf } = await import('../dues/repository.js');
    const expected = (await arrearsOf(t.database.db, m.tenant_id, m.id)).arrears.paidThrough;
    expect(out.paidThrough).toBe(expected);
    const status = await t.database.db.selectFrom('members').select('status').where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('transferred_out');

    expect((await t.anonymous().get(`/api/v1/transfers/${out.id}/letter`)).statusCode).toBe(401);
    expect((await (await t.login('jijian')).get(`/api/v1/transfers/${out.id}/letter`)).statusCode).toBe(403);
    const letter = await secretary.get(`/api/v1/transfers/${out.id}/letter`);
    expect(letter.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(letter.rawPayload);
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('存根');
    expect(xml).toContain('回执');
    expect(xml).toContain(`第 ${out.letterNo} 号`);
    expect(xml).toContain(`兹介绍${m.name}同志`);
    // The secretary may not see ID numbers: their copy is masked; the organisation office prints the full one.
    expect(xml).not.toContain(m.id_number);
    expect(xml).toContain(maskIdNumber(m.id_number));
    const full = await org.get(`/api/v1/transfers/${out.id}/letter`);
    const fullXml = (await (await JSZip.loadAsync(full.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(fullXml).toContain(m.id_number);
    expect(xml).toContain(`由${BRANCH}去中共示例市第二人民医院委员会`);
    if (expected) {
      const { chineseDate } = await import('./letter.js');
      expect(xml).toContain(`党费已交到${chineseDate(expected)}`);
    }

    // Receipt watch: overdue after a month (today is after 2026-11-15), then received.
    const list = (await org.get('/api/v1/transfers?receipt=overdue')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(out.id);
    expect(list.overdueReceipts).toBeGreaterThanOrEqual(1);
    expect(errorOf(await secretary.post(`/api/v1/transfers/${out.id}/receipt`, { version: 1, receivedOn: '2026-10-01' })).code).toBe('TRANSFER_RECEIPT_BEFORE_EFFECTIVE');
    expect((await secretary.post(`/api/v1/transfers/${out.id}/receipt`, { version: 1, receivedOn: '2026-11-20' })).statusCode).toBe(200);
    expect((await secretary.post(`/api/v1/transfers/${out.id}/receipt`, { version: 1, receivedOn: '2026-11-20' })).statusCode).toBe(409);
    const after = (await org.get('/api/v1/transfers?receipt=overdue')).json();
    expect(after.items.map((x: { id: number }) => x.id)).not.toContain(out.id);
    // Tenant isolation: another unit sees none of it.
    const county = (await (await t.login('county.admin')).get('/api/v1/transfers')).json();
    expect(county.items.map((x: { id: number }) => x.id)).not.toContain(out.id);
  });

  it('registers a member arriving with a letter, linked by its number', async () => {
    const secretary = await t.login('secretary');
    const branch = (await t.database.db.selectFrom('orgs').select('id').where('name', '=', BRANCH).executeTakeFirstOrThrow()).id;
    const body = { name: '戊新', idNumber: idFor('1993-04-05', 21), category: 'full', joinedOn: '2016-06-01', fullOn: '2017-06-01', toOrgId: branch, fromOrgName: '中共某大学委员会', letterNo: 'D-2026-77', effectiveOn: '2026-11-10' };
    expect((await t.anonymous().post('/api/v1/transfers/in', body)).statusCode).toBe(401);
    expect(errorOf(await secretary.post('/api/v1/transfers/in', { ...body, idNumber: '110101199304050000' })).details?.[0]?.path).toBe('body.idNumber');
    expect((await (await t.login('leader')).post('/api/v1/transfers/in', body)).statusCode).toBe(403);
    const other = (await t.database.db.selectFrom('orgs').select('id').where('name', '=', '心血管内科党支部').executeTakeFirstOrThrow()).id;
    expect(errorOf(await secretary.post('/api/v1/transfers/in', { ...body, toOrgId: other })).code).toBe('OUT_OF_SCOPE');
    const res = await secretary.post('/api/v1/transfers/in', body);
    expect(res.statusCode).toBe(201);
    expect((await secretary.post('/api/v1/transfers/in', body)).statusCode).toBe(409);
    const profile = (await secretary.get(`/api/v1/members/${res.json().memberId}`)).json();
    expect(profile).toMatchObject({ name: '戊新', gender: 'male', orgName: BRANCH, birthDate: '1993-04-05' });
    expect(profile.transfers[0]).toMatchObject({ kind: 'in', letterNo: 'D-2026-77', fromOrgName: '中共某大学委员会' });
    const list = (await secretary.get('/api/v1/transfers?kind=in&q=D-2026')).json();
    expect(list.total).toBe(1);
  });
});
