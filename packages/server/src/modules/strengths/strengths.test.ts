import { DEFAULT_STRENGTHS_SETTINGS } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, signIn } from '../../test/fixture.js';
import { openFile, recordEntry } from '../../test/fixtures/development.js';
import { proposeProject, projectBody, review } from '../../test/fixtures/projects.js';
import { type ServiceUnit, eventBody, recordEvent, serviceApp } from '../../test/fixtures/service.js';
import { type Client, type TestApp, errorOf } from '../../test/harness.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
let leader: Client;

function meeting(orgId: number, kinds: string[], heldOn: string, extra: Record<string, unknown> = {}) {
  return {
    orgId,
    kinds,
    heldOn,
    startTime: '14:30',
    endTime: '16:00',
    place: '急诊楼三楼会议室',
    hostName: '支部书记',
    recorderName: '组织委员',
    topics: ['学习党的二十届四中全会精神'],
    minutes: '会议由支部书记主持。',
    ...(kinds.includes('party_lecture') ? { speakerName: '李急救', lectureTitle: '守护生命线的初心' } : {}),
    ...extra,
  };
}

async function record(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/orglife/records', body);
  if (res.statusCode !== 201) throw new Error(`orglife record answered ${res.statusCode}: ${res.body}`);
  return (res.json() as { id: number }).id;
}

// The branch's records of 2026 (and one of 2025, which does not count for 2026).
let lectureIds: number[];
beforeAll(async () => {
  ({ t, u } = await serviceApp('qgyl', TODAY));
  await createAccount(t.database.db, u.unit, 'qgyl.leader', [{ role: 'leader' }]);
  leader = await signIn(t, 'qgyl.leader');
  lectureIds = [await record(u.secretary, meeting(u.branchId, ['party_lecture'], '2026-03-20')), await record(u.secretary, meeting(u.branchId, ['party_lecture'], '2026-06-26'))];
  // One meeting of two kinds counts under each.
  await record(u.secretary, meeting(u.branchId, ['branch_general_meeting', 'theme_party_day'], '2026-07-01'));
  await record(u.secretary, meeting(u.branchId, ['party_lecture'], '2025-12-20'));
  await record(u.office, meeting(u.otherBranchId, ['organisational_life_meeting'], '2026-01-15'));
  await recordEvent(u.secretary, eventBody(u.branchId, { kind: '急救科普', heldOn: '2026-10-15' }));
  await recordEvent(u.secretary, eventBody(u.branchId, { kind: '健康宣教', title: '胸痛知识讲座', heldOn: '2026-09-10' }));
  await recordEvent(u.secretary, eventBody(u.branchId, { kind: '义诊', title: '社区义诊', heldOn: '2026-05-12', placeType: '社区' }));
  await recordEvent(u.office, eventBody(u.otherBranchId, { kind: '义诊', title: '心内科义诊', heldOn: '2026-05-19' }));
  const project = await proposeProject(u.secretary, projectBody(u.branchId, u.memberIds));
  await review(u.office, project, [['approved', '2026-03-10']]);
  // A proposed project is no evidence.
  await proposeProject(u.secretary, projectBody(u.branchId, u.memberIds, { title: '急诊预检分诊优化' }));
  const honour = await u.secretary.post('/api/v1/honours', { holder: 'org', orgId: u.branchId, level: '校级', type: '最佳党日活动', awardedOn: '2026-07-01' });
  expect(honour.statusCode).toBe(201);
  const file = await openFile(u.secretary, u.branchId, '2026-02-01', { name: '陈申请' });
  expect((await recordEntry(u.secretary, file, { kind: 'step', step: 2, date: '2026-02-15' })).statusCode).toBe(201);
  expect((await recordEntry(u.secretary, file, { kind: 'step', step: 3, date: '2026-06-01' })).statusCode).toBe(201);
  // The March lecture studied a 第一议题 of the 党委; a plain article studied then does not count as one.
  const firstTopic = await u.office.post('/api/v1/learning/materials', { orgId: u.unit.rootOrgId, kind: '讲话原文', title: '习近平总书记关于卫生健康工作的重要论述', publishedOn: '2026-03-01', firstTopic: true });
  const article = await u.office.post('/api/v1/learning/materials', { orgId: u.unit.rootOrgId, kind: '理论文章', title: '公立医院高质量发展', publishedOn: '2026-03-01' });
  for (const m of [firstTopic, article]) expect((await u.secretary.post(`/api/v1/learning/materials/${(m.json() as { id: number }).id}/studies`, { orglifeRecordId: lectureIds[0] })).statusCode).toBe(201);
}, 180_000);
afterAll(() => t?.close());

