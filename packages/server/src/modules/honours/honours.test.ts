import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, errorOf } from '../../test/harness.js';
import { PNG_BYTES, postFile } from '../../test/multipart.js';
import { type ServiceUnit, eventBody, recordEvent, serviceApp } from '../../test/fixtures/service.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;

beforeAll(async () => {
  ({ t, u } = await serviceApp('hon', TODAY));
}, 120_000);
afterAll(() => t?.close());

const orgHonour = (orgId: number, extra: Record<string, unknown> = {}) => ({ holder: 'org', orgId, level: '省级', type: '先进基层党组织', issuer: '省委教育工委', awardedOn: '2025-06-28', ...extra });
const programme = (orgId: number, extra: Record<string, unknown> = {}) => ({
  orgId,
  title: '第二批全国党建工作样板支部培育创建',
  level: '国家级',
  type: '全国党建工作样板支部',
  issuer: '教育部思想政治工作司',
  startedOn: '2024-03-01',
  milestones: [
    { title: '建设方案', dueOn: '2024-04-30', doneOn: '2024-04-20' },
    { title: '中期检查材料', dueOn: '2025-03-31' },
  ],
  ...extra,
});

describe('honours', () => {
  it('POST /honours: 401 → 400 naming the field → 403 → 201, audited; a member’s honour lies in the member’s branch', async () => {
    expect((await t.anonymous().post('/api/v1/honours', orgHonour(u.branchId))).statusCode).toBe(401);
    const bad = await u.secretary.post('/api/v1/honours', orgHonour(u.branchId, { level: '宇宙级' }));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]).toMatchObject({ path: 'body.level' });
    expect((await u.secretary.post('/api/v1/honours', orgHonour(u.branchId, { awardedOn: '2027-01-01' }))).statusCode).toBe(400);
    expect((await u.secretary.post('/api/v1/honours', { ...orgHonour(u.branchId), holder: 'member' })).statusCode).toBe(400);
    expect((await u.member.post('/api/v1/honours', orgHonour(u.branchId))).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/honours', orgHonour(u.branchId))).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/honours', orgHonour(u.otherBranchId))).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/honours', { holder: 'member', memberId: u.otherMemberId, level: '院级', type: '优秀共产党员', awardedOn: '2026-06-30' })).statusCode).toBe(403);
    const created = await u.secretary.post('/api/v1/honours', orgHonour(u.branchId));
    expect(created.statusCode).toBe(201);
    const person = await u.secretary.post('/api/v1/honours', { holder: 'member', memberId: u.memberIds[0], level: '院级', type: '优秀共产党员', awardedOn: '2026-06-30' });
    const detail = (await u.secretary.get(`/api/v1/honours/${person.json().id}`)).json();
    expect(detail).toMatchObject({ orgId: u.branchId, memberName: '李急救', level: '院级', canEdit: true, evidence: [] });
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'honour').execute();
    expect(audit).toHaveLength(2);
  });

  it('GET /honours and /:id: 401 → 400 → 403 → 200; PUT 409 on a stale version; DELETE', async () => {
    const other = (await u.office.post('/api/v1/honours', orgHonour(u.otherBranchId, { type: '最佳党日活动', level: '校级' }))).json().id;
    const own = (await u.secretary.post('/api/v1/honours', orgHonour(u.branchId, { type: '最佳党日活动', level: '校级' }))).json().id;
    expect((await t.anonymous().get('/api/v1/honours')).statusCode).toBe(401);
    expect((await u.secretary.get('/api/v1/honours?holder=nobody')).statusCode).toBe(400);
    expect((await u.member.get('/api/v1/honours')).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/honours/${other}`)).statusCode).toBe(403);
    const list = (await u.secretary.get('/api/v1/honours?type=最佳党日活动')).json();
    expect(list.items.map((h: { id: number }) => h.id)).toEqual([own]);
    expect((await u.inspector.get('/api/v1/honours?type=最佳党日活动')).json().total).toBe(2);
    expect((await u.secretary.put(`/api/v1/honours/${own}`, { ...orgHonour(u.branchId, { type: '最佳党日活动', level: '校级', title: '“三级联动”主题党日' }), version: 1 })).statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/honours/${own}`, { ...orgHonour(u.branchId, { type: '最佳党日活动', level: '校级' }), version: 1 })).statusCode).toBe(409);
    expect((await u.secretary.delete(`/api/v1/honours/${other}?version=1`)).statusCode).toBe(403);
    expect((await u.secretary.delete(`/api/v1/honours/${own}?version=2`)).statusCode).toBe(204);
  });

  it('evidence files: 400 on a file that is not evidence → 403 → 201 → download → withdraw', async () => {
    const id = (await u.secretary.post('/api/v1/honours', orgHonour(u.branchId, { type: '标杆院系' }))).json().id;
    expect((await postFile(u.secretary, `/api/v1/honours/${id}/files`, { name: 'a.svg', content: Buffer.from('<svg/>') })).statusCode).toBe(400);
    expect((await postFile(u.inspector, `/api/v1/honours/${id}/files`, { name: '证书.png', content: PNG_BYTES })).statusCode).toBe(403);
    const file = (await postFile(u.secretary, `/api/v1/honours/${id}/files`, { name: '证书.png', content: PNG_BYTES })).json();
    expect((await u.inspector.get(`/api/v1/honours/${id}/files/${file.id}`)).headers['content-type']).toBe('image/png');
    expect((await u.secretary.post(`/api/v1/honours/${id}/files/${file.id}/withdraw`, { reason: '换成扫描件' })).json().withdrawn).toBe(true);
    expect((await u.secretary.get(`/api/v1/honours/${id}/files/${file.id}`)).statusCode).toBe(404);
  });
});

