import { Alert, Card, Col, Empty, Form, Input, Modal, Row, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, toQueryString } from '../../api/client';
import type { ApiBody, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { NewButton } from '../../components/NewButton';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';

type Brands = ApiResult<'/api/v1/brands'>;
type BrandBody = ApiBody<'/api/v1/brands', 'post'>;
export type BrandHeader = Brands[number];

/** The brands (党建品牌) of the branches and 党委 in the caller's scope, as cards that read on a phone. */
export default function BrandsPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const orgId = params.get('orgId');
  const { data, error, loading, reload } = useApiGet<Brands>(`/api/v1/brands${toQueryString({ orgId })}`);
  const [creating, setCreating] = useState(false);
  return (
    <PageCard
      title={t('brands.title')}
      extra={
        <NewButton permission="brands.write" onClick={() => setCreating(true)} testId="new-brand">
          {t('brands.new')}
        </NewButton>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect value={orgId ? Number(orgId) : null} onChange={(v) => set('orgId', v)} placeholder={t('brands.org')} style={{ width: 260 }} />
      </Space>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {!loading && data?.length === 0 ? <Empty description={t('brands.none')} /> : null}
      <Row gutter={[12, 12]} data-testid="brands">
        {(data ?? []).map((b) => (
          <Col key={b.id} xs={24} sm={12} lg={8}>
            <Card size="small" loading={loading} title={<Link to={`/brands/${b.id}`}>{`“${b.name}”`}</Link>} extra={<Typography.Text type="secondary">{b.orgName}</Typography.Text>} data-testid={`brand-${b.name}`}>
              {b.slogan ? <Typography.Paragraph strong style={{ marginBottom: 8 }}>{b.slogan}</Typography.Paragraph> : null}
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 8 }}>
                {b.summary || '—'}
              </Typography.Paragraph>
              <Space wrap size={4}>
                <Tag>{t('brands.countElements', { count: b.elements })}</Tag>
                <Tag>{t('brands.countRules', { count: b.rules })}</Tag>
                <Tag>{t('brands.countFigures', { count: b.figures })}</Tag>
                {b.startedOn ? <Tag color="red">{t('brands.since', { date: b.startedOn })}</Tag> : null}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {creating ? <BrandModal brand={null} onClose={() => setCreating(false)} onSaved={reload} /> : null}
    </PageCard>
  );
}

interface BrandForm extends Omit<BrandBody, 'startedOn'> {
  startedOn?: Dayjs | null;
}

/** Creates a brand (then opens it) or changes one. */
export function BrandModal({ brand, onClose, onSaved }: { brand: (BrandHeader & { version: number }) | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const today = useToday();
  const [form] = Form.useForm<BrandForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const initial: Partial<BrandForm> = brand ? { ...brand, startedOn: brand.startedOn ? dayjs(brand.startedOn) : null } : { slogan: '', summary: '' };
  const submit = async () => {
    const v = await form.validateFields();
    const body = { ...v, slogan: v.slogan ?? '', summary: v.summary ?? '', startedOn: v.startedOn ? v.startedOn.format('YYYY-MM-DD') : null };
    await save(async () => {
      if (brand) {
        await api.put(`/api/v1/brands/${brand.id}`, { ...body, version: brand.version });
        onSaved();
        onClose();
      } else {
        const created = await api.post<{ id: number }>('/api/v1/brands', body);
        navigate(`/brands/${created.id}`);
      }
    });
  };
  return (
    <Modal open title={brand ? t('brands.edit') : t('brands.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="orgId" label={t('brands.org')} rules={[{ required: true }]}>
          <OrgTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="name" label={t('brands.name')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="slogan" label={t('brands.slogan')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="summary" label={t('brands.summary')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="startedOn" label={t('brands.startedOn')}>
          <DatePicker maxDate={today.day} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
