import { describe, expect, it } from 'vitest';
import { checkVote } from './orglife.js';
import { candidateElected, electionQuorumMet, electionQuorumRequired, ordinaryVotePasses } from './rules.js';

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
