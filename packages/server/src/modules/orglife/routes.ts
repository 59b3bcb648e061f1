import { randomBytes } from 'node:crypto';
import {
  BRANCH_ORG_TYPES,
  COMPLIANCE_STATES,
  type ComplianceState,
  MEETING_KINDS,
  MONTH_ATTENDANCE,
  type MeetingKind,
  PLAN_ITEM_STATES,
  generateYearPlan,
  kindProblems,
  orglifeSettingsSchema,
  periodsOfYear,
  planItemState,
  ruleSettingsOverridesSchema,
  scopeCoversPath,
  VOTING_EXCLUSION_KINDS,
} from '@hongyi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { NO_ALLOW_LIST, type WebhookOptions, assertWebhookTarget } from '../../lib/webhook.js';
import { int4, version } from '../../lib/fields.js';
import { escapeLike, scopeCondition } from '../../lib/scope.js';
import { authOf, can, scopeOf } from '../../plugins/access.js';
import { auditorOf, writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, languageOf, notFound } from '../../plugins/errors.js';
import { minutesDocx, reviewsDocx, sendDocx, yearLedgerDocx } from './documents.js';
import { orglifeAttachmentRoutes } from './attachments.js';
import { duesFlags, lapses } from './lapses.js';
import type { Mailer } from '../../lib/mail.js';
import { matrixRows } from './matrix.js';
import { rosterOn } from './repository.js';
import { votingExclusionRoutes } from './votingExclusions.js';
import { type Poster, RECENT_DIGEST_DAYS, runReminders, typedItems, webhookPoster } from './reminders.js';
import { KIND_NAMES, STATE_NAMES, cellOut, dateString, kindLabel, recordFilters, recordInput, recordListItem, recordOut, type RecordFilters } from './schemas.js';
import { type OrgRow, complianceFor, loadSettings, orgInScope, recordDetail, writeRecord } from './service.js';
import { loadSettings as loadUnitSettings, saveSettings } from '../settings/service.js';

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const orgParam = z.object({ orgId: z.coerce.number().int().positive() });
const lapseLevelSchema = z.enum(['none', 'remind', 'warn', 'report']);
/** A member's organisational life over the last months, leave kept apart from attendance (core memberAttendance). */
const attendanceRunOut = z.object({
  /** 党章 第九条 run: full months neither attended nor excused. */
  months: z.number(),
  level: lapseLevelSchema,
  /** Last month with organisational life (attended or excused). */
  lastMonth: z.string().nullable(),
  lastAttendedMonth: z.string().nullable(),
  /** Full months not attended (excused or not) up to last month, and how many of them were excused. */
  monthsNotAttended: z.number(),
  excusedMonths: z.number(),
  /** The six full months before this month, oldest first. */
  recent: z.array(z.object({ month: z.string(), state: z.enum(MONTH_ATTENDANCE) })),
});

function zhOf(request: FastifyRequest): boolean {
  return authOf(request).language === 'zh-CN';
}

/** Records in scope, filtered, newest first. */
function recordListQuery(request: FastifyRequest, f: RecordFilters) {
  const auth = authOf(request);
  const scope = scopeOf(request, 'orglife.read');
  const db = request.server.db;
  let q = db
    .selectFrom('orglife_records as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .leftJoin('orgs as g', (j) => j.onRef('g.tenant_id', '=', 'r.tenant_id').onRef('g.id', '=', 'r.party_group_id'))
    .select([
      'r.id',
      'r.org_id',
      'o.name as org_name',
      'g.name as group_name',
      'r.kinds',
      'r.held_on',
      'r.place',
      'r.scene_tag',
      'r.host_name',
      'r.topics',
      'r.expected_count',
      'r.present_count',
      'r.excused_count',
      'r.absent_count',
      sql<boolean>`r.minutes <> '' and r.present_count > 0 and (not ('party_lecture' = any(r.kinds)) or r.speaker_name <> '')`.as('complete'),
    ])
    .where('r.tenant_id', '=', auth.tenantId)
    .where(scopeCondition(scope, 'o.path'));
  if (f.orgId) q = q.where(sql<boolean>`(o.path like (select f.path from orgs f where f.tenant_id = ${auth.tenantId} and f.id = ${f.orgId}) || '%' or r.party_group_id = ${f.orgId})`);
  if (f.kind) q = q.where(sql<boolean>`${f.kind} = any(r.kinds)`);
  if (f.from) q = q.where('r.held_on', '>=', f.from);
  if (f.to) q = q.where('r.held_on', '<=', f.to);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('r.place', 'like', like), eb('r.host_name', 'like', like), eb(sql<string>`r.topics::text`, 'like', like), eb('o.name', 'like', like)]));
  }
  return q.orderBy('r.held_on', 'desc').orderBy('r.id', 'desc');
}

type ListRow = Awaited<ReturnType<ReturnType<typeof recordListQuery>['execute']>>[number];
const presentListRow = (r: ListRow) => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  partyGroupName: r.group_name,
  kinds: r.kinds as MeetingKind[],
  heldOn: r.held_on,
  place: r.place,
  sceneTag: r.scene_tag,
  hostName: r.host_name,
  topic: ((r.topics ?? []) as string[])[0] ?? '',
  expectedCount: r.expected_count,
  presentCount: r.present_count,
  excusedCount: r.excused_count,
  absentCount: r.absent_count,
  complete: r.complete,
});

/** A record the caller may see, or 404 (also for records outside the scope: no existence leak across tenants). */
async function visibleRecord(request: FastifyRequest, id: number, permission: 'orglife.read' | 'orglife.write') {
  const auth = authOf(request);
  const record = await recordDetail(request.server.db, auth.tenantId, id);
  if (!record) throw notFound('ORGLIFE_RECORD_NOT_FOUND', id);
  const scope = scopeOf(request, permission);
  if (scope.kind !== 'tenant' && !(scope.kind === 'subtree' && scope.paths.some((p) => record.orgPath.startsWith(p)))) throw new AppError(403, 'OUT_OF_SCOPE');
  return record;
}

export interface OrglifeRouteOptions {
  /** How webhooks are posted (tests may pass their own); by default lib/webhook with `webhooks`. */
  poster?: Poster;
  /** Where group-robot webhooks may go (WEBHOOK_ALLOW_HOSTS); public https addresses only by default. */
  webhooks?: WebhookOptions;
  /** How reminder e-mails are sent (SMTP_URL); none: they stay queued. */
  mailer?: Mailer | null;
}

