import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, errorOf } from '../../test/harness.js';
import { createDepartment } from '../../test/fixture.js';
import { postFile } from '../../test/multipart.js';
import { type ServiceUnit, serviceApp } from '../../test/fixtures/service.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
let cardiologyId: number;

beforeAll(async () => {
  ({ t, u } = await serviceApp('fig', TODAY));
  cardiologyId = await createDepartment(t.database.db, u.unit, '心内科');
  await t.database.db.insertInto('org_departments').values({ tenant_id: u.unit.tenantId, org_id: u.otherBranchId, department_id: cardiologyId }).execute();
}, 120_000);
afterAll(() => t?.close());

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('业务指标');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (content: Buffer, dryRun?: boolean, name = '业务指标.xlsx') => postFile(u.office, '/api/v1/figures/import', { name, content }, dryRun === undefined ? {} : { dryRun: String(dryRun) });
const stored = () =>
  t.database.db
    .selectFrom('figure_values as v')
    .innerJoin('figure_definitions as f', (j) => j.onRef('f.tenant_id', '=', 'v.tenant_id').onRef('f.id', '=', 'v.figure_id'))
    .select(['v.department_id', 'v.month', 'f.code', (eb) => eb.cast<number>('v.value', 'double precision').as('value')])
    .where('v.tenant_id', '=', u.unit.tenantId)
    .orderBy('v.department_id')
    .orderBy('v.month')
    .orderBy('f.code')
    .execute();

