import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, errorOf } from '../../test/harness.js';
import { type ServiceUnit, serviceApp } from '../../test/fixtures/service.js';
import { projectBody, proposeProject, review } from '../../test/fixtures/projects.js';
import { postFile } from '../../test/multipart.js';
import { projectTaskDigest } from './digest.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let u: ServiceUnit;

beforeAll(async () => {
  ({ t, u } = await serviceApp('prj', TODAY));
}, 120_000);
afterAll(() => t?.close());

type Detail = { version: number; stage: string; tasks: Array<{ id: number; version: number; title: string; ownerName: string; state: string; overdue: boolean }>; next: string[]; canEdit: boolean; canReview: boolean; progress: { done: number; total: number; overdue: number } };
const detail = async (id: number, client = u.secretary) => (await client.get(`/api/v1/projects/${id}`)).json() as Detail;
const mine = () => projectBody(u.branchId, [u.memberIds[1]!, u.memberIds[2]!]);

describe('proposing a project', () => {
  it('POST /projects: 401 → 400 naming the field → 403 → 201 with its tasks, audited', async () => {
    expect((await t.anonymous().post('/api/v1/projects', mine())).statusCode).toBe(401);
    const area = await u.secretary.post('/api/v1/projects', { ...mine(), area: '宇宙探索' });
    expect(area.statusCode).toBe(400);
    expect(errorOf(area).details?.[0]?.path).toBe('body.area');
    const owner = await u.secretary.post('/api/v1/projects', projectBody(u.branchId, [u.memberIds[1]!, u.otherMemberId]));
    expect(errorOf(owner).details?.[0]?.path).toBe('body.tasks[1].ownerMemberId');
    expect(errorOf(await u.secretary.post('/api/v1/projects', { ...mine(), endsOn: '2026-01-01' })).details?.[0]?.path).toBe('body.endsOn');
    const due = await u.secretary.post('/api/v1/projects', projectBody(u.branchId, [u.memberIds[1]!], { endsOn: '2026-06-30' }));
    expect(errorOf(due).details?.[0]?.path).toBe('body.tasks[1].dueOn');
    expect(errorOf(await u.secretary.post('/api/v1/projects', { ...mine(), orgId: u.generalId })).details?.[0]?.path).toBe('body.orgId');
    const actual = await u.secretary.post('/api/v1/projects', { ...mine(), outcomes: [{ indicator: 'D2B', unit: '分钟', target: 75, actual: 70 }] });
    expect(errorOf(actual).details?.[0]?.path).toBe('body.outcomes[0].actual');
    expect((await u.member.post('/api/v1/projects', mine())).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/projects', mine())).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/projects', projectBody(u.otherBranchId, [u.otherMemberId]))).statusCode).toBe(403);
    const id = await proposeProject(u.secretary, mine());
    const d = await detail(id);
    expect(d).toMatchObject({ stage: 'proposed', canEdit: true, canReview: false, next: ['withdrawn'], progress: { done: 0, total: 2, overdue: 0 } });
    expect(d.tasks.map((x) => x.ownerName)).toEqual(['王科普', '赵志愿']);
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('tenant_id', '=', u.unit.tenantId).where('entity_type', '=', 'project').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.summary)).toEqual(['申报一线项目：胸痛中心救治时间缩短（急诊科全科医学科党支部）']);
  });
});

