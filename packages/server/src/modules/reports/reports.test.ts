import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { idNumberFor } from '../../test/fixture.js';
import { type OrgsUnit, createOrgsUnit } from '../../test/fixtures/orgs.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';
const AS_OF = '2026-06-30';

let t: TestApp;
let u: OrgsUnit;
let sec: Client;
let leader: Client;
let inspector: Client;
let member: Client;
/** Members by name. */
const ids: Record<string, number> = {};

interface Spec {
  name: string;
  gender: 'male' | 'female';
  born: string;
  education: string | null;
  title: '正高' | '副高' | '中级' | '初级' | null;
  joinedOn: string;
  category?: 'full' | 'probationary';
  other?: boolean;
}

/**
 * 心内科党支部 (the secretary's): 张一 (30 on the as-of date, 硕士), 王二 (46, 博士, 正高), 李三 (35 —
 * the birthday falls the day after — 本科), 赵四 (joined after the as-of date). 外科党支部: 周五 (56,
 * 本科, 副高), 吴六 (64, 大专, no title).
 */
const PEOPLE: Spec[] = [
  { name: '张一', gender: 'female', born: '1996-03-01', education: '硕士研究生', title: '中级', joinedOn: '2020-07-01' },
  { name: '王二', gender: 'male', born: '1980-05-10', education: '博士研究生', title: '正高', joinedOn: '2005-06-01' },
  { name: '李三', gender: 'male', born: '1990-07-01', education: '大学本科', title: '中级', joinedOn: '2015-06-01' },
  { name: '赵四', gender: 'female', born: '1995-01-01', education: '大学本科', title: '初级', joinedOn: '2026-08-01', category: 'probationary' },
  { name: '周五', gender: 'male', born: '1970-01-01', education: '大学本科', title: '副高', joinedOn: '2000-07-01', other: true },
  { name: '吴六', gender: 'female', born: '1962-03-03', education: '大学专科', title: null, joinedOn: '1990-07-01', other: true },
];

/** The 17th digit of an ID number is odd for a man. */
const seqOf = (i: number, p: Spec) => 500 + i * 2 + (p.gender === 'male' ? 1 : 0);

beforeAll(async () => {
  t = await createTestApp({ empty: true, today: () => TODAY });
  u = await createOrgsUnit(t, 'rep');
  [sec, leader, inspector, member] = await Promise.all([u.as('sec'), u.as('leader'), u.as('inspector'), u.as('member')]);
  for (const [i, p] of PEOPLE.entries()) {
    const category = p.category ?? 'full';
    const res = await u.office.post('/api/v1/members', {
      name: p.name,
      gender: p.gender,
      idNumber: idNumberFor(p.born, seqOf(i, p)),
      category,
      orgId: p.other ? u.otherBranchId : u.branchId,
      joinedOn: p.joinedOn,
      ...(category === 'full' ? { fullOn: `${Number(p.joinedOn.slice(0, 4)) + 1}${p.joinedOn.slice(4)}` } : {}),
      education: p.education,
      title: p.title,
    });
    if (res.statusCode !== 201) throw new Error(`member ${p.name}: ${res.body}`);
    ids[p.name] = res.json().id;
  }
}, 120_000);
afterAll(() => t?.close());

const definition = (extra: Record<string, unknown> = {}) => ({
  title: '2026年度党员队伍结构情况',
  requester: '市卫健委党委',
  asOf: AS_OF,
  orgId: u.rootOrgId,
  rowDimension: 'ageBand',
  columnDimension: 'education',
  fields: ['name', 'gender', 'age', 'title', 'idNumber'],
  ...extra,
});

type Result = { total: number; breakdown: { rows: string[]; columns: string[]; counts: number[][]; rowTotals: number[]; columnTotals: number[]; total: number } | null; rows: Array<Record<string, unknown>> };

const cell = (r: Result, row: string, column: string) => r.breakdown!.counts[r.breakdown!.rows.indexOf(row)]![r.breakdown!.columns.indexOf(column)];

