import { memberAttendance, memberLapse, periodOf } from '@hongyi/core';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lapses } from './lapses.js';
import { KIND_NAMES } from './schemas.js';
import { type Client, DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { startWebhookReceiver, webhookTestOptions } from '../../test/webhookReceiver.js';
import { workbookOf } from '../../test/workbook.js';

let t: TestApp;
let erId: number;
let otherBranchId: number;
let groupId: number;
let memberUserMemberId: number;
const today = DEMO_TODAY;
const quarter = periodOf(today, 'quarter');

interface RosterEntry {
  id: number;
  name: string;
  category: 'full' | 'probationary';
  partyGroupId: number | null;
}

beforeAll(async () => {
  t = await createTestApp({ webhooks: webhookTestOptions });
  const db = t.database.db;
  const tenant = await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
  const er = await db.selectFrom('orgs').select(['id']).where('tenant_id', '=', tenant.id).where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow();
  erId = er.id;
  otherBranchId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenant.id).where('name', '=', '神经内科党支部').executeTakeFirstOrThrow()).id;
  groupId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenant.id).where('name', '=', '急诊门诊党小组').executeTakeFirstOrThrow()).id;
  memberUserMemberId = (await db.selectFrom('users').select('member_id').where('tenant_id', '=', tenant.id).where('username', '=', 'member').executeTakeFirstOrThrow()).member_id!;
});
afterAll(() => t.close());