describe('the lifecycle', () => {
  it('a branch cannot approve its own project; results wait for 立项; 立项 → 中期检查 → 验收 with a conclusion; 409 on a stale version; closed stays closed', async () => {
    const id = await proposeProject(u.secretary, mine());
    const first = (await detail(id)).tasks[0]!;
    // The branch has no projects.review: it never approves or accepts its own project.
    expect((await u.secretary.post(`/api/v1/projects/${id}/review`, { version: 1, stage: 'approved', on: '2026-03-05' })).statusCode).toBe(403);
    // Decided: tasks are planned while proposed, but a result (done, or a result text) waits for 立项.
    const early = await u.secretary.put(`/api/v1/projects/${id}/tasks/${first.id}`, { title: first.title, ownerMemberId: u.memberIds[1], dueOn: '2026-04-30', status: 'done', doneOn: '2026-04-20', result: '流程图已印发', version: 1 });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('PROJECT_NOT_RUNNING');

    expect((await t.anonymous().post(`/api/v1/projects/${id}/review`, { version: 1, stage: 'approved', on: '2026-03-05' })).statusCode).toBe(401);
    expect(errorOf(await u.office.post(`/api/v1/projects/${id}/review`, { version: 1, stage: 'approved', on: '2027-03-05' })).details?.[0]?.path).toBe('body.on');
    expect(errorOf(await u.office.post(`/api/v1/projects/${id}/review`, { version: 1, stage: 'accepted', on: '2026-03-05', conclusion: '优秀' })).details?.[0]?.path).toBe('body.stage');
    expect(errorOf(await u.office.post(`/api/v1/projects/${id}/review`, { version: 1, stage: 'approved', on: '2026-03-05', conclusion: '优秀' })).details?.[0]?.path).toBe('body.conclusion');
    expect((await u.office.post(`/api/v1/projects/${id}/review`, { version: 1, stage: 'approved', on: '2026-03-05', note: '同意立项' })).statusCode).toBe(200);
    expect((await u.office.post(`/api/v1/projects/${id}/review`, { version: 1, stage: 'midterm', on: '2026-07-01' })).statusCode).toBe(409);
    expect(errorOf(await u.office.post(`/api/v1/projects/${id}/review`, { version: 2, stage: 'approved', on: '2026-03-05' })).details?.[0]?.path).toBe('body.stage');
    // 验收 waits for the mid-term check, and says so.
    const earlyAcceptance = await u.office.post(`/api/v1/projects/${id}/review`, { version: 2, stage: 'accepted', on: '2026-07-01', conclusion: '优秀' });
    expect(earlyAcceptance.statusCode).toBe(400);
    expect(errorOf(earlyAcceptance)).toMatchObject({ code: 'PROJECT_MIDTERM_FIRST', details: [{ path: 'body.stage', message: '阶段：项目须先完成中期检查，才能验收' }] });
    expect(errorOf(await u.office.post(`/api/v1/projects/${id}/review`, { version: 2, stage: 'midterm', on: '2026-03-01' })).details?.[0]?.path).toBe('body.on');

    const done = await u.secretary.put(`/api/v1/projects/${id}/tasks/${first.id}`, { title: first.title, ownerMemberId: u.memberIds[1], dueOn: '2026-04-30', status: 'done', doneOn: '2026-04-20', result: '流程图已印发', version: 1 });
    expect(done.statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/projects/${id}/tasks/${first.id}`, { title: first.title, ownerMemberId: u.memberIds[1], dueOn: '2026-04-30', version: 1 })).statusCode).toBe(409);
    expect(errorOf(await u.secretary.put(`/api/v1/projects/${id}/tasks/${first.id}`, { title: first.title, ownerMemberId: u.memberIds[1], dueOn: '2026-04-30', status: 'done', version: 2 })).details?.[0]?.path).toBe('body.doneOn');
    expect((await u.secretary.delete(`/api/v1/projects/${id}/tasks/${first.id}?version=2`)).statusCode).toBe(409);
    const v = (await detail(id)).version;
    expect((await u.secretary.put(`/api/v1/projects/${id}/outcomes`, { version: v, outcomes: [{ indicator: 'D2B 时间中位数', unit: '分钟', target: 75, actual: 68, better: 'lower' }] })).statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/projects/${id}/outcomes`, { version: v, outcomes: [] })).statusCode).toBe(409);

    await review(u.office, id, [['midterm', '2026-07-01']]);
    const w = (await detail(id)).version;
    expect(errorOf(await u.office.post(`/api/v1/projects/${id}/review`, { version: w, stage: 'accepted', on: '2026-11-20' })).details?.[0]?.path).toBe('body.conclusion');
    expect((await u.office.post(`/api/v1/projects/${id}/review`, { version: w, stage: 'accepted', on: '2026-11-20', conclusion: '优秀', note: '成效显著' })).statusCode).toBe(200);

    const after = await detail(id);
    expect(after).toMatchObject({ stage: 'accepted', canEdit: false, next: [], progress: { done: 1, total: 2, overdue: 0 } });
    expect((await u.secretary.put(`/api/v1/projects/${id}`, { ...mine(), version: after.version })).statusCode).toBe(409);
    expect((await u.secretary.post(`/api/v1/projects/${id}/withdraw`, { version: after.version, on: TODAY, note: '撤销' })).statusCode).toBe(409);
    const full = (await u.office.get(`/api/v1/projects/${id}`)).json();
    expect(full).toMatchObject({ approvedOn: '2026-03-05', approvalNote: '同意立项', midtermOn: '2026-07-01', acceptedOn: '2026-11-20', conclusion: '优秀', acceptanceNote: '成效显著' });
    expect(full.outcomes).toEqual([{ indicator: 'D2B 时间中位数', unit: '分钟', target: 75, actual: 68, better: 'lower', reached: true }]);
  });

  it('the branch withdraws a proposal; the 党委 rejects one; PUT changes the plan with 409 on a stale version', async () => {
    const a = await proposeProject(u.secretary, mine());
    expect((await u.secretary.put(`/api/v1/projects/${a}`, { ...mine(), title: '胸痛中心建设', version: 1 })).statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/projects/${a}`, { ...mine(), version: 1 })).statusCode).toBe(409);
    expect(errorOf(await u.secretary.put(`/api/v1/projects/${a}`, { ...mine(), endsOn: '2026-06-30', version: 2 })).details?.[0]?.path).toBe('body.endsOn');
    expect((await u.member.post(`/api/v1/projects/${a}/withdraw`, { version: 2, on: TODAY, note: '合并' })).statusCode).toBe(403);
    expect((await u.secretary.post(`/api/v1/projects/${a}/withdraw`, { version: 2, on: TODAY, note: '与院级项目合并' })).statusCode).toBe(200);
    expect((await detail(a)).stage).toBe('withdrawn');
    const b = await proposeProject(u.secretary, mine());
    expect((await u.office.post(`/api/v1/projects/${b}/review`, { version: 1, stage: 'rejected', on: TODAY, note: '目标不够具体' })).statusCode).toBe(200);
    expect((await detail(b)).stage).toBe('rejected');
  });
});

describe('scope', () => {
  it('another branch’s project: 403 to the secretary, 404 when missing; a member sees the projects they lead or own a task of', async () => {
    const other = await proposeProject(u.office, projectBody(u.otherBranchId, [u.otherMemberId], { title: '心衰患者随访管理' }));
    expect((await u.secretary.get(`/api/v1/projects/${other}`)).statusCode).toBe(403);
    expect((await u.secretary.get('/api/v1/projects/999999')).statusCode).toBe(404);
    expect((await u.secretary.get(`/api/v1/projects?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    expect((await u.secretary.get('/api/v1/projects?stage=nothing')).statusCode).toBe(400);
    expect((await t.anonymous().get('/api/v1/projects')).statusCode).toBe(401);
    const secList = (await u.secretary.get('/api/v1/projects')).json().items as Array<{ orgId: number }>;
    expect(secList.every((p) => p.orgId === u.branchId)).toBe(true);
    expect(((await u.office.get('/api/v1/projects?year=2026&pageSize=100')).json().items as Array<{ id: number }>).map((p) => p.id)).toContain(other);

    // 李急救 (the member account) owns a task of one project only.
    const withMember = await proposeProject(u.secretary, projectBody(u.branchId, [u.memberIds[1]!, u.memberIds[0]!], { title: '急救知识进社区' }));
    const memberList = (await u.member.get('/api/v1/projects')).json().items as Array<{ id: number }>;
    expect(memberList.map((p) => p.id)).toEqual([withMember]);
    expect((await u.member.get(`/api/v1/projects/${withMember}`)).json()).toMatchObject({ canEdit: false, canReview: false, next: [] });
    expect((await u.member.get(`/api/v1/projects/${other}`)).statusCode).toBe(403);
    expect((await u.member.get(`/api/v1/projects/${withMember}/report.docx`)).statusCode).toBe(200);
  });
});

