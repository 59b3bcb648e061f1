import { chinaDate } from '@hongyi/core';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useSyncExternalStore } from 'react';

/**
 * The web app's "today" is the server's (app.today(): the China date, pinned to the demo date in
 * tests and demos), never the browser's clock: default years and months, date defaults, the
 * latest date a form accepts and "overdue" marks must agree with the rules the server applies.
 * The session sets it from GET /auth/me; everything else reads it here (useToday, or
 * todayDate() outside React). The lint config forbids dayjs() / new Date() / Date.now() elsewhere.
 */
let serverToday: string | null = null;
/** The browser's China date when serverToday was read: when it moves on, the server's has too. */
let readOnBrowserDate: string | null = null;
const listeners = new Set<() => void>();

function browserChinaDate(): string {
  return chinaDate(new Date());
}

/** Called by the session with the `today` of each /auth/me answer (null when signed out). */
export function setServerToday(date: string | null): void {
  readOnBrowserDate = date === null ? null : browserChinaDate();
  if (date === serverToday) return;
  serverToday = date;
  for (const listener of listeners) listener();
}

/** True once the browser's clock has passed midnight (China time) since the server's today was read. */
export function serverTodayIsStale(): boolean {
  return readOnBrowserDate !== null && readOnBrowserDate !== browserChinaDate();
}

/** Today ('YYYY-MM-DD'); before anyone has signed in (the login page), the browser's China date. */
export function todayDate(): string {
  return serverToday ?? browserChinaDate();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface Today {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'YYYY-MM' */
  month: string;
  year: number;
  /** The date as a Dayjs (midnight), for form defaults and DatePicker limits. */
  day: Dayjs;
}

/** The server's today, re-rendering when it changes (e.g. the session re-read /auth/me after midnight). */
export function useToday(): Today {
  const date = useSyncExternalStore(subscribe, todayDate);
  return useMemo(() => ({ date, month: date.slice(0, 7), year: Number(date.slice(0, 4)), day: dayjs(date) }), [date]);
}

/** "Now" for the date pickers: the server's date at the browser's time of day (time panels keep working). */
export function pickerNow(): Dayjs {
  const now = dayjs();
  return dayjs(todayDate()).hour(now.hour()).minute(now.minute()).second(now.second()).millisecond(now.millisecond());
}
