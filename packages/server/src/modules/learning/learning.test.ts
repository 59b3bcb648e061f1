import { UNSCORED_WORDS } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, errorOf } from '../../test/harness.js';
import { createAccount, signIn } from '../../test/fixture.js';
import { type DecisionsUnit, decisionsUnit, meetingWith } from '../../test/fixtures/decisions.js';
import { type ServiceUnit, serviceApp } from '../../test/fixtures/service.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
let d: DecisionsUnit;
/** A member of the other branch with an account of their own. */
let otherMember: Client;

beforeAll(async () => {
  ({ t, u } = await serviceApp('lrn', TODAY));
  await createAccount(t.database.db, u.unit, 'lrn.other', [{ role: 'member' }], { memberId: u.otherMemberId });
  otherMember = await signIn(t, 'lrn.other');
  d = await decisionsUnit(t, 'lrd');
}, 120_000);
afterAll(() => t?.close());

const material = (orgId: number, extra: Record<string, unknown> = {}) => ({
  orgId,
  kind: '讲话原文',
  title: '习近平总书记在全国卫生与健康大会上的重要讲话',
  source: '人民日报',
  url: 'https://www.example.org/speech',
  summary: '把人民健康放在优先发展的战略位置。',
  publishedOn: '2026-10-08',
  ...extra,
});

async function meeting(by: Client, orgId: number, heldOn = '2026-11-10'): Promise<number> {
  const res = await by.post('/api/v1/orglife/records', { orgId, kinds: ['theme_party_day'], heldOn, place: '急诊楼三楼党员活动室', topics: ['学习全国卫生与健康大会精神'], minutes: '书记领学，党员交流。', attendance: [] });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}

