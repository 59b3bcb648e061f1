import {
  DUES_BASE_DEDUCTIONS,
  DUES_CATEGORIES,
  DUES_PAY_ITEMS,
  type DataScope,
  type DuesCategory,
  duesArrears,
  monthlyDues,
} from '@hongyi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { countUpTo, idParam, pageQuery } from '../../lib/paging.js';
import { int4, version } from '../../lib/fields.js';
import { scopeCondition } from '../../lib/scope.js';
import { authOf, can, scopeOf } from '../../plugins/access.js';
import { notFound } from '../../plugins/errors.js';
import { sendDocx } from '../orglife/documents.js';
import { ledgerDocx, ledgerTitle } from './ledgerDocx.js';
import { parsePayroll } from './payroll.js';
import { parseStatement } from './statement.js';
import { type BaseRow, arrearsList, baseSummary, basesQuery, entriesQuery, memberInScope, monthCloses, monthDate, monthSums, orgFilterPath, orgPathCondition, presentEntry } from './repository.js';
import {
  type Actor,
  assertDuesInput,
  closeMonth,
  commitPayroll,
  correctEntry,
  memberDuesOf,
  orglifeFlags,
  importStatement,
  payrollChoice,
  recordPayments,
  recordVoluntary,
  savePayrollChoice,
  setBase,
} from './service.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const year = z.coerce.number().int().min(2000).max(2100);
/** A year filter; absent means the current year of app.today(). */
const yearOrCurrent = year.optional();
/** An amount in 分, stored in an integer column. */
const cents = int4();
const method = z.enum(['cash', 'transfer', 'statement']);
const category = z.enum(DUES_CATEGORIES);
const lapse = z.enum(['none', 'remind', 'warn', 'report']);

function actorOf(request: FastifyRequest): Actor {
  const auth = authOf(request);
  return { tenantId: auth.tenantId, userId: auth.userId, username: auth.username, name: auth.name, ip: request.ip, language: auth.language };
}

const yuan = (c: number | null | undefined) => (c === null || c === undefined ? null : Number((c / 100).toFixed(2)));
const percent = (bp: number | null | undefined) => (bp === null || bp === undefined ? null : `${(bp / 100).toFixed(1)}%`);

/** 执行标准 in the ledger: the rate, 定额 for fixed amounts, nothing when no base was ever set. */
function ledgerRate(x: { rateBasisPoints: number | null; monthlyCents: number | null }, zh: boolean): string {
  return percent(x.rateBasisPoints) ?? (x.monthlyCents === null ? '' : zh ? '定额' : 'fixed');
}

/** 备注 in the ledger: what is owed for the year, voluntary extras, and extras handed to the Centre. */
function ledgerRemark(x: { yearDueCents: number; yearPaidCents: number; voluntaryCents: number; toCentreCents: number }, zh: boolean): string {
  const parts: string[] = [];
  if (x.yearPaidCents < x.yearDueCents) parts.push(`${zh ? '欠缴' : 'owing'} ${((x.yearDueCents - x.yearPaidCents) / 100).toFixed(2)}`);
  if (x.voluntaryCents > 0) parts.push(`${zh ? '自愿多交' : 'voluntary'} ${(x.voluntaryCents / 100).toFixed(2)}`);
  if (x.toCentreCents > 0) parts.push(zh ? '含上缴中央部分' : 'incl. to the Centre');
  return parts.join('；');
}

const CATEGORY_LABELS: Record<DuesCategory, { 'zh-CN': string; 'en-US': string }> = {
  employed: { 'zh-CN': '在职', 'en-US': 'Employed' },
  retired: { 'zh-CN': '离退休', 'en-US': 'Retired' },
  student: { 'zh-CN': '学生', 'en-US': 'Student' },
  unemployed: { 'zh-CN': '下岗失业', 'en-US': 'Unemployed' },
  low_income: { 'zh-CN': '低保/救济', 'en-US': 'Relief / minimum allowance' },
  farmer: { 'zh-CN': '农民', 'en-US': 'Farmer' },
};

const baseRowOut = z.object({
  id: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  category,
  farmerMonthlyCents: z.number().nullable(),
  memberVersion: z.number(),
  baseId: z.number().nullable(),
  baseYear: z.number().nullable(),
  baseCents: z.number().nullable(),
  rateBasisPoints: z.number().nullable(),
  monthlyCents: z.number().nullable(),
  source: z.string().nullable(),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});

const entryOut = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  month: z.string(),
  kind: z.enum(['due', 'payment', 'voluntary', 'correction']),
  affects: z.enum(['due', 'paid', 'voluntary']),
  amountCents: z.number(),
  effectiveCents: z.number(),
  method: z.string().nullable(),
  paidOn: z.string().nullable(),
  correctsId: z.number().nullable(),
  toCentre: z.boolean(),
  reference: z.string(),
  note: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