describe('paging', () => {
  it('pages the list on the server: page and pageSize, the whole list’s total, accepted projects and overdue tasks', async () => {
    for (const title of ['分页项目甲', '分页项目乙', '分页项目丙']) await proposeProject(u.secretary, projectBody(u.branchId, [u.memberIds[1]!], { title }));
    type Page = { items: Array<{ id: number }>; total: number; accepted: number; overdue: number };
    const all = (await u.office.get('/api/v1/projects?year=2026&pageSize=100')).json() as Page;
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.items).toHaveLength(all.total);
    const first = (await u.office.get('/api/v1/projects?year=2026&page=1&pageSize=2')).json() as Page;
    const second = (await u.office.get('/api/v1/projects?year=2026&page=2&pageSize=2')).json() as Page;
    expect(first.items.map((p) => p.id)).toEqual(all.items.slice(0, 2).map((p) => p.id));
    expect(second.items.map((p) => p.id)).toEqual(all.items.slice(2, 4).map((p) => p.id));
    expect({ total: first.total, accepted: first.accepted, overdue: first.overdue }).toEqual({ total: all.total, accepted: all.accepted, overdue: all.overdue });
    // Twenty a page unless asked; bounds as on every list.
    expect(((await u.office.get('/api/v1/projects?year=2026')).json() as Page).items.length).toBe(Math.min(20, all.total));
    expect((await u.office.get('/api/v1/projects?pageSize=0')).statusCode).toBe(400);
    expect((await u.office.get('/api/v1/projects?page=0')).statusCode).toBe(400);
  });
});

