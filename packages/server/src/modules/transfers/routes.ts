import { compareDates, parseIdNumber, scopeCoversPath } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Transaction, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { escapeLike, scopeCondition } from '../../lib/scope.js';
import { authOf, scopeOf } from '../../plugins/access.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { type PersonViewer, presentIdNumber, presentPhone, viewerOf } from '../../lib/person.js';
import { memberByIdNumber } from '../members/repository.js';
import { type Actor, actorOf, assertMemberDates, idNumberTakenError, memberInScope, memberReadScope, officialEthnicity, recordChanges } from '../members/service.js';
import { nameColumns } from '../members/pinyin.js';
import { orgSettingsOf } from '../orgs/service.js';
import { letterDocx } from './letter.js';
import { isReceiptOverdue, receiptDueOn as receiptDueOf, receiptOverdueSql } from './receipts.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * 党费已交到: read from the dues ledger (dues module). Isolated here so a ledger change is one
 * place; null when the member has no dues months yet.
 */
async function paidThroughOf(db: Transaction<DB>, tenantId: number, memberId: number): Promise<string | null> {
  const { arrearsOf } = await import('../dues/repository.js');
  const { arrears } = await arrearsOf(db, tenantId, memberId);
  return arrears.paidThrough;
}

async function closePeriod(trx: Transaction<DB>, actor: Actor, memberId: number, effectiveOn: string) {
  const last = await trx
    .selectFrom('member_org_periods')
    .select(['id', 'from_on'])
    .where('tenant_id', '=', actor.tenantId)
    .where('member_id', '=', memberId)
    .where('to_on', 'is', null)
    .orderBy('from_on', 'desc')
    .executeTakeFirst();
  if (last && compareDates(effectiveOn, last.from_on) < 0) throw new AppError(400, 'TRANSFER_DATE_BEFORE_LAST', { date: effectiveOn, last: last.from_on });
  await trx.updateTable('member_org_periods').set({ to_on: effectiveOn }).where('tenant_id', '=', actor.tenantId).where('member_id', '=', memberId).where('to_on', 'is', null).execute();
}

async function nextLetterNo(trx: Transaction<DB>, tenantId: number, effectiveOn: string): Promise<string> {
  const year = effectiveOn.slice(0, 4);
  const rows = await trx
    .selectFrom('member_transfers')
    .select('letter_no')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'out')
    .where('letter_no', 'like', `${year}-%`)
    .execute();
  const max = rows.reduce((m, r) => Math.max(m, Number(r.letter_no.slice(5)) || 0), 0);
  return `${year}-${String(max + 1).padStart(3, '0')}`;
}

