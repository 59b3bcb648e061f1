import { Select } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiItem } from '../../api/contract';
import { api, toQueryString } from '../../api/client';

type MemberRow = ApiItem<'/api/v1/members'>;

/** Picks a member by name from the roster the caller may read (a secretary: their branch). */
export function MemberSelect({ value, onChange, initialName, placeholder, testId }: { value?: number | null; onChange?: (v: number | null) => void; initialName?: string; placeholder?: string; testId?: string }) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>(value && initialName ? [{ value, label: initialName }] : []);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ items: MemberRow[] }>(`/api/v1/members${toQueryString({ q, pageSize: 20, status: 'active' })}`, { signal: controller.signal })
        .then((r) => setOptions((prev) => {
          const next = r.items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }));
          const kept = prev.filter((o) => o.value === value && !next.some((n) => n.value === o.value));
          return [...kept, ...next];
        }))
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, value]);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder}
      style={{ minWidth: 160 }}
      data-testid={testId}
    />
  );
}