export async function orglifeRoutes(app: FastifyInstance, options: OrglifeRouteOptions = {}) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const webhooks = options.webhooks ?? { allow: NO_ALLOW_LIST };
  const poster = options.poster ?? webhookPoster(webhooks);
  const mailer = options.mailer ?? null;
  const kindName = (zh: boolean) => (k: MeetingKind) => kindLabel(k, zh);

  // -------------------------------------------------------------------- records
  orglifeAttachmentRoutes(app, { visibleRecord });
  votingExclusionRoutes(app);

  r.get(
    '/api/v1/orglife/records',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags: ['orglife'],
        summary: 'Organisational-life records within the caller’s scope (filters, pages)',
        querystring: pageQuery.extend(recordFilters.shape),
        response: { 200: z.object({ items: z.array(recordListItem), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      const base = recordListQuery(request, filters);
      const { total } = await base.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
      const rows = await base.limit(pageSize).offset((page - 1) * pageSize).execute();
      return { items: rows.map(presentListRow), total: Number(total) };
    },
  );

  r.get(
    '/api/v1/orglife/records/export',
    {
      config: { access: 'orglife.read' },
      schema: { tags: ['orglife'], summary: 'Excel list of all records in a scope and period', querystring: recordFilters },
    },
    async (request, reply) => {
      const zh = zhOf(request);
      const rows = (await recordListQuery(request, request.query).limit(200_000).execute()).map(presentListRow);
      const buffer = await workbookBuffer(
        zh ? '组织生活记录' : 'Records',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (_x, i) => i + 1 },
          { header: zh ? '日期' : 'Date', width: 12, value: (x) => x.heldOn },
          { header: zh ? '党组织' : 'Organisation', width: 28, value: (x) => x.orgName },
          { header: zh ? '党小组' : 'Party group', width: 16, value: (x) => x.partyGroupName },
          { header: zh ? '类型' : 'Kinds', width: 24, value: (x) => x.kinds.map((k) => kindLabel(k, zh)).join(zh ? '、' : ', ') },
          { header: zh ? '地点' : 'Place', width: 18, value: (x) => x.place },
          { header: zh ? '场景' : 'Scene', width: 12, value: (x) => x.sceneTag },
          { header: zh ? '主持人' : 'Host', width: 10, value: (x) => x.hostName },
          { header: zh ? '应到' : 'Expected', width: 6, value: (x) => x.expectedCount },
          { header: zh ? '实到' : 'Present', width: 6, value: (x) => x.presentCount },
          { header: zh ? '请假' : 'Excused', width: 6, value: (x) => x.excusedCount },
          { header: zh ? '缺席' : 'Absent', width: 6, value: (x) => x.absentCount },
          { header: zh ? '主要议题' : 'Main topic', width: 36, value: (x) => x.topic },
          { header: zh ? '记录完整' : 'Complete', width: 8, value: (x) => (x.complete ? (zh ? '是' : 'yes') : zh ? '否' : 'no') },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? '组织生活记录.xlsx' : 'organisational-life-records.xlsx', buffer);
    },
  );

  r.get(
    '/api/v1/orglife/records/:id',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags: ['orglife'],
        summary: 'One record with attendance, resolutions and review results; canEdit: whether the caller may change it (else it is shown read-only)',
        params: idParam,
        response: { 200: recordOut.extend({ canEdit: z.boolean() }) },
      },
    },
    async (request) => {
      const record = await visibleRecord(request, request.params.id, 'orglife.read');
      return { ...record, canEdit: can(request, 'orglife.write') && scopeCoversPath(scopeOf(request, 'orglife.write'), record.orgPath) };
    },
  );

  r.post(
    '/api/v1/orglife/records',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags: ['orglife'],
        summary: 'Record a meeting once (several kinds where the rules allow); quorum of the 党员大会 is enforced',
        body: recordInput,
        response: { 201: recordOut },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orglife.write');
      const zh = zhOf(request);
      const created = await app.db.transaction().execute(async (trx) => {
        const id = await writeRecord(trx, { tenantId: auth.tenantId, userId: auth.userId, scope, zh, kindName: kindName(zh), today: app.today() }, request.body, null);
        const after = await recordDetail(trx, auth.tenantId, id);
        await writeAudit(trx, auditorOf(request), { action: 'create', entityType: 'orglife_record', entityId: id, summary: `记录${after!.kinds.map((k) => KIND_NAMES[k].zh).join('、')}（${after!.orgName} ${after!.heldOn}）`, after });
        return after!;
      });
      return reply.status(201).send(created);
    },
  );

  r.put(
    '/api/v1/orglife/records/:id',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags: ['orglife'],
        summary: 'Replace a record (optimistic concurrency: send the version you read)',
        params: idParam,
        body: recordInput.extend({ version: version() }),
        response: { 200: recordOut },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orglife.write');
      const zh = zhOf(request);
      const before = await visibleRecord(request, request.params.id, 'orglife.write');
      return app.db.transaction().execute(async (trx) => {
        const bumped = await trx
          .updateTable('orglife_records')
          .set({ version: request.body.version + 1 })
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', before.id)
          .where('version', '=', request.body.version)
          .executeTakeFirst();
        if (Number(bumped.numUpdatedRows) === 0) throw conflict();
        await writeRecord(trx, { tenantId: auth.tenantId, userId: auth.userId, scope, zh, kindName: kindName(zh), today: app.today() }, request.body, before.id);
        const after = await recordDetail(trx, auth.tenantId, before.id);
        await writeAudit(trx, auditorOf(request), { action: 'update', entityType: 'orglife_record', entityId: before.id, summary: `修改组织生活记录（${before.orgName} ${before.heldOn}）`, before, after });
        return after!;
      });
    },
  );

  r.delete(
    '/api/v1/orglife/records/:id',
    {
      config: { access: 'orglife.write' },
      schema: { tags: ['orglife'], summary: 'Delete a record entered by mistake (audited with its content)', params: idParam, querystring: z.object({ version: version({ coerce: true }) }) },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const before = await visibleRecord(request, request.params.id, 'orglife.write');
      await app.db.transaction().execute(async (trx) => {
        const gone = await trx.deleteFrom('orglife_records').where('tenant_id', '=', auth.tenantId).where('id', '=', before.id).where('version', '=', request.query.version).executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) throw conflict();
        await writeAudit(trx, auditorOf(request), { action: 'delete', entityType: 'orglife_record', entityId: before.id, summary: `删除组织生活记录（${before.orgName} ${before.heldOn}）`, before });
      });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/orglife/records/:id/minutes.docx',
    { config: { access: 'orglife.read' }, schema: { tags: ['orglife'], summary: 'Meeting minutes (会议记录) as Word', params: idParam } },
    async (request, reply) => {
      const record = await visibleRecord(request, request.params.id, 'orglife.read');
      const name = `${record.orgName}${record.heldOn}${record.kinds.map((k) => KIND_NAMES[k].zh).join('、')}记录.docx`;
      return sendDocx(reply, name, await minutesDocx(record));
    },
  );

  // -------------------------------------------------------------------- attendance by QR (optional)
  r.post(
    '/api/v1/orglife/records/:id/qr',
    {
      config: { access: 'orglife.write' },
      schema: { tags: ['orglife'], summary: 'Open QR attendance for a meeting (valid 4 hours); the secretary can always tick instead', params: idParam, response: { 200: z.object({ token: z.string(), expiresAt: z.string() }) } },
    },
    async (request) => {
      const auth = authOf(request);
      const record = await visibleRecord(request, request.params.id, 'orglife.write');
      const token = randomBytes(16).toString('base64url');
      const expiresAt = new Date(Date.now() + 4 * 3600_000);
      await app.db.updateTable('orglife_records').set({ qr_token: token, qr_expires_at: expiresAt }).where('tenant_id', '=', auth.tenantId).where('id', '=', record.id).execute();
      return { token, expiresAt: expiresAt.toISOString() };
    },
  );

  const checkinRecord = async (request: FastifyRequest, token: string) => {
    const auth = authOf(request);
    const row = await app.db
      .selectFrom('orglife_records as r')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
      .select(['r.id', 'r.kinds', 'r.held_on', 'r.place', 'o.name as org_name', 'r.qr_expires_at'])
      .where('r.tenant_id', '=', auth.tenantId)
      .where('r.qr_token', '=', token)
      .executeTakeFirst();
    if (!row || !row.qr_expires_at || new Date(row.qr_expires_at).getTime() < Date.now()) throw new AppError(404, 'ORGLIFE_QR_INVALID');
    const mine = auth.memberId
      ? await app.db.selectFrom('orglife_attendance').select(['status']).where('tenant_id', '=', auth.tenantId).where('record_id', '=', row.id).where('member_id', '=', auth.memberId).executeTakeFirst()
      : undefined;
    return { row, mine };
  };
  const checkinOut = z.object({ recordId: z.number(), orgName: z.string(), heldOn: z.string(), place: z.string(), kinds: z.array(z.enum(MEETING_KINDS)), onRoster: z.boolean(), status: z.string().nullable() });

  r.get(
    '/api/v1/orglife/checkin/:token',
    { config: { access: 'authenticated' }, schema: { tags: ['orglife'], summary: 'The meeting behind a QR code, and the caller’s attendance', params: z.object({ token: z.string().min(8).max(64) }), response: { 200: checkinOut } } },
    async (request) => {
      const { row, mine } = await checkinRecord(request, request.params.token);
      return { recordId: row.id, orgName: row.org_name, heldOn: row.held_on, place: row.place, kinds: row.kinds as MeetingKind[], onRoster: mine !== undefined, status: mine?.status ?? null };
    },
  );

  r.post(
    '/api/v1/orglife/checkin/:token',
    { config: { access: 'authenticated' }, schema: { tags: ['orglife'], summary: 'Confirm one’s own presence at a meeting (no location, no photo)', params: z.object({ token: z.string().min(8).max(64) }), response: { 200: checkinOut } } },
    async (request) => {
      const auth = authOf(request);
      const { row, mine } = await checkinRecord(request, request.params.token);
      if (!auth.memberId || !mine) throw new AppError(403, 'ORGLIFE_NOT_ON_ROSTER');
      await app.db.transaction().execute(async (trx) => {
        await trx.updateTable('orglife_attendance').set({ status: 'present', reason: '', via_qr: true }).where('tenant_id', '=', auth.tenantId).where('record_id', '=', row.id).where('member_id', '=', auth.memberId!).execute();
        await trx
          .updateTable('orglife_records')
          .set({
            present_count: sql`(select count(*) from orglife_attendance a where a.tenant_id = ${auth.tenantId} and a.record_id = ${row.id} and a.status = 'present')`,
            excused_count: sql`(select count(*) from orglife_attendance a where a.tenant_id = ${auth.tenantId} and a.record_id = ${row.id} and a.status = 'excused')`,
            absent_count: sql`(select count(*) from orglife_attendance a where a.tenant_id = ${auth.tenantId} and a.record_id = ${row.id} and a.status = 'absent')`,
            version: sql`version + 1`,
          })
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', row.id)
          .execute();
        await writeAudit(trx, auditorOf(request), { action: 'checkin', entityType: 'orglife_record', entityId: row.id, summary: `扫码确认参会（${row.org_name} ${row.held_on}）`, before: { status: mine.status }, after: { status: 'present' } });
      });
      return { recordId: row.id, orgName: row.org_name, heldOn: row.held_on, place: row.place, kinds: row.kinds as MeetingKind[], onRoster: true, status: 'present' };
    },
  );

  // -------------------------------------------------------------------- roster, compliance, matrix
  const exclusionOut = z.object({
    id: z.number(),
    kind: z.enum(VOTING_EXCLUSION_KINDS),
    fromOn: z.string(),
    toOn: z.string().nullable(),
    reason: z.string(),
    approvalRef: z.string(),
    approvedOn: z.string().nullable(),
    approvedBy: z.string(),
  });
  r.get(
    '/api/v1/orglife/orgs/:orgId/roster',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags: ['orglife'],
        summary:
          'Members due at a meeting of this org on a date (应到): who belonged to it that day, each with whether they were entitled to vote (full members less suspended voting rights and approved long absences) and why not',
        params: orgParam,
        querystring: z.object({ date: dateString.optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              name: z.string(),
              /** For search by what people type ('zhangsan', 'zs'). */
              namePinyin: z.string(),
              nameInitials: z.string(),
              /** Category on the date. */
              category: z.enum(['full', 'probationary']),
              partyGroupId: z.number().nullable(),
              /** Entitled to vote on the date (counted in the quorum base). */
              voting: z.boolean(),
              noVoteReason: z.enum(['probationary', ...VOTING_EXCLUSION_KINDS]).nullable(),
              /** Exclusions covering the date (suspended rights, approved long absence). */
              exclusions: z.array(exclusionOut),
            }),
          ),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scopeOf(request, 'orglife.read'));
      const roster = await rosterOn(app.db, auth.tenantId, org.id, request.query.date ?? app.today());
      return roster.map((m) => ({
        id: m.id,
        name: m.name,
        namePinyin: m.namePinyin,
        nameInitials: m.nameInitials,
        category: m.categoryOn,
        partyGroupId: m.partyGroupId,
        voting: m.entitlement.entitled,
        noVoteReason: m.entitlement.entitled ? null : m.entitlement.reason,
        exclusions: m.exclusions,
      }));
    },
  );

  r.get(
    '/api/v1/orglife/orgs/:orgId/compliance',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags: ['orglife'],
        summary: 'A branch’s checklist: every rule and period with its state, reason and satisfying records (its party groups included)',
        params: orgParam,
        querystring: yearQuery,
        response: {
          200: z.object({
            year: z.number(),
            today: z.string(),
            orgs: z.array(z.object({ id: z.number(), name: z.string(), type: z.string(), cells: z.array(cellOut) })),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orglife.read');
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scope);
      const today = app.today();
      const year = request.query.year ?? Number(today.slice(0, 4));
      const result = await complianceFor(app.db, auth.tenantId, year, today, org.path, scope);
      // The org itself and its party groups (a committee's checklist is its own rules only).
      const shown = result.orgs.filter((o) => o.id === org.id || (o.parent_id === org.id && o.type === 'party_group'));
      return {
        year,
        today,
        orgs: shown.map((o) => ({ id: o.id, name: o.name, type: o.type, cells: result.cells.filter((c) => c.orgId === o.id).map(({ orgId: _o, ...c }) => c) })),
      };
    },
  );

  r.get(
    '/api/v1/orglife/matrix',
    {
      config: { access: 'orglife.read' },
      // A whole 党委 is 8,000 rows of 12 states: encoding the answer through zod costs more than
      // reading the stored matrix (bench/orglife.bench.ts). The handler builds every field from
      // typed rows (the type provider checks its return type against the schema below, which
      // still documents the answer), so it is serialised directly.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['orglife'],
        summary: 'The 党委 matrix: branches × months, worst state of the items due in each month (party groups rolled into their branch)',
        querystring: yearQuery.extend({ parentId: z.coerce.number().int().positive().optional() }),
        response: {
          200: z.object({
            year: z.number(),
            today: z.string(),
            months: z.array(z.string()),
            rows: z.array(z.object({ id: z.number(), name: z.string(), shortName: z.string(), type: z.string(), parentId: z.number().nullable(), states: z.array(z.enum(COMPLIANCE_STATES)), missed: z.number(), met: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orglife.read');
      const today = app.today();
      const year = request.query.year ?? Number(today.slice(0, 4));
      const parent = request.query.parentId ? await orgInScope(app.db, auth.tenantId, request.query.parentId, scope) : null;
      const rows = await matrixRows(app.db, auth.tenantId, year, today, parent?.path ?? null, scope);
      const months = periodsOfYear(year, 'month');
      return { year, today, months, rows };
    },
  );

  r.get(
    '/api/v1/orglife/matrix.xlsx',
    {
      config: { access: 'orglife.read' },
      schema: { tags: ['orglife'], summary: 'The 党委 matrix as Excel: one row per branch, the state of each month, items met and missed', querystring: yearQuery.extend({ parentId: z.coerce.number().int().positive().optional() }) },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orglife.read');
      const zh = zhOf(request);
      const year = request.query.year ?? Number(app.today().slice(0, 4));
      const parent = request.query.parentId ? await orgInScope(app.db, auth.tenantId, request.query.parentId, scope) : null;
      const rows = await matrixRows(app.db, auth.tenantId, year, app.today(), parent?.path ?? null, scope);
      const months = periodsOfYear(year, 'month');
      const state = (s: ComplianceState) => (zh ? STATE_NAMES[s].zh : STATE_NAMES[s].en);
      const buffer = await workbookBuffer(
        zh ? `${year}年组织生活落实情况` : `Organisational life ${year}`,
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (_x, i) => i + 1 },
          { header: zh ? '党组织' : 'Organisation', width: 30, value: (x) => x.name },
          ...months.map((m, i) => ({ header: zh ? `${Number(m.slice(5))}月` : m, width: 9, value: (x: (typeof rows)[number]) => state(x.states[i]!) })),
          { header: zh ? '已完成事项' : 'Items met', width: 10, value: (x) => x.met },
          { header: zh ? '未完成事项' : 'Items missed', width: 10, value: (x) => x.missed },
        ],
        rows,
      );
      return sendXlsx(reply, zh ? `${parent?.name ?? ''}${year}年组织生活落实情况.xlsx` : `organisational-life-${year}.xlsx`, buffer);
    },
  );

  // -------------------------------------------------------------------- 台账 documents
  async function yearRecords(request: FastifyRequest, orgId: number, year: number) {
    const auth = authOf(request);
    const ids = await app.db
      .selectFrom('orglife_records')
      .select('id')
      .where('tenant_id', '=', auth.tenantId)
      .where((eb) => eb.or([eb('org_id', '=', orgId), eb('party_group_id', '=', orgId)]))
      .where('held_on', '>=', `${year}-01-01`)
      .where('held_on', '<=', `${year}-12-31`)
      .orderBy('held_on')
      .orderBy('id')
      .execute();
    const out = [];
    for (const { id } of ids) out.push((await recordDetail(app.db, auth.tenantId, id))!);
    return out;
  }

  r.get(
    '/api/v1/orglife/orgs/:orgId/ledger.docx',
    { config: { access: 'orglife.read' }, schema: { tags: ['orglife'], summary: 'A branch’s yearly 台账 of all organisational life (Word)', params: orgParam, querystring: yearQuery } },
    async (request, reply) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scopeOf(request, 'orglife.read'));
      const year = request.query.year ?? Number(app.today().slice(0, 4));
      const records = await yearRecords(request, org.id, year);
      return sendDocx(reply, `${org.name}${year}年度组织生活台账.docx`, await yearLedgerDocx(org.name, year, records));
    },
  );

  r.get(
    '/api/v1/orglife/orgs/:orgId/reviews.docx',
    { config: { access: 'orglife.read' }, schema: { tags: ['orglife'], summary: '民主评议党员 results of a branch for a year (Word)', params: orgParam, querystring: yearQuery } },
    async (request, reply) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scopeOf(request, 'orglife.read'));
      const year = request.query.year ?? Number(app.today().slice(0, 4));
      const rows = await app.db
        .selectFrom('orglife_reviews as v')
        .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'v.tenant_id').onRef('r.id', '=', 'v.record_id'))
        .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'v.tenant_id').onRef('m.id', '=', 'v.member_id'))
        .select(['m.name', 'v.grade', 'r.held_on'])
        .where('v.tenant_id', '=', auth.tenantId)
        .where('r.org_id', '=', org.id)
        .where('r.held_on', '>=', `${year}-01-01`)
        .where('r.held_on', '<=', `${year}-12-31`)
        .orderBy('r.held_on')
        .orderBy('m.name_sort')
        .execute();
      return sendDocx(reply, `${org.name}${year}年度民主评议党员结果.docx`, await reviewsDocx(org.name, year, rows.map((x) => ({ name: x.name, grade: x.grade, heldOn: x.held_on }))));
    },
  );

  // -------------------------------------------------------------------- yearly plan
  const planItemOut = z.object({
    id: z.number(),
    orgId: z.number(),
    year: z.number(),
    kind: z.enum(MEETING_KINDS),
    plannedOn: z.string(),
    title: z.string(),
    note: z.string(),
    version: z.number(),
    /** done: a record completes it; overdue: its date has passed (the server's today) without one; open otherwise. */
    state: z.enum(PLAN_ITEM_STATES),
    record: z.object({ id: z.number(), heldOn: z.string(), kinds: z.array(z.enum(MEETING_KINDS)) }).nullable(),
  });
  type PlanItemOut = z.infer<typeof planItemOut>;
  const PLAN_ORG_TYPES = ['committee', ...BRANCH_ORG_TYPES] as const;

  /** Plan items of an org (a year, a date range, or one item) with the record completing each and its state. */
  async function planItems(tenantId: number, where: { orgId: number; year?: number; from?: string; to?: string } | { id: number }): Promise<PlanItemOut[]> {
    let q = app.db
      .selectFrom('orglife_plan_items as p')
      .leftJoin('orglife_plan_links as l', (j) => j.onRef('l.tenant_id', '=', 'p.tenant_id').onRef('l.plan_item_id', '=', 'p.id'))
      .leftJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.id', '=', 'l.record_id'))
      .select(['p.id', 'p.org_id', 'p.year', 'p.kind', 'p.planned_on', 'p.title', 'p.note', 'p.version', 'r.id as record_id', 'r.held_on', 'r.kinds'])
      .where('p.tenant_id', '=', tenantId);
    if ('id' in where) q = q.where('p.id', '=', where.id);
    else {
      q = q.where('p.org_id', '=', where.orgId);
      if (where.year !== undefined) q = q.where('p.year', '=', where.year);
      if (where.from) q = q.where('p.planned_on', '>=', where.from);
      if (where.to) q = q.where('p.planned_on', '<=', where.to);
    }
    const rows = await q.orderBy('p.planned_on').orderBy('p.id').execute();
    const today = app.today();
    return rows.map((i) => ({
      id: i.id,
      orgId: i.org_id,
      year: i.year,
      kind: i.kind as MeetingKind,
      plannedOn: i.planned_on,
      title: i.title,
      note: i.note,
      version: i.version,
      state: planItemState(i.planned_on, i.record_id !== null, today),
      record: i.record_id !== null && i.held_on !== null ? { id: i.record_id, heldOn: i.held_on, kinds: (i.kinds ?? []) as MeetingKind[] } : null,
    }));
  }

  /** A plan item the caller may change (404 when absent, 403 outside the write scope). */
  async function writablePlanItem(request: FastifyRequest, id: number) {
    const auth = authOf(request);
    const item = await app.db.selectFrom('orglife_plan_items').selectAll().where('tenant_id', '=', auth.tenantId).where('id', '=', id).executeTakeFirst();
    if (!item) throw notFound('ORGLIFE_PLAN_ITEM_NOT_FOUND', id);
    const org = await orgInScope(app.db, auth.tenantId, item.org_id, scopeOf(request, 'orglife.write'));
    return { item, org };
  }

  /** A kind the org may plan (a 党委's kinds for a committee, a branch's for a branch), else a 400 on `kind`. */
  function assertKindFits(request: FastifyRequest, kind: MeetingKind, orgType: OrgRow['type']) {
    if (kindProblems([kind], orgType, null).some((p) => p.code === 'KIND_NOT_FOR_ORG')) {
      const zh = zhOf(request);
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [{ path: 'kind', message: zh ? `“${kindLabel(kind, zh)}”不适用于该类党组织` : `"${kindLabel(kind, zh)}" does not apply to this kind of organisation` }]);
    }
  }

  const planDate = (request: FastifyRequest, plannedOn: string, year: number) => {
    if (plannedOn.slice(0, 4) !== String(year)) {
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [{ path: 'plannedOn', message: zhOf(request) ? `计划日期须在${year}年内` : `the date must be in ${year}` }]);
    }
  };

  r.get(
    '/api/v1/orglife/orgs/:orgId/plan',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags: ['orglife'],
        summary: 'A branch’s yearly plan: each item with its state (done / open / overdue against the server’s today) and the record that completed it; a year (default this year) or planned dates from–to',
        params: orgParam,
        querystring: yearQuery.extend({ from: dateString.optional(), to: dateString.optional() }),
        response: { 200: z.array(planItemOut) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scopeOf(request, 'orglife.read'));
      const { year, from, to } = request.query;
      if (from || to) return planItems(auth.tenantId, { orgId: org.id, year, from, to });
      return planItems(auth.tenantId, { orgId: org.id, year: year ?? Number(app.today().slice(0, 4)) });
    },
  );

  r.post(
    '/api/v1/orglife/orgs/:orgId/plan',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags: ['orglife'],
        summary: 'Generate a branch’s yearly plan from the rules (only when the year has no plan yet)',
        params: orgParam,
        body: z.object({ year: z.number().int().min(2000).max(2100), fixedDay: z.number().int().min(1).max(28).nullable().optional() }),
        response: { 201: z.array(planItemOut) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scopeOf(request, 'orglife.write'));
      if (!(PLAN_ORG_TYPES as readonly string[]).includes(org.type)) throw new AppError(400, 'ORGLIFE_PLAN_NOT_FOR_ORG');
      const settings = await loadSettings(app.db, auth.tenantId);
      const full = await app.db
        .selectFrom('members as m')
        .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
        .select(sql<number>`count(*)`.as('n'))
        .where('m.tenant_id', '=', auth.tenantId)
        .where('m.status', '=', 'active')
        .where('m.category', '=', 'full')
        .where('o.path', 'like', `${escapeLike(org.path)}%`)
        .executeTakeFirstOrThrow();
      const drafts = generateYearPlan({ year: request.body.year, orgType: org.type, fullMemberCount: Number(full.n), rules: settings.rules, fixedDay: request.body.fixedDay });
      await app.db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('orglife_plan_items').select('id').where('tenant_id', '=', auth.tenantId).where('org_id', '=', org.id).where('year', '=', request.body.year).limit(1).executeTakeFirst();
        if (existing) throw new AppError(409, 'ORGLIFE_PLAN_EXISTS', { year: request.body.year });
        // No title: the kind names the item in either language; a title is the secretary's own wording.
        await trx
          .insertInto('orglife_plan_items')
          .values(drafts.map((d) => ({ tenant_id: auth.tenantId, org_id: org.id, year: request.body.year, kind: d.kind, planned_on: d.plannedOn, title: '' })))
          .execute();
        await writeAudit(trx, auditorOf(request), { action: 'create', entityType: 'orglife_plan', entityId: `${org.id}/${request.body.year}`, summary: `生成${org.name}${request.body.year}年度组织生活计划（${drafts.length}项）` });
      });
      return reply.status(201).send(await planItems(auth.tenantId, { orgId: org.id, year: request.body.year }));
    },
  );

  r.post(
    '/api/v1/orglife/orgs/:orgId/plan/items',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags: ['orglife'],
        summary: 'Add an item to a branch’s plan (the year is the planned date’s)',
        params: orgParam,
        body: z.object({ kind: z.enum(MEETING_KINDS), plannedOn: dateString, title: z.string().trim().max(100).default(''), note: z.string().trim().max(500).default('') }),
        response: { 201: planItemOut },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scopeOf(request, 'orglife.write'));
      if (!(PLAN_ORG_TYPES as readonly string[]).includes(org.type)) throw new AppError(400, 'ORGLIFE_PLAN_NOT_FOR_ORG');
      const body = request.body;
      assertKindFits(request, body.kind, org.type);
      const id = await app.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('orglife_plan_items')
          .values({ tenant_id: auth.tenantId, org_id: org.id, year: Number(body.plannedOn.slice(0, 4)), kind: body.kind, planned_on: body.plannedOn, title: body.title, note: body.note })
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(trx, auditorOf(request), { action: 'create', entityType: 'orglife_plan_item', entityId: row.id, summary: `添加${org.name}组织生活计划事项（${KIND_NAMES[body.kind].zh} ${body.plannedOn}）`, after: row });
        return row.id;
      });
      const [created] = await planItems(auth.tenantId, { id });
      return reply.status(201).send(created!);
    },
  );

  r.patch(
    '/api/v1/orglife/plan-items/:id',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags: ['orglife'],
        summary: 'Edit a plan item (date within its year, kind, title, note); optimistic concurrency',
        params: idParam,
        body: z.object({
          version: version(),
          plannedOn: dateString.optional(),
          kind: z.enum(MEETING_KINDS).optional(),
          title: z.string().trim().max(100).optional(),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 200: planItemOut },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { item, org } = await writablePlanItem(request, request.params.id);
      const body = request.body;
      if (body.plannedOn) planDate(request, body.plannedOn, item.year);
      if (body.kind && body.kind !== item.kind) {
        assertKindFits(request, body.kind, org.type);
        // The record that completed the item must still count for it.
        const [current] = await planItems(auth.tenantId, { id: item.id });
        if (current?.record && !current.record.kinds.includes(body.kind)) {
          const zh = zhOf(request);
          throw new AppError(400, 'ORGLIFE_INVALID', {}, [
            {
              path: 'kind',
              message: zh
                ? `该事项已由 ${current.record.heldOn} 的会议记录完成，该记录不是“${kindLabel(body.kind, zh)}”；请先在记录中取消关联`
                : `the record of ${current.record.heldOn} completed this item and is not a "${kindLabel(body.kind, zh)}"; unlink it in the record first`,
            },
          ]);
        }
      }
      await app.db.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable('orglife_plan_items')
          .set({
            ...(body.plannedOn ? { planned_on: body.plannedOn } : {}),
            ...(body.kind ? { kind: body.kind } : {}),
            ...(body.title !== undefined ? { title: body.title } : {}),
            ...(body.note !== undefined ? { note: body.note } : {}),
            version: body.version + 1,
          })
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', item.id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) throw conflict();
        await writeAudit(trx, auditorOf(request), { action: 'update', entityType: 'orglife_plan_item', entityId: item.id, summary: `修改${org.name}组织生活计划事项`, before: item, after: body });
      });
      const [updated] = await planItems(auth.tenantId, { id: item.id });
      return updated!;
    },
  );

  r.delete(
    '/api/v1/orglife/plan-items/:id',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags: ['orglife'],
        summary: 'Remove a plan item that no record has completed; optimistic concurrency',
        params: idParam,
        querystring: z.object({ version: version({ coerce: true }) }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { item, org } = await writablePlanItem(request, request.params.id);
      await app.db.transaction().execute(async (trx) => {
        const link = await trx
          .selectFrom('orglife_plan_links as l')
          .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.id', '=', 'l.record_id'))
          .select(['r.held_on'])
          .where('l.tenant_id', '=', auth.tenantId)
          .where('l.plan_item_id', '=', item.id)
          .executeTakeFirst();
        if (link) throw new AppError(400, 'ORGLIFE_PLAN_ITEM_DONE', { heldOn: link.held_on });
        const gone = await trx.deleteFrom('orglife_plan_items').where('tenant_id', '=', auth.tenantId).where('id', '=', item.id).where('version', '=', request.query.version).executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) throw conflict();
        await writeAudit(trx, auditorOf(request), { action: 'delete', entityType: 'orglife_plan_item', entityId: item.id, summary: `删除${org.name}组织生活计划事项（${KIND_NAMES[item.kind as MeetingKind].zh} ${item.planned_on}）`, before: item });
      });
      return reply.status(204).send();
    },
  );

  // -------------------------------------------------------------------- 党章 第九条 flags
  r.get(
    '/api/v1/orglife/lapses',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags: ['orglife'],
        summary:
          'Members with no organisational life for 3 / 5 / 6 consecutive months (党章 第九条), or not attending that long on leave (请假, shown apart: excused months are not attended months), within the caller’s scope, with their dues arrears (when the caller may read dues)',
        querystring: pageQuery.extend({ orgId: z.coerce.number().int().positive().optional(), minMonths: z.coerce.number().int().min(1).max(24).default(3) }),
        response: {
          200: z.object({
            items: z.array(
              attendanceRunOut.extend({
                id: z.number(),
                name: z.string(),
                orgId: z.number(),
                orgName: z.string(),
                dues: z.object({ consecutiveUnpaidMonths: z.number(), level: lapseLevelSchema, outstandingCents: z.number(), paidThrough: z.string().nullable() }).nullable(),
              }),
            ),
            total: z.number(),
            duesShown: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orglife.read');
      const { page, pageSize, orgId, minMonths } = request.query;
      const result = await lapses(app.db, auth.tenantId, app.today(), { scope, orgId, minMonths, limit: pageSize, offset: (page - 1) * pageSize });
      // 党章 第九条 names both: six months without organisational life, or without paying dues.
      const duesShown = can(request, 'dues.read');
      const dues = duesShown ? await duesFlags(app.db, auth.tenantId, result.items.map((x) => x.id)) : new Map();
      return { items: result.items.map((x) => ({ ...x, dues: dues.get(x.id) ?? null })), total: result.total, duesShown };
    },
  );

  // -------------------------------------------------------------------- a member's own record
  r.get(
    '/api/v1/orglife/my',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['orglife'],
        summary: 'The caller’s own organisational life: meetings with their attendance, and months since the last',
        querystring: yearQuery,
        response: {
          200: z.object({
            memberId: z.number().nullable(),
            lapse: attendanceRunOut.nullable(),
            items: z.array(z.object({ id: z.number(), orgName: z.string(), kinds: z.array(z.enum(MEETING_KINDS)), heldOn: z.string(), place: z.string(), status: z.enum(['present', 'excused', 'absent']), reason: z.string(), topic: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      if (!auth.memberId) return { memberId: null, lapse: null, items: [] };
      const today = app.today();
      const year = request.query.year ?? Number(today.slice(0, 4));
      const rows = await app.db
        .selectFrom('orglife_attendance as a')
        .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.record_id'))
        .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
        .select(['r.id', 'o.name as org_name', 'r.kinds', 'r.held_on', 'r.place', 'a.status', 'a.reason', 'r.topics'])
        .where('a.tenant_id', '=', auth.tenantId)
        .where('a.member_id', '=', auth.memberId)
        .where('r.held_on', '>=', `${year}-01-01`)
        .where('r.held_on', '<=', `${year}-12-31`)
        .orderBy('r.held_on', 'desc')
        .execute();
      const [lapse] = (await lapses(app.db, auth.tenantId, today, { memberId: auth.memberId })).items;
      return {
        memberId: auth.memberId,
        lapse: lapse
          ? { months: lapse.months, level: lapse.level, lastMonth: lapse.lastMonth, lastAttendedMonth: lapse.lastAttendedMonth, monthsNotAttended: lapse.monthsNotAttended, excusedMonths: lapse.excusedMonths, recent: lapse.recent }
          : null,
        items: rows.map((x) => ({ id: x.id, orgName: x.org_name, kinds: x.kinds as MeetingKind[], heldOn: x.held_on, place: x.place, status: x.status, reason: x.reason, topic: ((x.topics ?? []) as string[])[0] ?? '' })),
      };
    },
  );

  // -------------------------------------------------------------------- settings
  const settingsOut = z.object({
    version: z.number(),
    ruleOverrides: z.record(z.string(), z.unknown()),
    rules: z.object({ branchSecretaryLectureRequired: z.boolean(), themePartyDayOfMonth: z.number().nullable(), meetingFrequencies: z.record(z.string(), z.object({ period: z.string(), minCount: z.number() })) }),
    dueSoonDays: z.object({ month: z.number(), quarter: z.number(), year: z.number() }),
    sceneTags: z.array(z.string()),
  });
  const presentSettings = (s: Awaited<ReturnType<typeof loadSettings>>) => ({
    version: s.version,
    ruleOverrides: s.ruleOverrides as Record<string, unknown>,
    rules: { branchSecretaryLectureRequired: s.rules.branchSecretaryLectureRequired, themePartyDayOfMonth: s.rules.themePartyDayOfMonth, meetingFrequencies: s.rules.meetingFrequencies },
    dueSoonDays: s.orglife.dueSoonDays,
    sceneTags: s.orglife.sceneTags,
  });

  r.get(
    '/api/v1/orglife/settings',
    { config: { access: 'orglife.read' }, schema: { tags: ['orglife'], summary: 'The unit’s settings for organisational life (regulation values as defaults)', response: { 200: settingsOut } } },
    async (request) => presentSettings(await loadSettings(app.db, authOf(request).tenantId)),
  );

  r.put(
    '/api/v1/orglife/settings',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['orglife'],
        summary: 'Change the unit’s settings (organisation office only); optimistic concurrency',
        body: z.object({
          version: int4().min(0),
          ruleOverrides: ruleSettingsOverridesSchema.pick({ meetingFrequencies: true, branchSecretaryLectureRequired: true, themePartyDayOfMonth: true }),
          dueSoonDays: orglifeSettingsSchema.shape.dueSoonDays,
          sceneTags: orglifeSettingsSchema.shape.sceneTags,
        }),
        response: { 200: settingsOut },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const body = request.body;
      await app.db.transaction().execute(async (trx) => {
        const { value } = await loadUnitSettings(trx, auth.tenantId, 'rules');
        // Keep override keys this page does not edit (e.g. terms, set elsewhere).
        const next = { overrides: { ...value.overrides, ...body.ruleOverrides }, dueSoonDays: body.dueSoonDays, sceneTags: body.sceneTags };
        await saveSettings(trx, auditorOf(request), 'rules', next, body.version, { summary: '修改组织生活设置', language: auth.language });
      });
      return presentSettings(await loadSettings(app.db, auth.tenantId));
    },
  );

  // -------------------------------------------------------------------- reminders
  const channelOut = z.object({ id: z.number(), orgId: z.number(), kind: z.enum(['wecom', 'dingtalk', 'email']), target: z.string(), active: z.boolean() });
  r.get(
    '/api/v1/orglife/orgs/:orgId/channels',
    { config: { access: 'orglife.read' }, schema: { tags: ['orglife'], summary: 'Where this org’s reminder digests go', params: orgParam, response: { 200: z.array(channelOut) } } },
    async (request) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scopeOf(request, 'orglife.read'));
      const rows = await app.db.selectFrom('orglife_channels').selectAll().where('tenant_id', '=', auth.tenantId).where('org_id', '=', org.id).orderBy('id').execute();
      return rows.map((c) => ({ id: c.id, orgId: c.org_id, kind: c.kind, target: c.target, active: c.active }));
    },
  );

  r.post(
    '/api/v1/orglife/orgs/:orgId/channels',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags: ['orglife'],
        summary: 'Add a 企业微信 / 钉钉 group-robot webhook or an e-mail address for this org’s digests',
        params: orgParam,
        body: z.discriminatedUnion('kind', [
          z.object({ kind: z.enum(['wecom', 'dingtalk']), target: z.url({ protocol: /^https?$/ }).max(500) }),
          z.object({ kind: z.literal('email'), target: z.email().max(200) }),
        ]),
        response: { 201: channelOut },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, request.params.orgId, scopeOf(request, 'orglife.write'));
      // A robot webhook must be a public https address (or an allowed gateway): checked now with a clear error, and again at each delivery.
      if (request.body.kind !== 'email') await assertWebhookTarget(request.body.target, webhooks.allow, languageOf(request));
      const created = await app.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('orglife_channels')
          .values({ tenant_id: auth.tenantId, org_id: org.id, kind: request.body.kind, target: request.body.target, user_id: request.body.kind === 'email' ? auth.userId : null })
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(trx, auditorOf(request), { action: 'create', entityType: 'orglife_channel', entityId: row.id, summary: `添加${org.name}提醒渠道`, after: { kind: row.kind } });
        return row;
      });
      return reply.status(201).send({ id: created.id, orgId: created.org_id, kind: created.kind, target: created.target, active: created.active });
    },
  );

  r.delete(
    '/api/v1/orglife/channels/:id',
    { config: { access: 'orglife.write' }, schema: { tags: ['orglife'], summary: 'Remove a reminder channel', params: idParam } },
    async (request, reply) => {
      const auth = authOf(request);
      const ch = await app.db.selectFrom('orglife_channels').selectAll().where('tenant_id', '=', auth.tenantId).where('id', '=', request.params.id).executeTakeFirst();
      if (!ch) throw notFound('ORGLIFE_CHANNEL_NOT_FOUND', request.params.id);
      await orgInScope(app.db, auth.tenantId, ch.org_id, scopeOf(request, 'orglife.write'));
      await app.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('orglife_channels').where('tenant_id', '=', auth.tenantId).where('id', '=', ch.id).execute();
        await writeAudit(trx, auditorOf(request), { action: 'delete', entityType: 'orglife_channel', entityId: ch.id, summary: '删除提醒渠道', before: { kind: ch.kind, orgId: ch.org_id } });
      });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/orglife/deliveries',
    {
      config: { access: 'orglife.read' },
      schema: {
        tags: ['orglife'],
        summary: 'Reminder digests sent, failed or waiting (e-mail waits while no mail server is configured), newest first, within scope; mailConfigured tells whether e-mail is sent',
        querystring: pageQuery.extend({ orgId: z.coerce.number().int().positive().optional(), status: z.enum(['sent', 'failed', 'queued', 'skipped_muted']).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                /** Unique per row (digest and channel); `id` is the digest's. */
                key: z.string(),
                id: z.number(),
                day: z.string(),
                items: z.number(),
                channelId: z.number(),
                kind: z.enum(['wecom', 'dingtalk', 'email']),
                target: z.string(),
                orgId: z.number(),
                orgName: z.string(),
                status: z.enum(['sent', 'failed', 'queued', 'skipped_muted']),
                detail: z.string(),
                at: z.string(),
              }),
            ),
            total: z.number(),
            /** Whether this installation sends e-mail (SMTP_URL); when not, e-mail deliveries stay queued. */
            mailConfigured: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orglife.read');
      const { page, pageSize, orgId, status } = request.query;
      let q = app.db
        .selectFrom('orglife_deliveries as v')
        .innerJoin('orglife_digests as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.digest_id'))
        .innerJoin('orglife_channels as c', (j) => j.onRef('c.tenant_id', '=', 'v.tenant_id').onRef('c.id', '=', 'v.channel_id'))
        .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'd.tenant_id').onRef('o.id', '=', 'd.org_id'))
        .where('v.tenant_id', '=', auth.tenantId)
        .where(scopeCondition(scope, 'o.path'));
      if (orgId) q = q.where('d.org_id', '=', orgId);
      if (status) q = q.where('v.status', '=', status);
      const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
      const rows = await q
        .select(['v.digest_id', 'v.channel_id', 'd.org_id', 'o.name', 'd.day', 'c.kind', 'c.target', 'v.status', 'v.detail', sql<number>`jsonb_array_length(d.items)`.as('n'), 'v.at'])
        .orderBy('d.day', 'desc')
        .orderBy('o.path')
        .orderBy('v.channel_id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        items: rows.map((x) => ({
          key: `${x.digest_id}-${x.channel_id}`,
          id: x.digest_id,
          day: x.day,
          items: Number(x.n),
          channelId: x.channel_id,
          kind: x.kind,
          target: x.target,
          orgId: x.org_id,
          orgName: x.name,
          status: x.status,
          detail: x.detail,
          at: new Date(x.at).toISOString(),
        })),
        total: Number(total),
        mailConfigured: mailer !== null,
      };
    },
  );

  r.post(
    '/api/v1/orglife/reminders/run',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags: ['orglife'],
        summary: 'Compute and send today’s digests (run daily by the scheduler; a second run the same day sends nothing); with a mail server configured, also sends the e-mails queued earlier (each once)',
        response: { 200: z.object({ digests: z.number(), deliveries: z.array(z.object({ channelId: z.number(), kind: z.string(), status: z.string(), detail: z.string() })) }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      if (scopeOf(request, 'orglife.write').kind !== 'tenant') throw new AppError(403, 'FORBIDDEN');
      return runReminders(app.db, auth.tenantId, app.today(), poster, mailer);
    },
  );

  /** A digest item as the in-app view shows it; `type` tells which fields it has. */
  const digestItemOut = z.discriminatedUnion('type', [
    z.object({
      type: z.literal('orglife'),
      orgId: z.number(),
      orgName: z.string(),
      rule: z.string(),
      ruleName: z.string(),
      period: z.string(),
      state: z.enum(['due_soon', 'missed']),
      stateName: z.string(),
      dueOn: z.string(),
    }),
    z.object({
      type: z.literal('transfer_receipt'),
      /** The member's former branch. */
      orgId: z.number(),
      orgName: z.string(),
      transferId: z.number(),
      memberName: z.string(),
      letterNo: z.string(),
      toOrgName: z.string(),
      effectiveOn: z.string(),
      dueOn: z.string(),
    }),
  ]);

  r.get(
    '/api/v1/orglife/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['orglife'],
        summary: `The caller’s in-app reminder digests (orgs within their scope, last ${RECENT_DIGEST_DAYS} days), newest first; empty when muted. Items are typed: orglife (a meeting rule due soon or just missed) or transfer_receipt (a transfer letter’s 回执 not back within a month, in the 党委’s digest)`,
        response: {
          200: z.object({
            muted: z.boolean(),
            items: z.array(z.object({ id: z.number(), orgId: z.number(), orgName: z.string(), day: z.string(), items: z.array(digestItemOut) })),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const zh = zhOf(request);
      const muted = !!(await app.db.selectFrom('orglife_mutes').select('user_id').where('tenant_id', '=', auth.tenantId).where('user_id', '=', auth.userId).executeTakeFirst());
      const canRead = auth.grants.some((g) => ['sys_admin', 'org_office', 'branch_secretary', 'inspector'].includes(g.role));
      if (muted || !canRead) return { muted, items: [] };
      const scope = scopeOf(request, 'orglife.read');
      const rows = await app.db
        .selectFrom('orglife_digests as d')
        .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'd.tenant_id').onRef('o.id', '=', 'd.org_id'))
        .select(['d.id', 'd.org_id', 'o.name', 'd.day', 'd.items'])
        .where('d.tenant_id', '=', auth.tenantId)
        .where('d.day', '>=', sql<string>`(${app.today()}::date - ${RECENT_DIGEST_DAYS}::int)`)
        .where(scopeCondition(scope, 'o.path'))
        .where(scope.kind === 'tenant' ? sql<boolean>`o.type in ('committee')` : sql<boolean>`true`)
        .orderBy('d.day', 'desc')
        .orderBy('o.path')
        .limit(50)
        .execute();
      return {
        muted,
        items: rows.map((d) => ({
          id: d.id,
          orgId: d.org_id,
          orgName: d.name,
          day: d.day,
          items: typedItems(d.items).map((i) =>
            i.type === 'orglife' ? { ...i, ruleName: kindLabel(i.rule, zh), stateName: zh ? STATE_NAMES[i.state as ComplianceState].zh : STATE_NAMES[i.state as ComplianceState].en } : i,
          ),
        })),
      };
    },
  );

  r.put(
    '/api/v1/orglife/notifications/mute',
    { config: { access: 'authenticated' }, schema: { tags: ['orglife'], summary: 'Mute or unmute one’s own reminders', body: z.object({ muted: z.boolean() }), response: { 200: z.object({ muted: z.boolean() }) } } },
    async (request) => {
      const auth = authOf(request);
      await app.db.transaction().execute(async (trx) => {
        if (request.body.muted) await trx.insertInto('orglife_mutes').values({ tenant_id: auth.tenantId, user_id: auth.userId }).onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing()).execute();
        else await trx.deleteFrom('orglife_mutes').where('tenant_id', '=', auth.tenantId).where('user_id', '=', auth.userId).execute();
        await writeAudit(trx, auditorOf(request), { action: request.body.muted ? 'mute' : 'unmute', entityType: 'orglife_reminders', entityId: auth.userId, summary: request.body.muted ? '关闭组织生活提醒' : '开启组织生活提醒' });
      });
      return { muted: request.body.muted };
    },
  );
}
