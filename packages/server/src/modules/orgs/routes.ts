import { dualLeaderSchema, letterheadSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { z } from 'zod';
import { workbookBuffer, sendXlsx } from '../../lib/excel.js';
import { idParam } from '../../lib/paging.js';
import { int4, version } from '../../lib/fields.js';
import { authOf, can, scopeOf } from '../../plugins/access.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { actorOf, recordChanges } from '../members/service.js';
import { electorateOn, recordElection } from './elections.js';
import { departmentsVisible, orgsVisible } from './repository.js';
import { presentPerson, presentPhone, viewerOf } from '../../lib/person.js';
import {
  PARENT_TYPES,
  isDualLeader,
  isElectedType,
  orgFacts,
  orgInScope,
  orgSettingsOf,
  rebuildPaths,
  ruleSettingsOf,
  warningsFor,
} from './service.js';
import { saveSettings } from '../settings/service.js';

const ORG_TYPES = ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group'] as const;

interface TreeNode {
  id: number;
  parentId: number | null;
  type: (typeof ORG_TYPES)[number];
  name: string;
  path: string;
  memberCount: number;
  children: TreeNode[];
}

const treeNode: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    parentId: z.number().nullable(),
    type: z.enum(ORG_TYPES),
    name: z.string(),
    path: z.string(),
    memberCount: z.number(),
    children: z.array(treeNode),
  }),
).meta({ id: 'OrgTreeNode' }); // named, so the OpenAPI document can refer to the recursion

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/tree',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags: ['orgs'],
        summary: 'The organisation tree within the caller’s scope, with active member counts (subtree totals)',
        response: { 200: z.array(treeNode) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orgs.read');
      const rows = await orgsVisible(app.db, auth.tenantId, scope, auth.memberId);
      const counts = await app.db
        .selectFrom('members')
        .select(['org_id', 'party_group_id', sql<number>`count(*)`.as('n')])
        .where('tenant_id', '=', auth.tenantId)
        .where('status', '=', 'active')
        .groupBy(['org_id', 'party_group_id'])
        .execute();
      const direct = new Map<number, number>();
      for (const c of counts) {
        direct.set(c.org_id, (direct.get(c.org_id) ?? 0) + Number(c.n));
        if (c.party_group_id) direct.set(c.party_group_id, (direct.get(c.party_group_id) ?? 0) + Number(c.n));
      }
      const nodes = new Map<number, TreeNode>();
      for (const o of rows) {
        nodes.set(o.id, { id: o.id, parentId: o.parent_id, type: o.type, name: o.name, path: o.path, memberCount: 0, children: [] });
      }
      const roots: TreeNode[] = [];
      for (const node of nodes.values()) {
        const parent = node.parentId !== null ? nodes.get(node.parentId) : undefined;
        if (parent) parent.children.push(node);
        else roots.push(node);
      }
      // Subtree totals; a party group's members are already counted in its branch.
      const total = (node: TreeNode): void => {
        for (const child of node.children) total(child);
        const own = direct.get(node.id) ?? 0;
        node.memberCount =
          node.type === 'party_group'
            ? own
            : own + node.children.filter((c) => c.type !== 'party_group').reduce((s, c) => s + c.memberCount, 0);
      };
      roots.forEach(total);
      return roots;
    },
  );

  const POSTS = ['secretary', 'deputy_secretary', 'organisation', 'publicity', 'discipline', 'youth', 'member'] as const;
  const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
  const warningOut = z.object({ code: z.string(), severity: z.enum(['red', 'yellow', 'info']), params: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string() });
  const orgFields = {
    name: z.string().trim().min(2).max(100),
    shortName: z.string().trim().max(50).optional(),
    campusId: z.number().int().positive().nullable().optional(),
    establishedOn: date.nullable().optional(),
    endsOn: date.nullable().optional(),
    contactName: z.string().trim().max(50).optional(),
    contactPhone: z.string().trim().max(30).optional(),
    unitSituation: z.enum(['same_as_parent', 'legal_entity', 'joint']).optional(),
    unitNature: z.string().trim().max(50).optional(),
    termYears: z.number().int().min(3).max(5).nullable().optional(),
    termDelayedUntil: date.nullable().optional(),
    departmentIds: z.array(z.number().int().positive()).max(50).optional(),
    sort: z.number().int().min(0).max(100000).optional(),
  };
  const columnsOf = (b: Partial<Record<keyof typeof orgFields, unknown>>) => {
    const map: Record<string, string> = {
      name: 'name', shortName: 'short_name', campusId: 'campus_id', establishedOn: 'established_on', endsOn: 'ends_on', contactName: 'contact_name',
      contactPhone: 'contact_phone', unitSituation: 'unit_situation', unitNature: 'unit_nature', termYears: 'term_years', termDelayedUntil: 'term_delayed_until', sort: 'sort',
    };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(b)) if (v !== undefined && map[k]) out[map[k]] = v;
    return out;
  };
  const message = (w: { code: string; params: Record<string, string | number> }, language: 'zh-CN' | 'en-US') => translate(w.code, language, w.params);

  async function setDepartments(trx: Transaction<DB>, tenantId: number, orgId: number, ids: number[], language: 'zh-CN' | 'en-US') {
    await trx.deleteFrom('org_departments').where('tenant_id', '=', tenantId).where('org_id', '=', orgId).execute();
    if (ids.length === 0) return;
    const found = await trx.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
    if (found.length !== new Set(ids).size) {
      const known = new Set(found.map((f) => f.id));
      const unknown = ids.filter((id) => !known.has(id));
      throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.departmentIds', message: translate('ORG_DEPARTMENT_UNKNOWN', language, { ids: unknown.join(', ') }) }]);
    }
    await trx.insertInto('org_departments').values([...new Set(ids)].map((d) => ({ tenant_id: tenantId, org_id: orgId, department_id: d }))).execute();
  }

  r.get(
    '/api/v1/orgs/:id',
    {
      config: { access: 'orgs.read' },
      schema: { tags: ['orgs'], summary: 'One organisation: fields, departments, committee with posts and vacancies, current term and expiry, 换届 history, rule warnings, org history', params: idParam },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orgs.read');
      const own = auth.memberId ? await app.db.selectFrom('members').select('org_id').where('tenant_id', '=', auth.tenantId).where('id', '=', auth.memberId).executeTakeFirst() : undefined;
      const org = await orgInScope(app.db, auth.tenantId, scope, request.params.id, own?.org_id ?? null);
      const t = auth.tenantId;
      const settings = await ruleSettingsOf(app.db, t);
      const { dualLeader } = await orgSettingsOf(app.db, t);
      const [facts] = org.dissolved_on ? [undefined] : await orgFacts(app.db, t, { kind: 'tenant' }, settings, [org.id]);
      const [parent, departments, seats, elections, events, children, campus] = await Promise.all([
        org.parent_id ? app.db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', t).where('id', '=', org.parent_id).executeTakeFirst() : undefined,
        app.db
          .selectFrom('org_departments as od')
          .innerJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'od.tenant_id').onRef('d.id', '=', 'od.department_id'))
          .select(['d.id', 'd.name', 'd.kind', 'd.is_teaching_office', 'd.trinity'])
          .where('od.tenant_id', '=', t)
          .where('od.org_id', '=', org.id)
          .execute(),
        app.db
          .selectFrom('org_committee_seats as s')
          .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.member_id'))
          .select(['s.id', 's.post', 's.member_id', 's.started_on', 'm.name', 'm.title', 'm.post as job_post', 'm.academic_leader'])
          .where('s.tenant_id', '=', t)
          .where('s.org_id', '=', org.id)
          .orderBy('s.sort')
          .orderBy('s.id')
          .execute(),
        app.db.selectFrom('org_elections').selectAll().where('tenant_id', '=', t).where('org_id', '=', org.id).orderBy('held_on', 'desc').orderBy('id', 'desc').execute(),
        app.db.selectFrom('org_events').selectAll().where('tenant_id', '=', t).where('org_id', '=', org.id).orderBy('id', 'desc').execute(),
        app.db.selectFrom('orgs').select(['id', 'name', 'type']).where('tenant_id', '=', t).where('parent_id', '=', org.id).where('dissolved_on', 'is', null).orderBy('sort').orderBy('id').execute(),
        org.campus_id ? app.db.selectFrom('campuses').select('name').where('tenant_id', '=', t).where('id', '=', org.campus_id).executeTakeFirst() : undefined,
      ]);
      const warnings = facts ? warningsFor(facts, app.today(), settings) : [];
      return {
        id: org.id,
        parentId: org.parent_id,
        parentName: parent?.name ?? null,
        type: org.type,
        name: org.name,
        shortName: org.short_name,
        campusId: org.campus_id,
        campusName: campus?.name ?? null,
        establishedOn: org.established_on,
        endsOn: org.ends_on,
        dissolvedOn: org.dissolved_on,
        mergedIntoId: org.merged_into_id,
        contactName: org.contact_name,
        contactPhone: presentPhone(viewerOf(request), org.contact_phone),
        unitSituation: org.unit_situation,
        unitNature: org.unit_nature,
        termYears: org.term_years,
        termDelayedUntil: org.term_delayed_until,
        version: org.version,
        memberCount: facts?.memberCount ?? 0,
        fullMemberCount: facts?.fullMemberCount ?? 0,
        term: facts && isElectedType(org.type) ? { start: facts.termStart, years: facts.termYears, expiresOn: facts.termExpiresOn } : null,
        departments: departments.map((d) => ({ id: d.id, name: d.name, kind: d.kind, teachingOffice: d.is_teaching_office, trinity: d.trinity })),
        committee: seats.map((s) => ({
          id: s.id,
          post: s.post,
          memberId: s.member_id,
          memberName: s.name,
          startedOn: s.started_on,
          title: s.title,
          jobPost: s.job_post,
          dualLeader: s.member_id ? isDualLeader({ title: s.title, post: s.job_post ?? '', academic_leader: Boolean(s.academic_leader) }, dualLeader) : false,
        })),
        elections: elections.map((e) => ({
          id: e.id,
          heldOn: e.held_on,
          termYears: e.term_years,
          votersDue: e.voters_due,
          votersPresent: e.voters_present,
          results: e.results,
          notes: e.notes,
          candidates: e.candidates as { name: string; memberId: number | null; votes: number; elected: boolean }[],
          // Who was left out of those due, and why, is personal: only for those who may read members.
          excludedCount: (e.excluded as unknown[]).length,
          excluded: can(request, 'members.read') ? (e.excluded as unknown[]) : [],
        })),
        history: events.map((e) => ({ id: e.id, kind: e.kind, onDate: e.on_date, detail: presentPerson(viewerOf(request), e.detail), username: e.username, at: new Date(e.at).toISOString() })),
        children,
        warnings: warnings.map((w) => ({ ...w, message: message(w, auth.language) })),
      };
    },
  );

  r.post(
    '/api/v1/orgs',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Create an organisation under a parent (type must fit: 党委 → 党总支 → 党支部 → 党小组)',
        body: z.object({ parentId: z.number().int().positive(), type: z.enum(['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group']), ...orgFields }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const b = request.body;
      if (b.type === 'temporary_branch' && !b.endsOn) {
        throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.endsOn', message: translate('ORG_PARENT_INVALID', actor.language, { reason: actor.language === 'zh-CN' ? '临时党支部须填写结束日期' : 'a temporary branch needs an end date' }) }]);
      }
      const id = await app.db.transaction().execute(async (trx) => {
        const parent = await trx.selectFrom('orgs').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', b.parentId).executeTakeFirst();
        if (!parent || parent.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id: b.parentId });
        if (!PARENT_TYPES[b.type].includes(parent.type)) throw new AppError(400, 'ORG_PARENT_INVALID', { reason: `${parent.name} → ${b.type}` });
        const { departmentIds, ...rest } = b;
        const row = await trx
          .insertInto('orgs')
          .values({ tenant_id: actor.tenantId, parent_id: b.parentId, type: b.type, ...(columnsOf(rest) as { name: string }), depth: parent.depth + 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('orgs').set({ path: `${parent.path}${row.id}/` }).where('tenant_id', '=', actor.tenantId).where('id', '=', row.id).execute();
        if (departmentIds) await setDepartments(trx, actor.tenantId, row.id, departmentIds, actor.language);
        await trx.insertInto('org_events').values({ tenant_id: actor.tenantId, org_id: row.id, kind: 'create', on_date: b.establishedOn ?? app.today(), detail: JSON.stringify({ parentId: b.parentId, name: b.name }), username: actor.username }).execute();
        await writeAudit(trx, actor, { action: 'create', entityType: 'org', entityId: row.id, summary: `新建党组织 ${b.name}`, after: b });
        return row.id;
      });
      return reply.status(201).send({ id });
    },
  );

  r.patch(
    '/api/v1/orgs/:id',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Edit an organisation’s fields and departments (send the version you read: 409 on conflict)',
        params: idParam,
        body: z.object({ version: version(), ...orgFields, name: orgFields.name.optional() }),
        response: { 200: z.object({ id: z.number(), version: z.number() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { version, departmentIds, ...rest } = request.body;
      return app.db.transaction().execute(async (trx) => {
        const before = await orgInScope(trx, actor.tenantId, scopeOf(request, 'orgs.write'), request.params.id);
        if (before.dissolved_on) throw new AppError(400, 'ORG_DISSOLVED', { name: before.name });
        const set = columnsOf(rest);
        const res = await trx
          .updateTable('orgs')
          .set({ ...set, version: version + 1, updated_at: new Date() })
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', before.id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw conflict();
        if (departmentIds) await setDepartments(trx, actor.tenantId, before.id, departmentIds, actor.language);
        await trx.insertInto('org_events').values({ tenant_id: actor.tenantId, org_id: before.id, kind: 'update', on_date: app.today(), detail: JSON.stringify({ ...set, departmentIds }), username: actor.username }).execute();
        await writeAudit(trx, actor, { action: 'update', entityType: 'org', entityId: before.id, summary: `修改党组织 ${before.name}`, before, after: { ...set, departmentIds } });
        return { id: before.id, version: version + 1 };
      });
    },
  );

  r.post(
    '/api/v1/orgs/:id/move',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Move an organisation (with its subtree) under another parent',
        params: idParam,
        body: z.object({ version: version(), parentId: z.number().int().positive(), onDate: date }),
        response: { 200: z.object({ id: z.number(), path: z.string() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      return app.db.transaction().execute(async (trx) => {
        const org = await orgInScope(trx, actor.tenantId, scopeOf(request, 'orgs.write'), request.params.id);
        if (org.dissolved_on) throw new AppError(400, 'ORG_DISSOLVED', { name: org.name });
        const parent = await trx.selectFrom('orgs').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', b.parentId).executeTakeFirst();
        if (!parent || parent.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id: b.parentId });
        if (parent.path.startsWith(org.path)) throw new AppError(400, 'ORG_PARENT_INVALID', { reason: actor.language === 'zh-CN' ? '不能移到自身或其下级之下' : 'cannot move under itself or its own subtree' });
        if (!PARENT_TYPES[org.type].includes(parent.type)) throw new AppError(400, 'ORG_PARENT_INVALID', { reason: `${parent.name} → ${org.name}` });
        const res = await trx.updateTable('orgs').set({ parent_id: parent.id, version: b.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', org.id).where('version', '=', b.version).executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw conflict();
        const newPath = `${parent.path}${org.id}/`;
        await rebuildPaths(trx, actor.tenantId, org.path, newPath, parent.depth + 1 - org.depth);
        await trx.insertInto('org_events').values({ tenant_id: actor.tenantId, org_id: org.id, kind: 'move', on_date: b.onDate, detail: JSON.stringify({ fromParentId: org.parent_id, toParentId: parent.id }), username: actor.username }).execute();
        await writeAudit(trx, actor, { action: 'update', entityType: 'org', entityId: org.id, summary: `调整隶属关系 ${org.name} → ${parent.name}`, before: { parentId: org.parent_id, path: org.path }, after: { parentId: parent.id, path: newPath } });
        return { id: org.id, path: newPath };
      });
    },
  );

  /** Re-homes an org's members and child orgs to a target, dissolving it: one transaction. */
  async function dissolveInto(trx: Transaction<DB>, actor: ReturnType<typeof actorOf>, org: { id: number; name: string; path: string; depth: number }, target: { id: number; name: string; path: string; depth: number; type: string } | null, onDate: string, kind: 'merge' | 'dissolve') {
    const members = await trx.selectFrom('members').select(['id', 'org_id', 'party_group_id']).where('tenant_id', '=', actor.tenantId).where((eb) => eb.or([eb('org_id', '=', org.id), eb('party_group_id', '=', org.id)])).execute();
    const children = await trx.selectFrom('orgs').select(['id', 'path', 'depth', 'type', 'name']).where('tenant_id', '=', actor.tenantId).where('parent_id', '=', org.id).where('dissolved_on', 'is', null).execute();
    const activeMembers = members.filter((m) => m.org_id === org.id);
    if (!target && (activeMembers.length > 0 || children.length > 0)) throw new AppError(400, 'ORG_DISSOLVE_NEEDS_TARGET', { name: org.name, count: activeMembers.length + children.length });
    if (target) {
      for (const m of members) {
        if (m.org_id === org.id) {
          await trx.updateTable('members').set({ org_id: target.id, party_group_id: null, version: sql`version + 1`, updated_at: new Date() }).where('tenant_id', '=', actor.tenantId).where('id', '=', m.id).execute();
          await trx.updateTable('member_org_periods').set({ to_on: onDate }).where('tenant_id', '=', actor.tenantId).where('member_id', '=', m.id).where('to_on', 'is', null).execute();
          await trx.insertInto('member_org_periods').values({ tenant_id: actor.tenantId, member_id: m.id, org_id: target.id, from_on: onDate }).execute();
          await recordChanges(trx, actor, m.id, { org_id: org.id, party_group_id: m.party_group_id }, { org_id: target.id, party_group_id: null }, 'org');
        } else {
          // A party group's members stay in their branch: merged into another group of the
          // branch they join it; when the group is dissolved they are outside any group.
          const group = target.type === 'party_group' ? target.id : null;
          await trx.updateTable('members').set({ party_group_id: group }).where('tenant_id', '=', actor.tenantId).where('id', '=', m.id).execute();
          await recordChanges(trx, actor, m.id, { party_group_id: org.id }, { party_group_id: group }, 'org');
        }
      }
      for (const c of children) {
        await trx.updateTable('orgs').set({ parent_id: target.id }).where('tenant_id', '=', actor.tenantId).where('id', '=', c.id).execute();
        await rebuildPaths(trx, actor.tenantId, c.path, `${target.path}${c.id}/`, target.depth + 1 - c.depth);
      }
    }
    await trx.updateTable('org_committee_seats').set({ member_id: null }).where('tenant_id', '=', actor.tenantId).where('org_id', '=', org.id).execute();
    await trx.updateTable('orgs').set({ dissolved_on: onDate, merged_into_id: kind === 'merge' ? target!.id : null, version: sql`version + 1`, updated_at: new Date() }).where('tenant_id', '=', actor.tenantId).where('id', '=', org.id).execute();
    const detail = { targetId: target?.id ?? null, targetName: target?.name ?? null, members: activeMembers.length, children: children.length };
    await trx.insertInto('org_events').values({ tenant_id: actor.tenantId, org_id: org.id, kind, on_date: onDate, detail: JSON.stringify(detail), username: actor.username }).execute();
    if (target) await trx.insertInto('org_events').values({ tenant_id: actor.tenantId, org_id: target.id, kind: 'update', on_date: onDate, detail: JSON.stringify({ received: org.name, ...detail }), username: actor.username }).execute();
    await writeAudit(trx, actor, { action: kind, entityType: 'org', entityId: org.id, summary: `${kind === 'merge' ? '合并' : '撤销'}党组织 ${org.name}${target ? ` → ${target.name}` : ''}`, after: detail });
    return detail;
  }

  const dissolveOut = z.object({ id: z.number(), members: z.number(), children: z.number() });

  r.post(
    '/api/v1/orgs/:id/merge',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Merge an organisation into another: members and child orgs re-homed, committee closed, the org kept as dissolved with its history (one transaction)',
        params: idParam,
        body: z.object({ version: version(), intoId: z.number().int().positive(), onDate: date }),
        response: { 200: dissolveOut },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      return app.db.transaction().execute(async (trx) => {
        const org = await orgInScope(trx, actor.tenantId, scopeOf(request, 'orgs.write'), request.params.id);
        if (org.dissolved_on) throw new AppError(400, 'ORG_DISSOLVED', { name: org.name });
        if (org.version !== b.version) throw conflict();
        const into = await trx.selectFrom('orgs').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', b.intoId).executeTakeFirst();
        if (!into || into.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id: b.intoId });
        const zh = actor.language === 'zh-CN';
        if (into.id === org.id || into.path.startsWith(org.path)) throw new AppError(400, 'ORG_MERGE_INVALID', { reason: zh ? '不能并入自身或其下级' : 'cannot merge into itself or its subtree' });
        // A party group merges into another group of the same branch (or into the branch itself);
        // other orgs only into one of the same kind (a branch and a joint branch count as one kind).
        const sameKind =
          org.type === 'party_group'
            ? (into.type === 'party_group' && into.parent_id === org.parent_id) || into.id === org.parent_id
            : into.type !== 'party_group' && (into.type === org.type || (['branch', 'joint_branch'].includes(org.type) && ['branch', 'joint_branch'].includes(into.type)));
        if (!sameKind) throw new AppError(400, 'ORG_MERGE_INVALID', { reason: zh ? '只能并入同类党组织（党小组只能并入本支部的党小组）' : 'only into an organisation of the same kind (a party group into a group of its own branch)' });
        const detail = await dissolveInto(trx, actor, org, into, b.onDate, 'merge');
        return { id: org.id, ...detail };
      });
    },
  );

  r.post(
    '/api/v1/orgs/:id/dissolve',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Dissolve an organisation (history kept). Members and child orgs go to membersToId in the same transaction; required when it still has any',
        params: idParam,
        body: z.object({ version: version(), onDate: date, membersToId: z.number().int().positive().optional() }),
        response: { 200: dissolveOut },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      return app.db.transaction().execute(async (trx) => {
        const org = await orgInScope(trx, actor.tenantId, scopeOf(request, 'orgs.write'), request.params.id);
        if (org.dissolved_on) throw new AppError(400, 'ORG_DISSOLVED', { name: org.name });
        if (org.version !== b.version) throw conflict();
        let target = null;
        if (b.membersToId) {
          target = await trx.selectFrom('orgs').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', b.membersToId).executeTakeFirst();
          if (!target || target.dissolved_on || target.path.startsWith(org.path) || target.type === 'party_group') throw new AppError(400, 'ORG_NOT_FOUND', { id: b.membersToId });
        } else if (org.type === 'party_group') {
          target = await trx.selectFrom('orgs').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', org.parent_id!).executeTakeFirstOrThrow();
        }
        const detail = await dissolveInto(trx, actor, org, target, b.onDate, 'dissolve');
        return { id: org.id, ...detail };
      });
    },
  );

  r.put(
    '/api/v1/orgs/:id/committee',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Set the committee: seats with posts (书记, 副书记, 组织委员 …); a seat without a member is a vacancy. Members must belong to the org or below',
        params: idParam,
        body: z.object({
          version: version(),
          seats: z.array(z.object({ post: z.enum(POSTS), memberId: z.number().int().positive().nullable(), startedOn: date.nullable().optional() })).max(30),
        }),
        response: { 200: z.object({ id: z.number(), version: z.number() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      return app.db.transaction().execute(async (trx) => {
        const org = await orgInScope(trx, actor.tenantId, scopeOf(request, 'orgs.write'), request.params.id);
        if (org.dissolved_on) throw new AppError(400, 'ORG_DISSOLVED', { name: org.name });
        const ids = b.seats.map((s) => s.memberId).filter((x): x is number => x !== null);
        const found = ids.length
          ? await trx
              .selectFrom('members as m')
              .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
              .select(['m.id', 'm.name', 'o.path', 'm.status'])
              .where('m.tenant_id', '=', actor.tenantId)
              .where('m.id', 'in', ids)
              .execute()
          : [];
        const details = b.seats.flatMap((s, i) => {
          if (s.memberId === null) return [];
          const m = found.find((f) => f.id === s.memberId);
          if (m && m.status === 'active' && m.path.startsWith(org.path)) return [];
          return [{ path: `body.seats[${i}].memberId`, message: translate('ORG_SEAT_MEMBER_NOT_IN_ORG', actor.language, { index: i + 1, name: m?.name ?? `#${s.memberId}` }) }];
        });
        if (details.length) throw new AppError(400, 'VALIDATION_FAILED', {}, details);
        const res = await trx.updateTable('orgs').set({ version: b.version + 1, updated_at: new Date() }).where('tenant_id', '=', actor.tenantId).where('id', '=', org.id).where('version', '=', b.version).executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw conflict();
        const before = await trx.selectFrom('org_committee_seats').select(['post', 'member_id', 'started_on']).where('tenant_id', '=', actor.tenantId).where('org_id', '=', org.id).orderBy('sort').execute();
        await trx.deleteFrom('org_committee_seats').where('tenant_id', '=', actor.tenantId).where('org_id', '=', org.id).execute();
        if (b.seats.length) {
          await trx
            .insertInto('org_committee_seats')
            .values(b.seats.map((s, sort) => ({ tenant_id: actor.tenantId, org_id: org.id, post: s.post, member_id: s.memberId, started_on: s.startedOn ?? null, sort })))
            .execute();
        }
        await writeAudit(trx, actor, { action: 'update', entityType: 'org_committee', entityId: org.id, summary: `调整 ${org.name} 委员会`, before, after: b.seats });
        return { id: org.id, version: b.version + 1 };
      });
    },
  );

  r.get(
    '/api/v1/orgs/:id/electorate',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Who may vote at a 换届 election on a date: the roster’s full members less suspended rights and approved absences (the 应到会人数), and how many must be present (more than 4/5)',
        params: idParam,
        querystring: z.object({ date: date.optional() }),
        response: {
          200: z.object({
            date: z.string(),
            onRoster: z.number(),
            entitled: z.number(),
            required: z.number(),
            excluded: z.array(
              z.object({
                memberId: z.number(),
                name: z.string(),
                because: z.enum(['probationary', 'rights_suspended', 'away_approved']),
                reason: z.string().nullable(),
                fromOn: z.string().nullable(),
                toOn: z.string().nullable(),
                approvalRef: z.string().nullable(),
                approvedBy: z.string().nullable(),
                approvedOn: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const org = await orgInScope(app.db, auth.tenantId, scopeOf(request, 'orgs.write'), request.params.id);
      if (!isElectedType(org.type)) throw new AppError(400, 'ORG_NOT_ELECTED');
      return electorateOn(app.db, auth.tenantId, org, request.query.date ?? app.today());
    },
  );

  r.post(
    '/api/v1/orgs/:id/elections',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary:
          'Record a 换届 election (date, voters present, candidates’ votes, results); it starts a new term. Those due come from the roster on the date (GET …/electorate); refused unless more than 4/5 of them are present. Append-only',
        params: idParam,
        body: z.object({
          heldOn: date,
          termYears: z.number().int().min(3).max(5).optional(),
          votersDue: z.number().int().min(0).max(100000).optional(),
          votersPresent: z.number().int().min(0).max(100000),
          candidates: z
            .array(z.object({ name: z.string().trim().min(1).max(50), memberId: z.number().int().positive().nullable().optional(), votes: z.number().int().min(0).max(100000) }))
            .max(100)
            .default([]),
          results: z.string().trim().max(2000).default(''),
          notes: z.string().trim().max(2000).default(''),
        }),
        response: {
          201: z.object({
            id: z.number(),
            termExpiresOn: z.string(),
            votersDue: z.number(),
            candidates: z.array(z.object({ name: z.string(), memberId: z.number().nullable(), votes: z.number(), elected: z.boolean() })),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const settings = await ruleSettingsOf(app.db, actor.tenantId);
      const result = await recordElection(app.db, actor, scopeOf(request, 'orgs.write'), request.params.id, request.body, app.today(), settings);
      return reply.status(201).send(result);
    },
  );

  const warningRow = z.object({ id: z.number(), name: z.string(), type: z.string(), memberCount: z.number(), termExpiresOn: z.string().nullable(), warnings: z.array(warningOut) });

  async function warningRows(request: Parameters<typeof authOf>[0], severity?: string) {
    const auth = authOf(request);
    const scope = scopeOf(request, 'orgs.read');
    if (scope.kind === 'self') throw new AppError(403, 'FORBIDDEN');
    const settings = await ruleSettingsOf(app.db, auth.tenantId);
    const facts = await orgFacts(app.db, auth.tenantId, scope, settings);
    const today = app.today();
    return facts
      .map((f) => ({
        id: f.id,
        name: f.name,
        type: f.type,
        memberCount: f.memberCount,
        termExpiresOn: f.termExpiresOn,
        warnings: warningsFor(f, today, settings)
          .filter((w) => !severity || w.severity === severity)
          .map((w) => ({ ...w, message: message(w, auth.language) })),
      }))
      .filter((x) => x.warnings.length > 0);
  }

  r.get(
    '/api/v1/orgs/warnings',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags: ['orgs'],
        summary: 'Rule warnings of every organisation in scope (党委-wide list): size, committee, terms expiring in 6/3 months, overdue elections, vacancies, temporary branches past their end. Never blocking',
        querystring: z.object({ severity: z.enum(['red', 'yellow', 'info']).optional() }),
        response: { 200: z.object({ items: z.array(warningRow), total: z.number() }) },
      },
    },
    async (request) => {
      const items = await warningRows(request, request.query.severity);
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/v1/orgs/warnings/export',
    {
      config: { access: 'orgs.read' },
      schema: { tags: ['orgs'], summary: 'The warning list as Excel', querystring: z.object({ severity: z.enum(['red', 'yellow', 'info']).optional() }) },
    },
    async (request, reply) => {
      const zh = authOf(request).language === 'zh-CN';
      const items = (await warningRows(request, request.query.severity)).flatMap((o) => o.warnings.map((w) => ({ ...o, w })));
      const sev = { red: zh ? '红' : 'Red', yellow: zh ? '黄' : 'Yellow', info: zh ? '提示' : 'Info' };
      const buffer = await workbookBuffer(
        zh ? '党组织预警' : 'Warnings',
        [
          { header: zh ? '党组织' : 'Organisation', width: 30, value: (x) => x.name },
          { header: zh ? '党员数' : 'Members', width: 8, value: (x) => x.memberCount },
          { header: zh ? '届满日期' : 'Term expires', width: 12, value: (x) => x.termExpiresOn },
          { header: zh ? '级别' : 'Level', width: 8, value: (x) => sev[x.w.severity] },
          { header: zh ? '提示' : 'Warning', width: 60, value: (x) => x.w.message },
        ],
        items,
      );
      return sendXlsx(reply, zh ? '党组织预警.xlsx' : 'org-warnings.xlsx', buffer);
    },
  );

  r.get(
    '/api/v1/orgs/dual-leaders',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags: ['orgs'],
        summary: '双带头人 coverage per 党委/党总支: share of clinical/teaching branches whose secretary is also a professional or academic leader, with the branches that miss it',
      },
    },
    async (request) => {
      const auth = authOf(request);
      const scope = scopeOf(request, 'orgs.read');
      if (scope.kind === 'self') throw new AppError(403, 'FORBIDDEN');
      const t = auth.tenantId;
      const { dualLeader } = await orgSettingsOf(app.db, t);
      const orgs = await orgsVisible(app.db, t, scope, auth.memberId);
      const deps = await app.db
        .selectFrom('org_departments as od')
        .innerJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'od.tenant_id').onRef('d.id', '=', 'od.department_id'))
        .select(['od.org_id', 'd.kind'])
        .where('od.tenant_id', '=', t)
        .execute();
      const secretaries = await app.db
        .selectFrom('org_committee_seats as s')
        .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.member_id'))
        .select(['s.org_id', 's.member_id', 'm.name', 'm.title', 'm.post', 'm.academic_leader'])
        .where('s.tenant_id', '=', t)
        .where('s.post', '=', 'secretary')
        .execute();
      const secOf = new Map(secretaries.map((s) => [s.org_id, s]));
      // Clinical and teaching branches: built on clinical, medical-technology, teaching or research departments (rules.md).
      const professional = new Set(deps.filter((d) => ['clinical', 'medtech', 'teaching', 'research'].includes(d.kind)).map((d) => d.org_id));
      const branches = orgs
        .filter((o) => (o.type === 'branch' || o.type === 'joint_branch') && professional.has(o.id))
        .map((o) => {
          const s = secOf.get(o.id);
          const dual = s?.member_id ? isDualLeader({ title: s.title ?? null, post: s.post ?? '', academic_leader: Boolean(s.academic_leader) }, dualLeader) : false;
          return { id: o.id, name: o.name, path: o.path, secretaryId: s?.member_id ?? null, secretaryName: s?.name ?? null, title: s?.title ?? null, post: s?.post ?? null, dualLeader: dual };
        });
      const parents = orgs.filter((o) => o.type === 'committee' || o.type === 'general_branch');
      const groups = parents
        .map((p) => {
          const within = branches.filter((b) => b.path.startsWith(p.path));
          const covered = within.filter((b) => b.dualLeader).length;
          return { id: p.id, name: p.name, type: p.type, branches: within.length, covered, rate: within.length ? Math.round((covered / within.length) * 1000) / 10 : null, missing: within.filter((b) => !b.dualLeader).map(({ path: _p, ...b }) => b) };
        })
        .filter((g) => g.branches > 0);
      return { criteria: dualLeader, items: groups, total: groups.length };
    },
  );

  r.get(
    '/api/v1/orgs/settings',
    {
      config: { access: 'orgs.read' },
      schema: { tags: ['orgs'], summary: 'Unit settings of this area: 双带头人 criteria and the transfer letter’s letterhead' },
    },
    async (request) => orgSettingsOf(app.db, authOf(request).tenantId),
  );

  r.put(
    '/api/v1/orgs/settings',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['orgs'],
        summary: 'Save the 双带头人 criteria and the letterhead (send the version you read)',
        body: z.object({ version: int4().min(0), dualLeader: dualLeaderSchema, letterhead: letterheadSchema }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      return app.db.transaction().execute(async (trx) => {
        const saved = await saveSettings(trx, actor, 'orgs', { dualLeader: b.dualLeader, letterhead: b.letterhead }, b.version, { summary: '修改党组织设置', language: actor.language });
        return { ...saved.value, version: saved.version };
      });
    },
  );

  r.get(
    '/api/v1/departments',
    {
      config: { access: 'orgs.read' },
      schema: { tags: ['orgs'], summary: 'Departments, teaching-research offices (三位一体 flag) and campuses, each with the branches built on it — within the caller’s scope (a branch secretary: the departments of their branches and members)' },
    },
    async (request) => {
      const auth = authOf(request);
      const { departments: deps, links, campuses } = await departmentsVisible(app.db, auth.tenantId, scopeOf(request, 'orgs.read'), auth.memberId);
      // Campus and branch ids are named campusId/orgId so that `id` always means a department.
      return {
        items: deps.map((d) => ({
          id: d.id,
          name: d.name,
          kind: d.kind,
          campusId: d.campus_id,
          campusName: campuses.find((c) => c.id === d.campus_id)?.name ?? null,
          teachingOffice: d.is_teaching_office,
          trinity: d.trinity,
          branches: links.filter((l) => l.department_id === d.id).map((l) => ({ orgId: l.id, name: l.name })),
        })),
        total: deps.length,
      };
    },
  );

  r.patch(
    '/api/v1/departments/:id',
    {
      config: { access: 'orgs.write' },
      schema: { tags: ['orgs'], summary: 'Set a teaching-research office’s 三位一体 flag', params: idParam, body: z.object({ trinity: z.boolean() }) },
    },
    async (request) => {
      const actor = actorOf(request);
      return app.db.transaction().execute(async (trx) => {
        const d = await trx.selectFrom('departments').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', request.params.id).executeTakeFirst();
        if (!d) throw notFound('NOT_FOUND', request.params.id);
        await trx.updateTable('departments').set({ trinity: request.body.trinity }).where('tenant_id', '=', actor.tenantId).where('id', '=', d.id).execute();
        await writeAudit(trx, actor, { action: 'update', entityType: 'department', entityId: d.id, summary: `${d.name} 三位一体：${request.body.trinity ? '是' : '否'}`, before: { trinity: d.trinity }, after: request.body });
        return { id: d.id, trinity: request.body.trinity };
      });
    },
  );
}
