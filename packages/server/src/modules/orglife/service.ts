import {
  type ComplianceCell,
  type ComplianceOrg,
  type ComplianceRecord,
  type DataScope,
  type MeetingKind,
  type OrglifeSettings,
  type RuleSettings,
  checkVote,
  compareDates,
  computeCompliance,
  kindProblems,
  rosterOrgOf,
  votingBase,
  WHOLE_ROSTER_KINDS,
  resolveRuleSettings,
  scopeCoversPath,
} from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, inIds } from '../../lib/scope.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { loadSettings as loadUnitSettings } from '../settings/service.js';
import { attachmentsOf } from './attachments.js';
import { membersOn, rosterOn } from './repository.js';
import type { RecordInput } from './schemas.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LoadedSettings {
  rules: RuleSettings;
  orglife: OrglifeSettings;
  ruleOverrides: unknown;
  version: number;
}

/** The unit's rules and organisational-life settings, from the settings store's 'rules' section. */
export async function loadSettings(db: Db, tenantId: number): Promise<LoadedSettings> {
  const { value, version } = await loadUnitSettings(db, tenantId, 'rules');
  return {
    rules: resolveRuleSettings(value.overrides),
    orglife: { dueSoonDays: value.dueSoonDays, sceneTags: value.sceneTags },
    ruleOverrides: value.overrides,
    version,
  };
}

export interface OrgRow {
  id: number;
  parent_id: number | null;
  type: ComplianceOrg['type'];
  name: string;
  short_name: string;
  path: string;
  established_on: string | null;
  ends_on: string | null;
  dissolved_on: string | null;
}

