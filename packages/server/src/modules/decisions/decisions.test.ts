import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { type DecisionsUnit, completePrereview, decisionsUnit, meetingWith, topicBody } from '../../test/fixtures/decisions.js';
import { postFile } from '../../test/multipart.js';
import { runReminders } from '../orglife/reminders.js';
import { decisionTaskDigest } from './digest.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let u: DecisionsUnit;

beforeAll(async () => {
  t = await createTestApp({ empty: true, today: () => TODAY });
  u = await decisionsUnit(t, 'dec');
}, 120_000);
afterAll(() => t?.close());

const auditOf = (entityType: string) => t.database.db.selectFrom('audit_log').select(['action', 'summary']).where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', entityType).execute();

/** A committee topic decided (passed) at a committee meeting with everyone present. */
async function passedAtCommittee(extra: Record<string, unknown> = {}) {
  const topic = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, extra))).json().id as number;
  await completePrereview(u.dangban, topic);
  const meeting = await meetingWith(u.dangban, u.committeeId, u.committeeMembers, [0, 1, 2, 3, 4]);
  const item = (await u.dangban.post(`/api/v1/decisions/meetings/${meeting.id}/agenda`, { topicId: topic })).json().id as number;
  const res = await u.dangban.put(`/api/v1/decisions/meetings/${meeting.id}/agenda/${item}`, { version: 1, votes: { for: 5, against: 0, abstain: 0 }, decision: '同意', result: 'passed' });
  expect(res.statusCode, res.body).toBe(200);
  return { topic, meeting: meeting.id, item };
}

describe('bodies and settings', () => {
  it('POST /bodies: 401 → 400 → 403 by body (党办 the 党委会, 院办 the 院长办公会) → 201, audited; invisible to branch secretaries and members', async () => {
    const body = { kind: 'joint_meeting', name: '党政联席会议', members: [{ name: '王建国', title: '党委书记', isChair: true }, { name: '李明华', title: '院长' }] };
    expect((await t.anonymous().post('/api/v1/decisions/bodies', body)).statusCode).toBe(401);
    const bad = await u.dangban.post('/api/v1/decisions/bodies', { ...body, members: [] });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('body.members');
    expect((await u.dangban.post('/api/v1/decisions/bodies', { ...body, members: [{ name: 'a', isChair: true }, { name: 'b', isChair: true }] })).statusCode).toBe(400);
    expect((await u.office.post('/api/v1/decisions/bodies', body)).statusCode).toBe(403);
    const wrongOffice = await u.yuanban.post('/api/v1/decisions/bodies', { ...body, kind: 'party_committee' });
    expect(wrongOffice.statusCode).toBe(403);
    expect(errorOf(wrongOffice).code).toBe('DECISIONS_BODY_FORBIDDEN');
    expect((await u.yuanban.post('/api/v1/decisions/bodies', body)).statusCode).toBe(201);
    expect((await u.secretary.get('/api/v1/decisions/bodies')).statusCode).toBe(403);
    expect((await u.member.get('/api/v1/decisions/bodies')).statusCode).toBe(403);
    expect((await u.chengban.get('/api/v1/decisions/bodies')).statusCode).toBe(403);
    const list = (await u.office.get('/api/v1/decisions/bodies')).json();
    expect(list.map((b: { kind: string; canWrite: boolean }) => [b.kind, b.canWrite])).toEqual([
      ['party_committee', false],
      ['president_office_meeting', false],
      ['joint_meeting', false],
    ]);
    expect(await auditOf('decision_body')).toHaveLength(3);
  });

  it('PUT /bodies/:id keeps members by id, 409 on a stale version', async () => {
    const b = (await u.dangban.get('/api/v1/decisions/bodies')).json().find((x: { id: number }) => x.id === u.committeeId);
    const members = b.members.map((m: { id: number; name: string; title: string; isChair: boolean }) => ({ id: m.id, name: m.name, title: m.title, isChair: m.isChair }));
    expect((await u.yuanban.put(`/api/v1/decisions/bodies/${u.committeeId}`, { kind: 'party_committee', name: '党委会', members, version: 1 })).statusCode).toBe(403);
    expect((await u.dangban.put(`/api/v1/decisions/bodies/${u.committeeId}`, { kind: 'party_committee', name: '党委常委会', members, version: 1 })).statusCode).toBe(200);
    expect((await u.dangban.put(`/api/v1/decisions/bodies/${u.committeeId}`, { kind: 'party_committee', name: '党委会', members, version: 1 })).statusCode).toBe(409);
    const after = (await u.dangban.get('/api/v1/decisions/bodies')).json().find((x: { id: number }) => x.id === u.committeeId);
    expect(after.members.map((m: { id: number }) => m.id)).toEqual(u.committeeMembers);
    expect((await u.dangban.put(`/api/v1/decisions/bodies/${u.committeeId}`, { kind: 'party_committee', name: '党委会', members, version: 2 })).statusCode).toBe(200);
  });

  it('GET/PUT /settings: defaults; 党办 saves them, 院办 may not', async () => {
    expect((await t.anonymous().get('/api/v1/decisions/settings')).statusCode).toBe(401);
    const s = (await u.office.get('/api/v1/decisions/settings')).json();
    expect(s).toMatchObject({ largeFundThresholdCents: 50_000_000, committeeDecides: ['cadre'], version: 0 });
    const { version: _v, ...value } = s;
    expect((await u.dangban.put('/api/v1/decisions/settings', { ...value, prereviewItems: ['调研论证', '调研论证'], version: 0 })).statusCode).toBe(400);
    expect((await u.yuanban.put('/api/v1/decisions/settings', { ...value, version: 0 })).statusCode).toBe(403);
    const saved = await u.dangban.put('/api/v1/decisions/settings', { ...value, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await u.dangban.put('/api/v1/decisions/settings', { ...value, version: 0 })).statusCode).toBe(409);
  });
});