type Checklist = {
  orgId: number;
  orgName: string;
  running: boolean;
  items: Array<{ key: string; met: boolean; gaps: number; rules: Array<{ source: string; kinds: string[]; found: number; needed: number; met: boolean; required: boolean; visible: boolean; records: Array<{ id: number; linkId: number; date: string; title: string }> }> }>;
};
const item = (c: Checklist, key: string) => c.items.find((i) => i.key === key)!;

describe('七个有力 checklist', () => {
  it('401 → 400 → 403 → 200: a secretary reads their own branch by default, not another', async () => {
    expect((await t.anonymous().get('/api/v1/strengths/checklist')).statusCode).toBe(401);
    const bad = await u.secretary.get('/api/v1/strengths/checklist?year=1900');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]).toMatchObject({ path: 'query.year' });
    expect((await u.member.get('/api/v1/strengths/checklist')).statusCode).toBe(403);
    const other = await u.secretary.get(`/api/v1/strengths/checklist?orgId=${u.otherBranchId}`);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('心内科');
    expect((await u.secretary.get('/api/v1/strengths/checklist?orgId=999999')).statusCode).toBe(404);
    const own = (await u.secretary.get('/api/v1/strengths/checklist?year=2026')).json() as Checklist;
    expect(own).toMatchObject({ orgId: u.branchId, orgName: '急诊科全科医学科党支部', running: true });
    expect(own.items.map((i) => i.key)).toEqual(DEFAULT_STRENGTHS_SETTINGS.items.map((i) => i.key));
  });

  it('counts the records of the year against each rule, and names the gaps', async () => {
    const c = (await u.secretary.get('/api/v1/strengths/checklist?year=2026')).json() as Checklist;
    const educate = item(c, 'educate_members');
    expect(educate.rules.map((r) => [r.kinds[0], r.found, r.needed, r.met])).toEqual([
      ['party_lecture', 2, 4, false],
      ['theme_party_day', 1, 12, false],
      ['第一议题', 1, 12, false],
    ]);
    // The 第一议题 rule shows its evidence (opening on the meeting) but is not owed: two gaps, not three.
    expect(educate).toMatchObject({ met: false, gaps: 2 });
    expect(educate.rules[2]!.records).toEqual([expect.objectContaining({ linkId: lectureIds[0], date: '2026-03-20', title: '习近平总书记关于卫生健康工作的重要论述' })]);
    expect(educate.rules[0]!.records.map((r) => r.id)).toEqual([...lectureIds].reverse());
    // The meeting held as 党员大会 and 主题党日 counts under both items.
    expect(item(c, 'manage_members').rules[0]).toMatchObject({ found: 1, needed: 4 });
    // 急救科普 + 健康宣教: two, as needed.
    expect(item(c, 'publicise_to_people')).toMatchObject({ met: true, gaps: 0, rules: [{ found: 2, needed: 2, met: true }] });
    expect(item(c, 'serve_people').rules[0]).toMatchObject({ found: 1, needed: 4, met: false });
    // The approved project counts, the proposed one not; every event of the branch counts; the honour is optional.
    const organise = item(c, 'organise_people');
    expect(organise.rules.map((r) => [r.source, r.found, r.met, r.required])).toEqual([
      ['project', 1, true, true],
      ['service', 3, false, true],
      ['honour', 1, true, false],
    ]);
    expect(organise.gaps).toBe(1);
    const unite = item(c, 'unite_people');
    expect(unite.rules[0]).toMatchObject({ source: 'development', found: 1, met: true });
    expect(unite.rules[0]!.records[0]).toMatchObject({ date: '2026-06-01', title: '陈申请' });
    // Nothing of 监督 this year in this branch (the other branch's 组织生活会 is not theirs).
    expect(item(c, 'supervise_members').rules.map((r) => r.found)).toEqual([0, 0]);
    // 2025: the December lecture only.
    const last = (await u.secretary.get('/api/v1/strengths/checklist?year=2025')).json() as Checklist;
    expect(item(last, 'educate_members').rules[0]).toMatchObject({ found: 1 });
    expect(last.running).toBe(false);
  });

  it('shows a record’s details only to those who may read that kind of record', async () => {
    const c = (await leader.get(`/api/v1/strengths/checklist?orgId=${u.branchId}&year=2026`)).json() as Checklist;
    const lecture = item(c, 'educate_members').rules[0]!;
    expect(lecture).toMatchObject({ found: 2, visible: false, records: [] });
    expect(item(c, 'publicise_to_people').rules[0]).toMatchObject({ found: 2, visible: true });
    expect(item(c, 'unite_people').rules[0]).toMatchObject({ found: 1, visible: false, records: [] });
  });
});

