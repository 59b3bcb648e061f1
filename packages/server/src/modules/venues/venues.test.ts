import { DEFAULT_VENUE_STANDARD } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, errorOf } from '../../test/harness.js';
import { createAccount, signIn } from '../../test/fixture.js';
import { PNG_BYTES, postFile } from '../../test/multipart.js';
import { type ServiceUnit, serviceApp, serviceUnit } from '../../test/fixtures/service.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
/** The secretary of the sibling branch (心内科党支部). */
let sibling: Client;
let foreignOrgId: number;

beforeAll(async () => {
  ({ t, u } = await serviceApp('ven', TODAY));
  await createAccount(t.database.db, u.unit, 'ven.sibling', [{ role: 'branch_secretary', orgId: u.otherBranchId }]);
  sibling = await signIn(t, 'ven.sibling');
  foreignOrgId = (await serviceUnit(t, 'vex', 300)).branchId;
}, 120_000);
afterAll(() => t?.close());

/** Five of six items met: 有书报 missing. */
const checklist = (missing: string[] = ['有书报']) => DEFAULT_VENUE_STANDARD.map((item) => ({ item, met: !missing.includes(item), note: missing.includes(item) ? '书架待配' : '' }));
const venue = (orgId: number, extra: Record<string, unknown> = {}) => ({ orgId, name: '急诊楼三楼党员活动室', place: '急诊楼三楼东侧', areaM2: 45.5, seats: 30, checklist: checklist(), checkedOn: '2026-11-01', ...extra });

