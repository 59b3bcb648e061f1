import { duesNeedsBase } from '@hongyi/core';
import { Button, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { BaseModal } from './BaseModal';
import { type BaseRow, rate, yuan } from './types';
import { useToday } from '../../today';

const FILTERS = ['year', 'q', 'orgId', 'status'] as const;

/** Next year, this year (the server's) and the two before. */
export function yearOptions(now: number): { value: string; label: string }[] {
  return [now + 1, now, now - 1, now - 2].map((y) => ({ value: String(y), label: String(y) }));
}

/** Each member's category and the base in force for a year; 核定 in a dialog. */
export function BasesTab({ onBaseSet }: { onBaseSet?: () => void } = {}) {
  const { t, label } = useI18n();
  const { can } = useSession();
  const today = useToday();
  const list = useServerList<BaseRow>({ url: '/api/v1/dues/bases', filterKeys: FILTERS });
  const year = Number(list.filters.year || today.year);
  const [editing, setEditing] = useState<BaseRow | null>(null);

  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('dues.searchName'), width: 180 },
      { kind: 'org', name: 'orgId', placeholder: t('dues.org') },
      {
        kind: 'select',
        name: 'status',
        placeholder: t('dues.base.status'),
        options: (['set', 'carried', 'missing'] as const).map((s) => ({ value: s, label: t(`dues.base.status.${s}`) })),
      },
    ],
    [t],
  );

  const columns = useMemo<ColumnsType<BaseRow>>(
    () => [
      { key: 'name', dataIndex: 'name', title: t('dues.col.name'), fixed: 'left', width: 100 },
      { key: 'orgName', dataIndex: 'orgName', title: t('dues.col.branch') },
      { key: 'category', dataIndex: 'category', title: t('dues.col.category'), render: (v: string) => label('dues.category', v) },
      {
        key: 'baseYear',
        dataIndex: 'baseYear',
        title: t('dues.col.baseYear'),
        // A fixed-amount category (students, …) needs no base: only a missing one that counts is red.
        render: (v: number | null, row) =>
          v === null ? duesNeedsBase(row.category) ? <Tag color="red">{t('dues.base.status.missing')}</Tag> : t('dues.fixed') : v < year ? <Tag color="gold">{v}</Tag> : v,
      },
      { key: 'baseCents', dataIndex: 'baseCents', title: t('dues.col.base'), align: 'right', render: (v: number | null) => yuan(v) },
      { key: 'rate', dataIndex: 'rateBasisPoints', title: t('dues.col.rate'), align: 'right', render: (v: number | null, row) => (row.baseId && v === null ? t('dues.fixed') : rate(v)) },
      { key: 'monthly', dataIndex: 'monthlyCents', title: t('dues.col.monthly'), align: 'right', render: (v: number | null) => yuan(v) },
      { key: 'setBy', dataIndex: 'setBy', title: t('dues.col.setBy'), render: (v: string | null, row) => (v ? `${v} ${row.setAt?.slice(0, 10) ?? ''}` : '—') },
      ...(can('dues.write')
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right' as const,
              render: (_: unknown, row: BaseRow) => (
                <Button size="small" type="link" onClick={() => setEditing(row)} data-testid={`dues-set-base-${row.id}`}>
                  {t('dues.base.set')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, label, can, year],
  );

  return (
    <>
      <ListToolbar
        list={list}
        filters={filters}
        exportable
        extra={
          <Select
            value={String(year)}
            options={yearOptions(today.year)}
            style={{ width: 100 }}
            aria-label={t('dues.year')}
            onChange={(y: string) => list.setFilters({ year: y })}
          />
        }
      />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="dues-bases" />
      <BaseModal
        row={editing}
        year={year}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
          onBaseSet?.();
        }}
      />
    </>
  );
}