describe('七个有力 side by side', () => {
  type Compare = { rows: Array<{ orgId: number; orgName: string; items: Array<{ key: string; met: boolean; gaps: number; rules: Array<{ found: number }> }> }> };

  it('the office sees every branch with the same numbers as each checklist; secretaries their own branch unless the unit opens the view', async () => {
    expect((await t.anonymous().get('/api/v1/strengths/compare')).statusCode).toBe(401);
    expect((await u.member.get('/api/v1/strengths/compare')).statusCode).toBe(403);
    // Off by default for secretaries: their own branch only.
    const off = (await u.secretary.get('/api/v1/strengths/compare')).json() as Compare & { limited: boolean };
    expect(off.limited).toBe(true);
    expect(off.rows.map((r) => r.orgName)).toEqual(['急诊科全科医学科党支部']);
    const view = (await u.office.get('/api/v1/strengths/compare?year=2026')).json() as Compare;
    // Branches only, in tree order (the general branch is no row).
    expect(view.rows.map((r) => r.orgName)).toEqual(['急诊科全科医学科党支部', '心内科党支部']);
    for (const row of view.rows) {
      const c = (await u.office.get(`/api/v1/strengths/checklist?orgId=${row.orgId}&year=2026`)).json() as Checklist;
      expect(row.items.map((i) => [i.key, i.met, i.gaps, i.rules.map((r) => r.found)])).toEqual(c.items.map((i) => [i.key, i.met, i.gaps, i.rules.map((r) => r.found)]));
    }
    const heart = view.rows[1]!;
    expect(heart.items.find((i) => i.key === 'supervise_members')!.rules.map((r) => r.found)).toEqual([1, 0]);
  });

  it('settings: 403 for a secretary, 400 naming the field, 409 on a stale version; turned on, a secretary sees the branches', async () => {
    const settings = (await u.office.get('/api/v1/strengths/settings')).json();
    expect(settings).toMatchObject({ secretariesCompare: false, version: 0 });
    expect((await u.secretary.put('/api/v1/strengths/settings', { ...settings, secretariesCompare: true })).statusCode).toBe(403);
    const bad = await u.office.put('/api/v1/strengths/settings', { ...settings, items: settings.items.slice(1) });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('body.items');
    const badMin = structuredClone(settings);
    badMin.items[0].rules[0].min = 0;
    expect(errorOf(await u.office.put('/api/v1/strengths/settings', badMin)).details?.[0]?.path).toBe('body.items[0].rules[0].min');
    const saved = await u.office.put('/api/v1/strengths/settings', { ...settings, secretariesCompare: true });
    expect(saved.json()).toMatchObject({ secretariesCompare: true, version: 1 });
    expect((await u.office.put('/api/v1/strengths/settings', { ...settings, version: 0 })).statusCode).toBe(409);
    const view = (await u.secretary.get('/api/v1/strengths/compare?year=2026')).json() as Compare & { limited: boolean };
    expect(view.limited).toBe(false);
    expect(view.rows).toHaveLength(2);
    // Numbers only: the secretary still cannot open the other branch's records.
    expect((await u.secretary.get(`/api/v1/strengths/checklist?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('tenant_id', '=', u.unit.tenantId).where('summary', 'like', '%七个有力%').execute();
    expect(audit).toHaveLength(1);
  });

  it('exports the side-by-side view: a row per branch, the gaps in words', async () => {
    const res = await u.office.get('/api/v1/strengths/compare/export?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await workbookOf(res);
    const sheet = book.worksheets[0]!;
    const texts = sheet.getSheetValues().flat().map((v) => String(v ?? ''));
    expect(texts).toContain('教育党员有力');
    expect(texts).toContain('急诊科全科医学科党支部');
    expect(texts.some((v) => v.startsWith('缺口 2：党课 2/4；主题党日 1/12'))).toBe(true);
    expect(texts.some((v) => v.startsWith('有据：健康宣教、急救科普 2/2'))).toBe(true);
  });
});
