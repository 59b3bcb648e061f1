import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Input, Modal, Progress, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { can } from '../../access';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';

type List = ApiResult<'/api/v1/worksystems'>;
type Templates = ApiResult<'/api/v1/worksystems/templates'>;

/** The unit's work systems (工作体系) with this year's progress, as cards that read on a phone. */
export default function WorksystemsPage() {
  const { t } = useI18n();
  const me = useMe();
  const today = useToday();
  const { year } = today;
  const errorText = useErrorText();
  const { data, error, loading } = useApiGet<List>(`/api/v1/worksystems?year=${year}`);
  const templates = useApiGet<Templates>('/api/v1/worksystems/templates');
  const [copying, setCopying] = useState(false);
  const [templateKey, setTemplateKey] = useState<string>();
  const [problem, setProblem] = useState<string | null>(null);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [copyName, setCopyName] = useState('');
  const copy = async () => {
    if (!templateKey) return;
    try {
      const { id } = await api.post<{ id: number }>('/api/v1/worksystems', { templateKey, ...(copyName.trim() ? { name: copyName.trim() } : {}) });
      message.success(t('worksystems.copied'));
      navigate(`/worksystems/${id}`);
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <PageCard
      title={t('worksystems.title')}
      extra={
        can(me, 'worksystems.write') ? (
          <Button icon={<CopyOutlined />} onClick={() => setCopying(true)} data-testid="copy-template">
            {t('worksystems.copyTemplate')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('worksystems.intro', { year })}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {!loading && data?.items.length === 0 ? <Empty description={t('worksystems.none')} /> : null}
      <Row gutter={[12, 12]} data-testid="worksystems">
        {(data?.items ?? []).map((f) => {
          const adoption = f.adoptions[0];
          return (
            <Col key={f.id} xs={24} sm={12} lg={8}>
              <Card size="small" loading={loading} title={<Link to={`/worksystems/${f.id}`}>{f.name}</Link>} extra={<Typography.Text type="secondary">{f.orgName}</Typography.Text>} data-testid={`worksystem-${f.templateKey || f.id}`}>
                <Space wrap size={4} style={{ marginBottom: 8 }}>
                  {f.versions.length > 0 ? <Tag color="blue">{t('worksystems.versionNo', { no: f.versions.at(-1)?.no ?? 0 })}</Tag> : <Tag>{t('worksystems.draftOnly')}</Tag>}
                  {adoption ? <Tag color="red">{t('worksystems.adoptedFor', { year: adoption.year })}</Tag> : <Tag>{t('worksystems.notAdopted', { year })}</Tag>}
                  {adoption ? <Tag>{t('worksystems.indicatorCount', { count: adoption.indicators })}</Tag> : null}
                </Space>
                {adoption && adoption.progress !== null ? (
                  <div>
                    <Typography.Text type="secondary">{t('worksystems.averageProgress')}</Typography.Text>
                    <Progress percent={adoption.progress} size="small" />
                  </div>
                ) : null}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Modal open={copying} title={t('worksystems.copyTemplate')} onCancel={() => setCopying(false)} onOk={copy} okButtonProps={{ disabled: !templateKey }} okText={t('worksystems.copy')}>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
        <Select
          style={{ width: '100%' }}
          value={templateKey}
          onChange={setTemplateKey}
          placeholder={t('worksystems.chooseTemplate')}
          options={(templates.data ?? []).map((x) => ({ value: x.key, label: `${x.name}（${x.origin}）` }))}
          data-testid="template-select"
        />
        <Input style={{ marginTop: 8 }} value={copyName} onChange={(e) => setCopyName(e.target.value)} maxLength={60} placeholder={t('worksystems.copyName')} data-testid="copy-name" />
        {templateKey ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{templates.data?.find((x) => x.key === templateKey)?.description}</Typography.Paragraph> : null}
      </Modal>
    </PageCard>
  );
}
