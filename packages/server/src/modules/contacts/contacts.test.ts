import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { createAccount, signIn } from '../../test/fixture.js';
import { type ServiceUnit, eventBody, recordEvent, serviceUnit } from '../../test/fixtures/service.js';
import { contactFollowUpDigest } from './digest.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
/** Two hospital leaders (院领导), each the contact point of branches of their own. */
let leader: Client;
let leader2: Client;
let leaderId: number;
let leader2Id: number;
/** The secretary of the branch (急诊科全科医学科党支部) and of its sibling (心内科党支部). */
let secretaryId: number;
let sibling: Client;
/** A 党委委员 with an account (no leader role). */
let weiyuanId: number;
let foreignOrgId: number;
let foreignEventId: number;

beforeAll(async () => {
  t = await createTestApp({ empty: true, today: () => TODAY });
  const db = t.database.db;
  u = await serviceUnit(t, 'con');
  leaderId = await createAccount(db, u.unit, 'con.leader', [{ role: 'leader' }], { name: '林院长' });
  leader2Id = await createAccount(db, u.unit, 'con.leader2', [{ role: 'leader' }], { name: '周副院长' });
  await createAccount(db, u.unit, 'con.sibling', [{ role: 'branch_secretary', orgId: u.otherBranchId }]);
  weiyuanId = await createAccount(db, u.unit, 'con.weiyuan', [{ role: 'member' }], { name: '王委员', memberId: u.memberIds[1]! });
  secretaryId = (await db.selectFrom('users').select('id').where('username', '=', 'con.secretary').executeTakeFirstOrThrow()).id;
  leader = await signIn(t, 'con.leader');
  leader2 = await signIn(t, 'con.leader2');
  sibling = await signIn(t, 'con.sibling');
  // 王委员 sits on the 党委.
  const root = (await u.office.get(`/api/v1/orgs/${u.unit.rootOrgId}`)).json();
  const seated = await u.office.put(`/api/v1/orgs/${u.unit.rootOrgId}/committee`, { version: root.version, seats: [{ post: 'member', memberId: u.memberIds[1] }] });
  expect(seated.statusCode, seated.body).toBe(200);
  const foreign = await serviceUnit(t, 'cox', 300);
  foreignOrgId = foreign.branchId;
  foreignEventId = await recordEvent(foreign.secretary, eventBody(foreign.branchId));
}, 120_000);
afterAll(() => t?.close());

