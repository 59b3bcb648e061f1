import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, errorOf } from '../../test/harness.js';
import { type FormFile, PNG_BYTES, postFile } from '../../test/multipart.js';
import { type ServiceUnit, createSeries, eventBody, recordEvent, serviceApp, serviceUnit } from '../../test/fixtures/service.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;

beforeAll(async () => {
  ({ t, u } = await serviceApp('svc', TODAY));
}, 120_000);
afterAll(() => t?.close());

async function xlsx(rows: unknown[][]): Promise<FormFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('往期');
  for (const row of rows) sheet.addRow(row);
  return { name: '往期活动.xlsx', content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

describe('service events', () => {
  it('POST /service/events: 401 → 400 naming the field → 403 → 201, audited', async () => {
    expect((await t.anonymous().post('/api/v1/service/events', eventBody(u.branchId))).statusCode).toBe(401);
    const bad = await u.secretary.post('/api/v1/service/events', eventBody(u.branchId, { kind: '打卡' }));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]).toMatchObject({ path: 'body.kind' });
    expect(errorOf(bad).details?.[0]?.message).toContain('打卡');
    const future = await u.secretary.post('/api/v1/service/events', eventBody(u.branchId, { heldOn: '2026-12-01' }));
    expect(errorOf(future).details?.[0]?.path).toBe('body.heldOn');
    const noName = await u.secretary.post('/api/v1/service/events', eventBody(u.branchId, { participants: [{ kind: 'student', hours: 2 }] }));
    expect(errorOf(noName).details?.[0]?.path).toBe('body.participants[0].name');
    // A member may read their own service but not record; a secretary records only for their branch.
    expect((await u.member.post('/api/v1/service/events', eventBody(u.branchId))).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/service/events', eventBody(u.branchId))).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/service/events', eventBody(u.otherBranchId))).statusCode).toBe(403);
    const id = await recordEvent(u.secretary, eventBody(u.branchId, { participants: [{ kind: 'member', memberId: u.memberIds[0], hours: 3 }, { kind: 'student', name: '医学生小刘', hours: 2.5 }] }));
    const detail = (await u.secretary.get(`/api/v1/service/events/${id}`)).json();
    expect(detail).toMatchObject({ title: '急救知识进校园', orgName: '急诊科全科医学科党支部', participants: 2, hours: 5.5, beneficiaries: 200, trained: 120, canEdit: true });
    expect(detail.people).toEqual([
      { kind: 'member', memberId: u.memberIds[0], name: '李急救', hours: 3 },
      { kind: 'student', memberId: null, name: '医学生小刘', hours: 2.5 },
    ]);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_type']).where('tenant_id', '=', u.unit.tenantId).where('entity_id', '=', String(id)).where('entity_type', 'like', 'service%').execute();
    expect(audit).toEqual([{ action: 'create', entity_type: 'service_event' }]);
  });

  it('GET /service/events and /:id: 401 → 400 → 403 out of scope → 200; a member sees only the events they took part in', async () => {
    const mine = await recordEvent(u.secretary, eventBody(u.branchId, { title: '社区义诊', kind: '义诊', placeType: '社区' }, [[u.memberIds[0]!, 4]]));
    const notMine = await recordEvent(u.secretary, eventBody(u.branchId, { title: '工地急救培训', placeType: '工地' }, [[u.memberIds[1]!, 2]]));
    const other = await recordEvent(u.office, eventBody(u.otherBranchId, { title: '心内科健康宣教', kind: '健康宣教', placeType: '社区' }, [[u.otherMemberId, 2]]));
    expect((await t.anonymous().get('/api/v1/service/events')).statusCode).toBe(401);
    expect((await u.secretary.get('/api/v1/service/events?year=abc')).statusCode).toBe(400);
    expect((await u.secretary.get(`/api/v1/service/events/${other}`)).statusCode).toBe(403);
    expect((await u.member.get(`/api/v1/service/events/${notMine}`)).statusCode).toBe(403);
    expect((await u.member.get(`/api/v1/service/events/${mine}`)).json().canEdit).toBe(false);
    const secretaryList = (await u.secretary.get('/api/v1/service/events?pageSize=100')).json();
    expect(secretaryList.items.map((e: { id: number }) => e.id)).toEqual(expect.arrayContaining([mine, notMine]));
    expect(secretaryList.items.map((e: { id: number }) => e.id)).not.toContain(other);
    const memberList = (await u.member.get('/api/v1/service/events?pageSize=100')).json();
    expect(memberList.items.map((e: { id: number }) => e.id)).toContain(mine);
    expect(memberList.items.map((e: { id: number }) => e.id)).not.toContain(notMine);
    const filtered = (await u.office.get(`/api/v1/service/events?orgId=${u.otherBranchId}`)).json();
    expect(filtered.items.map((e: { id: number }) => e.id)).toEqual([other]);
    const exported = await u.secretary.get('/api/v1/service/events/export?kind=义诊');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
  });

  it('PUT and DELETE: 400 → 403 → 409 on a stale version → 200/204', async () => {
    const id = await recordEvent(u.secretary, eventBody(u.branchId, { title: '待修改' }));
    expect((await t.anonymous().put(`/api/v1/service/events/${id}`, { ...eventBody(u.branchId), version: 1 })).statusCode).toBe(401);
    expect((await u.secretary.put(`/api/v1/service/events/${id}`, { ...eventBody(u.branchId), version: 1, beneficiaries: -1 })).statusCode).toBe(400);
    expect((await u.member.put(`/api/v1/service/events/${id}`, { ...eventBody(u.branchId), version: 1 })).statusCode).toBe(403);
    const ok = await u.secretary.put(`/api/v1/service/events/${id}`, { ...eventBody(u.branchId, { title: '已修改', beneficiaries: 80 }), version: 1 });
    expect(ok.statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/service/events/${id}`, { ...eventBody(u.branchId), version: 1 })).statusCode).toBe(409);
    expect((await u.secretary.get(`/api/v1/service/events/${id}`)).json()).toMatchObject({ title: '已修改', beneficiaries: 80, version: 2 });
    expect((await u.secretary.delete(`/api/v1/service/events/${id}?version=1`)).statusCode).toBe(409);
    expect((await u.secretary.delete(`/api/v1/service/events/${id}?version=2`)).statusCode).toBe(204);
    expect((await u.secretary.get(`/api/v1/service/events/${id}`)).statusCode).toBe(404);
  });

  it('photos are optional evidence: 400 on a file that is not evidence → 403 → 201 → download → withdraw', async () => {
    const id = await recordEvent(u.secretary, eventBody(u.branchId, { title: '有照片的活动' }));
    expect((await postFile(u.secretary, `/api/v1/service/events/${id}/photos`, { name: 'x.html', content: Buffer.from('<html></html>') })).statusCode).toBe(400);
    expect((await postFile(u.member, `/api/v1/service/events/${id}/photos`, { name: 'a.png', content: PNG_BYTES })).statusCode).toBe(403);
    const photo = await postFile(u.secretary, `/api/v1/service/events/${id}/photos`, { name: '现场.png', content: PNG_BYTES });
    expect(photo.statusCode).toBe(201);
    const photoId = photo.json().id;
    const file = await u.secretary.get(`/api/v1/service/events/${id}/photos/${photoId}`);
    expect(file.headers['content-type']).toBe('image/png');
    const withdrawn = await u.secretary.post(`/api/v1/service/events/${id}/photos/${photoId}/withdraw`, { reason: '传错了' });
    expect(withdrawn.json()).toMatchObject({ withdrawn: true, withdrawnReason: '传错了' });
    expect((await u.secretary.get(`/api/v1/service/events/${id}/photos/${photoId}`)).statusCode).toBe(404);
  });
});

describe('an event held as a 主题党日', () => {
  it('is one record counting for both: the orglife record meets the month’s 主题党日, the event counts in the service totals', async () => {
    const record = await u.secretary.post('/api/v1/orglife/records', { orgId: u.branchId, kinds: ['theme_party_day'], heldOn: '2026-09-19', topics: ['急救知识进社区'], minutes: '主题党日：到社区开展急救科普', attendance: u.memberIds.map((memberId) => ({ memberId, status: 'present' })) });
    expect(record.statusCode).toBe(201);
    const recordId = record.json().id;
    const candidates = (await u.secretary.get(`/api/v1/service/theme-days?orgId=${u.branchId}`)).json();
    expect(candidates).toEqual([expect.objectContaining({ id: recordId, heldOn: '2026-09-19', eventId: null })]);
    // The date and organiser come from the record, not typed twice.
    const id = await recordEvent(u.secretary, eventBody(u.branchId, { title: '主题党日·急救进社区', heldOn: '2026-09-01', orglifeRecordId: recordId, beneficiaries: 150, trained: 60 }, [[u.memberIds[2]!, 3]]));
    const event = (await u.secretary.get(`/api/v1/service/events/${id}`)).json();
    expect(event).toMatchObject({ heldOn: '2026-09-19', orglifeRecordId: recordId, orglifeRecord: { id: recordId, heldOn: '2026-09-19' } });
    // A record counts for one event only.
    const twice = await u.secretary.post('/api/v1/service/events', eventBody(u.branchId, { orglifeRecordId: recordId }));
    expect(twice.statusCode).toBe(400);
    expect(errorOf(twice).details?.[0]?.path).toBe('body.orglifeRecordId');
    const compliance = (await u.secretary.get(`/api/v1/orglife/orgs/${u.branchId}/compliance?year=2026`)).json();
    const september = compliance.orgs[0].cells.find((c: { rule: string; period: string }) => c.rule === 'theme_party_day' && c.period === '2026-09');
    expect(september).toMatchObject({ state: 'met', recordIds: [recordId] });
    const totals = (await u.secretary.get(`/api/v1/service/totals?groupBy=org&orgId=${u.branchId}&year=2026`)).json();
    const september2 = (await u.secretary.get(`/api/v1/service/events?orgId=${u.branchId}&q=主题党日`)).json();
    expect(september2.items.map((e: { id: number }) => e.id)).toEqual([id]);
    expect(totals.total.beneficiaries).toBeGreaterThanOrEqual(150);
  });

  it('refuses a record that is not a 主题党日', async () => {
    const record = await u.secretary.post('/api/v1/orglife/records', { orgId: u.branchId, kinds: ['branch_committee_meeting'], heldOn: '2026-08-05', topics: ['研究工作'], minutes: '支委会' });
    const res = await u.secretary.post('/api/v1/service/events', eventBody(u.branchId, { orglifeRecordId: record.json().id }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.[0]?.message).toContain('不是主题党日');
  });
});

describe('numbered series', () => {
  it('POST /service/series: 401 → 400 → 403 → 201; a taken name is a 400 on the name', async () => {
    const body = { orgId: u.branchId, name: '急救知识进万家', kind: '急救科普', lastIssue: 106 };
    expect((await t.anonymous().post('/api/v1/service/series', body)).statusCode).toBe(401);
    expect((await u.secretary.post('/api/v1/service/series', { ...body, lastIssue: -1 })).statusCode).toBe(400);
    expect((await u.member.post('/api/v1/service/series', body)).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/service/series', { ...body, orgId: u.otherBranchId })).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/service/series', body)).statusCode).toBe(201);
    const again = await u.secretary.post('/api/v1/service/series', body);
    expect(errorOf(again).details?.[0]?.path).toBe('body.name');
  });

  it('numbers issues under concurrent inserts with no gap and no duplicate: 第 107 期 follows 第 106 期', async () => {
    const seriesId = await createSeries(u.secretary, u.branchId, '并发测试系列', 106);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => u.secretary.post('/api/v1/service/events', eventBody(u.branchId, { seriesId, title: `并发第${i}场` }))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const page = (await u.secretary.get(`/api/v1/service/series/${seriesId}`)).json();
    expect(page.issues.map((i: { issueNo: number }) => i.issueNo)).toEqual(Array.from({ length: 12 }, (_, i) => 107 + i));
    expect(page.series.lastIssue).toBe(118);
    expect(page.gaps).toEqual([]);
    // Only the latest issue may be deleted; its number is given back.
    const first = page.issues[0];
    const last = page.issues.at(-1);
    const refused = await u.secretary.delete(`/api/v1/service/events/${first.id}?version=1`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('SERVICE_ISSUE_NOT_LAST');
    expect((await u.secretary.delete(`/api/v1/service/events/${last.id}?version=1`)).statusCode).toBe(204);
    const next = await recordEvent(u.secretary, eventBody(u.branchId, { seriesId }));
    expect((await u.secretary.get(`/api/v1/service/events/${next}`)).json().issueNo).toBe(118);
  });

  it('the series page shows every issue with running totals; 403 outside the scope', async () => {
    const seriesId = await createSeries(u.secretary, u.branchId, '累计测试系列');
    await recordEvent(u.secretary, eventBody(u.branchId, { seriesId, beneficiaries: 100, trained: 50, heldOn: '2026-03-01' }, [[u.memberIds[0]!, 2]]));
    await recordEvent(u.secretary, eventBody(u.branchId, { seriesId, beneficiaries: 40, trained: 10, heldOn: '2026-04-01' }, [[u.memberIds[0]!, 1.5], [u.memberIds[1]!, 1.5]]));
    const page = (await u.secretary.get(`/api/v1/service/series/${seriesId}`)).json();
    expect(page.issues.map((i: { issueNo: number; running: { beneficiaries: number; hours: number; participations: number } }) => [i.issueNo, i.running.beneficiaries, i.running.hours, i.running.participations])).toEqual([
      [1, 100, 2, 1],
      [2, 140, 5, 3],
    ]);
    expect(page.total).toMatchObject({ events: 2, beneficiaries: 140, trained: 60, hours: 5, participations: 3 });
    const otherSeries = await createSeries(u.office, u.otherBranchId, '心内科系列');
    expect((await u.secretary.get(`/api/v1/service/series/${otherSeries}`)).statusCode).toBe(403);
    expect((await t.anonymous().get(`/api/v1/service/series/${seriesId}`)).statusCode).toBe(401);
    expect((await u.secretary.get('/api/v1/service/series/abc')).statusCode).toBe(400);
    const list = (await u.secretary.get('/api/v1/service/series')).json();
    expect(list.map((s: { name: string }) => s.name)).not.toContain('心内科系列');
    const renamed = await u.secretary.put(`/api/v1/service/series/${seriesId}`, { version: 1, name: '累计测试系列（改）', kind: '急救科普', description: '' });
    expect(renamed.statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/service/series/${seriesId}`, { version: 1, name: 'x', kind: '', description: '' })).statusCode).toBe(409);
  });

  it('imports past issues from Excel: row errors name the row and column and nothing lands; a clean file lands whole', async () => {
    const seriesId = await createSeries(u.secretary, u.branchId, '导入测试系列');
    expect((await u.member.get('/api/v1/service/series/import-template')).statusCode).toBe(403);
    expect((await u.secretary.get('/api/v1/service/series/import-template')).statusCode).toBe(200);
    const broken = await xlsx([
      ['急救知识进万家往期活动一览'],
      ['期数', '日期', '主题', '地点类型', '服务人次', '培训人数', '参与人员', '人均时长'],
      [1, '2019-03-02', '进校园', '学校', 300, 200, '李急救、王科普', 2],
      [2, '2019年4月', '进社区', '菜市场', 100, 80, '', ''],
      [2, 'someday', '进工地', '工地', 'many', 10, '', ''],
    ]);
    const refused = await postFile(u.secretary, `/api/v1/service/series/${seriesId}/import`, broken);
    expect(refused.statusCode).toBe(400);
    const messages = errorOf(refused).details?.map((d) => d.message) ?? [];
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('第 4 行“地点类型”'), expect.stringContaining('第 5 行“期数”'), expect.stringContaining('第 5 行“日期”'), expect.stringContaining('第 5 行“服务人次”')]));
    expect((await u.secretary.get(`/api/v1/service/series/${seriesId}`)).json().issues).toEqual([]);

    const clean = await xlsx([
      ['期数', '日期', '主题', '地点类型', '服务人次', '培训人数', '参与人员', '人均时长'],
      [1, '2019-03-02', '进校园', '学校', 300, 200, '李急救、王科普、校医老张', 2],
      [2, '2019年4月', '进社区', '社区', 100, 80, '', ''],
      ['合计', '', '', '', 400, 280],
    ]);
    expect((await postFile(u.member, `/api/v1/service/series/${seriesId}/import`, clean)).statusCode).toBe(403);
    const dry = await postFile(u.secretary, `/api/v1/service/series/${seriesId}/import`, clean, { dryRun: 'true' });
    expect(dry.json()).toMatchObject({ dryRun: true, imported: 0, first: 1, last: 2 });
    const done = await postFile(u.secretary, `/api/v1/service/series/${seriesId}/import`, clean);
    expect(done.json()).toMatchObject({ imported: 2, first: 1, last: 2 });
    const page = (await u.secretary.get(`/api/v1/service/series/${seriesId}`)).json();
    expect(page.series.lastIssue).toBe(2);
    expect(page.total).toMatchObject({ beneficiaries: 400, trained: 280, participations: 3, hours: 6 });
    const first = (await u.secretary.get(`/api/v1/service/events/${page.issues[0].id}`)).json();
    expect(first.people.map((p: { kind: string; name: string }) => `${p.kind}:${p.name}`)).toEqual(['member:李急救', 'member:王科普', 'staff:校医老张']);
    // The next issue follows the imported ones.
    const next = await recordEvent(u.secretary, eventBody(u.branchId, { seriesId }));
    expect((await u.secretary.get(`/api/v1/service/events/${next}`)).json().issueNo).toBe(3);
  });
});

