import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { createAccount, signIn } from '../../test/fixture.js';
import { postFile } from '../../test/multipart.js';
import { type ServiceUnit, eventBody, recordEvent, serviceApp } from '../../test/fixtures/service.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
let sibling: Client;
let frameworkId: number;
let adoptionId: number;
let manualAdoptionId: number;

interface Indicator {
  key: string;
  name: string;
  value: number;
  target: number | null;
  progress: number | null;
  branches: Array<{ orgId: number; value: number }>;
}
const indicatorsOf = (values: { dimensions: Array<{ indicators: Indicator[] }> }) => values.dimensions.flatMap((d) => d.indicators);
const indicator = (values: { dimensions: Array<{ indicators: Indicator[] }> }, key: string) => indicatorsOf(values).find((i) => i.key === key)!;

beforeAll(async () => {
  ({ t, u } = await serviceApp('wks', TODAY));
  await createAccount(t.database.db, u.unit, 'wks.sibling', [{ role: 'branch_secretary', orgId: u.otherBranchId }]);
  sibling = await signIn(t, 'wks.sibling');
  // Records the measures read: two events of the branch (one in 2025), one of the sibling branch.
  await recordEvent(u.office, eventBody(u.branchId, { beneficiaries: 200, trained: 120 }, [[u.memberIds[0]!, 3]]));
  await recordEvent(u.office, eventBody(u.branchId, { kind: '义诊', title: '社区义诊', heldOn: '2026-03-02', placeType: '社区', beneficiaries: 80, trained: 0 }, [[u.memberIds[1]!, 2.5]]));
  await recordEvent(u.office, eventBody(u.otherBranchId, { kind: '健康宣教', title: '心血管健康讲座', heldOn: '2026-05-10', beneficiaries: 150, trained: 0 }));
  await recordEvent(u.office, eventBody(u.branchId, { title: '急救知识进社区（去年）', heldOn: '2025-09-01', beneficiaries: 50, trained: 30 }));
}, 120_000);
afterAll(() => t?.close());

