import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Dropdown, Empty, Flex, Skeleton, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { useSession } from '../../session';
import { MemberList } from '../members/MemberList';
import { CommitteeDialog } from './CommitteeDialog';
import { ElectionDialog } from './ElectionDialog';
import { DissolveDialog, MergeDialog, MoveDialog, OrgFormDialog } from './OrgDialogs';
import { SeverityTag, isElectedType } from './shared';
import type { CommitteeSeat, OrgDetail as OrgDetailData, OrgElection, OrgEvent } from './types';

type Dialog = 'create' | 'edit' | 'move' | 'merge' | 'dissolve' | 'committee' | 'election' | null;

/** Update events list the columns they changed; these are the ones with a label. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'orgs.field.name',
  short_name: 'orgs.field.shortName',
  campus_id: 'orgs.field.campus',
  established_on: 'orgs.field.establishedOn',
  ends_on: 'orgs.field.endsOn',
  contact_name: 'orgs.field.contactName',
  contact_phone: 'orgs.field.contactPhone',
  unit_situation: 'orgs.field.unitSituation',
  unit_nature: 'orgs.field.unitNature',
  term_years: 'orgs.field.termYears',
  term_delayed_until: 'orgs.field.termDelayedUntil',
  departmentIds: 'orgs.field.departments',
};

/**
 * One organisation for the organisation office: its fields (formats.md), committee with posts,
 * 双带头人 and vacancies, the term and its expiry, 换届 records, rule warnings (never blocking),
 * its members and history; with the writes (create under it, edit, move, merge, dissolve).
 */
