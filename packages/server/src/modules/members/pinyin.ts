import { pinyin } from 'pinyin-pro';

/**
 * Full pinyin ('zhangsan') and initials ('zs') of a name, for search. Surname readings
 * (单 shan, 曾 zeng, 仇 qiu …) are used for the first character; ü is written v as people type it.
 */
export function namePinyin(name: string): { pinyin: string; initials: string } {
  const clean = name.replace(/\s+/g, '');
  if (!clean) return { pinyin: '', initials: '' };
  const full = pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' });
  const joined = full.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  const initials = full
    .map((s) => s.trim()[0] ?? '')
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return { pinyin: joined, initials };
}