describe('work systems', () => {
  it('GET /worksystems/vocabulary: 401 → core’s sources, aggregates and scopes', async () => {
    expect((await t.anonymous().get('/api/v1/worksystems/vocabulary')).statusCode).toBe(401);
    const v = (await u.secretary.get('/api/v1/worksystems/vocabulary')).json();
    expect(v.sources.map((s: { key: string }) => s.key)).toContain('orglife');
    expect(v.aggregates).toContain('on_time');
    expect(v.scopes).toEqual(['org', 'subtree']);
  });

  it('GET /worksystems/templates: 401 → the six built-in templates', async () => {
    expect((await t.anonymous().get('/api/v1/worksystems/templates')).statusCode).toBe(401);
    const list = (await u.secretary.get('/api/v1/worksystems/templates')).json();
    expect(list.map((x: { key: string }) => x.key)).toEqual(['four_dimensions', 'four_emergencies', 'front_line', 'brand_12345', 'pdca_decisions', 'branch_regulation']);
  });

  it('POST /worksystems: 401 → 400 naming the field → 403 → 201 from a template, audited', async () => {
    expect((await t.anonymous().post('/api/v1/worksystems', { templateKey: 'four_emergencies' })).statusCode).toBe(401);
    expect(errorOf(await u.office.post('/api/v1/worksystems', { templateKey: 'nope' })).details?.[0]?.path).toBe('body.templateKey');
    expect(errorOf(await u.office.post('/api/v1/worksystems', { templateKey: 'four_emergencies', colour: 1 })).details?.[0]?.path).toBeDefined();
    expect((await u.member.post('/api/v1/worksystems', { templateKey: 'four_emergencies' })).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/worksystems', { templateKey: 'four_emergencies' })).statusCode).toBe(403);
    // A secretary writes for their branch only, not the 党委's frameworks.
    expect((await u.secretary.post('/api/v1/worksystems', { templateKey: 'four_emergencies' })).statusCode).toBe(403);
    const created = await u.office.post('/api/v1/worksystems', { templateKey: 'four_emergencies' });
    expect(created.statusCode).toBe(201);
    frameworkId = created.json().id;
    expect(errorOf(await u.office.post('/api/v1/worksystems', { templateKey: 'four_emergencies' })).details?.[0]?.path).toBe('body.name');
    const detail = (await u.office.get(`/api/v1/worksystems/${frameworkId}`)).json();
    expect(detail).toMatchObject({ name: '四急四聚焦', orgId: u.unit.rootOrgId, templateKey: 'four_emergencies', versions: [], canWrite: true });
    expect((await u.secretary.get(`/api/v1/worksystems/${frameworkId}`)).json().canWrite).toBe(false);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'worksystem').execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('PUT /worksystems/:id/draft: 400 naming the wrong part of the definition, 403, 409 on a stale version', async () => {
    const detail = (await u.office.get(`/api/v1/worksystems/${frameworkId}`)).json();
    const definition = structuredClone(detail.draft);
    definition.dimensions[1].indicators.push({ key: 'extra', name: '额外', kind: 'measure', measure: { source: 'service', aggregate: 'count' } });
    definition.dimensions[1].indicators[2].measure = { source: 'orglife', aggregate: 'count', filters: { kinds: ['party_lecture', 'xyz'] } };
    const bad = await u.office.put(`/api/v1/worksystems/${frameworkId}/draft`, { name: '四急四聚焦', definition, version: detail.version });
    expect(bad.statusCode).toBe(400);
    // The message names the part in the caller's language, not core's English.
    expect(errorOf(bad).details).toEqual([{ path: 'body.definition.dimensions[1].indicators[2].measure.filters.kinds', message: expect.stringContaining('第 2 个维度 › 第 3 项指标 › 统计口径 › 筛选条件 › kinds') }]);
    expect(errorOf(bad).details?.[0]?.message).toContain('没有取值“xyz”');
    expect(errorOf(bad).details?.[0]?.message).not.toContain('unknown');
    expect((await u.office.put('/api/v1/auth/language', { language: 'en-US' })).statusCode).toBeLessThan(300);
    const english = await u.office.put(`/api/v1/worksystems/${frameworkId}/draft`, { name: '四急四聚焦', definition, version: detail.version });
    expect((await u.office.put('/api/v1/auth/language', { language: 'zh-CN' })).statusCode).toBeLessThan(300);
    expect(errorOf(english).details?.[0]?.message).toContain('dimension 2 › indicator 3 › measure › filters › kinds: the filter "kinds" has no value "xyz" (allowed: ');
    // A shape error (a wrong aggregate) is worded too.
    const shape = structuredClone(definition);
    shape.dimensions[0].indicators[0].measure = { source: 'service', aggregate: 'median' };
    const shaped = errorOf(await u.office.put(`/api/v1/worksystems/${frameworkId}/draft`, { name: '四急四聚焦', definition: shape, version: detail.version })).details ?? [];
    expect(shaped.find((d) => d.path === 'body.definition.dimensions[0].indicators[0].measure.aggregate')?.message).toContain('取值不在允许范围内');
    definition.dimensions[1].indicators[2].measure.filters.kinds = ['party_lecture'];
    expect((await u.secretary.put(`/api/v1/worksystems/${frameworkId}/draft`, { name: '四急四聚焦', definition, version: detail.version })).statusCode).toBe(403);
    expect((await u.member.put(`/api/v1/worksystems/${frameworkId}/draft`, { name: '四急四聚焦', definition, version: detail.version })).statusCode).toBe(403);
    const ok = await u.office.put(`/api/v1/worksystems/${frameworkId}/draft`, { name: '四急四聚焦', definition, version: detail.version });
    expect(ok.statusCode).toBe(200);
    expect((await u.office.put(`/api/v1/worksystems/${frameworkId}/draft`, { name: '四急四聚焦', definition, version: detail.version })).statusCode).toBe(409);
    // Back to the template's definition for the values below.
    expect((await u.office.put(`/api/v1/worksystems/${frameworkId}/draft`, { name: '四急四聚焦', definition: detail.draft, version: ok.json().version })).statusCode).toBe(200);
  });

  it('publish → adopt with targets → values with per-branch figures; drill-down adds up to the value', async () => {
    const before = (await u.office.get(`/api/v1/worksystems/${frameworkId}`)).json();
    expect(errorOf(await u.office.post(`/api/v1/worksystems/${frameworkId}/adoptions`, { year: 2026, targets: {} })).details?.[0]?.path).toBe('body.year');
    expect((await u.office.post(`/api/v1/worksystems/${frameworkId}/publish`, { version: before.version + 5 })).statusCode).toBe(409);
    const published = await u.office.post(`/api/v1/worksystems/${frameworkId}/publish`, { version: before.version });
    expect(published.json()).toMatchObject({ no: 1, publishedOn: TODAY });
    expect(errorOf(await u.office.post(`/api/v1/worksystems/${frameworkId}/adoptions`, { year: 2026, targets: { nope: 1 } })).details?.[0]?.path).toBe('body.targets.nope');
    expect((await u.secretary.post(`/api/v1/worksystems/${frameworkId}/adoptions`, { year: 2026, targets: {} })).statusCode).toBe(403);
    const adopted = await u.office.post(`/api/v1/worksystems/${frameworkId}/adoptions`, { year: 2026, targets: { beneficiaries: 1000, trainees: 100 } });
    expect(adopted.statusCode).toBe(201);
    adoptionId = adopted.json().id;
    expect(errorOf(await u.office.post(`/api/v1/worksystems/${frameworkId}/adoptions`, { year: 2026, targets: {} })).details?.[0]?.path).toBe('body.year');

    expect((await t.anonymous().get(`/api/v1/worksystems/adoptions/${adoptionId}/values`)).statusCode).toBe(401);
    expect((await u.member.get(`/api/v1/worksystems/adoptions/${adoptionId}/values`)).statusCode).toBe(403);
    const values = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/values`)).json();
    expect(values.versionNo).toBe(1);
    expect(indicator(values, 'beneficiaries')).toMatchObject({ value: 430, target: 1000, progress: 43 });
    expect(indicator(values, 'beneficiaries').branches).toEqual(expect.arrayContaining([{ orgId: u.branchId, orgName: '急诊科全科医学科党支部', value: 280 }, { orgId: u.otherBranchId, orgName: '心内科党支部', value: 150 }]));
    expect(indicator(values, 'trainees')).toMatchObject({ value: 120, target: 100, progress: 100 });
    expect(indicator(values, 'first_aid_issues').value).toBe(1);
    expect(indicator(values, 'service_events').value).toBe(3);
    expect(indicator(values, 'volunteer_hours').value).toBe(5.5);
    expect(indicator(values, 'five_into').value).toBe(2);

    for (const key of ['beneficiaries', 'trainees', 'service_events', 'volunteer_hours']) {
      const drill = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/${key}/records?pageSize=200`)).json();
      const total = drill.items.reduce((s: number, r: { amount: number }) => s + r.amount, 0);
      expect(key === 'service_events' ? drill.items.length : total).toBe(indicator(values, key).value);
      expect(drill.value).toBe(indicator(values, key).value);
      expect(drill.total).toBe(drill.items.length);
    }
    // One page at a time, newest first: the pages together are the whole list, and the value stays the whole list's.
    const all = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/service_events/records?pageSize=200`)).json();
    const first = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/service_events/records?pageSize=2`)).json();
    const second = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/service_events/records?pageSize=2&page=2`)).json();
    expect(first).toMatchObject({ total: 3, value: 3 });
    expect(first.items).toHaveLength(2);
    expect(second).toMatchObject({ total: 3, value: 3 });
    expect([...first.items, ...second.items].map((r: { id: number }) => r.id)).toEqual(all.items.map((r: { id: number }) => r.id));
    const dates = all.items.map((r: { date: string }) => r.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const branch = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/beneficiaries/records?orgId=${u.otherBranchId}`)).json();
    expect(branch).toMatchObject({ value: 150, items: [{ title: '心血管健康讲座', linkKind: 'service_event', amount: 150 }] });
    expect(errorOf(await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/nope/records`)).details?.[0]?.path).toBe('params.key');

    const list = (await u.office.get('/api/v1/worksystems?year=2026')).json();
    expect(list.items[0]).toMatchObject({ id: frameworkId, versions: [{ no: 1 }], adoptions: [{ id: adoptionId, versionNo: 1 }] });
  });

  it('a secretary sees only their branch’s values and records', async () => {
    const values = (await u.secretary.get(`/api/v1/worksystems/adoptions/${adoptionId}/values`)).json();
    expect(values.branches).toEqual([{ id: u.branchId, name: '急诊科全科医学科党支部' }]);
    expect(indicator(values, 'beneficiaries')).toMatchObject({ value: 280, branches: [{ orgId: u.branchId, value: 280 }] });
    const drill = (await u.secretary.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/beneficiaries/records`)).json();
    expect(drill.items.map((r: { orgId: number }) => r.orgId)).toEqual([u.branchId, u.branchId]);
    expect((await u.secretary.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/beneficiaries/records?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    expect(indicator((await sibling.get(`/api/v1/worksystems/adoptions/${adoptionId}/values`)).json(), 'beneficiaries').value).toBe(150);
  });

  it('GET /adoptions/:id/export: one row per indicator with its target, one column per branch the caller reaches', async () => {
    expect((await t.anonymous().get(`/api/v1/worksystems/adoptions/${adoptionId}/export`)).statusCode).toBe(401);
    expect((await u.member.get(`/api/v1/worksystems/adoptions/${adoptionId}/export`)).statusCode).toBe(403);
    const sheet = async (client: Client) => {
      const res = await client.get(`/api/v1/worksystems/adoptions/${adoptionId}/export`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = await workbookOf(res);
      const ws = workbook.worksheets[0]!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const office = await sheet(u.office);
    const heading = office[1]!;
    expect(heading.slice(0, 6)).toEqual(['维度', '指标', '单位', '年度目标', '合计', '完成进度（%）']);
    expect(heading).toEqual(expect.arrayContaining(['急诊科全科医学科党支部', '心内科党支部']));
    const values = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/values`)).json();
    expect(office.length - 2).toBe(indicatorsOf(values).length);
    const beneficiaries = office.find((r) => r[1] === indicator(values, 'beneficiaries').name)!;
    expect(beneficiaries[3]).toBe(1000);
    expect(beneficiaries[4]).toBe(430);
    expect(beneficiaries[6 + heading.slice(6).indexOf('心内科党支部')]).toBe(150);
    // A secretary's workbook has their branch's column only.
    const secretary = await sheet(u.secretary);
    expect(secretary[1]!.slice(6)).toEqual(['急诊科全科医学科党支部']);
  });

  it('targets: the office changes them (409 on stale), a secretary cannot change the 党委’s', async () => {
    const adoption = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/values`)).json().adoption;
    expect((await u.secretary.put(`/api/v1/worksystems/adoptions/${adoptionId}/targets`, { targets: { beneficiaries: 1 }, version: adoption.version })).statusCode).toBe(403);
    expect(errorOf(await u.office.put(`/api/v1/worksystems/adoptions/${adoptionId}/targets`, { targets: { nope: 1 }, version: adoption.version })).details?.[0]?.path).toBe('body.targets.nope');
    const ok = await u.office.put(`/api/v1/worksystems/adoptions/${adoptionId}/targets`, { targets: { beneficiaries: 860 }, version: adoption.version });
    expect(ok.statusCode).toBe(200);
    expect((await u.office.put(`/api/v1/worksystems/adoptions/${adoptionId}/targets`, { targets: { beneficiaries: 1 }, version: adoption.version })).statusCode).toBe(409);
    expect(indicator((await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/values`)).json(), 'beneficiaries')).toMatchObject({ target: 860, progress: 50 });
  });

  it('a year is computed with the version in force on its last day; manual values with evidence', async () => {
    // The office builds its own framework with a manual item and publishes twice.
    const id = (await u.office.post('/api/v1/worksystems', { templateKey: 'front_line', name: '五个在一线（试行）' })).json().id;
    let fw = (await u.office.get(`/api/v1/worksystems/${id}`)).json();
    await u.office.post(`/api/v1/worksystems/${id}/publish`, { version: fw.version });
    await t.database.db.updateTable('worksystem_versions').set({ published_on: '2025-03-01' }).where('tenant_id', '=', u.unit.tenantId).where('framework_id', '=', id).execute();
    fw = (await u.office.get(`/api/v1/worksystems/${id}`)).json();
    const v2 = structuredClone(fw.draft);
    v2.dimensions.push({ key: 'service', name: '服务', indicators: [{ key: 'served', name: '服务群众', unit: '人', kind: 'measure', measure: { source: 'service', aggregate: 'sum', field: 'beneficiaries' } }] });
    const saved = (await u.office.put(`/api/v1/worksystems/${id}/draft`, { name: fw.name, definition: v2, version: fw.version })).json();
    expect((await u.office.post(`/api/v1/worksystems/${id}/publish`, { version: saved.version })).json().no).toBe(2);
    const a2025 = (await u.office.post(`/api/v1/worksystems/${id}/adoptions`, { year: 2025, targets: {} })).json().id;
    const a2026 = (await u.office.post(`/api/v1/worksystems/${id}/adoptions`, { year: 2026, targets: { served: 500 } })).json().id;
    manualAdoptionId = a2026;
    const old = (await u.office.get(`/api/v1/worksystems/adoptions/${a2025}/values`)).json();
    expect(old.versionNo).toBe(1);
    expect(indicatorsOf(old).map((i) => i.key)).not.toContain('served');
    const now = (await u.office.get(`/api/v1/worksystems/adoptions/${a2026}/values`)).json();
    expect(now.versionNo).toBe(2);
    expect(indicator(now, 'served').value).toBe(430);

    // Manual values: the secretary for their branch; not for the sibling; never for a computed indicator.
    const manual = { indicatorKey: 'integrity_education', orgId: u.branchId, value: 3, evidence: '廉洁教育三次：观看警示片、参观廉政基地、专题党课', link: '', version: 0 };
    expect((await u.secretary.put(`/api/v1/worksystems/adoptions/${a2026}/manual`, { ...manual, orgId: u.otherBranchId })).statusCode).toBe(403);
    expect(errorOf(await u.secretary.put(`/api/v1/worksystems/adoptions/${a2026}/manual`, { ...manual, indicatorKey: 'served' })).details?.[0]?.path).toBe('body.indicatorKey');
    expect(errorOf(await u.secretary.put(`/api/v1/worksystems/adoptions/${a2026}/manual`, { ...manual, link: 'ftp://x' })).details?.[0]?.path).toBe('body.link');
    const entered = await u.secretary.put(`/api/v1/worksystems/adoptions/${a2026}/manual`, manual);
    expect(entered.statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/worksystems/adoptions/${a2026}/manual`, manual)).statusCode).toBe(409);
    expect((await u.secretary.put(`/api/v1/worksystems/adoptions/${a2026}/manual`, { ...manual, value: 4, version: 1 })).statusCode).toBe(200);
    await sibling.put(`/api/v1/worksystems/adoptions/${a2026}/manual`, { ...manual, orgId: u.otherBranchId, value: 2 });
    expect(indicator((await u.office.get(`/api/v1/worksystems/adoptions/${a2026}/values`)).json(), 'integrity_education').value).toBe(6);
    expect(indicator((await u.secretary.get(`/api/v1/worksystems/adoptions/${a2026}/values`)).json(), 'integrity_education').value).toBe(4);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'worksystem_manual_value').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'create']);
  });

  it('evidence files of a manual value: 400 naming the file (HTML, too large) → 404 for another branch → 201 → listed → download → withdraw keeps the name, drops the content; audited', async () => {
    const valuesUrl = `/api/v1/worksystems/adoptions/${manualAdoptionId}/values`;
    type Manual = { id: number; orgId: number; files: Array<{ id: number; name: string; size: number; createdAt: string; withdrawn: boolean; withdrawnReason: string }> };
    const manualOf = async (client: Client) => (indicator((await client.get(valuesUrl)).json(), 'integrity_education') as unknown as { manualValues: Manual[] }).manualValues;
    const own = (await manualOf(u.secretary)).find((v) => v.orgId === u.branchId)!;
    const theirs = (await manualOf(u.office)).find((v) => v.orgId === u.otherBranchId)!;
    expect(own.files).toEqual([]);
    const url = `/api/v1/worksystems/manual-values/${own.id}/files`;
    const pdf = Buffer.from('%PDF-1.4\n% 廉洁教育签到表\n%%EOF\n');

    expect((await postFile(t.anonymous(), url, { name: '签到表.pdf', content: pdf })).statusCode).toBe(401);
    // A page of HTML is not evidence, whatever its name says: the 400 names the field, in the caller's language.
    const html = await postFile(u.secretary, url, { name: '通知.pdf', content: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), type: 'application/pdf' });
    expect([html.statusCode, errorOf(html).code, errorOf(html).details?.[0]?.path]).toEqual([400, 'UPLOAD_TYPE_NOT_ALLOWED', 'body.file']);
    const english = await postFile(u.secretary, url, { name: 'notice.html', content: Buffer.from('<html></html>') }, {}, { 'accept-language': 'en-US' });
    expect(errorOf(english).details?.[0]?.message).toMatch(/notice\.html/);
    const tooLarge = await postFile(u.secretary, url, { name: '扫描件.pdf', content: Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]) });
    expect([tooLarge.statusCode, errorOf(tooLarge).code, errorOf(tooLarge).details?.[0]?.path]).toEqual([400, 'UPLOAD_TOO_LARGE', 'body.file']);
    // Permission as the value itself: a reader cannot add; the sibling secretary does not see it.
    expect((await postFile(u.inspector, url, { name: '签到表.pdf', content: pdf })).statusCode).toBe(403);
    expect((await postFile(sibling, url, { name: '签到表.pdf', content: pdf })).statusCode).toBe(404);
    expect((await postFile(u.secretary, `/api/v1/worksystems/manual-values/${theirs.id}/files`, { name: '签到表.pdf', content: pdf })).statusCode).toBe(404);
    expect((await postFile(u.secretary, '/api/v1/worksystems/manual-values/999999/files', { name: '签到表.pdf', content: pdf })).statusCode).toBe(404);

    const created = await postFile(u.secretary, url, { name: 'C:\\fakepath\\廉洁教育签到表.pdf', content: pdf });
    expect(created.statusCode).toBe(201);
    const file = created.json();
    expect(file).toMatchObject({ name: '廉洁教育签到表.pdf', contentType: 'application/pdf', size: pdf.length, withdrawn: false });
    expect((await manualOf(u.secretary)).find((v) => v.id === own.id)!.files).toEqual([expect.objectContaining({ id: file.id, name: '廉洁教育签到表.pdf', size: pdf.length, withdrawn: false, createdAt: expect.any(String) })]);

    const download = await u.office.get(`${url}/${file.id}`);
    expect([download.statusCode, download.headers['content-type'], download.headers['x-content-type-options']]).toEqual([200, 'application/pdf', 'nosniff']);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await u.secretary.get(`${url}/${file.id}`)).statusCode).toBe(200);
    expect((await sibling.get(`${url}/${file.id}`)).statusCode).toBe(404);
    expect((await u.secretary.get(`/api/v1/worksystems/manual-values/${theirs.id}/files/${file.id}`)).statusCode).toBe(404);

    expect((await sibling.post(`${url}/${file.id}/withdraw`, { reason: '传错' })).statusCode).toBe(404);
    expect(errorOf(await u.secretary.post(`${url}/${file.id}/withdraw`, { reason: ' ' })).details?.[0]?.path).toBe('body.reason');
    const withdrawn = await u.secretary.post(`${url}/${file.id}/withdraw`, { reason: '传错了，换盖章版' });
    expect(withdrawn.json()).toMatchObject({ id: file.id, name: '廉洁教育签到表.pdf', withdrawn: true, withdrawnReason: '传错了，换盖章版' });
    expect((await u.secretary.post(`${url}/${file.id}/withdraw`, { reason: '再撤一次' })).statusCode).toBe(409);
    expect((await u.office.get(`${url}/${file.id}`)).statusCode).toBe(404);
    const row = await t.database.db.selectFrom('worksystem_manual_files').select(['name', 'size', 'content', 'withdrawn_reason']).where('tenant_id', '=', u.unit.tenantId).where('id', '=', file.id).executeTakeFirstOrThrow();
    expect([row.name, row.size, row.content.length, row.withdrawn_reason]).toEqual(['廉洁教育签到表.pdf', pdf.length, 0, '传错了，换盖章版']);
    expect((await manualOf(u.office)).find((v) => v.id === own.id)!.files[0]).toMatchObject({ name: '廉洁教育签到表.pdf', withdrawn: true, withdrawnReason: '传错了，换盖章版' });

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id', 'summary']).where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'worksystem_manual_file').orderBy('id').execute();
    expect(audit.map((a) => [a.action, Number(a.entity_id)])).toEqual([['create', file.id], ['update', file.id]]);
    expect(audit[1]!.summary).toContain('传错了，换盖章版');
  });
});

