import { Select } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiItem } from '../api/contract';
import { api, toQueryString } from '../api/client';

type MemberRow = ApiItem<'/api/v1/members'>;
type MemberOption = { value: number; label: string };

/**
 * The active members of the roster the caller may read (a secretary: their branch) whose name
 * matches what is typed, fetched as the user types; the chosen ones keep their labels.
 */
function useMemberOptions(chosen: readonly number[], initial: MemberOption[], pageSize: number) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<MemberOption[]>(initial);
  const chosenKey = chosen.join(',');
  useEffect(() => {
    const controller = new AbortController();
    const kept = new Set(chosenKey ? chosenKey.split(',').map(Number) : []);
    const timer = setTimeout(() => {
      api
        .get<{ items: MemberRow[] }>(`/api/v1/members${toQueryString({ q, pageSize, status: 'active' })}`, { signal: controller.signal })
        .then((r) =>
          setOptions((prev) => {
            const next = r.items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }));
            return [...prev.filter((o) => kept.has(o.value) && !next.some((n) => n.value === o.value)), ...next];
          }),
        )
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, chosenKey, pageSize]);
  return { options, onSearch: setQ };
}

/** Picks a member by name from the roster the caller may read (a secretary: their branch). */
export function MemberSelect({ value, onChange, initialName, placeholder, testId }: { value?: number | null; onChange?: (v: number | null) => void; initialName?: string; placeholder?: string; testId?: string }) {
  const { options, onSearch } = useMemberOptions(value ? [value] : [], value && initialName ? [{ value, label: initialName }] : [], 20);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder}
      style={{ minWidth: 160 }}
      data-testid={testId}
    />
  );
}

/** Picks several members by name from the roster the caller may read; `initial` labels the ones already chosen. */
export function MembersSelect({ value, onChange, initial, placeholder, testId }: { value?: number[]; onChange?: (v: number[]) => void; initial: MemberOption[]; placeholder?: string; testId?: string }) {
  const { options, onSearch } = useMemberOptions(value ?? [], initial, 50);
  return (
    <Select<number[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch }}
      value={value ?? []}
      onChange={(v) => onChange?.(v)}
      options={options}
      placeholder={placeholder}
      style={{ width: '100%' }}
      maxTagCount="responsive"
      data-testid={testId}
    />
  );
}