const arrearsOut = z.object({
  consecutiveUnpaidMonths: z.number(),
  unpaidMonths: z.array(z.string()),
  outstandingCents: z.number(),
  paidThrough: z.string().nullable(),
  level: lapse,
});

const baseFilters = z.object({
  year: yearOrCurrent,
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  status: z.enum(['all', 'set', 'missing', 'carried']).default('all'),
});

const arrearsFilters = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  minMonths: z.coerce.number().int().min(1).max(120).default(1),
  level: lapse.optional(),
});

const statementOut = z.object({
  rows: z.array(z.object({ row: z.number(), memberId: z.number(), name: z.string(), months: z.array(z.object({ month: z.string(), cents: z.number() })), extraCents: z.number() })),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  committed: z.boolean(),
});

const payrollBody = z.object({
  year: z.number().int().min(2000).max(2100),
  fileName: z.string().max(200).default(''),
  fileBase64: z.string().min(1).max(1_300_000),
});

export async function duesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** Fills an absent year filter with the current year of the app's clock (China date). */
  const withYear = <T extends { year?: number | undefined }>(q: T): T & { year: number } => ({ ...q, year: q.year ?? Number(app.today().slice(0, 4)) });

  // -------------------------------------------------------------------------------------
  // Calculator

  r.post(
    '/api/v1/dues/preview',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Monthly dues for a category and base (integer 分): rate in basis points, or null for fixed amounts',
        body: z.strictObject({ category, baseCents: z.number(), farmerMonthlyCents: z.number().nullish() }),
        response: { 200: z.object({ rateBasisPoints: z.number().nullable(), monthlyCents: z.number() }) },
      },
    },
    async (request) => {
      const body = request.body;
      assertDuesInput(body, authOf(request).language);
      return monthlyDues(body);
    },
  );

  // -------------------------------------------------------------------------------------
  // Yearly bases (核定)

  const presentBase = (x: BaseRow) => ({
    id: x.id,
    name: x.name,
    orgId: x.org_id,
    orgName: x.org_name,
    category: x.dues_category,
    farmerMonthlyCents: x.dues_farmer_cents,
    memberVersion: x.version,
    baseId: x.base_id,
    baseYear: x.base_year,
    baseCents: x.base_cents,
    rateBasisPoints: x.rate_basis_points,
    monthlyCents: x.monthly_cents,
    source: x.source,
    setBy: x.set_by_name,
    setAt: x.set_at ? new Date(x.set_at).toISOString() : null,
  });

  r.get(
    '/api/v1/dues/bases',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Members in scope with the dues base in force for a year (status: set this year, carried from an earlier year, missing)',
        querystring: pageQuery.extend(baseFilters.shape),
        response: { 200: z.object({ items: z.array(baseRowOut), total: z.number() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'dues.read');
      const { page, pageSize, ...rest } = request.query;
      const f = withYear(rest);
      const orgPath = await orgFilterPath(app.db, auth.tenantId, scope, f.orgId);
      const base = basesQuery(app.db, auth.tenantId, scope, f, orgPath);
      const { total } = await base.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
      const rows = await base.limit(pageSize).offset((page - 1) * pageSize).execute();
      return { items: rows.map(presentBase), total: Number(total) };
    },
  );

  r.get(
    '/api/v1/dues/bases/summary',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'How many active members in scope have a base for the year, carry one from an earlier year, or have none although their category needs one (the month close charges them nothing)',
        querystring: z.object({ year: yearOrCurrent, orgId: baseFilters.shape.orgId }),
        response: { 200: z.object({ year: z.number(), members: z.number(), set: z.number(), carried: z.number(), missing: z.number() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'dues.read');
      const q = withYear(request.query);
      return baseSummary(app.db, auth.tenantId, scope, q.year, await orgFilterPath(app.db, auth.tenantId, scope, q.orgId));
    },
  );

  r.get(
    '/api/v1/dues/bases/export',
    {
      config: { access: 'dues.read' },
      schema: { tags: ['dues'], summary: 'Export the bases as the self-check sheet (姓名, 身份证号码, 类别, 基数, 每月应交党费)', querystring: baseFilters },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'dues.read');
      const q = withYear(request.query);
      const orgPath = await orgFilterPath(app.db, auth.tenantId, scope, q.orgId);
      const rows = (await basesQuery(app.db, auth.tenantId, scope, q, orgPath).limit(200_000).execute()).map(presentBase);
      const zh = auth.language === 'zh-CN';
      const buffer = await workbookBuffer(
        zh ? '党费基数' : 'Dues bases',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (_x, i) => i + 1 },
          { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.name },
          { header: zh ? '所在党支部' : 'Branch', width: 26, value: (x) => x.orgName },
          { header: zh ? '党费类别' : 'Category', width: 12, value: (x) => CATEGORY_LABELS[x.category][auth.language] },
          { header: zh ? '核定年度' : 'Base year', width: 10, value: (x) => x.baseYear },
          { header: zh ? '党费计算基数（元）' : 'Base (yuan)', width: 16, value: (x) => yuan(x.baseCents) },
          { header: zh ? '交纳比例' : 'Rate', width: 10, value: (x) => percent(x.rateBasisPoints) },
          { header: zh ? '每月应交党费（元）' : 'Monthly (yuan)', width: 16, value: (x) => yuan(x.monthlyCents) },
          { header: zh ? '核定人' : 'Set by', width: 10, value: (x) => x.setBy },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? `党费基数${q.year}.xlsx` : `dues-bases-${q.year}.xlsx`, buffer);
    },
  );

  r.post(
    '/api/v1/dues/bases',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Set (核定) a member’s dues category and base for a year; memberVersion guards against concurrent edits (409)',
        body: z.strictObject({
          memberId: z.number().int().positive(),
          memberVersion: version(),
          year: z.number().int().min(2000).max(2100),
          category,
          baseCents: z.number(),
          farmerMonthlyCents: z.number().nullish(),
          note: z.string().trim().max(200).optional(),
        }),
        response: { 201: z.object({ id: z.number(), monthlyCents: z.number(), rateBasisPoints: z.number().nullable(), memberVersion: z.number() }) },
      },
    },
    async (request, reply) => {
      const { base, memberVersion } = await setBase(app.db, actorOf(request), scopeOf(request, 'dues.write'), request.body);
      return reply.status(201).send({ id: base.id, monthlyCents: base.monthly_cents, rateBasisPoints: base.rate_basis_points, memberVersion });
    },
  );

  // -------------------------------------------------------------------------------------
  // Payroll import

  const choiceOut = z.object({ items: z.array(z.enum(DUES_PAY_ITEMS)), deductions: z.array(z.enum(DUES_BASE_DEDUCTIONS)), version: z.number() });

  r.get(
    '/api/v1/dues/payroll/settings',
    {
      config: { access: 'dues.read' },
      schema: { tags: ['dues'], summary: 'Which pay items count in the base and which deductions apply (the unit chooses once)', response: { 200: choiceOut } },
    },
    async (request) => payrollChoice(app.db, authOf(request).tenantId),
  );

  r.put(
    '/api/v1/dues/payroll/settings',
    {
      // Unit-wide: a branch secretary's dues.write does not reach it.
      config: { access: 'settings.manage' },
      schema: {
        tags: ['dues'],
        summary: 'Change the payroll items and deductions (send the version you read; 409 on conflict)',
        body: z.strictObject({ items: z.array(z.enum(DUES_PAY_ITEMS)).max(10), deductions: z.array(z.enum(DUES_BASE_DEDUCTIONS)).max(10), version: int4().min(0) }),
        response: { 200: choiceOut },
      },
    },
    async (request) => savePayrollChoice(app.db, actorOf(request), request.body),
  );

  const payrollRowOut = z.object({
    row: z.number(),
    name: z.string(),
    idNumber: z.string().nullable(),
    memberId: z.number().nullable(),
    orgName: z.string().nullable(),
    grossCents: z.number(),
    deductionCents: z.number(),
    baseCents: z.number().nullable(),
    rateBasisPoints: z.number().nullable(),
    monthlyCents: z.number().nullable(),
    previousMonthlyCents: z.number().nullable(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  });

  r.post(
    '/api/v1/dues/payroll/preview',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Read a payroll sheet (.xlsx, base64) and show each row’s base, rate and monthly dues before commit. Row numbers are Excel rows.',
        body: payrollBody,
        response: { 200: z.object({ rows: z.array(payrollRowOut), errorCount: z.number() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const choice = await payrollChoice(app.db, auth.tenantId);
      const rows = await parsePayroll(app.db, auth.tenantId, scopeOf(request, 'dues.write'), request.body.fileBase64, choice, request.body.year, auth.language);
      return { rows, errorCount: rows.reduce((n, x) => n + x.errors.length, 0) };
    },
  );

  r.post(
    '/api/v1/dues/payroll/commit',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Import the payroll sheet: all rows become the year’s bases in one transaction, or nothing does (row-by-row errors)',
        body: payrollBody,
        response: { 201: z.object({ importId: z.number(), count: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await commitPayroll(app.db, actor, scopeOf(request, 'dues.write'), request.body);
      return reply.status(201).send(result);
    },
  );

  // -------------------------------------------------------------------------------------
  // Month close

  r.post(
    '/api/v1/dues/months/:month/close',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Close a month: every active member in the org subtree gets the amount due (closing again adds only new members)',
        params: z.object({ month }),
        body: z.strictObject({ orgId: z.number().int().positive().optional() }).default({}),
        response: {
          201: z.object({
            id: z.number().nullable(),
            month: z.string(),
            orgId: z.number(),
            orgName: z.string(),
            created: z.number(),
            dueCents: z.number(),
            withoutBase: z.array(z.object({ id: z.number(), name: z.string() })),
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await closeMonth(app.db, actorOf(request), scopeOf(request, 'dues.write'), request.params.month, request.body?.orgId, app.today());
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/v1/dues/months',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Month closes within scope, newest first. A branch also sees the closes of the orgs above it that covered its members, with its own members and amounts only',
        querystring: pageQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.number(), month: z.string(), orgId: z.number(), orgName: z.string(), memberCount: z.number(), dueCents: z.number(), closedBy: z.string(), closedAt: z.string() }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { page, pageSize } = request.query;
      return monthCloses(app.db, auth.tenantId, scopeOf(request, 'dues.read'), { limit: pageSize, offset: (page - 1) * pageSize });
    },
  );

  // -------------------------------------------------------------------------------------
  // Payments, voluntary extras, corrections, statements

  r.post(
    '/api/v1/dues/payments',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Record a payment for one or more closed months (default: what is outstanding). Back-payment over 6 months is warned.',
        body: z.strictObject({
          memberId: z.number().int().positive(),
          months: z.array(month).min(1).max(36),
          method,
          paidOn: day,
          amountCents: cents.positive().optional(),
          reference: z.string().trim().max(100).optional(),
          note: z.string().trim().max(200).optional(),
        }),
        response: { 201: z.object({ entryIds: z.array(z.number()), totalCents: z.number(), warnings: z.array(z.object({ code: z.string(), message: z.string() })) }) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordPayments(app.db, actorOf(request), scopeOf(request, 'dues.write'), request.body)),
  );

  r.post(
    '/api/v1/dues/voluntary',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Record a voluntary extra payment; a one-off ≥1000元 is flagged as going entirely to the Centre',
        body: z.strictObject({
          memberId: z.number().int().positive(),
          amountCents: cents.positive(),
          paidOn: day,
          method,
          reference: z.string().trim().max(100).optional(),
          note: z.string().trim().max(200).optional(),
        }),
        response: { 201: z.object({ id: z.number(), toCentre: z.boolean() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordVoluntary(app.db, actorOf(request), scopeOf(request, 'dues.write'), request.body)),
  );

  r.post(
    '/api/v1/dues/entries/:id/corrections',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Correct a ledger entry with a new entry referring to it; send the effective amount you saw (409 if it changed)',
        params: idParam,
        body: z.strictObject({ amountCents: cents.min(0), expectedCents: cents, reason: z.string().trim().min(1).max(200) }),
        response: { 201: z.object({ id: z.number(), correctsId: z.number(), deltaCents: z.number(), effectiveCents: z.number() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await correctEntry(app.db, actorOf(request), scopeOf(request, 'dues.write'), request.params.id, request.body)),
  );

  r.post(
    '/api/v1/dues/statements',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'Match a bank/online statement by name and ID number; each amount pays the oldest unpaid months. commit=false previews.',
        body: z.strictObject({
          commit: z.boolean(),
          rows: z
            .array(z.strictObject({ name: z.string().trim().min(1).max(50), idNumber: z.string().trim().min(15).max(18), amountCents: cents.positive(), paidOn: day, reference: z.string().max(100).optional() }))
            .min(1)
            .max(5000),
        }),
        response: { 200: statementOut },
      },
    },
    async (request) => importStatement(app.db, actorOf(request), scopeOf(request, 'dues.write'), request.body.rows, request.body.commit),
  );

  r.post(
    '/api/v1/dues/statements/file',
    {
      config: { access: 'dues.write' },
      schema: {
        tags: ['dues'],
        summary: 'The same from a statement sheet (.xlsx, base64; columns 姓名, 身份证号码, 金额, 缴纳日期, 流水号). Row numbers are Excel rows.',
        body: z.strictObject({ commit: z.boolean(), fileBase64: z.string().min(1).max(1_300_000) }),
        response: { 200: statementOut },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await parseStatement(request.body.fileBase64, actor.language);
      return importStatement(app.db, actor, scopeOf(request, 'dues.write'), rows, request.body.commit);
    },
  );

  r.get(
    '/api/v1/dues/entries',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Ledger entries within scope (append-only; corrections refer to the entry they correct)',
        querystring: pageQuery.extend({
          month: month.optional(),
          orgId: z.coerce.number().int().positive().optional(),
          memberId: z.coerce.number().int().positive().optional(),
          kind: z.enum(['due', 'payment', 'voluntary', 'correction']).optional(),
        }),
        response: { 200: z.object({ items: z.array(entryOut), total: z.number() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'dues.read');
      const { page, pageSize, ...f } = request.query;
      const orgPath = await orgFilterPath(app.db, auth.tenantId, scope, f.orgId);
      let q = entriesQuery(app.db, auth.tenantId).where(scopeCondition(scope, 'o.path', 'e.member_id')).where(orgPathCondition('o.path', orgPath));
      if (f.month) q = q.where('e.month', '=', monthDate(f.month));
      if (f.memberId) q = q.where('e.member_id', '=', f.memberId);
      if (f.kind) q = q.where('e.kind', '=', f.kind);
      // The ledger only grows (a month's dues for every member): count as far as a list can be paged.
      const total = await countUpTo(app.db, q);
      const rows = await q.orderBy('e.month', 'desc').orderBy('e.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
      return { items: rows.map(presentEntry), total: Number(total) };
    },
  );

  // -------------------------------------------------------------------------------------
  // Arrears (党章 第九条)

  /** The arrears list in the caller's scope; a page of it when `page` is given. */
  async function arrearsRows(request: FastifyRequest, f: z.infer<typeof arrearsFilters>, page?: { limit: number; offset: number }) {
    const auth = authOf(request);
    const scope = scopeOf(request, 'dues.read');
    const orgPath = await orgFilterPath(app.db, auth.tenantId, scope, f.orgId);
    return arrearsList(app.db, auth.tenantId, { scope, orgPath, minMonths: f.minMonths, level: f.level, ...page });
  }

  const arrearsRowOut = arrearsOut.extend({
    id: z.number(),
    name: z.string(),
    orgId: z.number(),
    orgName: z.string(),
    orglife: z
      .object({ months: z.number(), level: lapse })
      .nullable()
      .describe('months without organisational life (党章 第九条 names both), when the caller may read organisational life'),
  });

  r.get(
    '/api/v1/dues/arrears',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary:
          'Members with consecutive unpaid months: remind at 3, warn at 5, report at 6 (党章 第九条), worst first, each with the months without organisational life; counts tallies every level within the org filter',
        querystring: pageQuery.extend(arrearsFilters.shape),
        response: { 200: z.object({ items: z.array(arrearsRowOut), total: z.number(), counts: z.record(lapse, z.number()) }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...f } = request.query;
      const list = await arrearsRows(request, f, { limit: pageSize, offset: (page - 1) * pageSize });
      const auth = authOf(request);
      const orglife = can(request, 'orglife.read')
        ? await orglifeFlags(app.db, auth.tenantId, app.today(), scopeOf(request, 'orglife.read'), list.items.map((x) => x.id))
        : null;
      return { ...list, items: list.items.map((x) => ({ ...x, orglife: orglife?.get(x.id) ?? null })) };
    },
  );

  r.get(
    '/api/v1/dues/arrears/export',
    { config: { access: 'dues.read' }, schema: { tags: ['dues'], summary: 'Export the arrears list to Excel', querystring: arrearsFilters } },
    async (request, reply) => {
      const auth = authOf(request);
      const zh = auth.language === 'zh-CN';
      const rows = (await arrearsRows(request, request.query)).items;
      const levels = { none: zh ? '—' : '—', remind: zh ? '提醒' : 'Remind', warn: zh ? '警示' : 'Warn', report: zh ? '报告' : 'Report' };
      const buffer = await workbookBuffer(
        zh ? '欠缴党费' : 'Arrears',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (_x, i) => i + 1 },
          { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.name },
          { header: zh ? '所在党支部' : 'Branch', width: 26, value: (x) => x.orgName },
          { header: zh ? '连续未交（月）' : 'Consecutive months', width: 14, value: (x) => x.consecutiveUnpaidMonths },
          { header: zh ? '未交月份' : 'Unpaid months', width: 40, value: (x) => x.unpaidMonths.join('、') },
          { header: zh ? '欠缴金额（元）' : 'Outstanding (yuan)', width: 14, value: (x) => yuan(x.outstandingCents) },
          { header: zh ? '党费已交到' : 'Paid through', width: 12, value: (x) => x.paidThrough },
          { header: zh ? '处理' : 'Level', width: 8, value: (x) => levels[x.level] },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? '欠缴党费.xlsx' : 'dues-arrears.xlsx', buffer);
    },
  );

  // -------------------------------------------------------------------------------------
  // One member's dues (and the member's own page)

  const memberDuesOut = z.object({
    member: z.object({ id: z.number(), name: z.string(), orgName: z.string(), category, farmerMonthlyCents: z.number().nullable(), version: z.number() }),
    bases: z.array(
      z.object({
        id: z.number(),
        year: z.number(),
        category,
        baseCents: z.number(),
        rateBasisPoints: z.number().nullable(),
        monthlyCents: z.number(),
        source: z.string(),
        setBy: z.string(),
        setAt: z.string(),
      }),
    ),
    months: z.array(z.object({ month: z.string(), dueCents: z.number(), paidCents: z.number() })),
    voluntaryCents: z.number(),
    entries: z.array(entryOut),
    arrears: arrearsOut,
    base: z.object({
      year: z.number(),
      needed: z.boolean().describe('the category’s dues are a share of a monthly base (employed, retired)'),
      missing: z.boolean().describe('needed, and no base is in force for the year: the month close charges nothing'),
      setters: z.array(z.string()).describe('the branch secretaries who set it (the organisation office can too)'),
    }),
  });

  const memberDues = (tenantId: number, scope: DataScope, memberId: number) => memberDuesOf(app.db, tenantId, scope, memberId, app.today());

  r.get(
    '/api/v1/dues/members/:id',
    {
      config: { access: 'dues.read' },
      schema: { tags: ['dues'], summary: 'A member’s dues: bases, months, ledger entries, arrears and 党费已交到', params: idParam, response: { 200: memberDuesOut } },
    },
    async (request) => memberDues(authOf(request).tenantId, scopeOf(request, 'dues.read'), request.params.id),
  );

  r.get(
    '/api/v1/dues/my',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['dues'], summary: 'The signed-in member’s own dues (phone page)', response: { 200: memberDuesOut } },
    },
    async (request) => {
      const auth = authOf(request);
      if (auth.memberId === null) throw notFound('MEMBER_NOT_FOUND', '—');
      return memberDues(auth.tenantId, { kind: 'self', memberId: auth.memberId }, auth.memberId);
    },
  );

  r.get(
    '/api/v1/dues/members/:id/paid-through',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: '“党费已交到” for a membership transfer letter, with what is still outstanding',
        params: idParam,
        response: { 200: z.object({ memberId: z.number(), name: z.string(), paidThrough: z.string().nullable(), outstandingCents: z.number(), unpaidMonths: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const member = await memberInScope(app.db, auth.tenantId, scopeOf(request, 'dues.read'), request.params.id);
      const a = duesArrears((await monthSums(app.db, auth.tenantId, [member.id])).get(member.id) ?? []);
      return { memberId: member.id, name: member.name, paidThrough: a.paidThrough, outstandingCents: a.outstandingCents, unpaidMonths: a.unpaidMonths };
    },
  );

  // -------------------------------------------------------------------------------------
  // Yearly ledger (党费收缴台账, formats.md) and reports

  const ledgerQuery = z.object({ year: yearOrCurrent, orgId: z.coerce.number().int().positive().optional() });

  async function ledgerRows(request: FastifyRequest, f: z.infer<typeof ledgerQuery> & { year: number }) {
    const auth = authOf(request);
    const scope = scopeOf(request, 'dues.read');
    const orgPath = await orgFilterPath(app.db, auth.tenantId, scope, f.orgId);
    // Entries count towards the branch they were recorded in, so a member who moved during the
    // year appears in both branches' ledgers with the months each collected.
    const rows = await app.db
      .selectFrom('dues_entries as e')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
      .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'e.tenant_id').onRef('m.id', '=', 'e.member_id'))
      .select([
        'e.member_id as id',
        'm.name',
        sql<string>`min(o.path)`.as('path'),
        sql<string>`min(o.name)`.as('org_name'),
        sql<number>`sum(case when e.affects = 'due' then e.amount_cents else 0 end)::int8`.as('due'),
        sql<number>`sum(case when e.affects = 'paid' then e.amount_cents else 0 end)::int8`.as('paid'),
        sql<number>`sum(case when e.affects = 'voluntary' then e.amount_cents else 0 end)::int8`.as('voluntary'),
        sql<number>`sum(case when e.affects = 'voluntary' and e.to_centre then e.amount_cents else 0 end)::int8`.as('to_centre'),
      ])
      .where('e.tenant_id', '=', auth.tenantId)
      .where('e.month', '>=', `${f.year}-01-01`)
      .where('e.month', '<=', `${f.year}-12-01`)
      .where(scopeCondition(scope, 'o.path', 'e.member_id'))
      .where(orgPathCondition('o.path', orgPath))
      .groupBy(['e.member_id', 'm.name'])
      .orderBy(sql`min(o.path)`)
      .orderBy('e.member_id')
      .execute();
    const ids = rows.map((x) => x.id);
    const bases = ids.length
      ? await app.db
          .selectFrom('dues_bases')
          .select(['member_id', 'base_cents', 'rate_basis_points', 'monthly_cents', 'category'])
          .distinctOn('member_id')
          .where('tenant_id', '=', auth.tenantId)
          .where('member_id', 'in', ids)
          .where('year', '<=', f.year)
          .orderBy('member_id')
          .orderBy('year', 'desc')
          .orderBy('id', 'desc')
          .execute()
      : [];
    const baseOf = new Map(bases.map((b) => [b.member_id, b]));
    return rows.map((x, i) => {
      const b = baseOf.get(x.id);
      return {
        id: x.id,
        no: i + 1,
        name: x.name,
        orgName: x.org_name,
        category: b?.category ?? null,
        baseCents: b?.base_cents ?? null,
        rateBasisPoints: b?.rate_basis_points ?? null,
        monthlyCents: b?.monthly_cents ?? null,
        yearDueCents: Number(x.due),
        yearPaidCents: Number(x.paid),
        voluntaryCents: Number(x.voluntary),
        toCentreCents: Number(x.to_centre),
      };
    });
  }

  const ledgerRowOut = z.object({
    id: z.number(),
    no: z.number(),
    name: z.string(),
    orgName: z.string(),
    category: category.nullable(),
    baseCents: z.number().nullable(),
    rateBasisPoints: z.number().nullable(),
    monthlyCents: z.number().nullable(),
    yearDueCents: z.number(),
    yearPaidCents: z.number(),
    voluntaryCents: z.number(),
    toCentreCents: z.number(),
  });

  r.get(
    '/api/v1/dues/ledger',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Yearly dues ledger (党费收缴台账): base, rate, monthly, due and paid in the year, per member',
        querystring: ledgerQuery,
        response: { 200: z.object({ items: z.array(ledgerRowOut), total: z.number() }) },
      },
    },
    async (request) => {
      const q = withYear(request.query);
      const items = await ledgerRows(request, q);
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/v1/dues/ledger/export',
    { config: { access: 'dues.read' }, schema: { tags: ['dues'], summary: 'The yearly ledger as the 党费收缴台账 sheet (formats.md)', querystring: ledgerQuery } },
    async (request, reply) => {
      const q = withYear(request.query);
      const auth = authOf(request);
      const zh = auth.language === 'zh-CN';
      const rows = await ledgerRows(request, q);
      const buffer = await workbookBuffer(
        zh ? `${q.year}年党费收缴台账` : `Dues ledger ${q.year}`,
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (x) => x.no },
          { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.name },
          { header: zh ? '月工资收入' : 'Monthly base', width: 14, value: (x) => yuan(x.baseCents) },
          { header: zh ? '执行标准（比例）' : 'Rate', width: 14, value: (x) => ledgerRate(x, zh) },
          { header: zh ? '月应缴党费' : 'Monthly dues', width: 12, value: (x) => yuan(x.monthlyCents) },
          { header: zh ? '全年应缴' : 'Due in year', width: 12, value: (x) => yuan(x.yearDueCents) },
          { header: zh ? '全年实缴' : 'Paid in year', width: 12, value: (x) => yuan(x.yearPaidCents) },
          { header: zh ? '备注' : 'Remarks', width: 30, value: (x) => ledgerRemark(x, zh) },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? `党费收缴台账${q.year}.xlsx` : `dues-ledger-${q.year}.xlsx`, buffer);
    },
  );

  /** The organisation a ledger is for: the chosen one, else the user's branches, else the tenant's top organisation(s). */
  async function ledgerOrgName(tenantId: number, scope: DataScope, orgId: number | undefined): Promise<string> {
    let q = app.db.selectFrom('orgs').select('name').where('tenant_id', '=', tenantId).orderBy('path');
    if (orgId) q = q.where('id', '=', orgId);
    else if (scope.kind === 'subtree' && scope.orgIds.length > 0) q = q.where('id', 'in', scope.orgIds);
    else q = q.where('parent_id', 'is', null).where('dissolved_on', 'is', null);
    const names = (await q.execute()).map((x) => x.name);
    if (names.length > 0) return names.join('、');
    return (await app.db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow()).name;
  }

  r.get(
    '/api/v1/dues/ledger/docx',
    {
      config: { access: 'dues.read' },
      schema: { tags: ['dues'], summary: 'The yearly ledger as the 党费收缴台账 Word document (landscape A4, totals, 制表人/制表日期)', querystring: ledgerQuery },
    },
    async (request, reply) => {
      const q = withYear(request.query);
      const auth = authOf(request);
      const rows = await ledgerRows(request, q);
      const orgName = await ledgerOrgName(auth.tenantId, scopeOf(request, 'dues.read'), q.orgId);
      const total = rows.reduce(
        (s, x) => ({
          yearDueCents: s.yearDueCents + x.yearDueCents,
          yearPaidCents: s.yearPaidCents + x.yearPaidCents,
          voluntaryCents: s.voluntaryCents + x.voluntaryCents,
          toCentreCents: s.toCentreCents + x.toCentreCents,
        }),
        { yearDueCents: 0, yearPaidCents: 0, voluntaryCents: 0, toCentreCents: 0 },
      );
      const buffer = await ledgerDocx({
        orgName,
        year: q.year,
        rows: rows.map((x) => ({ ...x, rate: ledgerRate(x, true), remark: ledgerRemark(x, true) })),
        totalRemark: [`共${rows.length}人`, ledgerRemark(total, true)].filter(Boolean).join('；'),
        preparedBy: auth.name,
        preparedOn: app.today(),
      });
      return sendDocx(reply, `${ledgerTitle(orgName, q.year)}.docx`, buffer);
    },
  );

  const collectionQuery = z.object({ year: yearOrCurrent, month: z.coerce.number().int().min(1).max(12).optional() });

  async function collectionRows(request: FastifyRequest, f: z.infer<typeof collectionQuery> & { year: number }) {
    const auth = authOf(request);
    const scope = scopeOf(request, 'dues.read');
    const from = f.month ? `${f.year}-${String(f.month).padStart(2, '0')}-01` : `${f.year}-01-01`;
    const to = f.month ? from : `${f.year}-12-01`;
    const rows = await app.db
      .selectFrom('dues_entries as e')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
      .leftJoin('orgs as p', (j) => j.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.parent_id'))
      .select([
        'o.id',
        'o.name',
        'o.path',
        'p.name as parent_name',
        sql<number>`count(distinct e.member_id) filter (where e.kind = 'due')::int8`.as('members'),
        sql<number>`sum(case when e.affects = 'due' then e.amount_cents else 0 end)::int8`.as('due'),
        sql<number>`sum(case when e.affects = 'paid' then e.amount_cents else 0 end)::int8`.as('paid'),
        sql<number>`sum(case when e.affects = 'voluntary' and not e.to_centre then e.amount_cents else 0 end)::int8`.as('voluntary'),
        sql<number>`sum(case when e.affects = 'voluntary' and e.to_centre then e.amount_cents else 0 end)::int8`.as('to_centre'),
      ])
      .where('e.tenant_id', '=', auth.tenantId)
      .where('e.month', '>=', from)
      .where('e.month', '<=', to)
      .where(scopeCondition(scope, 'o.path', 'e.member_id'))
      .groupBy(['o.id', 'o.name', 'o.path', 'p.name'])
      .orderBy('o.path')
      .execute();
    return rows.map((x) => ({
      id: x.id,
      orgName: x.name,
      parentName: x.parent_name,
      memberCount: Number(x.members),
      dueCents: Number(x.due),
      paidCents: Number(x.paid),
      voluntaryCents: Number(x.voluntary),
      toCentreCents: Number(x.to_centre),
      // What the branch hands to the level above: collected dues plus voluntary extras; the
      // ≥1000元 one-off extras go to the Centre in full and are listed separately (党费规定).
      remitCents: Number(x.paid) + Number(x.voluntary),
    }));
  }

  const collectionRowOut = z.object({
    id: z.number(),
    orgName: z.string(),
    parentName: z.string().nullable(),
    memberCount: z.number(),
    dueCents: z.number(),
    paidCents: z.number(),
    voluntaryCents: z.number(),
    toCentreCents: z.number(),
    remitCents: z.number(),
  });

  r.get(
    '/api/v1/dues/reports/collection',
    {
      config: { access: 'dues.read' },
      schema: {
        tags: ['dues'],
        summary: 'Branch collection for a month or a year: due, paid, voluntary, to the Centre, and what to remit to the level above',
        querystring: collectionQuery,
        response: { 200: z.object({ items: z.array(collectionRowOut), total: z.number() }) },
      },
    },
    async (request) => {
      const q = withYear(request.query);
      const items = await collectionRows(request, q);
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/v1/dues/reports/collection/export',
    { config: { access: 'dues.read' }, schema: { tags: ['dues'], summary: 'Branch collection and remittance sheet', querystring: collectionQuery } },
    async (request, reply) => {
      const q = withYear(request.query);
      const auth = authOf(request);
      const zh = auth.language === 'zh-CN';
      const rows = await collectionRows(request, q);
      const period = q.month ? `${q.year}-${String(q.month).padStart(2, '0')}` : String(q.year);
      const buffer = await workbookBuffer(
        zh ? '党费收缴与上缴' : 'Collection',
        [
          { header: zh ? '党组织' : 'Organisation', width: 28, value: (x) => x.orgName },
          { header: zh ? '上级党组织' : 'Level above', width: 24, value: (x) => x.parentName },
          { header: zh ? '应缴人数' : 'Members', width: 10, value: (x) => x.memberCount },
          { header: zh ? '应缴（元）' : 'Due', width: 12, value: (x) => yuan(x.dueCents) },
          { header: zh ? '实缴（元）' : 'Paid', width: 12, value: (x) => yuan(x.paidCents) },
          { header: zh ? '自愿多交（元）' : 'Voluntary', width: 14, value: (x) => yuan(x.voluntaryCents) },
          { header: zh ? '上缴中央（元）' : 'To the Centre', width: 14, value: (x) => yuan(x.toCentreCents) },
          { header: zh ? '上缴上级（元）' : 'Remit', width: 14, value: (x) => yuan(x.remitCents) },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? `党费收缴${period}.xlsx` : `dues-collection-${period}.xlsx`, buffer);
    },
  );
}