describe('topics and the pre-review gate', () => {
  it('POST /topics: 401 → 400 naming the field → 403 → 201 with the unit’s checklist; GET list and detail', async () => {
    expect((await t.anonymous().post('/api/v1/decisions/topics', topicBody(u.committeeId))).statusCode).toBe(401);
    const bad = await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, { category: 'large_fund', amountCents: null }));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('body.amountCents');
    expect(errorOf(await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, { proposer: '' }))).details?.[0]?.path).toBe('body.proposer');
    expect((await u.dangban.post('/api/v1/decisions/topics', topicBody(999999))).statusCode).toBe(400);
    expect((await u.yuanban.post('/api/v1/decisions/topics', topicBody(u.committeeId))).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/decisions/topics', topicBody(u.committeeId))).statusCode).toBe(403);
    const created = await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, { departmentId: u.departmentId, proposer: '' }));
    expect(created.statusCode, created.body).toBe(201);
    const detail = (await u.office.get(`/api/v1/decisions/topics/${created.json().id}`)).json();
    expect(detail).toMatchObject({ stage: 'draft', proposer: '医学装备处', sanzhongYida: true, canWrite: false, prereviewMissing: ['调研论证', '专家论证', '风险评估', '合法性审查', '合规性审核', '征求意见'] });
    expect((await u.secretary.get(`/api/v1/decisions/topics/${created.json().id}`)).statusCode).toBe(403);
    expect((await u.dangban.get('/api/v1/decisions/topics/999999')).statusCode).toBe(404);
    const list = (await u.office.get('/api/v1/decisions/topics?category=large_fund')).json();
    expect(list.total).toBeGreaterThan(0);
    expect((await u.office.get('/api/v1/decisions/topics?stage=nowhere')).statusCode).toBe(400);
    // A general topic of a large amount is 大额资金使用 (三重一大).
    const general = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, { category: 'general', amountCents: 60_000_000 }))).json().id;
    expect((await u.dangban.get(`/api/v1/decisions/topics/${general}`)).json()).toMatchObject({ effectiveCategory: 'large_fund', sanzhongYida: true });
    expect((await u.dangban.put(`/api/v1/decisions/topics/${general}`, { ...topicBody(u.committeeId, { category: 'general', amountCents: 1000 }), version: 1 })).statusCode).toBe(200);
    expect((await u.dangban.put(`/api/v1/decisions/topics/${general}`, { ...topicBody(u.committeeId), version: 1 })).statusCode).toBe(409);
    expect(await auditOf('decision_topic')).not.toHaveLength(0);
  });

  it('files: 400 on a file that is not material → 403 → 201 → download', async () => {
    const id = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId))).json().id;
    expect((await postFile(u.dangban, `/api/v1/decisions/topics/${id}/files`, { name: 'a.svg', content: Buffer.from('<svg/>') })).statusCode).toBe(400);
    expect((await postFile(u.yuanban, `/api/v1/decisions/topics/${id}/files`, { name: '论证报告.png', content: PNG })).statusCode).toBe(403);
    const file = await postFile(u.dangban, `/api/v1/decisions/topics/${id}/files`, { name: '论证报告.png', content: PNG });
    expect(file.statusCode, file.body).toBe(201);
    const down = await u.office.get(`/api/v1/decisions/topics/${id}/files/${file.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect((await u.office.get(`/api/v1/decisions/topics/${id}/files/999999`)).statusCode).toBe(404);
  });

  it('withdraw a topic’s material: 401 → 400 (no reason) → 403 (not its office, not a reader) → 200, audited; 409 once the topic is decided', async () => {
    const id = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId))).json().id;
    const file = (await postFile(u.dangban, `/api/v1/decisions/topics/${id}/files`, { name: '调研报告.png', content: PNG })).json().id as number;
    const url = `/api/v1/decisions/topics/${id}/files/${file}/withdraw`;
    expect((await t.anonymous().post(url, { reason: '传错了' })).statusCode).toBe(401);
    expect(errorOf(await u.dangban.post(url, { reason: '' })).details?.[0]?.path).toBe('body.reason');
    expect((await u.yuanban.post(url, { reason: '传错了' })).statusCode).toBe(403);
    expect((await u.office.post(url, { reason: '传错了' })).statusCode).toBe(403);
    const done = await u.dangban.post(url, { reason: '传错了版本' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ withdrawn: true, withdrawnReason: '传错了版本' });
    expect((await u.dangban.post(url, { reason: '再撤' })).statusCode).toBe(409);
    expect((await u.office.get(`/api/v1/decisions/topics/${id}/files/${file}`)).statusCode).toBe(404);
    expect((await u.office.get(`/api/v1/decisions/topics/${id}`)).json().files).toMatchObject([{ name: '调研报告.png', withdrawn: true }]);
    expect((await auditOf('decision_topic_file')).map((a) => a.summary)).toContainEqual(expect.stringContaining('撤回议题材料'));

    // Decided, the material is the basis of the decision and stays.
    const { topic } = await passedAtCommittee();
    const kept = (await postFile(u.dangban, `/api/v1/decisions/topics/${topic}/files`, { name: '论证意见.png', content: PNG })).json().id as number;
    const refused = await u.dangban.post(`/api/v1/decisions/topics/${topic}/files/${kept}/withdraw`, { reason: '传错了' });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('DECISIONS_TOPIC_FILE_DECIDED');
    expect(errorOf(refused).message).toContain('议题已作出决定');
  });

  it('a topic goes on an agenda only with its pre-review complete', async () => {
    const id = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId))).json().id;
    const meeting = await meetingWith(u.dangban, u.committeeId, u.committeeMembers, [0, 1, 2, 3, 4]);
    const refused = await u.dangban.post(`/api/v1/decisions/meetings/${meeting.id}/agenda`, { topicId: id });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused)).toMatchObject({ code: 'DECISIONS_PREREVIEW_INCOMPLETE' });
    expect(errorOf(refused).details?.[0]).toMatchObject({ path: 'body.topicId' });
    expect(errorOf(refused).message).toContain('合法性审查');
    const topic = (await u.dangban.get(`/api/v1/decisions/topics/${id}`)).json();
    const partial = await u.dangban.put(`/api/v1/decisions/topics/${id}/prereview`, { version: topic.version, items: [{ item: '调研论证', done: true, note: '调研报告已附' }] });
    expect(partial.json()).toMatchObject({ stage: 'draft', prereviewMissing: ['专家论证', '风险评估', '合法性审查', '合规性审核', '征求意见'] });
    expect((await u.dangban.put(`/api/v1/decisions/topics/${id}/prereview`, { version: topic.version + 1, items: [{ item: '算命', done: true }] })).statusCode).toBe(400);
    expect((await u.yuanban.put(`/api/v1/decisions/topics/${id}/prereview`, { version: topic.version + 1, items: [] })).statusCode).toBe(403);
    await completePrereview(u.dangban, id);
    expect((await u.dangban.get(`/api/v1/decisions/topics/${id}`)).json().stage).toBe('reviewed');
    const added = await u.dangban.post(`/api/v1/decisions/meetings/${meeting.id}/agenda`, { topicId: id });
    expect(added.statusCode, added.body).toBe(201);
    expect((await u.dangban.get(`/api/v1/decisions/topics/${id}`)).json().stage).toBe('scheduled');
    // A topic of another body does not go on this agenda.
    const other = (await u.yuanban.post('/api/v1/decisions/topics', topicBody(u.presidentId, { category: 'general', amountCents: 100 }))).json().id;
    await completePrereview(u.yuanban, other);
    expect(errorOf(await u.dangban.post(`/api/v1/decisions/meetings/${meeting.id}/agenda`, { topicId: other })).code).toBe('DECISIONS_TOPIC_OTHER_BODY');
  });
});

describe('routing, quorum and votes', () => {
  it('the 院长办公会 refuses a 三重一大 topic the 党委会 has not studied first, and takes it once studied; cadre topics only at the 党委会', async () => {
    const meeting = await meetingWith(u.yuanban, u.presidentId, u.presidentMembers, [0, 1, 2, 3, 4]);
    const unstudied = (await u.yuanban.post('/api/v1/decisions/topics', topicBody(u.presidentId, { category: 'major_project', title: '急诊综合楼改造项目' }))).json().id;
    await completePrereview(u.yuanban, unstudied);
    const refused = await u.yuanban.post(`/api/v1/decisions/meetings/${meeting.id}/agenda`, { topicId: unstudied });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).code).toBe('DECISIONS_ROUTING_STUDY_FIRST');
    expect(errorOf(refused).message).toContain('党委会前置研究');
    expect((await u.yuanban.get(`/api/v1/decisions/topics/${unstudied}`)).json().routing).toMatchObject({ refusal: 'DECISIONS_ROUTING_STUDY_FIRST', studiedBy: null });

    const studied = await passedAtCommittee({ category: 'major_project', title: '急诊综合楼改造项目（党委会前置研究）' });
    const topic = (await u.yuanban.get(`/api/v1/decisions/topics/${unstudied}`)).json();
    expect((await u.yuanban.put(`/api/v1/decisions/topics/${unstudied}`, { ...topicBody(u.presidentId, { category: 'major_project', title: '急诊综合楼改造项目', studiedByTopicId: studied.topic }), version: topic.version })).statusCode).toBe(200);
    expect((await u.yuanban.get(`/api/v1/decisions/topics/${unstudied}`)).json().routing).toMatchObject({ refusal: null, studiedBy: { id: studied.topic, passed: true } });
    expect((await u.yuanban.post(`/api/v1/decisions/meetings/${meeting.id}/agenda`, { topicId: unstudied })).statusCode).toBe(201);

    const cadre = (await u.yuanban.post('/api/v1/decisions/topics', topicBody(u.presidentId, { category: 'cadre', amountCents: null, title: '关于心内科主任任免的议题', studiedByTopicId: studied.topic }))).json().id;
    await completePrereview(u.yuanban, cadre);
    expect(errorOf(await u.yuanban.post(`/api/v1/decisions/meetings/${meeting.id}/agenda`, { topicId: cadre })).code).toBe('DECISIONS_ROUTING_COMMITTEE_DECIDES');
  });

  it('quorum: more than half present; a cadre topic at the 党委会 needs two thirds; recused members do not count', async () => {
    const cadre = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, { category: 'cadre', amountCents: null, title: '关于心内科主任任免的议题' }))).json().id;
    await completePrereview(u.dangban, cadre);
    const m = await meetingWith(u.dangban, u.committeeId, u.committeeMembers, [0, 1, 2]);
    const item = (await u.dangban.post(`/api/v1/decisions/meetings/${m.id}/agenda`, { topicId: cadre })).json().id;
    const refused = await u.dangban.put(`/api/v1/decisions/meetings/${m.id}/agenda/${item}`, { version: 1, votes: { for: 3, against: 0, abstain: 0 }, result: 'passed' });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused)).toMatchObject({ code: 'DECISIONS_QUORUM_NOT_MET' });
    expect(errorOf(refused).message).toContain('三分之二');
    expect(errorOf(refused).message).toContain('至少 4 人');
    // Four present: two thirds of five is met; one recused makes it three again.
    const m2 = await meetingWith(u.dangban, u.committeeId, u.committeeMembers, [0, 1, 2, 3]);
    const cadre2 = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, { category: 'cadre', amountCents: null, title: '关于护理部主任任免的议题' }))).json().id;
    await completePrereview(u.dangban, cadre2);
    const item2 = (await u.dangban.post(`/api/v1/decisions/meetings/${m2.id}/agenda`, { topicId: cadre2 })).json().id;
    const recused = await u.dangban.put(`/api/v1/decisions/meetings/${m2.id}/agenda/${item2}`, { version: 1, recused: [u.committeeMembers[3]], votes: { for: 3, against: 0, abstain: 0 }, result: 'passed' });
    expect(errorOf(recused).code).toBe('DECISIONS_QUORUM_NOT_MET');
    const ok = await u.dangban.put(`/api/v1/decisions/meetings/${m2.id}/agenda/${item2}`, { version: 1, votes: { for: 4, against: 0, abstain: 0 }, decision: '同意任命', result: 'passed' });
    expect(ok.statusCode, ok.body).toBe(200);
    const detail = (await u.office.get(`/api/v1/decisions/meetings/${m2.id}`)).json();
    expect(detail.agenda[0]).toMatchObject({ presentForTopic: 4, required: 4, quorumRule: 'two_thirds', result: 'passed' });
    // Recusal on an ordinary topic: recorded, not counted.
    const plain = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, { title: '关于年度预算调整的议题', category: 'major_decision' }))).json().id;
    await completePrereview(u.dangban, plain);
    const item3 = (await u.dangban.post(`/api/v1/decisions/meetings/${m2.id}/agenda`, { topicId: plain })).json().id;
    expect(errorOf(await u.dangban.put(`/api/v1/decisions/meetings/${m2.id}/agenda/${item3}`, { version: 1, recused: [u.committeeMembers[1]], votes: { for: 4, against: 0, abstain: 0 }, result: 'passed' })).code).toBe('DECISIONS_VOTES_EXCEED_PRESENT');
    expect((await u.dangban.put(`/api/v1/decisions/meetings/${m2.id}/agenda/${item3}`, { version: 1, recused: [u.committeeMembers[1]], votes: { for: 3, against: 0, abstain: 0 }, result: 'passed' })).statusCode).toBe(200);
  });

  it('a 党委会 decision passes on more than half of the members due, not of those present', async () => {
    const topic = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId, { title: '关于引进达芬奇手术机器人的议题' }))).json().id;
    await completePrereview(u.dangban, topic);
    const m = await meetingWith(u.dangban, u.committeeId, u.committeeMembers, [0, 1, 2, 3]);
    const item = (await u.dangban.post(`/api/v1/decisions/meetings/${m.id}/agenda`, { topicId: topic })).json().id;
    // 2 of 4 present in favour is half of those present but not more than half of the 5 due.
    const wrong = await u.dangban.put(`/api/v1/decisions/meetings/${m.id}/agenda/${item}`, { version: 1, votes: { for: 2, against: 1, abstain: 1 }, result: 'passed' });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({ code: 'DECISIONS_VOTES_RESULT_MISMATCH' });
    expect(errorOf(wrong).details?.[0]?.path).toBe('body.result');
    expect(errorOf(await u.dangban.put(`/api/v1/decisions/meetings/${m.id}/agenda/${item}`, { version: 1, result: 'passed' })).code).toBe('DECISIONS_VOTES_REQUIRED');
    expect((await u.yuanban.put(`/api/v1/decisions/meetings/${m.id}/agenda/${item}`, { version: 1, votes: { for: 2, against: 1, abstain: 1 }, result: 'rejected' })).statusCode).toBe(403);
    expect((await u.dangban.put(`/api/v1/decisions/meetings/${m.id}/agenda/${item}`, { version: 1, votes: { for: 2, against: 1, abstain: 1 }, decision: '暂不引进', result: 'rejected' })).statusCode).toBe(200);
    expect((await u.dangban.put(`/api/v1/decisions/meetings/${m.id}/agenda/${item}`, { version: 1, votes: { for: 2, against: 1, abstain: 1 }, result: 'rejected' })).statusCode).toBe(409);
    expect((await u.dangban.get(`/api/v1/decisions/topics/${topic}`)).json().stage).toBe('decided');
  });

  it('the 院长办公会 does not vote: the president decides, with the views recorded', async () => {
    const topic = (await u.yuanban.post('/api/v1/decisions/topics', topicBody(u.presidentId, { category: 'general', amountCents: 3_000_000, title: '关于职工食堂改造的议题' }))).json().id;
    await completePrereview(u.yuanban, topic);
    const absent = await meetingWith(u.yuanban, u.presidentId, u.presidentMembers, [1, 2, 3]);
    const item0 = (await u.yuanban.post(`/api/v1/decisions/meetings/${absent.id}/agenda`, { topicId: topic })).json().id;
    expect(errorOf(await u.yuanban.put(`/api/v1/decisions/meetings/${absent.id}/agenda/${item0}`, { version: 1, views: '同意', result: 'passed' })).code).toBe('DECISIONS_PRESIDENT_ABSENT');
    const deferred = await u.yuanban.put(`/api/v1/decisions/meetings/${absent.id}/agenda/${item0}`, { version: 1, result: 'deferred', decision: '待院长到会后研究' });
    expect(deferred.statusCode).toBe(200);
    expect((await u.yuanban.get(`/api/v1/decisions/topics/${topic}`)).json().stage).toBe('reviewed');
    const m = await meetingWith(u.yuanban, u.presidentId, u.presidentMembers, [0, 1, 2, 3]);
    const item = (await u.yuanban.post(`/api/v1/decisions/meetings/${m.id}/agenda`, { topicId: topic })).json().id;
    expect(errorOf(await u.yuanban.put(`/api/v1/decisions/meetings/${m.id}/agenda/${item}`, { version: 1, votes: { for: 4, against: 0, abstain: 0 }, result: 'passed' })).code).toBe('DECISIONS_NO_VOTES_AT_PRESIDENT_MEETING');
    const ok = await u.yuanban.put(`/api/v1/decisions/meetings/${m.id}/agenda/${item}`, { version: 1, views: '刘志强：建议分期实施；孙伟：资金从后勤维修费列支', decision: '同意分两期实施', result: 'passed' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await u.office.get(`/api/v1/decisions/meetings/${m.id}`)).json().agenda[0]).toMatchObject({ votesFor: null, views: expect.stringContaining('分期'), result: 'passed' });
    // The 会议纪要.
    const docx = await u.office.get(`/api/v1/decisions/meetings/${m.id}/minutes`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect((await u.secretary.get(`/api/v1/decisions/meetings/${m.id}/minutes`)).statusCode).toBe(403);
    expect((await u.office.get('/api/v1/decisions/meetings?bodyId=' + u.presidentId)).json().total).toBeGreaterThanOrEqual(2);
  });

  it('attendance: an absence needs its reason; 409 on a stale version; no decision before the meeting is held', async () => {
    const res = await u.dangban.post('/api/v1/decisions/meetings', { bodyId: u.committeeId, heldOn: '2026-12-10' });
    const id = res.json().id;
    const bad = await u.dangban.put(`/api/v1/decisions/meetings/${id}/attendance`, { version: 1, members: [{ bodyMemberId: u.committeeMembers[0], present: false }] });
    expect(errorOf(bad).details?.[0]?.path).toBe('body.members[0].leaveReason');
    expect((await u.dangban.put(`/api/v1/decisions/meetings/${id}/attendance`, { version: 1, members: [{ bodyMemberId: u.presidentMembers[2], present: true }] })).statusCode).toBe(400);
    expect((await u.dangban.put(`/api/v1/decisions/meetings/${id}/attendance`, { version: 1, members: u.committeeMembers.map((m) => ({ bodyMemberId: m, present: true })) })).statusCode).toBe(200);
    expect((await u.dangban.put(`/api/v1/decisions/meetings/${id}/attendance`, { version: 1, members: [] })).statusCode).toBe(409);
    const topic = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId))).json().id;
    await completePrereview(u.dangban, topic);
    const item = (await u.dangban.post(`/api/v1/decisions/meetings/${id}/agenda`, { topicId: topic })).json().id;
    expect(errorOf(await u.dangban.put(`/api/v1/decisions/meetings/${id}/agenda/${item}`, { version: 1, votes: { for: 5, against: 0, abstain: 0 }, result: 'passed' })).code).toBe('DECISIONS_MEETING_NOT_HELD');
  });
});

describe('supervision and evaluation', () => {
  it('tasks: split a passed decision; a 承办人 sees and reports only own tasks; late closure and overdue; evaluation; the dashboard', async () => {
    const undecided = (await u.dangban.post('/api/v1/decisions/topics', topicBody(u.committeeId))).json().id;
    const tasks = (owner1: number, owner2: number) => ({
      tasks: [
        { title: '完成设备招标采购', department: '医学装备处', ownerUserId: owner1, deadline: '2026-11-10', campus: '本部' },
        { title: '完成机房改造', department: '总务处', ownerUserId: owner2, deadline: '2026-11-20', campus: '东院区' },
      ],
    });
    expect((await t.anonymous().post(`/api/v1/decisions/topics/${undecided}/tasks`, tasks(u.chengbanId, u.chengban2Id))).statusCode).toBe(401);
    expect((await u.dangban.post(`/api/v1/decisions/topics/${undecided}/tasks`, { tasks: [] })).statusCode).toBe(400);
    expect((await u.dangban.post(`/api/v1/decisions/topics/${undecided}/tasks`, tasks(u.chengbanId, u.chengban2Id))).statusCode).toBe(409);
    const { topic } = await passedAtCommittee({ title: '关于引进PET-CT设备的议题' });
    expect((await u.yuanban.post(`/api/v1/decisions/topics/${topic}/tasks`, tasks(u.chengbanId, u.chengban2Id))).statusCode).toBe(403);
    expect((await u.chengban.post(`/api/v1/decisions/topics/${topic}/tasks`, tasks(u.chengbanId, u.chengban2Id))).statusCode).toBe(403);
    expect(errorOf(await u.dangban.post(`/api/v1/decisions/topics/${topic}/tasks`, tasks(999999, u.chengban2Id))).details?.[0]?.path).toBe('body.tasks[0].ownerUserId');
    expect((await t.anonymous().get('/api/v1/decisions/task-owners')).statusCode).toBe(401);
    expect((await u.office.get('/api/v1/decisions/task-owners')).statusCode).toBe(403);
    expect((await u.dangban.get('/api/v1/decisions/task-owners')).json().map((o: { id: number }) => o.id).sort()).toEqual([u.chengbanId, u.chengban2Id].sort());
    const split = await u.dangban.post(`/api/v1/decisions/topics/${topic}/tasks`, tasks(u.chengbanId, u.chengban2Id));
    expect(split.statusCode, split.body).toBe(201);
    const [own, others] = split.json().ids as [number, number];
    // The daily digest: both overdue (deadlines 2026-11-10 and -20), to the 党委 at the root.
    const digest = (await decisionTaskDigest.itemsFor(t.database.db, u.unit.tenantId, TODAY)).filter((i) => i.taskId === own || i.taskId === others);
    expect(digest.map((i) => [i.state, i.orgId])).toEqual([
      ['overdue', u.unit.rootOrgId],
      ['overdue', u.unit.rootOrgId],
    ]);
    expect(decisionTaskDigest.lines(digest, '', 'zh-CN')[0]).toContain('督办任务已逾期：完成设备招标采购');
    expect((await decisionTaskDigest.itemsFor(t.database.db, u.unit.tenantId, '2026-11-05')).filter((i) => i.taskId === own).map((i) => i.state)).toEqual(['due_soon']);

    // A 承办人 sees only their own tasks.
    expect((await t.anonymous().get('/api/v1/decisions/my-tasks')).statusCode).toBe(401);
    expect((await u.secretary.get('/api/v1/decisions/my-tasks')).statusCode).toBe(403);
    const mine = (await u.chengban.get('/api/v1/decisions/my-tasks')).json();
    expect(mine.map((x: { id: number }) => x.id)).toEqual([own]);
    expect(mine[0]).toMatchObject({ ownerName: '医务处处长', state: 'overdue', daysLate: 13 });
    expect((await u.chengban.get('/api/v1/decisions/tasks')).statusCode).toBe(403);

    // Feedback: 401 → 400 → 403 (someone else's task) → 201; completion after the deadline is late.
    expect((await t.anonymous().post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '进行中' })).statusCode).toBe(401);
    expect((await u.chengban.post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '' })).statusCode).toBe(400);
    expect(errorOf(await u.chengban.post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '完成', reportedOn: '2026-12-01' })).details?.[0]?.path).toBe('body.reportedOn');
    expect((await u.chengban.post(`/api/v1/decisions/tasks/${others}/feedback`, { progress: '不是我的' })).statusCode).toBe(403);
    expect((await u.office.post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '组织部' })).statusCode).toBe(403);
    expect((await u.chengban.post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '已发布招标公告', reportedOn: '2026-11-05' })).statusCode).toBe(201);
    const closed = await u.chengban.post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '合同已签订，设备到货', reportedOn: '2026-11-18', completes: true });
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: '2026-11-18', state: 'closed_late', daysLate: 8 });
    expect((await u.chengban.post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '再报' })).statusCode).toBe(409);
    expect((await u.chengban.get('/api/v1/decisions/my-tasks')).json()[0].feedback).toHaveLength(2);

    // The supervision list shows the other task overdue.
    const overdue = (await u.office.get('/api/v1/decisions/tasks?state=overdue')).json();
    expect(overdue.map((x: { id: number }) => x.id)).toContain(others);

    // Evaluation waits for every task to close.
    const evaluation = { version: 0, evaluatedOn: '2026-11-23', effect: '设备投入使用，检查预约时间由14天缩短至5天', problems: '机房改造滞后', ruleChangeNeeded: true, revisedRuleTitle: '大型医用设备采购管理办法', revisedRuleOn: '2026-11-23' };
    expect((await u.dangban.put(`/api/v1/decisions/topics/${topic}/evaluation`, evaluation)).statusCode).toBe(409);
    expect((await u.dangban.post(`/api/v1/decisions/tasks/${others}/feedback`, { progress: '机房改造完成（党办代报）', completes: true })).statusCode).toBe(201);
    expect((await u.dangban.get(`/api/v1/decisions/topics/${topic}`)).json().stage).toBe('closed');
    expect((await t.anonymous().put(`/api/v1/decisions/topics/${topic}/evaluation`, evaluation)).statusCode).toBe(401);
    expect((await u.dangban.put(`/api/v1/decisions/topics/${topic}/evaluation`, { ...evaluation, effect: '' })).statusCode).toBe(400);
    expect((await u.yuanban.put(`/api/v1/decisions/topics/${topic}/evaluation`, evaluation)).statusCode).toBe(403);
    const saved = await u.dangban.put(`/api/v1/decisions/topics/${topic}/evaluation`, evaluation);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await u.dangban.put(`/api/v1/decisions/topics/${topic}/evaluation`, evaluation)).statusCode).toBe(409);
    expect((await u.dangban.put(`/api/v1/decisions/topics/${topic}/evaluation`, { ...evaluation, version: 1 })).statusCode).toBe(200);
    const detail = (await u.office.get(`/api/v1/decisions/topics/${topic}`)).json();
    expect(detail).toMatchObject({ stage: 'evaluated', evaluation: { ruleChangeNeeded: true, revisedRuleTitle: '大型医用设备采购管理办法' } });
    expect(detail.tasks.map((x: { state: string }) => x.state)).toEqual(['closed_late', 'closed_late']);
    expect(await auditOf('decision_evaluation')).toHaveLength(2);

    // The dashboard and its Excel.
    expect((await u.secretary.get('/api/v1/decisions/dashboard')).statusCode).toBe(403);
    expect((await u.office.get('/api/v1/decisions/dashboard?year=1900')).statusCode).toBe(400);
    const d = (await u.office.get('/api/v1/decisions/dashboard?year=2026')).json();
    expect(d.tasks).toMatchObject({ closedLate: 2, onTimeRate: 0 });
    expect(d.byCategory.find((c: { category: string }) => c.category === 'large_fund').total).toBeGreaterThan(0);
    expect(d.committeeFirst.topics).toBeGreaterThanOrEqual(0);
    expect(d.byDepartment.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['医学装备处', '总务处']));
    const xlsx = await u.office.get('/api/v1/decisions/dashboard/export?year=2026');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // The ledger's title carries the dashboard's on-time rate; a row per task of the year.
    const wb = await workbookOf(xlsx);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('决策督办台账（2026年） 按期办结率 0%');
    const numbered = [] as unknown[];
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === 'number') numbered.push(row.getCell(1).value);
    });
    expect(numbered).toHaveLength(d.tasks.total);
  });
});

describe('evidence on feedback', () => {
  it('the 承办人 attaches a file to own feedback: 401 → 400 (a file that is not evidence, named) → 403 (someone else’s task, a reader) → 201; download; withdraw while open; the office always', async () => {
    const { topic } = await passedAtCommittee({ title: '关于院区间转运车辆配置的议题' });
    const [own, others] = (await u.dangban.post(`/api/v1/decisions/topics/${topic}/tasks`, { tasks: [
      { title: '采购转运车辆', department: '总务处', ownerUserId: u.chengbanId, deadline: '2026-12-20' },
      { title: '制定转运流程', department: '医务处', ownerUserId: u.chengban2Id, deadline: '2026-12-20' },
    ] })).json().ids as [number, number];
    const feedback = await u.chengban.post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '已完成询价' });
    expect(feedback.statusCode, feedback.body).toBe(201);
    const fid = feedback.json().feedbackId as number;
    const othersFeedback = (await u.chengban2.post(`/api/v1/decisions/tasks/${others}/feedback`, { progress: '流程初稿' })).json().feedbackId as number;
    const url = `/api/v1/decisions/tasks/${own}/feedback/${fid}/files`;

    expect((await postFile(t.anonymous(), url, { name: '询价单.png', content: PNG })).statusCode).toBe(401);
    expect((await u.chengban.post(url, { progress: 'x' })).statusCode).toBe(400);
    const svg = await postFile(u.chengban, url, { name: '询价单.svg', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    expect(svg.statusCode).toBe(400);
    expect(errorOf(svg)).toMatchObject({ code: 'UPLOAD_TYPE_NOT_ALLOWED', details: [{ path: 'body.file' }] });
    expect(errorOf(svg).details?.[0]?.message).toContain('询价单.svg');
    expect((await postFile(u.chengban, `/api/v1/decisions/tasks/${others}/feedback/${othersFeedback}/files`, { name: 'a.png', content: PNG })).statusCode).toBe(403);
    expect((await postFile(u.office, url, { name: 'a.png', content: PNG })).statusCode).toBe(403);
    expect((await postFile(u.secretary, url, { name: 'a.png', content: PNG })).statusCode).toBe(403);
    // A feedback entry of another task is not this task's.
    expect((await postFile(u.chengban, `/api/v1/decisions/tasks/${own}/feedback/${othersFeedback}/files`, { name: 'a.png', content: PNG })).statusCode).toBe(404);
    const up = await postFile(u.chengban, url, { name: '询价单.png', content: PNG });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ name: '询价单.png', contentType: 'image/png', createdByName: expect.any(String), withdrawn: false });
    const fileId = up.json().id as number;

    // Listed with the feedback, on the 承办人's page and the topic's.
    expect((await u.chengban.get('/api/v1/decisions/my-tasks')).json().find((x: { id: number }) => x.id === own).feedback[0].files).toMatchObject([{ id: fileId, name: '询价单.png' }]);
    expect((await u.office.get(`/api/v1/decisions/topics/${topic}`)).json().tasks[0].feedback[0].files).toMatchObject([{ id: fileId }]);

    // Download: the 承办人, the offices and the readers of decisions; not another 承办人 nor a branch.
    const down = `${url}/${fileId}`;
    expect((await t.anonymous().get(down)).statusCode).toBe(401);
    for (const client of [u.chengban, u.dangban, u.office]) {
      const res = await client.get(down);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
    }
    expect((await u.chengban2.get(down)).statusCode).toBe(403);
    expect((await u.member.get(down)).statusCode).toBe(403);
    expect((await u.chengban.get(`${url}/999999`)).statusCode).toBe(404);

    // Withdraw: its 承办人 while the task is open, with a reason.
    expect((await t.anonymous().post(`${down}/withdraw`, { reason: '传错了' })).statusCode).toBe(401);
    expect((await u.chengban.post(`${down}/withdraw`, { reason: '' })).statusCode).toBe(400);
    expect((await u.chengban2.post(`${down}/withdraw`, { reason: '传错了' })).statusCode).toBe(403);
    const w = await u.chengban.post(`${down}/withdraw`, { reason: '传错了' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ withdrawn: true, withdrawnReason: '传错了' });
    expect((await u.chengban.get(down)).statusCode).toBe(404);

    // Closed: the closing entry takes its evidence, the 承办人 no longer withdraws, the office does.
    const closing = (await u.chengban.post(`/api/v1/decisions/tasks/${own}/feedback`, { progress: '车辆已到位', completes: true })).json().feedbackId as number;
    const proof = await postFile(u.chengban, `/api/v1/decisions/tasks/${own}/feedback/${closing}/files`, { name: '验收单.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') });
    expect(proof.statusCode, proof.body).toBe(201);
    const proofUrl = `/api/v1/decisions/tasks/${own}/feedback/${closing}/files/${proof.json().id}/withdraw`;
    const kept = await u.chengban.post(proofUrl, { reason: '不要了' });
    expect(kept.statusCode).toBe(403);
    expect(errorOf(kept).code).toBe('DECISIONS_FEEDBACK_FILE_CLOSED');
    expect((await u.dangban.post(proofUrl, { reason: '重复上传' })).statusCode).toBe(200);
    expect((await auditOf('decision_feedback_file')).map((a) => a.action)).toEqual(['create', 'update', 'create', 'update']);
  });
});

describe('reminders that reach the 承办人 in person', () => {
  it('the daily run gives a 承办人 their own due-soon and overdue tasks in-app, at most once a day; someone who owns nothing, or muted reminders, gets nothing', async () => {
    const { topic } = await passedAtCommittee({ title: '关于门诊预约挂号改革的议题' });
    const [late, soon] = (await u.dangban.post(`/api/v1/decisions/topics/${topic}/tasks`, { tasks: [
      { title: '上线分时段预约', department: '门诊部', ownerUserId: u.chengbanId, deadline: '2026-11-20' },
      { title: '修订预约管理办法', department: '医务处', ownerUserId: u.chengban2Id, deadline: '2026-11-26' },
    ] })).json().ids as [number, number];
    expect((await t.anonymous().post('/api/v1/orglife/reminders/run')).statusCode).toBe(401);
    expect((await u.chengban.post('/api/v1/orglife/reminders/run')).statusCode).toBe(403);
    expect((await u.chengban2.put('/api/v1/orglife/notifications/mute', { muted: true })).statusCode).toBe(200);

    const run = await u.office.post('/api/v1/orglife/reminders/run');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().personal).toBeGreaterThanOrEqual(1);

    // The 承办人 (no digest-reading role) sees their own overdue task, and nobody else's.
    const mine = (await u.chengban.get('/api/v1/orglife/notifications')).json();
    expect(mine).toMatchObject({ muted: false, items: [] });
    expect(mine.own).toHaveLength(1);
    expect(mine.own[0].day).toBe(TODAY);
    const own = mine.own[0].items as Array<{ type: string; taskId: number; state: string; ownerUserId: number }>;
    expect(own).toContainEqual(expect.objectContaining({ type: 'decision_task', taskId: late, state: 'overdue', ownerUserId: u.chengbanId, title: '上线分时段预约' }));
    expect(own.map((i) => i.taskId)).not.toContain(soon);
    expect(own.every((i) => i.ownerUserId === u.chengbanId)).toBe(true);
    // Muted: nothing stored, nothing shown.
    expect((await u.chengban2.get('/api/v1/orglife/notifications')).json()).toEqual({ muted: true, items: [], own: [] });
    const stored = await t.database.db.selectFrom('person_digests').select('user_id').where('tenant_id', '=', u.unit.tenantId).execute();
    expect(stored.map((r) => r.user_id)).not.toContain(u.chengban2Id);
    // A member who owns no task gets nothing of their own.
    expect((await u.member.get('/api/v1/orglife/notifications')).json().own).toEqual([]);
    // At most once a day: a second run adds nothing.
    expect((await u.office.post('/api/v1/orglife/reminders/run')).json().personal).toBe(0);
    expect((await u.chengban.get('/api/v1/orglife/notifications')).json().own).toHaveLength(1);
    // Unmuted, the due-soon task reaches its 承办人 on the next day's run.
    expect((await u.chengban2.put('/api/v1/orglife/notifications/mute', { muted: false })).statusCode).toBe(200);
    expect((await runReminders(t.database.db, u.unit.tenantId, '2026-11-24', async () => ({ ok: true, status: 200 }))).personal).toBeGreaterThanOrEqual(1);
    const next = await t.database.db.selectFrom('person_digests').select(['day', 'items']).where('tenant_id', '=', u.unit.tenantId).where('user_id', '=', u.chengban2Id).execute();
    expect(next.map((r) => r.day)).toEqual(['2026-11-24']);
    expect(next[0]!.items).toEqual([expect.objectContaining({ taskId: soon, state: 'due_soon' })]);
  });
});

describe('the demo hospital', () => {
  it('has a year of 党委会 and 院长办公会 meetings, topics of every category, tasks of the 承办人 (some late, some overdue)', async () => {
    const demo = await createTestApp({ today: () => TODAY });
    try {
      const dangban = await demo.login('dangban');
      const d = (await dangban.get('/api/v1/decisions/dashboard?year=2026')).json();
      expect(d.byCategory.every((c: { total: number }) => c.total > 0)).toBe(true);
      expect(d.tasks.closedLate).toBeGreaterThan(0);
      expect(d.tasks.overdue).toBeGreaterThan(0);
      expect(d.committeeFirst.topics).toBeGreaterThan(5);
      expect(d.committeeFirst.compliant).toBe(d.committeeFirst.topics);
      expect(d.byCategory.find((c: { category: string }) => c.category === 'major_project').stages.reviewed).toBe(0);
      const meetings = (await dangban.get('/api/v1/decisions/meetings?pageSize=100')).json();
      expect(meetings.total).toBeGreaterThan(30);
      const chengban = await demo.login('chengban');
      const mine = (await chengban.get('/api/v1/decisions/my-tasks')).json();
      expect(mine.length).toBeGreaterThan(3);
      expect((await (await demo.login('secretary')).get('/api/v1/decisions/topics')).statusCode).toBe(403);
    } finally {
      await demo.close();
    }
  }, 120_000);
});

describe('the overview’s decisions card', () => {
  it('counts the year’s tasks by state and campus in the database, as the decisions dashboard counts them', async () => {
    const w = await decisionsUnit(t, 'dcard');
    const topic = (await w.dangban.post('/api/v1/decisions/topics', topicBody(w.committeeId, { title: '关于门诊楼改造的议题' }))).json().id as number;
    await completePrereview(w.dangban, topic);
    const meeting = await meetingWith(w.dangban, w.committeeId, w.committeeMembers, [0, 1, 2, 3, 4], '2025-05-10');
    const item = (await w.dangban.post(`/api/v1/decisions/meetings/${meeting.id}/agenda`, { topicId: topic })).json().id as number;
    expect((await w.dangban.put(`/api/v1/decisions/meetings/${meeting.id}/agenda/${item}`, { version: 1, votes: { for: 5, against: 0, abstain: 0 }, decision: '同意', result: 'passed' })).statusCode).toBe(200);
    // Today is 2026-11-23: due soon means a deadline within 7 days (30 November still is, 1 December is not).
    const task = (title: string, deadline: string, campus: string) => ({ title, department: '总务处', ownerUserId: w.chengbanId, deadline, campus });
    const split = await w.dangban.post(`/api/v1/decisions/topics/${topic}/tasks`, {
      tasks: [
        task('按期办结', '2026-11-30', '本部'),
        task('逾期办结', '2026-10-01', '本部'),
        task('上年逾期未办结', '2025-12-20', '东院区'),
        task('临近期限', '2026-11-30', '东院区'),
        task('办理中', '2026-12-01', '东院区'),
        task('明年到期', '2027-01-05', '本部'),
        task('本年逾期', '2026-11-10', '本部'),
        task('上年按期办结', '2025-06-01', '本部'),
      ],
    });
    expect(split.statusCode, split.body).toBe(201);
    const ids = split.json().ids as number[];
    const close = async (id: number, on: string) => expect((await w.dangban.post(`/api/v1/decisions/tasks/${id}/feedback`, { progress: '已办结', reportedOn: on, completes: true })).statusCode).toBe(201);
    await close(ids[0]!, '2026-11-20');
    await close(ids[1]!, '2026-10-15');
    await close(ids[7]!, '2025-05-30');

    const overview = await w.office.get('/api/v1/dashboard/overview');
    expect(overview.statusCode, overview.body).toBe(200);
    const cards = overview.json().cards as { key: string; value: number; of: number; byCampus: { name: string; value: number; of: number }[] }[];
    const card = cards.find((c) => c.key === 'decisionTasks')!;
    // Six tasks of 2026 (the overdue one from 2025 with them): on time, open and due soon are on track.
    expect(card).toMatchObject({ value: 3, of: 6 });
    expect([...card.byCampus].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        { name: '本部', value: 1, of: 3 },
        { name: '东院区', value: 2, of: 3 },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    // The decisions dashboard (core's state of each task) agrees.
    const d = (await w.dangban.get('/api/v1/decisions/dashboard?year=2026')).json();
    expect(d.tasks).toEqual({ total: 6, open: 1, dueSoon: 1, overdue: 2, closedOnTime: 1, closedLate: 1, onTimeRate: 0.25 });
    expect(d.byCampus.map((c: { key: string; tasks: number; overdue: number; closedLate: number }) => [c.key, c.tasks - c.overdue - c.closedLate, c.tasks])).toEqual(card.byCampus.map((c) => [c.name, c.value, c.of]));
  });
});
