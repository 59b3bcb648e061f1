import { Alert, App, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { ApiBody, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { NewButton } from '../../components/NewButton';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { useServiceSettings } from './shared';

type Series = ApiResult<'/api/v1/service/series'>;

/** Numbered series ("急救知识进万家"): each with its issues so far and the next number. */
export default function SeriesListPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { data, error, loading, reload } = useApiGet<Series>('/api/v1/service/series');
  const [creating, setCreating] = useState(false);
  return (
    <PageCard
      title={t('service.series.title')}
      extra={
        <NewButton permission="service.write" onClick={() => setCreating(true)} testId="new-series">
          {t('service.series.new')}
        </NewButton>
      }
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      <Table
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        data-testid="service-series"
        columns={[
          { key: 'name', title: t('service.series.name'), render: (_, s) => <Link to={`/service/series/${s.id}`}>{s.name}</Link> },
          { key: 'org', dataIndex: 'orgName', title: t('service.col.org') },
          { key: 'kind', dataIndex: 'kind', title: t('service.col.kind') },
          { key: 'last', title: t('service.series.last'), render: (_, s) => (s.lastIssue > 0 ? t('service.issue', { issue: s.lastIssue }) : '—') },
          { key: 'issues', dataIndex: 'issues', title: t('service.series.recorded'), align: 'right' },
          { key: 'lastHeldOn', dataIndex: 'lastHeldOn', title: t('service.series.lastHeldOn') },
        ]}
      />
      {creating ? <SeriesModal onClose={() => setCreating(false)} onSaved={reload} /> : null}
    </PageCard>
  );
}

function SeriesModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const settings = useServiceSettings();
  const [form] = Form.useForm<ApiBody<'/api/v1/service/series', 'post'>>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const created = await api.post<{ id: number }>('/api/v1/service/series', values);
      void message.success(t('common.saved'));
      onSaved();
      navigate(`/service/series/${created.id}`);
    } catch (err) {
      if (!applyFieldErrors(form, err)) void message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('service.series.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')}>
      <Form form={form} layout="vertical" initialValues={{ lastIssue: 0, kind: '急救科普', description: '' }}>
        <Form.Item name="name" label={t('service.series.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="orgId" label={t('service.col.org')} rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('service.col.kind')}>
          <Select options={(settings.data?.eventKinds ?? []).map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="lastIssue" label={t('service.series.lastBefore')} extra={t('service.series.lastBeforeHint')}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="description" label={t('service.series.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