export function OrgDetail({ orgId, onChanged, onSelect }: { orgId: number; onChanged: () => void; onSelect: (id: number) => void }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { can } = useSession();
  const { data, error, loading, reload } = useApiGet<OrgDetailData>(`/api/v1/orgs/${orgId}`);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState('overview');
  const writable = can('orgs.write') && data !== undefined && !data.dissolvedOn;

  const done = () => {
    setDialog(null);
    reload();
    onChanged();
  };

  if (error) {
    return (
      <Card variant="borderless">
        <Alert type="error" showIcon title={t('error.loadFailed')} description={errorText(error)} action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>} />
      </Card>
    );
  }
  if (!data || (loading && data.id !== orgId)) {
    return (
      <Card variant="borderless">
        <Skeleton active />
      </Card>
    );
  }

  const elected = isElectedType(data.type);
  const secretary = data.committee.find((s) => s.post === 'secretary' && s.memberId !== null);
  const none = t('common.none');

  const overview = (
    <Flex vertical gap={16}>
      <Descriptions
        data-testid="org-fields"
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'type', label: t('orgs.field.type'), children: label('orgType', data.type) },
          { key: 'parent', label: t('orgs.field.parent'), children: data.parentName ?? none },
          { key: 'secretary', label: t('orgs.field.secretary'), children: secretary?.memberName ?? <Typography.Text type="warning">{t('orgs.noSecretary')}</Typography.Text> },
          {
            key: 'contact',
            label: t('orgs.field.contactName'),
            children: [data.contactName, data.contactPhone].filter(Boolean).join(' · ') || none,
          },
          { key: 'members', label: t('orgs.field.memberCount'), children: t('orgs.memberCountValue', { count: data.memberCount, full: data.fullMemberCount }) },
          { key: 'established', label: t('orgs.field.establishedOn'), children: data.establishedOn ?? none },
          ...(elected
            ? [
                { key: 'termStart', label: t('orgs.field.termStart'), children: data.term?.start ?? <Typography.Text type="warning">{t('orgs.noElection')}</Typography.Text> },
                { key: 'termExpires', label: t('orgs.field.termExpiresOn'), children: data.term?.expiresOn ?? none },
              ]
            : []),
          ...(data.type === 'temporary_branch' ? [{ key: 'endsOn', label: t('orgs.field.endsOn'), children: data.endsOn ?? none }] : []),
          {
            key: 'departments',
            label: t('orgs.field.departments'),
            span: 2,
            children: data.departments.length ? (
              <Flex wrap gap={4}>
                {data.departments.map((d) => (
                  <Tag key={d.id}>
                    {d.name}
                    {d.trinity ? ` · ${t('orgs.trinity')}` : ''}
                  </Tag>
                ))}
              </Flex>
            ) : (
              none
            ),
          },
          { key: 'campus', label: t('orgs.field.campus'), children: data.campusName ?? none },
          { key: 'shortName', label: t('orgs.field.shortName'), children: data.shortName || none },
          { key: 'unitSituation', label: t('orgs.field.unitSituation'), children: data.unitSituation ? label('orgs.unitSituation', data.unitSituation) : none },
          { key: 'unitNature', label: t('orgs.field.unitNature'), children: data.unitNature || none },
        ]}
      />
      {data.children.length > 0 ? (
        <div>
          <Typography.Text strong>{t('orgs.children')}</Typography.Text>
          <Flex wrap gap={6} style={{ marginTop: 8 }}>
            {data.children.map((c) => (
              <Button key={c.id} size="small" onClick={() => onSelect(c.id)}>
                {label('orgType', c.type)} · {c.name}
              </Button>
            ))}
          </Flex>
        </div>
      ) : null}
    </Flex>
  );

  return (
    <Card
      variant="borderless"
      data-testid="org-detail"
      title={
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          <span>{data.name}</span>
          <Tag color="red">{label('orgType', data.type)}</Tag>
          {data.dissolvedOn ? <Tag>{t('orgs.dissolvedOn', { date: data.dissolvedOn })}</Tag> : null}
        </Flex>
      }
      extra={
        writable ? (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="org-edit">
              {t('common.edit')}
            </Button>
            {isElectedType(data.type) || data.type === 'temporary_branch' ? (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('create')} disabled={data.type === 'temporary_branch'} data-testid="org-create-child">
                {t('orgs.createChild')}
              </Button>
            ) : null}
            <Dropdown
              menu={{
                items: [
                  { key: 'move', label: t('orgs.move'), disabled: data.parentId === null },
                  { key: 'merge', label: t('orgs.merge'), disabled: data.parentId === null },
                  { key: 'dissolve', label: t('orgs.dissolve'), danger: true, disabled: data.parentId === null },
                ],
                onClick: ({ key }) => setDialog(key as Dialog),
              }}
            >
              <Button data-testid="org-more">{t('orgs.moreActions')}</Button>
            </Dropdown>
          </Space>
        ) : null
      }
      styles={{ body: { paddingTop: 4 } }}
    >
      {data.warnings.length > 0 ? (
        <Alert
          type={data.warnings.some((w) => w.severity === 'red') ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="org-warnings"
          title={t('orgs.warningsHint')}
          description={
            <Flex vertical gap={4}>
              {data.warnings.map((w) => (
                <Flex key={w.code} gap={8} align="center">
                  <SeverityTag severity={w.severity} />
                  <span>{w.message}</span>
                </Flex>
              ))}
            </Flex>
          }
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'overview', label: t('orgs.tab.overview'), children: overview },
          ...(elected
            ? [
                {
                  key: 'committee',
                  label: t('orgs.tab.committee'),
                  children: <CommitteePanel data={data} writable={writable} onEdit={() => setDialog('committee')} onElect={() => setDialog('election')} />,
                },
                { key: 'elections', label: t('orgs.tab.elections', { count: data.elections.length }), children: <ElectionsPanel elections={data.elections} writable={writable} onElect={() => setDialog('election')} /> },
              ]
            : []),
          // The member list needs members.read (leaders and members see the count in the overview instead).
          ...(can('members.read') ? [{ key: 'members', label: t('orgs.tab.members', { count: data.memberCount }), children: <MemberList showOrgFilter={false} /> }] : []),
          { key: 'history', label: t('orgs.tab.history'), children: <HistoryPanel events={data.history} /> },
        ]}
      />
      {dialog === 'create' ? <OrgFormDialog mode="create" parent={data} onClose={() => setDialog(null)} onDone={(id) => { done(); onSelect(id); }} /> : null}
      {dialog === 'edit' ? <OrgFormDialog mode="edit" org={data} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'move' ? <MoveDialog org={data} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'merge' ? <MergeDialog org={data} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'dissolve' ? <DissolveDialog org={data} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'committee' ? <CommitteeDialog org={data} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'election' ? <ElectionDialog org={data} onClose={() => setDialog(null)} onDone={done} /> : null}
    </Card>
  );
}

