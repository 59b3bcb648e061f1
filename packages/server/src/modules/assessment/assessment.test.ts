import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, errorOf } from '../../test/harness.js';
import { createAccount, signIn } from '../../test/fixture.js';
import { type ServiceUnit, eventBody, recordEvent, serviceApp } from '../../test/fixtures/service.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let t: TestApp;
let u: ServiceUnit;
let sibling: Client;
let adoptionId: number;
let frameworkId: number;
let schemeId: number;
let sheetId: number;
let siblingSheetId: number;

beforeAll(async () => {
  ({ t, u } = await serviceApp('asm', TODAY));
  await createAccount(t.database.db, u.unit, 'asm.sibling', [{ role: 'branch_secretary', orgId: u.otherBranchId }]);
  sibling = await signIn(t, 'asm.sibling');
  await recordEvent(u.office, eventBody(u.branchId, { beneficiaries: 200, trained: 120 }, [[u.memberIds[0]!, 3]]));
  await recordEvent(u.office, eventBody(u.branchId, { kind: '义诊', title: '社区义诊', heldOn: '2026-03-02', placeType: '社区', beneficiaries: 80, trained: 0 }));
  await recordEvent(u.office, eventBody(u.otherBranchId, { kind: '健康宣教', title: '心血管健康讲座', heldOn: '2026-05-10', beneficiaries: 150, trained: 0 }));
  const framework = (await u.office.post('/api/v1/worksystems', { templateKey: 'four_emergencies' })).json().id;
  frameworkId = framework;
  const detail = (await u.office.get(`/api/v1/worksystems/${framework}`)).json();
  await u.office.post(`/api/v1/worksystems/${framework}/publish`, { version: detail.version });
  adoptionId = (await u.office.post(`/api/v1/worksystems/${framework}/adoptions`, { year: 2026, targets: { beneficiaries: 400 } })).json().id;
}, 120_000);
afterAll(() => t?.close());

const items = (over: { weight?: number } = {}) => [
  // The adoption's target is the 党委's over all its branches, no branch's: the scheme gives each branch's.
  { key: 'beneficiaries', name: '服务群众人次', kind: 'indicator', adoptionId, indicatorKey: 'beneficiaries', target: 400, weight: over.weight ?? 40, unit: '人次' },
  { key: 'events', name: '志愿服务活动', kind: 'measure', measure: { source: 'service', aggregate: 'count' }, target: 4, weight: 30, unit: '次' },
  { key: 'evaluation', name: '党委综合评价', kind: 'manual', weight: 30 },
];