describe('overdue tasks, Excel, Word, evidence', () => {
  it('counts overdue tasks on running projects, lists them in the digest, exports the list and the report', async () => {
    const id = await proposeProject(u.secretary, projectBody(u.branchId, [u.memberIds[1]!, u.memberIds[2]!], { title: '卒中绿色通道优化', area: '医疗服务', tasks: [{ title: '绘制卒中救治流程', ownerMemberId: u.memberIds[2], dueOn: '2026-11-10' }] }));
    const before = ((await u.office.get('/api/v1/projects?area=医疗服务&pageSize=100')).json().items as Array<{ id: number; progress: { overdue: number } }>).find((p) => p.id === id)!;
    expect(before.progress.overdue).toBe(0); // not yet approved: not chased
    await review(u.office, id, [['approved', '2026-03-10']]);
    const list = (await u.office.get('/api/v1/projects?stage=approved&pageSize=100')).json().items as Array<{ id: number; progress: { overdue: number }; overdueTasks: Array<{ ownerName: string }> }>;
    const row = list.find((p) => p.id === id)!;
    expect(row.progress.overdue).toBe(1);
    expect(row.overdueTasks).toEqual([expect.objectContaining({ ownerName: '赵志愿', dueOn: '2026-11-10' })]);
    expect((await detail(id)).tasks[0]).toMatchObject({ state: 'overdue', overdue: true });

    const items = await projectTaskDigest.itemsFor(t.database.db, u.unit.tenantId, TODAY);
    expect(items.filter((i) => i.projectId === id)).toEqual([expect.objectContaining({ orgId: u.branchId, ownerName: '赵志愿', dueOn: '2026-11-10' })]);
    const lines = projectTaskDigest.lines(items, '急诊科全科医学科党支部', 'zh-CN');
    expect(lines[0]).toMatch(/^一线项目：\d+ 名党员的 \d+ 项任务已逾期/);
    expect(lines.join()).not.toContain('赵志愿');

    expect((await u.member.get('/api/v1/projects/export')).statusCode).toBe(200);
    const sheet = await u.office.get('/api/v1/projects/export?year=2026');
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    const workbook = await workbookOf(sheet);
    const ws = workbook.worksheets[0]!;
    expect(ws.getRow(2).getCell(3).value).toBe('项目名称');
    const titles = ws.getColumn(3).values.map(String);
    expect(titles).toContain('卒中绿色通道优化');

    const docx = await u.secretary.get(`/api/v1/projects/${id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    for (const text of ['一线支部项目报告', '卒中绿色通道优化', '绘制卒中救治流程', '赵志愿', '逾期未完成']) expect(xml).toContain(text);
    expect((await u.secretary.get('/api/v1/projects/999999/report.docx')).statusCode).toBe(404);
  });

  it('an overdue task reaches its owner in person (a member with an account) and the branch’s secretary through the daily run; an inspector owning nothing gets nothing of their own', async () => {
    // u.member is the account of memberIds[0].
    const id = await proposeProject(u.secretary, projectBody(u.branchId, [u.memberIds[0]!], { title: '急诊滞留患者分流', tasks: [{ title: '建立滞留患者日报', ownerMemberId: u.memberIds[0], dueOn: '2026-11-16' }] }));
    await review(u.office, id, [['approved', '2026-03-10']]);
    const taskId = (await detail(id)).tasks[0]!.id;
    const run = await u.office.post('/api/v1/orglife/reminders/run');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().personal).toBeGreaterThanOrEqual(1);
    const member = (await u.member.get('/api/v1/orglife/notifications')).json();
    expect(member.own).toHaveLength(1);
    expect(member.own[0].items).toEqual([expect.objectContaining({ type: 'project_task_overdue', taskId, taskTitle: '建立滞留患者日报', dueOn: '2026-11-16' })]);
    const secretary = (await u.secretary.get('/api/v1/orglife/notifications')).json();
    expect(secretary.items.flatMap((d: { items: Array<{ taskId?: number }> }) => d.items).map((i: { taskId?: number }) => i.taskId)).toContain(taskId);
    expect((await u.inspector.get('/api/v1/orglife/notifications')).json().own).toEqual([]);
    expect((await u.office.post('/api/v1/orglife/reminders/run')).json().personal).toBe(0);
  });

  it('tasks: add (401 → 400 → 403 → 201), delete an open one; evidence: form upload, download, withdraw', async () => {
    const id = await proposeProject(u.secretary, mine());
    const task = { title: '质控数据月度分析', ownerMemberId: u.memberIds[2], dueOn: '2026-09-30' };
    expect((await t.anonymous().post(`/api/v1/projects/${id}/tasks`, task)).statusCode).toBe(401);
    expect(errorOf(await u.secretary.post(`/api/v1/projects/${id}/tasks`, { ...task, dueOn: '2027-09-30' })).details?.[0]?.path).toBe('body.dueOn');
    expect((await u.inspector.post(`/api/v1/projects/${id}/tasks`, task)).statusCode).toBe(403);
    const taskId = (await u.secretary.post(`/api/v1/projects/${id}/tasks`, task)).json().id;
    expect((await u.secretary.delete(`/api/v1/projects/${id}/tasks/${taskId}?version=1`)).statusCode).toBe(204);

    expect((await postFile(u.secretary, `/api/v1/projects/${id}/files`, { name: 'a.svg', content: Buffer.from('<svg/>') })).statusCode).toBe(400);
    expect((await postFile(u.inspector, `/api/v1/projects/${id}/files`, { name: '方案.png', content: PNG })).statusCode).toBe(403);
    const file = (await postFile(u.secretary, `/api/v1/projects/${id}/files`, { name: '方案.png', content: PNG })).json();
    expect((await u.office.get(`/api/v1/projects/${id}/files/${file.id}`)).headers['content-type']).toBe('image/png');
    expect((await u.secretary.get(`/api/v1/projects/${id}`)).json().evidence).toHaveLength(1);
    expect((await u.secretary.post(`/api/v1/projects/${id}/files/${file.id}/withdraw`, { reason: '换成盖章版' })).json().withdrawn).toBe(true);
    expect((await u.secretary.get(`/api/v1/projects/${id}/files/${file.id}`)).statusCode).toBe(404);
  });

  it('withdraw evidence: 401 → 400 without a reason → 403 (an inspector, a member) → 200 audited, listed struck through with the reason', async () => {
    const id = await proposeProject(u.secretary, mine());
    const file = (await postFile(u.secretary, `/api/v1/projects/${id}/files`, { name: '任务完成证明.png', content: PNG })).json().id as number;
    const url = `/api/v1/projects/${id}/files/${file}/withdraw`;
    expect((await t.anonymous().post(url, { reason: '传错了' })).statusCode).toBe(401);
    expect(errorOf(await u.secretary.post(url, { reason: '' })).details?.[0]?.path).toBe('body.reason');
    expect((await u.inspector.post(url, { reason: '传错了' })).statusCode).toBe(403);
    expect((await u.member.post(url, { reason: '传错了' })).statusCode).toBe(403);
    expect((await u.secretary.post(url, { reason: '传错了' })).statusCode).toBe(200);
    expect((await u.secretary.post(url, { reason: '再撤' })).statusCode).toBe(409);
    expect((await u.secretary.get(`/api/v1/projects/${id}`)).json().evidence).toMatchObject([{ id: file, withdrawn: true, withdrawnReason: '传错了' }]);
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'project_file').where('entity_id', '=', String(file)).execute();
    expect(audit.map((a) => a.summary)).toContainEqual(expect.stringContaining('撤回一线项目佐证材料'));
  });

  it('a task’s owner and due date change after 立项 (the plan stays editable while the project runs); results only after 立项; nothing changes once accepted', async () => {
    const id = await proposeProject(u.secretary, mine());
    const first = (await detail(id)).tasks[0]!;
    const put = (body: Record<string, unknown>) => u.secretary.put(`/api/v1/projects/${id}/tasks/${first.id}`, { title: first.title, ownerMemberId: u.memberIds[1], dueOn: '2026-04-30', ...body });
    // Proposed: the plan changes, a result does not.
    expect((await put({ dueOn: '2026-05-31', version: 1 })).statusCode).toBe(200);
    const early = await put({ result: '已完成', version: 2 });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early)).toMatchObject({ code: 'PROJECT_NOT_RUNNING', message: '项目立项后才能记录任务完成情况' });
    await review(u.office, id, [['approved', '2026-03-05']]);
    // Approved: another owner in the branch and a later due date within the project.
    expect(errorOf(await put({ ownerMemberId: u.otherMemberId, version: 2 })).details?.[0]?.path).toBe('body.ownerMemberId');
    expect(errorOf(await put({ dueOn: '2027-06-30', version: 2 })).details?.[0]?.path).toBe('body.dueOn');
    expect((await u.inspector.put(`/api/v1/projects/${id}/tasks/${first.id}`, { title: first.title, ownerMemberId: u.memberIds[2], dueOn: '2026-06-30', version: 2 })).statusCode).toBe(403);
    const moved = await put({ title: '绘制并印发卒中救治流程', ownerMemberId: u.memberIds[2], dueOn: '2026-06-30', version: 2 });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await detail(id)).tasks.find((x) => x.id === first.id)!;
    expect(after).toMatchObject({ title: '绘制并印发卒中救治流程', version: 3 });
    expect(after.ownerName).not.toBe(first.ownerName);
    expect((await put({ ownerMemberId: u.memberIds[2], dueOn: '2026-06-30', status: 'done', doneOn: '2026-06-20', result: '流程图已印发', version: 3 })).statusCode).toBe(200);
    await review(u.office, id, [['midterm', '2026-07-01'], ['accepted', '2026-11-20']]);
    const closed = await put({ ownerMemberId: u.memberIds[2], dueOn: '2026-07-31', version: 4 });
    expect(closed.statusCode).toBe(409);
    expect(errorOf(closed).code).toBe('PROJECT_CLOSED');
  });

  it('the unit’s areas: read by all who read projects, changed by the office only', async () => {
    const s = (await u.secretary.get('/api/v1/projects/settings')).json();
    expect(s.areas).toContain('学科建设');
    expect((await u.secretary.put('/api/v1/projects/settings', { version: s.version, areas: ['学科建设'] })).statusCode).toBe(403);
    const saved = await u.office.put('/api/v1/projects/settings', { version: s.version, areas: [...s.areas, '护理质量'] });
    expect(saved.statusCode).toBe(200);
    expect((await u.office.put('/api/v1/projects/settings', { version: s.version, areas: ['学科建设'] })).statusCode).toBe(409);
    expect((await u.secretary.post('/api/v1/projects', { ...mine(), area: '护理质量' })).statusCode).toBe(201);
  });
});
