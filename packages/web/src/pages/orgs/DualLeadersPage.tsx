import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Form, Progress, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { problemText } from './shared';
import type { DualLeaderBranch, DualLeaderCriteria, DualLeaderGroup, DualLeaderReport, OrgSettings } from './types';

/**
 * 双带头人: the share of clinical and teaching branches whose secretary is also a professional or
 * academic leader, per 党委 and 党总支, with the branches that miss it; and the criteria (a
 * setting the organisation office may change).
 */
export default function DualLeadersPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const report = useApiGet<DualLeaderReport>('/api/v1/orgs/dual-leaders');

  const columns = useMemo<ColumnsType<DualLeaderGroup>>(
    () => [
      { key: 'name', title: t('orgs.dual.group'), render: (_, g) => <Link to={`/orgs?orgId=${g.id}`}>{g.name}</Link> },
      { key: 'branches', dataIndex: 'branches', title: t('orgs.dual.branches'), align: 'right', width: 96 },
      { key: 'covered', dataIndex: 'covered', title: t('orgs.dual.covered'), align: 'right', width: 96 },
      {
        key: 'rate',
        title: t('orgs.dual.rate'),
        width: 150,
        render: (_, g) => (g.rate === null ? t('common.none') : <Progress percent={g.rate} size="small" format={(p) => `${p}%`} status={g.rate >= 100 ? 'success' : 'normal'} />),
      },
      {
        key: 'missing',
        title: t('orgs.dual.missing'),
        render: (_, g) => (g.missing.length === 0 ? <Tag color="green">{t('orgs.dual.allCovered')}</Tag> : t('orgs.dual.missingCount', { count: g.missing.length })),
      },
    ],
    [t],
  );

  const branchColumns = useMemo<ColumnsType<DualLeaderBranch>>(
    () => [
      { key: 'name', title: t('orgs.dual.branch'), render: (_, b) => <Link to={`/orgs?orgId=${b.id}`}>{b.name}</Link> },
      { key: 'secretary', title: t('orgs.field.secretary'), render: (_, b) => b.secretaryName ?? <Typography.Text type="warning">{t('orgs.noSecretary')}</Typography.Text> },
      { key: 'title', title: t('orgs.seat.title'), render: (_, b) => b.title ?? t('common.none') },
      { key: 'post', title: t('orgs.seat.jobPost'), render: (_, b) => b.post || t('common.none') },
    ],
    [t],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={17}>
        <PageCard title={t('orgs.dual.title')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('orgs.dual.scopeHint')}</Typography.Text>}>
          {report.error ? <Alert type="error" showIcon title={t('error.loadFailed')} description={errorText(report.error)} style={{ marginBottom: 12 }} /> : null}
          <Table<DualLeaderGroup>
            data-testid="dual-table"
            // Mounted again once loaded so that every group with missing branches starts expanded.
            key={report.data ? 'loaded' : 'loading'}
            size="small"
            rowKey="id"
            loading={report.loading}
            columns={columns}
            dataSource={report.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{
              rowExpandable: (g) => g.missing.length > 0,
              defaultExpandAllRows: true,
              expandedRowRender: (g) => (
                <Table<DualLeaderBranch> size="small" rowKey="id" columns={branchColumns} dataSource={g.missing} pagination={false} data-testid={`dual-missing-${g.id}`} />
              ),
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.dual.empty')} /> }}
          />
        </PageCard>
      </Col>
      <Col xs={24} xl={7}>
        <CriteriaCard onSaved={report.reload} />
      </Col>
    </Row>
  );
}

function CriteriaCard({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { can } = useSession();
  // Unit-wide criteria: only a tenant-wide role changes them (the server says so too).
  const editable = can('settings.manage');
  const settings = useApiGet<OrgSettings>('/api/v1/orgs/settings');
  const [form] = Form.useForm<DualLeaderCriteria>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.dualLeader);
  }, [settings.data, form]);

  const save = async () => {
    if (!settings.data) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.put('/api/v1/orgs/settings', { version: settings.data.version, dualLeader: v, letterhead: settings.data.letterhead });
      void message.success(t('common.saved'));
      settings.reload();
      onSaved();
    } catch (err) {
      setError(problemText(err, errorText));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('orgs.dual.criteria')} variant="borderless" data-testid="dual-criteria">
      {settings.loading && !settings.data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('orgs.dual.criteriaHint')}</Typography.Paragraph>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
          {!editable && settings.data ? (
            <Descriptions
              size="small"
              column={1}
              data-testid="dual-criteria-view"
              items={[
                { key: 'seniorTitle', label: t('orgs.dual.seniorTitle'), children: settings.data.dualLeader.seniorTitle ? t('common.yes') : t('common.no') },
                { key: 'academicLeader', label: t('orgs.dual.academicLeader'), children: settings.data.dualLeader.academicLeader ? t('common.yes') : t('common.no') },
                {
                  key: 'headPosts',
                  label: t('orgs.dual.headPosts'),
                  children: settings.data.dualLeader.headPosts.length ? settings.data.dualLeader.headPosts.map((p) => <Tag key={p}>{p}</Tag>) : t('common.none'),
                },
              ]}
            />
          ) : null}
          <Form form={form} layout="vertical" hidden={!editable}>
            <Form.Item name="seniorTitle" valuePropName="checked">
              <Checkbox>{t('orgs.dual.seniorTitle')}</Checkbox>
            </Form.Item>
            <Form.Item name="academicLeader" valuePropName="checked">
              <Checkbox>{t('orgs.dual.academicLeader')}</Checkbox>
            </Form.Item>
            <Form.Item name="headPosts" label={t('orgs.dual.headPosts')} extra={t('orgs.dual.headPostsHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
            </Form.Item>
          </Form>
          {editable ? (
            <Flex justify="end">
              <Button type="primary" loading={busy} onClick={() => void save()} data-testid="dual-criteria-save">
                {t('common.save')}
              </Button>
            </Flex>
          ) : null}
        </>
      )}
    </Card>
  );
}
