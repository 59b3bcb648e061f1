import { useCallback, useEffect, useState } from 'react';
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
