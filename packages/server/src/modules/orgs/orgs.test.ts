import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function orgId(name: string) {
  return (await t.database.db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

describe('GET /api/v1/orgs/:id', () => {
  it('401 → 400 → 403 → 200 with committee, term and warnings', async () => {
    const id = await orgId('急诊科全科医学科党支部');
    expect((await t.anonymous().get(`/api/v1/orgs/${id}`)).statusCode).toBe(401);
    const org = await t.login('org');
    expect((await org.get('/api/v1/orgs/abc')).statusCode).toBe(400);
    const secretary = await t.login('secretary');
    const other = await orgId('心血管内科党支部');
    expect(errorOf(await secretary.get(`/api/v1/orgs/${other}`)).code).toBe('OUT_OF_SCOPE');
    const res = await secretary.get(`/api/v1/orgs/${id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.committee[0].post).toBe('secretary');
    expect(body.term.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const members = await t.database.db.selectFrom('members').select('id').where('org_id', '=', id).where('status', '=', 'active').execute();
    expect(body.memberCount).toBe(members.length);
    expect(body.departments.length).toBeGreaterThan(0);
  });

  it('masks the contact phone, in the fields and the history, for a role without sensitive access', async () => {
    const id = await orgId('急诊科全科医学科党支部');
    const org = await t.login('org');
    const { version } = (await org.get(`/api/v1/orgs/${id}`)).json();
    expect((await org.patch(`/api/v1/orgs/${id}`, { version, contactPhone: '13912345678' })).statusCode).toBe(200);
    expect((await org.get(`/api/v1/orgs/${id}`)).json().contactPhone).toBe('13912345678');
    const seen = await (await t.login('secretary')).get(`/api/v1/orgs/${id}`);
    expect(seen.json().contactPhone).toBe('139****5678');
    expect(seen.body).not.toContain('13912345678');
  });
});

describe('org rule warnings and 双带头人', () => {
  it('lists warnings 党委-wide, computed from members and terms, and denies a member', async () => {
    expect((await t.anonymous().get('/api/v1/orgs/warnings')).statusCode).toBe(401);
    const org = await t.login('org');
    expect((await org.get('/api/v1/orgs/warnings?severity=pink')).statusCode).toBe(400);
    expect((await (await t.login('member')).get('/api/v1/orgs/warnings')).statusCode).toBe(403);
    const body = (await org.get('/api/v1/orgs/warnings')).json();
    const codes = body.items.flatMap((o: { warnings: { code: string }[] }) => o.warnings.map((w) => w.code));
    expect(codes).toContain('ORG_TERM_OVERDUE');
    expect(codes).toContain('ORG_COMMITTEE_VACANCY');
    const red = (await org.get('/api/v1/orgs/warnings?severity=red')).json();
    expect(red.items.every((o: { warnings: { severity: string }[] }) => o.warnings.every((w) => w.severity === 'red'))).toBe(true);
    const overdue = body.items.find((o: { warnings: { code: string }[] }) => o.warnings.some((w) => w.code === 'ORG_TERM_OVERDUE'));
    expect(overdue.warnings.find((w: { code: string }) => w.code === 'ORG_TERM_OVERDUE').message).toContain('逾期');
  });

  it('an election clears an overdue term; a vacancy appears when a seat is emptied', async () => {
    const org = await t.login('org');
    const list = (await org.get('/api/v1/orgs/warnings?severity=red')).json().items;
    const target = list.find((o: { warnings: { code: string }[] }) => o.warnings.some((w) => w.code === 'ORG_TERM_OVERDUE'));
    expect(target).toBeDefined();
    expect((await t.anonymous().post(`/api/v1/orgs/${target.id}/elections`, {})).statusCode).toBe(401);
    const electorate = (await org.get(`/api/v1/orgs/${target.id}/electorate?date=2026-11-01`)).json();
    expect((await org.post(`/api/v1/orgs/${target.id}/elections`, { heldOn: '2026-11-01', votersPresent: electorate.entitled + 1 })).statusCode).toBe(400);
    expect((await (await t.login('secretary')).post(`/api/v1/orgs/${target.id}/elections`, { heldOn: '2026-11-01', votersPresent: electorate.entitled })).statusCode).toBe(403);
    const res = await org.post(`/api/v1/orgs/${target.id}/elections`, { heldOn: '2026-11-01', votersPresent: electorate.entitled, results: '选举产生新一届支部委员会' });
    expect(res.statusCode).toBe(201);
    expect(res.json().termExpiresOn).toBe('2029-11-01');
    const detail = (await org.get(`/api/v1/orgs/${target.id}`)).json();
    expect(detail.warnings.map((w: { code: string }) => w.code)).not.toContain('ORG_TERM_OVERDUE');
    expect(detail.elections[0].heldOn).toBe('2026-11-01');

    const seats = detail.committee.map((s: { post: string; memberId: number | null }) => ({ post: s.post, memberId: s.memberId }));
    seats.push({ post: 'youth', memberId: null });
    expect((await org.put(`/api/v1/orgs/${target.id}/committee`, { version: detail.version + 5, seats })).statusCode).toBe(409);
    const outsider = await t.database.db.selectFrom('members').select('id').where('org_id', '!=', target.id).executeTakeFirstOrThrow();
    const wrong = await org.put(`/api/v1/orgs/${target.id}/committee`, { version: detail.version, seats: [...seats, { post: 'member', memberId: outsider.id }] });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.[0]?.path).toBe(`body.seats[${seats.length}].memberId`);
    expect((await org.put(`/api/v1/orgs/${target.id}/committee`, { version: detail.version, seats })).statusCode).toBe(200);
    const after = (await org.get(`/api/v1/orgs/${target.id}`)).json();
    expect(after.warnings.find((w: { code: string }) => w.code === 'ORG_COMMITTEE_VACANCY').params.vacancies).toBeGreaterThanOrEqual(1);
  });

  it('an election counts those due from the roster on its date, and needs more than 4/5 of them present', async () => {
    const org = await t.login('org');
    const id = await orgId('心血管内科党支部');
    const db = t.database.db;
    const roster = await db.selectFrom('members').select(['id', 'category', 'full_on']).where('org_id', '=', id).where('status', '=', 'active').where('joined_on', '<=', '2026-11-20').orderBy('id').execute();
    const full = roster.filter((m) => m.category === 'full' && (m.full_on === null || m.full_on <= '2026-11-20'));
    const e = (await org.get(`/api/v1/orgs/${id}/electorate?date=2026-11-20`)).json();
    expect(e).toMatchObject({ date: '2026-11-20', onRoster: roster.length, entitled: full.length, required: Math.floor((full.length * 4) / 5) + 1 });
    expect(e.excluded.filter((x: { because: string }) => x.because === 'probationary')).toHaveLength(roster.length - full.length);

    const beforeAway = (await org.get(`/api/v1/orgs/${id}/electorate?date=2026-08-31`)).json().entitled;
    // An absence with its approval recorded leaves a member out of those due; an absence without one is refused.
    const away = full[0]!.id;
    const noApproval = await org.post(`/api/v1/orglife/members/${away}/voting-exclusions`, { kind: 'away_approved', fromOn: '2026-09-01', toOn: '2027-03-31', reason: '出国进修' });
    expect(noApproval.statusCode).toBe(400);
    const approved = await org.post(`/api/v1/orglife/members/${away}/voting-exclusions`, { kind: 'away_approved', fromOn: '2026-09-01', toOn: '2027-03-31', reason: '出国进修', approvalRef: '院党委〔2026〕8号', approvedOn: '2026-08-25', approvedBy: '医院党委' });
    expect(approved.statusCode).toBe(201);
    const suspended = full[1]!.id;
    expect((await org.post(`/api/v1/orglife/members/${suspended}/voting-exclusions`, { kind: 'rights_suspended', fromOn: '2026-06-01', toOn: '2027-05-31', reason: '留党察看一年', approvalRef: '纪委〔2026〕3号', approvedOn: '2026-06-01' })).statusCode).toBe(201);
    const due = full.length - 2;
    const after = (await org.get(`/api/v1/orgs/${id}/electorate?date=2026-11-20`)).json();
    expect(after.entitled).toBe(due);
    expect(after.excluded.find((x: { memberId: number }) => x.memberId === away)).toMatchObject({ because: 'away_approved', reason: '出国进修', approvalRef: '院党委〔2026〕8号', approvedBy: '医院党委', approvedOn: '2026-08-25' });
    expect(after.excluded.find((x: { memberId: number }) => x.memberId === suspended)).toMatchObject({ because: 'rights_suspended', approvalRef: '纪委〔2026〕3号' });
    // Before the absence began, the member was among those due (the suspension had begun).
    const onTheEve = (await org.get(`/api/v1/orgs/${id}/electorate?date=2026-08-31`)).json();
    expect(onTheEve.entitled).toBe(beforeAway - 1);
    expect(onTheEve.excluded.map((x: { memberId: number }) => x.memberId)).not.toContain(away);

    // Exactly 4/5 is not enough; the refusal names the numbers.
    const fourFifths = Math.floor((due * 4) / 5);
    const required = fourFifths + 1;
    const refused = await org.post(`/api/v1/orgs/${id}/elections`, { heldOn: '2026-11-20', votersPresent: fourFifths });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).code).toBe('ORG_ELECTION_QUORUM_NOT_MET');
    expect(errorOf(refused).message).toContain(`应到 ${due} 人，实到 ${fourFifths} 人`);
    expect(errorOf(refused).message).toContain(`至少 ${required} 人`);
    // A number of those due typed in is not taken on trust.
    const typed = await org.post(`/api/v1/orgs/${id}/elections`, { heldOn: '2026-11-20', votersDue: 10, votersPresent: 9 });
    expect(errorOf(typed).code).toBe('ORG_ELECTION_VOTERS_DUE_MISMATCH');
    expect(errorOf(typed).message).toContain(`${due} 人`);

    // With `required` present: valid; a candidate needs more than half of those present (exactly half is not enough).
    const half = Math.floor(required / 2);
    const ok = await org.post(`/api/v1/orgs/${id}/elections`, {
      heldOn: '2026-11-20',
      votersPresent: required,
      candidates: [
        { name: '候选人甲', votes: half + 1 },
        { name: '候选人乙', votes: required % 2 === 0 ? half : half - 1 },
      ],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().votersDue).toBe(due);
    expect(ok.json().candidates.map((c: { elected: boolean }) => c.elected)).toEqual([true, false]);
    const detail = (await org.get(`/api/v1/orgs/${id}`)).json();
    expect(detail.elections[0]).toMatchObject({ heldOn: '2026-11-20', votersDue: due, votersPresent: required, excludedCount: roster.length - due });
    // Who was left out is personal: a leader sees the count only.
    const leaderDetail = (await (await t.login('leader')).get(`/api/v1/orgs/${id}`)).json();
    expect(leaderDetail.elections[0].excluded).toEqual([]);
    expect(leaderDetail.elections[0].excludedCount).toBe(roster.length - due);
  });

  it('6 of 10 voters present does not start a new term', async () => {
    const org = await t.login('org');
    const id = await orgId('心血管内科党支部');
    const due = (await org.get(`/api/v1/orgs/${id}/electorate?date=2026-11-21`)).json().entitled;
    const res = await org.post(`/api/v1/orgs/${id}/elections`, { heldOn: '2026-11-21', votersPresent: Math.ceil((due * 6) / 10) });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('ORG_ELECTION_QUORUM_NOT_MET');
  });

  it('computes 双带头人 coverage per 党委 and 党总支 from the secretaries', async () => {
    const org = await t.login('org');
    expect((await t.anonymous().get('/api/v1/orgs/dual-leaders')).statusCode).toBe(401);
    expect((await (await t.login('member')).get('/api/v1/orgs/dual-leaders')).statusCode).toBe(403);
    const body = (await org.get('/api/v1/orgs/dual-leaders')).json();
    const committee = body.items.find((g: { type: string }) => g.type === 'committee');
    expect(committee.branches).toBeGreaterThan(10);
    expect(committee.rate).toBe(Math.round((committee.covered / committee.branches) * 1000) / 10);
    expect(committee.missing.length).toBe(committee.branches - committee.covered);
    const generals = body.items.filter((g: { type: string }) => g.type === 'general_branch');
    expect(generals.reduce((s: number, g: { branches: number }) => s + g.branches, 0)).toBeLessThanOrEqual(committee.branches);
  });
});

describe('org tree management', () => {
  it('creates, edits with 409, moves, merges (members re-homed) and dissolves with history', async () => {
    const org = await t.login('org');
    const parent = await orgId('内科党总支');
    expect((await t.anonymous().post('/api/v1/orgs', {})).statusCode).toBe(401);
    expect((await org.post('/api/v1/orgs', { parentId: parent, type: 'branch' })).statusCode).toBe(400);
    expect((await (await t.login('secretary')).post('/api/v1/orgs', { parentId: parent, type: 'branch', name: '测试党支部' })).statusCode).toBe(403);
    const misplaced = await org.post('/api/v1/orgs', { parentId: parent, type: 'party_group', name: '错误党小组' });
    expect(errorOf(misplaced).code).toBe('ORG_PARENT_INVALID');
    const created = await org.post('/api/v1/orgs', { parentId: parent, type: 'branch', name: '测试第一党支部', establishedOn: '2026-01-10' });
    expect(created.statusCode).toBe(201);
    const a = created.json().id;
    const b = (await org.post('/api/v1/orgs', { parentId: parent, type: 'branch', name: '测试第二党支部' })).json().id;
    const detail = (await org.get(`/api/v1/orgs/${a}`)).json();
    expect(detail.warnings.map((w: { code: string }) => w.code)).toContain('ORG_TOO_FEW_FULL_MEMBERS');
    expect((await org.patch(`/api/v1/orgs/${a}`, { version: detail.version, contactName: '张老师' })).statusCode).toBe(200);
    expect((await org.patch(`/api/v1/orgs/${a}`, { version: detail.version, contactName: '李老师' })).statusCode).toBe(409);

    // Move under the surgical general branch, and back under itself is refused.
    const surgical = await orgId('外科党总支');
    const moved = await org.post(`/api/v1/orgs/${a}/move`, { version: detail.version + 1, parentId: surgical, onDate: '2026-11-20' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path).toMatch(new RegExp(`/${surgical}/${a}/$`));
    expect(errorOf(await org.post(`/api/v1/orgs/${surgical}/move`, { version: 1, parentId: a, onDate: '2026-11-20' })).code).toBe('ORG_PARENT_INVALID');

    // Put a member in A, then merge A into B: the member follows, A is kept as dissolved.
    const tenant = await t.database.db.selectFrom('orgs').select('tenant_id').where('id', '=', a).executeTakeFirstOrThrow();
    const member = await t.database.db.selectFrom('members').select(['id', 'org_id']).where('tenant_id', '=', tenant.tenant_id).where('status', '=', 'active').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((await org.post('/api/v1/transfers/internal', { memberId: member.id, toOrgId: a, effectiveOn: '2026-11-21' })).statusCode).toBe(201);
    const aVersion = (await org.get(`/api/v1/orgs/${a}`)).json().version;
    const merged = await org.post(`/api/v1/orgs/${a}/merge`, { version: aVersion, intoId: b, onDate: '2026-11-22' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ members: 1, children: 0 });
    const m = await t.database.db.selectFrom('members').select('org_id').where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(m.org_id).toBe(b);
    const gone = (await org.get(`/api/v1/orgs/${a}`)).json();
    expect(gone).toMatchObject({ dissolvedOn: '2026-11-22', mergedIntoId: b });
    expect(gone.history.map((h: { kind: string }) => h.kind)).toEqual(['merge', 'move', 'update', 'create']);
    const periods = await t.database.db.selectFrom('member_org_periods').select(['org_id', 'from_on', 'to_on']).where('member_id', '=', member.id).orderBy('id').execute();
    expect(periods.slice(-2)).toEqual([
      { org_id: a, from_on: '2026-11-21', to_on: '2026-11-22' },
      { org_id: b, from_on: '2026-11-22', to_on: null },
    ]);

    // Dissolving B needs somewhere for its member to go.
    const bVersion = (await org.get(`/api/v1/orgs/${b}`)).json().version;
    expect(errorOf(await org.post(`/api/v1/orgs/${b}/dissolve`, { version: bVersion, onDate: '2026-11-23' })).code).toBe('ORG_DISSOLVE_NEEDS_TARGET');
    const ok = await org.post(`/api/v1/orgs/${b}/dissolve`, { version: bVersion, onDate: '2026-11-23', membersToId: member.org_id });
    expect(ok.json()).toMatchObject({ members: 1 });
    const tree = JSON.stringify((await org.get('/api/v1/orgs/tree')).json());
    expect(tree).not.toContain('测试第二党支部');
  });

  it('merges a party group into another group of its branch, and refuses one of another branch', async () => {
    const org = await t.login('org');
    const db = t.database.db;
    const groups = await db.selectFrom('orgs').select(['id', 'name', 'version', 'parent_id']).where('name', 'in', ['输液室党小组', '急诊门诊党小组']).orderBy('name').execute();
    const infusion = groups.find((g) => g.name === '输液室党小组')!;
    const clinic = groups.find((g) => g.name === '急诊门诊党小组')!;
    const moving = await db.selectFrom('members').select('id').where('party_group_id', '=', infusion.id).where('status', '=', 'active').execute();
    expect(moving.length).toBeGreaterThan(0);
    const otherBranch = await db.selectFrom('orgs').select('id').where('type', '=', 'branch').where('id', '!=', infusion.parent_id!).orderBy('id').executeTakeFirstOrThrow();
    const wrong = await org.post(`/api/v1/orgs/${infusion.id}/merge`, { version: infusion.version, intoId: otherBranch.id, onDate: '2026-11-23' });
    expect(errorOf(wrong).code).toBe('ORG_MERGE_INVALID');
    const res = await org.post(`/api/v1/orgs/${infusion.id}/merge`, { version: infusion.version, intoId: clinic.id, onDate: '2026-11-23' });
    expect(res.statusCode).toBe(200);
    const after = await db.selectFrom('members').select(['org_id', 'party_group_id']).where('id', 'in', moving.map((m) => m.id)).execute();
    expect(after.every((m) => m.party_group_id === clinic.id && m.org_id === infusion.parent_id)).toBe(true);
  });

  it('names unknown departments in the caller’s language', async () => {
    const org = await t.login('org');
    await org.put('/api/v1/auth/language', { language: 'en-US' });
    const branch = await t.database.db.selectFrom('orgs').select(['id', 'version']).where('name', '=', '神经内科党支部').executeTakeFirstOrThrow();
    const res = await org.patch(`/api/v1/orgs/${branch.id}`, { version: branch.version, departmentIds: [999999] });
    await org.put('/api/v1/auth/language', { language: 'zh-CN' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ path: 'body.departmentIds', message: 'No such department (id 999999)' }]);
  });

  it('lists departments with their branches and sets the 三位一体 flag', async () => {
    const org = await t.login('org');
    expect((await t.anonymous().get('/api/v1/departments')).statusCode).toBe(401);
    const deps = (await org.get('/api/v1/departments')).json().items;
    const er = deps.find((d: { name: string }) => d.name === '急诊科');
    expect(er.branches.map((b: { name: string }) => b.name)).toContain('急诊科全科医学科党支部');
    expect((await org.patch(`/api/v1/departments/${er.id}`, { trinity: 'yes' })).statusCode).toBe(400);
    expect((await (await t.login('secretary')).patch(`/api/v1/departments/${er.id}`, { trinity: true })).statusCode).toBe(403);
    expect((await org.patch(`/api/v1/departments/${er.id}`, { trinity: true })).json()).toEqual({ id: er.id, trinity: true });
  });

  it('lists to a branch secretary only the departments and branches of their scope, to a member those of their branch', async () => {
    const org = await t.login('org');
    const all = (await org.get('/api/v1/departments')).json().items as { name: string; branches: { name: string }[] }[];
    const secretary = await t.login('secretary');
    const mine = (await secretary.get('/api/v1/departments')).json().items as { name: string; branches: { name: string }[] }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length / 4);
    expect(mine.map((d) => d.name)).toContain('急诊科');
    expect(mine.map((d) => d.name)).not.toContain('心血管内科');
    const branches = new Set(mine.flatMap((d) => d.branches.map((b) => b.name)));
    expect([...branches]).toEqual(['急诊科全科医学科党支部']);
    const member = await t.login('member');
    const own = (await member.get('/api/v1/departments')).json().items as { name: string; branches: { name: string }[] }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all.length / 4);
    expect(new Set(own.flatMap((d) => d.branches.map((b) => b.name))).size).toBe(1);
    // Hospital leaders see the whole structure.
    expect((await (await t.login('leader')).get('/api/v1/departments')).json().items).toHaveLength(all.length);
  });

  it('saves the settings with optimistic concurrency', async () => {
    const org = await t.login('org');
    const s = (await org.get('/api/v1/orgs/settings')).json();
    const body = { version: s.version, dualLeader: { ...s.dualLeader, headPosts: ['科主任'] }, letterhead: { ...s.letterhead, address: '示例市健康路1号', postcode: '100000' } };
    expect((await org.put('/api/v1/orgs/settings', { ...body, letterhead: { ...body.letterhead, postcode: 'abc' } })).statusCode).toBe(400);
    expect((await (await t.login('jijian')).put('/api/v1/orgs/settings', body)).statusCode).toBe(403);
    const saved = await org.put('/api/v1/orgs/settings', body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().dualLeader.headPosts).toEqual(['科主任']);
    expect((await org.put('/api/v1/orgs/settings', body)).statusCode).toBe(409);
  });
});
