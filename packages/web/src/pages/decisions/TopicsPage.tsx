import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { TOPIC_CATEGORIES, TOPIC_STAGES, type TopicCategory } from '@hongyi/core';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, toQueryString } from '../../api/client';
import type { ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { STAGE_COLORS, useBodies, useDecisionLabels, wan } from './shared';

type Topics = ApiResult<'/api/v1/decisions/topics'>;
type Topic = ApiItem<'/api/v1/decisions/topics'>;

export default function TopicsPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const labels = useDecisionLabels();
  const [params, set] = useUrlParams();
  const page = Number(params.get('page') ?? '1');
  const query = toQueryString({ page, pageSize: 20, bodyId: params.get('bodyId'), category: params.get('category'), stage: params.get('stage'), q: params.get('q') });
  const { data, error, loading, reload } = useApiGet<Topics>(`/api/v1/decisions/topics${query}`);
  const bodies = useBodies();
  const [creating, setCreating] = useState(false);
  const writable = (bodies.data ?? []).filter((b) => b.canWrite);
  return (
    <PageCard
      title={t('decisions.topics.title')}
      extra={
        writable.length > 0 ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="topic-new">
            {t('decisions.topics.new')}
          </Button>
        ) : null
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('decisions.col.body')} style={{ width: 160 }} value={params.get('bodyId') ? Number(params.get('bodyId')) : undefined} onChange={(v) => set('bodyId', v ?? null)} options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        <Select allowClear placeholder={t('decisions.col.category')} style={{ width: 160 }} value={params.get('category') ?? undefined} onChange={(v) => set('category', v ?? null)} options={TOPIC_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} />
        <Select allowClear placeholder={t('decisions.col.stage')} style={{ width: 160 }} value={params.get('stage') ?? undefined} onChange={(v) => set('stage', v ?? null)} options={TOPIC_STAGES.map((s) => ({ value: s, label: label('decisions.stage', s) }))} />
        <Input.Search allowClear placeholder={t('common.search')} style={{ width: 220 }} defaultValue={params.get('q') ?? ''} onSearch={(v) => set('q', v || null)} />
      </Flex>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      <Table<Topic>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="topics-table"
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: (p) => set('page', p), showSizeChanger: false }}
        columns={[
          { key: 'title', title: t('decisions.col.title'), render: (_, r) => <Link to={`/decisions/topics/${r.id}`}>{r.title}</Link> },
          { key: 'body', title: t('decisions.col.body'), render: (_, r) => r.bodyName, width: 120 },
          {
            key: 'category',
            title: t('decisions.col.category'),
            width: 170,
            render: (_, r) => (
              <Space size={4} wrap>
                <span>{labels.category(r.category)}</span>
                {r.sanzhongYida ? <Tag color="red">{t('decisions.sanzhongYida')}</Tag> : null}
              </Space>
            ),
          },
          { key: 'proposer', dataIndex: 'proposer', title: t('decisions.col.proposer'), width: 120 },
          { key: 'amount', title: t('decisions.col.amount'), align: 'right', width: 110, render: (_, r) => wan(r.amountCents) },
          { key: 'stage', title: t('decisions.col.stage'), width: 120, render: (_, r) => <Tag color={STAGE_COLORS[r.stage]}>{label('decisions.stage', r.stage)}</Tag> },
        ]}
      />
      {creating ? <TopicModal onClose={() => setCreating(false)} onSaved={reload} /> : null}
    </PageCard>
  );
}

interface TopicForm {
  bodyId: number;
  title: string;
  summary?: string;
  proposer: string;
  category: TopicCategory;
  amountWan?: number | null;
  campus?: string;
  studiedByTopicId?: number | null;
}

export function TopicModal({ topic, onClose, onSaved }: { topic?: ApiResult<'/api/v1/decisions/topics/{id}'>; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const labels = useDecisionLabels();
  const navigate = useNavigate();
  const bodies = useBodies();
  const committeeTopics = useApiGet<Topics>('/api/v1/decisions/topics?pageSize=200&stage=decided');
  const [form] = Form.useForm<TopicForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const bodyId = Form.useWatch('bodyId', form);
  const kind = bodies.data?.find((b) => b.id === bodyId)?.kind;
  const initial: Partial<TopicForm> = topic
    ? { bodyId: topic.bodyId, title: topic.title, summary: topic.summary, proposer: topic.proposer, category: topic.category, amountWan: topic.amountCents === null ? null : topic.amountCents / 1_000_000, campus: topic.campus, studiedByTopicId: topic.studiedByTopicId }
    : { category: 'general' };
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      bodyId: v.bodyId,
      title: v.title,
      summary: v.summary ?? '',
      proposer: v.proposer,
      category: v.category,
      amountCents: v.amountWan === null || v.amountWan === undefined ? null : Math.round(v.amountWan * 1_000_000),
      campus: v.campus ?? '',
      studiedByTopicId: v.studiedByTopicId ?? null,
    };
    await save(async () => {
      if (topic) {
        await api.put(`/api/v1/decisions/topics/${topic.id}`, { ...body, version: topic.version });
        onSaved();
        onClose();
      } else {
        const created = await api.post<{ id: number }>('/api/v1/decisions/topics', body);
        navigate(`/decisions/topics/${created.id}`);
      }
    });
  };
  return (
    <Modal open width={720} title={topic ? t('decisions.topics.edit') : t('decisions.topics.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} okButtonProps={{ 'data-testid': 'topic-save' } as ButtonProps}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="bodyId" label={t('decisions.col.body')} rules={[{ required: true }]}>
          <Select data-testid="topic-body" options={(bodies.data ?? []).filter((b) => b.canWrite).map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('decisions.col.title')} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="topic-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="category" label={t('decisions.col.category')} rules={[{ required: true }]}>
            <Select style={{ width: 180 }} data-testid="topic-category" options={TOPIC_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} />
          </Form.Item>
          <Form.Item name="proposer" label={t('decisions.col.proposer')} rules={[{ required: true }]}>
            <Input maxLength={100} style={{ width: 180 }} data-testid="topic-proposer" />
          </Form.Item>
          <Form.Item name="amountWan" label={t('decisions.col.amount')}>
            <InputNumber min={0} style={{ width: 140 }} data-testid="topic-amount" />
          </Form.Item>
          <Form.Item name="campus" label={t('decisions.col.campus')}>
            <Input maxLength={50} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        {kind && kind !== 'party_committee' ? (
          <Form.Item name="studiedByTopicId" label={t('decisions.col.studiedBy')}>
            <Select allowClear showSearch optionFilterProp="label" options={(committeeTopics.data?.items ?? []).filter((x) => x.bodyKind === 'party_committee').map((x) => ({ value: x.id, label: x.title }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="summary" label={t('decisions.col.summary')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
