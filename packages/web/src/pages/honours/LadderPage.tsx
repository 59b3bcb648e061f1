import { Alert, Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { STAGE_COLORS } from './shared';

type Ladder = ApiResult<'/api/v1/honours/ladder'>;

/** The ladder (梯队) under a 党委: per level, what is held and what is in cultivation. */
export default function LadderPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const orgId = params.get('orgId');
  const { data, error, loading } = useApiGet<Ladder>(`/api/v1/honours/ladder${orgId ? `?orgId=${orgId}` : ''}`);
  return (
    <PageCard title={t('honours.ladder.title')} extra={<OrgTreeSelect value={orgId ? Number(orgId) : null} onChange={(v) => set('orgId', v)} placeholder={t('honours.ladder.scope')} style={{ width: 260 }} />}>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {loading && !data ? <Card loading /> : null}
      <div data-testid="honours-ladder">
        {(data?.rungs ?? []).map((rung) => (
          <Card key={rung.level} size="small" style={{ marginBottom: 12 }} title={<Typography.Text strong>{rung.level}</Typography.Text>} extra={t('honours.ladder.counts', { held: rung.held.length, cultivating: rung.cultivating.length })}>
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Typography.Text type="secondary">{t('honours.ladder.held')}</Typography.Text>
                {rung.held.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('honours.ladder.none')} />
                ) : (
                  <List size="small" dataSource={rung.held} renderItem={(h) => <List.Item><List.Item.Meta title={`${h.type}${h.title ? `：${h.title}` : ''}`} description={`${h.holderName} · ${h.awardedOn}`} /></List.Item>} />
                )}
              </Col>
              <Col xs={24} md={10}>
                <Typography.Text type="secondary">{t('honours.ladder.cultivating')}</Typography.Text>
                {rung.cultivating.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('honours.ladder.none')} />
                ) : (
                  <List
                    size="small"
                    dataSource={rung.cultivating}
                    renderItem={(p) => (
                      <List.Item extra={<Tag color={STAGE_COLORS[p.stage]}>{label('honours.stage', p.stage)}</Tag>}>
                        <List.Item.Meta title={<Link to={`/honours/programmes/${p.id}`}>{p.title}</Link>} description={`${p.orgName} · ${p.startedOn}`} />
                      </List.Item>
                    )}
                  />
                )}
              </Col>
            </Row>
          </Card>
        ))}
      </div>
    </PageCard>
  );
}
