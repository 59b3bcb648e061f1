import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { buildApp } from '../src/app.js';
import { DEMO_PASSWORD } from '../src/demo/generate.js';
import { loadDemo } from '../src/demo/load.js';
import { type BenchResult, benchDatabase } from './context.js';
import { httpSignIn } from './session.js';

/**
 * The soak (issue 18): 50 virtual users for 10 minutes (SOAK_SECONDS, SOAK_USERS) against the real
 * app listening over the demo hospital, doing what a hospital's users do through the day: the
 * office browses lists and dashboards and exports Excel, secretaries record meetings, the office
 * previews a roster import, members open their home and their dues, a leader the overview.
 * Passes with zero errors (every answer the status the action expects) and flat memory: the
 * server's heap after a collection in the last minute no more than 20% (or 32 MB) above the
 * first minute's. The clients run in a worker thread, apart from the server's event loop.
 */

const ROLES = ['org', 'secretary', 'member', 'leader', 'dangban'] as const;
type Role = (typeof ROLES)[number];

/** One action of a virtual user: a request as a role, the status it expects. */
interface Action {
  role: Role;
  method: 'GET' | 'POST';
  url: string;
  /** JSON body, or 'roster' for the roster file as multipart. */
  body?: unknown;
  expect: number;
  /** Relative frequency in the mix. */
  weight: number;
  /** Names the action in the report. */
  name: string;
}