describe('totals', () => {
  it('adds up hours, person-times, people served, trainees and class hours per person, org, 党委 and year against hand-built events', async () => {
    const s = await serviceUnit(t, 'tot', 400);
    const [a, b] = s.memberIds as [number, number];
    await recordEvent(s.secretary, eventBody(s.branchId, { heldOn: '2025-06-01', beneficiaries: 100, trained: 30, classHours: 0 }, [[a, 2], [b, 3]]));
    await recordEvent(s.secretary, eventBody(s.branchId, { kind: '远程教学', heldOn: '2026-02-01', beneficiaries: 50, trained: 0, classHours: 12, placeType: '' }, [[a, 1.5]]));
    await recordEvent(s.office, eventBody(s.otherBranchId, { heldOn: '2026-05-01', beneficiaries: 10, trained: 5, participants: [{ kind: 'member', memberId: s.otherMemberId, hours: 4 }, { kind: 'student', name: '学生甲', hours: 4 }] }));

    expect((await t.anonymous().get('/api/v1/service/totals')).statusCode).toBe(401);
    expect((await s.office.get('/api/v1/service/totals?groupBy=rank')).statusCode).toBe(400);
    expect((await s.secretary.get(`/api/v1/service/totals?orgId=${s.otherBranchId}`)).statusCode).toBe(403);

    const byOrg = (await s.office.get('/api/v1/service/totals?groupBy=org')).json();
    expect(byOrg.rows.map((r: { label: string; figures: object }) => [r.label, r.figures])).toEqual([
      ['急诊科全科医学科党支部', { events: 2, participations: 3, hours: 6.5, beneficiaries: 150, trained: 30, classHours: 12, mediaReach: 0 }],
      ['心内科党支部', { events: 1, participations: 2, hours: 8, beneficiaries: 10, trained: 5, classHours: 0, mediaReach: 0 }],
    ]);
    expect(byOrg.total).toEqual({ events: 3, participations: 5, hours: 14.5, beneficiaries: 160, trained: 35, classHours: 12, mediaReach: 0 });
    const byCommittee = (await s.office.get('/api/v1/service/totals?groupBy=committee&year=2026')).json();
    expect(byCommittee.rows).toEqual([expect.objectContaining({ label: '中共tot医院委员会', figures: { events: 2, participations: 3, hours: 9.5, beneficiaries: 60, trained: 5, classHours: 12, mediaReach: 0 } })]);
    const byYear = (await s.office.get('/api/v1/service/totals?groupBy=year')).json();
    expect(byYear.rows.map((r: { label: string; figures: { hours: number } }) => [r.label, r.figures.hours])).toEqual([
      ['2026', 9.5],
      ['2025', 5],
    ]);
    // Per person: by name, never ranked by amount; the secretary sees their branch's events only.
    const byPerson = (await s.secretary.get('/api/v1/service/totals?groupBy=member')).json();
    expect(byPerson.rows.map((r: { label: string; figures: { hours: number; events: number } }) => [r.label, r.figures.events, r.figures.hours])).toEqual([
      ['李急救', 2, 3.5],
      ['王科普', 1, 3],
    ]);
    // A member sees only their own line, whatever they ask for.
    const mine = (await s.member.get('/api/v1/service/totals?groupBy=org')).json();
    expect(mine.rows.map((r: { label: string }) => r.label)).toEqual(['李急救']);
    const sheet = await s.office.get('/api/v1/service/totals/export?groupBy=org&year=2026');
    expect(sheet.statusCode).toBe(200);
    const workbook = await workbookOf(sheet);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.at(-1)).toEqual(['合计', '', 2, 3, 9.5, 60, 5, 12, 0]);
  });

  it('GET /service/my: a member’s own service for the phone, this year and all time', async () => {
    expect((await t.anonymous().get('/api/v1/service/my')).statusCode).toBe(401);
    const mine = (await u.member.get('/api/v1/service/my')).json();
    expect(mine.linked).toBe(true);
    expect(mine.events.length).toBeGreaterThan(0);
    expect(mine.events.every((e: { heldOn: string }, i: number, all: Array<{ heldOn: string }>) => i === 0 || all[i - 1]!.heldOn >= e.heldOn)).toBe(true);
    expect(mine.allTime.hours).toBe(mine.events.reduce((n: number, e: { hours: number }) => n + e.hours, 0));
  });
});

