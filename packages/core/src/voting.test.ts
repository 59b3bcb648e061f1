import { describe, expect, it } from 'vitest';
import { checkVote } from './orglife.js';
import { candidateElected, electionQuorumMet, electionQuorumRequired, ordinaryVotePasses } from './rules.js';
import { type RosterMember, type VotingExclusion, entitledVoters, votingStatusOn } from './voting.js';

const full: RosterMember = { category: 'full', fullOn: '2010-07-01', exclusions: [] };
const absence = (x: Partial<VotingExclusion> = {}): VotingExclusion => ({
  kind: 'approved_absence',
  reason: 'abroad',
  fromOn: '2026-01-01',
  toOn: '2026-12-31',
  approvedBy: '党委组织部',
  approvedOn: '2025-12-20',
  ...x,
});

describe('who is entitled to vote on a date', () => {
  it('a full member is entitled; a probationary member is not (党章 第七条)', () => {
    expect(votingStatusOn(full, '2026-06-01')).toEqual({ entitled: true });
    expect(votingStatusOn({ category: 'probationary', fullOn: null, exclusions: [] }, '2026-06-01')).toMatchObject({ entitled: false, because: 'probationary' });
  });
  it('a member counts as full from the day of 转正, not before', () => {
    const m: RosterMember = { category: 'full', fullOn: '2026-06-01', exclusions: [] };
    expect(votingStatusOn(m, '2026-05-31')).toMatchObject({ because: 'probationary' });
    expect(votingStatusOn(m, '2026-06-01')).toEqual({ entitled: true });
  });
  it('a suspension of rights (留党察看) covers its days, both ends included', () => {
    const m: RosterMember = { ...full, exclusions: [{ kind: 'suspended', reason: null, fromOn: '2026-03-01', toOn: '2027-02-28', approvedBy: '', approvedOn: null }] };
    expect(votingStatusOn(m, '2026-02-28')).toEqual({ entitled: true });
    expect(votingStatusOn(m, '2026-03-01')).toMatchObject({ because: 'suspended' });
    expect(votingStatusOn(m, '2027-02-28')).toMatchObject({ because: 'suspended' });
    expect(votingStatusOn(m, '2027-03-01')).toEqual({ entitled: true });
  });
  it('an absence leaves a member out only with the approval recorded', () => {
    expect(votingStatusOn({ ...full, exclusions: [absence()] }, '2026-06-01')).toMatchObject({ because: 'approved_absence' });
    expect(votingStatusOn({ ...full, exclusions: [absence({ approvedBy: ' ' })] }, '2026-06-01')).toEqual({ entitled: true });
    expect(votingStatusOn({ ...full, exclusions: [absence({ approvedOn: null })] }, '2026-06-01')).toEqual({ entitled: true });
    // approved after the meeting: did not hold on the day
    expect(votingStatusOn({ ...full, exclusions: [absence({ approvedOn: '2026-06-02' })] }, '2026-06-01')).toEqual({ entitled: true });
    // outside its dates
    expect(votingStatusOn({ ...full, exclusions: [absence()] }, '2027-01-01')).toEqual({ entitled: true });
  });
  it('splits a roster of 10 into those entitled and those left out, with why', () => {
    const roster = [
      ...Array.from({ length: 7 }, () => full),
      { category: 'probationary' as const, fullOn: null, exclusions: [] },
      { ...full, exclusions: [absence()] },
      { ...full, exclusions: [absence({ approvedBy: '' })] },
    ];
    const r = entitledVoters(roster, '2026-06-01');
    expect(r.entitled).toHaveLength(8);
    expect(r.excluded.map((x) => x.status.because)).toEqual(['probationary', 'approved_absence']);
  });
});

describe('election quorum and election of a candidate (选举条例) versus an ordinary resolution (支部工作条例)', () => {
  it('more than 4/5 of those entitled must be present: exactly 4/5 is not enough', () => {
    expect(electionQuorumMet({ votersDue: 10, present: 8 })).toBe(false);
    expect(electionQuorumMet({ votersDue: 10, present: 9 })).toBe(true);
    expect(electionQuorumMet({ votersDue: 10, present: 6 })).toBe(false);
    expect(electionQuorumRequired(10)).toBe(9);
    expect(electionQuorumRequired(20)).toBe(17);
    expect(electionQuorumRequired(21)).toBe(17);
    expect(electionQuorumRequired(3)).toBe(3);
  });
  it('a candidate needs more than half of those present with a vote: exactly half is not enough', () => {
    expect(candidateElected({ votersPresent: 10, votesFor: 5 })).toBe(false);
    expect(candidateElected({ votersPresent: 10, votesFor: 6 })).toBe(true);
    expect(candidateElected({ votersPresent: 9, votesFor: 5 })).toBe(true);
    expect(candidateElected({ votersPresent: 9, votesFor: 4 })).toBe(false);
  });
  it('the two bases differ: 6 votes of 9 present out of 12 entitled elect a candidate but do not pass a resolution', () => {
    expect(candidateElected({ votersPresent: 9, votesFor: 6 })).toBe(true);
    expect(ordinaryVotePasses({ votingMembers: 12, present: 9, inFavour: 6 })).toBe(false);
    expect(ordinaryVotePasses({ votingMembers: 12, present: 9, inFavour: 7 })).toBe(true);
  });
  it('a meeting record\'s election resolution is decided on those present, its ordinary resolution on those entitled', () => {
    expect(checkVote({ kind: 'election', votingMembers: 10, present: 9, inFavour: 5, against: 4, abstain: 0 })).toEqual({ ok: true, passed: true });
    expect(checkVote({ kind: 'election', votingMembers: 10, present: 10, inFavour: 5, against: 5, abstain: 0 })).toEqual({ ok: true, passed: false });
    expect(checkVote({ kind: 'ordinary', votingMembers: 10, present: 9, inFavour: 5, against: 4, abstain: 0 })).toEqual({ ok: true, passed: false });
  });
});
