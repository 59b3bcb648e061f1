import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { proposeProject, projectBody } from '../../test/fixtures/projects.js';
import { type ServiceUnit, createSeries, eventBody, recordEvent, serviceApp, serviceUnit } from '../../test/fixtures/service.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
let foreign: ServiceUnit;
/** Records of the fixture the figures and evidence point at. */
const rec = {} as { seriesId: number; event2026: number; otherBranchEvent: number; foreignEvent: number; honourId: number; projectId: number };

const brandBody = (orgId: number, extra: Record<string, unknown> = {}) => ({ orgId, name: '四急四聚焦', slogan: '急中生智 急流勇进 急蹄稳步 急人所急', summary: '「四急四聚焦」背景下的新时代党支部建设体系', startedOn: '2019-09-01', ...extra });

beforeAll(async () => {
  ({ t, u } = await serviceApp('brd', TODAY));
  foreign = await serviceUnit(t, 'brx', 300);
  const [a, b, c] = u.memberIds as [number, number, number];
  // The branch's year 2026: three events (two of them issues 11 and 12 of its series), known hours,
  // people served and trainees; one event of 2025; one of the other branch (not the brand's).
  rec.seriesId = await createSeries(u.secretary, u.branchId, '急救知识进万家', 10);
  rec.event2026 = await recordEvent(u.secretary, eventBody(u.branchId, { title: '急救知识进校园', heldOn: '2026-03-10', beneficiaries: 300, trained: 120, seriesId: rec.seriesId }, [[a, 2], [b, 1.5]]));
  await recordEvent(u.secretary, eventBody(u.branchId, { title: '急救知识进社区', heldOn: '2026-06-18', beneficiaries: 150, trained: 80, seriesId: rec.seriesId }, [[a, 3], [c, 3]]));
  await recordEvent(u.secretary, eventBody(u.branchId, { kind: '义诊', title: '社区义诊', heldOn: '2026-09-05', beneficiaries: 60, trained: 0 }, [[b, 4]]));
  await recordEvent(u.secretary, eventBody(u.branchId, { title: '急救知识进工地', heldOn: '2025-11-02', beneficiaries: 500, trained: 200 }, [[a, 10]]));
  rec.otherBranchEvent = await recordEvent(u.office, eventBody(u.otherBranchId, { title: '心内科义诊', heldOn: '2026-05-05', beneficiaries: 999, trained: 999 }, [[u.otherMemberId, 9]]));
  rec.foreignEvent = await recordEvent(foreign.secretary, eventBody(foreign.branchId, { title: '外院科普', heldOn: '2026-05-05' }, [[foreign.memberIds[0]!, 1]]));
  const honour = await u.secretary.post('/api/v1/honours', { holder: 'org', orgId: u.branchId, level: '国家级', type: '全国党建工作样板支部', issuer: '教育部', awardedOn: '2026-06-28' });
  rec.honourId = honour.json().id;
  await u.secretary.post('/api/v1/honours', { holder: 'member', memberId: a, level: '院级', type: '优秀共产党员', awardedOn: '2026-07-01' });
  rec.projectId = await proposeProject(u.secretary, projectBody(u.branchId, [a, b]));
}, 180_000);
afterAll(() => t?.close());

async function brandOf(orgId = u.branchId, name = '四急四聚焦'): Promise<{ id: number; version: number }> {
  const res = await u.office.post('/api/v1/brands', brandBody(orgId, { name }));
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, version: 1 };
}