describe('venues', () => {
  it('POST /venues: 401 → 400 naming the field → 403 → 201, audited', async () => {
    expect((await t.anonymous().post('/api/v1/venues', venue(u.branchId))).statusCode).toBe(401);
    const noName = await u.secretary.post('/api/v1/venues', venue(u.branchId, { name: '' }));
    expect(errorOf(noName).details?.[0]?.path).toBe('body.name');
    const unknownItem = await u.secretary.post('/api/v1/venues', venue(u.branchId, { checklist: [...checklist(), { item: '有电视', met: true }] }));
    expect(unknownItem.statusCode).toBe(400);
    expect(errorOf(unknownItem).details?.[0]).toMatchObject({ path: 'body.checklist[6].item' });
    const foreign = await u.secretary.post('/api/v1/venues', venue(u.branchId, { sharedWith: [u.otherBranchId, foreignOrgId] }));
    expect(foreign.statusCode).toBe(400);
    expect(errorOf(foreign).details?.[0]?.path).toBe('body.sharedWith[1]');
    expect(errorOf((await u.secretary.post('/api/v1/venues', venue(u.branchId, { sharedWith: [u.branchId] })))).details?.[0]?.path).toBe('body.sharedWith[0]');
    expect(errorOf(await u.secretary.post('/api/v1/venues', venue(u.branchId, { checkedOn: '2026-12-01' }))).details?.[0]?.path).toBe('body.checkedOn');
    expect((await u.member.post('/api/v1/venues', venue(u.branchId))).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/venues', venue(u.branchId))).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/venues', venue(u.otherBranchId))).statusCode).toBe(403);
    const created = await u.secretary.post('/api/v1/venues', venue(u.branchId, { sharedWith: [u.otherBranchId] }));
    expect(created.statusCode).toBe(201);
    const detail = (await u.secretary.get(`/api/v1/venues/${created.json().id}`)).json();
    expect(detail).toMatchObject({ orgId: u.branchId, areaM2: 45.5, seats: 30, gaps: ['有书报'], sharedWith: [{ orgId: u.otherBranchId, orgName: '心内科党支部' }], canEdit: true, photoList: [] });
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'venue').execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('GET /venues and /:id: a secretary sees own and shared venues, never another branch’s; PUT 409 on a stale version; DELETE', async () => {
    const shared = (await u.secretary.post('/api/v1/venues', venue(u.branchId, { name: '内科楼党员之家', sharedWith: [u.otherBranchId], checklist: checklist([]) }))).json().id;
    const own = (await u.secretary.post('/api/v1/venues', venue(u.branchId, { name: '急诊科示教室' }))).json().id;
    const others = (await u.office.post('/api/v1/venues', venue(u.otherBranchId, { name: '心内科会议室', checklist: checklist(['有标志', '有党旗']) }))).json().id;
    expect((await t.anonymous().get('/api/v1/venues')).statusCode).toBe(401);
    expect((await u.secretary.get('/api/v1/venues?onlyGaps=perhaps')).statusCode).toBe(400);
    expect((await u.member.get('/api/v1/venues')).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/venues/${others}`)).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/venues?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    const mine = (await u.secretary.get('/api/v1/venues?pageSize=100')).json();
    expect(mine.items.map((v: { id: number }) => v.id)).not.toContain(others);
    expect(mine.items.map((v: { id: number }) => v.id)).toEqual(expect.arrayContaining([shared, own]));
    expect(mine.standard).toEqual([...DEFAULT_VENUE_STANDARD]);

    // The sibling branch sees the shared venue and its own, cannot change the shared one.
    const theirs = (await sibling.get('/api/v1/venues?pageSize=100')).json().items.map((v: { id: number }) => v.id);
    expect(theirs).toEqual(expect.arrayContaining([shared, others]));
    expect(theirs).not.toContain(own);
    expect((await sibling.get(`/api/v1/venues/${shared}`)).json()).toMatchObject({ canEdit: false, orgId: u.branchId });
    expect((await sibling.put(`/api/v1/venues/${shared}`, { ...venue(u.branchId), version: 1 })).statusCode).toBe(403);
    expect((await sibling.delete(`/api/v1/venues/${shared}?version=1`)).statusCode).toBe(403);
    expect((await sibling.get(`/api/v1/venues/${own}`)).statusCode).toBe(403);

    const gaps = (await u.office.get('/api/v1/venues?onlyGaps=true&pageSize=100')).json().items.map((v: { id: number }) => v.id);
    expect(gaps).toEqual(expect.arrayContaining([own, others]));
    expect(gaps).not.toContain(shared);
    const under = (await u.office.get(`/api/v1/venues?orgId=${u.otherBranchId}&pageSize=100`)).json().items.map((v: { id: number }) => v.id);
    expect(under).toEqual(expect.arrayContaining([shared, others]));
    expect(under).not.toContain(own);

    expect((await u.secretary.put(`/api/v1/venues/${own}`, { ...venue(u.branchId, { name: '急诊科示教室', checklist: checklist([]) }), version: 1 })).statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/venues/${own}`, { ...venue(u.branchId), version: 1 })).statusCode).toBe(409);
    expect((await u.secretary.get(`/api/v1/venues/${own}`)).json()).toMatchObject({ version: 2, gaps: [] });
    expect((await u.secretary.delete(`/api/v1/venues/${others}?version=1`)).statusCode).toBe(403);
    expect((await u.secretary.delete(`/api/v1/venues/${own}?version=1`)).statusCode).toBe(409);
    expect((await u.secretary.delete(`/api/v1/venues/${own}?version=2`)).statusCode).toBe(204);
    expect((await u.secretary.get(`/api/v1/venues/${own}`)).statusCode).toBe(404);
  });

  it('GET /venues/share-candidates: a secretary may share with a sibling branch outside their scope', async () => {
    expect((await t.anonymous().get('/api/v1/venues/share-candidates')).statusCode).toBe(401);
    expect((await u.member.get('/api/v1/venues/share-candidates')).statusCode).toBe(403);
    const names = (await u.secretary.get('/api/v1/venues/share-candidates')).json().map((o: { name: string }) => o.name);
    expect(names).toEqual(['内科党总支', '急诊科全科医学科党支部', '心内科党支部']);
  });

  it('photos: optional; 400 on a file that is not evidence → 403 → 201 → download → withdraw', async () => {
    const id = (await u.secretary.post('/api/v1/venues', venue(u.branchId, { name: '门诊楼党员服务岗', sharedWith: [u.otherBranchId] }))).json().id;
    expect((await t.anonymous().post(`/api/v1/venues/${id}/photos`, {})).statusCode).toBe(401);
    expect((await postFile(u.secretary, `/api/v1/venues/${id}/photos`, { name: 'a.svg', content: Buffer.from('<svg/>') })).statusCode).toBe(400);
    expect((await postFile(u.inspector, `/api/v1/venues/${id}/photos`, { name: '门牌.png', content: PNG_BYTES })).statusCode).toBe(403);
    expect((await postFile(sibling, `/api/v1/venues/${id}/photos`, { name: '门牌.png', content: PNG_BYTES })).statusCode).toBe(403);
    const photo = (await postFile(u.secretary, `/api/v1/venues/${id}/photos`, { name: '门牌.png', content: PNG_BYTES })).json();
    expect((await sibling.get(`/api/v1/venues/${id}/photos/${photo.id}`)).headers['content-type']).toBe('image/png');
    expect((await u.secretary.get(`/api/v1/venues/${id}`)).json().photos).toBe(1);
    expect((await sibling.post(`/api/v1/venues/${id}/photos/${photo.id}/withdraw`, { reason: '传错了' })).statusCode).toBe(403);
    expect((await u.secretary.post(`/api/v1/venues/${id}/photos/${photo.id}/withdraw`, { reason: '' })).statusCode).toBe(400);
    expect((await u.secretary.post(`/api/v1/venues/${id}/photos/${photo.id}/withdraw`, { reason: '传错了' })).json().withdrawn).toBe(true);
    expect((await u.secretary.get(`/api/v1/venues/${id}/photos/${photo.id}`)).statusCode).toBe(404);
  });

  it('GET /venues/export: one column per standard item, ✓/✗; 401 → 400 → 403 → 200', async () => {
    await u.office.post('/api/v1/venues', venue(u.otherBranchId, { name: '导出用阵地', sharedWith: [u.branchId], checklist: checklist(['有制度']) }));
    expect((await t.anonymous().get('/api/v1/venues/export')).statusCode).toBe(401);
    expect((await u.office.get('/api/v1/venues/export?orgId=x')).statusCode).toBe(400);
    expect((await u.member.get('/api/v1/venues/export')).statusCode).toBe(403);
    const res = await u.office.get('/api/v1/venues/export?onlyGaps=true');
    expect(res.statusCode).toBe(200);
    const book = await workbookOf(res);
    const sheet = book.worksheets[0]!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual(['阵地', '位置', '所属组织', '共用组织', ...DEFAULT_VENUE_STANDARD, '检查日期']);
    const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) => row(i + 3));
    expect(rows.find((r) => r[0] === '导出用阵地')).toEqual(['导出用阵地', '急诊楼三楼东侧', '心内科党支部', '急诊科全科医学科党支部', '✓', '✓', '✓', '✓', '✓', '✗', '2026-11-01']);
    expect(rows.every((r) => r.includes('✗'))).toBe(true);
  });

  it('GET/PUT /venues/settings: the office edits the standard, a secretary reads it; an item taken off stays valid on a venue that has it', async () => {
    const id = (await u.secretary.post('/api/v1/venues', venue(u.branchId, { name: '设置用阵地' }))).json().id;
    expect((await t.anonymous().get('/api/v1/venues/settings')).statusCode).toBe(401);
    const current = (await u.secretary.get('/api/v1/venues/settings')).json();
    expect(current).toEqual({ standard: [...DEFAULT_VENUE_STANDARD], version: 0 });
    expect((await u.office.put('/api/v1/venues/settings', { standard: ['有场所', '有场所'], version: 0 })).statusCode).toBe(400);
    expect((await u.office.put('/api/v1/venues/settings', { standard: [], version: 0 })).statusCode).toBe(400);
    const next = { standard: ['有场所', '有设施', '有标志', '有党旗', '有制度', '有网络'], version: 0 };
    expect((await u.secretary.put('/api/v1/venues/settings', next)).statusCode).toBe(403);
    expect((await u.office.put('/api/v1/venues/settings', next)).statusCode).toBe(200);
    expect((await u.office.put('/api/v1/venues/settings', next)).statusCode).toBe(409);
    const detail = (await u.secretary.get(`/api/v1/venues/${id}`)).json();
    expect(detail.gaps).toEqual(['有网络']);
    // 有书报 is off the list but stays on this venue; a new venue may not take it.
    expect((await u.secretary.put(`/api/v1/venues/${id}`, { ...venue(u.branchId, { name: '设置用阵地' }), version: 1 })).statusCode).toBe(200);
    expect(errorOf(await u.secretary.post('/api/v1/venues', venue(u.branchId))).details?.[0]?.path).toBe('body.checklist[4].item');
    await u.office.put('/api/v1/venues/settings', { standard: [...DEFAULT_VENUE_STANDARD], version: 1 });
  });
});