function CommitteePanel({ data, writable, onEdit, onElect }: { data: OrgDetailData; writable: boolean; onEdit: () => void; onElect: () => void }) {
  const { t, label } = useI18n();
  const none = t('common.none');
  const vacancies = data.committee.filter((s) => s.memberId === null).length;
  const columns = useMemo<ColumnsType<CommitteeSeat>>(
    () => [
      { key: 'post', title: t('orgs.seat.post'), render: (_, s) => label('orgs.post', s.post), width: 110 },
      {
        key: 'member',
        title: t('orgs.seat.member'),
        render: (_, s) => (s.memberId === null ? <Tag color="orange">{t('orgs.vacant')}</Tag> : s.memberName),
      },
      { key: 'title', title: t('orgs.seat.title'), render: (_, s) => s.title ?? none },
      { key: 'jobPost', title: t('orgs.seat.jobPost'), render: (_, s) => s.jobPost || none },
      {
        key: 'dual',
        title: t('orgs.seat.dualLeader'),
        render: (_, s) => (s.memberId === null ? none : s.dualLeader ? <Tag color="red">{t('orgs.dualLeader')}</Tag> : <Typography.Text type="secondary">{t('common.no')}</Typography.Text>),
      },
      { key: 'startedOn', title: t('orgs.seat.startedOn'), render: (_, s) => s.startedOn ?? none },
    ],
    [t, label, none],
  );
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex wrap gap={24} data-testid="org-term">
          {[
            { key: 'start', label: t('orgs.field.termStart'), value: data.term?.start ?? t('orgs.noElection') },
            { key: 'years', label: t('orgs.field.termYears'), value: data.term?.years ? t('orgs.years', { years: data.term.years }) : none },
            { key: 'expires', label: t('orgs.field.termExpiresOn'), value: data.term?.expiresOn ?? none },
            { key: 'vacancies', label: t('orgs.vacancies'), value: String(vacancies) },
          ].map((item) => (
            <Flex key={item.key} vertical>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.label}
              </Typography.Text>
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                {item.value}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
        {writable ? (
          <Space>
            <Button onClick={onEdit} data-testid="committee-edit">
              {t('orgs.editCommittee')}
            </Button>
            <Button type="primary" onClick={onElect} data-testid="election-record">
              {t('orgs.recordElection')}
            </Button>
          </Space>
        ) : null}
      </Flex>
      {data.termDelayedUntil ? <Alert type="info" showIcon title={t('orgs.termDelayed', { date: data.termDelayedUntil })} /> : null}
      <Table<CommitteeSeat>
        data-testid="committee-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data.committee}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.noCommittee')} /> }}
      />
    </Flex>
  );
}

function ElectionsPanel({ elections, writable, onElect }: { elections: OrgElection[]; writable: boolean; onElect: () => void }) {
  const { t } = useI18n();
  const columns: ColumnsType<OrgElection> = [
    { key: 'heldOn', dataIndex: 'heldOn', title: t('orgs.election.heldOn'), width: 110 },
    { key: 'termYears', title: t('orgs.field.termYears'), render: (_, e) => t('orgs.years', { years: e.termYears }), width: 80 },
    { key: 'votes', title: t('orgs.election.votes'), render: (_, e) => t('orgs.election.votesValue', { present: e.votersPresent, due: e.votersDue }), width: 130 },
    {
      key: 'results',
      title: t('orgs.election.results'),
      render: (_, e) => (
        <Flex vertical gap={4}>
          {e.candidates.length > 0 ? (
            <Space wrap size={4}>
              {e.candidates.map((c) => (
                <Tag key={c.name} color={c.elected ? 'green' : 'default'}>
                  {c.name} {c.votes} · {c.elected ? t('orgs.election.elected') : t('orgs.election.notElected')}
                </Tag>
              ))}
            </Space>
          ) : null}
          <span>{e.results || (e.candidates.length ? '' : t('common.none'))}</span>
        </Flex>
      ),
    },
    { key: 'notes', dataIndex: 'notes', title: t('orgs.election.notes'), render: (v: string) => v || t('common.none') },
  ];
  return (
    <Flex vertical gap={12}>
      {writable ? (
        <Flex justify="end">
          <Button type="primary" onClick={onElect}>
            {t('orgs.recordElection')}
          </Button>
        </Flex>
      ) : null}
      <Table<OrgElection>
        data-testid="election-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={elections}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.noElections')} /> }}
      />
    </Flex>
  );
}

function eventDetail(event: OrgEvent, t: Translate): string {
  let detail: Record<string, unknown> = {};
  if (typeof event.detail === 'string') {
    try {
      detail = JSON.parse(event.detail) as Record<string, unknown>;
    } catch {
      return event.detail;
    }
  } else if (event.detail && typeof event.detail === 'object') detail = event.detail as Record<string, unknown>;
  switch (event.kind) {
    case 'merge':
    case 'dissolve':
      if (!detail.targetName) return t('orgs.history.nothingMoved');
      return t('orgs.history.moved', { target: String(detail.targetName ?? t('common.none')), members: Number(detail.members ?? 0), children: Number(detail.children ?? 0) });
    case 'update':
      if (detail.received) return t('orgs.history.received', { name: String(detail.received), members: Number(detail.members ?? 0) });
      return Object.keys(detail)
        .filter((k) => detail[k] !== undefined && FIELD_LABELS[k])
        .map((k) => t(FIELD_LABELS[k] as MessageKey))
        .join(t('common.listSeparator'));
    case 'create':
      return String(detail.name ?? '');
    default:
      return '';
  }
}

function HistoryPanel({ events }: { events: OrgEvent[] }) {
  const { t, label } = useI18n();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.noHistory')} />;
  return (
    <Timeline
        items={events.map((e) => ({
          key: e.id,
          children: (
            <Flex vertical>
              <span>
                <Typography.Text strong>{label('orgs.event', e.kind)}</Typography.Text> · {e.onDate}
                {e.username ? <Typography.Text type="secondary"> · {e.username}</Typography.Text> : null}
              </span>
              <Typography.Text type="secondary">{eventDetail(e, t)}</Typography.Text>
            </Flex>
          ),
        }))}
      />
  );
}
