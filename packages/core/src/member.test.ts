import { describe, expect, it } from 'vitest';
import { ETHNIC_GROUPS, earliestJoiningDate, joinedUnderAge, normaliseEthnicity } from './member.js';

describe('age at joining (党章 第一条: 年满十八岁)', () => {
  it('refuses joining the day before the 18th birthday and accepts the birthday itself', () => {
    expect(joinedUnderAge('2000-05-20', '2018-05-19')).toEqual({ birthDate: '2000-05-20', joinedOn: '2018-05-19', earliest: '2018-05-20' });
    expect(joinedUnderAge('2000-05-20', '2018-05-20')).toBeNull();
  });
  it('a child born 2015 who joined 2024 is refused', () => {
    expect(joinedUnderAge('2015-03-01', '2024-07-01')?.earliest).toBe('2033-03-01');
  });
  it('someone born on 29 February is 18 on 28 February', () => {
    expect(earliestJoiningDate('2004-02-29')).toBe('2022-02-28');
    expect(joinedUnderAge('2004-02-29', '2022-02-27')).not.toBeNull();
    expect(joinedUnderAge('2004-02-29', '2022-02-28')).toBeNull();
  });
});

describe('民族 (GB/T 3304)', () => {
  it('has the 56 official names, each once', () => {
    expect(ETHNIC_GROUPS).toHaveLength(56);
    expect(new Set(ETHNIC_GROUPS).size).toBe(56);
    expect(ETHNIC_GROUPS.every((n) => n.endsWith('族'))).toBe(true);
  });
  it.each([
    ['汉', '汉族'],
    ['汉族', '汉族'],
    ['回', '回族'],
    ['维吾尔', '维吾尔族'],
    [' 蒙古 ', '蒙古族'],
    ['蒙', '蒙古族'],
    ['01', '汉族'],
    ['05', '维吾尔族'],
    ['56', '基诺族'],
    ['柯尔克孜', '柯尔克孜族'],
  ])('%s → %s', (typed, name) => {
    expect(normaliseEthnicity(typed)).toBe(name);
  });
  it.each(['', '汉人', '哈', '57', '00', '穿青人', 'Han'])('refuses %j', (typed) => {
    expect(normaliseEthnicity(typed)).toBeNull();
  });
});