describe('building programmes and the ladder', () => {
  it('runs 立项 → 中期检查 → 验收; acceptance records the honour; stages only move forward; the page shows the org’s evidence', async () => {
    expect((await t.anonymous().post('/api/v1/programmes', programme(u.branchId))).statusCode).toBe(401);
    const bad = await u.secretary.post('/api/v1/programmes', programme(u.branchId, { milestones: [{ title: '方案', doneOn: '2020-01-01' }] }));
    expect(errorOf(bad).details?.[0]?.path).toBe('body.milestones[0].doneOn');
    expect((await u.secretary.post('/api/v1/programmes', programme(u.otherBranchId))).statusCode).toBe(403);
    const id = (await u.secretary.post('/api/v1/programmes', programme(u.branchId, { ownerMemberId: u.memberIds[0] }))).json().id;
    await recordEvent(u.secretary, eventBody(u.branchId, { heldOn: '2025-05-04', beneficiaries: 300 }, [[u.memberIds[1]!, 3]]));
    await recordEvent(u.secretary, eventBody(u.branchId, { heldOn: '2023-05-04', beneficiaries: 999 }));

    const early = await u.secretary.post(`/api/v1/programmes/${id}/stage`, { version: 1, stage: 'accepted', on: '2025-12-01' });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).details?.[0]?.path).toBe('body.stage');
    expect((await u.secretary.post(`/api/v1/programmes/${id}/stage`, { version: 1, stage: 'midterm', on: '2023-01-01' })).statusCode).toBe(400);
    expect((await u.secretary.post(`/api/v1/programmes/${id}/stage`, { version: 1, stage: 'midterm', on: '2025-04-10' })).statusCode).toBe(200);
    expect((await u.secretary.post(`/api/v1/programmes/${id}/stage`, { version: 1, stage: 'accepted', on: '2026-06-01' })).statusCode).toBe(409);

    const ladderBefore = (await u.office.get('/api/v1/honours/ladder')).json();
    const national = ladderBefore.rungs.find((r: { level: string }) => r.level === '国家级');
    expect(national.cultivating.map((p: { id: number; stage: string }) => [p.id, p.stage])).toEqual([[id, 'midterm']]);

    const accepted = await u.secretary.post(`/api/v1/programmes/${id}/stage`, { version: 2, stage: 'accepted', on: '2026-06-01' });
    expect(accepted.statusCode).toBe(200);
    const honourId = accepted.json().honourId;
    expect((await u.secretary.get(`/api/v1/honours/${honourId}`)).json()).toMatchObject({ level: '国家级', type: '全国党建工作样板支部', orgId: u.branchId, awardedOn: '2026-06-01', programmeId: id });
    expect((await u.secretary.delete(`/api/v1/honours/${honourId}?version=1`)).statusCode).toBe(409);
    expect((await u.secretary.put(`/api/v1/programmes/${id}`, { ...programme(u.branchId), version: 3 })).statusCode).toBe(409);

    const page = (await u.secretary.get(`/api/v1/programmes/${id}`)).json();
    expect(page).toMatchObject({ stage: 'accepted', midtermOn: '2025-04-10', closedOn: '2026-06-01', ownerName: '李急救', honourId, canEdit: true });
    expect(page.milestones).toHaveLength(2);
    // Evidence since the programme started: the 2023 event is before it.
    expect(page.evidence.service).toMatchObject({ beneficiaries: 300, hours: 3 });
    expect(page.evidence.honours.map((h: { id: number }) => h.id)).toContain(honourId);

    const ladderAfter = (await u.office.get(`/api/v1/honours/ladder?orgId=${u.generalId}`)).json();
    const rung = ladderAfter.rungs.find((r: { level: string }) => r.level === '国家级');
    expect(rung).toMatchObject({ cultivating: [], held: [expect.objectContaining({ id: honourId, holderName: '急诊科全科医学科党支部' })] });
    expect(ladderAfter.rungs.map((r: { level: string }) => r.level).slice(0, 5)).toEqual(['国家级', '省级', '市级', '校级', '院级']);
    expect((await u.secretary.get(`/api/v1/honours/ladder?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    expect((await u.member.get('/api/v1/honours/ladder')).statusCode).toBe(403);
  });

  it('lists, changes and documents programmes: 401 → 400 → 403 → 200', async () => {
    const id = (await u.secretary.post('/api/v1/programmes', programme(u.branchId, { title: '双带头人工作室', level: '省级', type: '双带头人教师党支部书记工作室' }))).json().id;
    const other = (await u.office.post('/api/v1/programmes', programme(u.otherBranchId, { title: '心内科样板支部' }))).json().id;
    expect((await t.anonymous().get('/api/v1/programmes')).statusCode).toBe(401);
    expect((await u.secretary.get('/api/v1/programmes?stage=done')).statusCode).toBe(400);
    expect((await u.member.get('/api/v1/programmes')).statusCode).toBe(403);
    const list = (await u.secretary.get('/api/v1/programmes?stage=approved')).json();
    expect(list.map((p: { id: number }) => p.id)).toContain(id);
    expect(list.map((p: { id: number }) => p.id)).not.toContain(other);
    expect(list.find((p: { id: number }) => p.id === id)).toMatchObject({ milestonesDone: 1, milestonesTotal: 2 });
    expect((await u.secretary.get(`/api/v1/programmes/${other}`)).statusCode).toBe(403);
    const changed = await u.secretary.put(`/api/v1/programmes/${id}`, { ...programme(u.branchId, { title: '双带头人工作室（改）', level: '省级', type: '双带头人教师党支部书记工作室' }), version: 1 });
    expect(changed.statusCode).toBe(200);
    const doc = await postFile(u.secretary, `/api/v1/programmes/${id}/files`, { name: '申报书.png', content: PNG_BYTES });
    expect(doc.statusCode).toBe(201);
    expect((await u.secretary.get(`/api/v1/programmes/${id}/files/${doc.json().id}`)).statusCode).toBe(200);
    expect((await postFile(u.secretary, `/api/v1/programmes/${other}/files`, { name: '申报书.png', content: PNG_BYTES })).statusCode).toBe(403);
    expect((await u.secretary.post(`/api/v1/programmes/${id}/files/${doc.json().id}/withdraw`, { reason: '重传' })).statusCode).toBe(200);
    expect((await u.secretary.get(`/api/v1/programmes/${id}`)).json().documents[0]).toMatchObject({ withdrawn: true });
  });

  it('GET/PUT /honours/settings: the unit edits levels and types; a branch secretary may not', async () => {
    expect((await t.anonymous().get('/api/v1/honours/settings')).statusCode).toBe(401);
    const current = (await u.secretary.get('/api/v1/honours/settings')).json();
    expect(current.levels).toEqual(['国家级', '省级', '市级', '校级', '院级']);
    const body = { ...current, types: [...current.types, '五四红旗团支部'] };
    expect((await u.office.put('/api/v1/honours/settings', { ...body, levels: ['国家级', '国家级'] })).statusCode).toBe(400);
    expect((await u.secretary.put('/api/v1/honours/settings', body)).statusCode).toBe(403);
    expect((await u.office.put('/api/v1/honours/settings', body)).statusCode).toBe(200);
    expect((await u.secretary.post('/api/v1/honours', orgHonour(u.branchId, { type: '五四红旗团支部' }))).statusCode).toBe(201);
  });
});
