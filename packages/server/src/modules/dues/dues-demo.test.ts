/**
 * Dues on the demo hospital: a smoke test that a branch secretary's figures stay within their
 * branch on a year of real-looking data, and the 党费收缴台账 Word document against the JSON
 * ledger and the Excel sheet. The rules themselves are tested on small units of their own
 * (dues.test.ts).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
let org: Client;
let secretary: Client;
let erBranchId: number;
let neurologyBranchId: number;
let tenantId: number;

interface LedgerItem {
  no: number;
  name: string;
  baseCents: number | null;
  rateBasisPoints: number | null;
  monthlyCents: number | null;
  yearDueCents: number;
  yearPaidCents: number;
  voluntaryCents: number;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await t.login('org');
  secretary = await t.login('secretary');
  const db = t.database.db;
  const er = await db.selectFrom('orgs').select(['id', 'tenant_id']).where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow();
  erBranchId = er.id;
  tenantId = er.tenant_id;
  neurologyBranchId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', er.tenant_id).where('name', '=', '神经内科党支部').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (xml: string) => unescape(xml.replace(/<[^>]+>/g, ''));

/** The .docx parts and its table as rows of cell texts. */
async function readDocx(payload: Buffer) {
  const zip = await JSZip.loadAsync(payload);
  const part = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const document = await part('word/document.xml');
  const rows = [...document.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])));
  const paragraphs = [...document.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '').matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => textOf(p[0]));
  const footers = (await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map(part))).join('');
  return { document, rows, paragraphs, footers, fontTable: await part('word/fontTable.xml') };
}

const yuan = (c: number | null) => (c === null ? '' : (c / 100).toFixed(2));
const rateText = (x: LedgerItem) => (x.rateBasisPoints !== null ? `${(x.rateBasisPoints / 100).toFixed(1)}%` : x.monthlyCents === null ? '' : '定额');

