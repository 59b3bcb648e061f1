/**
 * Committees and 换届 elections. The base of an election is the branch's roster on its date
 * (orglife/repository.ts rosterOn, the same list organisational life counts a 党员大会's quorum
 * from, each member decided by core votingEntitlement), never a number typed in; the rules are
 * core's (electionQuorumMet, candidateElected).
 */
import { type CommitteePost, candidateElected, compareDates, electionQuorumMet, electionQuorumRequired, isElectedType, termExpiresOn } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { type RosterMember, rosterOn } from '../orglife/repository.js';
import { insertElection, replaceSeats, seatCandidates, updateOrgVersioned } from './repository.js';
import { requireOrg, ruleSettingsOf, subtreeOf } from './service.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface ExcludedVoter {
  memberId: number;
  name: string;
  /** Why they were not counted among those due (core NoVoteReason). */
  because: 'probationary' | 'rights_suspended' | 'away_approved';
  /** For a recorded exclusion: its reason, dates and approval. */
  reason: string | null;
  fromOn: string | null;
  toOn: string | null;
  approvalRef: string | null;
  approvedBy: string | null;
  approvedOn: string | null;
}

export interface Electorate {
  date: string;
  /** Members on the roster that day (full and probationary). */
  onRoster: number;
  /** Those entitled to vote: the 应到会人数 of the election. */
  entitled: number;
  /** The fewest present for a valid election (more than 4/5 of those entitled). */
  required: number;
  excluded: ExcludedVoter[];
}

function excludedOf(roster: RosterMember[]): ExcludedVoter[] {
  const out: ExcludedVoter[] = [];
  for (const m of roster) {
    const e = m.entitlement;
    if (e.entitled) continue;
    const x = e.exclusion ? m.exclusions.find((c) => c.kind === e.exclusion!.kind && c.fromOn === e.exclusion!.fromOn) ?? null : null;
    out.push({
      memberId: m.id,
      name: m.name,
      because: e.reason,
      reason: x?.reason || null,
      fromOn: x?.fromOn ?? null,
      toOn: x?.toOn ?? null,
      approvalRef: x?.approvalRef ?? null,
      approvedBy: x?.approvedBy || null,
      approvedOn: x?.approvedOn ?? null,
    });
  }
  return out;
}

/** Who may vote at an election of this org on the date, and how many must be present. */
export async function electorateOn(db: Db, tenantId: number, org: { id: number }, date: string): Promise<Electorate> {
  const roster = await rosterOn(db, tenantId, org.id, date);
  const entitled = roster.filter((m) => m.entitlement.entitled).length;
  return { date, onRoster: roster.length, entitled, required: electionQuorumRequired(entitled), excluded: excludedOf(roster) };
}

/** The electorate of an elected org in the caller's scope (today when no date is given). */
export async function orgElectorate(ctx: Ctx, orgId: number, date?: string): Promise<Electorate> {
  const org = await requireOrg(ctx.db, ctx, 'orgs.write', orgId);
  if (!isElectedType(org.type)) throw new AppError(400, 'ORG_NOT_ELECTED');
  return electorateOn(ctx.db, ctx.tenantId, org, date ?? ctx.today);
}

export interface ElectionInput {
  heldOn: string;
  termYears?: number;
  /** Optional: when sent, it must be the roster's number (the server does not take it on trust). */
  votersDue?: number;
  votersPresent: number;
  candidates: { name: string; memberId?: number | null; votes: number }[];
  results: string;
  notes: string;
}

/**
 * Records a 换届 election and starts the new term. Refused, with the numbers, when the voters
 * present are not more than 4/5 of those entitled on the roster that day (exactly 4/5 is not
 * enough); each candidate is elected with more than half of the votes of those present.
 */