async function roster(c: Client, orgId = erId): Promise<RosterEntry[]> {
  const res = await c.get(`/api/v1/orglife/orgs/${orgId}/roster?date=${today}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Attendance with the first `present` voting members present, the rest excused or absent. */
function attendance(list: RosterEntry[], presentVoting: number) {
  let voting = 0;
  return list.map((m, i) => {
    const isPresent = m.category === 'full' ? voting++ < presentVoting : true;
    return isPresent ? { memberId: m.id, status: 'present' as const } : i % 2 ? { memberId: m.id, status: 'excused' as const, reason: '值班' } : { memberId: m.id, status: 'absent' as const };
  });
}

function meeting(overrides: Record<string, unknown> = {}) {
  return {
    orgId: erId,
    kinds: ['branch_general_meeting'],
    heldOn: today,
    startTime: '14:30',
    endTime: '16:00',
    place: '急诊楼三楼会议室',
    sceneTag: '急诊',
    hostName: '支部书记',
    recorderName: '组织委员',
    topics: ['学习党的二十届四中全会精神', '讨论发展对象'],
    minutes: '会议由支部书记主持。\n全体党员学习了全会精神，并讨论了发展对象人选。',
    ...overrides,
  };
}

async function checklistState(c: Client, rule: string, period: string, orgId = erId) {
  const res = await c.get(`/api/v1/orglife/orgs/${orgId}/compliance?year=${today.slice(0, 4)}`);
  expect(res.statusCode).toBe(200);
  const body = res.json() as { orgs: Array<{ id: number; cells: Array<{ rule: string; period: string; state: string; recordIds: number[]; reason: string }> }> };
  return body.orgs.find((o) => o.id === orgId)!.cells.find((c) => c.rule === rule && c.period === period)!;
}

describe('POST /api/v1/orglife/records', () => {
  it('401 → 400 → 403 → 201', async () => {
    expect((await t.anonymous().post('/api/v1/orglife/records', meeting())).statusCode).toBe(401);
    const secretary = await t.login('secretary');
    const bad = await secretary.post('/api/v1/orglife/records', meeting({ heldOn: '2026-02-30', kinds: [] }));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.map((d) => d.path).sort()).toEqual(['body.heldOn', 'body.kinds']);
    const jijian = await t.login('jijian');
    expect((await jijian.post('/api/v1/orglife/records', meeting())).statusCode).toBe(403);
    const member = await t.login('member');
    expect((await member.post('/api/v1/orglife/records', meeting())).statusCode).toBe(403);
    // A secretary writes for their own branch only.
    const other = await secretary.post('/api/v1/orglife/records', meeting({ orgId: otherBranchId }));
    expect([other.statusCode, errorOf(other).code]).toEqual([403, 'OUT_OF_SCOPE']);
    const list = await roster(secretary);
    const res = await secretary.post('/api/v1/orglife/records', meeting({ kinds: ['theme_party_day', 'party_group_meeting'], partyGroupId: groupId, attendance: attendance(list.filter((m) => m.partyGroupId === groupId), 100) }));
    expect(res.statusCode).toBe(201);
    expect(res.json().kinds).toEqual(['theme_party_day', 'party_group_meeting']);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_type', '=', 'orglife_record').where('entity_id', '=', String(res.json().id)).execute();
    expect(audit).toHaveLength(1);
  });

  it('rejects kinds that cannot share one record, an excused absence without reason, a future date', async () => {
    const secretary = await t.login('secretary');
    const list = await roster(secretary);
    const bad = await secretary.post('/api/v1/orglife/records', meeting({ kinds: ['branch_general_meeting', 'branch_committee_meeting'] }));
    expect(errorOf(bad).details?.[0]?.message).toBe('“支部党员大会”与“支部委员会会议”不能合并为一次记录');
    const noReason = await secretary.post('/api/v1/orglife/records', meeting({ attendance: [{ memberId: list[0]!.id, status: 'excused' }] }));
    expect(errorOf(noReason).details).toEqual([{ path: 'attendance[0].reason', message: `${list[0]!.name} 请假须填写原因` }]);
    const future = await secretary.post('/api/v1/orglife/records', meeting({ heldOn: '2099-01-01' }));
    expect(errorOf(future).details?.[0]?.path).toBe('heldOn');
    expect((await secretary.get(`/api/v1/orglife/orgs/${otherBranchId}/roster`)).statusCode).toBe(403);
  }, 30_000);
});

describe('quorum of the 支部党员大会', () => {
  it('refuses an ordinary resolution without more than half present, with the numbers; accepts at half + 1', async () => {
    const secretary = await t.login('secretary');
    const list = await roster(secretary);
    const voting = list.filter((m) => m.category === 'full').length;
    const half = Math.floor(voting / 2);
    const resolution = { title: '关于确定发展对象的决议', kind: 'ordinary', votesFor: half, votesAgainst: 0, votesAbstain: 0 };
    const refused = await secretary.post('/api/v1/orglife/records', meeting({ attendance: attendance(list, half), resolutions: [resolution] }));
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).code).toBe('ORGLIFE_QUORUM_NOT_MET');
    expect(errorOf(refused).message).toBe(`“关于确定发展对象的决议”不能作出决议：有表决权的党员应到 ${voting} 人，实到 ${half} 人，须超过半数（至少 ${half + 1} 人）到会`);
    const accepted = await secretary.post('/api/v1/orglife/records', meeting({ attendance: attendance(list, half + 1), resolutions: [{ ...resolution, votesFor: half + 1 }] }));
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().resolutions[0]).toMatchObject({ votingMembers: voting, present: half + 1, passed: true });
    await secretary.delete(`/api/v1/orglife/records/${accepted.json().id}?version=1`);
  });

  it('an election needs more than 4/5 of the voters present', async () => {
    const secretary = await t.login('secretary');
    const list = await roster(secretary);
    const voting = list.filter((m) => m.category === 'full').length;
    const needed = Math.floor((voting * 4) / 5) + 1;
    const election = { title: '增补支部委员选举', kind: 'election', votesFor: needed - 1, votesAgainst: 0, votesAbstain: 0 };
    const refused = await secretary.post('/api/v1/orglife/records', meeting({ attendance: attendance(list, needed - 1), resolutions: [election] }));
    expect([refused.statusCode, errorOf(refused).code]).toEqual([400, 'ORGLIFE_ELECTION_QUORUM_NOT_MET']);
    expect(errorOf(refused).message).toContain(`实到 ${needed - 1} 人`);
    const ok = await secretary.post('/api/v1/orglife/records', meeting({ attendance: attendance(list, needed), resolutions: [{ ...election, votesFor: needed }] }));
    expect(ok.statusCode).toBe(201);
    await secretary.delete(`/api/v1/orglife/records/${ok.json().id}?version=1`);
  });
});

describe('journey: the 急诊科全科医学科党支部 secretary records a 党员大会', () => {
  it('turns the quarter green, yields minutes, and shows in the 党委 matrix', async () => {
    const secretary = await t.login('secretary');
    const org = await t.login('org');
    const before = await checklistState(secretary, 'branch_general_meeting', quarter);
    expect(before.state).not.toBe('met');
    const matrixBefore = (await org.get(`/api/v1/orglife/matrix?year=${today.slice(0, 4)}`)).json();
    const rowBefore = matrixBefore.rows.find((r: { id: number }) => r.id === erId);

    const list = await roster(secretary);
    const voting = list.filter((m) => m.category === 'full').length;
    const res = await secretary.post(
      '/api/v1/orglife/records',
      meeting({ attendance: attendance(list, voting - 2), resolutions: [{ title: '同意接收张某为预备党员', kind: 'ordinary', votesFor: voting - 3, votesAgainst: 1, votesAbstain: 0 }] }),
    );
    expect(res.statusCode).toBe(201);
    const record = res.json();

    const after = await checklistState(secretary, 'branch_general_meeting', quarter);
    expect(after.state).toBe('met');
    expect(after.recordIds).toContain(record.id);

    const docx = await secretary.get(`/api/v1/orglife/records/${record.id}/minutes.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const textOf = xml.replace(/<[^>]+>/g, '');
    expect(textOf).toContain('急诊科全科医学科党支部支部党员大会记录');
    expect(textOf).toContain(`应到人数：${list.length}人`);
    expect(textOf).toContain(`实到人数：${record.presentCount}人`);
    expect(textOf).toContain('同意接收张某为预备党员');
    expect(textOf).toContain('急诊楼三楼会议室');
    const absentee = record.attendance.find((a: { status: string }) => a.status === 'excused');
    expect(textOf).toContain(`${absentee.name}（请假：值班）`);
    // Who was due, who came, who was on leave (with the reason) and who was absent, by name, in the roster's order.
    type Row = { name: string; status: string; reason: string };
    const namesOf = (status?: string) => (record.attendance as Row[]).filter((a) => !status || a.status === status);
    expect(textOf).toContain(`应到人员：${namesOf().map((a) => a.name).join('、')}`);
    expect(textOf).toContain(`实到人员：${namesOf('present').map((a) => a.name).join('、')}`);
    expect(textOf).toContain(`请假人员：${namesOf('excused').map((a) => `${a.name}（请假：${a.reason}）`).join('、')}`);
    expect(textOf).toContain(`缺席人员：${namesOf('absent').map((a) => a.name).join('、')}`);
    expect(namesOf('absent').length).toBeGreaterThan(0);
    // Signed by the host and the recorder, each with a date line.
    expect(textOf).toMatch(/主持人（签字）：＿+　+日期：　+年　+月　+日/);
    expect(textOf).toMatch(/记录人（签字）：＿+　+日期：　+年　+月　+日/);

    const matrixAfter = (await org.get(`/api/v1/orglife/matrix?year=${today.slice(0, 4)}`)).json();
    const rowAfter = matrixAfter.rows.find((r: { id: number }) => r.id === erId);
    expect(rowAfter.met).toBeGreaterThan(rowBefore.met);
    expect(matrixAfter.months).toHaveLength(12);
    // The matrix is whole-tenant for the office and the branch's own subtree for its secretary.
    const own = (await secretary.get('/api/v1/orglife/matrix')).json();
    expect(own.rows.map((r: { id: number }) => r.id)).toEqual([erId]);
    expect(matrixAfter.rows.length).toBeGreaterThan(30);

    // The member sees the meeting in their own record.
    const member = await t.login('member');
    const mine = (await member.get('/api/v1/orglife/my')).json();
    expect(mine.memberId).toBe(memberUserMemberId);
    expect(mine.items.map((i: { id: number }) => i.id)).toContain(record.id);
  });
});

