import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../i18n';
import { ApiError, CLIENT_ERROR_CODES, api, isAbortError } from './client';
import type { OrgNode } from './types';

export interface ApiResource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GET a JSON resource when `url` is set; refetches when the url changes or on reload(). */
export function useApiGet<T>(url: string | null): ApiResource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(url !== null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<T>(url, { signal: controller.signal })
      .then((result) => {
        setData(result);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (isAbortError(err)) return;
        setError(err);
        setLoading(false);
      });
    return () => controller.abort();
  }, [url, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}

/** The text to show for a failed request: our own wording for conflicts and network trouble, else the server's message. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.status === 409) return t('error.conflict');
        if (error.code === CLIENT_ERROR_CODES.network) return t('error.network');
        if (error.message) return error.message;
      }
      return t('error.unknown');
    },
    [t],
  );
}

export function useOrgTree(): ApiResource<OrgNode[]> {
  return useApiGet<OrgNode[]>('/api/v1/orgs/tree');
}

/** Depth-first walk over the org tree. */
export function flattenOrgs(nodes: readonly OrgNode[]): OrgNode[] {
  const out: OrgNode[] = [];
  const walk = (list: readonly OrgNode[]) => {
    for (const node of list) {
      out.push(node);
      walk(node.children ?? []);
    }
  };
  walk(nodes);
  return out;
}

/**
 * The page's URL query (filters live in the URL, so a page can be shared and reloaded) and a
 * setter for one parameter at a time: null or '' removes it, the others stay.
 */
export function useUrlParams(): [URLSearchParams, (key: string, value: string | number | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (key: string, value: string | number | null) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '') next.delete(key);
        else next.set(key, String(value));
        return next;
      }),
    [setParams],
  );
  return [params, set];
}