function ageOn(birth: string | null, on: string): number | null {
  if (!birth) return null;
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const transferOut = z.object({
  id: z.number(),
  kind: z.enum(['internal', 'out', 'in']),
  memberId: z.number(),
  memberName: z.string(),
  idNumber: z.string(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  effectiveOn: z.string(),
  letterNo: z.string(),
  paidThrough: z.string().nullable(),
  receiptDueOn: z.string().nullable(),
  receiptReceivedOn: z.string().nullable(),
  receiptOverdue: z.boolean(),
  notes: z.string(),
  version: z.number(),
});

const listFilters = z.object({
  kind: z.enum(['internal', 'out', 'in']).optional(),
  receipt: z.enum(['pending', 'overdue', 'received']).optional(),
  q: z.string().trim().max(50).optional(),
});

export async function transferRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  function listQuery(tenantId: number, scope: ReturnType<typeof scopeOf>, f: z.infer<typeof listFilters>, today: string) {
    let q = app.db
      .selectFrom('member_transfers as t')
      .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.member_id'))
      .leftJoin('orgs as fo', (j) => j.onRef('fo.tenant_id', '=', 't.tenant_id').onRef('fo.id', '=', 't.from_org_id'))
      .leftJoin('orgs as tob', (j) => j.onRef('tob.tenant_id', '=', 't.tenant_id').onRef('tob.id', '=', 't.to_org_id'))
      .selectAll('t')
      .select(['m.name as member_name', 'm.id_number'])
      .where('t.tenant_id', '=', tenantId)
      // A transfer is visible to either side: the branch it left or the branch it joined.
      .where((eb) => eb.or([scopeCondition(scope, 'fo.path', 'm.id'), scopeCondition(scope, 'tob.path', 'm.id')]) as never);
    if (f.kind) q = q.where('t.kind', '=', f.kind);
    if (f.receipt === 'received') q = q.where('t.receipt_received_on', 'is not', null);
    if (f.receipt === 'pending') q = q.where('t.kind', '=', 'out').where('t.receipt_received_on', 'is', null);
    if (f.receipt === 'overdue') q = q.where(receiptOverdueSql(today));
    if (f.q) q = q.where((eb) => eb.or([eb('m.name', 'like', `%${escapeLike(f.q!)}%`), eb('t.letter_no', 'like', `%${escapeLike(f.q!)}%`)]));
    return q.orderBy('t.effective_on', 'desc').orderBy('t.id', 'desc');
  }

  function present(viewer: PersonViewer, today: string, t: Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number]) {
    return {
      id: t.id,
      kind: t.kind,
      memberId: t.member_id,
      memberName: t.member_name,
      idNumber: presentIdNumber(viewer, t.id_number),
      fromOrgName: t.from_org_name,
      toOrgName: t.to_org_name,
      effectiveOn: t.effective_on,
      letterNo: t.letter_no,
      paidThrough: t.paid_through,
      receiptDueOn: t.receipt_due_on,
      receiptReceivedOn: t.receipt_received_on,
      // Remind after one month without the 回执 (also in the daily reminder digest).
      receiptOverdue: isReceiptOverdue(t, today),
      notes: t.notes,
      version: t.version,
    };
  }

  r.get(
    '/api/v1/transfers',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['transfers'],
        summary: 'Transfers (组织关系转接) touching the caller’s scope; receipt=overdue lists letters whose 回执 has not come back within a month',
        querystring: pageQuery.extend(listFilters.shape),
        response: { 200: z.object({ items: z.array(transferOut), total: z.number(), overdueReceipts: z.number() }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'members.read');
      const today = app.today();
      const { page, pageSize, ...f } = request.query;
      const base = listQuery(auth.tenantId, scope, f, today);
      const [{ total }] = (await base.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
      const [{ overdue }] = (await listQuery(auth.tenantId, scope, { receipt: 'overdue' }, today).clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('overdue')).execute()) as [{ overdue: number }];
      const rows = await base.limit(pageSize).offset((page - 1) * pageSize).execute();
      const viewer = viewerOf(request);
      return { items: rows.map((t) => present(viewer, today, t)), total: Number(total), overdueReceipts: Number(overdue) };
    },
  );

  r.get(
    '/api/v1/transfers/export',
    {
      config: { access: 'members.read' },
      schema: { tags: ['transfers'], summary: 'The filtered transfer list as Excel', querystring: listFilters },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const zh = auth.language === 'zh-CN';
      const today = app.today();
      const rows = (await listQuery(auth.tenantId, scopeOf(request, 'members.read'), request.query, today).limit(100_000).execute()).map((t) => present(viewerOf(request), today, t));
      const kind = { internal: zh ? '内部调整' : 'Internal', out: zh ? '转出' : 'Out', in: zh ? '转入' : 'In' };
      const buffer = await workbookBuffer(
        zh ? '组织关系转接' : 'Transfers',
        [
          { header: zh ? '类型' : 'Kind', width: 10, value: (x) => kind[x.kind] },
          { header: zh ? '介绍信编号' : 'Letter no.', width: 12, value: (x) => x.letterNo },
          { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.memberName },
          { header: zh ? '公民身份号码' : 'ID number', width: 22, value: (x) => x.idNumber },
          { header: zh ? '转出党组织' : 'From', width: 28, value: (x) => x.fromOrgName },
          { header: zh ? '接收党组织' : 'To', width: 28, value: (x) => x.toOrgName },
          { header: zh ? '生效日期' : 'Effective', width: 12, value: (x) => x.effectiveOn },
          { header: zh ? '党费已交到' : 'Dues paid through', width: 12, value: (x) => x.paidThrough },
          { header: zh ? '回执收到日期' : 'Receipt received', width: 12, value: (x) => x.receiptReceivedOn ?? (x.receiptOverdue ? (zh ? '逾期未回' : 'Overdue') : '') },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? '组织关系转接.xlsx' : 'transfers.xlsx', buffer);
    },
  );

  r.post(
    '/api/v1/transfers/internal',
    {
      config: { access: 'members.write' },
      schema: {
        tags: ['transfers'],
        summary: 'Move a member to another branch of the unit from an effective date; the branch history keeps both periods so earlier dues and meetings stay with the old branch',
        body: z.object({ memberId: z.number().int().positive(), toOrgId: z.number().int().positive(), effectiveOn: date, notes: z.string().trim().max(500).default('') }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const b = request.body;
      const id = await app.db.transaction().execute(async (trx) => {
        const m = await memberInScope(trx, actor.tenantId, scopeOf(request, 'members.write'), b.memberId);
        if (m.status !== 'active') throw new AppError(400, 'TRANSFER_MEMBER_NOT_ACTIVE', { name: m.name, status: m.status });
        const to = await trx.selectFrom('orgs').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', b.toOrgId).executeTakeFirst();
        if (!to || to.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id: b.toOrgId });
        if (to.type === 'party_group' || to.type === 'temporary_branch') throw new AppError(400, 'MEMBER_ORG_NOT_BRANCH');
        if (to.id === m.org_id) throw new AppError(400, 'TRANSFER_SAME_ORG');
        await closePeriod(trx, actor, m.id, b.effectiveOn);
        await trx.insertInto('member_org_periods').values({ tenant_id: actor.tenantId, member_id: m.id, org_id: to.id, from_on: b.effectiveOn }).execute();
        await trx.updateTable('members').set({ org_id: to.id, party_group_id: null, version: m.version + 1, updated_at: new Date() }).where('tenant_id', '=', actor.tenantId).where('id', '=', m.id).execute();
        await recordChanges(trx, actor, m.id, m, { org_id: to.id, party_group_id: null }, 'transfer');
        const row = await trx
          .insertInto('member_transfers')
          .values({ tenant_id: actor.tenantId, kind: 'internal', member_id: m.id, from_org_id: m.org_id, to_org_id: to.id, from_org_name: m.org_name, to_org_name: to.name, effective_on: b.effectiveOn, notes: b.notes, username: actor.username })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actor, { action: 'transfer', entityType: 'member', entityId: m.id, summary: `${m.name} 组织关系由 ${m.org_name} 转至 ${to.name}`, before: { orgId: m.org_id }, after: { orgId: to.id, effectiveOn: b.effectiveOn } });
        return row.id;
      });
      return reply.status(201).send({ id });
    },
  );

  r.post(
    '/api/v1/transfers/out',
    {
      config: { access: 'members.write' },
      schema: {
        tags: ['transfers'],
        summary: 'Transfer a member out of the unit: issues the three-part letter (number, 党费已交到 from the dues ledger) and starts the one-month receipt watch',
        body: z.object({
          memberId: z.number().int().positive(),
          toOrgName: z.string().trim().min(2).max(100),
          effectiveOn: date,
          letterNo: z.string().trim().max(30).optional(),
          validDays: z.number().int().min(1).max(180).optional(),
          notes: z.string().trim().max(500).default(''),
        }),
        response: { 201: z.object({ id: z.number(), letterNo: z.string(), paidThrough: z.string().nullable(), receiptDueOn: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const b = request.body;
      const { letterhead } = await orgSettingsOf(app.db, actor.tenantId);
      const result = await app.db.transaction().execute(async (trx) => {
        const m = await memberInScope(trx, actor.tenantId, scopeOf(request, 'members.write'), b.memberId);
        if (m.status !== 'active') throw new AppError(400, 'TRANSFER_MEMBER_NOT_ACTIVE', { name: m.name, status: m.status });
        const letterNo = b.letterNo || (await nextLetterNo(trx, actor.tenantId, b.effectiveOn));
        const taken = await trx.selectFrom('member_transfers').select('id').where('tenant_id', '=', actor.tenantId).where('kind', '=', 'out').where('letter_no', '=', letterNo).executeTakeFirst();
        if (taken) throw new AppError(409, 'TRANSFER_LETTER_TAKEN', { letterNo });
        await closePeriod(trx, actor, m.id, b.effectiveOn);
        const paidThrough = await paidThroughOf(trx, actor.tenantId, m.id);
        const receiptDueOn = receiptDueOf(b.effectiveOn);
        await trx.updateTable('members').set({ status: 'transferred_out', party_group_id: null, version: m.version + 1, updated_at: new Date() }).where('tenant_id', '=', actor.tenantId).where('id', '=', m.id).execute();
        await recordChanges(trx, actor, m.id, m, { status: 'transferred_out', party_group_id: null }, 'transfer');
        await trx.updateTable('org_committee_seats').set({ member_id: null }).where('tenant_id', '=', actor.tenantId).where('member_id', '=', m.id).execute();
        const row = await trx
          .insertInto('member_transfers')
          .values({
            tenant_id: actor.tenantId,
            kind: 'out',
            member_id: m.id,
            from_org_id: m.org_id,
            from_org_name: m.org_name,
            to_org_name: b.toOrgName,
            effective_on: b.effectiveOn,
            letter_no: letterNo,
            valid_days: b.validDays ?? letterhead.validDays,
            paid_through: paidThrough,
            receipt_due_on: receiptDueOn,
            notes: b.notes,
            username: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actor, { action: 'transfer', entityType: 'member', entityId: m.id, summary: `${m.name} 组织关系转出至 ${b.toOrgName}（介绍信 ${letterNo}）`, after: { transferId: row.id, letterNo, paidThrough } });
        return { id: row.id, letterNo, paidThrough, receiptDueOn };
      });
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/v1/transfers/:id/letter',
    {
      config: { access: 'members.write' },
      schema: { tags: ['transfers'], summary: 'The three-part letter (存根 / 介绍信 / 回执) as docx', params: idParam },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = await app.db.selectFrom('member_transfers').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', request.params.id).executeTakeFirst();
      if (!t) throw notFound('TRANSFER_NOT_FOUND', request.params.id);
      if (t.kind !== 'out') throw new AppError(400, 'TRANSFER_NOT_OUT');
      const from = t.from_org_id ? await app.db.selectFrom('orgs').select('path').where('tenant_id', '=', actor.tenantId).where('id', '=', t.from_org_id).executeTakeFirst() : undefined;
      if (!from || !scopeCoversPath(scopeOf(request, 'members.write'), from.path)) throw new AppError(403, 'OUT_OF_SCOPE');
      const m = await app.db.selectFrom('members').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', t.member_id).executeTakeFirstOrThrow();
      const { letterhead } = await orgSettingsOf(app.db, actor.tenantId);
      const tenant = await app.db.selectFrom('tenants').select('name').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
      // The letter carries the full numbers only for roles that may see them; others print it masked.
      const viewer = viewerOf(request);
      const buffer = await letterDocx({
        letterNo: t.letter_no,
        name: m.name,
        gender: m.gender,
        age: ageOn(m.birth_date, t.effective_on),
        ethnicity: m.ethnicity,
        category: m.category,
        idNumber: presentIdNumber(viewer, m.id_number),
        fromOrg: t.from_org_name,
        toOrg: t.to_org_name,
        paidThrough: t.paid_through,
        validDays: t.valid_days ?? letterhead.validDays,
        phone: presentPhone(viewer, m.phone),
        committeeName: letterhead.committeeName || `中共${tenant.name}委员会`,
        address: letterhead.address,
        committeePhone: letterhead.phone,
        fax: letterhead.fax,
        postcode: letterhead.postcode,
        date: t.effective_on,
      });
      await writeAudit(app.db, actor, { action: 'export', entityType: 'member_transfer', entityId: t.id, summary: `打印组织关系介绍信 ${t.letter_no}（${m.name}）` });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`组织关系介绍信-${t.letter_no}-${m.name}.docx`)}`)
        .send(buffer);
    },
  );

  r.post(
    '/api/v1/transfers/:id/receipt',
    {
      config: { access: 'members.write' },
      schema: {
        tags: ['transfers'],
        summary: 'Record that the 回执 came back (send the version you read)',
        params: idParam,
        body: z.object({ version: z.number().int().positive(), receivedOn: date }),
        response: { 200: z.object({ id: z.number(), version: z.number() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      return app.db.transaction().execute(async (trx) => {
        const t = await trx.selectFrom('member_transfers').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', request.params.id).executeTakeFirst();
        if (!t) throw notFound('TRANSFER_NOT_FOUND', request.params.id);
        if (t.kind !== 'out') throw new AppError(400, 'TRANSFER_NOT_OUT');
        const from = await trx.selectFrom('orgs').select('path').where('tenant_id', '=', actor.tenantId).where('id', '=', t.from_org_id!).executeTakeFirstOrThrow();
        if (!scopeCoversPath(scopeOf(request, 'members.write'), from.path)) throw new AppError(403, 'OUT_OF_SCOPE');
        if (compareDates(b.receivedOn, t.effective_on) < 0) throw new AppError(400, 'TRANSFER_RECEIPT_BEFORE_EFFECTIVE', { date: b.receivedOn, effective: t.effective_on });
        const res = await trx.updateTable('member_transfers').set({ receipt_received_on: b.receivedOn, version: b.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', t.id).where('version', '=', b.version).executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw new AppError(409, 'VERSION_CONFLICT');
        await writeAudit(trx, actor, { action: 'update', entityType: 'member_transfer', entityId: t.id, summary: `回执已收到 ${t.letter_no}`, before: { receiptReceivedOn: t.receipt_received_on }, after: b });
        return { id: t.id, version: b.version + 1 };
      });
    },
  );

  r.post(
    '/api/v1/transfers/in',
    {
      config: { access: 'members.write' },
      schema: {
        tags: ['transfers'],
        summary: 'Register a member arriving with a letter (linked by its number) into a branch in scope; a member who left earlier is re-activated',
        body: z.object({
          name: z.string().trim().min(1).max(50),
          idNumber: z.string().trim().min(1).max(20),
          category: z.enum(['full', 'probationary']),
          joinedOn: date,
          fullOn: date.nullable().optional(),
          ethnicity: z.string().trim().max(20).default('汉族'),
          phone: z.string().trim().regex(/^[\d+\- ]{0,20}$/).default(''),
          toOrgId: z.number().int().positive(),
          fromOrgName: z.string().trim().min(2).max(100),
          letterNo: z.string().trim().min(1).max(30),
          effectiveOn: date,
          departmentId: z.number().int().positive().nullable().optional(),
        }),
        response: { 201: z.object({ id: z.number(), memberId: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const scope = scopeOf(request, 'members.write');
      const b = request.body;
      const parsed = parseIdNumber(b.idNumber);
      if (!parsed.ok) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.idNumber', message: translate(`MEMBER_ID_${parsed.problem.toUpperCase()}`, actor.language) }]);
      if (b.category === 'probationary' && b.fullOn) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.fullOn', message: translate('MEMBER_PROBATIONARY_WITH_FULL_DATE', actor.language) }]);
      assertMemberDates({ birth_date: parsed.value.birthDate, joined_on: b.joinedOn, full_on: b.fullOn ?? null, category: b.category }, actor.language);
      const ethnicity = officialEthnicity(b.ethnicity, actor.language);
      const result = await app.db.transaction().execute(async (trx) => {
        const to = await trx.selectFrom('orgs').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', b.toOrgId).executeTakeFirst();
        if (!to || to.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id: b.toOrgId });
        if (to.type === 'party_group' || to.type === 'temporary_branch') throw new AppError(400, 'MEMBER_ORG_NOT_BRANCH');
        if (!scopeCoversPath(scope, to.path)) throw new AppError(403, 'OUT_OF_SCOPE');
        const dup = await trx.selectFrom('member_transfers').select('id').where('tenant_id', '=', actor.tenantId).where('kind', '=', 'in').where('letter_no', '=', b.letterNo).executeTakeFirst();
        if (dup) throw new AppError(409, 'TRANSFER_LETTER_TAKEN', { letterNo: b.letterNo });
        const existing = await trx.selectFrom('members').selectAll().where('tenant_id', '=', actor.tenantId).where('id_number', '=', parsed.value.idNumber).executeTakeFirst();
        let memberId: number;
        const values = {
          name: b.name,
          gender: parsed.value.gender,
          birth_date: parsed.value.birthDate,
          category: b.category,
          joined_on: b.joinedOn,
          full_on: b.fullOn ?? null,
          ethnicity,
          phone: b.phone,
          org_id: to.id,
          party_group_id: null,
          status: 'active' as const,
          ...(b.departmentId !== undefined ? { department_id: b.departmentId } : {}),
        };
        if (existing) {
          if (existing.status === 'active') throw idNumberTakenError((await memberByIdNumber(trx, actor.tenantId, existing.id_number))!, memberReadScope(request), actor.language);
          memberId = existing.id;
          await trx.updateTable('members').set({ ...values, ...nameColumns(b.name), version: existing.version + 1, updated_at: new Date() }).where('tenant_id', '=', actor.tenantId).where('id', '=', existing.id).execute();
          await recordChanges(trx, actor, memberId, existing, values, 'transfer');
        } else {
          const row = await trx
            .insertInto('members')
            .values({ tenant_id: actor.tenantId, id_number: parsed.value.idNumber, ...values, ...nameColumns(b.name) })
            .returning('id')
            .executeTakeFirstOrThrow();
          memberId = row.id;
          await recordChanges(trx, actor, memberId, null, { ...values, id_number: parsed.value.idNumber }, 'transfer');
        }
        await trx.insertInto('member_org_periods').values({ tenant_id: actor.tenantId, member_id: memberId, org_id: to.id, from_on: b.effectiveOn }).execute();
        const row = await trx
          .insertInto('member_transfers')
          .values({ tenant_id: actor.tenantId, kind: 'in', member_id: memberId, to_org_id: to.id, from_org_name: b.fromOrgName, to_org_name: to.name, effective_on: b.effectiveOn, letter_no: b.letterNo, username: actor.username })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actor, { action: 'transfer', entityType: 'member', entityId: memberId, summary: `${b.name} 组织关系由 ${b.fromOrgName} 转入 ${to.name}（介绍信 ${b.letterNo}）`, after: { ...values, letterNo: b.letterNo } });
        return { id: row.id, memberId };
      });
      return reply.status(201).send(result);
    },
  );
}
