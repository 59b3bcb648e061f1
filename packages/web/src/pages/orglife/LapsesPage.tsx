import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { PageCard } from '../../components/PageCard';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';

interface LapseRow {
  id: number;
  name: string;
  orgName: string;
  months: number;
  level: 'none' | 'remind' | 'warn' | 'report';
  lastMonth: string | null;
}

/** Members flagged under 党章 第九条 (3 / 5 / 6 consecutive months without organisational life). */
export default function LapsesPage() {
  const { t, label } = useI18n();
  const list = useServerList<LapseRow>({ url: '/api/v1/orglife/lapses', filterKeys: ['orgId'] });
  const filters = useMemo<FilterDef[]>(() => [{ kind: 'org', name: 'orgId', placeholder: t('orglife.col.org') }], [t]);
  const columns = useMemo<ColumnsType<LapseRow>>(
    () => [
      { key: 'name', dataIndex: 'name', title: t('members.col.name') },
      { key: 'orgName', dataIndex: 'orgName', title: t('orglife.col.org') },
      { key: 'months', dataIndex: 'months', title: t('orglife.lapses.months') },
      { key: 'level', dataIndex: 'level', title: t('orglife.lapses.level'), render: (v: string) => <Tag color={v === 'report' ? 'red' : v === 'warn' ? 'orange' : 'gold'}>{label('orglife.lapseLevel', v)}</Tag> },
      { key: 'lastMonth', dataIndex: 'lastMonth', title: t('orglife.lapses.lastMonth'), render: (v: string | null) => v ?? t('common.none') },
    ],
    [t, label],
  );
  return (
    <PageCard title={t('orglife.lapses.title')}>
      <ListToolbar list={list} filters={filters} />
      <ServerTable list={list} columns={columns} rowKey="id" />
    </PageCard>
  );
}
