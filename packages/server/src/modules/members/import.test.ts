import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { postRoster, idFor, rosterFile } from './testRoster.js';
import { idNumberHash, openIdNumber, openPhone } from '../../db/sealed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const BRANCH = '急诊科全科医学科党支部';
// Headings in an unusual order, with synonyms and a hint in brackets.
const HEADERS = ['序号', '党员姓名', '身份证号（18位）', '性 别', '所在支部', '入党时间', '转正日期', '党员类别', '文化程度', '手机号', '科室'];

async function memberCount() {
  const r = await t.database.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('POST /api/v1/members/import/preview', () => {
  it('401 → 400 → 403 → 200', async () => {
    expect((await postRoster(t.anonymous(), 'preview', Buffer.from('x'))).statusCode).toBe(401);
    const org = await t.login('org');
    const bad = await org.post('/api/v1/members/import/preview', {});
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.[0]?.path).toBe('body.file');
    // The kind comes from the bytes: text named .xlsx is refused by the upload kit, naming the kind the import takes.
    const notExcel = await postRoster(org, 'preview', Buffer.from('hello'), '名册.xlsx');
    expect(errorOf(notExcel)).toMatchObject({ code: 'UPLOAD_TYPE_ONLY', details: [{ path: 'body.file', message: '文件“名册.xlsx”不是可接收的类型：请上传 .xlsx、.xls 文件' }] });
    const jijian = await t.login('jijian');
    const file = await rosterFile(HEADERS, [[1, '测试甲', idFor('1990-03-07', 11), '男', BRANCH, '2015-07-01', '2016-07-01', '正式党员', '本科', '13800000000', '急诊科']]);
    expect((await postRoster(jijian, 'preview', file)).statusCode).toBe(403);
    const res = await postRoster(org, 'preview', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ added: 1, updated: 0, errorRows: 0 });
  });

  it('refuses a sheet without a recognisable header row, naming the missing columns', async () => {
    const org = await t.login('org');
    const file = await rosterFile(['甲', '乙', '丙'], [[1, 2, 3]]);
    const res = await postRoster(org, 'preview', file);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('ROSTER_HEADER_NOT_FOUND');
    expect(errorOf(res).message).toContain('姓名');
  });

  // The messy-roster table: each row is one case, with the column and the reason expected.
  const birth = '1988-05-20';
  const cases: { label: string; row: unknown[]; field?: string; message?: string }[] = [
    { label: 'date as 2019.07', row: ['甲一', idFor(birth, 13), '男', BRANCH, '2019.07', '2020.07', '正式党员', '本科', '13800000001', '急诊科'] },
    { label: 'date as 2019年7月1日', row: ['甲二', idFor(birth, 15), '男', BRANCH, '2019年7月1日', '2020年7月1日', '正式', '硕士', '13800000002', '急诊科'] },
    { label: 'Excel serial date', row: ['甲三', idFor(birth, 17), '男', BRANCH, 43647, 44013, '正式党员', '21', '13800000003', '急诊科'] },
    { label: 'full-width ID and stray spaces', row: ['  甲 四 ', idFor(birth, 19).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), ' 男 ', ` ${BRANCH} `, '2019-07-01', '2020-07-01', '正式党员', '大学本科', '138 0000 0004', '急诊科'] },
    { label: 'probationary without a full date', row: ['甲五', idFor(birth, 21), '男', BRANCH, '2026-03-01', '', '预备党员', '博士', '13800000005', '急诊科'] },
    { label: 'ID stored as a number', row: ['乙一', Number(idFor(birth, 23).slice(0, 17)) * 10, '男', BRANCH, '2019-07-01', '2020-07-01', '正式党员', '本科', '', '急诊科'], field: 'idNumber', message: '存成了数字' },
    { label: 'wrong check digit', row: ['乙二', `${idFor(birth, 25).slice(0, 17)}${idFor(birth, 25).endsWith('0') ? '1' : '0'}`, '男', BRANCH, '2019-07-01', '2020-07-01', '正式党员', '本科', '', '急诊科'], field: 'idNumber', message: '校验位不正确' },
    { label: 'impossible birth date in the ID', row: ['乙三', '11010119880230001X', '男', BRANCH, '2019-07-01', '2020-07-01', '正式党员', '本科', '', '急诊科'], field: 'idNumber', message: '出生日期不存在' },
    { label: 'gender does not match the ID', row: ['乙四', idFor(birth, 27), '女', BRANCH, '2019-07-01', '2020-07-01', '正式党员', '本科', '', '急诊科'], field: 'gender', message: '性别不符' },
    { label: 'joined before birth', row: ['乙五', idFor(birth, 29), '男', BRANCH, '1980-07-01', '1981-07-01', '正式党员', '本科', '', '急诊科'], field: 'joinedOn', message: '不能早于出生日期' },
    { label: 'full before joined', row: ['乙六', idFor(birth, 31), '男', BRANCH, '2019-07-01', '2018-07-01', '正式党员', '本科', '', '急诊科'], field: 'fullOn', message: '早于入党日期' },
    { label: 'probationary with a full date', row: ['乙七', idFor(birth, 33), '男', BRANCH, '2019-07-01', '2020-07-01', '预备党员', '本科', '', '急诊科'], field: 'fullOn', message: '预备党员不应有转正日期' },
    { label: 'unknown branch', row: ['乙八', idFor(birth, 35), '男', '不存在党支部', '2019-07-01', '2020-07-01', '正式党员', '本科', '', '急诊科'], field: 'orgName', message: '没有名为“不存在党支部”' },
    { label: 'unreadable date', row: ['乙九', idFor(birth, 37), '男', BRANCH, '去年七月', '2020-07-01', '正式党员', '本科', '', '急诊科'], field: 'joinedOn', message: '不是有效日期' },
    { label: 'duplicate inside the file', row: ['甲一', idFor(birth, 13), '男', BRANCH, '2019.07', '2020.07', '正式党员', '本科', '', '急诊科'], field: 'idNumber', message: '与第 4 行重复' },
    { label: 'unknown education', row: ['乙十', idFor(birth, 39), '男', BRANCH, '2019-07-01', '2020-07-01', '正式党员', '私塾', '', '急诊科'], field: 'education', message: '无法识别“私塾”' },
  ];

  it('reads the messy-roster cases and names the row, column and reason of each error', async () => {
    const org = await t.login('org');
    const file = await rosterFile(HEADERS, cases.map((c, i) => [i + 1, ...c.row]));
    const res = await postRoster(org, 'preview', file);
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as { row: number; action: string; errors: { path: string; message: string }[] }[];
    cases.forEach((c, i) => {
      const row = rows.find((r) => r.row === i + 4)!; // title, blank and header rows come first
      if (!c.field) {
        expect(row.errors, c.label).toEqual([]);
        expect(row.action, c.label).toBe('add');
      } else {
        const e = row.errors.find((x) => x.path === `rows[${i + 4}].${c.field}`);
        expect(e, `${c.label}: ${JSON.stringify(row.errors)}`).toBeDefined();
        expect(e!.message, c.label).toContain(c.message!);
        expect(e!.message, c.label).toContain(`第 ${i + 4} 行`);
      }
    });
  });

  it('limits a branch secretary to their branch', async () => {
    const secretary = await t.login('secretary');
    const file = await rosterFile(HEADERS, [[1, '丙一', idFor('1991-01-01', 11), '男', '心血管内科党支部', '2015-07-01', '2016-07-01', '正式党员', '本科', '', '心血管内科']]);
    const rows = (await postRoster(secretary, 'preview', file)).json().rows;
    expect(rows[0].errors[0].message).toContain('不在您的管理范围内');
  });
});

