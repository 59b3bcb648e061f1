import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, toQueryString } from '../../api/client';
import type { ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { useBodies } from './shared';

type Meetings = ApiResult<'/api/v1/decisions/meetings'>;

export default function MeetingsPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const page = Number(params.get('page') ?? '1');
  const { data, error, loading } = useApiGet<Meetings>(`/api/v1/decisions/meetings${toQueryString({ page, pageSize: 20, bodyId: params.get('bodyId') })}`);
  const bodies = useBodies();
  const [creating, setCreating] = useState(false);
  return (
    <PageCard
      title={t('decisions.meetings.title')}
      extra={
        (bodies.data ?? []).some((b) => b.canWrite) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-new">
            {t('decisions.meetings.new')}
          </Button>
        ) : null
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('decisions.col.body')} style={{ width: 180 }} value={params.get('bodyId') ? Number(params.get('bodyId')) : undefined} onChange={(v) => set('bodyId', v ?? null)} options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
      </Flex>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      <Table<ApiItem<'/api/v1/decisions/meetings'>>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="meetings-table"
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: (p) => set('page', p), showSizeChanger: false }}
        columns={[
          { key: 'heldOn', title: t('decisions.meetings.heldOn'), render: (_, r) => <Link to={`/decisions/meetings/${r.id}`}>{r.heldOn}</Link>, width: 120 },
          { key: 'body', dataIndex: 'bodyName', title: t('decisions.col.body') },
          { key: 'number', dataIndex: 'number', title: t('decisions.meetings.number') },
          { key: 'firstTopic', dataIndex: 'firstTopic', title: t('decisions.meetings.firstTopic'), ellipsis: true },
          { key: 'topics', dataIndex: 'topics', title: t('decisions.meetings.topics'), align: 'right', width: 80 },
        ]}
      />
      {creating ? <MeetingModal onClose={() => setCreating(false)} /> : null}
    </PageCard>
  );
}

function MeetingModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const today = useToday();
  const bodies = useBodies();
  const [form] = Form.useForm<{ bodyId: number; heldOn: Dayjs; number?: string; firstTopic?: string }>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    await save(() => api.post<{ id: number }>('/api/v1/decisions/meetings', { bodyId: v.bodyId, heldOn: v.heldOn.format('YYYY-MM-DD'), number: v.number ?? '', firstTopic: v.firstTopic ?? '' }), (created) => navigate(`/decisions/meetings/${created.id}`));
  };
  return (
    <Modal open title={t('decisions.meetings.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} okButtonProps={{ 'data-testid': 'meeting-save' } as ButtonProps}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ heldOn: today.day }}>
        <Form.Item name="bodyId" label={t('decisions.col.body')} rules={[{ required: true }]}>
          <Select data-testid="meeting-body" options={(bodies.data ?? []).filter((b) => b.canWrite).map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('decisions.meetings.heldOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="number" label={t('decisions.meetings.number')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="firstTopic" label={t('decisions.meetings.firstTopic')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
