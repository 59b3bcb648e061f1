import { Alert, Card, Descriptions, List, Space, Tag } from 'antd';
import { useApiGet, useErrorText } from '../../api/hooks';
import { type MessageKey, useI18n } from '../../i18n';
import type { FileDetail } from './DevelopmentFilePage';
import { STATUS_COLORS } from './DevelopmentPage';

/** 我的发展档案: a member's own file on a phone — where they stand and each step's date. */
export default function MyDevelopmentPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { data, error, loading } = useApiGet<{ file: FileDetail | null }>('/api/v1/development/my');
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Card loading={loading} />;
  const file = data.file;
  if (!file) return <Alert type="info" showIcon title={t('development.my.none')} style={{ maxWidth: 560 }} data-testid="my-development-empty" />;
  const entries = file.entries.filter((e) => !e.supersededBy);
  const next = file.progress.nextStep;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }} data-testid="my-development">
      <Card title={t('development.myFile')} size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('development.col.name')}>{file.name}</Descriptions.Item>
          <Descriptions.Item label={t('development.col.org')}>{file.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('development.col.status')}>
            <Tag color={STATUS_COLORS[file.status]}>{t(`development.status.${file.status}` as MessageKey)}</Tag>
          </Descriptions.Item>
          {file.progress.probationStart && (
            <Descriptions.Item label={t('development.probation')}>{`${file.progress.probationStart} — ${file.progress.probationEnd ?? ''}`}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('development.nextStep')}>{next ? `${next}. ${t(`development.step.${next}` as MessageKey)}` : t('development.done')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('development.my.steps')} size="small">
        <List
          dataSource={entries}
          renderItem={(e) => (
            <List.Item extra={<span style={{ whiteSpace: 'nowrap' }}>{e.date}</span>}>
              <List.Item.Meta
                title={e.kind === 'step' && e.step ? `${e.step}. ${t(`development.step.${e.step}` as MessageKey)}` : t(`development.kind.${e.kind}` as MessageKey)}
                description={e.people.length ? e.people.map((p) => p.name).join('、') : null}
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