describe('rosters as offices lay them out', () => {
  it('skips footers (合计, 填表人, 审核人, 制表日期), also after a blank row, and commits the rest', async () => {
    const org = await t.login('org');
    const rows: unknown[][] = [
      [1, '戊一', idFor('1980-04-04', 11), '男', BRANCH, '2008-07-01', '2009-07-01', '正式党员', '本科', '13800001001', '急诊科'],
      [2, '戊二', idFor('1981-04-04', 12), '女', BRANCH, '2009-07-01', '2010-07-01', '正式党员', '本科', '13800001002', '急诊科'],
      [],
      ['合计：2人'],
      ['填表人：王某某', '', '', '', '审核人：李某某'],
      ['', '制表日期：2026年11月20日'],
      ['共2人'],
    ];
    const file = await rosterFile(HEADERS, rows);
    const preview = (await postRoster(org, 'preview', file)).json();
    expect(preview).toMatchObject({ added: 2, errorRows: 0 });
    expect(preview.rows.map((r: { name: string }) => r.name)).toEqual(['戊一', '戊二']);
    const ok = await postRoster(org, 'commit', file);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ added: 2 });
  });

  it('reads a branch and a department merged down their rows as each row\'s own', async () => {
    // Offices merge a branch's name (and its department) down the rows of its members.
    const org = await t.login('org');
    const rows: unknown[][] = [
      [1, '己一', idFor('1982-05-05', 11), '男', BRANCH, '2008-07-01', '2009-07-01', '正式党员', '本科', '', '急诊科'],
      [2, '己二', idFor('1983-05-05', 12), '女', null, '2009-07-01', '2010-07-01', '正式党员', '本科', '', null],
      [3, '己三', idFor('1984-05-05', 13), '男', null, '2010-07-01', '2011-07-01', '正式党员', '本科', '', null],
    ];
    // Title, blank and header rows come first: the members are rows 4–6; 所在支部 is column E, 科室 column K.
    const file = await rosterFile(HEADERS, rows, { merges: ['E4:E6', 'K4:K6'] });
    const preview = (await postRoster(org, 'preview', file)).json();
    expect(preview).toMatchObject({ added: 3, errorRows: 0 });
    expect(preview.rows.map((r: { name: string; orgName: string }) => [r.name, r.orgName])).toEqual([
      ['己一', BRANCH],
      ['己二', BRANCH],
      ['己三', BRANCH],
    ]);
  });

  it('normalises 民族 to the official names and refuses what is none of them', async () => {
    const org = await t.login('org');
    const headers = [...HEADERS, '民族'];
    const file = await rosterFile(headers, [
      [1, '己一', idFor('1982-05-05', 11), '男', BRANCH, '2008-07-01', '2009-07-01', '正式党员', '本科', '', '急诊科', '汉'],
      [2, '己二', idFor('1982-05-05', 13), '男', BRANCH, '2008-07-01', '2009-07-01', '正式党员', '本科', '', '急诊科', '维吾尔'],
      [3, '己三', idFor('1982-05-05', 15), '男', BRANCH, '2008-07-01', '2009-07-01', '正式党员', '本科', '', '急诊科', '汉人'],
    ]);
    const rows = (await postRoster(org, 'preview', file)).json().rows;
    expect(rows[0].errors).toEqual([]);
    expect(rows[2].errors).toEqual([{ path: 'rows[6].ethnicity', message: '第 6 行“民族”：“汉人”不是 56 个民族的规范名称（如 汉族、回族）' }]);
    const fixed = await rosterFile(headers, [
      [1, '己一', idFor('1982-05-05', 11), '男', BRANCH, '2008-07-01', '2009-07-01', '正式党员', '本科', '', '急诊科', '汉'],
      [2, '己二', idFor('1982-05-05', 13), '男', BRANCH, '2008-07-01', '2009-07-01', '正式党员', '本科', '', '急诊科', '维吾尔'],
    ]);
    expect((await postRoster(org, 'commit', fixed)).statusCode).toBe(201);
    const stored = await t.database.db.selectFrom('members').select(['name', 'ethnicity']).where('name', 'in', ['己一', '己二']).orderBy('name').execute();
    expect(stored).toEqual([{ name: '己一', ethnicity: '汉族' }, { name: '己二', ethnicity: '维吾尔族' }]);
  });

  it('says an ID number stored as an Excel number lost its last digits, and nothing misleading', async () => {
    const org = await t.login('org');
    // 18 digits typed into a number cell: Excel keeps 15 significant digits.
    const typed = idFor('1990-01-01', 12);
    const stored = Number(`${typed.slice(0, 15)}000`);
    const file = await rosterFile(HEADERS, [[1, '庚一', stored, '男', BRANCH, '2012-07-01', '2013-07-01', '正式党员', '本科', '', '急诊科'], [2, '庚二', '1.10101199001E+17', '男', BRANCH, '2012-07-01', '2013-07-01', '正式党员', '本科', '', '急诊科']]);
    const rows = (await postRoster(org, 'preview', file)).json().rows;
    expect(rows[0].errors).toEqual([{ path: 'rows[4].idNumber', message: '第 4 行“身份证号(18位)”：身份证号被存成了数字，末几位已丢失：请把该列设为文本后重新填写' }]);
    expect(rows[1].errors).toEqual([{ path: 'rows[5].idNumber', message: '第 5 行“身份证号(18位)”：身份证号被存成了数字，末几位已丢失：请把该列设为文本后重新填写' }]);
  });

  it('refuses 入党日期 before the 18th birthday, naming both dates', async () => {
    const org = await t.login('org');
    const file = await rosterFile(HEADERS, [[1, '辛一', idFor('2015-03-01', 11), '男', BRANCH, '2024-07-01', '', '预备党员', '本科', '', '急诊科']]);
    const rows = (await postRoster(org, 'preview', file)).json().rows;
    expect(rows[0].errors).toEqual([{ path: 'rows[4].joinedOn', message: '第 4 行“入党时间”：入党日期 2024-07-01 早于年满十八岁之日（出生日期 2015-03-01，最早 2033-03-01）' }]);
  });
});

