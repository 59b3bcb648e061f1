import type { ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DECISION_BODY_KINDS, type DecisionBodyKind } from '@hongyi/core';
import { Alert, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { type Bodies, useBodies, useDecisionLabels } from './shared';

type Body = Bodies[number];
interface BodyForm {
  kind: DecisionBodyKind;
  name: string;
  members: Array<{ id?: number | null; userId?: number | null; name: string; title?: string; isChair?: boolean }>;
}

/**
 * The decision bodies (党委会, 院长办公会, 党政联席会议) and their members in order: the quorum
 * and the votes are counted against them. 党办 keeps the 党委会, 院办 the 院长办公会.
 */
export default function BodiesPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { can } = useSession();
  const labels = useDecisionLabels();
  const bodies = useBodies();
  const [editing, setEditing] = useState<Body | 'new' | null>(null);
  return (
    <PageCard
      title={t('decisions.bodies.title')}
      extra={
        can('decisions.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="body-new">
            {t('decisions.bodies.new')}
          </Button>
        ) : null
      }
    >
      {bodies.error ? <Alert type="error" showIcon title={errorText(bodies.error)} /> : null}
      <Table<Body>
        rowKey="id"
        size="small"
        loading={bodies.loading}
        dataSource={bodies.data ?? []}
        pagination={false}
        data-testid="bodies-table"
        columns={[
          { key: 'name', dataIndex: 'name', title: t('decisions.bodies.name'), width: 180 },
          { key: 'kind', title: t('decisions.bodies.kind'), render: (_, b) => labels.body(b.kind), width: 140 },
          {
            key: 'members',
            title: t('decisions.bodies.members'),
            render: (_, b) => (
              <Space size={[4, 4]} wrap>
                {b.members.map((m) => (
                  <Tag key={m.id} color={m.isChair ? 'red' : undefined}>
                    {m.name}
                    {m.title ? `（${m.title}）` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: '',
            width: 90,
            render: (_, b) =>
              b.canWrite ? (
                <Button size="small" onClick={() => setEditing(b)} data-testid={`body-edit-${b.id}`}>
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      {editing ? (
        <BodyModal
          body={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) bodies.reload();
          }}
        />
      ) : null}
    </PageCard>
  );
}

function BodyModal({ body, onClose }: { body: Body | null; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const labels = useDecisionLabels();
  const [form] = Form.useForm<BodyForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    const payload = {
      kind: v.kind,
      name: v.name,
      members: v.members.map((m) => ({ id: m.id ?? null, userId: m.userId ?? null, name: m.name, title: m.title ?? '', isChair: m.isChair ?? false })),
    };
    await save(async () => {
      if (body) await api.put(`/api/v1/decisions/bodies/${body.id}`, { ...payload, version: body.version });
      else await api.post('/api/v1/decisions/bodies', payload);
    }, () => onClose(true));
  };
  const initial: BodyForm = body
    ? { kind: body.kind, name: body.name, members: body.members.map((m) => ({ id: m.id, userId: m.userId, name: m.name, title: m.title, isChair: m.isChair })) }
    : { kind: 'party_committee', name: '', members: [{ name: '', title: '', isChair: true }] };
  return (
    <Modal
      open
      width={640}
      title={body ? body.name : t('decisions.bodies.new')}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'body-save' } as ButtonProps}
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="kind" label={t('decisions.bodies.kind')} rules={[{ required: true }]}>
          <Select disabled={body !== null} options={DECISION_BODY_KINDS.map((k) => ({ value: k, label: labels.body(k) }))} data-testid="body-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('decisions.bodies.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="body-name" />
        </Form.Item>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('decisions.bodies.memberName') }]}>
                    <Input placeholder={t('decisions.bodies.memberName')} maxLength={50} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'title']}>
                    <Input placeholder={t('decisions.bodies.memberTitle')} maxLength={50} style={{ width: 170 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'isChair']} valuePropName="checked">
                    <Checkbox>{t('decisions.bodies.chair')}</Checkbox>
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('decisions.bodies.removeMember')} onClick={() => remove(field.name)} disabled={fields.length <= 1} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', title: '', isChair: false })} data-testid="body-add-member">
                {t('decisions.bodies.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