const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { base, sessions, actions, users, seconds, roster } = workerData;
  const rosterBytes = Buffer.from(roster, 'base64');
  const total = actions.reduce((a, x) => a + x.weight, 0);
  const pick = (r) => { let x = r * total; for (const a of actions) { x -= a.weight; if (x < 0) return a; } return actions[actions.length - 1]; };
  const stats = new Map();
  const errors = [];
  let seed = 20261204;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const until = Date.now() + seconds * 1000;
  const one = async (a) => {
    const s = sessions[a.role];
    const headers = { cookie: s.cookie };
    let body;
    if (a.method !== 'GET') headers['x-csrf-token'] = s.csrf;
    if (a.body === 'roster') {
      const form = new FormData();
      form.append('file', new Blob([rosterBytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), '党员名册.xlsx');
      body = form;
    } else if (a.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(a.body);
    }
    const start = performance.now();
    const res = await fetch(base + a.url, { method: a.method, headers, body });
    const bytes = await res.arrayBuffer();
    const ms = performance.now() - start;
    const st = stats.get(a.name) ?? { n: 0, times: [] };
    st.n++;
    st.times.push(ms);
    stats.set(a.name, st);
    if (res.status !== a.expect) errors.push(a.name + ': ' + res.status + ' ' + Buffer.from(bytes).toString().slice(0, 160));
  };
  await Promise.all(Array.from({ length: users }, async () => {
    while (Date.now() < until) {
      try { await one(pick(random())); } catch (e) { errors.push(String(e && e.message || e)); }
      // A person reads what they opened before the next click.
      await new Promise((r) => setTimeout(r, 200 + random() * 800));
    }
  }));
  parentPort.postMessage({ stats: [...stats.entries()].map(([name, s]) => ({ name, n: s.n, times: s.times })), errors });
})().catch((error) => parentPort.postMessage({ fatal: String(error && error.stack || error) }));
`;

interface SoakReport {
  stats: { name: string; n: number; times: number[] }[];
  errors: string[];
  fatal?: string;
}

/** A small roster in the office's layout (previewed, never committed). */
async function rosterFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(['序号', '姓名', '身份证号', '性别', '所在党支部', '入党时间', '转正时间', '党员类别', '学历', '手机号', '科室']);
  const ids = ['11010119880520001X', '110101198805200029', '110101198805200037'];
  ids.forEach((id, i) => ws.addRow([i + 1, ['韩立新', '陶秀兰', '邹国庆'][i], id, i === 1 ? '女' : '男', '急诊科全科医学科党支部', '2015-07-01', '2016-07-01', '正式党员', '本科', '', '急诊科']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SOAK_TODAY = '2026-11-23';
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function soakBench(): Promise<BenchResult[]> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 600);
  const users = Number(process.env.SOAK_USERS ?? 50);
  const { database, dispose } = await benchDatabase();
  try {
    // The demo's own today: its year of records ends there.
    const today = SOAK_TODAY;
    await loadDemo(database.db, { today });
    const app = await buildApp({ database, sessionSecret: 'soak', webDist: null, version: 'soak', today: () => today });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const sessions = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await httpSignIn(base, r, DEMO_PASSWORD)] as const))) as Record<Role, { cookie: string; csrf: string }>;
      const sec = (url: string) => fetch(`${base}${url}`, { headers: { cookie: sessions.secretary.cookie } }).then((r) => r.json());
      const branch = ((await sec('/api/v1/auth/me')) as { roles: { orgId: number | null }[] }).roles.find((r) => r.orgId !== null)!.orgId!;
      const roster = (await sec(`/api/v1/orglife/orgs/${branch}/roster?date=${today}`)) as Array<{ id: number }>;
      const year = today.slice(0, 4);
      const meeting = {
        orgId: branch,
        kinds: ['branch_committee_meeting'],
        heldOn: today,
        place: '门诊楼五楼会议室',
        topics: ['研究本月党员发展和党费收缴工作'],
        minutes: '支部书记主持，支委逐项讨论，形成意见。',
        attendance: roster.map((m) => ({ memberId: m.id, status: 'present' })),
      };
      const actions: Action[] = [
        { name: 'member list', role: 'org', method: 'GET', url: '/api/v1/members?page=1&pageSize=20', expect: 200, weight: 8 },
        { name: 'member search', role: 'org', method: 'GET', url: `/api/v1/members?q=${encodeURIComponent('王')}&page=1&pageSize=20`, expect: 200, weight: 4 },
        { name: 'orglife records', role: 'secretary', method: 'GET', url: '/api/v1/orglife/records?page=1&pageSize=20', expect: 200, weight: 6 },
        { name: 'compliance matrix', role: 'org', method: 'GET', url: `/api/v1/orglife/matrix?year=${year}`, expect: 200, weight: 4 },
        { name: 'lapses', role: 'org', method: 'GET', url: '/api/v1/orglife/lapses?minMonths=3&page=1&pageSize=20', expect: 200, weight: 2 },
        { name: 'development files', role: 'org', method: 'GET', url: '/api/v1/development/files?page=1&pageSize=20', expect: 200, weight: 3 },
        { name: 'development due', role: 'secretary', method: 'GET', url: '/api/v1/development/due?days=30', expect: 200, weight: 3 },
        { name: 'dues arrears', role: 'org', method: 'GET', url: '/api/v1/dues/arrears?page=1&pageSize=20', expect: 200, weight: 3 },
        { name: 'service events', role: 'secretary', method: 'GET', url: '/api/v1/service/events?page=1&pageSize=20', expect: 200, weight: 3 },
        { name: 'work systems', role: 'org', method: 'GET', url: `/api/v1/worksystems?year=${year}`, expect: 200, weight: 2 },
        { name: 'statistics', role: 'org', method: 'GET', url: `/api/v1/statistics?year=${Number(year) - 1}`, expect: 200, weight: 1 },
        { name: '党委 overview', role: 'leader', method: 'GET', url: '/api/v1/dashboard/overview', expect: 200, weight: 3 },
        { name: 'branch overview', role: 'secretary', method: 'GET', url: '/api/v1/dashboard/overview', expect: 200, weight: 3 },
        { name: 'member home', role: 'member', method: 'GET', url: '/api/v1/dashboard/me', expect: 200, weight: 6 },
        { name: 'my dues', role: 'member', method: 'GET', url: '/api/v1/dues/my', expect: 200, weight: 4 },
        { name: 'decision topics', role: 'dangban', method: 'GET', url: '/api/v1/decisions/topics?page=1&pageSize=20', expect: 200, weight: 2 },
        { name: 'record a meeting', role: 'secretary', method: 'POST', url: '/api/v1/orglife/records', body: meeting, expect: 201, weight: 2 },
        { name: 'roster import preview', role: 'org', method: 'POST', url: '/api/v1/members/import/preview', body: 'roster', expect: 200, weight: 1 },
        { name: 'export members', role: 'org', method: 'GET', url: '/api/v1/members/export', expect: 200, weight: 1 },
        { name: 'export meetings', role: 'secretary', method: 'GET', url: '/api/v1/orglife/records/export', expect: 200, weight: 1 },
      ];

      // Memory: sampled every 5 s; the heap measured after a collection when node runs with --expose-gc.
      const gc = (globalThis as { gc?: () => void }).gc;
      const samples: { t: number; heap: number; rss: number }[] = [];
      const started = performance.now();
      const sample = () => {
        gc?.();
        const m = process.memoryUsage();
        samples.push({ t: (performance.now() - started) / 1000, heap: m.heapUsed, rss: m.rss });
      };
      const timer = setInterval(sample, 5000);
      // /api/health from this process while the users work.
      const health: number[] = [];
      const healthTimer = setInterval(() => {
        const s = performance.now();
        void fetch(`${base}/api/health`).then(async (r) => {
          await r.arrayBuffer();
          health.push(performance.now() - s);
        });
      }, 1000);

      console.log(`  soak: ${users} users for ${seconds} s on ${database.kind} (demo hospital)`);
      const report = await new Promise<SoakReport>((resolve, reject) => {
        void rosterFile().then((roster) => {
          const worker = new Worker(CLIENT_CODE, { eval: true, workerData: { base, sessions, actions, users, seconds, roster: roster.toString('base64') } });
          worker.once('message', (m: SoakReport) => {
            void worker.terminate();
            resolve(m);
          });
          worker.once('error', reject);
        }, reject);
      });
      clearInterval(timer);
      clearInterval(healthTimer);
      sample();
      if (report.fatal) throw new Error(report.fatal);

      const all = report.stats.flatMap((s) => s.times).sort((a, b) => a - b);
      const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))] ?? 0;
      const firstMinute = samples.filter((s) => s.t <= Math.min(60, seconds / 4));
      const lastMinute = samples.filter((s) => s.t >= seconds - Math.min(60, seconds / 4));
      const avg = (xs: typeof samples, k: 'heap' | 'rss') => xs.reduce((a, s) => a + s[k], 0) / Math.max(1, xs.length);
      const heapStart = avg(firstMinute, 'heap');
      const heapEnd = avg(lastMinute, 'heap');
      const growth = heapEnd - heapStart;
      const flat = growth <= Math.max(0.2 * heapStart, 32 * 1024 * 1024);
      const slowest = report.stats
        .map((s) => ({ name: s.name, n: s.n, p95: q([...s.times].sort((a, b) => a - b), 0.95) }))
        .sort((a, b) => b.p95 - a.p95)
        .slice(0, 5);
      for (const s of report.stats) console.log(`    ${s.name.padEnd(24)} ${String(s.n).padStart(6)} requests, p95 ${q([...s.times].sort((a, b) => a - b), 0.95).toFixed(0)} ms`);
      for (const e of report.errors.slice(0, 10)) console.log(`    error: ${e}`);
      console.log(`    memory (MB) every 5 s, heap: ${samples.map((s) => mb(s.heap)).join(' ')}`);
      const sortedHealth = [...health].sort((a, b) => a - b);
      return [
        {
          name: `soak: ${users} users × ${Math.round(seconds / 60)} min (${database.kind})`,
          detail: `${all.length.toLocaleString('en')} requests, ${report.errors.length} errors; p50 ${q(all, 0.5).toFixed(0)} / p95 ${q(all, 0.95).toFixed(0)} ms; slowest p95: ${slowest.map((s) => `${s.name} ${s.p95.toFixed(0)} ms`).join(', ')}`,
          target: 'zero errors',
          ok: report.errors.length === 0,
        },
        {
          name: `soak memory (${database.kind}${gc ? ', heap after gc' : ''})`,
          detail: `heap ${mb(heapStart)} → ${mb(heapEnd)} MB (first vs last minute), rss ${mb(avg(firstMinute, 'rss'))} → ${mb(avg(lastMinute, 'rss'))} MB; /api/health p50 ${q(sortedHealth, 0.5).toFixed(0)} / p95 ${q(sortedHealth, 0.95).toFixed(0)} ms`,
          target: 'flat (≤ 20% or 32 MB growth)',
          ok: flat,
        },
      ];
    } finally {
      await app.close();
    }
  } finally {
    await dispose();
  }
}
