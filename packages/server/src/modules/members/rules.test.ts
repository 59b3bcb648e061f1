import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { idFor } from './testRoster.js';
import { firstActiveMemberOf } from '../../test/fixtures/members.js';
import { openIdNumber } from '../../db/sealed.js';

// Rules of a member's record on every way in (form/API, transfer in), and what a refusal may reveal.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const BRANCH = '急诊科全科医学科党支部';
const OTHER = '心血管内科党支部';

async function orgIdOf(name: string) {
  return (await t.database.db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
function memberOf(branch: string) {
  return firstActiveMemberOf(t.database.db, branch);
}

describe('eighteen at joining (党章 第一条)', () => {
  it('POST /members refuses a member born 2015 who joined 2024, naming both dates', async () => {
    const org = await t.login('org');
    const body = { name: '童党员', idNumber: idFor('2015-03-01', 11), category: 'full', orgId: await orgIdOf(BRANCH), joinedOn: '2024-07-01' };
    const res = await org.post('/api/v1/members', body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ path: 'body.joinedOn', message: '入党日期 2024-07-01 早于年满十八岁之日：出生日期 2015-03-01，最早 2033-03-01 方可入党' }]);
    // The day of the 18th birthday is allowed; the day before is not.
    expect((await org.post('/api/v1/members', { ...body, name: '前一日', idNumber: idFor('1990-05-20', 13), joinedOn: '2008-05-19' })).statusCode).toBe(400);
    expect((await org.post('/api/v1/members', { ...body, name: '当日', idNumber: idFor('1990-05-20', 13), joinedOn: '2008-05-20' })).statusCode).toBe(201);
  });

  it('PATCH refuses a joining date before the 18th birthday', async () => {
    const m = await memberOf(BRANCH);
    const secretary = await t.login('secretary');
    const early = `${Number(m.birth_date!.slice(0, 4)) + 17}${m.birth_date!.slice(4)}`;
    const res = await secretary.patch(`/api/v1/members/${m.id}`, { version: m.version, joinedOn: early });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.[0]?.path).toBe('body.joinedOn');
    expect(errorOf(res).details?.[0]?.message).toContain(`出生日期 ${m.birth_date}`);
    expect(errorOf(res).details?.[0]?.message).toContain(early);
  });

  it('a transfer in refuses it too', async () => {
    const org = await t.login('org');
    const res = await org.post('/api/v1/transfers/in', { name: '转入童', idNumber: idFor('2010-01-01', 15), category: 'full', joinedOn: '2024-01-01', toOrgId: await orgIdOf(BRANCH), fromOrgName: '某县医院党支部', letterNo: 'T-18-1', effectiveOn: '2026-11-01' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.[0]?.message).toContain('2028-01-01');
  });
});

describe('民族: the 56 official names', () => {
  it('normalises short forms and refuses what is none of them, on create and edit', async () => {
    const org = await t.login('org');
    const base = { category: 'full', orgId: await orgIdOf(BRANCH), joinedOn: '2015-07-01', fullOn: '2016-07-01' };
    const created = await org.post('/api/v1/members', { ...base, name: '回族甲', idNumber: idFor('1988-08-08', 17), ethnicity: '回' });
    expect(created.statusCode).toBe(201);
    const row = await t.database.db.selectFrom('members').select(['ethnicity', 'version']).where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(row.ethnicity).toBe('回族');
    const bad = await org.post('/api/v1/members', { ...base, name: '未知族', idNumber: idFor('1988-08-08', 19), ethnicity: '火星' });
    expect(errorOf(bad).details).toEqual([{ path: 'body.ethnicity', message: '“火星”不是 56 个民族的规范名称（如 汉族、回族、维吾尔族）' }]);
    const edit = await org.patch(`/api/v1/members/${created.json().id}`, { version: row.version, ethnicity: '维吾尔' });
    expect(edit.statusCode).toBe(200);
    expect((await t.database.db.selectFrom('members').select('ethnicity').where('id', '=', created.json().id).executeTakeFirstOrThrow()).ethnicity).toBe('维吾尔族');
    expect((await org.patch(`/api/v1/members/${created.json().id}`, { version: row.version + 1, ethnicity: '汉人' })).statusCode).toBe(400);
  });
});

describe('an existing ID number names its holder only to those who may see them', () => {
  it('POST /members: in scope the name, out of scope only "ask the organisation office"', async () => {
    const secretary = await t.login('secretary');
    const own = await memberOf(BRANCH);
    const other = await memberOf(OTHER);
    const body = { name: '重复者', category: 'full', orgId: await orgIdOf(BRANCH), joinedOn: '2015-07-01', fullOn: '2016-07-01' };
    const inScope = await secretary.post('/api/v1/members', { ...body, idNumber: openIdNumber(own.id_number_enc) });
    expect(inScope.statusCode).toBe(409);
    expect(errorOf(inScope)).toMatchObject({ code: 'MEMBER_ID_NUMBER_TAKEN' });
    expect(errorOf(inScope).message).toContain(own.name);
    const outside = await secretary.post('/api/v1/members', { ...body, idNumber: openIdNumber(other.id_number_enc) });
    expect(outside.statusCode).toBe(409);
    expect(errorOf(outside)).toMatchObject({ code: 'MEMBER_ID_NUMBER_TAKEN_ELSEWHERE', message: '该身份证号已在本单位登记，请向党委组织部门咨询' });
    expect(outside.body).not.toContain(other.name);
    expect(outside.body).not.toContain(String(other.id));
  });

  it('POST /transfers/in: the same', async () => {
    const secretary = await t.login('secretary');
    const other = await memberOf(OTHER);
    const res = await secretary.post('/api/v1/transfers/in', {
      name: '冒名',
      idNumber: openIdNumber(other.id_number_enc),
      category: 'full',
      joinedOn: '2015-07-01',
      toOrgId: await orgIdOf(BRANCH),
      fromOrgName: '某县医院党支部',
      letterNo: 'T-ENUM-1',
      effectiveOn: '2026-11-01',
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('MEMBER_ID_NUMBER_TAKEN_ELSEWHERE');
    expect(res.body).not.toContain(other.name);
    // The organisation office sees the whole unit, so it is told who it is.
    const org = await t.login('org');
    const inScope = await org.post('/api/v1/transfers/in', { name: '冒名', idNumber: openIdNumber(other.id_number_enc), category: 'full', joinedOn: '2015-07-01', toOrgId: await orgIdOf(BRANCH), fromOrgName: '某县医院党支部', letterNo: 'T-ENUM-3', effectiveOn: '2026-11-01' });
    expect(errorOf(inScope).code).toBe('MEMBER_ID_NUMBER_TAKEN');
    expect(errorOf(inScope).message).toContain(other.name);
  });
});
