import { Alert, Card, List, Space, Tag } from 'antd';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { FiguresRow } from './shared';

type Mine = ApiResult<'/api/v1/service/my'>;

/** 我的服务: a member's own service on a phone — this year, all time, and each event with the hours. */
export default function MyServicePage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { data, error, loading } = useApiGet<Mine>('/api/v1/service/my');
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Card loading={loading} />;
  if (!data.linked) return <Alert type="info" showIcon title={t('service.my.notMember')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }} data-testid="my-service">
      <Card size="small" title={t('service.my.thisYear', { year: data.year })}>
        <FiguresRow figures={data.thisYear} keys={['events', 'hours']} />
      </Card>
      <Card size="small" title={t('service.my.allTime')}>
        <FiguresRow figures={data.allTime} keys={['events', 'hours']} />
      </Card>
      <Card size="small" title={t('service.my.events')}>
        <List
          locale={{ emptyText: t('service.my.none') }}
          dataSource={data.events}
          renderItem={(e) => (
            <List.Item extra={<Tag color="red">{t('service.my.hours', { hours: e.hours })}</Tag>}>
              <List.Item.Meta title={e.title} description={[e.heldOn, e.kind, e.seriesName ? t('service.issueOf', { series: e.seriesName, issue: e.issueNo ?? 0 }) : null, e.orgName].filter(Boolean).join(' · ')} />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