describe('editing and concurrency', () => {
  it('PUT with a stale version gets 409; the current one 200', async () => {
    const secretary = await t.login('secretary');
    const list = await roster(secretary);
    const created = (await secretary.post('/api/v1/orglife/records', meeting({ kinds: ['party_lecture'], speakerName: '', attendance: attendance(list, 5) }))).json();
    expect(created.version).toBe(1);
    const lecture = await checklistState(secretary, 'party_lecture', quarter);
    // No speaker yet: the record is incomplete and does not make the quarter met (rules.md).
    expect([lecture.state === 'met', lecture.reason, lecture.recordIds.includes(created.id)]).toEqual([false, 'record_incomplete', true]);
    const body = { ...meeting({ kinds: ['party_lecture'], speakerName: '李主任', lectureTitle: '守初心 践使命', attendance: attendance(list, 5) }), version: 1 };
    const ok = await secretary.put(`/api/v1/orglife/records/${created.id}`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await secretary.put(`/api/v1/orglife/records/${created.id}`, body);
    expect([stale.statusCode, errorOf(stale).code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await checklistState(secretary, 'party_lecture', quarter)).state).toBe('met');
  });
});

describe('attendance by QR', () => {
  it('a member on the roster confirms presence; others cannot', async () => {
    const secretary = await t.login('secretary');
    const list = await roster(secretary);
    const rows = list.map((m) => ({ memberId: m.id, status: m.id === memberUserMemberId ? ('absent' as const) : ('present' as const) }));
    const record = (await secretary.post('/api/v1/orglife/records', meeting({ kinds: ['theme_party_day'], attendance: rows }))).json();
    const qr = await secretary.post(`/api/v1/orglife/records/${record.id}/qr`);
    expect(qr.statusCode).toBe(200);
    const { token } = qr.json();
    const member = await t.login('member');
    expect((await t.anonymous().post(`/api/v1/orglife/checkin/${token}`)).statusCode).toBe(401);
    const info = (await member.get(`/api/v1/orglife/checkin/${token}`)).json();
    expect(info).toMatchObject({ recordId: record.id, onRoster: true, status: 'absent' });
    const done = await member.post(`/api/v1/orglife/checkin/${token}`);
    expect(done.json().status).toBe('present');
    const detail = (await secretary.get(`/api/v1/orglife/records/${record.id}`)).json();
    expect(detail.presentCount).toBe(record.presentCount + 1);
    expect(detail.attendance.find((a: { memberId: number }) => a.memberId === memberUserMemberId)).toMatchObject({ status: 'present', viaQr: true });
    const org = await t.login('org'); // the office's member is not on this branch's roster
    expect(errorOf(await org.post(`/api/v1/orglife/checkin/${token}`)).code).toBe('ORGLIFE_NOT_ON_ROSTER');
    expect((await member.post('/api/v1/orglife/checkin/not-a-real-token')).statusCode).toBe(404);
  });
});

describe('台账 and exports', () => {
  it('exports the records in scope to Excel, read back', async () => {
    const secretary = await t.login('secretary');
    const list = (await secretary.get(`/api/v1/orglife/records?pageSize=200&from=${today.slice(0, 4)}-01-01`)).json();
    const res = await secretary.get(`/api/v1/orglife/records/export?from=${today.slice(0, 4)}-01-01`);
    expect(res.statusCode).toBe(200);
    const wb = await workbookOf(res);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('日期');
    expect(sheet.rowCount - 1).toBe(list.total);
    expect(new Set(list.items.map((i: { orgName: string }) => i.orgName))).toEqual(new Set(['急诊科全科医学科党支部']));
  });

  it('the yearly 台账 and the 民主评议 results read back', async () => {
    const secretary = await t.login('secretary');
    const list = await roster(secretary);
    const reviewed = list.slice(0, 3);
    const res = await secretary.post(
      '/api/v1/orglife/records',
      meeting({
        kinds: ['organisational_life_meeting', 'democratic_review'],
        attendance: attendance(list, 100),
        reviews: reviewed.map((m, i) => ({ memberId: m.id, grade: i === 0 ? 'excellent' : 'qualified' })),
      }),
    );
    expect(res.statusCode).toBe(201);
    const reviews = await secretary.get(`/api/v1/orglife/orgs/${erId}/reviews.docx?year=${today.slice(0, 4)}`);
    const text = (await (await JSZip.loadAsync(reviews.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('民主评议党员结果');
    expect(text).toContain(`${reviewed[0]!.name}优秀`);
    const ledger = await secretary.get(`/api/v1/orglife/orgs/${erId}/ledger.docx?year=${today.slice(0, 4)}`);
    expect(ledger.statusCode).toBe(200);
    const ledgerText = (await (await JSZip.loadAsync(ledger.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(ledgerText).toContain(`急诊科全科医学科党支部${today.slice(0, 4)}年度组织生活台账`);
    expect(ledgerText).toContain('组织生活会、民主评议党员记录');
  });
});

describe('plan, lapses and settings', () => {
  it('generates a yearly plan once from the rules and lets the secretary move an item', async () => {
    const secretary = await t.login('secretary');
    const res = await secretary.post(`/api/v1/orglife/orgs/${erId}/plan`, { year: 2027, fixedDay: 12 });
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    expect(plan.filter((p: { kind: string }) => p.kind === 'theme_party_day')).toHaveLength(12);
    expect(plan.find((p: { kind: string }) => p.kind === 'theme_party_day').plannedOn).toBe('2027-01-12');
    expect(errorOf(await secretary.post(`/api/v1/orglife/orgs/${erId}/plan`, { year: 2027 })).code).toBe('ORGLIFE_PLAN_EXISTS');
    const moved = await secretary.patch(`/api/v1/orglife/plan-items/${plan[0].id}`, { version: 1, plannedOn: '2027-01-15' });
    expect(moved.json().plannedOn).toBe('2027-01-15');
    const outside = await secretary.patch(`/api/v1/orglife/plan-items/${plan[0].id}`, { version: 2, plannedOn: '2028-01-15' });
    expect(errorOf(outside).details?.[0]?.path).toBe('plannedOn');
  });

  it('flags members without organisational life, within scope', async () => {
    const org = await t.login('org');
    const res = await org.get('/api/v1/orglife/lapses?minMonths=3&pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    for (const item of body.items) {
      // Three months or more without organisational life, or without attending while on leave.
      expect(Math.max(item.months, item.monthsNotAttended)).toBeGreaterThanOrEqual(3);
      expect(item.level).toBe(item.months >= 6 ? 'report' : item.months >= 5 ? 'warn' : item.months >= 3 ? 'remind' : 'none');
    }
    const secretary = await t.login('secretary');
    const own = (await secretary.get('/api/v1/orglife/lapses?minMonths=1&pageSize=200')).json();
    expect(own.items.every((i: { orgName: string }) => i.orgName === '急诊科全科医学科党支部')).toBe(true);
  });

  it('the set-based lapse query counts as the core rule does, for every member', async () => {
    const db = t.database.db;
    const tenant = await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    const first = await db.selectFrom('orglife_records').select(sql<string>`min(held_on)`.as('first')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    const members = await db.selectFrom('members').select(['id', 'joined_on']).where('tenant_id', '=', tenant.id).where('status', '=', 'active').execute();
    const active = await db
      .selectFrom('orglife_attendance as a')
      .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.record_id'))
      .select(['a.member_id', 'a.status', 'r.held_on'])
      .where('a.tenant_id', '=', tenant.id)
      .where('a.status', 'in', ['present', 'excused'])
      .execute();
    const attended = new Map<number, Set<string>>();
    const excused = new Map<number, Set<string>>();
    for (const a of active) {
      const into = a.status === 'present' ? attended : excused;
      (into.get(a.member_id) ?? into.set(a.member_id, new Set()).get(a.member_id)!).add(a.held_on.slice(0, 7));
    }
    const from = `${first.first.slice(0, 7)}-01`;
    const expected = new Map(
      members.map((m) => {
        const since = m.joined_on && m.joined_on > from ? m.joined_on : from;
        const activeMonths = new Set([...(attended.get(m.id) ?? []), ...(excused.get(m.id) ?? [])]);
        const run = memberAttendance({ attendedMonths: attended.get(m.id) ?? new Set(), excusedMonths: excused.get(m.id) ?? new Set(), today, since });
        // memberAttendance carries memberLapse's run unchanged.
        expect(run.months).toBe(memberLapse({ activeMonths, today, since }).months);
        return [m.id, run];
      }),
    );
    const { items, total } = await lapses(db, tenant.id, today, {});
    expect(total).toBe(members.length);
    const flaggedByCore = [...expected.values()].filter((x) => Math.max(x.months, x.monthsNotAttended) >= 3).length;
    expect([...expected.values()].filter((x) => x.months >= 3).length).toBeGreaterThan(0);
    for (const item of items) {
      const { id, name: _n, orgId: _o, orgName: _on, ...run } = item;
      expect({ id, ...run }).toEqual({ id, ...expected.get(item.id) });
    }
    // Paged and filtered in SQL: the API's total is the core's count of members at 3 months or more.
    const org = await t.login('org');
    const page = (await org.get('/api/v1/orglife/lapses?minMonths=3&pageSize=5&page=2')).json();
    expect(page.total).toBe(flaggedByCore);
    expect(page.items.length).toBe(Math.min(5, Math.max(0, flaggedByCore - 5)));
    // The server leaves out early only those who cannot be listed: every threshold counts as core does.
    for (const min of [1, 2, 5, 6, 11, 12]) {
      const counted = (await lapses(db, tenant.id, today, { minMonths: min, limit: 1, offset: 0 })).total;
      expect([min, counted]).toEqual([min, [...expected.values()].filter((x) => Math.max(x.months, x.monthsNotAttended) >= min).length]);
    }
  });

  it('shows dues arrears beside the lapse for the same member (党章 第九条), to those who may read dues', async () => {
    const org = await t.login('org');
    const body = (await org.get('/api/v1/orglife/lapses?minMonths=1&pageSize=100')).json();
    expect(body.duesShown).toBe(true);
    const withDues = body.items.filter((i: { dues: unknown }) => i.dues !== null);
    expect(withDues.length).toBeGreaterThan(0);
    const one = withDues[0];
    const dues = (await org.get(`/api/v1/dues/members/${one.id}`)).json();
    expect(one.dues).toEqual({ consecutiveUnpaidMonths: dues.arrears.consecutiveUnpaidMonths, level: dues.arrears.level, outstandingCents: dues.arrears.outstandingCents, paidThrough: dues.arrears.paidThrough });
  });

  it('settings: office only, validated, 409 on a stale version', async () => {
    const secretary = await t.login('secretary');
    const org = await t.login('org');
    const current = (await org.get('/api/v1/orglife/settings')).json();
    const body = { version: current.version, ruleOverrides: { themePartyDayOfMonth: 10 }, dueSoonDays: current.dueSoonDays, sceneTags: [...current.sceneTags, '发热门诊'] };
    expect((await secretary.put('/api/v1/orglife/settings', body)).statusCode).toBe(403);
    const bad = await org.put('/api/v1/orglife/settings', { ...body, ruleOverrides: { themePartyDayOfMonth: 31 } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('body.ruleOverrides.themePartyDayOfMonth');
    const ok = await org.put('/api/v1/orglife/settings', body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rules.themePartyDayOfMonth).toBe(10);
    expect(ok.json().sceneTags).toContain('发热门诊');
    expect((await org.put('/api/v1/orglife/settings', body)).statusCode).toBe(409);
  });
});

describe('reminders', () => {
  it('sends one digest a day to the branch’s robot webhook, and respects mute', async () => {
    const server = await startWebhookReceiver();
    const received = server.received;
    const url = server.url('/cgi-bin/webhook/send?key=test');
    try {
      const secretary = await t.login('secretary');
      const org = await t.login('org');
      expect((await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'wecom', target: 'not a url' })).statusCode).toBe(400);
      // A plain-http address (even the allowed receiver's) is refused: https only.
      expect(errorOf(await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'wecom', target: url.replace('https:', 'http:') })).code).toBe('WEBHOOK_TARGET_REFUSED');
      const ch = await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'wecom', target: url });
      expect(ch.statusCode).toBe(201);
      expect((await secretary.post('/api/v1/orglife/reminders/run')).statusCode).toBe(403);
      const first = (await org.post('/api/v1/orglife/reminders/run')).json();
      const mine = first.deliveries.filter((d: { channelId: number }) => d.channelId === ch.json().id);
      expect(mine).toEqual([{ channelId: ch.json().id, kind: 'wecom', status: 'sent', detail: 'HTTP 200' }]);
      expect(received).toHaveLength(1);
      const message = received[0] as { msgtype: string; markdown: { content: string } };
      expect(message.msgtype).toBe('markdown');
      // The branch's digest carries its meeting items and, since the other modules contribute, its development deadlines and dues arrears.
      expect(message.markdown.content).toContain('**急诊科全科医学科党支部 党建工作提醒**');
      expect(message.markdown.content).toMatch(/- .*党小组会（2026-11）将于 2026-11-30 到期/);
      const second = (await org.post('/api/v1/orglife/reminders/run')).json();
      expect(second).toEqual({ digests: 0, personal: 0, deliveries: [] });
      expect(received).toHaveLength(1);

      const notes = (await secretary.get('/api/v1/orglife/notifications')).json();
      expect(notes.muted).toBe(false);
      expect(notes.items.some((n: { orgId: number }) => n.orgId === erId)).toBe(true);
      expect((await secretary.put('/api/v1/orglife/notifications/mute', { muted: true })).json()).toEqual({ muted: true });
      expect((await secretary.get('/api/v1/orglife/notifications')).json()).toEqual({ muted: true, items: [], own: [] });
    } finally {
      await server.close();
    }
  });
});

describe('yearly plan items and the records that complete them', () => {
  interface PlanItem {
    id: number;
    orgId: number;
    year: number;
    kind: string;
    plannedOn: string;
    title: string;
    version: number;
    state: 'done' | 'open' | 'overdue';
    record: { id: number; heldOn: string; kinds: string[] } | null;
  }
  const planOf = async (c: Client, query = '', orgId = erId) => {
    const res = await c.get(`/api/v1/orglife/orgs/${orgId}/plan${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as PlanItem[];
  };
  const auditOf = (id: number) => t.database.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'orglife_plan_item').where('entity_id', '=', String(id)).orderBy('id').execute();

  it('GET: 401, 400, 403 outside the scope or without orglife.read, 404 across tenants; states against the server’s today', async () => {
    expect((await t.anonymous().get(`/api/v1/orglife/orgs/${erId}/plan`)).statusCode).toBe(401);
    const secretary = await t.login('secretary');
    const bad = await secretary.get(`/api/v1/orglife/orgs/${erId}/plan?from=2026-02-30`);
    expect([bad.statusCode, errorOf(bad).details?.[0]?.path]).toEqual([400, 'query.from']);
    expect(errorOf(await secretary.get(`/api/v1/orglife/orgs/${otherBranchId}/plan`)).code).toBe('OUT_OF_SCOPE');
    expect((await (await t.login('member')).get(`/api/v1/orglife/orgs/${erId}/plan`)).statusCode).toBe(403);
    expect((await (await t.login('county.admin')).get(`/api/v1/orglife/orgs/${erId}/plan`)).statusCode).toBe(404);

    // This year by default (the server's today, pinned to the demo date).
    const plan = await planOf(secretary);
    expect(plan.length).toBeGreaterThan(20);
    expect(new Set(plan.map((i) => i.year))).toEqual(new Set([Number(today.slice(0, 4))]));
    for (const i of plan) expect([i.plannedOn, i.state]).toEqual([i.plannedOn, i.record ? 'done' : i.plannedOn < today ? 'overdue' : 'open']);
    // The demo's records complete their items; December's are still open.
    expect(new Set(plan.map((i) => i.state))).toEqual(new Set(['done', 'overdue', 'open']));
    const done = plan.find((i) => i.record)!;
    const record = (await secretary.get(`/api/v1/orglife/records/${done.record!.id}`)).json();
    expect(record.kinds).toContain(done.kind);
    expect(record.planItems.map((p: { id: number }) => p.id)).toContain(done.id);
    // A range of planned dates instead of a year (what the record form asks for around a meeting's date).
    const november = await planOf(secretary, '?from=2026-11-01&to=2026-11-30');
    expect(november.map((i) => i.id)).toEqual(plan.filter((i) => i.plannedOn >= '2026-11-01' && i.plannedOn <= '2026-11-30').map((i) => i.id));
  });

  it('a record completes items of its own org and kinds, once; the refusals say why, in the account’s language', async () => {
    const secretary = await t.login('secretary');
    const plan = await planOf(secretary);
    const item = plan.find((i) => i.state === 'overdue' && i.kind !== 'heart_to_heart_talk')!;
    expect(item).toBeDefined();
    const name = KIND_NAMES[item.kind as keyof typeof KIND_NAMES];
    const otherItem = await t.database.db.selectFrom('orglife_plan_items').select('id').where('org_id', '=', otherBranchId).executeTakeFirstOrThrow();

    const foreign = await secretary.post('/api/v1/orglife/records', meeting({ kinds: [item.kind], planItemIds: [otherItem.id] }));
    expect([foreign.statusCode, errorOf(foreign).details]).toEqual([400, [{ path: 'planItemIds[0]', message: '计划事项不属于该党组织' }]]);
    const wrongKind = await secretary.post('/api/v1/orglife/records', meeting({ kinds: ['heart_to_heart_talk'], planItemIds: [item.id] }));
    expect(errorOf(wrongKind).details).toEqual([{ path: 'planItemIds[0]', message: `计划事项“${name.zh}”（${item.plannedOn}）与本次会议类型不符` }]);
    const twice = await secretary.post('/api/v1/orglife/records', meeting({ kinds: [item.kind], planItemIds: [item.id, item.id] }));
    expect(errorOf(twice).details).toEqual([{ path: 'planItemIds[1]', message: `一次会议只能完成一项“${name.zh}”计划` }]);

    const created = await secretary.post('/api/v1/orglife/records', meeting({ kinds: [item.kind], planItemIds: [item.id] }));
    expect(created.statusCode).toBe(201);
    expect(created.json().planItems).toEqual([{ id: item.id, kind: item.kind, plannedOn: item.plannedOn, title: item.title }]);
    const recordId = created.json().id as number;
    expect((await planOf(secretary)).find((i) => i.id === item.id)).toMatchObject({ state: 'done', record: { id: recordId, heldOn: today, kinds: [item.kind] } });

    const again = await secretary.post('/api/v1/orglife/records', meeting({ kinds: [item.kind], planItemIds: [item.id] }));
    expect(errorOf(again).details).toEqual([{ path: 'planItemIds[0]', message: `计划事项“${name.zh}”（${item.plannedOn}）已由 ${today} 的会议记录完成` }]);
    const org = await t.login('org');
    await org.put('/api/v1/auth/language', { language: 'en-US' });
    try {
      const inEnglish = await org.post('/api/v1/orglife/records', meeting({ kinds: [item.kind], planItemIds: [item.id] }));
      expect(errorOf(inEnglish).details).toEqual([{ path: 'planItemIds[0]', message: `the plan item "${name.en}" (${item.plannedOn}) was already completed by the record of ${today}` }]);
      const removeDone = await org.delete(`/api/v1/orglife/plan-items/${item.id}?version=${item.version}`);
      expect([removeDone.statusCode, errorOf(removeDone).code, errorOf(removeDone).message]).toEqual([
        400,
        'ORGLIFE_PLAN_ITEM_DONE',
        `The record of ${today} completed this plan item, so it cannot be removed; unlink it in that record first`,
      ]);
    } finally {
      await org.put('/api/v1/auth/language', { language: 'zh-CN' });
    }
    // The kind cannot change away from what the completing record is.
    const otherKind = item.kind === 'theme_party_day' ? 'party_lecture' : 'theme_party_day';
    const rekind = await secretary.patch(`/api/v1/orglife/plan-items/${item.id}`, { version: item.version, kind: otherKind });
    expect([rekind.statusCode, errorOf(rekind).details?.[0]?.path]).toEqual([400, 'kind']);
    expect(errorOf(rekind).details?.[0]?.message).toContain(`已由 ${today} 的会议记录完成`);

    // Unlinked in the record: the item is overdue again and may go; deleting a record reopens its items too.
    const record = (await secretary.get(`/api/v1/orglife/records/${recordId}`)).json();
    const unlinked = await secretary.put(`/api/v1/orglife/records/${recordId}`, { ...meeting({ kinds: [item.kind] }), planItemIds: [], version: record.version });
    expect([unlinked.statusCode, unlinked.json().planItems]).toEqual([200, []]);
    expect((await planOf(secretary)).find((i) => i.id === item.id)).toMatchObject({ state: 'overdue', record: null });
    const relinked = await secretary.put(`/api/v1/orglife/records/${recordId}`, { ...meeting({ kinds: [item.kind] }), planItemIds: [item.id], version: record.version + 1 });
    expect(relinked.statusCode).toBe(200);
    expect((await secretary.delete(`/api/v1/orglife/records/${recordId}?version=${record.version + 2}`)).statusCode).toBe(204);
    expect((await planOf(secretary)).find((i) => i.id === item.id)).toMatchObject({ state: 'overdue', record: null });
    expect((await secretary.delete(`/api/v1/orglife/plan-items/${item.id}?version=${item.version}`)).statusCode).toBe(204);
    expect((await planOf(secretary)).some((i) => i.id === item.id)).toBe(false);
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['delete']);
  });

  it('adds, edits and removes items: 401, 400, 403 without the write permission or outside the scope, 409 on a stale version', async () => {
    const url = `/api/v1/orglife/orgs/${erId}/plan/items`;
    const body = { kind: 'party_lecture', plannedOn: '2026-12-20', title: '书记讲党课：以高质量党建引领医院高质量发展' };
    expect((await t.anonymous().post(url, body)).statusCode).toBe(401);
    const secretary = await t.login('secretary');
    const badDate = await secretary.post(url, { ...body, plannedOn: '2026-12-32' });
    expect([badDate.statusCode, errorOf(badDate).details?.[0]?.path]).toEqual([400, 'body.plannedOn']);
    const committeeKind = await secretary.post(url, { ...body, kind: 'committee_study_session' });
    expect(errorOf(committeeKind).details).toEqual([{ path: 'kind', message: '“党委理论学习中心组学习”不适用于该类党组织' }]);
    expect((await (await t.login('jijian')).post(url, body)).statusCode).toBe(403);
    expect(errorOf(await secretary.post(`/api/v1/orglife/orgs/${otherBranchId}/plan/items`, body)).code).toBe('OUT_OF_SCOPE');
    expect(errorOf(await secretary.post(`/api/v1/orglife/orgs/${groupId}/plan/items`, body)).code).toBe('ORGLIFE_PLAN_NOT_FOR_ORG');

    const created = await secretary.post(url, body);
    expect(created.statusCode).toBe(201);
    const item = created.json() as PlanItem;
    expect(item).toMatchObject({ orgId: erId, year: 2026, kind: 'party_lecture', plannedOn: '2026-12-20', title: body.title, state: 'open', record: null, version: 1 });

    expect((await (await t.login('jijian')).patch(`/api/v1/orglife/plan-items/${item.id}`, { version: 1, kind: 'theme_party_day' })).statusCode).toBe(403);
    const outside = await secretary.patch(`/api/v1/orglife/plan-items/${item.id}`, { version: 1, plannedOn: '2027-01-05' });
    expect(errorOf(outside).details).toEqual([{ path: 'plannedOn', message: '计划日期须在2026年内' }]);
    const edited = await secretary.patch(`/api/v1/orglife/plan-items/${item.id}`, { version: 1, kind: 'theme_party_day', plannedOn: '2026-11-20', title: '' });
    expect(edited.statusCode).toBe(200);
    // Moved before today without a record: overdue.
    expect(edited.json()).toMatchObject({ kind: 'theme_party_day', plannedOn: '2026-11-20', title: '', state: 'overdue', version: 2 });
    expect((await secretary.patch(`/api/v1/orglife/plan-items/${item.id}`, { version: 1, note: '旧版本' })).statusCode).toBe(409);
    expect((await secretary.delete(`/api/v1/orglife/plan-items/${item.id}?version=1`)).statusCode).toBe(409);
    expect((await secretary.delete(`/api/v1/orglife/plan-items/${item.id}?version=2`)).statusCode).toBe(204);
    expect((await secretary.delete(`/api/v1/orglife/plan-items/${item.id}?version=2`)).statusCode).toBe(404);
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});
