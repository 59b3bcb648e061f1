import { TASK_STATES } from '@hongyi/core';
import { Alert, Flex, Input, Select, Table } from 'antd';
import { Link } from 'react-router';
import { toQueryString } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { TaskStateTag } from './shared';

type Tasks = ApiResult<'/api/v1/decisions/tasks'>;

/** The supervision list (督办台账): every task, overdue ones in red. */
export default function TasksPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const { data, error, loading } = useApiGet<Tasks>(`/api/v1/decisions/tasks${toQueryString({ state: params.get('state'), campus: params.get('campus'), department: params.get('department') })}`);
  return (
    <PageCard title={t('decisions.tasks.title')}>
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('decisions.tasks.state')} style={{ width: 160 }} value={params.get('state') ?? undefined} onChange={(v) => set('state', v ?? null)} options={TASK_STATES.map((s) => ({ value: s, label: label('decisions.state', s) }))} data-testid="tasks-state" />
        <Input.Search allowClear placeholder={t('decisions.tasks.department')} style={{ width: 180 }} defaultValue={params.get('department') ?? ''} onSearch={(v) => set('department', v || null)} />
        <Input.Search allowClear placeholder={t('decisions.col.campus')} style={{ width: 160 }} defaultValue={params.get('campus') ?? ''} onSearch={(v) => set('campus', v || null)} />
      </Flex>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        scroll={{ x: 900 }}
        data-testid="tasks-table"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowClassName={(r) => (r.state === 'overdue' ? 'row-overdue' : '')}
        onRow={(r) => (r.state === 'overdue' ? { style: { background: '#fff1f0' } } : {})}
        columns={[
          { key: 'topic', title: t('decisions.tasks.topic'), render: (_, r) => <Link to={`/decisions/topics/${r.topicId}`}>{r.topicTitle}</Link> },
          { key: 'title', dataIndex: 'title', title: t('decisions.tasks.task') },
          { key: 'department', dataIndex: 'department', title: t('decisions.tasks.department'), width: 120 },
          { key: 'owner', dataIndex: 'ownerName', title: t('decisions.tasks.owner'), width: 110 },
          { key: 'campus', dataIndex: 'campus', title: t('decisions.col.campus'), width: 100 },
          { key: 'deadline', dataIndex: 'deadline', title: t('decisions.tasks.deadline'), width: 110 },
          { key: 'state', title: t('decisions.tasks.state'), width: 180, render: (_, r) => <TaskStateTag state={r.state} daysLate={r.daysLate} /> },
        ]}
      />
    </PageCard>
  );
}
