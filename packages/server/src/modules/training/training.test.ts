/**
 * Training records (党员培训) over HTTP on a real database: classes with participants written by
 * the office and a branch secretary within their scope, read by scope (a member reads the classes
 * they took part in), 409 on a stale version, audited, exported, and counted in the year-end
 * table 党员培训情况 with a drill-down that lists exactly the cell's people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnit, serviceApp, serviceUnit } from '../../test/fixtures/service.js';
import { type TestApp, errorOf } from '../../test/harness.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-06-15';
let t: TestApp;
let u: ServiceUnit;
let foreign: ServiceUnit;
const ids: Record<string, number> = {};

const body = (orgId: number, memberIds: number[], extra: Record<string, unknown> = {}) => ({
  orgId,
  title: '学习贯彻党的二十届三中全会精神专题培训班',
  level: 'unit',
  kind: 'thematic',
  organiser: '医院党委组织部',
  startsOn: '2026-03-10',
  endsOn: '2026-03-12',
  hours: 16,
  memberIds,
  ...extra,
});

beforeAll(async () => {
  ({ t, u } = await serviceApp('trn', TODAY));
  foreign = await serviceUnit(t, 'trx', 300);
}, 120_000);
afterAll(() => t?.close());

type Table = { id: string; rows: { key: string; count: number }[] };
const cell = (tables: Table[], table: string, row: string) => tables.find((x) => x.id === table)!.rows.find((r) => r.key === row)!.count;

describe('training', () => {
  it('POST /training/classes: the office records a unit class, a secretary a branch class within their scope; bad input names its field', async () => {
    expect((await t.anonymous().post('/api/v1/training/classes', body(u.unit.rootOrgId, []))).statusCode).toBe(401);
    expect((await u.member.post('/api/v1/training/classes', body(u.branchId, []))).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/training/classes', body(u.branchId, []))).statusCode).toBe(403);
    const all = [...u.memberIds, u.otherMemberId];
    const unit = await u.office.post('/api/v1/training/classes', body(u.unit.rootOrgId, all));
    expect(unit.statusCode).toBe(201);
    ids.unit = unit.json().id;
    const branch = await u.secretary.post('/api/v1/training/classes', body(u.branchId, [u.memberIds[0]!, u.memberIds[1]!], { title: '支部党员网络培训', level: 'branch', kind: 'online', startsOn: '2026-04-01', endsOn: '2026-04-30', hours: 8.5 }));
    expect(branch.statusCode).toBe(201);
    ids.branch = branch.json().id;
    const other = await u.office.post('/api/v1/training/classes', body(u.otherBranchId, [u.otherMemberId], { title: '省委党校党支部书记轮训班', level: 'provincial', kind: 'party_school', startsOn: '2026-05-06', endsOn: '2026-05-10', hours: 40 }));
    ids.other = other.json().id;
    // A secretary writes only within their branch: another branch's org, another branch's member.
    expect((await u.secretary.post('/api/v1/training/classes', body(u.otherBranchId, []))).statusCode).toBe(403);
    const outside = await u.secretary.post('/api/v1/training/classes', body(u.branchId, [u.memberIds[0]!, u.otherMemberId]));
    expect(outside.statusCode).toBe(400);
    expect(errorOf(outside).details?.[0]).toMatchObject({ path: 'body.memberIds.1', message: expect.stringContaining('周心内') });
    expect(errorOf(await u.office.post('/api/v1/training/classes', body(u.branchId, [foreign.otherMemberId]))).details?.[0]?.path).toBe('body.memberIds.0');
    expect(errorOf(await u.office.post('/api/v1/training/classes', body(foreign.branchId, []))).details?.[0]?.path).toBe('body.orgId');
    expect(errorOf(await u.office.post('/api/v1/training/classes', body(u.branchId, [], { endsOn: '2026-03-01' }))).details?.[0]?.path).toBe('body.endsOn');
    expect(errorOf(await u.office.post('/api/v1/training/classes', body(u.branchId, [], { level: 'village' }))).details?.[0]?.path).toBe('body.level');
    expect(errorOf(await u.office.post('/api/v1/training/classes', body(u.branchId, [], { hours: 0 }))).details?.[0]?.path).toBe('body.hours');
  });

  it('GET /training/classes: by scope — the office all, a secretary their branch’s classes and those their members took part in, a member their own', async () => {
    const list = async (c: typeof u.office, q = '') => ((await c.get(`/api/v1/training/classes?year=2026${q}`)).json() as { items: { id: number; participants: number; hours: number }[]; total: number });
    const office = await list(u.office);
    expect(office.total).toBe(3);
    expect(office.items.map((i) => i.id)).toEqual([ids.other, ids.branch, ids.unit]);
    expect(office.items.find((i) => i.id === ids.branch)).toMatchObject({ participants: 2, hours: 8.5 });
    expect((await list(u.secretary)).items.map((i) => i.id)).toEqual([ids.branch, ids.unit]);
    expect((await list(u.member)).items.map((i) => i.id)).toEqual([ids.branch, ids.unit]);
    expect((await list(u.office, '&level=provincial')).items.map((i) => i.id)).toEqual([ids.other]);
    expect((await list(foreign.office)).total).toBe(0);
    expect((await u.secretary.get(`/api/v1/training/classes/${ids.other}`)).statusCode).toBe(403);
    expect((await foreign.office.get(`/api/v1/training/classes/${ids.unit}`)).statusCode).toBe(404);
    const detail = (await u.secretary.get(`/api/v1/training/classes/${ids.unit}`)).json() as { participantList: { name: string }[]; canEdit: boolean };
    // The secretary is shown their own branch's participants by name; the count is the class's.
    expect(detail.participantList.map((p) => p.name).sort()).toEqual(['李急救', '王科普', '赵志愿'].sort());
    expect((detail as unknown as { participants: number }).participants).toBe(4);
    expect(((await u.office.get(`/api/v1/training/classes/${ids.unit}`)).json() as typeof detail).participantList).toHaveLength(4);
    expect(((await u.member.get(`/api/v1/training/classes/${ids.unit}`)).json() as typeof detail).participantList.map((p) => p.name)).toEqual(['李急救']);
    expect(detail.canEdit).toBe(false);
    expect((await u.secretary.get(`/api/v1/training/classes/${ids.branch}`)).json().canEdit).toBe(true);
  });

  it('PUT and DELETE: 409 on a stale version, the participants replaced, audited', async () => {
    const put = (version: number, memberIds: number[]) => u.secretary.put(`/api/v1/training/classes/${ids.branch}`, { ...body(u.branchId, memberIds, { title: '支部党员网络培训', level: 'branch', kind: 'online', startsOn: '2026-04-01', endsOn: '2026-04-30', hours: 8.5 }), version });
    expect((await put(1, u.memberIds)).statusCode).toBe(200);
    const stale = await put(1, u.memberIds);
    expect(stale.statusCode).toBe(409);
    expect((await u.office.get(`/api/v1/training/classes/${ids.branch}`)).json().participants).toBe(3);
    expect((await u.secretary.delete(`/api/v1/training/classes/${ids.unit}?version=1`)).statusCode).toBe(403);
    const extra = (await u.office.post('/api/v1/training/classes', body(u.branchId, [u.memberIds[2]!], { title: '误录培训' }))).json().id as number;
    expect((await u.office.delete(`/api/v1/training/classes/${extra}?version=2`)).statusCode).toBe(409);
    expect((await u.office.delete(`/api/v1/training/classes/${extra}?version=1`)).statusCode).toBe(204);
    expect((await u.office.get(`/api/v1/training/classes/${extra}`)).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'training_class').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'create', 'update', 'create', 'delete']);
  });

  it('GET /training/classes/export: one row per class with its participants', async () => {
    const res = await u.office.get('/api/v1/training/classes/export?year=2026');
    expect(res.statusCode).toBe(200);
    const wb = await workbookOf(res);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    ws.eachRow((row) => texts.push((row.values as unknown[]).map(String).join('|')));
    const unitRow = texts.find((x) => x.includes('学习贯彻党的二十届三中全会精神专题培训班'))!;
    expect(unitRow).toContain('本单位党委');
    expect(unitRow).toContain('专题培训');
    expect(unitRow).toContain('周心内');
    expect(texts.some((x) => x.includes('省委党校党支部书记轮训班') && x.includes('党校培训'))).toBe(true);
  });

  it('党员培训情况: members trained once each, person-times by level and by kind adding up; the drill-down lists each cell’s people', async () => {
    const live = (await u.office.get('/api/v1/statistics?year=2026')).json() as { tables: Table[]; issues: unknown[] };
    expect(live.issues).toEqual([]);
    const c = (row: string) => cell(live.tables, 'training', row);
    // 4 members: the unit class (4), the branch class (3 after the change), the provincial class (1).
    expect([c('trained'), c('times'), c('level_unit'), c('level_branch'), c('level_provincial'), c('times_by_kind')]).toEqual([4, 8, 4, 3, 1, 8]);
    expect([c('kind_thematic'), c('kind_online'), c('kind_party_school'), c('kind_rotation')]).toEqual([4, 3, 1, 0]);
    for (const row of ['trained', 'times', 'level_branch', 'kind_party_school']) {
      const drill = (await u.office.get(`/api/v1/statistics/cell?year=2026&table=training&row=${row}`)).json() as { total: number; items: { name: string }[] };
      expect(drill.total).toBe(c(row));
      expect(drill.items).toHaveLength(c(row));
    }
    const provincial = (await u.office.get('/api/v1/statistics/cell?year=2026&table=training&row=level_provincial')).json() as { items: { name: string }[] };
    expect(provincial.items.map((i) => i.name)).toEqual(['周心内']);
    // A branch counts its own members' training, whoever ran the class.
    const branch = (await u.office.get(`/api/v1/statistics?year=2026&orgId=${u.branchId}`)).json() as { tables: Table[] };
    expect([cell(branch.tables, 'training', 'trained'), cell(branch.tables, 'training', 'times')]).toEqual([3, 6]);
    expect(cell((await u.office.get('/api/v1/statistics?year=2025')).json().tables, 'training', 'times')).toBe(0);
  });
});