describe('the unit’s lists', () => {
  it('GET/PUT /service/settings: 401 → 400 → 403 for a branch secretary → 200, then a new kind is accepted', async () => {
    expect((await t.anonymous().get('/api/v1/service/settings')).statusCode).toBe(401);
    const current = (await u.secretary.get('/api/v1/service/settings')).json();
    expect(current).toMatchObject({ version: 0, placeTypes: ['学校', '社区', '基层', '工地', '企事业单位'] });
    const body = { ...current, eventKinds: [...current.eventKinds, '爱心献血'] };
    expect((await u.office.put('/api/v1/service/settings', { ...body, eventKinds: [] })).statusCode).toBe(400);
    expect((await u.secretary.put('/api/v1/service/settings', body)).statusCode).toBe(403);
    expect((await u.office.put('/api/v1/service/settings', body)).json().version).toBe(1);
    expect((await u.office.put('/api/v1/service/settings', body)).statusCode).toBe(409);
    expect(await recordEvent(u.secretary, eventBody(u.branchId, { kind: '爱心献血' }))).toBeGreaterThan(0);
  });

  it('GET /service/theme-days: 401 → 400 → 403 → 200', async () => {
    expect((await t.anonymous().get(`/api/v1/service/theme-days?orgId=${u.branchId}`)).statusCode).toBe(401);
    expect((await u.secretary.get('/api/v1/service/theme-days')).statusCode).toBe(400);
    expect((await u.secretary.get(`/api/v1/service/theme-days?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/service/theme-days?orgId=${u.branchId}`)).statusCode).toBe(200);
  });
});