describe('the demo hospital', () => {
  it('adopts the six templates for the year; every indicator computes a real value from the records', async () => {
    const demo = await createTestApp({ today: () => TODAY });
    try {
      const org = await demo.login('org');
      const list = (await org.get('/api/v1/worksystems?year=2026')).json();
      expect(list.items.map((f: { templateKey: string }) => f.templateKey)).toEqual(['four_dimensions', 'four_emergencies', 'front_line', 'brand_12345', 'pdca_decisions', 'branch_regulation']);
      const zero: string[] = [];
      const report: string[] = [];
      for (const f of list.items) {
        const values = (await org.get(`/api/v1/worksystems/adoptions/${f.adoptions[0].id}/values`)).json();
        // The list counts in the database what the values compute from the rows: the same average progress.
        const progresses = indicatorsOf(values).map((i) => i.progress).filter((p): p is number => p !== null);
        expect(f.adoptions[0].progress).toBe(progresses.length === 0 ? null : Math.round((progresses.reduce((a, p) => a + p, 0) / progresses.length) * 10) / 10);
        for (const i of indicatorsOf(values)) {
          report.push(`${f.templateKey}.${i.key}=${i.value}/${i.target}`);
          if (!(i.value > 0)) zero.push(`${f.templateKey}.${i.key}`);
        }
      }
      console.log(report.join('\n'));
      expect(zero).toEqual([]);
      const secretary = await demo.login('secretary');
      const mine = (await secretary.get(`/api/v1/worksystems/adoptions/${list.items[1].adoptions[0].id}/values`)).json();
      expect(mine.branches).toHaveLength(1);
      // The first branch's manual values carry a small generated PDF as evidence.
      const frontLine = list.items.find((f: { templateKey: string }) => f.templateKey === 'front_line');
      const manual = (indicator((await org.get(`/api/v1/worksystems/adoptions/${frontLine.adoptions[0].id}/values`)).json(), 'integrity_education') as unknown as { manualValues: Array<{ id: number; files: Array<{ id: number; name: string; size: number }> }> }).manualValues;
      const attached = manual.find((v) => v.files.length > 0)!;
      expect(attached.files[0]).toMatchObject({ name: '廉洁教育签到表.pdf' });
      expect(attached.files[0]!.size).toBeLessThan(2000);
      const pdf = await org.get(`/api/v1/worksystems/manual-values/${attached.id}/files/${attached.files[0]!.id}`);
      expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
    } finally {
      await demo.close();
    }
  }, 180_000);
});
