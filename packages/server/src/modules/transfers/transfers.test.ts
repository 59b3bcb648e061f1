import { maskIdNumber } from '@hongyi/core';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseNumeralDate } from '../../lib/docx.js';
import { idNumberFor } from '../../test/fixture.js';
import { createOrgsUnit, setCommittee } from '../../test/fixtures/orgs.js';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { arrearsOf } from '../dues/repository.js';
import { openIdNumber, openPhone } from '../../db/sealed.js';
import { workbookOf } from '../../test/workbook.js';

// Today is 2026-11-23 (the harness's).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ empty: true });
});
afterAll(() => t?.close());

async function documentText(payload: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(payload);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('POST /api/v1/transfers/internal', () => {
  it('moves a member between branches from an effective date, keeping both periods', async () => {
    const u = await createOrgsUnit(t, 'tr');
    const [m] = (await u.addMembers(u.branchId, 1)) as [number];
    expect((await t.anonymous().post('/api/v1/transfers/internal', {})).statusCode).toBe(401);
    const secretary = await u.as('sec');
    expect((await secretary.post('/api/v1/transfers/internal', { memberId: m, toOrgId: u.otherBranchId })).statusCode).toBe(400);
    expect((await (await u.as('inspector')).post('/api/v1/transfers/internal', { memberId: m, toOrgId: u.otherBranchId, effectiveOn: '2026-11-01' })).statusCode).toBe(403);
    expect(errorOf(await secretary.post('/api/v1/transfers/internal', { memberId: m, toOrgId: u.branchId, effectiveOn: '2026-11-01' })).code).toBe('TRANSFER_SAME_ORG');
    expect(errorOf(await secretary.post('/api/v1/transfers/internal', { memberId: m, toOrgId: u.generalId + 999999, effectiveOn: '2026-11-01' })).code).toBe('ORG_NOT_FOUND');
    const res = await secretary.post('/api/v1/transfers/internal', { memberId: m, toOrgId: u.otherBranchId, effectiveOn: '2026-11-01', notes: '科室调整' });
    expect(res.statusCode).toBe(201);
    // Now outside the secretary's branch: they can no longer edit the member.
    expect(errorOf(await secretary.get(`/api/v1/members/${m}`)).code).toBe('OUT_OF_SCOPE');
    expect(errorOf(await secretary.post('/api/v1/transfers/internal', { memberId: m, toOrgId: u.branchId, effectiveOn: '2026-11-10' })).code).toBe('OUT_OF_SCOPE');
    const profile = (await u.office.get(`/api/v1/members/${m}`)).json();
    expect(profile.orgName).toBe('外科党支部');
    expect(profile.orgPeriods.map((p: { orgName: string; toOn: string | null }) => [p.orgName, p.toOn])).toEqual([
      ['心内科党支部', '2026-11-01'],
      ['外科党支部', null],
    ]);
    // Both branches see the move in their list.
    const item = { id: res.json().id, kind: 'internal', memberId: m, fromOrgName: '心内科党支部', toOrgName: '外科党支部', effectiveOn: '2026-11-01', notes: '科室调整', receiptOverdue: false };
    expect((await secretary.get('/api/v1/transfers')).json().items).toMatchObject([item]);
    expect((await u.office.get('/api/v1/transfers?kind=internal')).json()).toMatchObject({ total: 1, items: [item] });
    // A back-dated transfer before the last change is refused.
    expect(errorOf(await u.office.post('/api/v1/transfers/internal', { memberId: m, toOrgId: u.branchId, effectiveOn: '2026-10-01' })).code).toBe('TRANSFER_DATE_BEFORE_LAST');
  });

  it('takes no member into a party group, and moves no member who is not active', async () => {
    const u = await createOrgsUnit(t, 'tr');
    const [m] = (await u.addMembers(u.branchId, 1)) as [number];
    const group = (await u.office.post('/api/v1/orgs', { parentId: u.otherBranchId, type: 'party_group', name: '外科党小组' })).json().id;
    expect(errorOf(await u.office.post('/api/v1/transfers/internal', { memberId: m, toOrgId: group, effectiveOn: '2026-11-01' })).code).toBe('MEMBER_ORG_NOT_BRANCH');
    expect((await u.office.post('/api/v1/transfers/out', { memberId: m, toOrgName: '中共某大学委员会', effectiveOn: '2026-11-01' })).statusCode).toBe(201);
    expect(errorOf(await u.office.post('/api/v1/transfers/internal', { memberId: m, toOrgId: u.otherBranchId, effectiveOn: '2026-11-10' })).code).toBe('TRANSFER_MEMBER_NOT_ACTIVE');
  });
});

describe('POST /api/v1/transfers/out and the letter', () => {
  it('issues the three-part letter, 党费已交到 from the dues ledger, masked for a secretary, and watches the receipt', async () => {
    const u = await createOrgsUnit(t, 'tr');
    const [m] = (await u.addMembers(u.branchId, 1)) as [number];
    await setCommittee(u.office, u.branchId, [{ post: 'secretary', memberId: m }]);
    const member = await u.db.selectFrom('members').select(['name', 'id_number_enc', 'phone_enc']).where('id', '=', m).executeTakeFirstOrThrow();
    const secretary = await u.as('sec');
    expect((await t.anonymous().post('/api/v1/transfers/out', {})).statusCode).toBe(401);
    expect((await secretary.post('/api/v1/transfers/out', { memberId: m, toOrgName: '中共示例市第二人民医院委员会', effectiveOn: '2026-10-15', validDays: 181 })).statusCode).toBe(400);
    expect((await (await u.as('leader')).post('/api/v1/transfers/out', { memberId: m, toOrgName: '中共示例市第二人民医院委员会', effectiveOn: '2026-10-15' })).statusCode).toBe(403);
    const res = await secretary.post('/api/v1/transfers/out', { memberId: m, toOrgName: '中共示例市第二人民医院委员会', effectiveOn: '2026-10-15' });
    expect(res.statusCode).toBe(201);
    const out = res.json();
    expect(out.letterNo).toBe('2026-001');
    expect(out.receiptDueOn).toBe('2026-11-15');
    expect(out.paidThrough).toBe((await arrearsOf(u.db, u.tenantId, m)).arrears.paidThrough);
    const after = await u.db.selectFrom('members').select('status').where('id', '=', m).executeTakeFirstOrThrow();
    expect(after.status).toBe('transferred_out');
    // The member leaves their committee seat.
    expect((await u.office.get(`/api/v1/orgs/${u.branchId}`)).json().committee).toMatchObject([{ post: 'secretary', memberId: null }]);

    expect((await t.anonymous().get(`/api/v1/transfers/${out.id}/letter`)).statusCode).toBe(401);
    expect((await (await u.as('inspector')).get(`/api/v1/transfers/${out.id}/letter`)).statusCode).toBe(403);
    const letter = await secretary.get(`/api/v1/transfers/${out.id}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-disposition']).toContain(encodeURIComponent(`组织关系介绍信-2026-001-${member.name}.docx`));
    const xml = await documentText(letter.rawPayload);
    expect(xml).toContain('存根');
    expect(xml).toContain('回执');
    expect(xml).toContain('第 2026-001 号');
    expect(xml).toContain(`兹介绍${member.name}同志`);
    expect(xml).toContain('由心内科党支部去中共示例市第二人民医院委员会');
    expect(xml).toContain(`有效期30天`);
    expect(xml).toContain(chineseNumeralDate('2026-10-15'));
    expect(xml).toContain(out.paidThrough ? `党费已交到${chineseNumeralDate(out.paidThrough)}` : '党费已交到　　年　　月');
    // The secretary may not see ID numbers: their copy is masked; the organisation office prints the full one.
    expect(xml).not.toContain(openIdNumber(member.id_number_enc));
    expect(xml).toContain(maskIdNumber(openIdNumber(member.id_number_enc)));
    expect(xml).not.toContain(openPhone(member.phone_enc));
    const full = await documentText((await u.office.get(`/api/v1/transfers/${out.id}/letter`)).rawPayload);
    expect(full).toContain(openIdNumber(member.id_number_enc));
    expect(full).toContain(`中共${u.name}委员会`);
    const printed = await u.db.selectFrom('audit_log').select('summary').where('tenant_id', '=', u.tenantId).where('action', '=', 'export').execute();
    expect(printed).toHaveLength(2);

    // Receipt watch: overdue after a month (today is after 2026-11-15), then received.
    const list = (await u.office.get('/api/v1/transfers?receipt=overdue')).json();
    expect(list).toMatchObject({ total: 1, overdueReceipts: 1, items: [{ id: out.id, receiptOverdue: true, letterNo: '2026-001' }] });
    expect((await u.office.get('/api/v1/transfers?receipt=pending')).json().total).toBe(1);
    expect(errorOf(await secretary.post(`/api/v1/transfers/${out.id}/receipt`, { version: 1, receivedOn: '2026-10-01' })).code).toBe('TRANSFER_RECEIPT_BEFORE_EFFECTIVE');
    expect((await (await u.as('inspector')).post(`/api/v1/transfers/${out.id}/receipt`, { version: 1, receivedOn: '2026-11-20' })).statusCode).toBe(403);
    expect((await secretary.post(`/api/v1/transfers/${out.id}/receipt`, { version: 1, receivedOn: '2026-11-20' })).json()).toEqual({ id: out.id, version: 2 });
    expect((await secretary.post(`/api/v1/transfers/${out.id}/receipt`, { version: 1, receivedOn: '2026-11-20' })).statusCode).toBe(409);
    expect((await u.office.get('/api/v1/transfers?receipt=overdue')).json()).toMatchObject({ total: 0, overdueReceipts: 0 });
    expect((await u.office.get('/api/v1/transfers?receipt=received')).json().items).toMatchObject([{ id: out.id, receiptReceivedOn: '2026-11-20' }]);

    // Letter numbers count up within the year; a number taken is refused.
    const [next] = (await u.addMembers(u.branchId, 1)) as [number];
    expect(errorOf(await u.office.post('/api/v1/transfers/out', { memberId: next, toOrgName: '中共某大学委员会', effectiveOn: '2026-11-01', letterNo: '2026-001' })).code).toBe('TRANSFER_LETTER_TAKEN');
    expect((await u.office.post('/api/v1/transfers/out', { memberId: next, toOrgName: '中共某大学委员会', effectiveOn: '2026-11-01' })).json().letterNo).toBe('2026-002');

    // Another unit sees none of it.
    const other = await createOrgsUnit(t, 'tr');
    expect((await other.office.get('/api/v1/transfers')).json()).toMatchObject({ total: 0, items: [] });
    expect((await other.office.get(`/api/v1/transfers/${out.id}/letter`)).statusCode).toBe(404);
  });

  it('exports the filtered list, the ID numbers masked unless the caller may see them', async () => {
    const u = await createOrgsUnit(t, 'tr');
    const [m] = (await u.addMembers(u.branchId, 1)) as [number];
    await u.office.post('/api/v1/transfers/out', { memberId: m, toOrgName: '中共某大学委员会', effectiveOn: '2026-11-01' });
    const idNumber = openIdNumber((await u.db.selectFrom('members').select('id_number_enc').where('id', '=', m).executeTakeFirstOrThrow()).id_number_enc);
    const rows = async (client: Awaited<ReturnType<typeof u.as>>) => {
      const res = await client.get('/api/v1/transfers/export?kind=out');
      expect(res.statusCode).toBe(200);
      const book = await workbookOf(res);
      return book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    };
    const [full] = await rows(u.office);
    expect(full!.slice(1, 5)).toEqual(['转出', '2026-001', '党员001', idNumber]);
    const [masked] = await rows(await u.as('sec'));
    expect(masked![4]).toBe(maskIdNumber(idNumber));
  });
});

describe('POST /api/v1/transfers/in', () => {
  it('registers a member arriving with a letter, linked by its number', async () => {
    const u = await createOrgsUnit(t, 'tr');
    const secretary = await u.as('sec');
    const body = { name: '戊新', idNumber: idNumberFor('1993-04-05', 21), category: 'full', joinedOn: '2016-06-01', fullOn: '2017-06-01', toOrgId: u.branchId, fromOrgName: '中共某大学委员会', letterNo: 'D-2026-77', effectiveOn: '2026-11-10' };
    expect((await t.anonymous().post('/api/v1/transfers/in', body)).statusCode).toBe(401);
    expect(errorOf(await secretary.post('/api/v1/transfers/in', { ...body, idNumber: '110101199304050000' })).details?.[0]?.path).toBe('body.idNumber');
    expect(errorOf(await secretary.post('/api/v1/transfers/in', { ...body, category: 'probationary' })).details?.[0]?.path).toBe('body.fullOn');
    expect((await (await u.as('leader')).post('/api/v1/transfers/in', body)).statusCode).toBe(403);
    expect(errorOf(await secretary.post('/api/v1/transfers/in', { ...body, toOrgId: u.otherBranchId })).code).toBe('OUT_OF_SCOPE');
    const res = await secretary.post('/api/v1/transfers/in', body);
    expect(res.statusCode).toBe(201);
    expect(errorOf(await secretary.post('/api/v1/transfers/in', body)).code).toBe('TRANSFER_LETTER_TAKEN');
    const profile = (await secretary.get(`/api/v1/members/${res.json().memberId}`)).json();
    expect(profile).toMatchObject({ name: '戊新', gender: 'male', orgName: '心内科党支部', birthDate: '1993-04-05' });
    expect(profile.transfers[0]).toMatchObject({ kind: 'in', letterNo: 'D-2026-77', fromOrgName: '中共某大学委员会' });
    expect(profile.orgPeriods).toMatchObject([{ orgName: '心内科党支部', fromOn: '2026-11-10', toOn: null }]);
    expect((await secretary.get('/api/v1/transfers?kind=in&q=D-2026')).json().total).toBe(1);
    expect((await secretary.get('/api/v1/transfers?kind=in&q=D_2026')).json().total).toBe(0);
    // The same person cannot arrive twice while active.
    expect(errorOf(await secretary.post('/api/v1/transfers/in', { ...body, letterNo: 'D-2026-78' })).code).toBe('MEMBER_ID_NUMBER_TAKEN');
  });

  it('re-activates a member who left earlier', async () => {
    const u = await createOrgsUnit(t, 'tr');
    const [m] = (await u.addMembers(u.branchId, 1)) as [number];
    await u.office.post('/api/v1/transfers/out', { memberId: m, toOrgName: '中共某大学委员会', effectiveOn: '2026-06-01' });
    const row = await u.db.selectFrom('members').select(['id_number_enc', 'name']).where('id', '=', m).executeTakeFirstOrThrow();
    const res = await u.office.post('/api/v1/transfers/in', { name: row.name, idNumber: openIdNumber(row.id_number_enc), category: 'full', joinedOn: '2010-07-01', fullOn: '2011-07-01', toOrgId: u.otherBranchId, fromOrgName: '中共某大学委员会', letterNo: 'B-9', effectiveOn: '2026-11-01' });
    expect(res.json().memberId).toBe(m);
    const back = await u.db.selectFrom('members').select(['status', 'org_id']).where('id', '=', m).executeTakeFirstOrThrow();
    expect(back).toEqual({ status: 'active', org_id: u.otherBranchId });
  });
});

describe('on the demo hospital (smoke)', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await createTestApp();
  });
  afterAll(() => demo?.close());

  it('lists the demo’s transfers with the letter whose 回执 is overdue', async () => {
    const list = (await (await demo.login('org')).get('/api/v1/transfers?kind=out')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.overdueReceipts).toBeGreaterThan(0);
    expect(list.items.some((x: { receiptOverdue: boolean }) => x.receiptOverdue)).toBe(true);
  });
});
