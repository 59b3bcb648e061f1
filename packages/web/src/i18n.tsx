import { type CodeList, LANGUAGES, type Language, codeLabel } from '@hongyi/core';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setRequestLanguage } from './api/client';
import { zhCN, type MessageKey, type Messages } from './locales/zh-CN';

export type { MessageKey } from './locales/zh-CN';
export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

/**
 * Catalogues loaded so far. Chinese, the default, ships in the first page's script; English is
 * fetched when first chosen, so most users never download it.
 */
const catalogues: Partial<Record<Language, Messages>> = { 'zh-CN': zhCN };
const loaders: Record<Language, () => Promise<Messages>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  'en-US': () => import('./locales/en-US').then((module) => module.enUS),
};

/** A catalogue already loaded (the provider shows a language only once its catalogue is here). */
function catalogueOf(language: Language): Messages {
  return catalogues[language] ?? zhCN;
}

async function loadCatalogue(language: Language): Promise<Messages> {
  const loaded = catalogues[language] ?? (await loaders[language]());
  catalogues[language] = loaded;
  return loaded;
}
const dayjsLocales: Record<Language, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };
const STORAGE_KEY = 'hongyi.language';
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

function format(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function applyLanguage(language: Language): void {
  dayjs.locale(dayjsLocales[language]);
  setRequestLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice just won't survive a reload.
  }
}

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /**
   * Label for a server code (role, org type, audit action…): `<group>.<code>` when the
   * catalogue has it, the raw code otherwise, so a new server code still shows something.
   */
  label: (group: string, code: string | null | undefined) => string;
  /**
   * Names the page shown, for the browser tab: "<page> - 红医"; null restores the app's full
   * name (sign-in pages). Kept here so a language switch renames the tab too.
   */
  /** Names the browser tab: the page, and the tab open inside it if any ("<tab> · <page> - 红医"). */
  setPageTitle: (key: MessageKey | null, tabKey?: MessageKey | null) => void;
  /** A stored code value (学历, 职称, 民族, 工作岗位) as it reads in the current language (core's labels). */
  code: (list: CodeList, value: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // The language shown; null while a stored choice's catalogue is still on its way.
  const [language, setLanguageState] = useState<Language | null>(() => {
    const initial = storedLanguage();
    if (!catalogues[initial]) return null;
    applyLanguage(initial);
    return initial;
  });

  const setLanguage = useCallback((next: Language) => {
    void loadCatalogue(next).then(
      () => {
        applyLanguage(next);
        setLanguageState(next);
      },
      () => {
        // The catalogue could not be fetched (offline, new deployment): stay in, or fall back to, the default.
        applyLanguage(DEFAULT_LANGUAGE);
        setLanguageState(DEFAULT_LANGUAGE);
      },
    );
  }, []);

  useEffect(() => {
    if (language === null) setLanguage(storedLanguage());
  }, [language, setLanguage]);

  const [pageTitle, setPageTitleState] = useState<{ key: MessageKey; tab: MessageKey | null } | null>(null);
  const setPageTitle = useCallback((key: MessageKey | null, tab: MessageKey | null = null) => setPageTitleState(key ? { key, tab } : null), []);
  useEffect(() => {
    if (language === null) return;
    const messages = catalogueOf(language);
    const page = pageTitle ? (pageTitle.tab ? `${messages[pageTitle.tab]} · ${messages[pageTitle.key]}` : messages[pageTitle.key]) : null;
    document.title = page ? `${page} - ${messages['app.name']}` : messages['app.fullName'];
  }, [language, pageTitle]);

  const value = useMemo<I18n | null>(() => {
    if (language === null) return null;
    const messages = catalogueOf(language);
    const t: Translate = (key, params) => format(messages[key], params);
    const label = (group: string, code: string | null | undefined) => {
      if (code === null || code === undefined || code === '') return messages['common.none'];
      const key = `${group}.${code}`;
      return isMessageKey(key) ? messages[key] : code;
    };
    const code = (list: CodeList, value: string | null | undefined) => (value === null || value === undefined || value === '' ? messages['common.none'] : codeLabel(list, value, language));
    return { language, setLanguage, t, label, setPageTitle, code };
  }, [language, setLanguage]);

  if (value === null) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
