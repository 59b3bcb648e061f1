import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { idFor } from './testRoster.js';
import { firstActiveMemberOf } from '../../test/fixtures/members.js';
import { openIdNumber } from '../../db/sealed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const BRANCH = '急诊科全科医学科党支部';

function aMember(branch = BRANCH) {
  return firstActiveMemberOf(t.database.db, branch, 'full');
}

describe('member profile', () => {
  it('GET /members/:id: 401 → 400 → 403 → 200, masked for a secretary, out of scope elsewhere', async () => {
    const m = await aMember();
    expect((await t.anonymous().get(`/api/v1/members/${m.id}`)).statusCode).toBe(401);
    const org = await t.login('org');
    expect((await org.get('/api/v1/members/0')).statusCode).toBe(400);
    expect((await (await t.login('leader')).get(`/api/v1/members/${m.id}`)).statusCode).toBe(403);
    const other = await aMember('心血管内科党支部');
    const secretary = await t.login('secretary');
    expect(errorOf(await secretary.get(`/api/v1/members/${other.id}`)).code).toBe('OUT_OF_SCOPE');
    const masked = (await secretary.get(`/api/v1/members/${m.id}`)).json();
    expect(masked.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const full = (await org.get(`/api/v1/members/${m.id}`)).json();
    expect(full).toMatchObject({ id: m.id, idNumber: openIdNumber(m.id_number_enc), orgName: BRANCH, version: m.version });
    expect(full.orgPeriods.at(-1)).toMatchObject({ orgName: BRANCH, toOn: null });
  });

  it('PATCH keeps each changed field in the history, checks dates and answers 409 to a stale version', async () => {
    const m = await aMember();
    const secretary = await t.login('secretary');
    expect((await t.anonymous().patch(`/api/v1/members/${m.id}`, { version: m.version })).statusCode).toBe(401);
    expect(errorOf(await secretary.patch(`/api/v1/members/${m.id}`, { version: m.version, title: '大师' })).details?.[0]?.path).toBe('body.title');
    expect((await (await t.login('jijian')).patch(`/api/v1/members/${m.id}`, { version: m.version, post: 'x' })).statusCode).toBe(403);
    const badDate = await secretary.patch(`/api/v1/members/${m.id}`, { version: m.version, fullOn: '1950-01-01' });
    expect(badDate.statusCode).toBe(400);
    expect(errorOf(badDate).details).toEqual([{ path: 'body.fullOn', message: '转正日期不能早于入党日期' }]);
    const ok = await secretary.patch(`/api/v1/members/${m.id}`, { version: m.version, post: '科室秘书', phone: '13700000000', lostContact: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(m.version + 1);
    const stale = await secretary.patch(`/api/v1/members/${m.id}`, { version: m.version, post: '另一个' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    const history = (await secretary.get(`/api/v1/members/${m.id}/history`)).json().items;
    const fields = history.map((h: { field: string }) => h.field).sort();
    expect(fields).toEqual(['lost_contact', 'phone', 'post']);
    expect(history.find((h: { field: string }) => h.field === 'post')).toMatchObject({ from: m.post, to: '科室秘书', source: 'edit', username: 'secretary' });
    // The secretary may not see phone numbers: the history masks them too.
    expect(history.find((h: { field: string }) => h.field === 'phone').to).toBe('137****0000');
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'member').where('entity_id', '=', String(m.id)).execute();
    expect(audit.length).toBe(1);
  });

  it('POST /members checks the ID number and its gender', async () => {
    const org = await t.login('org');
    const branch = (await t.database.db.selectFrom('orgs').select('id').where('name', '=', BRANCH).executeTakeFirstOrThrow()).id;
    const body = { name: '己新', idNumber: idFor('1990-01-02', 31), category: 'full', orgId: branch, joinedOn: '2015-07-01', fullOn: '2016-07-01' };
    expect((await t.anonymous().post('/api/v1/members', body)).statusCode).toBe(401);
    const bad = await org.post('/api/v1/members', { ...body, idNumber: `${body.idNumber.slice(0, 17)}${body.idNumber.endsWith('0') ? '1' : '0'}` });
    expect(errorOf(bad).details).toEqual([{ path: 'body.idNumber', message: '身份证号校验位不正确（GB 11643）' }]);
    expect(errorOf(await org.post('/api/v1/members', { ...body, gender: 'female' })).details?.[0]?.path).toBe('body.gender');
    expect((await (await t.login('jijian')).post('/api/v1/members', body)).statusCode).toBe(403);
    const res = await org.post('/api/v1/members', body);
    expect(res.statusCode).toBe(201);
    expect((await org.post('/api/v1/members', body)).statusCode).toBe(409);
  });
});

describe('member search', () => {
  it('finds members by pinyin initials, full pinyin, ID suffix and department, with filters', async () => {
    const org = await t.login('org');
    const m = await aMember();
    expect(m.name_initials.length).toBeGreaterThan(1);
    const byInitials = (await org.get(`/api/v1/members?q=${m.name_initials.toUpperCase()}&pageSize=200`)).json();
    expect(byInitials.items.map((x: { id: number }) => x.id)).toContain(m.id);
    const expectedCount = await t.database.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', m.tenant_id)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('name_initials', 'like', `${m.name_initials}%`), eb('name_pinyin', 'like', `${m.name_initials}%`)]))
      .executeTakeFirstOrThrow();
    expect(byInitials.total).toBe(Number(expectedCount.n));
    const byPinyin = (await org.get(`/api/v1/members?q=${m.name_pinyin}&pageSize=200`)).json();
    expect(byPinyin.items.map((x: { id: number }) => x.id)).toContain(m.id);
    const bySuffix = (await org.get(`/api/v1/members?q=${openIdNumber(m.id_number_enc).slice(-6)}`)).json();
    expect(bySuffix.items.map((x: { id: number }) => x.id)).toEqual([m.id]);
    const filtered = (await org.get(`/api/v1/members?departmentId=${m.department_id}&category=full&pageSize=200`)).json();
    expect(filtered.items.every((x: { category: string }) => x.category === 'full')).toBe(true);
    expect(filtered.items.map((x: { id: number }) => x.id)).toContain(m.id);
    const secretary = await t.login('secretary');
    const other = await aMember('心血管内科党支部');
    expect((await secretary.get(`/api/v1/members?q=${openIdNumber(other.id_number_enc).slice(-8)}`)).json().total).toBe(0);
  });

  it('reports the member structure of a subtree, and exports it', async () => {
    const org = await t.login('org');
    expect((await t.anonymous().get('/api/v1/members/structure')).statusCode).toBe(401);
    expect((await org.get('/api/v1/members/structure?orgId=x')).statusCode).toBe(400);
    expect((await (await t.login('leader')).get('/api/v1/members/structure')).statusCode).toBe(403);
    const branch = (await t.database.db.selectFrom('orgs').select('id').where('name', '=', BRANCH).executeTakeFirstOrThrow()).id;
    const s = (await org.get(`/api/v1/members/structure?orgId=${branch}`)).json();
    const rows = await t.database.db.selectFrom('members').select(['education']).where('org_id', '=', branch).where('status', '=', 'active').execute();
    expect(s.total).toBe(rows.length);
    const education = s.dimensions.find((d: { key: string }) => d.key === 'education');
    expect(education.items.find((i: { label: string }) => i.label === '博士研究生').count).toBe(rows.filter((r) => r.education === '博士研究生').length);
    for (const d of s.dimensions) expect(d.items.reduce((n: number, i: { count: number }) => n + i.count, 0)).toBe(s.total);
    const xlsx = await org.get(`/api/v1/members/structure/export?orgId=${branch}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('labels code values in the reader’s language, counting them as stored', async () => {
    const org = await t.login('org');
    const branch = (await t.database.db.selectFrom('orgs').select('id').where('name', '=', BRANCH).executeTakeFirstOrThrow()).id;
    const zh = (await org.get(`/api/v1/members/structure?orgId=${branch}`)).json();
    expect((await org.put('/api/v1/auth/language', { language: 'en-US' })).statusCode).toBe(200);
    const en = (await org.get(`/api/v1/members/structure?orgId=${branch}`)).json();
    await org.put('/api/v1/auth/language', { language: 'zh-CN' });
    const byKey = (s: { dimensions: { key: string; items: { label: string; count: number }[] }[] }, key: string) => s.dimensions.find((d) => d.key === key)!.items;
    for (const key of ['education', 'title', 'jobCategory']) {
      expect(byKey(en, key).map((i) => i.count), key).toEqual(byKey(zh, key).map((i) => i.count));
      // No Chinese left in the English labels of code values.
      for (const item of byKey(en, key)) expect(item.label, `${key}: ${item.label}`).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(byKey(en, 'education').map((i) => i.label)).toContain('Doctorate');
    expect(byKey(en, 'title').map((i) => i.label)).toContain('Senior (associate)');
  });
});