describe('brands', () => {
  it('POST /brands: 401 → 400 naming the field → 403 (role, other branch) → 201, audited', async () => {
    expect((await t.anonymous().post('/api/v1/brands', brandBody(u.branchId))).statusCode).toBe(401);
    const bad = await u.secretary.post('/api/v1/brands', brandBody(u.branchId, { name: '' }));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]).toMatchObject({ path: 'body.name' });
    const unknownOrg = await u.secretary.post('/api/v1/brands', brandBody(foreign.branchId));
    expect(unknownOrg.statusCode).toBe(400);
    expect(errorOf(unknownOrg).details?.[0]).toMatchObject({ path: 'body.orgId' });
    expect((await u.member.post('/api/v1/brands', brandBody(u.branchId))).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/brands', brandBody(u.branchId))).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/brands', brandBody(u.otherBranchId))).statusCode).toBe(403);
    const created = await u.secretary.post('/api/v1/brands', brandBody(u.branchId, { name: '急先锋' }));
    expect(created.statusCode).toBe(201);
    const again = await u.secretary.post('/api/v1/brands', brandBody(u.branchId, { name: '急先锋' }));
    expect(again.statusCode).toBe(400);
    expect(errorOf(again).details?.[0]).toMatchObject({ path: 'body.name' });
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'brand').execute();
    expect(audit.map((a) => a.summary)).toContain('创建党建品牌：急先锋');
  });

  it('GET /brands and /brands/:id follow scope; PUT 409 on a stale version; DELETE', async () => {
    const own = await brandOf(u.branchId, '热血先锋');
    const other = await brandOf(u.otherBranchId, '心连心');
    expect((await t.anonymous().get('/api/v1/brands')).statusCode).toBe(401);
    expect((await u.secretary.get('/api/v1/brands?orgId=abc')).statusCode).toBe(400);
    expect((await u.member.get('/api/v1/brands')).statusCode).toBe(403);
    const mine = (await u.secretary.get('/api/v1/brands')).json() as Array<{ id: number; orgName: string }>;
    expect(mine.map((b) => b.id)).toContain(own.id);
    expect(mine.map((b) => b.id)).not.toContain(other.id);
    expect((await u.inspector.get('/api/v1/brands')).json().map((b: { id: number }) => b.id)).toEqual(expect.arrayContaining([own.id, other.id]));
    expect((await foreign.office.get('/api/v1/brands')).json()).toEqual([]);

    expect((await u.secretary.get(`/api/v1/brands/${other.id}`)).statusCode).toBe(403);
    expect((await foreign.office.get(`/api/v1/brands/${own.id}`)).statusCode).toBe(404);
    expect((await u.secretary.get(`/api/v1/brands/${own.id}?year=abc`)).statusCode).toBe(400);
    const page = (await u.inspector.get(`/api/v1/brands/${own.id}`)).json();
    expect(page).toMatchObject({ brand: { name: '热血先锋', orgName: '急诊科全科医学科党支部' }, year: 2026, canEdit: false, figures: [], elements: [], rules: [] });
    expect((await u.secretary.get(`/api/v1/brands/${own.id}`)).json().canEdit).toBe(true);

    expect((await u.inspector.put(`/api/v1/brands/${own.id}`, { ...brandBody(u.branchId, { name: '热血先锋' }), version: 1 })).statusCode).toBe(403);
    expect((await u.secretary.put(`/api/v1/brands/${other.id}`, { ...brandBody(u.otherBranchId, { name: '心连心' }), version: 1 })).statusCode).toBe(403);
    expect((await u.secretary.put(`/api/v1/brands/${own.id}`, { ...brandBody(u.branchId, { name: '热血先锋', slogan: '满腔热血 冲锋在前' }), version: 1 })).statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/brands/${own.id}`, { ...brandBody(u.branchId, { name: '热血先锋' }), version: 1 })).statusCode).toBe(409);
    expect((await u.secretary.delete(`/api/v1/brands/${own.id}?version=1`)).statusCode).toBe(409);
    expect((await u.secretary.delete(`/api/v1/brands/${other.id}?version=1`)).statusCode).toBe(403);
    expect((await u.secretary.delete(`/api/v1/brands/${own.id}?version=2`)).statusCode).toBe(204);
    expect((await u.secretary.get(`/api/v1/brands/${own.id}`)).statusCode).toBe(404);
  });

  it('elements: 401 → 400 → 403 → 201 with an owner (member or name); PUT 409 when stale; DELETE', async () => {
    const brand = await brandOf(u.branchId, '12345');
    const url = `/api/v1/brands/${brand.id}/elements`;
    const centre = { title: '一个中心', description: '以患者为中心', ownerMemberId: u.memberIds[0] };
    expect((await t.anonymous().post(url, centre)).statusCode).toBe(401);
    expect((await u.secretary.post(url, { ...centre, title: '' })).statusCode).toBe(400);
    const unknownOwner = await u.secretary.post(url, { ...centre, ownerMemberId: foreign.memberIds[0] });
    expect(unknownOwner.statusCode).toBe(400);
    expect(errorOf(unknownOwner).details?.[0]).toMatchObject({ path: 'body.ownerMemberId' });
    expect((await u.inspector.post(url, centre)).statusCode).toBe(403);
    const id = (await u.secretary.post(url, centre)).json().id;
    await u.secretary.post(url, { title: '两个角色', ownerName: '支部委员会' });
    const page = (await u.secretary.get(`/api/v1/brands/${brand.id}`)).json();
    expect(page.elements.map((e: { title: string; ownerName: string }) => [e.title, e.ownerName])).toEqual([
      ['一个中心', '李急救'],
      ['两个角色', '支部委员会'],
    ]);
    expect((await u.inspector.put(`${url}/${id}`, { ...centre, version: 1 })).statusCode).toBe(403);
    expect((await u.secretary.put(`${url}/${id}`, { ...centre, description: '始终坚持以患者为中心', version: 1 })).statusCode).toBe(200);
    expect((await u.secretary.put(`${url}/${id}`, { ...centre, version: 1 })).statusCode).toBe(409);
    // An element of another brand is not this brand's.
    const otherBrand = await brandOf(u.branchId, '另一个品牌');
    expect((await u.secretary.put(`/api/v1/brands/${otherBrand.id}/elements/${id}`, { ...centre, version: 2 })).statusCode).toBe(404);
    expect((await u.secretary.delete(`${url}/${id}?version=2`)).statusCode).toBe(204);
  });

  it('rules: a checklist with review intervals; a review is recorded (not in the future, 409 when stale) and sets the next due date', async () => {
    const brand = await brandOf(u.branchId, '融合制度');
    const url = `/api/v1/brands/${brand.id}/rules`;
    const rule = { title: '党建与医疗质量同部署、同检查', ownerName: '支部书记', reviewEveryMonths: 6 };
    expect((await t.anonymous().post(url, rule)).statusCode).toBe(401);
    expect((await u.secretary.post(url, { ...rule, reviewEveryMonths: 0 })).statusCode).toBe(400);
    expect((await u.inspector.post(url, rule)).statusCode).toBe(403);
    const id = (await u.secretary.post(url, rule)).json().id;
    let [r] = (await u.secretary.get(`/api/v1/brands/${brand.id}`)).json().rules;
    expect(r).toMatchObject({ title: rule.title, state: 'never', lastReviewedOn: null, nextReviewOn: '2027-05-23', createdOn: TODAY });

    const review = `${url}/${id}/review`;
    expect((await t.anonymous().post(review, { reviewedOn: '2026-11-20', version: 1 })).statusCode).toBe(401);
    const future = await u.secretary.post(review, { reviewedOn: '2026-12-01', version: 1 });
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).details?.[0]).toMatchObject({ path: 'body.reviewedOn' });
    expect((await u.inspector.post(review, { reviewedOn: '2026-11-20', version: 1 })).statusCode).toBe(403);
    expect((await u.secretary.post(review, { reviewedOn: '2026-05-20', note: '季度检查已落实', version: 1 })).statusCode).toBe(200);
    expect((await u.secretary.post(review, { reviewedOn: '2026-05-20', version: 1 })).statusCode).toBe(409);
    [r] = (await u.secretary.get(`/api/v1/brands/${brand.id}`)).json().rules;
    // Reviewed on 2026-05-20 every 6 months: due 2026-11-20, three days before today.
    expect(r).toMatchObject({ lastReviewedOn: '2026-05-20', reviewNote: '季度检查已落实', nextReviewOn: '2026-11-20', state: 'overdue', version: 2 });

    expect((await u.secretary.put(`${url}/${id}`, { ...rule, reviewEveryMonths: 12, version: 2 })).statusCode).toBe(200);
    expect((await u.secretary.get(`/api/v1/brands/${brand.id}`)).json().rules[0]).toMatchObject({ nextReviewOn: '2027-05-20', state: 'ok' });
    expect((await u.secretary.put(`${url}/${id}`, { ...rule, version: 2 })).statusCode).toBe(409);
    expect((await u.secretary.delete(`${url}/${id}?version=3`)).statusCode).toBe(204);
  });

  it('evidence: links a record under the brand’s org and shows its title and date; refuses one of another branch, another unit, or not existing', async () => {
    const brand = await brandOf(u.branchId, '佐证品牌');
    const ruleId = (await u.secretary.post(`/api/v1/brands/${brand.id}/rules`, { title: '志愿服务常态化' })).json().id;
    const url = `/api/v1/brands/${brand.id}/rules/${ruleId}/evidence`;
    const link = { kind: 'service_event', recordId: rec.event2026 };
    expect((await t.anonymous().post(url, link)).statusCode).toBe(401);
    expect((await u.secretary.post(url, { kind: 'payslip', recordId: rec.event2026 })).statusCode).toBe(400);
    expect((await u.inspector.post(url, link)).statusCode).toBe(403);
    // Another branch's record: out of the secretary's scope (403); the office may see it, but it is not under the brand's org (400).
    expect((await u.secretary.post(url, { kind: 'service_event', recordId: rec.otherBranchEvent })).statusCode).toBe(403);
    const notUnder = await u.office.post(url, { kind: 'service_event', recordId: rec.otherBranchEvent });
    expect(notUnder.statusCode).toBe(400);
    expect(errorOf(notUnder).details?.[0]).toMatchObject({ path: 'body.recordId' });
    // Another unit's record is as unknown as a missing one, and names nothing of it.
    const foreignLink = await u.secretary.post(url, { kind: 'service_event', recordId: rec.foreignEvent });
    expect(foreignLink.statusCode).toBe(400);
    expect(foreignLink.body).not.toContain('外院科普');
    expect((await u.secretary.post(url, { kind: 'honour', recordId: 999_999 })).statusCode).toBe(400);

    const linked = await u.secretary.post(url, link);
    expect(linked.statusCode).toBe(201);
    expect((await u.secretary.post(url, link)).statusCode).toBe(409);
    expect((await u.secretary.post(url, { kind: 'honour', recordId: rec.honourId })).statusCode).toBe(201);
    expect((await u.secretary.post(url, { kind: 'project', recordId: rec.projectId })).statusCode).toBe(201);
    const [rule] = (await u.inspector.get(`/api/v1/brands/${brand.id}`)).json().rules;
    expect(rule.evidence.map((e: { kind: string; title: string; date: string }) => [e.kind, e.title, e.date])).toEqual([
      ['service_event', '急救知识进校园', '2026-03-10'],
      ['honour', '国家级全国党建工作样板支部', '2026-06-28'],
      ['project', '胸痛中心救治时间缩短', '2026-03-01'],
    ]);

    const candidates = (await u.secretary.get(`/api/v1/brands/${brand.id}/evidence-candidates?kind=service_event`)).json() as Array<{ title: string }>;
    expect(candidates.map((c) => c.title)).toContain('急救知识进社区');
    expect(candidates.map((c) => c.title)).not.toContain('心内科义诊');
    expect((await u.secretary.get(`/api/v1/brands/${brand.id}/evidence-candidates?kind=nothing`)).statusCode).toBe(400);
    expect((await u.inspector.get(`/api/v1/brands/${brand.id}/evidence-candidates?kind=service_event`)).statusCode).toBe(403);

    expect((await u.inspector.delete(`${url}/${linked.json().id}`)).statusCode).toBe(403);
    expect((await u.secretary.delete(`${url}/${linked.json().id}`)).statusCode).toBe(204);
    expect((await u.secretary.delete(`${url}/${linked.json().id}`)).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'brand_rule_evidence').execute();
    expect(audit).toHaveLength(4);
  });

  it('figures are computed from the records of the brand’s org for the chosen year, never typed in', async () => {
    const brand = await brandOf(u.branchId, '数据品牌');
    const url = `/api/v1/brands/${brand.id}/figures`;
    const add = (label: string, measure: Record<string, unknown>) => u.secretary.post(url, { label, measure });
    expect((await t.anonymous().post(url, { label: '期数', measure: { source: 'service', measure: 'events' } })).statusCode).toBe(401);
    expect((await add('期数', { source: 'service', measure: 'everything' })).statusCode).toBe(400);
    expect((await add('期数', { source: 'service', measure: 'events', value: 106 })).statusCode).toBe(400);
    const noSeries = await add('期数', { source: 'service', measure: 'series_issues' });
    expect(noSeries.statusCode).toBe(400);
    expect(errorOf(noSeries).details?.[0]).toMatchObject({ path: 'body.measure.seriesId' });
    const foreignSeries = await createSeries(foreign.secretary, foreign.branchId, '外院系列');
    expect((await add('期数', { source: 'service', measure: 'series_issues', seriesId: foreignSeries })).statusCode).toBe(400);
    expect((await u.inspector.post(url, { label: '期数', measure: { source: 'service', measure: 'events' } })).statusCode).toBe(403);

    for (const [label, measure] of [
      ['本年期数', { source: 'service', measure: 'series_issues', seriesId: rec.seriesId }],
      ['累计期数', { source: 'service', measure: 'series_issues', seriesId: rec.seriesId, period: 'to_date' }],
      ['活动次数', { source: 'service', measure: 'events' }],
      ['志愿服务时长', { source: 'service', measure: 'hours' }],
      ['参与人次', { source: 'service', measure: 'participations' }],
      ['服务群众', { source: 'service', measure: 'beneficiaries' }],
      ['培训人数', { source: 'service', measure: 'trainees' }],
      ['义诊次数', { source: 'service', measure: 'events', kinds: ['义诊'] }],
      ['国家级荣誉', { source: 'honours', levels: ['国家级'] }],
      ['全部荣誉', { source: 'honours' }],
      ['一线项目', { source: 'projects', measure: 'started' }],
    ] as const) {
      expect((await add(label, measure)).statusCode).toBe(201);
    }
    const values = async (year?: number) =>
      Object.fromEntries(((await u.inspector.get(`/api/v1/brands/${brand.id}${year ? `?year=${year}` : ''}`)).json().figures as Array<{ label: string; value: number }>).map((f) => [f.label, f.value]));
    // 2026: issues 11 and 12; hours 2 + 1.5 + 3 + 3 + 4; the other branch's 999 never counted.
    expect(await values()).toEqual({ 本年期数: 2, 累计期数: 12, 活动次数: 3, 志愿服务时长: 13.5, 参与人次: 5, 服务群众: 510, 培训人数: 200, 义诊次数: 1, 国家级荣誉: 1, 全部荣誉: 2, 一线项目: 1 });
    expect(await values(2025)).toEqual({ 本年期数: 0, 累计期数: 0, 活动次数: 1, 志愿服务时长: 10, 参与人次: 1, 服务群众: 500, 培训人数: 200, 义诊次数: 0, 国家级荣誉: 0, 全部荣誉: 0, 一线项目: 0 });

    // A brand of the general branch reads its subtree (both branches) or the org alone.
    const general = await brandOf(u.generalId, '总支品牌');
    await u.office.post(`/api/v1/brands/${general.id}/figures`, { label: '服务群众', measure: { source: 'service', measure: 'beneficiaries' } });
    await u.office.post(`/api/v1/brands/${general.id}/figures`, { label: '本级', measure: { source: 'service', measure: 'beneficiaries', orgScope: 'org' } });
    const g = (await u.office.get(`/api/v1/brands/${general.id}?year=2026`)).json().figures.map((f: { value: number }) => f.value);
    expect(g).toEqual([510 + 999, 0]);

    const figure = (await u.secretary.get(`/api/v1/brands/${brand.id}`)).json().figures[0];
    expect((await u.secretary.put(`${url}/${figure.id}`, { label: '急救知识进万家期数', measure: figure.measure, version: 1 })).statusCode).toBe(200);
    expect((await u.secretary.put(`${url}/${figure.id}`, { label: '期数', measure: figure.measure, version: 1 })).statusCode).toBe(409);
    expect((await u.secretary.delete(`${url}/${figure.id}?version=1`)).statusCode).toBe(409);
    expect((await u.secretary.delete(`${url}/${figure.id}?version=2`)).statusCode).toBe(204);
  });

  it('GET /brands/:id/export: 401 → 400 → 403 → the brand page as Excel', async () => {
    const brand = await brandOf(u.branchId, '导出品牌');
    await u.secretary.post(`/api/v1/brands/${brand.id}/elements`, { title: '三个素质', ownerName: '宣传委员' });
    const ruleId = (await u.secretary.post(`/api/v1/brands/${brand.id}/rules`, { title: '三会一课与业务学习结合' })).json().id;
    await u.secretary.post(`/api/v1/brands/${brand.id}/rules/${ruleId}/evidence`, { kind: 'service_event', recordId: rec.event2026 });
    await u.secretary.post(`/api/v1/brands/${brand.id}/figures`, { label: '服务群众', unit: '人次', measure: { source: 'service', measure: 'beneficiaries' } });
    expect((await t.anonymous().get(`/api/v1/brands/${brand.id}/export`)).statusCode).toBe(401);
    expect((await u.secretary.get(`/api/v1/brands/${brand.id}/export?year=1`)).statusCode).toBe(400);
    expect((await u.member.get(`/api/v1/brands/${brand.id}/export`)).statusCode).toBe(403);
    const res = await u.inspector.get(`/api/v1/brands/${brand.id}/export?year=2026`);
    expect(res.statusCode).toBe(200);
    const book = await workbookOf(res);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toEqual(expect.arrayContaining(['服务群众', 510, '三个素质', '宣传委员', '三会一课与业务学习结合', '2026-03-10 急救知识进校园'].map(String)));
  });
});

describe('the demo hospital’s brands', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await createTestApp();
  }, 180_000);
  afterAll(() => demo?.close());

  it('has 四急四聚焦 and 热血先锋 of the 急诊 branch and 12345 with its 12 rules, figures counted from the records, rules reviewed with evidence', async () => {
    const org = await demo.login('org');
    const brands = (await org.get('/api/v1/brands')).json() as Array<{ id: number; name: string; orgName: string; rules: number }>;
    expect(brands.map((b) => [b.name, b.orgName])).toEqual(
      expect.arrayContaining([
        ['四急四聚焦', '急诊科全科医学科党支部'],
        ['热血先锋', '急诊科全科医学科党支部'],
        ['12345', '神经内科党支部'],
      ]),
    );
    const n12345 = (await org.get(`/api/v1/brands/${brands.find((b) => b.name === '12345')!.id}`)).json();
    expect(n12345.rules).toHaveLength(12);
    expect(n12345.elements.map((e: { title: string }) => e.title)).toEqual(['一个中心', '两个角色', '三个素质', '四个能力', '五项基本功']);
    const states = new Set(n12345.rules.map((r: { state: string }) => r.state));
    expect(states.has('overdue') && states.has('ok')).toBe(true);
    const four = (await org.get(`/api/v1/brands/${brands.find((b) => b.name === '四急四聚焦')!.id}`)).json();
    const figures = Object.fromEntries(four.figures.map((f: { label: string; value: number }) => [f.label, f.value]));
    expect(figures['“急救知识进万家”累计期数']).toBeGreaterThan(67);
    expect(figures['志愿服务时长']).toBeGreaterThan(0);
    expect(figures['服务群众']).toBeGreaterThan(0);
    const evidence = four.rules.flatMap((r: { evidence: Array<{ title: string; date: string }> }) => r.evidence);
    expect(evidence.length).toBeGreaterThanOrEqual(4);
    expect(evidence.every((e: { title: string; date: string }) => e.title !== '' && /^\d{4}-\d{2}-\d{2}$/.test(e.date))).toBe(true);
  });
});
