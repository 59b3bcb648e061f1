/**
 * Year-end statistics against a hand-built unit with known answers for 2025: a new member, one
 * transferred out, one who died, one moved to the other branch and back, one arrived from
 * outside, one suspended, one expelled, one closed without a date and one without a joining
 * date (the last two break the two-year identity on purpose).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, idNumberFor, nameColumns, signIn } from '../../test/fixture.js';
import { type ServiceUnit, serviceApp, serviceUnit } from '../../test/fixtures/service.js';
import { type Client, type TestApp, errorOf } from '../../test/harness.js';
import { idNumberColumns, sealPhone } from '../../db/sealed.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-06-15';

let t: TestApp;
let u: ServiceUnit;
let foreign: ServiceUnit;
let inspector: Client;
const ids: Record<string, number> = {};

interface Person {
  name: string;
  org: number;
  joinedOn: string | null;
  birthDate?: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  education?: string;
  job?: string;
  category?: 'full' | 'probationary';
  status?: string;
  /** [org, from, to] */
  periods: Array<[number, string, string | null]>;
  /** The status change's date (member_changes). */
  closedOn?: string;
  flowTo?: string;
}

async function person(p: Person, seq: number): Promise<number> {
  const db = t.database.db;
  const birth = p.birthDate ?? '1980-02-02';
  const row = await db
    .insertInto('members')
    .values({
      tenant_id: u.unit.tenantId,
      name: p.name,
      ...nameColumns(p.name),
      gender: p.gender ?? 'male',
      ...idNumberColumns(idNumberFor(birth, seq)),
      ethnicity: p.ethnicity ?? '汉族',
      birth_date: birth,
      education: p.education ?? '大学本科',
      job_category: p.job ?? '公有制事业单位专业技术人员',
      category: p.category ?? 'full',
      status: (p.status ?? 'active') as never,
      org_id: p.org,
      joined_on: p.joinedOn,
      full_on: p.category === 'probationary' || p.joinedOn === null ? null : `${Number(p.joinedOn.slice(0, 4)) + 1}${p.joinedOn.slice(4)}`,
      phone_enc: sealPhone(`1380000${String(seq).padStart(4, '0')}`),
      flow_to: p.flowTo ?? '',
      party_group_id: null,
      work_started_on: null,
      title: null,
      degree: null,
      department_id: null,
      campus_id: null,
      dues_farmer_cents: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [org, from, to] of p.periods) await db.insertInto('member_org_periods').values({ tenant_id: u.unit.tenantId, member_id: row.id, org_id: org, from_on: from, to_on: to }).execute();
  if (p.closedOn) {
    await db.insertInto('member_changes').values({ tenant_id: u.unit.tenantId, member_id: row.id, field: 'status', old_value: 'active', new_value: p.status ?? 'active', source: 'edit', at: `${p.closedOn}T10:00:00+08:00` as never }).execute();
  }
  return row.id;
}

beforeAll(async () => {
  ({ t, u } = await serviceApp('sta', TODAY));
  foreign = await serviceUnit(t, 'stx', 300);
  await createAccount(t.database.db, u.unit, 'sta.insp2', [{ role: 'inspector' }]);
  inspector = await signIn(t, 'sta.insp2');
  const A = u.branchId;
  const B = u.otherBranchId;
  const db = t.database.db;
  await db.updateTable('orgs').set({ established_on: '2000-01-01' }).where('tenant_id', '=', u.unit.tenantId).execute();
  ids.newcomer = await person({ name: '陈新发', org: A, joinedOn: '2025-06-01', birthDate: '1998-05-01', gender: 'female', ethnicity: '壮族', category: 'probationary', periods: [[A, '2025-06-01', null]] }, 501);
  ids.leaver = await person({ name: '孙转出', org: A, joinedOn: '2000-01-01', status: 'transferred_out', periods: [[A, '2000-01-01', '2025-08-01']] }, 503);
  ids.died = await person({ name: '钱故去', org: B, joinedOn: '1980-05-01', birthDate: '1950-01-01', status: 'deceased', closedOn: '2025-10-10', periods: [[B, '1980-05-01', null]] }, 505);
  ids.roundTrip = await person({ name: '吴往返', org: A, joinedOn: '2005-07-01', flowTo: '深圳市', periods: [[A, '2005-07-01', '2025-03-01'], [B, '2025-03-01', '2025-09-01'], [A, '2025-09-01', null]] }, 507);
  ids.undated = await person({ name: '郑无日', org: B, joinedOn: '2001-07-01', status: 'left', periods: [[B, '2001-07-01', null]] }, 509);
  ids.stopped = await person({ name: '冯停籍', org: A, joinedOn: '2003-07-01', status: 'stopped', closedOn: '2025-05-01', periods: [[A, '2003-07-01', null]] }, 511);
  ids.expelled = await person({ name: '蒋开除', org: B, joinedOn: '2002-07-01', status: 'expelled', closedOn: '2025-11-01', periods: [[B, '2002-07-01', null]] }, 513);
  ids.arrived = await person({ name: '沈转入', org: B, joinedOn: '1999-07-01', periods: [[B, '2025-04-10', null]] }, 515);
  await db.insertInto('member_transfers').values({ tenant_id: u.unit.tenantId, kind: 'in', member_id: ids.arrived, from_org_id: null, to_org_id: B, from_org_name: '外院党支部', effective_on: '2025-04-10', valid_days: null, paid_through: null, receipt_due_on: null, receipt_received_on: null }).execute();
  ids.noJoin = await person({ name: '韩无期', org: A, joinedOn: null, periods: [[A, '2025-04-01', null]] }, 517);
  // Honours, a review, elections and a secretary.
  const honour = (orgId: number, memberId: number | null, on: string) => ({ tenant_id: u.unit.tenantId, org_id: orgId, member_id: memberId, level: '院级', type: '先进基层党组织', title: '年度表彰', awarded_on: on, programme_id: null });
  await db.insertInto('honours').values([honour(A, null, '2025-07-01'), honour(A, u.memberIds[0]!, '2025-07-01'), honour(B, null, '2024-07-01')]).execute();
  const rec = await db.insertInto('orglife_records').values({ tenant_id: u.unit.tenantId, org_id: A, party_group_id: null, kinds: ['organisational_life_meeting', 'democratic_review'], held_on: '2025-12-20', qr_token: null, qr_expires_at: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('orglife_reviews').values([
    { tenant_id: u.unit.tenantId, record_id: rec.id, member_id: u.memberIds[0]!, grade: 'excellent' },
    { tenant_id: u.unit.tenantId, record_id: rec.id, member_id: u.memberIds[1]!, grade: 'qualified' },
  ]).execute();
  await db.insertInto('org_elections').values([
    { tenant_id: u.unit.tenantId, org_id: A, held_on: '2025-05-01', term_years: 3 },
    { tenant_id: u.unit.tenantId, org_id: B, held_on: '2020-01-01', term_years: 3 },
  ]).execute();
  await db.insertInto('org_committee_seats').values({ tenant_id: u.unit.tenantId, org_id: A, post: 'secretary', member_id: ids.newcomer, started_on: '2025-07-01' }).execute();
}, 120_000);
afterAll(() => t?.close());

type Table = { id: string; rows: { key: string; count: number }[] };
const cell = (tables: Table[], table: string, row: string) => tables.find((x) => x.id === table)!.rows.find((r) => r.key === row)!.count;

describe('statistics', () => {
  it('GET /statistics: every table of 2025 against the known answers, breakdowns adding up', async () => {
    expect((await t.anonymous().get('/api/v1/statistics?year=2025')).statusCode).toBe(401);
    expect((await u.member.get('/api/v1/statistics?year=2025')).statusCode).toBe(403);
    expect(errorOf(await u.office.get('/api/v1/statistics?year=abc')).details?.[0]?.path).toBe('query.year');
    const res = await u.office.get('/api/v1/statistics?year=2025');
    expect(res.statusCode).toBe(200);
    const { tables, issues, org } = res.json() as { tables: Table[]; issues: unknown[]; org: { id: number } };
    expect(org.id).toBe(u.unit.rootOrgId);
    expect(issues).toEqual([]);
    const c = (table: string, row: string) => cell(tables, table, row);
    // 9 at the end of 2024: the 4 members of the unit + 转出, 故去, 往返, 停籍, 开除.
    expect([c('comparison', 'last_year'), c('comparison', 'joined'), c('comparison', 'transferred_in'), c('comparison', 'transferred_out')]).toEqual([9, 1, 1, 1]);
    expect([c('comparison', 'died'), c('comparison', 'left'), c('comparison', 'stopped'), c('comparison', 'other')]).toEqual([1, 1, 1, 0]);
    // 8 at the end of 2025: the 4 + 新发, 往返, 转入, 无期 (no joining date: counted, but the identity gives 7).
    expect([c('comparison', 'this_year'), c('comparison', 'change')]).toEqual([8, -1]);
    expect([c('basic', 'total'), c('basic', 'probationary'), c('basic', 'female'), c('basic', 'minority'), c('basic', 'age_le30')]).toEqual([8, 1, 1, 1, 1]);
    expect([c('joinPeriod', 'total'), c('joinPeriod', 'unknown'), c('joinPeriod', 'pnow')]).toEqual([8, 1, 1]);
    expect(c('education', 'total')).toBe(8);
    expect([c('occupation', 'total'), c('occupation', 'professional')]).toEqual([8, 4]);
    expect([c('development', 'total'), c('development', 'female'), c('development', 'minority'), c('development', 'college_up'), c('development', 'age_le30'), c('development', 'occ_professional')]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([c('exits', 'total'), c('exits', 'expelled'), c('exits', 'left'), c('exits', 'stopped')]).toEqual([1, 1, 0, 1]);
    expect([c('review', 'total'), c('review', 'excellent'), c('review', 'qualified')]).toEqual([2, 1, 1]);
    expect([c('honours', 'orgs'), c('honours', 'members')]).toEqual([1, 1]);
    expect([c('orgs', 'total'), c('orgs', 'committee'), c('orgs', 'general_branch'), c('orgs', 'branch')]).toEqual([4, 1, 1, 2]);
    expect([c('orgs', 'elected'), c('orgs', 'election_due'), c('orgs', 'secretaries'), c('orgs', 'sec_female'), c('orgs', 'sec_le35'), c('orgs', 'sec_ge56')]).toEqual([1, 1, 1, 1, 1, 0]);
    expect(c('flowing', 'out')).toBe(1);
  });

  it('a branch counts a move between branches as out of one and into the other', async () => {
    const a = (await u.office.get(`/api/v1/statistics?year=2025&orgId=${u.branchId}`)).json() as { tables: Table[] };
    const b = (await u.office.get(`/api/v1/statistics?year=2025&orgId=${u.otherBranchId}`)).json() as { tables: Table[] };
    // A: 3 + 转出 + 往返 + 停籍 = 6 → 3 + 新发 + 往返 + 无期 = 6.
    expect(['last_year', 'joined', 'transferred_in', 'transferred_out', 'stopped', 'this_year'].map((k) => cell(a.tables, 'comparison', k))).toEqual([6, 1, 1, 2, 1, 6]);
    // B: 1 + 故去 + 开除 = 3 → 1 + 转入 = 2; 往返 in and out.
    expect(['last_year', 'transferred_in', 'transferred_out', 'died', 'left', 'this_year'].map((k) => cell(b.tables, 'comparison', k))).toEqual([3, 2, 1, 1, 1, 2]);
  });

  it('GET /statistics/cell: the people behind a cell, as many as it counts, numbers masked for a caller without members.sensitive', async () => {
    const res = await inspector.get('/api/v1/statistics/cell?year=2025&table=comparison&row=transferred_out');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: { name: string; idNumber: string; phone: string }[] };
    expect(body.total).toBe(1);
    expect(body.items.map((i) => i.name)).toEqual(['孙转出']);
    expect(body.items[0]!.idNumber).toContain('*');
    expect(body.items[0]!.phone).toContain('*');
    const full = (await u.office.get('/api/v1/statistics/cell?year=2025&table=comparison&row=transferred_out')).json() as typeof body;
    expect(full.items[0]!.idNumber).not.toContain('*');
    for (const [table, row] of [['basic', 'total'], ['comparison', 'last_year'], ['orgs', 'total'], ['honours', 'members']] as const) {
      const live = (await u.office.get('/api/v1/statistics?year=2025')).json() as { tables: Table[] };
      expect((await u.office.get(`/api/v1/statistics/cell?year=2025&table=${table}&row=${row}`)).json().total).toBe(cell(live.tables, table, row));
    }
    expect(errorOf(await u.office.get('/api/v1/statistics/cell?year=2025&table=basic&row=nothing')).details?.[0]?.path).toBe('query.row');
    expect((await u.office.get('/api/v1/statistics/cell?year=2025&table=nothing&row=total')).statusCode).toBe(400);
  });

  it('GET /statistics/reconciliation: lists who breaks the identity, with the reason', async () => {
    const res = await u.office.get('/api/v1/statistics/reconciliation?year=2025');
    expect(res.statusCode).toBe(200);
    const people = (res.json() as { orgs: { orgId: number; people: { name: string; hint: string; difference: number }[] }[] }).orgs.flatMap((o) => o.people.map((p) => ({ org: o.orgId, name: p.name, hint: p.hint })));
    expect(people).toEqual(
      expect.arrayContaining([
        { org: u.branchId, name: '韩无期', hint: 'no_join_date' },
        { org: u.otherBranchId, name: '郑无日', hint: 'closed_without_date' },
      ]),
    );
    expect(people).toHaveLength(2);
  });

  it('a secretary sees their branch only; another unit’s org is unknown', async () => {
    const own = (await u.secretary.get('/api/v1/statistics?year=2025')).json() as { org: { id: number }; tables: Table[] };
    expect(own.org.id).toBe(u.branchId);
    expect(cell(own.tables, 'basic', 'total')).toBe(6);
    expect((await u.secretary.get(`/api/v1/statistics?year=2025&orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/statistics/cell?year=2025&orgId=${u.otherBranchId}&table=basic&row=total`)).statusCode).toBe(403);
    expect((await u.office.get(`/api/v1/statistics?year=2025&orgId=${foreign.branchId}`)).statusCode).toBe(400);
    expect((await u.secretary.post('/api/v1/statistics/snapshots', { orgId: u.branchId, year: 2025 })).statusCode).toBe(403);
    const orgs = (await u.secretary.get('/api/v1/statistics/orgs')).json() as { id: number }[];
    expect(orgs.map((o) => o.id)).toEqual([u.branchId]);
  });

  it('snapshots: a draft, submitted and frozen against later edits, a correction as version 2 with its reason, both readable; audited', async () => {
    expect(errorOf(await u.office.post('/api/v1/statistics/snapshots', { orgId: u.unit.rootOrgId, year: 2026 })).details?.[0]?.path).toBe('body.year');
    const taken = await u.office.post('/api/v1/statistics/snapshots', { orgId: u.unit.rootOrgId, year: 2025 });
    expect(taken.statusCode).toBe(201);
    const id = taken.json().id as number;
    expect((await u.office.post('/api/v1/statistics/snapshots', { orgId: u.unit.rootOrgId, year: 2025 })).statusCode).toBe(409);
    expect((await u.office.post('/api/v1/statistics/snapshots', { orgId: u.unit.rootOrgId, year: 2025, version: 1 })).statusCode).toBe(201);
    expect((await u.office.post(`/api/v1/statistics/snapshots/${id}/submit`, { version: 1 })).statusCode).toBe(409);
    const submitted = await u.office.post(`/api/v1/statistics/snapshots/${id}/submit`, { version: 2 });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', versionNo: 1 });
    expect((await u.office.post('/api/v1/statistics/snapshots', { orgId: u.unit.rootOrgId, year: 2025, version: 3 })).statusCode).toBe(409);
    // A record edited afterwards: one more member joined in 2025.
    await person({ name: '褚补录', org: u.branchId, joinedOn: '2025-09-01', category: 'probationary', periods: [[u.branchId, '2025-09-01', null]] }, 519);
    const frozen = (await u.office.get(`/api/v1/statistics/snapshots/${id}`)).json() as { tables: Table[] };
    expect(cell(frozen.tables, 'comparison', 'this_year')).toBe(8);
    expect(cell((await u.office.get('/api/v1/statistics?year=2025')).json().tables, 'comparison', 'this_year')).toBe(9);
    expect(errorOf(await u.office.post(`/api/v1/statistics/snapshots/${id}/correct`, { reason: '' })).details?.[0]?.path).toBe('body.reason');
    const corrected = await u.office.post(`/api/v1/statistics/snapshots/${id}/correct`, { reason: '补录9月发展的党员褚补录' });
    expect(corrected.statusCode).toBe(201);
    const v2 = (await u.office.get(`/api/v1/statistics/snapshots/${corrected.json().id}`)).json() as { versionNo: number; reason: string; status: string; tables: Table[] };
    expect(v2).toMatchObject({ versionNo: 2, reason: '补录9月发展的党员褚补录', status: 'draft' });
    expect(cell(v2.tables, 'comparison', 'this_year')).toBe(9);
    expect((await u.office.post(`/api/v1/statistics/snapshots/${id}/correct`, { reason: '再次更正' })).statusCode).toBe(409);
    const list = (await u.office.get('/api/v1/statistics/snapshots?year=2025')).json() as { versionNo: number }[];
    expect(list.map((s) => s.versionNo)).toEqual([2, 1]);
    expect((await u.secretary.get(`/api/v1/statistics/snapshots/${id}`)).statusCode).toBe(403);
    expect((await u.secretary.get('/api/v1/statistics/snapshots')).json()).toEqual([]);
    expect((await foreign.office.get(`/api/v1/statistics/snapshots/${id}`)).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'statistics_snapshot').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'create']);
  });

  it('GET /statistics/export: one sheet per table with its title and unit, live or a snapshot', async () => {
    const res = await u.office.get('/api/v1/statistics/export?year=2025');
    expect(res.statusCode).toBe(200);
    const wb = await workbookOf(res);
    expect(wb.worksheets).toHaveLength(15);
    expect(wb.worksheets[0]!.name).toBe('1 两年党员数综合比较');
    expect(String(wb.worksheets[1]!.getCell('A1').value)).toContain('党员基本情况（单位：人）');
    expect(wb.worksheets[1]!.getRow(3).values).toEqual([undefined, '党员总数', 9]);
    const snaps = (await u.office.get('/api/v1/statistics/snapshots?year=2025')).json() as { id: number; versionNo: number }[];
    const v1 = snaps.find((s) => s.versionNo === 1)!.id;
    const old = await u.office.get(`/api/v1/statistics/export?year=2025&snapshotId=${v1}`);
    expect(old.headers['content-disposition']).toContain('.xlsx');
    const wb1 = await workbookOf(old);
    expect(wb1.worksheets[1]!.getRow(3).values).toEqual([undefined, '党员总数', 8]);
  });

  it('学生党员情况: student members on 12-31 by level, and the students admitted in the year, with drill-down', async () => {
    const A = u.branchId;
    const B = u.otherBranchId;
    ids.postgrad = await person({ name: '林研究', org: A, joinedOn: '2025-05-01', birthDate: '2000-03-03', job: '研究生', category: 'probationary', periods: [[A, '2025-05-01', null]] }, 521);
    ids.undergrad = await person({ name: '何本科', org: B, joinedOn: '2024-05-01', birthDate: '2003-03-03', gender: 'female', job: '本科生', periods: [[B, '2024-05-01', null]] }, 523);
    ids.student = await person({ name: '许学生', org: B, joinedOn: '2023-05-01', birthDate: '2002-03-03', job: '学生', periods: [[B, '2023-05-01', null]] }, 525);
    const live = (await u.office.get('/api/v1/statistics?year=2025')).json() as { tables: Table[]; issues: unknown[] };
    expect(live.issues).toEqual([]);
    const c = (row: string) => cell(live.tables, 'students', row);
    expect(['total', 'female', 'probationary', 'postgraduate', 'undergraduate', 'other'].map(c)).toEqual([3, 1, 1, 1, 1, 1]);
    expect(['dev_total', 'dev_postgraduate', 'dev_undergraduate', 'dev_other'].map(c)).toEqual([1, 1, 0, 0]);
    expect(cell(live.tables, 'occupation', 'student')).toBe(3);
    const drill = async (row: string) => ((await u.office.get(`/api/v1/statistics/cell?year=2025&table=students&row=${row}`)).json() as { items: { name: string }[] }).items.map((i) => i.name);
    expect((await drill('total')).sort()).toEqual(['林研究', '何本科', '许学生'].sort());
    expect(await drill('dev_total')).toEqual(['林研究']);
    expect(await drill('undergraduate')).toEqual(['何本科']);
    // Before 2024 only 许学生 was a student member; 何本科 joined in 2024.
    const y2024 = (await u.office.get('/api/v1/statistics?year=2024')).json() as { tables: Table[] };
    expect(['total', 'dev_total', 'dev_undergraduate'].map((r) => cell(y2024.tables, 'students', r))).toEqual([2, 1, 1]);
  });

  it('流动党员 as of 12-31: the flow and contact fields as the record’s history had them then; with no history, as they are now', async () => {
    const db = t.database.db;
    const before = (await u.office.get('/api/v1/statistics?year=2025')).json() as { tables: Table[] };
    // 吴往返's 流出 has no history: counted as recorded now.
    expect(cell(before.tables, 'flowing', 'out')).toBe(1);
    const change = (memberId: number, field: string, from: string, to: string, at: string) =>
      db.insertInto('member_changes').values({ tenant_id: u.unit.tenantId, member_id: memberId, field, old_value: from, new_value: to, source: 'edit', at: `${at}T10:00:00+08:00` as never }).execute();
    // 吴往返 went away only in February 2026; 李急救 lost contact in March 2025 and was found in January 2026.
    await change(ids.roundTrip!, 'flow_to', '', '深圳市', '2026-02-01');
    await change(u.memberIds[0]!, 'lost_contact', 'false', 'true', '2025-03-01');
    await change(u.memberIds[0]!, 'lost_contact', 'true', 'false', '2026-01-10');
    const after = (await u.office.get('/api/v1/statistics?year=2025')).json() as { tables: Table[] };
    expect([cell(after.tables, 'flowing', 'out'), cell(after.tables, 'flowing', 'lost')]).toEqual([0, 1]);
    const lost = (await u.office.get('/api/v1/statistics/cell?year=2025&table=flowing&row=lost')).json() as { items: { name: string }[] };
    expect(lost.items.map((i) => i.name)).toEqual(['李急救']);
    const y2026 = (await u.office.get('/api/v1/statistics?year=2026')).json() as { tables: Table[] };
    expect([cell(y2026.tables, 'flowing', 'out'), cell(y2026.tables, 'flowing', 'lost')]).toEqual([1, 0]);
  });

  it('入党申请人和积极分子 as of 12-31: the stage each file had reached by then (corrected entries set aside), not the stage now', async () => {
    const db = t.database.db;
    const file = async (name: string, steps: Array<[number, string]>, seq: number) => {
      const f = await db.insertInto('development_files').values({ tenant_id: u.unit.tenantId, name, ...{ gender: 'male' as const }, ...idNumberColumns(idNumberFor('2000-01-01', seq)), birth_date: '2000-01-01', education: '大学本科', org_id: u.branchId, department_id: null, member_id: null, last_step: Math.max(...steps.map((x) => x[0])), status: 'activist' as never }).returning('id').executeTakeFirstOrThrow();
      const out: number[] = [];
      for (const [step, date] of steps) {
        const e = await db.insertInto('development_entries').values({ tenant_id: u.unit.tenantId, file_id: f.id, kind: 'step', step, date, people: '[]', details: '{}', documents: '[]', corrects_id: null }).returning('id').executeTakeFirstOrThrow();
        out.push(Number(e.id));
      }
      return { id: Number(f.id), entries: out };
    };
    // 申请 in 2025, 积极分子 only in 2026: an applicant at the end of 2025.
    await file('甲申请', [[1, '2025-03-01'], [3, '2026-02-01']], 601);
    // 发展对象 by October 2025.
    await file('乙对象', [[1, '2024-01-10'], [3, '2024-06-01'], [7, '2025-10-01']], 603);
    // Step 3 entered as 2025-04-01, corrected to 2026-01-05: still an applicant at the end of 2025.
    const c = await file('丙更正', [[1, '2024-02-01'], [3, '2025-04-01']], 605);
    await db.insertInto('development_entries').values({ tenant_id: u.unit.tenantId, file_id: c.id, kind: 'step', step: 3, date: '2026-01-05', people: '[]', details: '{}', documents: '[]', corrects_id: c.entries[1]!, correction_reason: '日期录错，按党委会记录更正' }).execute();
    const live = (await u.office.get('/api/v1/statistics?year=2025')).json() as { tables: Table[] };
    expect(['applicants', 'applied', 'activists', 'candidates'].map((r) => cell(live.tables, 'applicants', r))).toEqual([2, 1, 0, 1]);
    const applicants = (await u.office.get('/api/v1/statistics/cell?year=2025&table=applicants&row=applicants')).json() as { items: { name: string }[] };
    expect(applicants.items.map((i) => i.name).sort()).toEqual(['甲申请', '丙更正'].sort());
    const y2026 = (await u.office.get('/api/v1/statistics?year=2026')).json() as { tables: Table[] };
    expect(['applicants', 'activists', 'candidates'].map((r) => cell(y2026.tables, 'applicants', r))).toEqual([0, 2, 1]);
  });

  it('a submitted snapshot’s drill-down lists the people stored when it was taken, whatever was edited since', async () => {
    const snaps = (await u.office.get('/api/v1/statistics/snapshots?year=2025')).json() as { id: number; versionNo: number; status: string }[];
    const v1 = snaps.find((s) => s.versionNo === 1)!;
    expect(v1.status).toBe('submitted');
    const frozen = (await u.office.get(`/api/v1/statistics/snapshots/${v1.id}`)).json() as { tables: Table[] };
    // Every drillable cell of the snapshot lists exactly as many people as it counts.
    for (const table of frozen.tables) {
      for (const row of table.rows) {
        if (table.id === 'comparison' && row.key === 'change') continue;
        const res = (await u.office.get(`/api/v1/statistics/cell?year=2025&snapshotId=${v1.id}&table=${table.id}&row=${row.key}&limit=5000`)).json() as { total: number; source: string };
        expect({ cell: `${table.id}:${row.key}`, total: res.total, source: res.source }).toEqual({ cell: `${table.id}:${row.key}`, total: row.count, source: 'snapshot' });
      }
    }
    // Edits after submission: 褚补录 and the students were added, 王科普 became a woman.
    await t.database.db.updateTable('members').set({ gender: 'female' }).where('tenant_id', '=', u.unit.tenantId).where('id', '=', u.memberIds[1]!).execute();
    const names = async (q: string) => ((await u.office.get(`/api/v1/statistics/cell?year=2025&${q}`)).json() as { items: { name: string }[] }).items.map((i) => i.name).sort();
    expect(await names(`snapshotId=${v1.id}&table=basic&row=female`)).toEqual(['陈新发']);
    expect(await names('table=basic&row=female')).toEqual(['何本科', '王科普', '陈新发'].sort());
    const thisYear = await names(`snapshotId=${v1.id}&table=comparison&row=this_year`);
    expect(thisYear).toHaveLength(8);
    expect(thisYear).not.toContain('褚补录');
    expect(await names('table=comparison&row=this_year')).toContain('褚补录');
    // Readable as the snapshot is: not by a secretary of a branch, not from another unit.
    expect((await u.secretary.get(`/api/v1/statistics/cell?year=2025&snapshotId=${v1.id}&table=basic&row=total`)).statusCode).toBe(403);
    expect((await foreign.office.get(`/api/v1/statistics/cell?year=2025&snapshotId=${v1.id}&table=basic&row=total`)).statusCode).toBe(404);
  });
});