describe('GET /api/v1/dues/ledger/docx', () => {
  it('401 without a session, 400 for a bad year, 403 without dues.read or outside the scope', async () => {
    expect((await t.anonymous().get('/api/v1/dues/ledger/docx?year=2026')).statusCode).toBe(401);
    for (const year of ['abc', '1999', '2026.5']) {
      const bad = await org.get(`/api/v1/dues/ledger/docx?year=${year}`);
      expect(bad.statusCode, year).toBe(400);
      expect(errorOf(bad).details?.[0]?.path).toBe('query.year');
    }
    const leader = await t.login('leader');
    expect((await leader.get('/api/v1/dues/ledger/docx?year=2026')).statusCode).toBe(403);
    // Same scope rules as the sheet: a branch secretary cannot ask for another branch.
    expect((await secretary.get(`/api/v1/dues/ledger/docx?year=2026&orgId=${neurologyBranchId}`)).statusCode).toBe(403);
    expect((await secretary.get(`/api/v1/dues/ledger/export?year=2026&orgId=${neurologyBranchId}`)).statusCode).toBe(403);
  });

  it('gives the branch ledger as a landscape Word document matching the JSON ledger and the Excel sheet', async () => {
    const res = await secretary.get('/api/v1/dues/ledger/docx?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('急诊科全科医学科党支部2026年度党费收缴台账.docx');
    const doc = await readDocx(res.rawPayload);

    expect(doc.paragraphs[0]).toBe('急诊科全科医学科党支部2026年度党费收缴台账');
    expect(doc.document).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc.document).toContain('w:eastAsia="仿宋"');
    expect(doc.fontTable).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
    expect(doc.fontTable).toMatch(/<w:font w:name="仿宋"><w:altName w:val="宋体"\/>/);
    expect(doc.document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(doc.footers).toContain('PAGE');
    expect(doc.footers).toContain('NUMPAGES');

    const ledger = (await secretary.get('/api/v1/dues/ledger?year=2026')).json() as { items: LedgerItem[]; total: number };
    expect(ledger.total).toBeGreaterThan(5);
    const [header, ...rest] = doc.rows;
    const totals = rest.pop()!;
    expect(header).toEqual(['序号', '姓名', '月工资收入', '执行标准（比例）', '月应缴党费', '全年应缴', '全年实缴', '备注']);
    expect(rest).toHaveLength(ledger.total);

    // A known member: the first one with a base, row by row against the JSON ledger.
    const known = ledger.items.find((x) => x.baseCents !== null && x.rateBasisPoints !== null)!;
    expect(known).toBeDefined();
    const row = rest.find((r) => r[1] === known.name)!;
    expect(row.slice(0, 7)).toEqual([String(known.no), known.name, yuan(known.baseCents), rateText(known), yuan(known.monthlyCents), yuan(known.yearDueCents), yuan(known.yearPaidCents)]);
    for (const [i, x] of ledger.items.entries()) {
      expect(rest[i]!.slice(0, 7)).toEqual([String(x.no), x.name, yuan(x.baseCents), rateText(x), yuan(x.monthlyCents), yuan(x.yearDueCents), yuan(x.yearPaidCents)]);
    }

    // Totals: 合计 over the rows, equal to the JSON ledger's sums.
    const sum = (f: (x: LedgerItem) => number | null) => ledger.items.reduce((s, x) => s + (f(x) ?? 0), 0);
    expect(totals.slice(0, 6)).toEqual(['合计', '', '', yuan(sum((x) => x.monthlyCents)), yuan(sum((x) => x.yearDueCents)), yuan(sum((x) => x.yearPaidCents))]);
    expect(totals[6]).toMatch(new RegExp(`^共${ledger.total}人`));

    // The Excel sheet for the same parameters has the same rows, 备注 included.
    const xlsx = await secretary.get('/api/v1/dues/ledger/export?year=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect(sheet.rowCount).toBe(ledger.total + 1);
    for (let i = 0; i < ledger.total; i++) {
      const cells = (sheet.getRow(i + 2).values as unknown[]).slice(1, 9);
      const asText = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : String(v ?? ''));
      expect([String(cells[0]), String(cells[1]), asText(cells[2]), String(cells[3] ?? ''), asText(cells[4]), asText(cells[5]), asText(cells[6]), String(cells[7] ?? '')]).toEqual(rest[i]);
    }

    const user = await t.database.db.selectFrom('users').select('name').where('username', '=', 'secretary').executeTakeFirstOrThrow();
    const closing = doc.paragraphs.at(-1)!;
    expect(closing).toContain(`制表人：${user.name}`);
    expect(closing).toContain(`制表日期：${Number(DEMO_TODAY.slice(0, 4))}年${Number(DEMO_TODAY.slice(5, 7))}月${Number(DEMO_TODAY.slice(8, 10))}日`);
  });

  it('names the chosen branch, defaults to the current year, and gives an empty ledger a 合计 of zero', async () => {
    const chosen = await org.get(`/api/v1/dues/ledger/docx?orgId=${neurologyBranchId}`);
    expect(chosen.statusCode, chosen.body).toBe(200);
    const doc = await readDocx(chosen.rawPayload);
    expect(doc.paragraphs[0]).toBe(`神经内科党支部${DEMO_TODAY.slice(0, 4)}年度党费收缴台账`);
    const json = (await org.get(`/api/v1/dues/ledger?orgId=${neurologyBranchId}`)).json() as { total: number };
    expect(doc.rows).toHaveLength(json.total + 2);

    // The 党委 without a branch filter: the hospital's top organisation, every branch's rows.
    const roots = await t.database.db.selectFrom('orgs as o').innerJoin('orgs as b', 'b.tenant_id', 'o.tenant_id').select('o.name').where('o.parent_id', 'is', null).where('b.id', '=', erBranchId).execute();
    expect(roots).toHaveLength(1);
    const whole = await readDocx((await org.get('/api/v1/dues/ledger/docx?year=2026')).rawPayload);
    expect(whole.paragraphs[0]).toBe(`${roots[0]!.name}2026年度党费收缴台账`);
    expect(whole.rows).toHaveLength(((await org.get('/api/v1/dues/ledger?year=2026')).json() as { total: number }).total + 2);

    const empty = await readDocx((await secretary.get(`/api/v1/dues/ledger/docx?year=2001&orgId=${erBranchId}`)).rawPayload);
    expect(empty.rows).toHaveLength(2);
    expect(empty.rows[1]!.slice(0, 6)).toEqual(['合计', '', '', '0.00', '0.00', '0.00']);
  });
});

describe('the demo hospital (smoke)', () => {
  it('keeps every dues figure within a secretary’s scope, including the 党委-wide month closes', async () => {
    const db = t.database.db;
    const root = await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const theirs = (await secretary.get('/api/v1/dues/months?pageSize=200')).json();
    const hospital = (await org.get('/api/v1/dues/months?pageSize=200')).json();
    const rootCloses = theirs.items.filter((x: { orgId: number }) => x.orgId === root.id);
    expect(rootCloses.length).toBeGreaterThanOrEqual(10);
    for (const close of rootCloses) {
      const { rows } = await sql<{ n: number; cents: number }>`
        select count(*)::int8 as n, coalesce(sum(amount_cents), 0)::int8 as cents from dues_entries
        where tenant_id = ${tenantId} and org_id = ${erBranchId} and kind = 'due' and month = ${`${close.month}-01`} and recorded_by_name = '演示数据'`.execute(db);
      expect({ n: close.memberCount, cents: close.dueCents }).toEqual({ n: Number(rows[0]!.n), cents: Number(rows[0]!.cents) });
      expect(hospital.items.find((x: { id: number }) => x.id === close.id).memberCount).toBeGreaterThan(close.memberCount * 10);
    }
    const ids = new Set((await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', erBranchId).execute()).map((x) => x.id));
    const ledger = (await secretary.get('/api/v1/dues/ledger?year=2026')).json();
    expect(ledger.items.length).toBeGreaterThan(10);
    for (const x of ledger.items) expect(x.orgName).toBe('急诊科全科医学科党支部');
    const arrears = (await secretary.get('/api/v1/dues/arrears?pageSize=200')).json();
    expect(arrears.items.length).toBeGreaterThan(0);
    for (const x of arrears.items) expect(x.orgId).toBe(erBranchId);
    const bases = (await secretary.get('/api/v1/dues/bases?pageSize=200')).json();
    expect(bases.total).toBeGreaterThan(0);
    for (const x of bases.items) expect(ids.has(x.id)).toBe(true);
    const entries = (await secretary.get('/api/v1/dues/entries?pageSize=200')).json();
    for (const x of entries.items) expect(x.orgId).toBe(erBranchId);
    const collection = (await secretary.get('/api/v1/dues/reports/collection?year=2026&month=10')).json();
    expect(collection.items.map((x: { id: number }) => x.id)).toEqual([erBranchId]);
    const all = (await org.get('/api/v1/dues/reports/collection?year=2026')).json();
    expect(all.items.length).toBeGreaterThan(20);
    expect(all.items.some((x: { toCentreCents: number }) => x.toCentreCents >= 100_000)).toBe(true);
    const mine = (await (await t.login('member')).get('/api/v1/dues/my')).json();
    expect(mine.months.length).toBeGreaterThan(0);
  });
});
