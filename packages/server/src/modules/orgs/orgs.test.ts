import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgsUnit, createOrgsUnit, electAll, setCommittee } from '../../test/fixtures/orgs.js';
import { createOrg } from '../../test/fixture.js';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { workbookOf } from '../../test/workbook.js';

// Today is 2026-11-23 (the harness's).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ empty: true });
});
afterAll(() => t?.close());

type Warning = { code: string; severity: string; params: Record<string, number | string>; message: string };
const codes = (warnings: Warning[]) => warnings.map((w) => w.code);

/** A unit whose branch has a secretary and `members` full members, elected on `electedOn`. */
async function electedBranch(members: number, electedOn = '2025-06-01'): Promise<{ u: OrgsUnit; memberIds: number[] }> {
  const u = await createOrgsUnit(t);
  const memberIds = await u.addMembers(u.branchId, members);
  await setCommittee(u.office, u.branchId, [{ post: 'secretary', memberId: memberIds[0]! }]);
  await electAll(u.office, u.branchId, electedOn);
  return { u, memberIds };
}

describe('GET /api/v1/orgs/:id', () => {
  it('401 → 400 → 403 → 200 with committee, term, departments and counts', async () => {
    const { u, memberIds } = await electedBranch(4);
    expect((await t.anonymous().get(`/api/v1/orgs/${u.branchId}`)).statusCode).toBe(401);
    expect((await u.office.get('/api/v1/orgs/abc')).statusCode).toBe(400);
    const secretary = await u.as('sec');
    expect(errorOf(await secretary.get(`/api/v1/orgs/${u.otherBranchId}`)).code).toBe('OUT_OF_SCOPE');
    expect(errorOf(await secretary.get('/api/v1/orgs/99999999')).code).toBe('ORG_NOT_FOUND');
    const res = await secretary.get(`/api/v1/orgs/${u.branchId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: '心内科党支部', parentId: u.generalId, parentName: '内科党总支', type: 'branch', memberCount: 4, fullMemberCount: 4 });
    expect(body.committee).toMatchObject([{ post: 'secretary', memberId: memberIds[0], startedOn: '2025-06-01' }]);
    expect(body.term).toEqual({ start: '2025-06-01', years: 3, expiresOn: '2028-06-01' });
    expect(body.departments.map((d: { name: string }) => d.name)).toEqual(['心内科']);
    // The general branch counts its subtree.
    expect((await u.office.get(`/api/v1/orgs/${u.generalId}`)).json()).toMatchObject({ memberCount: 4, children: [{ id: u.branchId, name: '心内科党支部', type: 'branch' }] });
  });

  it('shows a member their own branch only', async () => {
    const u = await createOrgsUnit(t);
    const [mine] = await u.addMembers(u.branchId, 1);
    await u.linkMemberAccount(mine!);
    const member = await u.as('member');
    expect((await member.get(`/api/v1/orgs/${u.branchId}`)).statusCode).toBe(200);
    expect(errorOf(await member.get(`/api/v1/orgs/${u.otherBranchId}`)).code).toBe('OUT_OF_SCOPE');
    expect((await member.get('/api/v1/orgs/tree')).json().map((n: { id: number }) => n.id)).toEqual([u.branchId]);
  });

  it('masks the contact phone, in the fields and the history, for a role without sensitive access', async () => {
    const u = await createOrgsUnit(t);
    const { version } = (await u.office.get(`/api/v1/orgs/${u.branchId}`)).json();
    expect((await u.office.patch(`/api/v1/orgs/${u.branchId}`, { version, contactPhone: '13912345678' })).statusCode).toBe(200);
    expect((await u.office.get(`/api/v1/orgs/${u.branchId}`)).json().contactPhone).toBe('13912345678');
    const seen = await (await u.as('sec')).get(`/api/v1/orgs/${u.branchId}`);
    expect(seen.json().contactPhone).toBe('139****5678');
    expect(seen.body).not.toContain('13912345678');
  });
});

describe('GET /api/v1/orgs/tree', () => {
  it('counts active members per subtree, a party group’s within its branch, and limits a secretary to their branch', async () => {
    const u = await createOrgsUnit(t);
    const group = await createOrg(u.office, u.branchId, 'party_group', '病房党小组');
    await u.addMembers(u.branchId, 2);
    await u.addMembers(u.branchId, 1, { partyGroupId: group });
    await u.addMembers(u.otherBranchId, 1);
    expect((await t.anonymous().get('/api/v1/orgs/tree')).statusCode).toBe(401);
    const [root] = (await u.office.get('/api/v1/orgs/tree')).json();
    expect(root).toMatchObject({ id: u.rootOrgId, memberCount: 4 });
    const general = root.children.find((c: { id: number }) => c.id === u.generalId);
    expect(general.memberCount).toBe(3);
    expect(general.children[0]).toMatchObject({ id: u.branchId, memberCount: 3, children: [{ id: group, memberCount: 1 }] });
    const mine = (await (await u.as('sec')).get('/api/v1/orgs/tree')).json();
    expect(mine.map((n: { id: number }) => n.id)).toEqual([u.branchId]);
  });
});

describe('org rule warnings', () => {
  it('lists warnings 党委-wide, computed from members and terms, filters by severity, exports them, and denies a member', async () => {
    const { u } = await electedBranch(3, '2022-01-10');
    await setCommittee(u.office, u.otherBranchId, [{ post: 'organisation', memberId: null }]);
    expect((await t.anonymous().get('/api/v1/orgs/warnings')).statusCode).toBe(401);
    expect((await u.office.get('/api/v1/orgs/warnings?severity=pink')).statusCode).toBe(400);
    expect((await (await u.as('member')).get('/api/v1/orgs/warnings')).statusCode).toBe(403);
    const body = (await u.office.get('/api/v1/orgs/warnings')).json();
    const of = (id: number) => body.items.find((o: { id: number }) => o.id === id);
    expect(codes(of(u.branchId).warnings)).toContain('ORG_TERM_OVERDUE');
    expect(of(u.branchId).termExpiresOn).toBe('2025-01-10');
    expect(of(u.branchId).warnings.find((w: Warning) => w.code === 'ORG_TERM_OVERDUE').message).toContain('逾期');
    expect(codes(of(u.otherBranchId).warnings)).toContain('ORG_COMMITTEE_VACANCY');
    const red = (await u.office.get('/api/v1/orgs/warnings?severity=red')).json();
    expect(red.items.length).toBeGreaterThan(0);
    expect(red.items.every((o: { warnings: Warning[] }) => o.warnings.every((w) => w.severity === 'red'))).toBe(true);
    // A secretary sees their own subtree only.
    const secretary = (await (await u.as('sec')).get('/api/v1/orgs/warnings')).json();
    expect(secretary.items.map((o: { id: number }) => o.id)).toEqual([u.branchId]);

    const file = await u.office.get('/api/v1/orgs/warnings/export?severity=red');
    expect(file.statusCode).toBe(200);
    const book = await workbookOf(file);
    const rows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.some((r) => r[1] === '心内科党支部' && r[4] === '红')).toBe(true);
  });

  it('an election clears an overdue term; a vacancy appears when a seat is emptied; the committee takes only its own members', async () => {
    const { u, memberIds } = await electedBranch(3, '2022-01-10');
    const [outsider] = await u.addMembers(u.otherBranchId, 1);
    expect((await t.anonymous().post(`/api/v1/orgs/${u.branchId}/elections`, {})).statusCode).toBe(401);
    const electorate = (await u.office.get(`/api/v1/orgs/${u.branchId}/electorate?date=2026-11-01`)).json();
    expect(electorate.entitled).toBe(3);
    expect((await u.office.post(`/api/v1/orgs/${u.branchId}/elections`, { heldOn: '2026-11-01', votersPresent: 4 })).statusCode).toBe(400);
    expect((await (await u.as('sec')).post(`/api/v1/orgs/${u.branchId}/elections`, { heldOn: '2026-11-01', votersPresent: 3 })).statusCode).toBe(403);
    expect(errorOf(await u.office.post(`/api/v1/orgs/${u.branchId}/elections`, { heldOn: '2026-12-01', votersPresent: 3 })).code).toBe('ORG_ELECTION_IN_FUTURE');
    const res = await u.office.post(`/api/v1/orgs/${u.branchId}/elections`, { heldOn: '2026-11-01', votersPresent: 3, results: '选举产生新一届支部委员会' });
    expect(res.statusCode).toBe(201);
    expect(res.json().termExpiresOn).toBe('2029-11-01');
    const detail = (await u.office.get(`/api/v1/orgs/${u.branchId}`)).json();
    expect(codes(detail.warnings)).not.toContain('ORG_TERM_OVERDUE');
    expect(detail.elections[0]).toMatchObject({ heldOn: '2026-11-01', results: '选举产生新一届支部委员会' });

    const seats = [
      { post: 'secretary', memberId: memberIds[0] },
      { post: 'youth', memberId: null },
    ];
    expect((await u.office.put(`/api/v1/orgs/${u.branchId}/committee`, { version: detail.version + 5, seats })).statusCode).toBe(409);
    const wrong = await u.office.put(`/api/v1/orgs/${u.branchId}/committee`, { version: detail.version, seats: [...seats, { post: 'member', memberId: outsider }] });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.[0]?.path).toBe('body.seats[2].memberId');
    expect((await u.office.put(`/api/v1/orgs/${u.branchId}/committee`, { version: detail.version, seats })).statusCode).toBe(200);
    const after = (await u.office.get(`/api/v1/orgs/${u.branchId}`)).json();
    expect(after.warnings.find((w: Warning) => w.code === 'ORG_COMMITTEE_VACANCY').params.vacancies).toBe(1);
    expect(after.committee.map((s: { post: string; memberId: number | null }) => [s.post, s.memberId])).toEqual([
      ['secretary', memberIds[0]],
      ['youth', null],
    ]);
  });

  it('a party group holds no election', async () => {
    const u = await createOrgsUnit(t);
    const group = await createOrg(u.office, u.branchId, 'party_group', '病房党小组');
    expect(errorOf(await u.office.get(`/api/v1/orgs/${group}/electorate`)).code).toBe('ORG_NOT_ELECTED');
    expect(errorOf(await u.office.post(`/api/v1/orgs/${group}/elections`, { heldOn: '2026-11-01', votersPresent: 0 })).code).toBe('ORG_NOT_ELECTED');
  });
});

describe('换届 elections', () => {
  it('counts those due from the roster on the date, and needs more than 4/5 of them present', async () => {
    const u = await createOrgsUnit(t);
    const full = await u.addMembers(u.branchId, 10);
    const [probationary] = await u.addMembers(u.branchId, 1, { category: 'probationary' });
    const e = (await u.office.get(`/api/v1/orgs/${u.branchId}/electorate?date=2026-11-20`)).json();
    expect(e).toMatchObject({ date: '2026-11-20', onRoster: 11, entitled: 10, required: 9 });
    expect(e.excluded).toMatchObject([{ memberId: probationary, because: 'probationary' }]);

    // An absence with its approval recorded leaves a member out of those due; an absence without one is refused.
    const [away, suspended] = full as [number, number];
    const url = (id: number) => `/api/v1/orglife/members/${id}/voting-exclusions`;
    expect((await u.office.post(url(away), { kind: 'away_approved', fromOn: '2026-09-01', toOn: '2027-03-31', reason: '出国进修' })).statusCode).toBe(400);
    const approved = { kind: 'away_approved', fromOn: '2026-09-01', toOn: '2027-03-31', reason: '出国进修', approvalRef: '院党委〔2026〕8号', approvedOn: '2026-08-25', approvedBy: '医院党委' };
    expect((await u.office.post(url(away), approved)).statusCode).toBe(201);
    expect((await u.office.post(url(suspended), { kind: 'rights_suspended', fromOn: '2026-06-01', toOn: '2027-05-31', reason: '留党察看一年', approvalRef: '纪委〔2026〕3号', approvedOn: '2026-06-01' })).statusCode).toBe(201);
    const after = (await u.office.get(`/api/v1/orgs/${u.branchId}/electorate?date=2026-11-20`)).json();
    expect(after).toMatchObject({ entitled: 8, required: 7 });
    expect(after.excluded.find((x: { memberId: number }) => x.memberId === away)).toMatchObject({ because: 'away_approved', reason: '出国进修', approvalRef: '院党委〔2026〕8号', approvedBy: '医院党委', approvedOn: '2026-08-25' });
    expect(after.excluded.find((x: { memberId: number }) => x.memberId === suspended)).toMatchObject({ because: 'rights_suspended', approvalRef: '纪委〔2026〕3号' });
    // Before the absence began, the member was among those due (the suspension had begun).
    const onTheEve = (await u.office.get(`/api/v1/orgs/${u.branchId}/electorate?date=2026-08-31`)).json();
    expect(onTheEve.entitled).toBe(9);
    expect(onTheEve.excluded.map((x: { memberId: number }) => x.memberId)).not.toContain(away);

    // Exactly 4/5 of 8 (6.4 → 6) is not enough; the refusal names the numbers.
    const refused = await u.office.post(`/api/v1/orgs/${u.branchId}/elections`, { heldOn: '2026-11-20', votersPresent: 6 });
    expect(errorOf(refused).code).toBe('ORG_ELECTION_QUORUM_NOT_MET');
    expect(errorOf(refused).message).toContain('应到 8 人，实到 6 人');
    expect(errorOf(refused).message).toContain('至少 7 人');
    // A number of those due typed in is not taken on trust.
    const typed = await u.office.post(`/api/v1/orgs/${u.branchId}/elections`, { heldOn: '2026-11-20', votersDue: 10, votersPresent: 9 });
    expect(errorOf(typed).code).toBe('ORG_ELECTION_VOTERS_DUE_MISMATCH');
    expect(errorOf(typed).message).toContain('8 人');
    const tooMany = await u.office.post(`/api/v1/orgs/${u.branchId}/elections`, { heldOn: '2026-11-20', votersPresent: 7, candidates: [{ name: '候选人甲', votes: 8 }] });
    expect(errorOf(tooMany).details?.[0]?.path).toBe('body.candidates[0].votes');

    // With 7 present: valid; a candidate needs more than half of those present (3 of 7 is not enough).
    const ok = await u.office.post(`/api/v1/orgs/${u.branchId}/elections`, {
      heldOn: '2026-11-20',
      votersPresent: 7,
      candidates: [
        { name: '候选人甲', votes: 4 },
        { name: '候选人乙', votes: 3 },
      ],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ votersDue: 8, termExpiresOn: '2029-11-20' });
    expect(ok.json().candidates.map((c: { elected: boolean }) => c.elected)).toEqual([true, false]);
    const detail = (await u.office.get(`/api/v1/orgs/${u.branchId}`)).json();
    expect(detail.elections[0]).toMatchObject({ heldOn: '2026-11-20', votersDue: 8, votersPresent: 7, excludedCount: 3 });
    expect(detail.elections[0].excluded).toHaveLength(3);
    // Who was left out is personal: a leader sees the count only.
    const leaderDetail = (await (await u.as('leader')).get(`/api/v1/orgs/${u.branchId}`)).json();
    expect(leaderDetail.elections[0]).toMatchObject({ excludedCount: 3, excluded: [] });
  });

  it('6 of 10 voters present does not start a new term', async () => {
    const u = await createOrgsUnit(t);
    await u.addMembers(u.branchId, 10);
    const res = await u.office.post(`/api/v1/orgs/${u.branchId}/elections`, { heldOn: '2026-11-21', votersPresent: 6 });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('ORG_ELECTION_QUORUM_NOT_MET');
    expect((await u.office.get(`/api/v1/orgs/${u.branchId}`)).json().elections).toEqual([]);
  });
});

describe('双带头人', () => {
  it('computes coverage per 党委 and 党总支 from the secretaries of clinical branches', async () => {
    const u = await createOrgsUnit(t);
    const [head] = await u.addMembers(u.branchId, 1);
    const [plain] = await u.addMembers(u.otherBranchId, 1);
    await u.db.updateTable('members').set({ post: '科主任' }).where('id', '=', head!).execute();
    await setCommittee(u.office, u.branchId, [{ post: 'secretary', memberId: head! }]);
    await setCommittee(u.office, u.otherBranchId, [{ post: 'secretary', memberId: plain! }]);
    expect((await t.anonymous().get('/api/v1/orgs/dual-leaders')).statusCode).toBe(401);
    expect((await (await u.as('member')).get('/api/v1/orgs/dual-leaders')).statusCode).toBe(403);
    const body = (await u.office.get('/api/v1/orgs/dual-leaders')).json();
    expect(body.criteria.headPosts).toContain('科主任');
    expect(body.items).toEqual([
      { id: u.rootOrgId, name: expect.any(String), type: 'committee', branches: 2, covered: 1, rate: 50, missing: [{ id: u.otherBranchId, name: '外科党支部', secretaryId: plain, secretaryName: '党员002', title: null, post: '', dualLeader: false }] },
      { id: u.generalId, name: '内科党总支', type: 'general_branch', branches: 1, covered: 1, rate: 100, missing: [] },
    ]);
    // The unit's criteria decide: without 科主任 among the head posts, nobody qualifies.
    const s = (await u.office.get('/api/v1/orgs/settings')).json();
    expect((await u.office.put('/api/v1/orgs/settings', { version: s.version, dualLeader: { ...s.dualLeader, headPosts: ['护士长'] }, letterhead: s.letterhead })).statusCode).toBe(200);
    expect((await u.office.get('/api/v1/orgs/dual-leaders')).json().items.map((g: { covered: number }) => g.covered)).toEqual([0, 0]);
  });
});

describe('org tree management', () => {
  it('creates under a parent of the right type, edits with 409, and moves with its subtree', async () => {
    const u = await createOrgsUnit(t);
    expect((await t.anonymous().post('/api/v1/orgs', {})).statusCode).toBe(401);
    expect((await u.office.post('/api/v1/orgs', { parentId: u.generalId, type: 'branch' })).statusCode).toBe(400);
    expect((await (await u.as('sec')).post('/api/v1/orgs', { parentId: u.generalId, type: 'branch', name: '测试党支部' })).statusCode).toBe(403);
    expect(errorOf(await u.office.post('/api/v1/orgs', { parentId: u.generalId, type: 'party_group', name: '错误党小组' })).code).toBe('ORG_PARENT_INVALID');
    expect(errorOf(await u.office.post('/api/v1/orgs', { parentId: u.generalId, type: 'temporary_branch', name: '临时党支部' })).details?.[0]?.path).toBe('body.endsOn');
    expect(errorOf(await u.office.post('/api/v1/orgs', { parentId: 99999999, type: 'branch', name: '测试党支部' })).code).toBe('ORG_NOT_FOUND');
    const created = await u.office.post('/api/v1/orgs', { parentId: u.generalId, type: 'branch', name: '测试第一党支部', establishedOn: '2026-01-10', termYears: 5 });
    expect(created.statusCode).toBe(201);
    const a = created.json().id;
    const detail = (await u.office.get(`/api/v1/orgs/${a}`)).json();
    expect(detail).toMatchObject({ establishedOn: '2026-01-10', termYears: 5, version: 1 });
    expect(codes(detail.warnings)).toContain('ORG_TOO_FEW_FULL_MEMBERS');
    expect((await u.office.patch(`/api/v1/orgs/${a}`, { version: 1, termYears: 6 })).statusCode).toBe(400);
    expect((await u.office.patch(`/api/v1/orgs/${a}`, { version: 1, contactName: '张老师' })).statusCode).toBe(200);
    expect((await u.office.patch(`/api/v1/orgs/${a}`, { version: 1, contactName: '李老师' })).statusCode).toBe(409);
    const group = await createOrg(u.office, a, 'party_group', '第一党小组');

    // Move under the root with its party group; under itself or its own subtree is refused.
    const moved = await u.office.post(`/api/v1/orgs/${a}/move`, { version: 2, parentId: u.rootOrgId, onDate: '2026-11-20' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path).toBe(`/${u.rootOrgId}/${a}/`);
    const groupRow = await u.db.selectFrom('orgs').select(['path', 'depth']).where('id', '=', group).executeTakeFirstOrThrow();
    expect(groupRow).toEqual({ path: `/${u.rootOrgId}/${a}/${group}/`, depth: 2 });
    expect(errorOf(await u.office.post(`/api/v1/orgs/${a}/move`, { version: 3, parentId: group, onDate: '2026-11-20' })).code).toBe('ORG_PARENT_INVALID');
    expect(errorOf(await u.office.post(`/api/v1/orgs/${group}/move`, { version: 1, parentId: u.generalId, onDate: '2026-11-20' })).code).toBe('ORG_PARENT_INVALID');
    expect((await u.office.post(`/api/v1/orgs/${a}/move`, { version: 2, parentId: u.generalId, onDate: '2026-11-20' })).statusCode).toBe(409);
    expect((await u.office.get(`/api/v1/orgs/${a}`)).json().history.map((h: { kind: string }) => h.kind)).toEqual(['move', 'update', 'create']);
  });

  it('merges (members re-homed, history kept) and dissolves only with somewhere for its members to go', async () => {
    const u = await createOrgsUnit(t);
    const a = await createOrg(u.office, u.generalId, 'branch', '测试第一党支部');
    const b = await createOrg(u.office, u.generalId, 'joint_branch', '测试联合党支部');
    const [member] = await u.addMembers(a, 1);
    expect(errorOf(await u.office.post(`/api/v1/orgs/${a}/merge`, { version: 1, intoId: u.generalId, onDate: '2026-11-22' })).code).toBe('ORG_MERGE_INVALID');
    expect(errorOf(await u.office.post(`/api/v1/orgs/${u.generalId}/merge`, { version: 1, intoId: a, onDate: '2026-11-22' })).code).toBe('ORG_MERGE_INVALID');
    expect((await u.office.post(`/api/v1/orgs/${a}/merge`, { version: 7, intoId: b, onDate: '2026-11-22' })).statusCode).toBe(409);
    const merged = await u.office.post(`/api/v1/orgs/${a}/merge`, { version: 1, intoId: b, onDate: '2026-11-22' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({ id: a, members: 1, children: 0 });
    const m = await u.db.selectFrom('members').select(['org_id', 'version']).where('id', '=', member!).executeTakeFirstOrThrow();
    expect(m.org_id).toBe(b);
    const gone = (await u.office.get(`/api/v1/orgs/${a}`)).json();
    expect(gone).toMatchObject({ dissolvedOn: '2026-11-22', mergedIntoId: b, term: null });
    expect(gone.history.map((h: { kind: string }) => h.kind)).toEqual(['merge', 'create']);
    expect(errorOf(await u.office.patch(`/api/v1/orgs/${a}`, { version: gone.version, contactName: 'x' })).code).toBe('ORG_DISSOLVED');
    const periods = await u.db.selectFrom('member_org_periods').select(['org_id', 'from_on', 'to_on']).where('member_id', '=', member!).orderBy('id').execute();
    expect(periods).toEqual([
      { org_id: a, from_on: '2010-07-01', to_on: '2026-11-22' },
      { org_id: b, from_on: '2026-11-22', to_on: null },
    ]);
    const changes = await u.db.selectFrom('member_changes').select(['field', 'old_value', 'new_value', 'source']).where('member_id', '=', member!).where('source', '=', 'org').execute();
    expect(changes).toContainEqual({ field: 'org_id', old_value: String(a), new_value: String(b), source: 'org' });

    // Dissolving B needs somewhere for its member to go; not into a party group or its own subtree.
    const bVersion = (await u.office.get(`/api/v1/orgs/${b}`)).json().version;
    expect(errorOf(await u.office.post(`/api/v1/orgs/${b}/dissolve`, { version: bVersion, onDate: '2026-11-23' })).code).toBe('ORG_DISSOLVE_NEEDS_TARGET');
    expect(errorOf(await u.office.post(`/api/v1/orgs/${b}/dissolve`, { version: bVersion, onDate: '2026-11-23', membersToId: b })).code).toBe('ORG_NOT_FOUND');
    const ok = await u.office.post(`/api/v1/orgs/${b}/dissolve`, { version: bVersion, onDate: '2026-11-23', membersToId: u.branchId });
    expect(ok.json()).toEqual({ id: b, members: 1, children: 0 });
    const tree = JSON.stringify((await u.office.get('/api/v1/orgs/tree')).json());
    expect(tree).not.toContain('测试联合党支部');
    expect(tree).not.toContain('测试第一党支部');
    const audit = await u.db.selectFrom('audit_log').select(['action', 'summary']).where('tenant_id', '=', u.tenantId).where('entity_type', '=', 'org').where('entity_id', '=', String(b)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'dissolve', summary: '撤销党组织 测试联合党支部 → 心内科党支部' });
  });

  it('merges a party group into another group of its branch, and refuses one of another branch', async () => {
    const u = await createOrgsUnit(t);
    const infusion = await createOrg(u.office, u.branchId, 'party_group', '输液室党小组');
    const clinic = await createOrg(u.office, u.branchId, 'party_group', '门诊党小组');
    const elsewhere = await createOrg(u.office, u.otherBranchId, 'party_group', '外科党小组');
    const moving = await u.addMembers(u.branchId, 2, { partyGroupId: infusion });
    expect(errorOf(await u.office.post(`/api/v1/orgs/${infusion}/merge`, { version: 1, intoId: elsewhere, onDate: '2026-11-23' })).code).toBe('ORG_MERGE_INVALID');
    expect(errorOf(await u.office.post(`/api/v1/orgs/${infusion}/merge`, { version: 1, intoId: u.otherBranchId, onDate: '2026-11-23' })).code).toBe('ORG_MERGE_INVALID');
    const res = await u.office.post(`/api/v1/orgs/${infusion}/merge`, { version: 1, intoId: clinic, onDate: '2026-11-23' });
    expect(res.json()).toEqual({ id: infusion, members: 0, children: 0 });
    const after = await u.db.selectFrom('members').select(['org_id', 'party_group_id']).where('id', 'in', moving).execute();
    expect(after).toEqual([
      { org_id: u.branchId, party_group_id: clinic },
      { org_id: u.branchId, party_group_id: clinic },
    ]);
    // A dissolved group leaves its members in the branch, outside any group.
    const dissolved = await u.office.post(`/api/v1/orgs/${clinic}/dissolve`, { version: 1, onDate: '2026-11-23' });
    expect(dissolved.statusCode).toBe(200);
    expect(await u.db.selectFrom('members').select(['org_id', 'party_group_id']).where('id', 'in', moving).execute()).toEqual([
      { org_id: u.branchId, party_group_id: null },
      { org_id: u.branchId, party_group_id: null },
    ]);
  });

  it('names unknown departments in the caller’s language', async () => {
    const u = await createOrgsUnit(t);
    await u.office.put('/api/v1/auth/language', { language: 'en-US' });
    const res = await u.office.patch(`/api/v1/orgs/${u.branchId}`, { version: 1, departmentIds: [u.surgeryId, 999999] });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ path: 'body.departmentIds', message: 'No such department (id 999999)' }]);
    expect((await u.office.patch(`/api/v1/orgs/${u.branchId}`, { version: 1, departmentIds: [u.surgeryId] })).statusCode).toBe(200);
    expect((await u.office.get(`/api/v1/orgs/${u.branchId}`)).json().departments.map((d: { id: number }) => d.id)).toEqual([u.surgeryId]);
  });
});

describe('departments', () => {
  it('lists departments with their branches and sets the 三位一体 flag', async () => {
    const u = await createOrgsUnit(t);
    expect((await t.anonymous().get('/api/v1/departments')).statusCode).toBe(401);
    const deps = (await u.office.get('/api/v1/departments')).json();
    expect(deps.total).toBe(2);
    const cardiology = deps.items.find((d: { id: number }) => d.id === u.cardiologyId);
    expect(cardiology).toMatchObject({ name: '心内科', kind: 'clinical', campusId: u.campusId, trinity: false, branches: [{ orgId: u.branchId, name: '心内科党支部' }] });
    expect((await u.office.patch(`/api/v1/departments/${u.cardiologyId}`, { trinity: 'yes' })).statusCode).toBe(400);
    expect((await (await u.as('sec')).patch(`/api/v1/departments/${u.cardiologyId}`, { trinity: true })).statusCode).toBe(403);
    expect((await u.office.patch('/api/v1/departments/99999999', { trinity: true })).statusCode).toBe(404);
    expect((await u.office.patch(`/api/v1/departments/${u.cardiologyId}`, { trinity: true })).json()).toEqual({ id: u.cardiologyId, trinity: true });
    expect((await u.office.get('/api/v1/departments')).json().items.find((d: { id: number }) => d.id === u.cardiologyId).trinity).toBe(true);
  });

  it('lists to a branch secretary only the departments and branches of their scope, to a member those of their branch', async () => {
    const u = await createOrgsUnit(t);
    const [mine] = await u.addMembers(u.branchId, 1);
    await u.linkMemberAccount(mine!);
    const names = async (account: 'sec' | 'member' | 'leader') => ((await (await u.as(account)).get('/api/v1/departments')).json().items as { name: string; branches: { name: string }[] }[]);
    expect((await names('sec')).map((d) => [d.name, d.branches.map((b) => b.name)])).toEqual([['心内科', ['心内科党支部']]]);
    expect((await names('member')).map((d) => d.name)).toEqual(['心内科']);
    // Hospital leaders see the whole structure.
    expect((await names('leader')).map((d) => d.name)).toEqual(['心内科', '外科']);
  });
});

describe('settings', () => {
  it('saves the 双带头人 criteria and letterhead with optimistic concurrency', async () => {
    const u = await createOrgsUnit(t);
    const s = (await u.office.get('/api/v1/orgs/settings')).json();
    expect(s.version).toBe(0);
    const body = { version: s.version, dualLeader: { ...s.dualLeader, headPosts: ['科主任'] }, letterhead: { ...s.letterhead, address: '示例市健康路1号', postcode: '100000' } };
    expect((await u.office.put('/api/v1/orgs/settings', { ...body, letterhead: { ...body.letterhead, postcode: 'abc' } })).statusCode).toBe(400);
    expect(errorOf(await (await u.as('inspector')).put('/api/v1/orgs/settings', body)).code).toBe('SETTINGS_UNIT_WIDE');
    const saved = await u.office.put('/api/v1/orgs/settings', body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, dualLeader: { headPosts: ['科主任'] }, letterhead: { address: '示例市健康路1号' } });
    expect((await u.office.put('/api/v1/orgs/settings', body)).statusCode).toBe(409);
    expect((await (await u.as('sec')).get('/api/v1/orgs/settings')).json()).toEqual(saved.json());
  });
});

describe('on the demo hospital (smoke)', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await createTestApp();
  });
  afterAll(() => demo?.close());

  it('shows the tree, an org, its warnings and 双带头人 coverage', async () => {
    const org = await demo.login('org');
    const [root] = (await org.get('/api/v1/orgs/tree')).json();
    expect(root.memberCount).toBeGreaterThan(100);
    const branch = await demo.database.db.selectFrom('orgs').select('id').where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow();
    const detail = (await (await demo.login('secretary')).get(`/api/v1/orgs/${branch.id}`)).json();
    expect(detail.committee[0].post).toBe('secretary');
    expect(detail.term.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(codes((await org.get('/api/v1/orgs/warnings')).json().items.flatMap((o: { warnings: Warning[] }) => o.warnings))).toContain('ORG_TERM_OVERDUE');
    expect((await org.get('/api/v1/orgs/dual-leaders')).json().items.find((g: { type: string }) => g.type === 'committee').branches).toBeGreaterThan(10);
  });
});
