import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ApiItem } from '../../api/contract';
import { PageCard } from '../../components/PageCard';
import { NewButton } from '../../components/NewButton';
import { type FilterDef, ListToolbar, ServerTable, useServerList } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useServiceSettings } from './shared';

type EventRow = ApiItem<'/api/v1/service/events'>;
const FILTERS = ['q', 'orgId', 'kind', 'year', 'seriesId'] as const;

/** Every service event in the caller's scope (a member: those they took part in), with Excel export. */
export default function EventsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const settings = useServiceSettings();
  const list = useServerList<EventRow>({ url: '/api/v1/service/events', filterKeys: FILTERS });
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('service.events.search') },
      { kind: 'org', name: 'orgId', placeholder: t('service.col.org') },
      { kind: 'select', name: 'kind', placeholder: t('service.col.kind'), options: (settings.data?.eventKinds ?? []).map((k) => ({ value: k, label: k })) },
    ],
    [t, settings.data],
  );
  const columns = useMemo<ColumnsType<EventRow>>(
    () => [
      { key: 'heldOn', dataIndex: 'heldOn', title: t('service.col.heldOn'), width: 110, render: (v: string, r) => <Link to={`/service/events/${r.id}`}>{v}</Link> },
      { key: 'title', title: t('service.col.title'), render: (_, r) => <Link to={`/service/events/${r.id}`}>{r.title}</Link> },
      { key: 'kind', title: t('service.col.kind'), width: 120, render: (_, r) => <Tag color="red">{r.kind}</Tag> },
      { key: 'series', title: t('service.col.series'), render: (_, r) => (r.seriesId ? <Link to={`/service/series/${r.seriesId}`}>{t('service.issueOf', { series: r.seriesName ?? '', issue: r.issueNo ?? 0 })}</Link> : null) },
      { key: 'org', dataIndex: 'orgName', title: t('service.col.org') },
      { key: 'place', title: t('service.col.place'), render: (_, r) => [r.placeType, r.place, r.region].filter(Boolean).join(' · ') },
      { key: 'participants', dataIndex: 'participants', title: t('service.figure.participations'), width: 90, align: 'right' },
      { key: 'hours', dataIndex: 'hours', title: t('service.figure.hours'), width: 90, align: 'right' },
      { key: 'beneficiaries', dataIndex: 'beneficiaries', title: t('service.figure.beneficiaries'), width: 100, align: 'right' },
    ],
    [t],
  );
  return (
    <PageCard title={t('service.events.title')}>
      <ListToolbar
        list={list}
        filters={filters}
        exportable
        extra={
          <NewButton permission="service.write" onClick={() => navigate('/service/events/new')} testId="new-service-event">
            {t('service.events.new')}
          </NewButton>
        }
      />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="service-events" />
    </PageCard>
  );
}
