import { createRequire } from 'node:module';

// Loaded on first use, not at the start (a start with every name already keyed never needs it):
// nameColumns is called inside synchronous row building everywhere, so the package is required
// synchronously the first time instead of `await import`.
const requireOnUse = createRequire(import.meta.url);
let pinyinLib: typeof import('pinyin-pro') | null = null;
const pinyinPro = () => (pinyinLib ??= requireOnUse('pinyin-pro') as typeof import('pinyin-pro'));

/** One syllable as pinyin-pro writes it with toneType 'num': letters, then the tone (0 neutral … 4). */
const SYLLABLE = /^([a-z]+)([0-4])$/;

export interface NameColumns {
  /** Full pinyin without tones ('zhangsan'), for search by what people type. */
  name_pinyin: string;
  /** Initials ('zs'), for search. */
  name_initials: string;
  /**
   * The roster order: each syllable followed by its tone number ('zhang1san1'). The digit ends
   * the syllable and sorts before every letter, so 李宁 'li3ning2' < 林安 'lin2an1' by surname
   * first, as a Chinese roster orders (joined toneless pinyin would put 'linan' first). Never
   * empty for a name: a name with nothing pinyin can read sorts by its own characters, after
   * the readable ones.
   */
  name_sort: string;
}

/**
 * The name columns of a member row. Every insert and every rename sets them through this one
 * function (the database refuses a member without name_sort). Surname readings (单 shan,
 * 曾 zeng, 仇 qiu …) are used for the first character; ü is written v as people type it.
 */
export function nameColumns(name: string): NameColumns {
  const clean = name.replace(/\s+/g, '');
  if (!clean) return { name_pinyin: '', name_initials: '', name_sort: name === '' ? '' : name };
  const parts = pinyinPro().pinyin(clean, { toneType: 'num', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' }).map((s) => s.trim().toLowerCase());
  const letters = (s: string) => s.replace(/[^a-z0-9]/g, '');
  const toneless = parts.map((s) => SYLLABLE.exec(s)?.[1] ?? s);
  const sortKey = parts.map(letters).join('');
  return {
    name_pinyin: letters(toneless.join('')),
    name_initials: letters(toneless.map((s) => s[0] ?? '').join('')),
    name_sort: sortKey || clean,
  };
}
