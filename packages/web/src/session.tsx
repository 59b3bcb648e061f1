import type { Language, Permission } from '@hongyi/core';
import { App } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { can } from './access';
import { ApiError, api, onUnauthorized, setCsrfToken } from './api/client';
import type { Me } from './api/types';
import { isLanguage, useI18n } from './i18n';
import { serverTodayIsStale, setServerToday } from './today';

export type SessionStatus = 'loading' | 'anonymous' | 'authenticated' | 'unavailable';

export interface Session {
  status: SessionStatus;
  me: Me | null;
  /** Re-reads `GET /auth/me`; resolves to the signed-in user or null. */
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
  /** Switches the UI language now and saves it for the signed-in user. */
  changeLanguage: (language: Language) => Promise<void>;
  can: (permission: Permission | undefined) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { t, setLanguage } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const meRef = useRef<Me | null>(null);
  meRef.current = me;

  const adopt = useCallback(
    (next: Me | null) => {
      setCsrfToken(next?.csrfToken ?? null);
      setServerToday(next?.today ?? null);
      setMe(next);
      setStatus(next ? 'authenticated' : 'anonymous');
      if (next && isLanguage(next.user.language)) setLanguage(next.user.language);
    },
    [setLanguage],
  );

  const refresh = useCallback(async () => {
    try {
      const next = await api.get<Me>('/api/v1/auth/me', { skipAuthRedirect: true });
      adopt(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        adopt(null);
        return null;
      }
      setStatus('unavailable');
      return null;
    }
  }, [adopt]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A tab left open overnight: once the browser's clock passes midnight, re-read the server's today
  // quietly (a failed read keeps the page as it is; the next focus tries again).
  useEffect(() => {
    const check = () => {
      if (document.visibilityState !== 'visible' || !meRef.current || !serverTodayIsStale()) return;
      api
        .get<Me>('/api/v1/auth/me', { skipAuthRedirect: true })
        .then(adopt)
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) adopt(null);
        });
    };
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    const timer = window.setInterval(check, 10 * 60_000);
    return () => {
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
      window.clearInterval(timer);
    };
  }, [adopt]);

  useEffect(() => {
    onUnauthorized(() => {
      if (meRef.current) void message.warning(t('error.sessionExpired'));
      adopt(null);
    });
    return () => onUnauthorized(null);
  }, [adopt, message, t]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', {}, { skipAuthRedirect: true });
    } finally {
      adopt(null);
    }
  }, [adopt]);

  const changeLanguage = useCallback(
    async (next: Language) => {
      setLanguage(next);
      const current = meRef.current;
      if (!current || current.user.language === next) return;
      await api.put('/api/v1/auth/language', { language: next });
      setMe({ ...current, user: { ...current.user, language: next } });
    },
    [setLanguage],
  );

  const value = useMemo<Session>(
    () => ({ status, me, refresh, logout, changeLanguage, can: (permission) => can(me, permission) }),
    [status, me, refresh, logout, changeLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe needs a signed-in user');
  return me;
}
