/**
 * Who is entitled to vote (应到会有表决权/选举权的党员) at a branch meeting or election on a date.
 *
 * The base of every quorum is the branch's roster on the meeting date, never the attendance
 * list: leaving a name off the attendance does not shrink it. From the roster:
 * - 预备党员 have no vote (党章 第七条: 预备党员的权利，除了没有表决权、选举权和被选举权以外，
 *   同正式党员一样) — a member counts as full from the day of 转正 (full_on);
 * - members whose rights are suspended (留党察看, 党章 第四十条: 留党察看期间没有表决权、选举权和
 *   被选举权) are not entitled and are not counted among those due;
 * - members who cannot attend for one of the reasons of 选举条例 (第二十三条, verify the article:
 *   illness leaving them unable to express their will, 自费出国半年以上, under disciplinary review
 *   or supervisory investigation, working or studying abroad or away for half a year or more) may
 *   be left out of those due, but only with the organisation's approval, recorded (who approved,
 *   when). An absence without a recorded approval leaves the member among those due.
 * Pure functions: the server reads the roster (members/repository.ts votingRosterOn) and asks here.
 */
import { compareDates } from './calendar.js';

/** Kinds of recorded exclusion: a suspension of rights, or an approved long absence. */
export const VOTING_EXCLUSION_KINDS = ['suspended', 'approved_absence'] as const;
export type VotingExclusionKind = (typeof VOTING_EXCLUSION_KINDS)[number];

/** The grounds on which an approved absence leaves a member out of those due (选举条例). */
export const APPROVED_ABSENCE_REASONS = ['illness', 'abroad', 'under_review', 'away_work_study'] as const;
export type ApprovedAbsenceReason = (typeof APPROVED_ABSENCE_REASONS)[number];

export interface VotingExclusion {
  kind: VotingExclusionKind;
  /** For an approved absence: its ground. */
  reason: ApprovedAbsenceReason | null;
  fromOn: string;
  /** Last day it applies; null while open. */
  toOn: string | null;
  /** Who approved it (an approved absence counts only with both). */
  approvedBy: string;
  approvedOn: string | null;
}

export interface RosterMember {
  category: 'full' | 'probationary';
  /** 转为正式党员日期; null for a full member whose date is not on file (counted as full). */
  fullOn: string | null;
  exclusions: readonly VotingExclusion[];
}

export type VotingStatus =
  | { entitled: true }
  | { entitled: false; because: 'probationary' }
  | { entitled: false; because: 'suspended'; exclusion: VotingExclusion }
  | { entitled: false; because: 'approved_absence'; exclusion: VotingExclusion };

function covers(x: VotingExclusion, date: string): boolean {
  return compareDates(x.fromOn, date) <= 0 && (x.toOn === null || compareDates(date, x.toOn) <= 0);
}

/** True when an approved absence carries its approval (who and when, not after the date it is used for). */
export function absenceApproved(x: VotingExclusion, date: string): boolean {
  return x.kind === 'approved_absence' && x.reason !== null && x.approvedBy.trim() !== '' && x.approvedOn !== null && compareDates(x.approvedOn, date) <= 0;
}

/** Whether a member of the branch's roster is entitled to vote on the date, and if not, why. */
export function votingStatusOn(member: RosterMember, date: string): VotingStatus {
  const isFull = member.category === 'full' && (member.fullOn === null || compareDates(member.fullOn, date) <= 0);
  if (!isFull) return { entitled: false, because: 'probationary' };
  const suspension = member.exclusions.find((x) => x.kind === 'suspended' && covers(x, date));
  if (suspension) return { entitled: false, because: 'suspended', exclusion: suspension };
  const absence = member.exclusions.find((x) => covers(x, date) && absenceApproved(x, date));
  if (absence) return { entitled: false, because: 'approved_absence', exclusion: absence };
  return { entitled: true };
}

/** The roster split on a date: those entitled to vote (the quorum base) and those left out, with why. */
export function entitledVoters<T extends RosterMember>(roster: readonly T[], date: string): { entitled: T[]; excluded: { member: T; status: Exclude<VotingStatus, { entitled: true }> }[] } {
  const entitled: T[] = [];
  const excluded: { member: T; status: Exclude<VotingStatus, { entitled: true }> }[] = [];
  for (const m of roster) {
    const status = votingStatusOn(m, date);
    if (status.entitled) entitled.push(m);
    else excluded.push({ member: m, status });
  }
  return { entitled, excluded };
}
