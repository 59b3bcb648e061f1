/**
 * 我的联系点: a leader's own contact points, one card each (made for a phone), with the button
 * that records a visit and its follow-ups; below, their recent visits with the follow-ups' states.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { type Point, type Visit, VisitCard, VisitModal } from './shared';

export default function MyContactsPage() {
  const { t } = useI18n();
  const me = useMe();
  const errorText = useErrorText();
  const points = useApiGet<Point[]>(`/api/v1/contacts/points?userId=${me.user.id}`);
  const visits = useApiGet<{ items: Visit[]; total: number }>(`/api/v1/contacts/visits?userId=${me.user.id}&pageSize=20`);
  const [recording, setRecording] = useState<Point | null>(null);
  const [editing, setEditing] = useState<Visit | null>(null);
  const reload = () => (points.reload(), visits.reload());
  const mine = (points.data ?? []).filter((p) => p.userId === me.user.id);
  const active = mine.filter((p) => p.active);
  if (points.error) return <Alert type="error" showIcon title={errorText(points.error)} />;
  return (
    <PageCard title={t('contacts.my.title')}>
      {points.data && active.length === 0 ? <Empty description={t('contacts.my.none')} /> : null}
      <Row gutter={[12, 12]} data-testid="my-points">
        {active.map((p) => (
          <Col key={p.id} xs={24} md={12} xl={8}>
            <Card size="small" title={p.orgName} data-testid={`my-point-${p.id}`}>
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('contacts.my.since', { from: p.fromOn })}</Typography.Text>
                <Flex gap={24}>
                  <Statistic title={t('contacts.col.visits')} value={p.visits} />
                  <Statistic title={t('contacts.col.openFollowUps')} value={p.openFollowUps} />
                  <Statistic title={t('contacts.col.lastVisit')} value={p.lastVisitOn ?? t('common.none')} styles={{ content: { fontSize: 16 } }} />
                </Flex>
                <Button type="primary" block icon={<PlusOutlined />} onClick={() => setRecording(p)} data-testid={`my-point-visit-${p.id}`}>
                  {t('contacts.visit.new')}
                </Button>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('contacts.my.visits')}
      </Typography.Title>
      {visits.data && visits.data.items.length === 0 ? <Empty description={t('contacts.visit.none')} /> : null}
      <Flex vertical gap={12} data-testid="my-visits">
        {(visits.data?.items ?? []).map((v) => (
          <VisitCard key={v.id} visit={v} onEdit={setEditing} onChanged={reload} />
        ))}
      </Flex>
      {recording ? <VisitModal points={[recording]} onClose={() => setRecording(null)} onSaved={reload} /> : null}
      {editing ? <VisitModal points={mine} visit={editing} onClose={() => setEditing(null)} onSaved={reload} /> : null}
    </PageCard>
  );
}
