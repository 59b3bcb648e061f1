import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { idNumberColumns, sealPhone } from '../src/db/sealed.js';
import { nameColumns } from '../src/modules/members/pinyin.js';
import { databaseUrlFor } from '../src/test/postgres.js';

// Bench databases are thrown away: a random data key per run (decision 0005) unless one is given.
process.env.HONGYI_DATA_KEY ??= randomBytes(32).toString('base64');

export interface BenchDatabase {
  database: Database;
  /** Drops the bench database (PostgreSQL) and closes. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database: PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (named
 * BENCH_DATABASE_PREFIX_<random>, hongyi_bench_… by default), else PGlite in memory.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await migrateToLatest(database.db);
    return { database, dispose: () => database.close() };
  }
  const name = `${process.env.BENCH_DATABASE_PREFIX ?? 'hongyi_bench'}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url });
  await sql.raw(`create database ${name}`).execute(admin.db);
  const database = await openDatabase({ url: databaseUrlFor(url, name) });
  await migrateToLatest(database.db);
  return {
    database,
    async dispose() {
      await database.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
  };
}

export interface SyntheticTenant {
  tenantId: number;
  committeeId: number;
  branchIds: number[];
  members: number;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];

/**
 * A large synthetic tenant made in SQL (generate_series), far faster than the demo generator:
 * a 党委, general branches of ~20 branches, and `members` members spread over the branches.
 */
export async function syntheticTenant(
  db: Kysely<DB>,
  options: { members: number; branches: number; code?: string; name?: string; analyze?: boolean },
): Promise<SyntheticTenant> {
  const tenant = await db.insertInto('tenants').values({ code: options.code ?? 'bench', name: options.name ?? '基准测试医院' }).returning('id').executeTakeFirstOrThrow();
  const t = tenant.id;
  const root = await db.insertInto('orgs').values({ tenant_id: t, parent_id: null, type: 'committee', name: '中共基准测试医院委员会', campus_id: null, established_on: null, ends_on: null, dissolved_on: null }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('orgs').set({ path: `/${root.id}/`, depth: 0 }).where('tenant_id', '=', t).where('id', '=', root.id).execute();
  const generals = Math.max(1, Math.ceil(options.branches / 20));
  await sql`
    insert into orgs (tenant_id, parent_id, type, name, path, depth, sort)
    select ${t}, ${root.id}, 'general_branch', '第' || g || '党总支', '', 1, g from generate_series(1, ${generals}) g`.execute(db);
  await sql`update orgs set path = '/' || ${root.id} || '/' || id || '/' where tenant_id = ${t} and type = 'general_branch'`.execute(db);
  await sql`
    insert into orgs (tenant_id, parent_id, type, name, path, depth, sort)
    select ${t}, gb.id, 'branch', '第' || b || '党支部', '', 2, b
    from generate_series(1, ${options.branches}) b
    join lateral (select id from orgs where tenant_id = ${t} and type = 'general_branch' order by id offset ((b - 1) % ${generals}) limit 1) gb on true`.execute(db);
  await sql`update orgs o set path = p.path || o.id || '/' from orgs p where o.tenant_id = ${t} and p.tenant_id = ${t} and o.parent_id = p.id and o.type = 'branch'`.execute(db);
  const branches = await db.selectFrom('orgs').select('id').where('tenant_id', '=', t).where('type', '=', 'branch').orderBy('id').execute();
  // 120 names (10 surnames × 12 given names) with their name columns computed as the server does.
  const names = GIVEN.flatMap((g) => SURNAMES.map((s) => s + g));
  const columns = names.map(nameColumns);
  // The ID numbers sealed as the server stores them (decision 0005): member i holds lpad(i, 18, '0').
  const sealed = sealedIdNumbers(options.members);
  const phones = sealedPhones(options.members);
  await sql`
    insert into members (tenant_id, name, name_pinyin, name_initials, name_sort, gender, id_number_enc, id_number_hash, id_number_tail, birth_date, education, category, org_id, joined_on, full_on, title, phone_enc)
    select ${t}, n.names[k], n.pinyin[k], n.initials[k], n.sort[k],
      case when i % 2 = 0 then 'male' else 'female' end,
      s.enc, s.hash, s.tail,
      date '1970-01-01' + (i % 12000),
      (array['博士研究生','硕士研究生','大学本科','大学专科'])[1 + i % 4],
      case when i % 25 = 0 then 'probationary' else 'full' end,
      b.ids[1 + i % array_length(b.ids, 1)],
      date '2000-01-01' + (i % 9000),
      date '2001-01-01' + (i % 9000),
      (array['正高','副高','中级','初级'])[1 + i % 4],
      s.phone
    -- unnest … with ordinality: member i's sealed columns in one pass (indexing a text[] of
    -- 100,000 elements per row walks the array to element i each time).
    from unnest(${sealed.map((c) => c.id_number_enc)}::text[], ${sealed.map((c) => c.id_number_hash)}::text[], ${sealed.map((c) => c.id_number_tail)}::text[], ${phones}::text[])
        with ordinality as s(enc, hash, tail, phone, ord)
      cross join lateral (select s.ord::int as i) o
      cross join lateral (select 1 + i % 10 + 10 * ((i / 10) % 12) as k) x,
      (select array_agg(id order by id) ids from orgs where tenant_id = ${t} and type = 'branch') b,
      (select ${names}::text[] as names, ${columns.map((c) => c.name_pinyin)}::text[] as pinyin,
        ${columns.map((c) => c.name_initials)}::text[] as initials, ${columns.map((c) => c.name_sort)}::text[] as sort) n`.execute(db);
  if (options.analyze !== false) await sql`analyze`.execute(db);
  return { tenantId: t, committeeId: root.id, branchIds: branches.map((b) => b.id), members: options.members };
}

const sealedPool: Array<ReturnType<typeof idNumberColumns>> = [];
/**
 * The sealed ID numbers lpad(1, 18, '0') … lpad(count, 18, '0'), sealed once per run and shared
 * by every synthetic unit (member k of each unit holds the same number: units are separate tenants).
 */
export function sealedIdNumbers(count: number, offset = 0): Array<ReturnType<typeof idNumberColumns>> {
  if (offset > 0) return Array.from({ length: count }, (_, k) => idNumberColumns(String(offset + k + 1).padStart(18, '0')));
  for (let k = sealedPool.length; k < count; k++) sealedPool.push(idNumberColumns(String(k + 1).padStart(18, '0')));
  return sealedPool.slice(0, count);
}

const phonePool: string[] = [];
/** The phones 138 + lpad(k, 8, '0') sealed (decision 0005), once per run and shared like the ID numbers. */
export function sealedPhones(count: number): string[] {
  for (let k = phonePool.length; k < count; k++) phonePool.push(sealPhone(`138${String(k + 1).padStart(8, '0')}`));
  return phonePool.slice(0, count);
}

/** Median of `runs` timings of fn, in milliseconds, after `warmup` untimed runs. */
export async function timeMedian(fn: () => Promise<unknown>, runs = 15, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * Medians of several functions timed in turns (a, b, a, b, …), in milliseconds. On a shared
 * machine the load changes from second to second: timing one side after the other let it
 * swing a ratio between 0.8 × and 1.7 × for the same code; taking turns gives both sides the
 * same load.
 */
export async function timeMedians<K extends string>(fns: Record<K, () => Promise<unknown>>, runs = 51, warmup = 5): Promise<Record<K, number>> {
  const names = Object.keys(fns) as K[];
  for (let i = 0; i < warmup; i++) for (const n of names) await fns[n]();
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (const n of i % 2 === 0 ? names : [...names].reverse()) {
      const start = performance.now();
      await fns[n]();
      times[n].push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, times[n].sort((a, b) => a - b)[Math.floor(runs / 2)] as number])) as Record<K, number>;
}

export interface BenchResult {
  name: string;
  /** What was measured, e.g. "API 12.3 ms vs SQL 9.1 ms". */
  detail: string;
  ratio?: number;
  /** The target from the issue, e.g. "≤ 1.5×". */
  target?: string;
  ok?: boolean;
}
