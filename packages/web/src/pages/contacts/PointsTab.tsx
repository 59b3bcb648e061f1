/**
 * The 联系点 tab: the leaders' links to branches (the office sets them up, ends or deletes them),
 * and below them the visits with their follow-ups (filtered by a link when one is picked),
 * exportable; the office and leaders record visits from here.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Empty, Flex, Form, Input, Modal, Pagination, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { can } from '../../access';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { type FilterDef, ListToolbar, useServerList } from '../../components/ServerList';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { type Point, type Visit, VisitCard, VisitModal } from './shared';

type Leader = ApiResult<'/api/v1/contacts/leaders'>[number];
const VISIT_FILTERS = ['pointId', 'orgId', 'from', 'to'] as const;

export function PointsTab() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const office = can(me, 'contacts.write');
  const records = office || can(me, 'contacts.visit');
  const points = useApiGet<Point[]>('/api/v1/contacts/points');
  const visits = useServerList<Visit>({ url: '/api/v1/contacts/visits', filterKeys: VISIT_FILTERS, defaultPageSize: 10 });
  const [editingPoint, setEditingPoint] = useState<Point | 'new' | null>(null);
  const [editingVisit, setEditingVisit] = useState<Visit | 'new' | null>(null);
  const picked = Number(visits.filters.pointId) || null;
  const recordable = (points.data ?? []).filter((p) => office || p.userId === me.user.id);
  const reload = () => (points.reload(), visits.reload());
  const removePoint = async (p: Point) => {
    try {
      await api.delete(`/api/v1/contacts/points/${p.id}?version=${p.version}`);
      void message.success(t('contacts.point.removed'));
      reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const columns: ColumnsType<Point> = [
    { title: t('contacts.col.leader'), dataIndex: 'leaderName', key: 'leader', width: 110 },
    { title: t('contacts.col.branch'), dataIndex: 'orgName', key: 'org' },
    {
      title: t('contacts.col.period'),
      key: 'period',
      width: 220,
      render: (_, p) => (
        <Space size={4}>
          <span>{t('contacts.point.period', { from: p.fromOn, to: p.toOn ?? t('contacts.point.ongoing') })}</span>
          {p.active ? null : <Tag>{t('contacts.point.ended')}</Tag>}
        </Space>
      ),
    },
    { title: t('contacts.col.visits'), dataIndex: 'visits', key: 'visits', width: 80, align: 'right' },
    { title: t('contacts.col.lastVisit'), dataIndex: 'lastVisitOn', key: 'last', width: 110, render: (v: string | null) => v ?? t('common.none') },
    { title: t('contacts.col.openFollowUps'), dataIndex: 'openFollowUps', key: 'open', width: 100, align: 'right', render: (n: number) => (n > 0 ? <Tag color="processing">{n}</Tag> : 0) },
    ...(office
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_: unknown, p: Point) => (
              <Space size={0} onClick={(e) => e.stopPropagation()}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditingPoint(p)} aria-label={t('common.edit')} />
                <Popconfirm title={t('contacts.point.removeConfirm')} onConfirm={() => void removePoint(p)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('contacts.remove')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  const filters = useMemo<FilterDef[]>(() => [{ kind: 'org', name: 'orgId', placeholder: t('contacts.col.branch') }, { kind: 'dateRange', name: 'from', toName: 'to' }], [t]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('contacts.point.hint')}</Typography.Text>
        {office ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditingPoint('new')} data-testid="point-new">
            {t('contacts.point.new')}
          </Button>
        ) : null}
      </Flex>
      <Table<Point>
        size="small"
        rowKey="id"
        data-testid="points-table"
        loading={points.loading}
        dataSource={points.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(p) => (p.id === picked ? 'ant-table-row-selected' : '')}
        onRow={(p) => ({ onClick: () => visits.setFilters({ pointId: p.id === picked ? null : p.id }), style: { cursor: 'pointer' } })}
      />
      <div>
        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {picked ? t('contacts.visit.titleOf', { name: (points.data ?? []).find((p) => p.id === picked)?.orgName ?? '' }) : t('contacts.visit.title')}
          {picked ? (
            <Button type="link" size="small" onClick={() => visits.setFilters({ pointId: null })}>
              {t('contacts.visit.all')}
            </Button>
          ) : null}
        </Typography.Title>
        <ListToolbar
          list={visits}
          filters={filters}
          exportable
          extra={
            records && recordable.length > 0 ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingVisit('new')} data-testid="visit-new">
                {t('contacts.visit.new')}
              </Button>
            ) : null
          }
        />
        {visits.rows.length === 0 && !visits.loading ? <Empty description={t('contacts.visit.none')} /> : null}
        <Row gutter={[12, 12]} data-testid="visits">
          {visits.rows.map((v) => (
            <Col key={v.id} xs={24} lg={12}>
              <VisitCard visit={v} onEdit={(x) => setEditingVisit(x)} onChanged={reload} />
            </Col>
          ))}
        </Row>
        {visits.total > visits.pageSize ? (
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Pagination current={visits.page} pageSize={visits.pageSize} total={visits.total} onChange={visits.setPaging} size="small" />
          </Flex>
        ) : null}
      </div>
      {editingPoint ? <PointModal point={editingPoint === 'new' ? null : editingPoint} onClose={() => setEditingPoint(null)} onSaved={reload} /> : null}
      {editingVisit ? (
        <VisitModal
          points={editingVisit === 'new' ? recordable.filter((p) => p.active || p.id === picked) : recordable}
          visit={editingVisit === 'new' ? undefined : editingVisit}
          onClose={() => setEditingVisit(null)}
          onSaved={reload}
        />
      ) : null}
    </Space>
  );
}

interface PointForm {
  userId: number;
  orgId: number;
  fromOn: Dayjs;
  toOn: Dayjs | null;
  note: string;
}

function PointModal({ point, onClose, onSaved }: { point: Point | null; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const leaders = useApiGet<Leader[]>('/api/v1/contacts/leaders');
  const [form] = Form.useForm<PointForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    const body = { userId: v.userId, orgId: v.orgId, fromOn: v.fromOn.format('YYYY-MM-DD'), toOn: v.toOn ? v.toOn.format('YYYY-MM-DD') : null, note: v.note ?? '' };
    await save(async () => {
      if (point) await api.put(`/api/v1/contacts/points/${point.id}`, { ...body, version: point.version });
      else await api.post('/api/v1/contacts/points', body);
    }, () => {
      onSaved();
      onClose();
    });
  };
  const leaderText = (l: Leader) => `${l.name}（${l.leader ? label('role', 'leader') : t('contacts.point.committee', { post: label('orgs.post', l.committeePost) })}）`;
  const initial: Partial<PointForm> = point ? { userId: point.userId, orgId: point.orgId, fromOn: dayjs(point.fromOn), toOn: point.toOn ? dayjs(point.toOn) : null, note: point.note } : { note: '' };
  return (
    <Modal open title={point ? t('contacts.point.edit') : t('contacts.point.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} destroyOnHidden>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="userId" label={t('contacts.col.leader')} rules={[{ required: true }]} extra={t('contacts.point.leaderHelp')}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={leaders.loading} options={(leaders.data ?? []).map((l) => ({ value: l.id, label: leaderText(l) }))} data-testid="point-leader" />
        </Form.Item>
        <Form.Item name="orgId" label={t('contacts.col.branch')} rules={[{ required: true }]}>
          <OrgTreeSelect data-testid="point-org" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="fromOn" label={t('contacts.point.from')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="toOn" label={t('contacts.point.to')} extra={t('contacts.point.toHelp')}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('contacts.col.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
