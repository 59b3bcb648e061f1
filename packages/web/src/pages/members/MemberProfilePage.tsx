import { ArrowLeftOutlined, EditOutlined, ExportOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Flex, Result, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { TransferInternalModal, TransferOutModal } from '../transfers/TransferModals';
import { MemberFormModal } from './MemberForm';
import type { MemberChange, MemberProfile } from './types';
import { VotingPanel } from './VotingPanel';

/** Field names of the change history ('department_id') as labels. */
export function useFieldLabel(): (field: string) => string {
  const { t } = useI18n();
  return (field) => {
    const key = `members.field.${field}`;
    return key in FIELD_KEYS ? t(key as MessageKey) : field;
  };
}
const FIELD_KEYS: Record<string, true> = Object.fromEntries(
  [
    'name', 'gender', 'id_number', 'ethnicity', 'native_place', 'birth_date', 'education', 'degree', 'category', 'status', 'org_id', 'party_group_id', 'joined_on',
    'full_on', 'work_started_on', 'job_category', 'post', 'title', 'department_id', 'campus_id', 'phone', 'address', 'lost_contact', 'flow_to', 'sponsors',
    'academic_leader', '*',
  ].map((f) => [`members.field.${f}`, true]),
);

/**
 * A member's record grouped like the national information system's tabs: basic facts, party
 * facts, branch periods, committee posts, transfers and the per-field change history.
 */
export default function MemberProfilePage() {
  const { id } = useParams();
  const { t, label, code } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const fieldLabel = useFieldLabel();
  const profile = useApiGet<MemberProfile>(`/api/v1/members/${id}`);
  const history = useApiGet<{ items: MemberChange[] }>(`/api/v1/members/${id}/history`);
  const [dialog, setDialog] = useState<'edit' | 'internal' | 'out' | null>(null);
  const m = profile.data;
  const none = t('common.none');
  const writable = can('members.write');

  if (profile.error) {
    return (
      <PageCard title={t('members.title')}>
        <Result status="warning" title={errorText(profile.error)} extra={<Link to="/members">{t('members.profile.back')}</Link>} />
      </PageCard>
    );
  }
  if (!m) {
    return (
      <PageCard title={t('members.title')}>
        <Skeleton active />
      </PageCard>
    );
  }
  const reload = () => {
    profile.reload();
    history.reload();
  };
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const item = (key: string, labelText: string, children: React.ReactNode): NonNullable<DescriptionsProps['items']>[number] => ({ key, label: labelText, children: children === null || children === '' ? none : children });

  const basic: DescriptionsProps['items'] = [
    item('name', t('members.field.name'), m.name),
    item('pinyin', t('members.profile.pinyin'), m.namePinyin),
    item('gender', t('members.field.gender'), label('gender', m.gender)),
    item('idNumber', t('members.field.id_number'), m.idNumber),
    item('birthDate', t('members.field.birth_date'), m.birthDate),
    item('ethnicity', t('members.field.ethnicity'), code('ethnicity', m.ethnicity)),
    item('nativePlace', t('members.field.native_place'), m.nativePlace),
    item('education', t('members.field.education'), code('education', m.education)),
    item('degree', t('members.field.degree'), m.degree),
    item('title', t('members.field.title'), code('title', m.title)),
    item('post', t('members.field.post'), m.post),
    item('jobCategory', t('members.field.job_category'), code('jobCategory', m.jobCategory)),
    item('department', t('members.field.department_id'), m.departmentName),
    item('campus', t('members.field.campus_id'), m.campusName),
    item('workStartedOn', t('members.field.work_started_on'), m.workStartedOn),
    item('phone', t('members.field.phone'), m.phone),
    item('address', t('members.field.address'), m.address),
    item('academicLeader', t('members.field.academic_leader'), yesNo(m.academicLeader)),
  ];
  const party: DescriptionsProps['items'] = [
    item('category', t('members.field.category'), <Tag color={m.category === 'probationary' ? 'orange' : 'red'}>{label('memberCategory', m.category)}</Tag>),
    item('status', t('members.field.status'), label('memberStatus', m.status)),
    item('org', t('members.profile.branch'), m.orgName),
    item('group', t('members.profile.group'), m.partyGroupName),
    item('joinedOn', t('members.field.joined_on'), m.joinedOn),
    item('fullOn', t('members.field.full_on'), m.fullOn),
    item('sponsors', t('members.field.sponsors'), m.sponsors),
    item('lostContact', t('members.field.lost_contact'), yesNo(m.lostContact)),
    item('flowTo', t('members.field.flow_to'), m.flowTo),
  ];

  const tabs = [
    { key: 'basic', label: t('members.profile.tab.basic'), children: <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={basic} /> },
    { key: 'party', label: t('members.profile.tab.party'), children: <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={party} /> },
    {
      key: 'periods',
      label: t('members.profile.tab.periods'),
      children: (
        <Table
          size="small"
          rowKey={(r) => `${r.orgId}-${r.fromOn}`}
          pagination={false}
          dataSource={m.orgPeriods}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'org', title: t('members.profile.branch'), dataIndex: 'orgName' },
            { key: 'from', title: t('members.profile.fromOn'), dataIndex: 'fromOn' },
            { key: 'to', title: t('members.profile.toOn'), dataIndex: 'toOn', render: (v: string | null) => v ?? <Tag color="green">{t('members.profile.current')}</Tag> },
          ]}
        />
      ),
    },
    {
      key: 'posts',
      label: t('members.profile.tab.posts'),
      children: m.posts.length ? (
        <Table
          size="small"
          rowKey={(r) => `${r.orgId}-${r.post}`}
          pagination={false}
          dataSource={m.posts}
          columns={[
            { key: 'org', title: t('members.profile.postOrg'), dataIndex: 'orgName' },
            { key: 'post', title: t('members.profile.post'), dataIndex: 'post' },
            { key: 'started', title: t('members.profile.postStarted'), dataIndex: 'startedOn', render: (v: string | null) => v ?? none },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.profile.noPosts')} />
      ),
    },
    {
      key: 'transfers',
      label: t('members.profile.tab.transfers'),
      children: m.transfers.length ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={m.transfers}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'kind', title: t('transfers.col.kind'), dataIndex: 'kind', render: (v: string) => t(`transfers.kind.${v}` as MessageKey) },
            { key: 'from', title: t('transfers.col.from'), dataIndex: 'fromOrgName', render: (v: string) => v || none },
            { key: 'to', title: t('transfers.col.to'), dataIndex: 'toOrgName' },
            { key: 'on', title: t('transfers.col.effectiveOn'), dataIndex: 'effectiveOn' },
            { key: 'letter', title: t('transfers.col.letterNo'), dataIndex: 'letterNo', render: (v: string) => v || none },
            { key: 'receipt', title: t('transfers.col.receipt'), dataIndex: 'receiptReceivedOn', render: (v: string | null, r) => (r.kind === 'out' ? (v ? t('transfers.receiptReceived', { date: v }) : t('transfers.receipt.pending')) : none) },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.profile.noTransfers')} />
      ),
    },
    // Recorded with organisational life (whoever records the branch's meetings).
    ...(can('orglife.read') ? [{ key: 'voting', label: t('members.profile.tab.voting'), children: <VotingPanel memberId={m.id} writable={can('orglife.write')} /> }] : []),
    {
      key: 'history',
      label: t('members.profile.tab.history'),
      children: (
        <Table<MemberChange>
          size="small"
          rowKey="id"
          loading={history.loading}
          dataSource={history.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.profile.noHistory')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'at', title: t('members.profile.changedAt'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
            { key: 'field', title: t('members.profile.field'), dataIndex: 'field', render: (v: string) => fieldLabel(v) },
            { key: 'from', title: t('members.profile.from'), dataIndex: 'from', render: (v: string | null) => v ?? none },
            { key: 'to', title: t('members.profile.to'), dataIndex: 'to', render: (v: string | null) => v ?? none },
            { key: 'source', title: t('members.profile.source'), dataIndex: 'source', render: (v: string) => t(`members.source.${v}` as MessageKey) },
            { key: 'by', title: t('members.profile.changedBy'), dataIndex: 'username' },
          ]}
        />
      ),
    },
  ];

  return (
    <PageCard
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('members.profile.back')} onClick={() => void navigate(-1)} />
          <span data-testid="member-profile-name">{m.name}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {m.orgName}
          </Typography.Text>
        </Space>
      }
    >
      {/* Actions sit in the body, not the card header, so the name keeps its room on a phone. */}
      {writable ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="member-edit">
            {t('common.edit')}
          </Button>
          {m.status === 'active' ? (
            <>
              <Button icon={<SwapOutlined />} onClick={() => setDialog('internal')} data-testid="member-transfer-internal">
                {t('members.profile.transferInternal')}
              </Button>
              <Button icon={<ExportOutlined />} onClick={() => setDialog('out')} data-testid="member-transfer-out">
                {t('members.profile.transferOut')}
              </Button>
            </>
          ) : null}
        </Flex>
      ) : null}
      {m.status !== 'active' ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('members.profile.inactive', { status: label('memberStatus', m.status) })} /> : null}
      <Tabs items={tabs} data-testid="member-profile-tabs" />
      {dialog === 'edit' ? <MemberFormModal member={m} onClose={() => setDialog(null)} onSaved={reload} onConflict={reload} /> : null}
      {dialog === 'internal' ? <TransferInternalModal member={{ id: m.id, name: m.name }} onClose={() => setDialog(null)} onDone={reload} /> : null}
      {dialog === 'out' ? <TransferOutModal member={{ id: m.id, name: m.name }} onClose={() => setDialog(null)} onDone={reload} /> : null}
    </PageCard>
  );
}