const audits = async (type: string) => (await t.database.db.selectFrom('audit_log').select(['action', 'summary']).where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', type).orderBy('id').execute());

async function unzip(buffer: Buffer) {
  return JSZip.loadAsync(buffer);
}

describe('assessment', () => {
  it('POST /assessment/schemes: 401 → 400 weights ≠ 100 naming items → 403 → 201, audited', async () => {
    const body = { year: 2026, title: '2026年度支部述职评议考核', items: items() };
    expect((await t.anonymous().post('/api/v1/assessment/schemes', body)).statusCode).toBe(401);
    const bad = await u.office.post('/api/v1/assessment/schemes', { ...body, items: items({ weight: 30 }) });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]).toMatchObject({ path: 'body.items', message: expect.stringContaining('90') });
    expect(errorOf(await u.office.post('/api/v1/assessment/schemes', { ...body, items: [{ ...items()[1], target: null }, ...items().slice(0, 1), ...items().slice(2)] })).details?.[0]?.path).toBe('body.items[0].target');
    expect(errorOf(await u.office.post('/api/v1/assessment/schemes', { ...body, items: [{ ...items()[0], indicatorKey: 'nope' }, ...items().slice(1)] })).details?.[0]?.path).toBe('body.items[0].indicatorKey');
    expect((await u.secretary.post('/api/v1/assessment/schemes', body)).statusCode).toBe(403);
    expect((await u.member.post('/api/v1/assessment/schemes', body)).statusCode).toBe(403);
    const created = await u.office.post('/api/v1/assessment/schemes', body);
    expect(created.statusCode).toBe(201);
    schemeId = created.json().id;
    expect(errorOf(await u.office.post('/api/v1/assessment/schemes', body)).details?.[0]?.path).toBe('body.title');
    // A draft is the office's: the secretary does not see it.
    expect((await u.secretary.get(`/api/v1/assessment/schemes/${schemeId}`)).statusCode).toBe(404);
    expect((await u.secretary.get('/api/v1/assessment/schemes')).json().items).toEqual([]);
    expect((await u.office.put(`/api/v1/assessment/schemes/${schemeId}`, { ...body, version: 5 })).statusCode).toBe(409);
    expect((await u.office.put(`/api/v1/assessment/schemes/${schemeId}`, { ...body, version: 1 })).statusCode).toBe(200);
    expect((await audits('assessment_scheme')).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('a measure item keeps to its source’s allow-list: 400 naming the measure’s part', async () => {
    const body = (measure: object) => ({ year: 2026, title: '口径检查', items: [items()[0], { ...items()[1], measure }, items()[2]] });
    const sumOfProjects = await u.office.post('/api/v1/assessment/schemes', body({ source: 'project', aggregate: 'sum', field: 'amount' }));
    expect(sumOfProjects.statusCode).toBe(400);
    expect(errorOf(sumOfProjects).details?.[0]).toMatchObject({ path: 'body.items[1].measure.field', message: expect.stringContaining('求和') });
    expect(errorOf(await u.office.post('/api/v1/assessment/schemes', body({ source: 'service', aggregate: 'distinct' }))).details?.[0]?.path).toBe('body.items[1].measure.field');
    expect(errorOf(await u.office.post('/api/v1/assessment/schemes', body({ source: 'service', aggregate: 'on_time' }))).details?.[0]?.path).toBe('body.items[1].measure.aggregate');
    expect(errorOf(await u.office.post('/api/v1/assessment/schemes', body({ source: 'orglife', aggregate: 'count', filters: { kinds: ['nope'] } }))).details?.[0]?.path).toBe('body.items[1].measure.filters.kinds');
    // A sum over one of the source's fields is taken.
    const ok = await u.office.post('/api/v1/assessment/schemes', body({ source: 'service', aggregate: 'sum', field: 'beneficiaries' }));
    expect(ok.statusCode).toBe(201);
    expect((await u.office.delete(`/api/v1/assessment/schemes/${ok.json().id}?version=1`)).statusCode).toBe(204);
  });

  it('publish opens a sheet per branch; the figures equal the work system’s per-branch values; a secretary sees only their own', async () => {
    expect((await u.office.post(`/api/v1/assessment/schemes/${schemeId}/publish`, { version: 1 })).statusCode).toBe(409);
    const published = await u.office.post(`/api/v1/assessment/schemes/${schemeId}/publish`, { version: 2 });
    expect(published.json()).toMatchObject({ sheets: 2 });
    expect(errorOf(await u.office.put(`/api/v1/assessment/schemes/${schemeId}`, { year: 2026, title: 'x', items: items(), version: 3 })).code).toBe('ASSESSMENT_SCHEME_PUBLISHED');
    const all = (await u.office.get(`/api/v1/assessment/schemes/${schemeId}/sheets`)).json();
    expect(all.items.map((s: { orgId: number }) => s.orgId).sort()).toEqual([u.branchId, u.otherBranchId].sort());
    sheetId = all.items.find((s: { orgId: number }) => s.orgId === u.branchId).id;
    siblingSheetId = all.items.find((s: { orgId: number }) => s.orgId === u.otherBranchId).id;
    const mine = (await u.secretary.get(`/api/v1/assessment/schemes/${schemeId}/sheets`)).json();
    expect(mine.items.map((s: { id: number }) => s.id)).toEqual([sheetId]);
    expect((await u.secretary.get(`/api/v1/assessment/sheets/${siblingSheetId}`)).statusCode).toBe(403);
    expect((await u.member.get(`/api/v1/assessment/sheets/${sheetId}`)).statusCode).toBe(403);

    const sheet = (await u.secretary.get(`/api/v1/assessment/sheets/${sheetId}`)).json();
    const ws = (await u.office.get(`/api/v1/worksystems/adoptions/${adoptionId}/indicators/beneficiaries/records?orgId=${u.branchId}`)).json();
    const benef = sheet.items.find((i: { key: string }) => i.key === 'beneficiaries');
    expect(benef).toMatchObject({ value: ws.value, target: 400, score: 28, records: ws.items.length });
    expect(benef.value).toBe(280);
    expect(benef.evidence.map((e: { title: string }) => e.title).sort()).toEqual(ws.items.map((e: { title: string }) => e.title).sort());
    expect(sheet.items.find((i: { key: string }) => i.key === 'events')).toMatchObject({ value: 2, target: 4, score: 15, evidence: [{ linkKind: 'service_event' }, { linkKind: 'service_event' }] });
    // The 党委's item is not scored yet: 43 is the automatic items' total, and no grade is suggested (待党委评分).
    expect(sheet).toMatchObject({ status: 'draft', total: 43, awaitingScores: true, suggestedGrade: null, canWrite: true, canGrade: false });
    expect(all.items.find((s: { id: number }) => s.id === sheetId)).toMatchObject({ total: 43, awaitingScores: true, suggestedGrade: null });
  });

  it('self-assessment: save, submit (409 on stale), return with reason, submit again, grade with a reason when differing; audited', async () => {
    expect((await sibling.put(`/api/v1/assessment/sheets/${sheetId}/self`, { selfAssessment: 'x', version: 1 })).statusCode).toBe(403);
    expect(errorOf(await u.secretary.put(`/api/v1/assessment/sheets/${sheetId}/self`, { selfAssessment: '  ', submit: true, version: 1 })).details?.[0]?.path).toBe('body.selfAssessment');
    expect((await u.secretary.put(`/api/v1/assessment/sheets/${sheetId}/self`, { selfAssessment: '全年开展急救科普。', version: 1 })).json()).toMatchObject({ version: 2, status: 'draft' });
    expect((await u.secretary.put(`/api/v1/assessment/sheets/${sheetId}/self`, { selfAssessment: '全年开展急救科普。', submit: true, version: 1 })).statusCode).toBe(409);
    expect(errorOf(await u.office.post(`/api/v1/assessment/sheets/${sheetId}/grade`, { scores: { evaluation: 25 }, grade: '差', version: 2 })).details?.[0]?.path).toBe('body.grade');
    expect((await u.secretary.put(`/api/v1/assessment/sheets/${sheetId}/self`, { selfAssessment: '全年开展急救科普。', submit: true, version: 2 })).json()).toMatchObject({ status: 'submitted' });
    expect(errorOf(await u.secretary.put(`/api/v1/assessment/sheets/${sheetId}/self`, { selfAssessment: '改', version: 3 })).details?.[0]?.path).toBe('body.selfAssessment');
    expect((await u.secretary.post(`/api/v1/assessment/sheets/${sheetId}/return`, { reason: '请补充', version: 3 })).statusCode).toBe(403);
    expect(errorOf(await u.office.post(`/api/v1/assessment/sheets/${sheetId}/return`, { reason: '', version: 3 })).details?.[0]?.path).toBe('body.reason');
    expect((await u.office.post(`/api/v1/assessment/sheets/${sheetId}/return`, { reason: '请补充志愿服务的成效', version: 3 })).json()).toMatchObject({ status: 'returned' });
    expect((await u.secretary.get(`/api/v1/assessment/sheets/${sheetId}`)).json()).toMatchObject({ status: 'returned', returnReason: '请补充志愿服务的成效', canWrite: true });
    expect((await u.secretary.put(`/api/v1/assessment/sheets/${sheetId}/self`, { selfAssessment: '全年开展急救科普，服务群众 280 人次。', submit: true, version: 4 })).json()).toMatchObject({ status: 'submitted', version: 5 });

    // 43 + 25 = 68 → 一般 suggested; 较好 needs a reason.
    expect((await u.secretary.post(`/api/v1/assessment/sheets/${sheetId}/grade`, { scores: { evaluation: 25 }, grade: '一般', version: 5 })).statusCode).toBe(403);
    expect(errorOf(await u.office.post(`/api/v1/assessment/sheets/${sheetId}/grade`, { scores: {}, grade: '一般', version: 5 })).details?.[0]?.path).toBe('body.scores.evaluation');
    expect(errorOf(await u.office.post(`/api/v1/assessment/sheets/${sheetId}/grade`, { scores: { evaluation: 31 }, grade: '一般', version: 5 })).details?.[0]?.path).toBe('body.scores.evaluation');
    expect(errorOf(await u.office.post(`/api/v1/assessment/sheets/${sheetId}/grade`, { scores: { events: 5, evaluation: 25 }, grade: '一般', version: 5 })).details?.[0]?.path).toBe('body.scores.events');
    const noReason = await u.office.post(`/api/v1/assessment/sheets/${sheetId}/grade`, { scores: { evaluation: 25 }, grade: '较好', version: 5 });
    expect(errorOf(noReason).details?.[0]).toMatchObject({ path: 'body.reason', message: expect.stringContaining('一般') });
    expect((await u.office.post(`/api/v1/assessment/sheets/${sheetId}/grade`, { scores: { evaluation: 25 }, grade: '较好', reason: 'x', version: 4 })).statusCode).toBe(409);
    const graded = await u.office.post(`/api/v1/assessment/sheets/${sheetId}/grade`, { scores: { evaluation: 25 }, grade: '较好', reason: '急救科普成效突出，群众反响好', version: 5 });
    expect(graded.json()).toMatchObject({ status: 'graded', total: 68, grade: '较好', suggestedGrade: '一般' });
    expect((await u.secretary.get(`/api/v1/assessment/sheets/${sheetId}`)).json()).toMatchObject({ status: 'graded', total: 68, awaitingScores: false, suggestedGrade: '一般', grade: '较好', gradeReason: '急救科普成效突出，群众反响好', canWrite: false });
    const list = (await u.office.get(`/api/v1/assessment/schemes/${schemeId}/sheets`)).json();
    expect(list.items.find((s: { id: number }) => s.id === sheetId)).toMatchObject({ total: 68, awaitingScores: false, suggestedGrade: '一般', grade: '较好', status: 'graded' });
    expect(list.items.find((s: { id: number }) => s.id === siblingSheetId)).toMatchObject({ awaitingScores: true, suggestedGrade: null });
    expect((await audits('assessment_sheet')).map((a) => a.summary)).toEqual([
      expect.stringContaining('保存'),
      expect.stringContaining('提交'),
      expect.stringContaining('退回'),
      expect.stringContaining('提交'),
      expect.stringContaining('评定'),
    ]);
  });

  it('documents: the 考核表 docx, the Excel summary and the work report with images; the secretary cannot fetch the sibling’s', async () => {
    const doc = await u.secretary.get(`/api/v1/assessment/sheets/${sheetId}/document`);
    expect(doc.statusCode).toBe(200);
    const docText = await (await unzip(doc.rawPayload)).file('word/document.xml')!.async('string');
    expect(docText).toContain('急诊科全科医学科党支部');
    expect(docText).toContain('较好');
    expect((await u.secretary.get(`/api/v1/assessment/sheets/${siblingSheetId}/document`)).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/assessment/sheets/${siblingSheetId}/report`)).statusCode).toBe(403);

    const report = await u.secretary.get(`/api/v1/assessment/sheets/${sheetId}/report`);
    expect(report.statusCode).toBe(200);
    const zip = await unzip(report.rawPayload);
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/') && !zip.files[n]!.dir);
    expect(media.length).toBeGreaterThanOrEqual(2);
    const png = await zip.file(media[0]!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const reportText = await zip.file('word/document.xml')!.async('string');
    expect(reportText).toContain('急诊科全科医学科党支部2026年度工作报告');
    expect(reportText).toContain('社区义诊');

    const xlsx = await u.office.get(`/api/v1/assessment/schemes/${schemeId}/summary`);
    expect(xlsx.statusCode).toBe(200);
    const wb = await workbookOf(xlsx);
    const rows: string[] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
    expect(rows.some((r) => r.includes('急诊科全科医学科党支部') && r.includes('68') && r.includes('较好'))).toBe(true);
    expect(rows.some((r) => r.includes('心内科党支部'))).toBe(true);
    // A sheet not graded yet has no score for its manual items: it suggests no grade.
    expect(rows.some((r) => r.includes('心内科党支部') && r.includes('待党委评分') && r.includes('自动评分项目（部分总分）'))).toBe(true);
    expect(rows.some((r) => r.includes('急诊科全科医学科党支部') && r.includes('全部项目') && r.includes('一般'))).toBe(true);
    const ungraded = await u.office.get(`/api/v1/assessment/sheets/${siblingSheetId}/document`);
    const ungradedText = await (await unzip(ungraded.rawPayload)).file('word/document.xml')!.async('string');
    expect(ungradedText).toContain('待党委评分');
    expect(ungradedText).toContain('自动评分项目得分');
    const secretarySummary = await u.secretary.get(`/api/v1/assessment/schemes/${schemeId}/summary`);
    const wb2 = await workbookOf(secretarySummary);
    const rows2: string[] = [];
    wb2.worksheets[0]!.eachRow((r) => rows2.push((r.values as unknown[]).slice(1).join('|')));
    expect(rows2.some((r) => r.includes('心内科党支部'))).toBe(false);

    // In English: the same words as the page.
    expect((await u.office.put('/api/v1/auth/language', { language: 'en-US' })).statusCode).toBe(200);
    try {
      const en = await workbookOf(await u.office.get(`/api/v1/assessment/schemes/${schemeId}/summary`));
      const enRows: string[] = [];
      en.worksheets[0]!.eachRow((r) => enRows.push((r.values as unknown[]).slice(1).join('|')));
      expect(enRows.some((r) => r.includes('Total covers') && r.includes('Suggested grade'))).toBe(true);
      expect(enRows.some((r) => r.includes('心内科党支部') && r.includes('Awaiting committee scoring') && r.includes('Automatic items only (partial)'))).toBe(true);
    } finally {
      await u.office.put('/api/v1/auth/language', { language: 'zh-CN' });
    }
  });

  it('the work report carries the branch’s dues collection rate and stays within 6 pages at its fullest', async () => {
    // The branch's dues of the year: 3 months due at 10.00 元 for one member, 2 of them paid → 66.7%.
    const db = t.database.db;
    const member = u.memberIds[0]!;
    for (const m of ['2026-01-01', '2026-02-01', '2026-03-01']) {
      await db.insertInto('dues_entries').values({ tenant_id: u.unit.tenantId, member_id: member, org_id: u.branchId, month: m, kind: 'due', affects: 'due', amount_cents: 1000, method: null, paid_on: null, corrects_id: null, base_id: null, recorded_by: null }).execute();
    }
    for (const m of ['2026-01-01', '2026-02-01']) {
      await db.insertInto('dues_entries').values({ tenant_id: u.unit.tenantId, member_id: member, org_id: u.branchId, month: m, kind: 'payment', affects: 'paid', amount_cents: 1000, method: 'cash', paid_on: m, corrects_id: null, base_id: null, recorded_by: null }).execute();
    }
    // The fullest report: a self-assessment at its 5,000-character limit and more records than a section cites.
    for (let i = 0; i < 10; i++) await recordEvent(u.office, eventBody(u.branchId, { kind: '义诊', title: `病区义诊第${i + 1}场：为住院患者及家属开展健康咨询和用药指导`, heldOn: `2026-0${1 + (i % 9)}-1${i % 9}`, beneficiaries: 30, trained: 0 }));
    const sheet = (await u.secretary.get(`/api/v1/assessment/sheets/${sheetId}`)).json();
    const long = Array.from({ length: 50 }, (_, i) => `第${i + 1}段：支部围绕医院中心工作，持续推进党建与业务深度融合，组织党员在急诊一线开展志愿服务。`).join('\n').slice(0, 5000);
    const saved = await t.database.db.updateTable('assessment_sheets').set({ self_assessment: long }).where('tenant_id', '=', u.unit.tenantId).where('id', '=', sheet.id).executeTakeFirst();
    expect(Number(saved.numUpdatedRows)).toBe(1);

    const report = await u.secretary.get(`/api/v1/assessment/sheets/${sheetId}/report`);
    expect(report.statusCode).toBe(200);
    const zip = await unzip(report.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('党费收缴率66.7%');
    expect(text).toContain('应缴党费 30.00 元，实缴 20.00 元，党费收缴率 66.7%');
    expect(text).toContain('（全文见考核表）');

    // A page estimate from the document itself (A4, 2.54/3.17 cm margins: 29 characters of 四号 a line, 33 lines of 21 pt a page):
    // a paragraph takes its characters over 29 lines, a table row one line and a bit, a 240 px chart 9 lines.
    const body = xml.slice(xml.indexOf('<w:body>'));
    const tables = body.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    const outside = body.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
    const paragraphs = outside.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
    const images = (body.match(/<w:drawing>/g) ?? []).length;
    const rows = tables.reduce((n, tb) => n + (tb.match(/<w:tr[ >]/g) ?? []).length, 0);
    const textLines = paragraphs.reduce((n, p) => n + Math.max(1, Math.ceil([...p.replace(/<[^>]+>/g, '')].length / 29)), 0);
    const lines = textLines + rows * 1.2 + images * 9;
    const pages = lines / 33;
    expect(images).toBe(2);
    expect(tables.length).toBe(2);
    expect(pages).toBeGreaterThan(3);
    expect(pages).toBeLessThanOrEqual(6);
  });

  it('an indicator item without its own target takes the adoption’s only when it is the branch’s own; a scheme without manual items suggests a grade at once', async () => {
    const own = await u.office.post(`/api/v1/worksystems/${frameworkId}/adoptions`, { orgId: u.branchId, year: 2026, targets: { beneficiaries: 350 } });
    expect(own.statusCode).toBe(201);
    const body = {
      year: 2026,
      title: '2026年度服务群众专项考核',
      items: [
        { key: 'whole', name: '服务群众人次（党委目标）', kind: 'indicator', adoptionId, indicatorKey: 'beneficiaries', weight: 60, unit: '人次' },
        { key: 'own', name: '服务群众人次（支部目标）', kind: 'indicator', adoptionId: own.json().id, indicatorKey: 'beneficiaries', weight: 40, unit: '人次' },
      ],
    };
    const id = (await u.office.post('/api/v1/assessment/schemes', body)).json().id as number;
    expect((await u.office.post(`/api/v1/assessment/schemes/${id}/publish`, { version: 1 })).statusCode).toBe(200);
    const list = (await u.office.get(`/api/v1/assessment/schemes/${id}/sheets`)).json();
    const mine = (await u.office.get(`/api/v1/assessment/sheets/${list.items.find((s: { orgId: number }) => s.orgId === u.branchId).id}`)).json();
    // The 党委's 400 is over both branches: no target of this branch's (the scheme should give one).
    expect(mine.items.find((i: { key: string }) => i.key === 'whole')).toMatchObject({ target: null });
    // The branch's own adoption: its 350 is the branch's.
    expect(mine.items.find((i: { key: string }) => i.key === 'own')).toMatchObject({ target: 350 });
    const other = (await u.office.get(`/api/v1/assessment/sheets/${list.items.find((s: { orgId: number }) => s.orgId === u.otherBranchId).id}`)).json();
    // Another branch's adoption is not this one's either.
    expect(other.items.map((i: { target: number | null }) => i.target)).toEqual([null, null]);
    expect(mine).toMatchObject({ awaitingScores: false, suggestedGrade: expect.any(String) });
    expect(list.items.every((s: { awaitingScores: boolean; suggestedGrade: string | null }) => !s.awaitingScores && s.suggestedGrade !== null)).toBe(true);
  });

  it('DELETE a draft scheme (409 on stale), not a published one', async () => {
    const id = (await u.office.post('/api/v1/assessment/schemes', { year: 2025, title: '草稿', items: items() })).json().id;
    expect((await u.office.delete(`/api/v1/assessment/schemes/${id}?version=9`)).statusCode).toBe(409);
    expect((await u.secretary.delete(`/api/v1/assessment/schemes/${id}?version=1`)).statusCode).toBe(403);
    expect((await u.office.delete(`/api/v1/assessment/schemes/${id}?version=1`)).statusCode).toBe(204);
    expect((await u.office.delete(`/api/v1/assessment/schemes/${schemeId}?version=3`)).statusCode).toBe(400);
  });
});