/** Every key of an answer, however deep. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) keysOf(v, into.add(k));
  return into;
}

describe('learning materials', () => {
  it('POST: 401 → 400 naming the field → 403 out of scope → 201, audited', async () => {
    expect((await t.anonymous().post('/api/v1/learning/materials', material(u.branchId))).statusCode).toBe(401);
    const noTitle = await u.secretary.post('/api/v1/learning/materials', material(u.branchId, { title: '' }));
    expect(errorOf(noTitle).details?.[0]?.path).toBe('body.title');
    const kind = await u.secretary.post('/api/v1/learning/materials', material(u.branchId, { kind: '打卡' }));
    expect(kind.statusCode).toBe(400);
    expect(errorOf(kind).details?.[0]).toMatchObject({ path: 'body.kind', message: '类别：“打卡”不在本单位的学习资料类别中' });
    const url = await u.secretary.post('/api/v1/learning/materials', material(u.branchId, { url: 'javascript:alert(1)' }));
    expect(errorOf(url).details?.[0]?.path).toBe('body.url');
    const future = await u.secretary.post('/api/v1/learning/materials', material(u.branchId, { publishedOn: '2026-12-01' }));
    expect(errorOf(future).details?.[0]?.path).toBe('body.publishedOn');
    expect((await u.secretary.post('/api/v1/learning/materials', material(u.otherBranchId))).statusCode).toBe(403);
    expect((await u.member.post('/api/v1/learning/materials', material(u.branchId))).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/learning/materials', material(u.branchId))).statusCode).toBe(403);
    const res = await u.secretary.post('/api/v1/learning/materials', material(u.branchId));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ issueNo: null });
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'summary']).where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'learning_material').execute();
    expect(audit).toEqual([{ action: 'create', summary: '登记学习资料：习近平总书记在全国卫生与健康大会上的重要讲话' }]);
  });

  it('a branch’s materials stay with it and those above it; the 党委’s reach every branch', async () => {
    const list = async (c: Client) => ((await c.get('/api/v1/learning/materials?q=卫生与健康')).json() as { items: Array<{ orgName: string }>; total: number });
    expect((await list(u.member)).items).toEqual([expect.objectContaining({ orgName: '急诊科全科医学科党支部' })]);
    expect((await list(u.office)).total).toBe(1);
    expect((await list(otherMember)).total).toBe(0);
    const { id } = (await u.office.post('/api/v1/learning/materials', material(u.unit.rootOrgId, { title: '全国卫生与健康大会精神解读', kind: '会议精神' }))).json() as { id: number };
    expect((await list(otherMember)).items).toEqual([expect.objectContaining({ orgName: expect.not.stringContaining('急诊') })]);
    expect((await list(u.secretary)).total).toBe(2);
    expect((await otherMember.get(`/api/v1/learning/materials/${id}`)).statusCode).toBe(200);
    const branchOnly = (await list(u.member)).items.length;
    expect(branchOnly).toBe(2);
  });

  it('PUT and DELETE name the version read: 409 when stale, 403 outside the writer’s scope', async () => {
    const { id } = (await u.office.post('/api/v1/learning/materials', material(u.otherBranchId, { title: '心内科微党课：身边的榜样', kind: '微党课' }))).json() as { id: number };
    expect((await u.secretary.put(`/api/v1/learning/materials/${id}`, { ...material(u.otherBranchId), version: 1 })).statusCode).toBe(403);
    expect((await u.office.put(`/api/v1/learning/materials/${id}`, { ...material(u.otherBranchId, { title: '改名' }), version: 1 })).statusCode).toBe(200);
    expect((await u.office.put(`/api/v1/learning/materials/${id}`, { ...material(u.otherBranchId, { title: '再改' }), version: 1 })).statusCode).toBe(409);
    expect((await u.office.delete(`/api/v1/learning/materials/${id}?version=1`)).statusCode).toBe(409);
    expect((await u.office.delete(`/api/v1/learning/materials/${id}?version=2`)).statusCode).toBe(204);
    expect((await u.office.get(`/api/v1/learning/materials/${id}`)).statusCode).toBe(404);
  });
});

describe('study series (碎片时间学党史)', () => {
  it('numbers each issue, also when several are added at once', async () => {
    const series = await u.secretary.post('/api/v1/learning/series', { orgId: u.branchId, name: '碎片时间学党史', description: '晨会前十分钟，一期一个党史故事', plannedIssues: 30 });
    expect(series.statusCode).toBe(201);
    const seriesId = (series.json() as { id: number }).id;
    expect(errorOf(await u.secretary.post('/api/v1/learning/series', { orgId: u.branchId, name: '碎片时间学党史' })).details?.[0]?.path).toBe('body.name');
    const first = await u.secretary.post('/api/v1/learning/materials', material(u.branchId, { kind: '微党课', title: '遵义会议', seriesId }));
    expect(first.json()).toMatchObject({ issueNo: 1 });
    const parallel = await Promise.all(['古田会议', '延安整风', '西柏坡'].map((title) => u.secretary.post('/api/v1/learning/materials', material(u.branchId, { kind: '微党课', title, seriesId }))));
    expect(parallel.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(parallel.map((r) => (r.json() as { issueNo: number }).issueNo).sort()).toEqual([2, 3, 4]);
    const listed = (await u.member.get(`/api/v1/learning/series`)).json() as Array<{ id: number; lastIssue: number; issues: number; plannedIssues: number }>;
    expect(listed.find((s) => s.id === seriesId)).toMatchObject({ lastIssue: 4, issues: 4, plannedIssues: 30 });
    const below = await u.secretary.put(`/api/v1/learning/series/${seriesId}`, { name: '碎片时间学党史', plannedIssues: 3, version: 1 });
    expect(errorOf(below).details?.[0]?.path).toBe('body.plannedIssues');
    // A series of another branch cannot number this branch's material.
    const other = (await u.office.post('/api/v1/learning/series', { orgId: u.otherBranchId, name: '心内科读书会' })).json() as { id: number };
    expect(errorOf(await u.secretary.post('/api/v1/learning/materials', material(u.branchId, { seriesId: other.id }))).details?.[0]?.path).toBe('body.seriesId');
  });
});

describe('studies: the meetings that studied a material', () => {
  it('a secretary links the branch’s own meetings, never another branch’s nor a 党委会; the material shows them', async () => {
    const { id } = (await u.secretary.post('/api/v1/learning/materials', material(u.branchId, { title: '党的二十届四中全会精神' }))).json() as { id: number };
    const own = await meeting(u.secretary, u.branchId);
    const foreign = await meeting(u.office, u.otherBranchId);
    const url = `/api/v1/learning/materials/${id}/studies`;
    expect((await u.secretary.post(url, {})).statusCode).toBe(400);
    expect((await u.secretary.post(url, { orglifeRecordId: own })).statusCode).toBe(201);
    expect(errorOf(await u.secretary.post(url, { orglifeRecordId: own })).code).toBe('LEARNING_STUDY_TWICE');
    expect((await u.secretary.post(url, { orglifeRecordId: foreign })).statusCode).toBe(403);
    expect(errorOf(await u.secretary.post(url, { orglifeRecordId: 99_999_999 })).details?.[0]?.path).toBe('body.orglifeRecordId');
    expect((await u.office.post(url, { orglifeRecordId: foreign })).statusCode).toBe(201);
    const detail = (await u.secretary.get(`/api/v1/learning/materials/${id}`)).json() as { studies: number; studyList: Array<{ id: number; recordId: number; where: string; open: boolean }>; canEdit: boolean };
    // Two meetings studied it; the secretary sees their own branch's, not the sibling's, by name.
    expect(detail.studies).toBe(2);
    expect(detail.canEdit).toBe(true);
    expect(detail.studyList.map((s) => [s.recordId, s.where, s.open])).toEqual([[own, '急诊科全科医学科党支部', true]]);
    const byOffice = (await u.office.get(`/api/v1/learning/materials/${id}`)).json() as typeof detail;
    expect(byOffice.studyList.map((s) => s.recordId).sort()).toEqual([own, foreign].sort());
    expect((await otherMember.get(`/api/v1/learning/materials/${id}`)).statusCode).toBe(403);
    const detailAll = byOffice;
    const theirs = detailAll.studyList.find((s) => s.recordId === foreign)!;
    expect((await u.secretary.delete(`${url}/${theirs.id}`)).statusCode).toBe(403);
    expect((await u.office.delete(`${url}/${theirs.id}`)).statusCode).toBe(204);
  });
});

describe('第一议题', () => {
  it('党办 links a 党委会 to a 第一议题; the library shows which 党委会 opened with one', async () => {
    const first = (await d.dangban.post('/api/v1/learning/materials', material(d.unit.rootOrgId, { title: '习近平总书记关于党的建设的重要思想', firstTopic: true, publishedOn: '2026-11-01' }))).json() as { id: number };
    const written = await meetingWith(d.dangban, d.committeeId, d.committeeMembers, [0, 1, 2, 3, 4], '2026-11-05');
    const bare = (await d.dangban.post('/api/v1/decisions/meetings', { bodyId: d.committeeId, heldOn: '2026-11-12', number: '第13次', firstTopic: '' })).json() as { id: number };
    const before = (await d.office.get('/api/v1/learning/first-topics?year=2026')).json() as { coverage: { meetings: number; covered: number; missing: Array<{ meetingId: number }> } };
    expect(before.coverage).toEqual({ meetings: 2, covered: 1, missing: [{ meetingId: bare.id, heldOn: '2026-11-12' }] });
    // A secretary may not link the 党委会; 党办 may.
    expect((await d.secretary.post(`/api/v1/learning/materials/${first.id}/studies`, { decisionMeetingId: bare.id })).statusCode).toBe(403);
    expect((await d.dangban.post(`/api/v1/learning/materials/${first.id}/studies`, { decisionMeetingId: bare.id })).statusCode).toBe(201);
    const after = (await d.member.get('/api/v1/learning/first-topics?year=2026')).json() as {
      coverage: { covered: number; missing: unknown[] };
      topics: Array<{ id: number; studyList: Array<{ kind: string; where: string; what: string[]; open: boolean }> }>;
      meetings: Array<{ id: number; studied: string[]; written: string }>;
    };
    expect(after.coverage).toMatchObject({ covered: 2, missing: [] });
    expect(after.topics.find((x) => x.id === first.id)?.studyList).toEqual([expect.objectContaining({ kind: 'decision', where: '党委会', what: ['第13次'], open: false })]);
    expect(after.meetings.map((m) => [m.id, m.studied, m.written])).toEqual([
      [written.id, [], '学习习近平总书记关于卫生健康工作的重要论述'],
      [bare.id, ['习近平总书记关于党的建设的重要思想'], ''],
    ]);
  });
});

describe('notes: a member’s own', () => {
  it('are written and read by the member alone; the audit names the day, never the words', async () => {
    const body = { notedOn: '2026-11-20', content: '把“以病人为中心”落到急诊分诊的每一步。' };
    expect((await t.anonymous().post('/api/v1/learning/notes', body)).statusCode).toBe(401);
    expect(errorOf(await u.member.post('/api/v1/learning/notes', { ...body, content: '' })).details?.[0]?.path).toBe('body.content');
    expect(errorOf(await u.member.post('/api/v1/learning/notes', { ...body, materialId: 99_999_999 })).details?.[0]?.path).toBe('body.materialId');
    const noMember = await u.secretary.post('/api/v1/learning/notes', body);
    expect(noMember.statusCode).toBe(403);
    expect(errorOf(noMember).code).toBe('LEARNING_NOTES_NO_MEMBER');
    expect((await u.secretary.get('/api/v1/learning/notes')).json()).toEqual({ items: [], total: 0, linked: false });
    const res = await u.member.post('/api/v1/learning/notes', body);
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: number };
    expect(((await u.member.get('/api/v1/learning/notes')).json() as { total: number }).total).toBe(1);
    expect(((await otherMember.get('/api/v1/learning/notes')).json() as { total: number }).total).toBe(0);
    expect((await otherMember.put(`/api/v1/learning/notes/${id}`, { ...body, version: 1 })).statusCode).toBe(404);
    expect((await u.member.put(`/api/v1/learning/notes/${id}`, { ...body, content: '补记', version: 1 })).statusCode).toBe(200);
    expect((await u.member.put(`/api/v1/learning/notes/${id}`, { ...body, version: 1 })).statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('audit_log').select(['summary', 'after']).where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'learning_note').execute();
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain('分诊');
    expect((await u.member.delete(`/api/v1/learning/notes/${id}?version=2`)).statusCode).toBe(204);
  });
});

describe('never scored', () => {
  it('no answer of learning carries points, scores, ranks, durations or check-ins, and the settings refuse them', async () => {
    const answers = await Promise.all(
      ['/api/v1/learning/materials', '/api/v1/learning/series', '/api/v1/learning/first-topics?year=2026', '/api/v1/learning/notes', '/api/v1/learning/settings'].map(async (url) => {
        const res = await u.member.get(url);
        expect(res.statusCode, url).toBe(200);
        return res.json();
      }),
    );
    const keys = [...keysOf(answers)].map((k) => k.toLowerCase());
    for (const word of UNSCORED_WORDS) expect(keys.filter((k) => k.includes(word)), word).toEqual([]);
    const settings = (await u.office.get('/api/v1/learning/settings')).json() as { kinds: string[]; version: number };
    const points = await u.office.put('/api/v1/learning/settings', { ...settings, pointsPerMaterial: 1 });
    expect(points.statusCode).toBe(400);
    expect((await u.secretary.put('/api/v1/learning/settings', settings)).statusCode).toBe(403);
    const saved = await u.office.put('/api/v1/learning/settings', { kinds: [...settings.kinds, '院史'], version: settings.version });
    expect(saved.statusCode).toBe(200);
    expect((await u.secretary.post('/api/v1/learning/materials', material(u.branchId, { kind: '院史', title: '建院七十年' }))).statusCode).toBe(201);
  });
});

describe('export', () => {
  it('writes the materials with where each was studied', async () => {
    const res = await u.inspector.get('/api/v1/learning/materials/export');
    expect(res.statusCode).toBe(200);
    const book = await workbookOf(res);
    const sheet = book.worksheets[0]!;
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push(row.values!.toString()));
    expect(rows[0]).toContain('学习资料及学习情况');
    expect(rows.some((r) => r.includes('党的二十届四中全会精神') && r.includes('急诊科全科医学科党支部'))).toBe(true);
  });
});
