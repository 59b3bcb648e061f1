import { describe, expect, it } from 'vitest';
import { FULL_VIEW, MASKED_VIEW, maskNumbersInText, personViewer, presentField, presentIdNumber, presentPerson, presentPhone } from './person.js';

describe('the person presenter', () => {
  it('decides by role: members.sensitive sees in full, others masked', () => {
    expect(personViewer([{ role: 'org_office', orgId: null }]).sensitive).toBe(true);
    expect(personViewer([{ role: 'inspector', orgId: null }]).sensitive).toBe(false);
    expect(personViewer([{ role: 'branch_secretary', orgId: 1, orgPath: '/1/' }]).sensitive).toBe(false);
    expect(personViewer([]).sensitive).toBe(false);
  });
  it('masks ID and phone numbers', () => {
    expect(presentIdNumber(MASKED_VIEW, '110101199003070011')).toBe('110101********0011');
    expect(presentIdNumber(FULL_VIEW, '110101199003070011')).toBe('110101199003070011');
    expect(presentPhone(MASKED_VIEW, '13912345678')).toBe('139****5678');
    expect(presentPhone(MASKED_VIEW, '')).toBe('');
    expect(presentField(MASKED_VIEW, 'id_number', '110101199003070011')).toBe('110101********0011');
    expect(presentField(MASKED_VIEW, 'name', '张三')).toBe('张三');
  });
  it('masks numbers inside text, not other digits', () => {
    expect(maskNumbersInText(MASKED_VIEW, '新增党员 张三 110101199003070011 电话 13912345678')).toBe('新增党员 张三 110101********0011 电话 139****5678');
    expect(maskNumbersInText(MASKED_VIEW, '编号 1234567 于 2026-11-23，金额 12345678901234')).toBe('编号 1234567 于 2026-11-23，金额 12345678901234');
  });
  it('walks any JSON: keys, change rows naming their field, nested lists', () => {
    const value = {
      phone: '13912345678',
      nested: [{ idNumber: '110101199003070011' }],
      changes: [{ field: 'phone', from: '13800000000', to: '13912345678' }],
      count: 3,
      note: null,
    };
    expect(presentPerson(MASKED_VIEW, value)).toEqual({
      phone: '139****5678',
      nested: [{ idNumber: '110101********0011' }],
      changes: [{ field: 'phone', from: '138****0000', to: '139****5678' }],
      count: 3,
      note: null,
    });
    expect(value.phone).toBe('13912345678');
    expect(presentPerson(FULL_VIEW, value)).toBe(value);
  });
});
