import { Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageCard } from '../../components/PageCard';
import { NewButton } from '../../components/NewButton';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { MEETING_KINDS, type MeetingKind } from './shared';

interface RecordRow {
  id: number;
  orgName: string;
  partyGroupName: string | null;
  kinds: MeetingKind[];
  heldOn: string;
  place: string;
  topic: string;
  expectedCount: number;
  presentCount: number;
  excusedCount: number;
  absentCount: number;
  complete: boolean;
}

const FILTERS = ['q', 'orgId', 'kind', 'from', 'to'] as const;

/** Every meeting recorded in the caller's scope, server-paginated, with Excel export. */
export default function RecordsPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const list = useServerList<RecordRow>({ url: '/api/v1/orglife/records', filterKeys: FILTERS });
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('orglife.records.search') },
      { kind: 'org', name: 'orgId', placeholder: t('orglife.col.org') },
      { kind: 'select', name: 'kind', placeholder: t('orglife.col.kinds'), options: MEETING_KINDS.map((k) => ({ value: k, label: label('orglife.kind', k) })) },
      { kind: 'dateRange', name: 'from', toName: 'to' },
    ],
    [t, label],
  );
  const columns = useMemo<ColumnsType<RecordRow>>(
    () => [
      { key: 'heldOn', dataIndex: 'heldOn', title: t('orglife.col.heldOn'), width: 110, render: (v: string, r) => <Link to={`/orglife/records/${r.id}`}>{v}</Link> },
      { key: 'org', title: t('orglife.col.org'), render: (_, r) => (r.partyGroupName ? `${r.orgName} · ${r.partyGroupName}` : r.orgName) },
      { key: 'kinds', title: t('orglife.col.kinds'), render: (_, r) => r.kinds.map((k) => <Tag key={k} color="red">{label('orglife.kind', k)}</Tag>) },
      { key: 'place', dataIndex: 'place', title: t('orglife.col.place') },
      { key: 'topic', dataIndex: 'topic', title: t('orglife.col.topic'), ellipsis: true },
      { key: 'attendance', title: t('orglife.col.attendance'), width: 150, render: (_, r) => `${r.expectedCount} / ${r.presentCount} / ${r.excusedCount} / ${r.absentCount}` },
      {
        key: 'complete',
        title: t('orglife.col.complete'),
        width: 90,
        render: (_, r) => (r.complete ? <Tag color="success">{t('common.yes')}</Tag> : <Tooltip title={t('orglife.incomplete')}><Tag color="warning">{t('common.no')}</Tag></Tooltip>),
      },
    ],
    [t, label],
  );
  return (
    <PageCard title={t('orglife.records.title')}>
      <ListToolbar
        list={list}
        filters={filters}
        exportable
        extra={
          <NewButton permission="orglife.write" onClick={() => navigate('/orglife/records/new')} testId="new-record">
            {t('orglife.records.new')}
          </NewButton>
        }
      />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="orglife-records" />
    </PageCard>
  );
}