describe('roster preview reveals nothing outside the caller\'s scope, and masks what it shows', () => {
  it('a row with the ID number of a member in another branch gets only "not in your scope"', async () => {
    const other = await t.database.db
      .selectFrom('members as m')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
      .select(['m.id', 'm.name', 'm.id_number_enc', 'm.phone_enc', 'm.address', 'm.education', 'o.name as org_name'])
      .where('o.name', '=', '心血管内科党支部')
      .where('m.status', '=', 'active')
      .where('m.phone_enc', '!=', '')
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const secretary = await t.login('secretary');
    const file = await rosterFile(HEADERS, [[1, '探测者', openIdNumber(other.id_number_enc), '', BRANCH, '2015-07-01', '2016-07-01', '正式党员', '博士', '13800009999', '急诊科']]);
    const res = await postRoster(secretary, 'preview', file);
    expect(res.statusCode).toBe(200);
    const row = res.json().rows[0];
    expect(row.changes).toEqual([]);
    expect(row.errors.map((e: { message: string }) => e.message)).toEqual(['第 4 行“身份证号(18位)”：该身份证号的党员不在您的管理范围内，不能通过导入修改；如有疑问请向党委组织部门咨询']);
    expect(row).toMatchObject({ action: 'error', name: '探测者', orgName: BRANCH });
    expect(row.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    for (const stored of [other.name, openPhone(other.phone_enc), openIdNumber(other.id_number_enc), other.org_name]) expect(res.body).not.toContain(stored);
    if (other.address) expect(res.body).not.toContain(other.address);
    // The commit refuses with the same words.
    const commit = await postRoster(secretary, 'commit', file);
    expect(commit.statusCode).toBe(400);
    for (const stored of [other.name, openPhone(other.phone_enc), openIdNumber(other.id_number_enc), other.org_name]) expect(commit.body).not.toContain(stored);
  });

  it('masks ID and phone numbers in a secretary\'s preview of their own members', async () => {
    const own = await t.database.db
      .selectFrom('members as m')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
      .select(['m.name', 'm.id_number_enc', 'm.phone_enc', 'm.joined_on', 'm.full_on'])
      .where('o.name', '=', BRANCH)
      .where('m.status', '=', 'active')
      .where('m.category', '=', 'full')
      .where('m.phone_enc', '!=', '')
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const secretary = await t.login('secretary');
    const file = await rosterFile(['姓名', '身份证号', '手机号'], [[own.name, openIdNumber(own.id_number_enc), '13800007777']]);
    const res = await postRoster(secretary, 'preview', file);
    const row = res.json().rows[0];
    expect(row.action).toBe('update');
    expect(row.changes).toEqual([{ field: 'phone', from: `${openPhone(own.phone_enc).slice(0, 3)}****${openPhone(own.phone_enc).slice(-4)}`, to: '138****7777' }]);
    expect(res.body).not.toContain(openIdNumber(own.id_number_enc));
    expect(res.body).not.toContain(openPhone(own.phone_enc));
    expect(res.body).not.toContain('13800007777');
  });
});

describe('POST /api/v1/members/import/commit', () => {
  const good = () => [
    [1, '丁一', idFor('1985-02-03', 11), '男', BRANCH, '2010.07', '2011.07', '正式党员', '硕士研究生', '13900000001', '急诊科'],
    [2, '丁二', idFor('1992-12-30', 12), '女', BRANCH, '2020年6月30日', '', '预备党员', '14', '13900000002', '急诊科'],
  ];

  it('imports nothing when one row is bad, then all rows after the fix, and re-importing changes nothing', async () => {
    const org = await t.login('org');
    expect((await postRoster(t.anonymous(), 'commit', Buffer.from('x'))).statusCode).toBe(401);
    expect(errorOf(await postRoster(org, 'commit', Buffer.alloc(0))).code).toBe('UPLOAD_EMPTY');
    expect((await postRoster(await t.login('leader'), 'commit', await rosterFile(HEADERS, good()))).statusCode).toBe(403);
    const before = await memberCount();
    const broken = good();
    broken[1]![7] = '正式党员'; // 正式党员 is fine, but make the ID wrong:
    broken[1]![2] = `${String(broken[1]![2]).slice(0, 17)}${String(broken[1]![2]).endsWith('0') ? '1' : '0'}`;
    const bad = await postRoster(org, 'commit', await rosterFile(HEADERS, broken));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('ROSTER_ROWS_INVALID');
    expect(errorOf(bad).details?.[0]?.path).toBe('rows[5].idNumber');
    expect(await memberCount()).toBe(before);

    const file = await rosterFile(HEADERS, good());
    const ok = await postRoster(org, 'commit', file);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ added: 2, updated: 0 });
    expect(await memberCount()).toBe(before + 2);
    const added = await t.database.db.selectFrom('members').selectAll().where('id_number_hash', '=', idNumberHash(idFor('1992-12-30', 12))).executeTakeFirstOrThrow();
    expect(added).toMatchObject({ name: '丁二', gender: 'female', category: 'probationary', joined_on: '2020-06-30', full_on: null, education: '硕士研究生', name_initials: 'de', birth_date: '1992-12-30' });

    const again = await postRoster(org, 'commit', file);
    expect(again.json()).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(await memberCount()).toBe(before + 2);

    // A changed phone is an update, kept in the member's history.
    const changed = good();
    changed[0]![9] = '13912345678';
    const preview = (await postRoster(org, 'preview', await rosterFile(HEADERS, changed))).json();
    expect(preview).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect(preview.rows[0].changes).toEqual([{ field: 'phone', from: '13900000001', to: '13912345678' }]);
    await postRoster(org, 'commit', await rosterFile(HEADERS, changed));
    const m = await t.database.db.selectFrom('members').select(['id', 'phone_enc']).where('id_number_hash', '=', idNumberHash(idFor('1985-02-03', 11))).executeTakeFirstOrThrow();
    expect(openPhone(m.phone_enc)).toBe('13912345678');
    const history = (await org.get(`/api/v1/members/${m.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ field: 'phone', from: '13900000001', to: '13912345678', source: 'import' });
  });

  it('leaves the database untouched when one row in 5,000 is bad', async () => {
    const org = await t.login('org');
    const rows: unknown[][] = [];
    for (let i = 0; i < 5000; i++) {
      const b = `${1960 + Math.floor(i / 500)}-03-15`;
      rows.push([i + 1, `批量${i}`, idFor(b, 100 + (i % 500)), '', BRANCH, '2012-07-01', '2013-07-01', '正式党员', '本科', '', '急诊科']);
    }
    rows[4321]![5] = '2012-13-45';
    const before = await memberCount();
    const file = await rosterFile(HEADERS, rows);
    const started = Date.now();
    const res = await postRoster(org, 'commit', file);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ path: 'rows[4325].joinedOn' })]);
    expect(await memberCount()).toBe(before);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});

describe('roster template and export', () => {
  it('gives a template whose header row the import recognises, and an export in the same columns', async () => {
    expect((await t.anonymous().get('/api/v1/members/template')).statusCode).toBe(401);
    expect((await (await t.login('jijian')).get('/api/v1/members/template')).statusCode).toBe(403);
    const org = await t.login('org');
    const res = await org.get('/api/v1/members/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(2).values as unknown[]).filter(Boolean);
    expect(headers.slice(0, 4)).toEqual(['序号', '姓名', '性别', '公民身份号码']);
    const exported = await org.get(`/api/v1/members/export?q=${encodeURIComponent('急诊科')}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb2.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).filter(Boolean)).toEqual(headers);
    // The export, imported again, changes nothing.
    const back = Buffer.from(await wb2.xlsx.writeBuffer());
    const preview = (await postRoster(org, 'preview', back)).json();
    expect(preview.errorRows).toBe(0);
    expect(preview.added + preview.updated).toBe(0);
    expect(preview.unchanged).toBe(sheet.rowCount - 1);
  });
});