export async function recordElection(ctx: Ctx, orgId: number, input: ElectionInput) {
  if (compareDates(input.heldOn, ctx.today) > 0) throw new AppError(400, 'ORG_ELECTION_IN_FUTURE', { date: input.heldOn });
  const settings = await ruleSettingsOf(ctx.db, ctx.tenantId);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, ctx, 'orgs.write', orgId);
    if (!isElectedType(org.type)) throw new AppError(400, 'ORG_NOT_ELECTED');
    const electorate = await electorateOn(trx, ctx.tenantId, org, input.heldOn);
    const due = electorate.entitled;
    const numbers = { date: input.heldOn, due, present: input.votersPresent, required: electorate.required, given: input.votersDue ?? due };
    // The field detail carries the whole message, so a form showing it on the field shows the numbers.
    const refuse = (code: string, path: string, params: Record<string, unknown> = numbers) => new AppError(400, code, params, [{ path, message: translate(code, ctx.language, params) }]);
    if (input.votersDue !== undefined && input.votersDue !== due) throw refuse('ORG_ELECTION_VOTERS_DUE_MISMATCH', 'body.votersDue');
    if (input.votersPresent > due) throw refuse('ORG_ELECTION_PRESENT_EXCEEDS_DUE', 'body.votersPresent');
    if (!electionQuorumMet({ votersDue: due, present: input.votersPresent })) throw refuse('ORG_ELECTION_QUORUM_NOT_MET', 'body.votersPresent');
    input.candidates.forEach((c, i) => {
      if (c.votes > input.votersPresent) throw refuse('ORG_ELECTION_VOTES_EXCEED_PRESENT', `body.candidates[${i}].votes`, { name: c.name, votes: c.votes, present: input.votersPresent });
    });
    const candidates = input.candidates.map((c) => ({ name: c.name, memberId: c.memberId ?? null, votes: c.votes, elected: candidateElected({ votersPresent: input.votersPresent, votesFor: c.votes }) }));
    const years = input.termYears ?? org.term_years ?? settings.termYears[org.type];
    const id = await insertElection(trx, ctx, org.id, {
      heldOn: input.heldOn,
      termYears: years,
      votersDue: due,
      votersPresent: input.votersPresent,
      results: input.results,
      notes: input.notes,
      excluded: electorate.excluded,
      candidates,
    });
    const after = { ...input, votersDue: due, candidates, excluded: electorate.excluded.map((x) => ({ memberId: x.memberId, because: x.because })) };
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'org_election', entityId: id, summary: `${org.name} 换届选举 ${input.heldOn}（应到 ${due} 人，实到 ${input.votersPresent} 人）`, after });
    return { id, termExpiresOn: termExpiresOn(input.heldOn, years), votersDue: due, candidates };
  });
}

export interface SeatInput {
  post: CommitteePost;
  /** Null: a vacancy. */
  memberId: number | null;
  startedOn?: string | null;
}

/** Sets the committee's seats over the version read; each member must be active in the org or below. */
export async function setCommittee(ctx: Ctx, orgId: number, input: { version: number; seats: SeatInput[] }) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrg(trx, ctx, 'orgs.write', orgId);
    if (org.dissolved_on) throw new AppError(400, 'ORG_DISSOLVED', { name: org.name });
    const found = await seatCandidates(trx, ctx.tenantId, input.seats.map((s) => s.memberId).filter((x): x is number => x !== null));
    const details = input.seats.flatMap((s, i) => {
      if (s.memberId === null) return [];
      const m = found.find((f) => f.id === s.memberId);
      if (m && m.status === 'active' && covers(subtreeOf(org), m.path)) return [];
      return [{ path: `body.seats[${i}].memberId`, message: translate('ORG_SEAT_MEMBER_NOT_IN_ORG', ctx.language, { index: i + 1, name: m?.name ?? `#${s.memberId}` }) }];
    });
    if (details.length) throw new AppError(400, 'VALIDATION_FAILED', {}, details);
    if (!(await updateOrgVersioned(trx, ctx.tenantId, org.id, input.version, {}))) throw conflict();
    const before = await replaceSeats(trx, ctx.tenantId, org.id, input.seats);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'org_committee', entityId: org.id, summary: `调整 ${org.name} 委员会`, before, after: input.seats });
    return { id: org.id, version: input.version + 1 };
  });
}
