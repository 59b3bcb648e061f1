import { addDays } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPORARY_BRANCH } from '../../demo/generate.js';
import { type Client, DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { rosterOn } from './repository.js';

/**
 * The roster of a meeting's day (应到) and the quorum base (应到会有表决权的党员) drawn from it,
 * recorded exclusions from the vote, errors that name only what the caller may see, and the
 * dates an org exists.
 */
let t: TestApp;
let tenantId: number;
let erId: number;
let otherBranchId: number;
const today = DEMO_TODAY;

interface RosterEntry {
  id: number;
  name: string;
  category: 'full' | 'probationary';
  partyGroupId: number | null;
  voting: boolean;
  noVoteReason: string | null;
  exclusions: Array<{ id: number; kind: string }>;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  tenantId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
  const byName = async (name: string) => (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  erId = await byName('急诊科全科医学科党支部');
  otherBranchId = await byName('神经内科党支部');
});
afterAll(() => t.close());

async function roster(c: Client, orgId = erId, date = today): Promise<RosterEntry[]> {
  const res = await c.get(`/api/v1/orglife/orgs/${orgId}/roster?date=${date}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

function generalMeeting(overrides: Record<string, unknown> = {}) {
  return {
    orgId: erId,
    kinds: ['branch_general_meeting'],
    heldOn: today,
    place: '急诊楼三楼会议室',
    hostName: '支部书记',
    recorderName: '组织委员',
    topics: ['讨论发展对象'],
    minutes: '会议由支部书记主持。',
    ...overrides,
  };
}

const resolution = (votesFor: number) => ({ title: '关于确定发展对象的决议', kind: 'ordinary', votesFor, votesAgainst: 0, votesAbstain: 0 });

describe('the quorum base is the roster on the day, not the attendance list (issue 11 item 1)', () => {
  it('leaving absent members off the list does not shrink the base: a 党员大会 of the present half cannot resolve', async () => {
    const secretary = await t.login('secretary');
    const list = await roster(secretary);
    const voters = list.filter((m) => m.voting);
    expect(voters.length).toBeGreaterThanOrEqual(10);
    const half = Math.floor(voters.length / 2);
    // Only the members who came are listed, as the defect report did.
    const onlyPresent = voters.slice(0, half).map((m) => ({ memberId: m.id, status: 'present' }));
    const refused = await secretary.post('/api/v1/orglife/records', generalMeeting({ attendance: onlyPresent, resolutions: [resolution(half)] }));
    expect([refused.statusCode, errorOf(refused).code]).toEqual([400, 'ORGLIFE_QUORUM_NOT_MET']);
    expect(errorOf(refused).message).toContain(`有表决权的党员应到 ${voters.length} 人，实到 ${half} 人`);

    // Without a resolution the meeting is recorded, and everyone left off is on it as absent (应到 is the roster).
    const recorded = await secretary.post('/api/v1/orglife/records', generalMeeting({ attendance: onlyPresent }));
    expect(recorded.statusCode).toBe(201);
    const record = recorded.json();
    expect([record.expectedCount, record.presentCount, record.absentCount]).toEqual([list.length, half, list.length - half]);
    expect(new Set(record.attendance.map((a: { memberId: number }) => a.memberId))).toEqual(new Set(list.map((m) => m.id)));
    expect((await secretary.delete(`/api/v1/orglife/records/${record.id}?version=1`)).statusCode).toBe(204);
  });

  it('members who moved in after the day are not on it; members who moved out after it are', async () => {
    const db = t.database.db;
    // The demo moved two members between branches two years ago (member_org_periods keeps it).
    const move = await db.selectFrom('member_transfers').select(['member_id', 'from_org_id', 'to_org_id', 'effective_on']).where('tenant_id', '=', tenantId).where('kind', '=', 'internal').orderBy('id').executeTakeFirstOrThrow();
    const dayBefore = addDays(move.effective_on, -1);
    const idsOf = async (orgId: number, date: string) => (await rosterOn(db, tenantId, orgId, date)).map((m) => m.id);
    expect(await idsOf(move.from_org_id!, dayBefore)).toContain(move.member_id);
    expect(await idsOf(move.to_org_id!, dayBefore)).not.toContain(move.member_id);
    expect(await idsOf(move.from_org_id!, move.effective_on)).not.toContain(move.member_id);
    expect(await idsOf(move.to_org_id!, move.effective_on)).toContain(move.member_id);
    // A member who joined (入党) after the day is not on it.
    const newest = await db.selectFrom('members').select(['id', 'org_id', 'joined_on']).where('tenant_id', '=', tenantId).where('status', '=', 'active').where('joined_on', 'is not', null).orderBy('joined_on', 'desc').executeTakeFirstOrThrow();
    expect(await idsOf(newest.org_id, addDays(newest.joined_on!, -1))).not.toContain(newest.id);
    expect(await idsOf(newest.org_id, newest.joined_on!)).toContain(newest.id);
  });
});

describe('exclusions from the vote: suspended rights, approved long absence', () => {
  it('leave a member out of the base only with the approval recorded; 401 → 400 → 403 → 201; audited; editable and removable', async () => {
    const secretary = await t.login('secretary');
    const list = await roster(secretary);
    const voters = list.filter((m) => m.voting);
    const [away, suspended] = [voters[voters.length - 1]!, voters[voters.length - 2]!];
    const url = (id: number) => `/api/v1/orglife/members/${id}/voting-exclusions`;
    const awayBody = { kind: 'away_approved', fromOn: '2026-09-01', toOn: null, reason: '出国（境）进修一年', approvalRef: '院党委〔2026〕21号', approvedOn: '2026-08-25', approvedBy: '医院党委' };

    expect((await t.anonymous().post(url(away.id), awayBody)).statusCode).toBe(401);
    const noApproval = await secretary.post(url(away.id), { ...awayBody, approvalRef: '' });
    expect([noApproval.statusCode, errorOf(noApproval).details?.[0]?.path]).toEqual([400, 'body.approvalRef']);
    const backwards = await secretary.post(url(away.id), { ...awayBody, toOn: '2026-08-01' });
    expect(errorOf(backwards).details).toEqual([{ path: 'toOn', message: '结束日期早于开始日期 2026-09-01' }]);
    expect((await (await t.login('jijian')).post(url(away.id), awayBody)).statusCode).toBe(403);
    const outsider = (await roster(await t.login('org'), otherBranchId))[0]!;
    const foreign = await secretary.post(url(outsider.id), awayBody);
    expect([foreign.statusCode, errorOf(foreign).code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect(foreign.body).not.toContain(outsider.name);

    const created = await secretary.post(url(away.id), awayBody);
    expect(created.statusCode).toBe(201);
    const suspension = await secretary.post(url(suspended.id), { kind: 'rights_suspended', fromOn: '2026-06-01', reason: '留党察看一年', approvalRef: '院纪委〔2026〕5号', approvedOn: '2026-06-01' });
    expect(suspension.statusCode).toBe(201);
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'member_voting_exclusion').where('entity_id', '=', String(created.json().id)).execute();
    expect(audit.map((a) => a.summary)).toEqual([`登记${away.name}经批准长期外出（2026-09-01 起，院党委〔2026〕21号）`]);

    // The roster says who has no vote and why; the base is two smaller.
    const after = await roster(secretary);
    expect(after.find((m) => m.id === away.id)).toMatchObject({ voting: false, noVoteReason: 'away_approved', exclusions: [{ id: created.json().id, kind: 'away_approved' }] });
    expect(after.find((m) => m.id === suspended.id)).toMatchObject({ voting: false, noVoteReason: 'rights_suspended' });
    expect(after.filter((m) => m.voting)).toHaveLength(voters.length - 2);
    // Before the absence began, the member was due.
    expect((await roster(secretary, erId, '2026-08-31')).find((m) => m.id === away.id)?.voting).toBe(true);

    // A quorum that only holds without the two: refused before they were recorded, accepted now.
    const base = voters.length - 2;
    const needed = Math.floor(base / 2) + 1;
    expect(needed * 2).toBeLessThanOrEqual(voters.length);
    const present = voters.filter((m) => m.id !== away.id && m.id !== suspended.id).slice(0, needed);
    const attendance = present.map((m) => ({ memberId: m.id, status: 'present' }));
    const ok = await secretary.post('/api/v1/orglife/records', generalMeeting({ attendance, resolutions: [resolution(needed)] }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().resolutions[0]).toMatchObject({ votingMembers: base, present: needed, passed: true });
    expect((await secretary.delete(`/api/v1/orglife/records/${ok.json().id}?version=1`)).statusCode).toBe(204);

    // The member is back: the absence ends; the suspension was entered by mistake and goes.
    const ended = await secretary.put(`/api/v1/orglife/voting-exclusions/${created.json().id}`, { ...awayBody, toOn: '2026-11-10', version: 1 });
    expect([ended.statusCode, ended.json().toOn, ended.json().version]).toEqual([200, '2026-11-10', 2]);
    expect((await secretary.put(`/api/v1/orglife/voting-exclusions/${created.json().id}`, { ...awayBody, version: 1 })).statusCode).toBe(409);
    expect((await secretary.delete(`/api/v1/orglife/voting-exclusions/${suspension.json().id}?version=1`)).statusCode).toBe(204);
    expect((await secretary.get(url(away.id))).json()).toHaveLength(1);
    const refused = await secretary.post('/api/v1/orglife/records', generalMeeting({ attendance, resolutions: [resolution(needed)] }));
    expect(errorOf(refused).code).toBe('ORGLIFE_QUORUM_NOT_MET');
    expect((await roster(secretary)).filter((m) => m.voting)).toHaveLength(voters.length);
  });
});

describe('errors name only what the caller may see (issue 11 item 10)', () => {
  it('an id from another branch is “not on this branch’s roster”, with nothing about its holder', async () => {
    const secretary = await t.login('secretary');
    const outsider = (await roster(await t.login('org'), otherBranchId))[0]!;
    const own = (await roster(secretary))[0]!;
    const res = await secretary.post(
      '/api/v1/orglife/records',
      generalMeeting({
        kinds: ['organisational_life_meeting', 'democratic_review'],
        attendance: [
          { memberId: own.id, status: 'present' },
          { memberId: outsider.id, status: 'excused' },
          { memberId: outsider.id, status: 'present' },
        ],
        reviews: [{ memberId: outsider.id, grade: 'qualified' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([
      { path: 'attendance[1].memberId', message: `党员编号 ${outsider.id} 不在该支部的名册中` },
      { path: 'attendance[2].memberId', message: `党员编号 ${outsider.id} 不在该支部的名册中` },
      { path: 'reviews[0].memberId', message: `党员编号 ${outsider.id} 不在该支部的名册中` },
    ]);
    expect(res.body).not.toContain(outsider.name);
  });
});

describe('the dates an org exists (issue 11 item 6)', () => {
  it('refuses a meeting of a temporary branch after its end date, naming the end date', async () => {
    const db = t.database.db;
    const temp = await db.selectFrom('orgs').select(['id', 'ends_on']).where('tenant_id', '=', tenantId).where('name', '=', TEMPORARY_BRANCH).executeTakeFirstOrThrow();
    const endsOn = addDays(today, -10);
    await db.updateTable('orgs').set({ ends_on: endsOn }).where('tenant_id', '=', tenantId).where('id', '=', temp.id).execute();
    try {
      const org = await t.login('org');
      const members = await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('status', '=', 'active').limit(3).execute();
      const meeting = (heldOn: string) => ({ ...generalMeeting({ orgId: temp.id, kinds: ['theme_party_day'], heldOn }), attendance: members.map((m) => ({ memberId: m.id, status: 'present' })) });
      const late = await org.post('/api/v1/orglife/records', meeting(addDays(endsOn, 1)));
      expect([late.statusCode, errorOf(late).details]).toEqual([400, [{ path: 'heldOn', message: `会议日期 ${addDays(endsOn, 1)} 晚于该临时党支部的结束日期 ${endsOn}` }]]);
      // On its last day it still meets; a temporary branch's attendance is who came (no roster).
      const last = await org.post('/api/v1/orglife/records', meeting(endsOn));
      expect([last.statusCode, last.json().expectedCount]).toEqual([201, 3]);
    } finally {
      await db.updateTable('orgs').set({ ends_on: temp.ends_on }).where('tenant_id', '=', tenantId).where('id', '=', temp.id).execute();
    }
  });
});