describe('figures', () => {
  it('catalogue: seeded on first read; POST/PUT 401 → 400 naming the field → 403 → success, audited, 409 stale', async () => {
    expect((await t.anonymous().get('/api/v1/figures/catalogue')).statusCode).toBe(401);
    expect((await u.member.get('/api/v1/figures/catalogue')).statusCode).toBe(403);
    const catalogue = (await u.secretary.get('/api/v1/figures/catalogue')).json();
    expect(catalogue.map((f: { name: string }) => f.name)).toContain('门急诊人次');
    expect(catalogue.find((f: { code: string }) => f.code === 'grade4')).toMatchObject({ unit: '%', kind: 'ratio' });
    const body = { code: 'dayOps', name: '日间手术台次', unit: '台次', kind: 'count' };
    expect((await t.anonymous().post('/api/v1/figures/catalogue', body)).statusCode).toBe(401);
    expect(errorOf(await u.office.post('/api/v1/figures/catalogue', { ...body, code: '日间' })).details?.[0]?.path).toBe('body.code');
    expect(errorOf(await u.office.post('/api/v1/figures/catalogue', { ...body, name: '门急诊人次' })).details?.[0]?.path).toBe('body.name');
    expect((await u.secretary.post('/api/v1/figures/catalogue', body)).statusCode).toBe(403);
    const created = await u.office.post('/api/v1/figures/catalogue', body);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await u.office.put(`/api/v1/figures/catalogue/${id}`, { ...body, active: false, version: 1 })).statusCode).toBe(200);
    expect((await u.office.put(`/api/v1/figures/catalogue/${id}`, { ...body, version: 1 })).statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'figure_definition').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('import: 401 → 403; row errors name row and column and write nothing; a preview writes nothing; a valid import lands; a re-import replaces the month, audited', async () => {
    const good = await xlsx([
      ['2026年科室业务指标'],
      ['科室', '月份', '门急诊人次（人次）', '出院人次', 'grade4', '患者满意度'],
      ['急诊科', '2026-10', 9120, 210, 18.5, 96.2],
      ['心内科', '2026-10', 4300, 305, '24.1%', 95],
    ]);
    expect((await postFile(t.anonymous(), '/api/v1/figures/import', { name: 'a.xlsx', content: good })).statusCode).toBe(401);
    expect((await postFile(u.secretary, '/api/v1/figures/import', { name: 'a.xlsx', content: good })).statusCode).toBe(403);
    expect((await postFile(u.office, '/api/v1/figures/import', null)).statusCode).toBe(400);

    const bad = await xlsx([
      ['科室', '月份', '门急诊人次', '四级手术占比'],
      ['急诊科', '2026-10', 9120, 18.5],
      ['皮肤科', '2026-10', 100, 5],
      ['心内科', '2026-12', 'abc', 120],
    ]);
    const refused = await upload(bad);
    expect(refused.statusCode).toBe(400);
    const messages = errorOf(refused).details?.map((d) => d.message) ?? [];
    expect(messages).toEqual(expect.arrayContaining(['第 3 行“科室”：没有名为“皮肤科”的科室', '第 4 行“月份”：2026-12 还未到', '第 4 行“门急诊人次”：“abc”不是数字', '第 4 行“四级手术占比”：百分比 120 超出 0–100 的范围']));
    expect(errorOf(refused).details?.[0]?.path).toBe('rows[3].科室');
    expect(await stored()).toEqual([]);

    const preview = await upload(good, true);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, values: 8, departments: 2, months: ['2026-10'] });
    expect(preview.json().preview[0]).toEqual({ department: '急诊科', month: '2026-10', figure: '门急诊人次', value: 9120, previous: null });
    expect(await stored()).toEqual([]);

    expect((await upload(good)).json()).toMatchObject({ dryRun: false, values: 8 });
    expect((await stored()).find((v) => v.code === 'grade4' && v.department_id === cardiologyId)?.value).toBe(24.1);

    const again = await xlsx([
      ['科室', '月份', '门急诊人次'],
      ['急诊科', '2026/10', 9300],
    ]);
    const replaced = await upload(again);
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().preview[0]).toMatchObject({ value: 9300, previous: 9120 });
    const after = await stored();
    // Only the file's column is replaced: 急诊科's other October figures and 心内科's stay.
    const er = after.filter((v) => v.department_id !== cardiologyId);
    expect(er).toHaveLength(4);
    expect(er.find((v) => v.code === 'outpatient')).toMatchObject({ month: '2026-10', value: 9300 });
    expect(after.filter((v) => v.department_id === cardiologyId)).toHaveLength(4);
    // A blank cell in a filled row clears that figure.
    const cleared = await xlsx([
      ['科室', '月份', '门急诊人次', '患者满意度'],
      ['急诊科', '2026-10', 9310, null],
      ['心内科', '2026-10', null, null],
    ]);
    expect((await upload(cleared)).json()).toMatchObject({ values: 1, departments: 1 });
    expect((await stored()).filter((v) => v.department_id !== cardiologyId).map((v) => v.code)).toEqual(['discharged', 'grade4', 'outpatient']);
    expect((await stored()).filter((v) => v.department_id === cardiologyId)).toHaveLength(4);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'summary']).where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'figure_values').execute();
    expect(audit).toHaveLength(3);
    expect(audit[1]!.summary).toContain('覆盖原有 1 项');
    expect(audit[2]!.summary).toContain('覆盖原有 2 项');
  });

  it('import a CSV (the long layout too) with its row errors', async () => {
    const csv = Buffer.from('\uFEFF科室,月份,门急诊人次,出院人次\r\n心内科,2026-09,"4,120",298\r\n', 'utf8');
    const res = await upload(csv, false, '九月.csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ values: 2, months: ['2026-09'] });
    const long = Buffer.from('科室,月份,指标,数值\n心内科,2026-08,discharged,287\n心内科,2026-08,投诉,x\n', 'utf8');
    const refused = await postFile(u.office, '/api/v1/figures/import', { name: 'long.csv', content: long });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details?.[0]).toEqual({ path: 'rows[3].数值', message: '第 3 行“数值”：“x”不是数字' });
    expect((await stored()).filter((v) => v.month === '2026-08')).toEqual([]);
    expect((await postFile(u.office, '/api/v1/figures/import', { name: 'x.pdf', content: Buffer.from('%PDF-1.4\n') })).statusCode).toBe(400);
  });

  it('scope: a secretary sees only their department’s figures; the branch page puts them beside the party work', async () => {
    const departments = (await u.secretary.get('/api/v1/figures/departments')).json();
    expect(departments.map((d: { name: string }) => d.name)).toEqual(['急诊科']);
    const values = (await u.secretary.get('/api/v1/figures/values?year=2026')).json();
    expect(new Set(values.items.map((v: { departmentId: number }) => v.departmentId)).size).toBe(1);
    expect(values.items.some((v: { departmentId: number }) => v.departmentId === cardiologyId)).toBe(false);
    expect((await u.secretary.get(`/api/v1/figures/values?year=2026&departmentId=${cardiologyId}`)).statusCode).toBe(400);
    expect((await u.secretary.get('/api/v1/figures/values?year=later')).statusCode).toBe(400);
    expect((await u.secretary.get('/api/v1/figures/branches')).json()).toEqual([{ id: u.branchId, name: '急诊科全科医学科党支部' }]);
    expect((await u.secretary.get(`/api/v1/figures/branches/${u.otherBranchId}?year=2026`)).statusCode).toBe(403);
    const page = await u.secretary.get(`/api/v1/figures/branches/${u.branchId}?year=2026`);
    expect(page.statusCode).toBe(200);
    expect(page.json().months).toHaveLength(11);
    expect(page.json().activity).toHaveLength(11);
    expect(page.json().values).toEqual(expect.arrayContaining([expect.objectContaining({ month: '2026-10', value: 9310 })]));
    expect((await u.office.get(`/api/v1/figures/branches/${u.otherBranchId}?year=2026`)).json().departments).toEqual([{ id: cardiologyId, name: '心内科' }]);
  });

  it('template and export: the layout the import reads', async () => {
    expect((await u.secretary.get('/api/v1/figures/template')).statusCode).toBe(403);
    const template = await u.office.get('/api/v1/figures/template');
    expect(template.statusCode).toBe(200);
    const wb = await workbookOf(template);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe('科室');
    expect(sheet.getRow(2).getCell(3).value).toBe('门急诊人次（人次）');
    expect(sheet.getRow(3).getCell(2).value).toBe('2026-10');
    const exported = await u.secretary.get('/api/v1/figures/export?year=2026');
    expect(exported.statusCode).toBe(200);
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets.at(-1)!.getSheetValues().length;
    expect(rows).toBeGreaterThan(2);
  });
});