/** The org, if it exists in the tenant and lies within the caller's scope; 404 / 403 otherwise. */
export async function orgInScope(db: Db, tenantId: number, orgId: number, scope: DataScope): Promise<OrgRow> {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'parent_id', 'type', 'name', 'short_name', 'path', 'established_on', 'ends_on', 'dissolved_on'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw notFound('ORG_NOT_FOUND', orgId);
  if (!scopeCoversPath(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
  return org;
}

/** Full members per org (branch org_id, and party group) for the committee threshold; of some branches only, when given. */
export async function fullMemberCounts(db: Db, tenantId: number, orgIds?: readonly number[]): Promise<Map<number, number>> {
  let q = db
    .selectFrom('members')
    .select(['org_id', 'party_group_id', sql<number>`count(*)`.as('n')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .where('category', '=', 'full');
  if (orgIds) q = q.where(inIds('org_id', orgIds));
  const rows = await q.groupBy(['org_id', 'party_group_id']).execute();
  const out = new Map<number, number>();
  for (const r of rows) {
    out.set(r.org_id, (out.get(r.org_id) ?? 0) + Number(r.n));
    if (r.party_group_id) out.set(r.party_group_id, (out.get(r.party_group_id) ?? 0) + Number(r.n));
  }
  return out;
}

/**
 * The records of a period as compliance inputs (has minutes, attendance and, for a 党课, a speaker).
 *
 * A whole 党委 is ~200k records a year: fetched as one row per row would spend most of the
 * matrix's time decoding rows in the driver, so PostgreSQL packs each org's records into one
 * text ("id,group,date,kind+kind,flags;…") and they are unpacked here (bench/orglife.bench.ts).
 */
export async function complianceRecords(db: Db, tenantId: number, from: string, to: string, of: { pathPrefix: string | null } | { orgIds: readonly number[] }): Promise<ComplianceRecord[]> {
  const inPath =
    'orgIds' in of
      ? sql`and ${inIds('r.org_id', of.orgIds)}`
      : of.pathPrefix
        ? sql`and exists (select 1 from orgs o where o.tenant_id = r.tenant_id and o.id = r.org_id and o.path like ${`${escapeLike(of.pathPrefix)}%`})`
        : sql``;
  const rows = await sql<{ org_id: number; packed: string }>`
    select r.org_id, string_agg(concat_ws(',', r.id, coalesce(r.party_group_id, 0), r.held_on::text, array_to_string(r.kinds, '+'),
      concat((r.minutes <> '')::int, (r.present_count > 0)::int, (r.speaker_name <> '')::int, r.speaker_is_secretary::int)), ';') as packed
    from orglife_records r
    where r.tenant_id = ${tenantId} and r.held_on >= ${from}::date and r.held_on <= ${to}::date ${inPath}
    group by r.org_id`.execute(db);
  const out: ComplianceRecord[] = [];
  for (const row of rows.rows) {
    const orgId = Number(row.org_id);
    for (const item of row.packed.split(';')) {
      const [id, group, heldOn, kinds, flags] = item.split(',') as [string, string, string, string, string];
      out.push({
        id: Number(id),
        orgId,
        partyGroupId: group === '0' ? null : Number(group),
        heldOn,
        kinds: kinds.split('+') as MeetingKind[],
        hasMinutes: flags[0] === '1',
        hasAttendance: flags[1] === '1',
        hasSpeaker: flags[2] === '1',
        speakerIsSecretary: flags[3] === '1',
      });
    }
  }
  return out;
}

export interface ComplianceResult {
  orgs: OrgRow[];
  cells: ComplianceCell[];
  settings: LoadedSettings;
}

/** Compliance of every org under `pathPrefix` (or the tenant) for a year, computed by packages/core. */
export async function complianceFor(db: Db, tenantId: number, year: number, today: string, pathPrefix: string | null, scope: DataScope): Promise<ComplianceResult> {
  const settings = await loadSettings(db, tenantId);
  let q = db
    .selectFrom('orgs')
    .select(['id', 'parent_id', 'type', 'name', 'short_name', 'path', 'established_on', 'ends_on', 'dissolved_on'])
    .where('tenant_id', '=', tenantId)
    .orderBy('path');
  if (pathPrefix) q = q.where('path', 'like', `${pathPrefix}%`);
  const orgs = (await q.execute()).filter((o) => scopeCoversPath(scope, o.path));
  // A branch's checklist counts its own members, not the whole hospital's.
  const counts = await fullMemberCounts(db, tenantId, pathPrefix ? orgs.map((o) => o.id) : undefined);
  const records = await complianceRecords(db, tenantId, `${year}-01-01`, `${year}-12-31`, { pathPrefix });
  const cells = computeCompliance({
    orgs: orgs.map((o) => ({ id: o.id, type: o.type, establishedOn: o.established_on, endsOn: o.ends_on, dissolvedOn: o.dissolved_on, fullMemberCount: counts.get(o.id) ?? 0 })),
    records,
    year,
    today,
    rules: settings.rules,
    settings: settings.orglife,
  });
  return { orgs, cells, settings };
}

// ---------------------------------------------------------------------------------------
// Writing a record
// ---------------------------------------------------------------------------------------

const detail = (path: string, message: string) => ({ path, message });

function kindProblemMessage(p: ReturnType<typeof kindProblems>[number], zh: boolean, kindName: (k: MeetingKind) => string): string {
  switch (p.code) {
    case 'KINDS_EMPTY':
      return zh ? '至少选择一种会议类型' : 'choose at least one kind';
    case 'KINDS_NOT_COMBINABLE':
      return zh ? `“${kindName(p.a)}”与“${kindName(p.b)}”不能合并为一次记录` : `"${kindName(p.a)}" and "${kindName(p.b)}" cannot be one record`;
    case 'FIRST_TOPIC_NEEDS_MEETING':
      return zh ? '“第一议题”须作为支委会或党委会学习的议题记录' : 'the first-topic study is an item of a committee meeting or committee study session';
    case 'KIND_NOT_FOR_ORG':
      return zh ? `“${kindName(p.kind)}”不适用于该类党组织` : `"${kindName(p.kind)}" does not apply to this kind of organisation`;
    case 'PARTY_GROUP_REQUIRED':
      return zh ? '党小组会须选择党小组' : 'a party-group meeting needs the party group';
  }
}

/**
 * Problems with the plan items a record says it completes: each must be the org's own, of one of
 * the meeting's kinds, one per kind, and not done by another record. The items are locked so two
 * meetings saved at once cannot both complete the same item.
 */
async function planItemProblems(
  trx: Transaction<DB>,
  ctx: { tenantId: number; orgId: number; kinds: readonly MeetingKind[]; recordId: number | null; zh: boolean; kindName: (k: MeetingKind) => string },
  ids: readonly number[],
): Promise<{ path: string; message: string }[]> {
  if (ids.length === 0) return [];
  const { tenantId, zh, kindName } = ctx;
  const items = await trx.selectFrom('orglife_plan_items').select(['id', 'org_id', 'kind', 'planned_on']).where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).forUpdate().execute();
  const links = await trx
    .selectFrom('orglife_plan_links as l')
    .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.id', '=', 'l.record_id'))
    .select(['l.plan_item_id', 'r.id', 'r.held_on'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.plan_item_id', 'in', [...ids])
    .execute();
  const byId = new Map(items.map((i) => [i.id, i]));
  const doneBy = new Map(links.map((l) => [l.plan_item_id, l]));
  const seenKinds = new Set<string>();
  const out: { path: string; message: string }[] = [];
  ids.forEach((id, i) => {
    const path = `planItemIds[${i}]`;
    const item = byId.get(id);
    if (!item || item.org_id !== ctx.orgId) {
      out.push(detail(path, zh ? '计划事项不属于该党组织' : 'the plan item belongs to another organisation'));
      return;
    }
    const kind = item.kind as MeetingKind;
    const name = zh ? `“${kindName(kind)}”（${item.planned_on}）` : `"${kindName(kind)}" (${item.planned_on})`;
    if (!ctx.kinds.includes(kind)) out.push(detail(path, zh ? `计划事项${name}与本次会议类型不符` : `the plan item ${name} is not one of this meeting's kinds`));
    else if (seenKinds.has(kind)) out.push(detail(path, zh ? `一次会议只能完成一项“${kindName(kind)}”计划` : `one meeting completes one "${kindName(kind)}" item`));
    seenKinds.add(kind);
    const done = doneBy.get(id);
    if (done && done.id !== ctx.recordId) out.push(detail(path, zh ? `计划事项${name}已由 ${done.held_on} 的会议记录完成` : `the plan item ${name} was already completed by the record of ${done.held_on}`));
  });
  return out;
}

/** Validates a record and writes it with its attendance, resolutions and reviews (inside the caller's transaction). */
export async function writeRecord(
  trx: Transaction<DB>,
  ctx: { tenantId: number; userId: number; scope: DataScope; zh: boolean; kindName: (k: MeetingKind) => string; today: string },
  input: RecordInput,
  existingId: number | null,
): Promise<number> {
  const { tenantId, zh } = ctx;
  const org = await orgInScope(trx, tenantId, input.orgId, ctx.scope);
  let group: OrgRow | null = null;
  if (input.partyGroupId) {
    group = await orgInScope(trx, tenantId, input.partyGroupId, ctx.scope);
    if (group.type !== 'party_group' || group.parent_id !== org.id) {
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('partyGroupId', zh ? '所选党小组不属于该党支部' : 'the party group is not in this branch')]);
    }
  }
  const problems = kindProblems(input.kinds, org.type, input.partyGroupId ?? null);
  if (problems.length > 0) {
    throw new AppError(400, 'ORGLIFE_INVALID', {}, problems.map((p) => detail('kinds', kindProblemMessage(p, zh, ctx.kindName))));
  }
  if (compareDates(input.heldOn, ctx.today) > 0) {
    throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('heldOn', zh ? `会议日期 ${input.heldOn} 晚于今天，请在会后记录` : `${input.heldOn} is in the future; record a meeting after it is held`)]);
  }
  if (org.established_on && compareDates(input.heldOn, org.established_on) < 0) {
    throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('heldOn', zh ? `会议日期早于该党组织成立日期 ${org.established_on}` : `before the organisation was established (${org.established_on})`)]);
  }
  // A temporary branch exists until its end date; an org dissolved on a day no longer exists from that day.
  for (const o of group ? [org, group] : [org]) {
    const what = zh ? (o.type === 'temporary_branch' ? '该临时党支部' : o.type === 'party_group' ? '该党小组' : '该党组织') : o.type === 'temporary_branch' ? 'the temporary branch' : o.type === 'party_group' ? 'the party group' : 'the organisation';
    if (o.ends_on && compareDates(input.heldOn, o.ends_on) > 0) {
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('heldOn', zh ? `会议日期 ${input.heldOn} 晚于${what}的结束日期 ${o.ends_on}` : `${input.heldOn} is after the end date of ${what} (${o.ends_on})`)]);
    }
    if (o.dissolved_on && compareDates(input.heldOn, o.dissolved_on) >= 0) {
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('heldOn', zh ? `${what}已于 ${o.dissolved_on} 撤销，会议日期 ${input.heldOn} 不在其存续期内` : `${what} was dissolved on ${o.dissolved_on}; ${input.heldOn} is not within its life`)]);
    }
  }
  const details: { path: string; message: string }[] = [];

  // Who was due (应到) on the day: the roster of the branch (or the party group for a 党小组会),
  // each with their vote (core votingEntitlement). A temporary branch holds no membership: any
  // active member of the unit may attend it, and its attendance is its roster.
  const isTemporary = org.type === 'temporary_branch';
  const roster = isTemporary ? [] : await rosterOn(trx, tenantId, rosterOrgOf({ orgId: org.id, partyGroupId: group?.id ?? null, kinds: input.kinds }), input.heldOn);
  // 民主评议 covers the branch's members (it never goes with a 党小组会, so this is the same roster).
  const memberIds = [...new Set([...input.attendance.map((a) => a.memberId), ...input.reviews.map((r) => r.memberId)])];
  const known = isTemporary ? await membersOn(trx, tenantId, memberIds, input.heldOn) : roster;
  const byId = new Map(known.map((m) => [m.id, m]));
  // Errors name only members on the roster: an id from elsewhere gets its number back, nothing more.
  const notOnRoster = (id: number) => (zh ? `党员编号 ${id} 不在该支部的名册中` : `member id ${id} is not on this branch's roster`);
  const seen = new Set<number>();
  input.attendance.forEach((a, i) => {
    const m = byId.get(a.memberId);
    if (!m) {
      details.push(detail(`attendance[${i}].memberId`, notOnRoster(a.memberId)));
      return;
    }
    if (seen.has(a.memberId)) details.push(detail(`attendance[${i}].memberId`, zh ? `${m.name} 重复出现` : `${m.name} appears twice`));
    seen.add(a.memberId);
    if (a.status === 'excused' && a.reason.trim() === '') details.push(detail(`attendance[${i}].reason`, zh ? `${m.name} 请假须填写原因` : `leave for ${m.name} needs a reason`));
  });
  input.reviews.forEach((r, i) => {
    if (!input.kinds.includes('democratic_review')) details.push(detail(`reviews[${i}]`, zh ? '只有“民主评议党员”记录可填写评议结果' : 'results belong to a democratic review record'));
    if (!byId.has(r.memberId)) details.push(detail(`reviews[${i}].memberId`, notOnRoster(r.memberId)));
  });
  if (new Set(input.reviews.map((r) => r.memberId)).size !== input.reviews.length) details.push(detail('reviews', zh ? '同一党员只能有一个评议结果' : 'one result per member'));
  details.push(...(await planItemProblems(trx, { tenantId, orgId: org.id, kinds: input.kinds, recordId: existingId, zh, kindName: ctx.kindName }, input.planItemIds)));
  if (details.length > 0) throw new AppError(400, 'ORGLIFE_INVALID', {}, details);

  // At a meeting of the whole roster, a name left off the list was absent: 应到 stays the roster.
  const attendance = [...input.attendance];
  if (!isTemporary && input.kinds.some((k) => WHOLE_ROSTER_KINDS.includes(k))) {
    for (const m of roster) if (!seen.has(m.id)) attendance.push({ memberId: m.id, status: 'absent', reason: '' });
  }
  const entitled = (memberId: number) => byId.get(memberId)?.entitlement.entitled === true;

  // Quorum of the 支部党员大会: the base is everyone entitled to vote on the day (the roster less
  // 预备党员, suspended rights and approved long absences), never the names that were entered.
  const isGeneralMeeting = input.kinds.includes('branch_general_meeting');
  const votingMembers = isGeneralMeeting && !isTemporary ? votingBase(roster, input.heldOn).entitled.length : attendance.filter((a) => entitled(a.memberId)).length;
  const votingPresent = attendance.filter((a) => a.status === 'present' && entitled(a.memberId)).length;
  const resolutions = input.resolutions.map((res, i) => {
    const outcome = checkVote({ kind: res.kind, votingMembers, present: votingPresent, inFavour: res.votesFor, against: res.votesAgainst, abstain: res.votesAbstain });
    if (!outcome.ok) {
      if (outcome.code === 'VOTES_EXCEED_PRESENT') {
        throw new AppError(400, 'ORGLIFE_VOTES_EXCEED_PRESENT', { title: res.title, cast: outcome.cast, present: outcome.present }, [detail(`resolutions[${i}]`, `${outcome.cast} > ${outcome.present}`)]);
      }
      // Quorum only binds the 支部党员大会 (条例; 选举条例); other meetings record their votes.
      if (isGeneralMeeting) {
        throw new AppError(400, outcome.code === 'QUORUM_NOT_MET' ? 'ORGLIFE_QUORUM_NOT_MET' : 'ORGLIFE_ELECTION_QUORUM_NOT_MET', {
          title: res.title,
          votingMembers: outcome.votingMembers,
          present: outcome.present,
          required: outcome.required,
        }, [detail(`resolutions[${i}]`, `${outcome.present} / ${outcome.votingMembers}`)]);
      }
    }
    return { ...res, seq: i + 1, passed: outcome.ok ? outcome.passed : res.votesFor * 2 > votingMembers };
  });

  const counts = {
    expected_count: attendance.length,
    present_count: attendance.filter((a) => a.status === 'present').length,
    excused_count: attendance.filter((a) => a.status === 'excused').length,
    absent_count: attendance.filter((a) => a.status === 'absent').length,
  };
  const values = {
    org_id: org.id,
    party_group_id: group?.id ?? null,
    kinds: input.kinds,
    held_on: input.heldOn,
    start_time: input.startTime,
    end_time: input.endTime,
    place: input.place,
    scene_tag: input.sceneTag,
    host_name: input.hostName,
    recorder_name: input.recorderName,
    topics: JSON.stringify(input.topics),
    minutes: input.minutes,
    speaker_name: input.speakerName,
    speaker_is_secretary: input.speakerIsSecretary,
    lecture_title: input.lectureTitle,
    study_content: input.studyContent,
    ...counts,
  };
  let id: number;
  if (existingId === null) {
    const row = await trx.insertInto('orglife_records').values({ tenant_id: tenantId, created_by: ctx.userId, ...values, qr_token: null, qr_expires_at: null }).returning('id').executeTakeFirstOrThrow();
    id = row.id;
  } else {
    id = existingId;
    await trx.updateTable('orglife_records').set({ ...values, updated_at: sql`now()` }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    await trx.deleteFrom('orglife_attendance').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
    await trx.deleteFrom('orglife_resolutions').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
    await trx.deleteFrom('orglife_reviews').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
    await trx.deleteFrom('orglife_plan_links').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
  }
  if (input.planItemIds.length > 0) {
    await trx.insertInto('orglife_plan_links').values(input.planItemIds.map((planItemId) => ({ tenant_id: tenantId, plan_item_id: planItemId, record_id: id }))).execute();
  }
  if (attendance.length > 0) {
    await trx
      .insertInto('orglife_attendance')
      .values(attendance.map((a) => ({ tenant_id: tenantId, record_id: id, held_on: input.heldOn, member_id: a.memberId, status: a.status, reason: a.reason, via_qr: a.viaQr ?? false, voting: entitled(a.memberId) })))
      .execute();
  }
  if (resolutions.length > 0) {
    await trx
      .insertInto('orglife_resolutions')
      .values(
        resolutions.map((r) => ({
          tenant_id: tenantId,
          record_id: id,
          seq: r.seq,
          title: r.title,
          kind: r.kind,
          voting_members: votingMembers,
          present: votingPresent,
          votes_for: r.votesFor,
          votes_against: r.votesAgainst,
          abstain: r.votesAbstain,
          passed: r.passed,
        })),
      )
      .execute();
  }
  if (input.reviews.length > 0) {
    await trx.insertInto('orglife_reviews').values(input.reviews.map((r) => ({ tenant_id: tenantId, record_id: id, member_id: r.memberId, grade: r.grade }))).execute();
  }
  return id;
}