const auditOf = async (entityType: string) =>
  (await t.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', entityType).orderBy('id').execute()).map((a) => a.action);

const point = (extra: Record<string, unknown> = {}) => ({ userId: leaderId, orgId: u.branchId, fromOn: '2026-01-01', ...extra });
const visit = (pointId: number, extra: Record<string, unknown> = {}) => ({
  pointId,
  visitedOn: '2026-11-20',
  purpose: '调研指导',
  participants: '支部委员、科室骨干',
  notes: '了解急诊滞留患者分流情况，听取支部意见',
  followUps: [{ text: '完善急诊滞留患者分流制度', ownerUserId: secretaryId, dueOn: '2026-11-27' }],
  ...extra,
});

async function createPoint(client: Client, body: Record<string, unknown>): Promise<number> {
  const res = await client.post('/api/v1/contacts/points', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** The leaders' contact points: 林院长 → the branch, 周副院长 → the branch and its sibling. */
let mine: number;
let theirs: number;
let theirsSibling: number;

describe('contact points', () => {
  it('POST /contacts/points: 401 → 400 naming the field → 403 → 201, audited; periods of a leader and branch may not overlap', async () => {
    expect((await t.anonymous().post('/api/v1/contacts/points', point())).statusCode).toBe(401);
    expect(errorOf(await u.office.post('/api/v1/contacts/points', point({ fromOn: '2026-02-30' }))).details?.[0]?.path).toBe('body.fromOn');
    const notLeader = await u.office.post('/api/v1/contacts/points', point({ userId: secretaryId }));
    expect(errorOf(notLeader)).toMatchObject({ code: 'CONTACT_LEADER_NOT_ELIGIBLE', details: [{ path: 'body.userId' }] });
    expect(errorOf(await u.office.post('/api/v1/contacts/points', point({ orgId: foreignOrgId }))).details?.[0]?.path).toBe('body.orgId');
    expect(errorOf(await u.office.post('/api/v1/contacts/points', point({ toOn: '2025-12-31' }))).details?.[0]?.path).toBe('body.toOn');
    for (const client of [u.secretary, leader, u.inspector, u.member]) expect((await client.post('/api/v1/contacts/points', point())).statusCode).toBe(403);
    mine = await createPoint(u.office, point());
    theirs = await createPoint(u.office, point({ userId: leader2Id, fromOn: '2026-03-01' }));
    theirsSibling = await createPoint(u.office, point({ userId: leader2Id, orgId: u.otherBranchId }));
    const overlap = await u.office.post('/api/v1/contacts/points', point({ fromOn: '2026-06-01' }));
    expect(errorOf(overlap)).toMatchObject({ code: 'CONTACT_POINT_OVERLAP', details: [{ path: 'body.fromOn' }] });
    // A 党委委员 with an account may be a contact point too.
    await createPoint(u.office, point({ userId: weiyuanId, orgId: u.otherBranchId, fromOn: '2026-07-01', toOn: '2026-12-31' }));
    const leaders = (await u.office.get('/api/v1/contacts/leaders')).json();
    expect(leaders).toEqual(expect.arrayContaining([
      { id: leaderId, name: '林院长', leader: true, committeePost: null },
      { id: weiyuanId, name: '王委员', leader: false, committeePost: 'member' },
    ]));
    expect((await u.secretary.get('/api/v1/contacts/leaders')).statusCode).toBe(403);
    expect((await auditOf('contact_point')).filter((a) => a === 'create')).toHaveLength(4);
  });

  it('GET /contacts/points: a leader sees only their own, a secretary those of their branch, the office all', async () => {
    const ids = async (client: Client, query = '') => ((await client.get(`/api/v1/contacts/points${query}`)).json() as Array<{ id: number }>).map((p) => p.id);
    expect(await ids(leader)).toEqual([mine]);
    expect((await ids(leader2)).sort()).toEqual([theirs, theirsSibling].sort());
    expect(await ids(u.secretary)).toEqual(expect.arrayContaining([mine, theirs]));
    expect(await ids(u.secretary)).not.toContain(theirsSibling);
    expect(await ids(u.office)).toEqual(expect.arrayContaining([mine, theirs, theirsSibling]));
    expect(await ids(u.office, `?userId=${leader2Id}&orgId=${u.otherBranchId}`)).toEqual([theirsSibling]);
    expect((await u.secretary.get(`/api/v1/contacts/points?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    expect((await u.member.get('/api/v1/contacts/points')).statusCode).toBe(403);
    const [row] = (await leader.get('/api/v1/contacts/points')).json();
    expect(row).toMatchObject({ leaderName: '林院长', orgName: '急诊科全科医学科党支部', active: true, fromOn: '2026-01-01', toOn: null });
    expect(row).not.toHaveProperty('orgPath');
  });
});

describe('visits and follow-ups', () => {
  let visitId = 0;
  let followUpId = 0;

  it('POST /contacts/visits: 401 → 400 → 403 (a leader for another’s contact point, a secretary) → 201 with follow-ups, audited', async () => {
    expect((await t.anonymous().post('/api/v1/contacts/visits', visit(mine))).statusCode).toBe(401);
    expect(errorOf(await leader.post('/api/v1/contacts/visits', visit(mine, { notes: '' }))).details?.[0]?.path).toBe('body.notes');
    expect(errorOf(await leader.post('/api/v1/contacts/visits', visit(mine, { visitedOn: '2026-11-30' }))).details?.[0]?.path).toBe('body.visitedOn');
    expect(errorOf(await leader2.post('/api/v1/contacts/visits', visit(theirs, { visitedOn: '2026-02-10' }))).code).toBe('CONTACT_VISIT_OUTSIDE_POINT');
    expect(errorOf(await leader.post('/api/v1/contacts/visits', visit(mine, { purpose: '喝茶' }))).details?.[0]?.path).toBe('body.purpose');
    expect(errorOf(await leader.post('/api/v1/contacts/visits', visit(mine, { followUps: [{ text: '整改', ownerUserId: 999999 }] }))).details?.[0]?.path).toBe('body.followUps[0].ownerUserId');
    expect(errorOf(await leader.post('/api/v1/contacts/visits', visit(mine, { followUps: [{ text: '整改', ownerUserId: secretaryId, dueOn: '2026-11-01' }] }))).details?.[0]?.path).toBe('body.followUps[0].dueOn');
    expect(errorOf(await leader.post('/api/v1/contacts/visits', visit(999999))).details?.[0]?.path).toBe('body.pointId');
    const others = await leader.post('/api/v1/contacts/visits', visit(theirs));
    expect(others.statusCode).toBe(403);
    expect(errorOf(others).code).toBe('CONTACT_NOT_OWN_POINT');
    expect((await u.secretary.post('/api/v1/contacts/visits', visit(mine))).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/contacts/visits', visit(mine))).statusCode).toBe(403);
    expect((await u.member.post('/api/v1/contacts/visits', visit(mine))).statusCode).toBe(403);

    const created = await leader.post('/api/v1/contacts/visits', visit(mine));
    expect(created.statusCode, created.body).toBe(201);
    visitId = created.json().id;
    followUpId = created.json().followUpIds[0];
    const detail = (await leader.get(`/api/v1/contacts/visits/${visitId}`)).json();
    expect(detail).toMatchObject({ leaderName: '林院长', orgName: '急诊科全科医学科党支部', canEdit: true, createdByName: 'con.leader' });
    expect(detail.followUps).toEqual([expect.objectContaining({ id: followUpId, ownerName: 'con.secretary', dueOn: '2026-11-27', state: 'due_soon', status: 'open', canEdit: true, canClose: true })]);
    // The office records for any contact point; without a due date, the unit's 30 days apply.
    const office = await u.office.post('/api/v1/contacts/visits', visit(theirs, { visitedOn: '2026-10-15', followUps: [{ text: '支部活动室书报补齐', ownerUserId: secretaryId }] }));
    expect(office.statusCode, office.body).toBe(201);
    expect((await u.office.get(`/api/v1/contacts/visits/${office.json().id}`)).json().followUps[0]).toMatchObject({ dueOn: '2026-11-14', state: 'overdue' });
    expect(await auditOf('contact_visit')).toEqual(['create', 'create']);
  });

  it('GET /contacts/visits: a leader sees only their own contact points’ visits; a secretary those to their branch; PUT 409 on a stale version; another leader refused', async () => {
    const siblingVisit = (await leader2.post('/api/v1/contacts/visits', visit(theirsSibling, { visitedOn: '2026-09-10', followUps: [] }))).json().id;
    const ids = async (client: Client) => ((await client.get('/api/v1/contacts/visits?pageSize=100')).json().items as Array<{ id: number }>).map((v) => v.id);
    expect(await ids(leader)).toEqual([visitId]);
    expect(await ids(leader2)).not.toContain(visitId);
    expect(await ids(leader2)).toContain(siblingVisit);
    expect(await ids(u.secretary)).toContain(visitId);
    expect(await ids(u.secretary)).not.toContain(siblingVisit);
    expect(await ids(sibling)).toEqual([siblingVisit]);
    expect(await ids(u.inspector)).toEqual(expect.arrayContaining([visitId, siblingVisit]));
    expect((await leader.get(`/api/v1/contacts/visits/${siblingVisit}`)).statusCode).toBe(403);
    expect((await leader2.get(`/api/v1/contacts/visits/${visitId}`)).statusCode).toBe(403);
    expect((await sibling.get(`/api/v1/contacts/visits/${visitId}`)).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/contacts/visits/${visitId}`)).json().canEdit).toBe(false);
    expect((await leader.get('/api/v1/contacts/visits/999999')).statusCode).toBe(404);

    const body = { pointId: mine, visitedOn: '2026-11-20', purpose: '调研指导', participants: '支部委员', notes: '补充：听取护理组意见', version: 1 };
    expect((await leader2.put(`/api/v1/contacts/visits/${visitId}`, body)).statusCode).toBe(403);
    expect((await u.secretary.put(`/api/v1/contacts/visits/${visitId}`, body)).statusCode).toBe(403);
    expect((await leader.put(`/api/v1/contacts/visits/${visitId}`, { ...body, pointId: theirs })).statusCode).toBe(403);
    expect((await leader.put(`/api/v1/contacts/visits/${visitId}`, body)).statusCode).toBe(200);
    expect((await leader.put(`/api/v1/contacts/visits/${visitId}`, body)).statusCode).toBe(409);
    expect((await leader.get(`/api/v1/contacts/visits/${visitId}`)).json()).toMatchObject({ version: 2, notes: '补充：听取护理组意见' });
    expect((await leader2.delete(`/api/v1/contacts/visits/${siblingVisit}?version=1`)).statusCode).toBe(204);
    expect(await auditOf('contact_visit')).toEqual(['create', 'create', 'create', 'update', 'delete']);
  });

  it('follow-ups: the owner (a secretary) closes theirs: 400 without a note → 409 stale → 200; another branch’s secretary is refused; the leader may reopen it', async () => {
    const url = `/api/v1/contacts/follow-ups/${followUpId}`;
    const mineList = (await u.secretary.get('/api/v1/contacts/follow-ups?mine=true')).json();
    expect(mineList.items.map((f: { id: number }) => f.id)).toContain(followUpId);
    expect(mineList.items.find((f: { id: number }) => f.id === followUpId)).toMatchObject({ canClose: true, canEdit: false, leaderName: '林院长', visitedOn: '2026-11-20', state: 'due_soon' });
    expect((await t.anonymous().post(`${url}/close`, { version: 1, note: '已修订' })).statusCode).toBe(401);
    expect(errorOf(await u.secretary.post(`${url}/close`, { version: 1, note: '' })).details?.[0]?.path).toBe('body.note');
    expect(errorOf(await u.secretary.post(`${url}/close`, { version: 1, note: '已修订', doneOn: '2026-11-25' })).details?.[0]?.path).toBe('body.doneOn');
    expect((await sibling.post(`${url}/close`, { version: 1, note: '已修订' })).statusCode).toBe(403);
    expect((await u.member.post(`${url}/close`, { version: 1, note: '已修订' })).statusCode).toBe(403);
    // Only the office and the leader change it.
    expect((await u.secretary.put(url, { text: '改', ownerUserId: secretaryId, dueOn: '2026-12-01', version: 1 })).statusCode).toBe(403);
    expect((await leader.put(url, { text: '完善急诊滞留患者分流制度并组织培训', ownerUserId: secretaryId, dueOn: '2026-11-28', version: 1 })).statusCode).toBe(200);
    expect((await u.secretary.post(`${url}/close`, { version: 1, note: '已修订' })).statusCode).toBe(409);
    const closed = await u.secretary.post(`${url}/close`, { version: 2, note: '制度已修订并印发' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'done', version: 3 });
    expect((await leader.put(url, { text: '改', ownerUserId: secretaryId, dueOn: '2026-12-01', version: 3 })).statusCode).toBe(409);
    expect((await leader.post(`${url}/reopen`, { version: 3 })).json()).toMatchObject({ state: 'due_soon', version: 4 });
    expect((await u.secretary.post(`${url}/close`, { version: 4, note: '制度已修订并印发' })).statusCode).toBe(200);
    expect((await leader.get('/api/v1/contacts/follow-ups?state=done')).json().items.map((f: { id: number }) => f.id)).toContain(followUpId);
    expect(await auditOf('contact_followup')).toEqual(['update', 'update', 'update', 'update']);
  });

  it('the follow-up reaches its owner: an item addressed to them in the digest source, then their own in-app digest after the daily run', async () => {
    const late = (await leader.post('/api/v1/contacts/visits', visit(mine, { visitedOn: '2026-10-20', followUps: [{ text: '党员示范岗挂牌', ownerUserId: secretaryId, dueOn: '2026-11-18' }, { text: '下月再议', ownerUserId: secretaryId, dueOn: '2027-01-31' }] }))).json();
    const [overdueId, laterId] = late.followUpIds as [number, number];
    const items = await contactFollowUpDigest.itemsFor(t.database.db, u.unit.tenantId, TODAY);
    const item = items.find((i) => i.followUpId === overdueId)!;
    expect(item).toMatchObject({ type: 'contact_followup', orgId: u.branchId, ownerUserId: secretaryId, state: 'overdue', dueOn: '2026-11-18', leaderName: '林院长', text: '党员示范岗挂牌' });
    expect(contactFollowUpDigest.addressee!(item)).toBe(secretaryId);
    expect(items.map((i) => i.followUpId)).not.toContain(laterId);
    // Done ones are not reminded of.
    expect(items.map((i) => i.followUpId)).not.toContain(followUpId);
    expect(contactFollowUpDigest.lines([item], '某党委', 'zh-CN')[0]).toBe('联系点整改事项已逾期：党员示范岗挂牌（急诊科全科医学科党支部，林院长 2026-10-20 走访提出，责任人 con.secretary，期限 2026-11-18）');
    expect(contactFollowUpDigest.lines([item], '某党委', 'en-US')[0]).toContain('Contact-point follow-up overdue');

    const run = await u.office.post('/api/v1/orglife/reminders/run');
    expect(run.statusCode, run.body).toBe(200);
    const own = (await u.secretary.get('/api/v1/orglife/notifications')).json().own;
    expect(own).toHaveLength(1);
    expect(own[0].items).toContainEqual(expect.objectContaining({ type: 'contact_followup', followUpId: overdueId, ownerUserId: secretaryId }));
    expect(own[0].items.every((i: { ownerUserId?: number }) => i.ownerUserId === secretaryId)).toBe(true);
    // The leader owns nothing: nothing of their own.
    expect((await leader.get('/api/v1/orglife/notifications')).json().own).toEqual([]);
  });

  it('a contact point with visits cannot be deleted (end it instead), nor its period shrunk past them', async () => {
    expect((await u.office.delete(`/api/v1/contacts/points/${mine}?version=1`)).statusCode).toBe(409);
    const shrink = await u.office.put(`/api/v1/contacts/points/${mine}`, { ...point(), fromOn: '2026-11-01', version: 1 });
    expect(errorOf(shrink)).toMatchObject({ code: 'CONTACT_POINT_VISITS_OUTSIDE', details: [{ path: 'body.fromOn' }] });
    expect((await u.office.put(`/api/v1/contacts/points/${mine}`, { ...point(), toOn: '2026-12-31', version: 1 })).statusCode).toBe(200);
    expect((await u.office.put(`/api/v1/contacts/points/${mine}`, { ...point(), toOn: '2026-12-31', version: 1 })).statusCode).toBe(409);
    const spare = await createPoint(u.office, point({ userId: leader2Id, orgId: u.generalId }));
    expect((await leader2.delete(`/api/v1/contacts/points/${spare}?version=1`)).statusCode).toBe(403);
    expect((await u.office.delete(`/api/v1/contacts/points/${spare}?version=1`)).statusCode).toBe(204);
  });

  it('GET /contacts/visits/export: one row per follow-up with owner, due date and state', async () => {
    expect((await u.member.get('/api/v1/contacts/visits/export')).statusCode).toBe(403);
    const res = await leader.get('/api/v1/contacts/visits/export');
    expect(res.statusCode).toBe(200);
    const book = await workbookOf(res);
    const sheet = book.worksheets[0]!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual(['走访日期', '联系领导', '联系支部', '走访事项', '参加人员', '调研内容', '整改事项', '责任人', '期限', '状态', '办结日期', '办结情况']);
    const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) => row(i + 3));
    expect(rows.every((r) => r[1] === '林院长')).toBe(true);
    expect(rows.find((r) => r[6] === '党员示范岗挂牌')).toEqual(expect.arrayContaining(['2026-10-20', 'con.secretary', '2026-11-18', '已逾期']));
    expect(rows.find((r) => String(r[6]).startsWith('完善急诊'))?.[9]).toBe('已办结');
  });
});

describe('co-building agreements', () => {
  const agreement = (extra: Record<string, unknown> = {}) => ({ orgId: u.branchId, partnerOrgId: u.otherBranchId, kind: '院内结对', signedOn: '2026-03-01', endsOn: '2026-12-31', content: '急诊与心内科胸痛救治联学联建', ...extra });
  let internal = 0;
  let external = 0;

  it('POST /contacts/agreements: 401 → 400 naming the field → 403 → 201, audited', async () => {
    expect((await t.anonymous().post('/api/v1/contacts/agreements', agreement())).statusCode).toBe(401);
    expect(errorOf(await u.office.post('/api/v1/contacts/agreements', agreement({ partnerOrgId: null }))).details?.[0]?.path).toBe('body.partnerName');
    expect(errorOf(await u.office.post('/api/v1/contacts/agreements', agreement({ partnerName: '某社区党委' }))).details?.[0]?.path).toBe('body.partnerName');
    expect(errorOf(await u.office.post('/api/v1/contacts/agreements', agreement({ partnerOrgId: u.branchId }))).details?.[0]?.path).toBe('body.partnerOrgId');
    expect(errorOf(await u.office.post('/api/v1/contacts/agreements', agreement({ partnerOrgId: foreignOrgId }))).details?.[0]?.path).toBe('body.partnerOrgId');
    expect(errorOf(await u.office.post('/api/v1/contacts/agreements', agreement({ kind: '随便' }))).details?.[0]?.path).toBe('body.kind');
    expect(errorOf(await u.office.post('/api/v1/contacts/agreements', agreement({ endsOn: '2026-01-01' }))).details?.[0]?.path).toBe('body.endsOn');
    for (const client of [u.secretary, leader, u.inspector]) expect((await client.post('/api/v1/contacts/agreements', agreement())).statusCode).toBe(403);
    const created = await u.office.post('/api/v1/contacts/agreements', agreement());
    expect(created.statusCode, created.body).toBe(201);
    internal = created.json().id;
    external = (await u.office.post('/api/v1/contacts/agreements', agreement({ partnerOrgId: null, partnerName: '某医学院临床医学院学生党支部', kind: '师生结对', content: '师生党支部结对共建' }))).json().id;
    expect(await auditOf('contact_agreement')).toEqual(['create', 'create']);
  });

  it('a joint activity of an internal pairing is recorded once and counts for both sides: each side’s list, detail and counts', async () => {
    const activity = { heldOn: '2026-10-15', title: '胸痛救治联合义诊', place: '门诊广场', participants: 24, summary: '两支部党员联合义诊' };
    expect((await t.anonymous().post(`/api/v1/contacts/agreements/${internal}/activities`, activity)).statusCode).toBe(401);
    expect(errorOf(await u.office.post(`/api/v1/contacts/agreements/${internal}/activities`, { ...activity, heldOn: '2026-02-01' })).details?.[0]?.path).toBe('body.heldOn');
    expect(errorOf(await u.office.post(`/api/v1/contacts/agreements/${internal}/activities`, { ...activity, serviceEventId: foreignEventId })).details?.[0]?.path).toBe('body.serviceEventId');
    expect((await u.secretary.post(`/api/v1/contacts/agreements/${internal}/activities`, activity)).statusCode).toBe(403);
    // Linked to the sibling branch's service event: the partner's own record.
    const eventId = await recordEvent(u.office, eventBody(u.otherBranchId, { title: '胸痛中心义诊', heldOn: '2026-10-15' }));
    const candidates = (await u.secretary.get(`/api/v1/contacts/agreements/${internal}/link-candidates`)).json();
    expect(candidates.events.map((e: { id: number }) => e.id)).toContain(eventId);
    const added = await u.office.post(`/api/v1/contacts/agreements/${internal}/activities`, { ...activity, serviceEventId: eventId });
    expect(added.statusCode, added.body).toBe(201);
    await u.office.post(`/api/v1/contacts/agreements/${external}/activities`, { ...activity, title: '师生共上一堂党课', heldOn: '2026-09-20' });

    const stored = await t.database.db.selectFrom('contact_joint_activities').select('id').where('tenant_id', '=', u.unit.tenantId).where('agreement_id', '=', internal).execute();
    expect(stored).toHaveLength(1);
    for (const [client, orgId] of [[u.secretary, u.branchId], [sibling, u.otherBranchId], [u.office, u.branchId], [u.office, u.otherBranchId]] as const) {
      const list = (await client.get(`/api/v1/contacts/agreements?orgId=${orgId}`)).json();
      expect(list.items.find((a: { id: number }) => a.id === internal)).toMatchObject({ activities: 1, activitiesInYear: 1, internal: true, lastActivityOn: '2026-10-15' });
    }
    for (const client of [u.secretary, sibling]) {
      const detail = (await client.get(`/api/v1/contacts/agreements/${internal}`)).json();
      expect(detail.activityList).toEqual([expect.objectContaining({ title: '胸痛救治联合义诊', link: expect.objectContaining({ kind: 'service', id: eventId, orgName: '心内科党支部' }) })]);
      expect(detail.canEdit).toBe(false);
    }
    const counts = (await u.office.get('/api/v1/contacts/activity-counts?year=2026')).json().items as Array<{ orgId: number; activities: number; agreements: number }>;
    expect(counts.find((c) => c.orgId === u.branchId)).toMatchObject({ activities: 2, agreements: 2 });
    expect(counts.find((c) => c.orgId === u.otherBranchId)).toMatchObject({ activities: 1, agreements: 1 });
    const theirCounts = (await sibling.get('/api/v1/contacts/activity-counts')).json().items;
    expect(theirCounts).toEqual([{ orgId: u.otherBranchId, orgName: '心内科党支部', agreements: 1, activities: 1 }]);
    // The outside pairing is the branch's alone.
    expect((await sibling.get(`/api/v1/contacts/agreements/${external}`)).statusCode).toBe(403);
    expect((await sibling.get('/api/v1/contacts/agreements')).json().items.map((a: { id: number }) => a.id)).toEqual([internal]);
    expect(await auditOf('contact_activity')).toEqual(['create', 'create']);
  });

  it('renewals extend the term and are kept; PUT 409 on a stale version; the term changes only by renewal once renewed', async () => {
    const url = `/api/v1/contacts/agreements/${internal}`;
    expect((await u.secretary.post(`${url}/renewals`, { version: 1, endsOn: '2027-12-31' })).statusCode).toBe(403);
    expect(errorOf(await u.office.post(`${url}/renewals`, { version: 1, endsOn: '2026-06-30' })).details?.[0]?.path).toBe('body.endsOn');
    expect((await u.office.post(`${url}/renewals`, { version: 9, endsOn: '2027-12-31' })).statusCode).toBe(409);
    const renewed = await u.office.post(`${url}/renewals`, { version: 1, endsOn: '2027-12-31', note: '续签一年' });
    expect(renewed.statusCode, renewed.body).toBe(201);
    const detail = (await u.office.get(url)).json();
    expect(detail).toMatchObject({ endsOn: '2027-12-31', version: 2, renewals: 1, state: 'active', canEdit: true });
    expect(detail.renewalList).toEqual([expect.objectContaining({ previousEndsOn: '2026-12-31', endsOn: '2027-12-31', note: '续签一年', renewedOn: TODAY })]);
    expect(errorOf(await u.office.put(url, { ...agreement(), version: 2 })).details?.[0]?.path).toBe('body.endsOn');
    expect((await u.office.put(url, { ...agreement({ endsOn: '2027-12-31', content: '联学联建，联合义诊' }), version: 2 })).statusCode).toBe(200);
    expect((await u.office.put(url, { ...agreement({ endsOn: '2027-12-31' }), version: 2 })).statusCode).toBe(409);
    expect((await u.office.get(`/api/v1/contacts/agreements?state=expiring`)).json().items.map((a: { id: number }) => a.id)).toEqual([external]);
  });

  it('GET /contacts/agreements/export: each agreement with its activity counts', async () => {
    const res = await sibling.get('/api/v1/contacts/agreements/export?year=2026');
    expect(res.statusCode).toBe(200);
    const book = await workbookOf(res);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['本方组织', '共建对象', '院内/院外', '类型', '签订日期', '期满日期', '续签次数', '状态', '共建活动（次）', '2026年活动（次）', '最近活动']);
    expect(sheet.rowCount).toBe(3);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['急诊科全科医学科党支部', '心内科党支部', '院内', '院内结对', '2026-03-01', '2027-12-31', 1, '有效', 1, 1, '2026-10-15']);
  });

  it('DELETE an activity and an agreement: the office only, over the version read', async () => {
    const activityId = (await u.office.get(`/api/v1/contacts/agreements/${external}`)).json().activityList[0].id;
    expect((await u.secretary.delete(`/api/v1/contacts/agreements/${external}/activities/${activityId}?version=1`)).statusCode).toBe(403);
    expect((await u.office.delete(`/api/v1/contacts/agreements/${internal}/activities/${activityId}?version=1`)).statusCode).toBe(404);
    expect((await u.office.delete(`/api/v1/contacts/agreements/${external}/activities/${activityId}?version=1`)).statusCode).toBe(204);
    expect((await u.office.delete(`/api/v1/contacts/agreements/${external}?version=2`)).statusCode).toBe(409);
    expect((await u.office.delete(`/api/v1/contacts/agreements/${external}?version=1`)).statusCode).toBe(204);
    expect((await u.office.get(`/api/v1/contacts/agreements/${external}`)).statusCode).toBe(404);
  });
});

describe('settings', () => {
  it('GET/PUT /contacts/settings: everyone with contacts.read reads them, only the office changes them; 409 on a stale version', async () => {
    expect((await t.anonymous().get('/api/v1/contacts/settings')).statusCode).toBe(401);
    const current = (await leader.get('/api/v1/contacts/settings')).json();
    expect(current).toMatchObject({ agreementKinds: ['院内结对', '院外共建', '师生结对'], followUpDays: 30, version: 0 });
    const next = { agreementKinds: ['院内结对', '院外共建', '师生结对', '医联体共建'], visitPurposes: current.visitPurposes, followUpDays: 20, version: 0 };
    expect((await u.secretary.put('/api/v1/contacts/settings', next)).statusCode).toBe(403);
    expect((await u.office.put('/api/v1/contacts/settings', { ...next, followUpDays: 0 })).statusCode).toBe(400);
    expect((await u.office.put('/api/v1/contacts/settings', next)).statusCode).toBe(200);
    expect((await u.office.put('/api/v1/contacts/settings', next)).statusCode).toBe(409);
    expect((await u.secretary.get('/api/v1/contacts/settings')).json()).toMatchObject({ followUpDays: 20, version: 1 });
  });
});