describe('reports', () => {
  it('POST /reports: 401 → 400 naming the part → 403 → 201, audited', async () => {
    expect((await t.anonymous().post('/api/v1/reports', definition())).statusCode).toBe(401);
    const badDate = await u.office.post('/api/v1/reports', definition({ asOf: '2026-02-30' }));
    expect(badDate.statusCode).toBe(400);
    expect(errorOf(badDate).details?.[0]?.path).toBe('body.asOf');
    const twice = await u.office.post('/api/v1/reports', definition({ fields: ['name', 'age', 'name'] }));
    expect(errorOf(twice)).toMatchObject({ code: 'REPORT_FIELD_TWICE', details: [{ path: 'body.fields[2]' }] });
    const range = await u.office.post('/api/v1/reports', definition({ filters: { ageMin: 50, ageMax: 40 } }));
    expect(errorOf(range).details?.[0]?.path).toBe('body.filters.ageMax');
    const same = await u.office.post('/api/v1/reports', definition({ columnDimension: 'ageBand' }));
    expect(errorOf(same).details?.[0]?.path).toBe('body.columnDimension');
    expect(errorOf(await u.office.post('/api/v1/reports', definition({ fields: [], rowDimension: null, columnDimension: null }))).details?.[0]?.path).toBe('body.fields');
    const unknownDimension = await u.office.post('/api/v1/reports', definition({ rowDimension: 'shoeSize' }));
    expect(errorOf(unknownDimension).details?.[0]?.path).toBe('body.rowDimension');
    expect(errorOf(twice).details?.[0]?.message).toBe('名单字段“name”重复出现');
    expect(errorOf(await u.office.post('/api/v1/reports', definition({ orgId: 999999 }))).details?.[0]?.path).toBe('body.orgId');
    expect((await sec.post('/api/v1/reports', definition({ orgId: u.branchId }))).statusCode).toBe(403);
    expect((await leader.post('/api/v1/reports', definition())).statusCode).toBe(403);
    expect((await member.post('/api/v1/reports', definition())).statusCode).toBe(403);
    const created = await u.office.post('/api/v1/reports', definition());
    expect(created.statusCode).toBe(201);
    const audit = await u.db.selectFrom('audit_log').select('action').where('tenant_id', '=', u.tenantId).where('entity_type', '=', 'report_definition').execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('preview and run: the numbers as of the date, someone who joined after it left out; cells drill down to the people', async () => {
    const preview = (await u.office.post('/api/v1/reports/preview', definition())).json() as Result;
    expect(preview.total).toBe(5);
    expect(cell(preview, '≤30', '硕士研究生')).toBe(1);
    expect(cell(preview, '31-35', '大学本科')).toBe(1); // 李三: 35, the birthday is the next day
    expect(cell(preview, '46-50', '博士研究生')).toBe(1);
    expect(cell(preview, '56-60', '大学本科')).toBe(1);
    expect(cell(preview, '≥61', '大学专科')).toBe(1);
    expect(preview.breakdown!.columnTotals[preview.breakdown!.columns.indexOf('大学本科')]).toBe(2);
    expect(preview.breakdown!.rowTotals.reduce((s, n) => s + n, 0)).toBe(5);
    expect(preview.rows.map((r) => r.name)).not.toContain('赵四');
    // The office sees ID numbers in full.
    expect(preview.rows.find((r) => r.name === '张一')!.idNumber).toBe(idNumberFor('1996-03-01', 500));

    const id = (await u.office.post('/api/v1/reports', definition({ title: '结构情况（钻取）' }))).json().id;
    expect((await sec.post(`/api/v1/reports/${id}/runs`)).statusCode).toBe(403);
    const run = await u.office.post(`/api/v1/reports/${id}/runs`);
    expect(run.statusCode).toBe(201);
    const runId = run.json().id;
    const detail = (await u.office.get(`/api/v1/reports/runs/${runId}`)).json();
    expect(detail).toMatchObject({ definitionId: id, asOf: AS_OF, total: 5, definition: { requester: '市卫健委党委', orgName: expect.any(String) } });
    const b = detail.result.breakdown;
    const cellRes = await u.office.get(`/api/v1/reports/runs/${runId}/cell?row=${b.rows.indexOf('≤30')}&column=${b.columns.indexOf('硕士研究生')}`);
    expect(cellRes.json()).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(cellRes.json().people.map((p: { name: string }) => p.name)).toEqual(['张一']);
    const rowTotal = (await u.office.get(`/api/v1/reports/runs/${runId}/cell?row=${b.rows.indexOf('31-35')}&column=-1`)).json();
    expect(rowTotal.people.map((p: { name: string }) => p.name)).toEqual(['李三']);
    expect((await u.office.get(`/api/v1/reports/runs/${runId}/cell?row=99&column=0`)).statusCode).toBe(400);
    // A cell's people come a page at a time, with the total: the category row of 正式党员, two by two.
    const byCategory = (await u.office.post('/api/v1/reports', definition({ title: '党员类别（分页）', rowDimension: 'category', columnDimension: null }))).json().id;
    const catRun = (await u.office.post(`/api/v1/reports/${byCategory}/runs`)).json().id;
    const cb = (await u.office.get(`/api/v1/reports/runs/${catRun}`)).json().result.breakdown as { rows: string[]; rowTotals: number[] };
    const fullRow = cb.rowTotals.indexOf(Math.max(...cb.rowTotals));
    const rowCount = cb.rowTotals[fullRow]!;
    expect(rowCount).toBeGreaterThanOrEqual(3);
    const pages: string[] = [];
    for (let offset = 0; offset < rowCount; offset += 2) {
      const page = (await u.office.get(`/api/v1/reports/runs/${catRun}/cell?row=${fullRow}&column=-1&limit=2&offset=${offset}`)).json() as { total: number; limit: number; offset: number; people: { name: string }[] };
      expect(page).toMatchObject({ total: rowCount, limit: 2, offset });
      expect(page.people.length).toBe(Math.min(2, rowCount - offset));
      pages.push(...page.people.map((p) => p.name));
    }
    expect(new Set(pages).size).toBe(rowCount);
    expect((await u.office.get(`/api/v1/reports/runs/${catRun}/cell?row=${fullRow}&column=-1&offset=${rowCount}`)).json().people).toEqual([]);
    expect(errorOf(await u.office.get(`/api/v1/reports/runs/${catRun}/cell?row=${fullRow}&column=-1&limit=201`)).details?.[0]?.path).toBe('query.limit');
    // Masking: the inspector and the leader see masked ID numbers, in the run and in a cell.
    const masked = (await inspector.get(`/api/v1/reports/runs/${runId}`)).json();
    expect(masked.result.rows.find((r: { name: string }) => r.name === '张一').idNumber).not.toBe(idNumberFor('1996-03-01', 500));
    expect(masked.result.rows.find((r: { name: string }) => r.name === '张一').idNumber).toContain('*');
    const leaderCell = (await leader.get(`/api/v1/reports/runs/${runId}/cell?row=${b.rows.indexOf('≤30')}&column=${b.columns.indexOf('硕士研究生')}`)).json();
    expect(leaderCell.people[0].idNumber).toContain('*');
    expect((await member.get(`/api/v1/reports/runs/${runId}`)).statusCode).toBe(403);

    const runs = (await u.office.get(`/api/v1/reports/${id}/runs`)).json();
    expect(runs).toMatchObject([{ id: runId, total: 5, asOf: AS_OF }]);
    const list = (await u.office.get('/api/v1/reports?pageSize=100')).json();
    expect(list.items.find((d: { id: number }) => d.id === id)).toMatchObject({ lastRun: { id: runId, total: 5 }, canEdit: true });

    // Excel: the breakdown with title, unit and date; the person list.
    const xlsx = await u.office.get(`/api/v1/reports/runs/${runId}/export`);
    expect(xlsx.statusCode).toBe(200);
    const book = await workbookOf(xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总表', '人员名单']);
    const table = book.getWorksheet('汇总表')!;
    expect(String(table.getCell('A1').value)).toContain('截至 2026-06-30');
    expect(String(table.getCell('A1').value)).toContain('市卫健委党委');
    const lastRow = table.getRow(table.rowCount);
    expect(lastRow.getCell(1).value).toBe('合计');
    expect(lastRow.getCell(lastRow.cellCount).value).toBe(5);
    expect(book.getWorksheet('人员名单')!.rowCount).toBe(2 + 5);
    const inspectorBook = await workbookOf((await inspector.get(`/api/v1/reports/runs/${runId}/export`)));
    const people = inspectorBook.getWorksheet('人员名单')!;
    const idColumn = (people.getRow(2).values as unknown[]).indexOf('公民身份号码');
    expect(String(people.getRow(3).getCell(idColumn).value)).toContain('*');
  });

  it('a frozen run stays as it was after member records change; the as-of date reads the change history', async () => {
    const id = (await u.office.post('/api/v1/reports', definition({ title: '冻结核对' }))).json().id;
    const runId = (await u.office.post(`/api/v1/reports/${id}/runs`)).json().id;
    const profile = (await u.office.get(`/api/v1/members/${ids['李三']}`)).json();
    expect((await u.office.patch(`/api/v1/members/${ids['李三']}`, { version: profile.version, name: '李三更', education: '硕士研究生' })).statusCode).toBe(200);
    const frozen = (await u.office.get(`/api/v1/reports/runs/${runId}`)).json();
    expect(frozen.result.rows.map((r: { name: string }) => r.name)).toContain('李三');
    expect(cell(frozen.result, '31-35', '大学本科')).toBe(1);
    // A new preview as of the same (past) date: the name as now, the education as it was then.
    const again = (await u.office.post('/api/v1/reports/preview', definition())).json() as Result;
    expect(again.rows.map((r) => r.name)).toContain('李三更');
    expect(cell(again, '31-35', '大学本科')).toBe(1);
    // As of a date after the change: the new education.
    const later = (await u.office.post('/api/v1/reports/preview', definition({ asOf: '2030-06-30' }))).json() as Result;
    expect(cell(later, '36-40', '硕士研究生')).toBe(1);
  });

  it('下年再报: a copy a year later, run at once; the member who joined in between counts', async () => {
    const id = (await u.office.post('/api/v1/reports', definition({ title: '2026年度党员队伍结构情况（年报）' }))).json().id;
    expect((await sec.post(`/api/v1/reports/${id}/next-year`)).statusCode).toBe(403);
    const next = await u.office.post(`/api/v1/reports/${id}/next-year`);
    expect(next.statusCode).toBe(201);
    const { definitionId, runId } = next.json();
    expect((await u.office.get(`/api/v1/reports/${definitionId}`)).json()).toMatchObject({ title: '2027年度党员队伍结构情况（年报）', asOf: '2027-06-30', basedOnId: id, requester: '市卫健委党委' });
    const run = (await u.office.get(`/api/v1/reports/runs/${runId}`)).json();
    expect(run.total).toBe(6);
    expect(run.result.rows.map((r: { name: string }) => r.name)).toContain('赵四');
    expect(cell(run.result, '31-35', '硕士研究生')).toBe(1); // 张一 turned 31
  });

  it('PUT 409 on a stale version; DELETE refuses a definition with runs', async () => {
    const id = (await u.office.post('/api/v1/reports', definition({ title: '高级职称党员名单', rowDimension: null, columnDimension: null, fields: ['name', 'title'], filters: { titles: ['正高', '副高'] } }))).json().id;
    expect((await u.office.put(`/api/v1/reports/${id}`, { ...definition({ title: '高级职称党员名单（改）', rowDimension: null, columnDimension: null, fields: ['name', 'title'], filters: { titles: ['正高', '副高'] } }), version: 1 })).statusCode).toBe(200);
    const stale = await u.office.put(`/api/v1/reports/${id}`, { ...definition(), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await sec.put(`/api/v1/reports/${id}`, { ...definition(), version: 2 })).statusCode).toBe(403);
    const got = (await u.office.get(`/api/v1/reports/${id}`)).json();
    expect(got).toMatchObject({ version: 2, title: '高级职称党员名单（改）', filters: { titles: ['正高', '副高'] } });
    const runId = (await u.office.post(`/api/v1/reports/${id}/runs`)).json().id;
    const senior = (await u.office.get(`/api/v1/reports/runs/${runId}`)).json();
    expect(senior.result.rows.map((r: { name: string }) => r.name).sort()).toEqual(['周五', '王二'].sort());
    expect(senior.result.breakdown).toBeNull();
    expect(errorOf(await u.office.delete(`/api/v1/reports/${id}?version=2`)).code).toBe('REPORT_HAS_RUNS');
    const spare = (await u.office.post('/api/v1/reports', definition({ title: '草稿' }))).json().id;
    expect((await u.office.delete(`/api/v1/reports/${spare}?version=2`)).statusCode).toBe(409);
    expect((await u.office.delete(`/api/v1/reports/${spare}?version=1`)).statusCode).toBe(204);
    expect((await u.office.get(`/api/v1/reports/${spare}`)).statusCode).toBe(404);
  });

  it('scope: a branch secretary sees and previews only their branch, writes nothing', async () => {
    const unitWide = (await u.office.post('/api/v1/reports', definition({ title: '全院' }))).json().id;
    const branchOnly = (await u.office.post('/api/v1/reports', definition({ title: '心内科支部', orgId: u.branchId }))).json().id;
    const runId = (await u.office.post(`/api/v1/reports/${unitWide}/runs`)).json().id;
    const list = (await sec.get('/api/v1/reports?pageSize=100')).json();
    expect(list.items.map((d: { id: number }) => d.id)).toEqual([branchOnly]);
    expect(list.items[0].canEdit).toBe(false);
    expect((await sec.get(`/api/v1/reports/${unitWide}`)).statusCode).toBe(403);
    expect((await sec.get(`/api/v1/reports/runs/${runId}`)).statusCode).toBe(403);
    expect((await sec.get(`/api/v1/reports/runs/${runId}/cell?row=0&column=0`)).statusCode).toBe(403);
    expect((await sec.get(`/api/v1/reports/runs/${runId}/export`)).statusCode).toBe(403);
    expect((await sec.post('/api/v1/reports/preview', definition())).statusCode).toBe(403);
    const own = (await sec.post('/api/v1/reports/preview', definition({ orgId: u.branchId }))).json() as Result;
    expect(own.total).toBe(3);
    expect(own.rows.map((r) => r.name)).not.toContain('周五');
    expect(String(own.rows[0]!.idNumber)).toContain('*');
    expect((await sec.delete(`/api/v1/reports/${branchOnly}?version=1`)).statusCode).toBe(403);
  });
});