/** A record with everything on it, as the API returns it; null when absent. */
export async function recordDetail(db: Db, tenantId: number, id: number) {
  const r = await db
    .selectFrom('orglife_records as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .leftJoin('orgs as g', (j) => j.onRef('g.tenant_id', '=', 'r.tenant_id').onRef('g.id', '=', 'r.party_group_id'))
    .selectAll('r')
    .select(['o.name as org_name', 'o.path as org_path', 'g.name as group_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const attendance = await db
    .selectFrom('orglife_attendance as a')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'a.tenant_id').onRef('m.id', '=', 'a.member_id'))
    .select(['a.member_id', 'm.name', 'm.name_pinyin', 'm.name_initials', 'm.party_group_id', 'm.category', 'a.status', 'a.reason', 'a.via_qr', 'a.voting'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.record_id', '=', id)
    .orderBy('m.name_sort')
    .execute();
  const resolutions = await db.selectFrom('orglife_resolutions').selectAll().where('tenant_id', '=', tenantId).where('record_id', '=', id).orderBy('seq').execute();
  const attachments = await attachmentsOf(db, tenantId, id);
  const planItems = await db
    .selectFrom('orglife_plan_links as l')
    .innerJoin('orglife_plan_items as p', (j) => j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.plan_item_id'))
    .select(['p.id', 'p.kind', 'p.planned_on', 'p.title'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.record_id', '=', id)
    .orderBy('p.planned_on')
    .orderBy('p.id')
    .execute();
  const reviews = await db
    .selectFrom('orglife_reviews as v')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'v.tenant_id').onRef('m.id', '=', 'v.member_id'))
    .select(['v.member_id', 'm.name', 'v.grade'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.record_id', '=', id)
    .orderBy('m.name_sort')
    .execute();
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    partyGroupId: r.party_group_id,
    partyGroupName: r.group_name,
    kinds: r.kinds as MeetingKind[],
    heldOn: r.held_on,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    sceneTag: r.scene_tag,
    hostName: r.host_name,
    recorderName: r.recorder_name,
    topics: (r.topics ?? []) as string[],
    minutes: r.minutes,
    speakerName: r.speaker_name,
    speakerIsSecretary: r.speaker_is_secretary,
    lectureTitle: r.lecture_title,
    studyContent: r.study_content,
    planItems: planItems.map((p) => ({ id: p.id, kind: p.kind as MeetingKind, plannedOn: p.planned_on, title: p.title })),
    expectedCount: r.expected_count,
    presentCount: r.present_count,
    excusedCount: r.excused_count,
    absentCount: r.absent_count,
    version: r.version,
    attendance: attendance.map((a) => ({
      memberId: a.member_id,
      name: a.name,
      namePinyin: a.name_pinyin,
      nameInitials: a.name_initials,
      /** The member's party group now (group history is not kept). */
      partyGroupId: a.party_group_id,
      category: a.category,
      status: a.status,
      reason: a.reason,
      viaQr: a.via_qr,
      /** Entitled to vote on the meeting's day (counted in its quorum base). */
      voting: a.voting,
    })),
    resolutions: resolutions.map((x) => ({
      seq: x.seq,
      title: x.title,
      kind: x.kind,
      votingMembers: x.voting_members,
      present: x.present,
      votesFor: x.votes_for,
      votesAgainst: x.votes_against,
      votesAbstain: x.abstain,
      passed: x.passed,
    })),
    reviews: reviews.map((v) => ({ memberId: v.member_id, name: v.name, grade: v.grade })),
    attachments,
  };
}
export type RecordDetail = NonNullable<Awaited<ReturnType<typeof recordDetail>>>;
