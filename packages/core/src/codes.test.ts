import { describe, expect, it } from 'vitest';
import { CODE_LABELS_EN, ETHNIC_GROUP_LABELS_EN, codeLabel } from './codes.js';

describe('code value labels', () => {
  it('keep the stored Chinese value in Chinese and give the English label in English', () => {
    expect(codeLabel('education', '大学本科', 'zh-CN')).toBe('大学本科');
    expect(codeLabel('education', '大学本科', 'en-US')).toBe("Bachelor's");
    expect(codeLabel('title', '副高', 'en-US')).toBe('Senior (associate)');
    expect(codeLabel('jobCategory', '公有制事业单位专业技术人员', 'en-US')).toBe('Public institution: professional');
    expect(codeLabel('ethnicity', '回族', 'en-US')).toBe('Hui');
  });

  it('show an unknown value as stored, and leave empty values empty', () => {
    expect(codeLabel('title', '主任医师（待归类）', 'en-US')).toBe('主任医师（待归类）');
    expect(codeLabel('education', null, 'en-US')).toBeNull();
    expect(codeLabel('education', '', 'en-US')).toBe('');
    expect(codeLabel('education', 'constructor', 'en-US')).toBe('constructor');
  });

  it('name all 56 ethnic groups, each once, every label distinct', () => {
    const names = Object.keys(ETHNIC_GROUP_LABELS_EN);
    expect(names).toHaveLength(56);
    expect(names.every((n) => n.endsWith('族'))).toBe(true);
    for (const list of Object.values(CODE_LABELS_EN)) expect(new Set(Object.values(list)).size).toBe(Object.values(list).length);
  });
});
