import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useOrgTree } from '../api/hooks';
import type { OrgNode } from '../api/types';

export interface OrgOption {
  value: number;
  title: string;
  children: OrgOption[];
}

export function toOrgOptions(nodes: readonly OrgNode[]): OrgOption[] {
  return nodes.map((node) => ({ value: node.id, title: node.name, children: toOrgOptions(node.children ?? []) }));
}

export interface OrgTreeSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Picks one org from `GET /api/v1/orgs/tree`; usable as a Form.Item control. */
export function OrgTreeSelect({ value, onChange, placeholder, allowClear = true, disabled, style, ...rest }: OrgTreeSelectProps) {
  const { data, loading } = useOrgTree();
  const treeData = useMemo(() => toOrgOptions(data ?? []), [data]);
  return (
    <TreeSelect<number>
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      loading={loading}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
