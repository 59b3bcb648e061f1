import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { PROGRAMME_STAGES } from '@hongyi/core';
import { Alert, Button, Form, Input, Modal, Progress, Select, Space, Table, Tag } from 'antd';
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
import { MemberSelect } from '../../components/MemberSelect';
import { STAGE_COLORS, useHonoursSettings } from './shared';

type Programmes = ApiResult<'/api/v1/programmes'>;
type ProgrammeDetail = ApiResult<'/api/v1/programmes/{id}'>;
type ProgrammeBody = ApiBody<'/api/v1/programmes', 'post'>;

/** Building programmes (培育创建) in the caller's scope: stage and milestone progress. */
export default function ProgrammesPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const stage = params.get('stage');
  const orgId = params.get('orgId');
  const { data, error, loading, reload } = useApiGet<Programmes>(`/api/v1/programmes${toQueryString({ stage, orgId })}`);
  const [creating, setCreating] = useState(false);
  return (
    <PageCard
      title={t('honours.programmes.title')}
      extra={
        <NewButton permission="honours.write" onClick={() => setCreating(true)} testId="new-programme">
          {t('honours.programmes.new')}
        </NewButton>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect value={orgId ? Number(orgId) : null} onChange={(v) => set('orgId', v)} placeholder={t('honours.col.org')} style={{ width: 260 }} />
        <Select allowClear value={stage ?? undefined} onChange={(v) => set('stage', v ?? null)} placeholder={t('honours.col.stage')} style={{ width: 140 }} options={PROGRAMME_STAGES.map((s) => ({ value: s, label: label('honours.stage', s) }))} />
      </Space>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      <Table
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="programmes"
        columns={[
          { key: 'title', title: t('honours.programmes.name'), render: (_, p) => <Link to={`/honours/programmes/${p.id}`}>{p.title}</Link> },
          { key: 'org', dataIndex: 'orgName', title: t('honours.col.org') },
          { key: 'level', title: t('honours.col.level'), render: (_, p) => `${p.level} · ${p.type}` },
          { key: 'stage', title: t('honours.col.stage'), render: (_, p) => <Tag color={STAGE_COLORS[p.stage]}>{label('honours.stage', p.stage)}</Tag> },
          { key: 'startedOn', dataIndex: 'startedOn', title: t('honours.programmes.startedOn') },
          { key: 'owner', dataIndex: 'ownerName', title: t('honours.programmes.owner') },
          { key: 'milestones', title: t('honours.programmes.milestones'), width: 160, render: (_, p) => (p.milestonesTotal ? <Progress size="small" percent={Math.round((p.milestonesDone / p.milestonesTotal) * 100)} format={() => `${p.milestonesDone}/${p.milestonesTotal}`} /> : '—') },
        ]}
      />
      {creating ? <ProgrammeModal programme={null} onClose={() => setCreating(false)} onSaved={reload} /> : null}
    </PageCard>
  );
}

interface ProgrammeForm extends Omit<ProgrammeBody, 'startedOn' | 'milestones'> {
  startedOn: Dayjs;
  milestones: Array<{ title: string; dueOn?: Dayjs | null; doneOn?: Dayjs | null; note?: string }>;
}

export function ProgrammeModal({ programme, onClose, onSaved }: { programme: ProgrammeDetail | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const today = useToday();
  const settings = useHonoursSettings();
  const [form] = Form.useForm<ProgrammeForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const initial: Partial<ProgrammeForm> = programme
    ? { ...programme, startedOn: dayjs(programme.startedOn), milestones: programme.milestones.map((m) => ({ title: m.title, note: m.note, dueOn: m.dueOn ? dayjs(m.dueOn) : null, doneOn: m.doneOn ? dayjs(m.doneOn) : null })) }
    : { startedOn: today.day, issuer: '', ownerName: '', note: '', milestones: [{ title: t('honours.programmes.defaultMilestone1') }, { title: t('honours.programmes.defaultMilestone2') }, { title: t('honours.programmes.defaultMilestone3') }] };
  const date = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
  const submit = async () => {
    const v = await form.validateFields();
    const body = { ...v, ownerMemberId: v.ownerMemberId ?? null, startedOn: v.startedOn.format('YYYY-MM-DD'), milestones: (v.milestones ?? []).map((m) => ({ title: m.title, note: m.note ?? '', dueOn: date(m.dueOn), doneOn: date(m.doneOn) })) };
    await save(async () => {
      if (programme) {
        await api.put(`/api/v1/programmes/${programme.id}`, { ...body, version: programme.version });
        onSaved();
        onClose();
      } else {
        const created = await api.post<{ id: number }>('/api/v1/programmes', body);
        navigate(`/honours/programmes/${created.id}`);
      }
    });
  };
  return (
    <Modal open width={760} title={programme ? t('honours.programmes.edit') : t('honours.programmes.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="title" label={t('honours.programmes.name')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="orgId" label={t('honours.col.org')} rules={[{ required: true }]}>
            <OrgTreeSelect style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="level" label={t('honours.col.level')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={(settings.data?.levels ?? []).map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="type" label={t('honours.col.type')} rules={[{ required: true }]}>
            <Select style={{ width: 240 }} options={(settings.data?.types ?? []).map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="issuer" label={t('honours.col.issuer')}>
            <Input maxLength={100} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="startedOn" label={t('honours.programmes.startedOn')} rules={[{ required: true }]}>
            <DatePicker maxDate={today.day} />
          </Form.Item>
          <Form.Item name="ownerMemberId" label={t('honours.programmes.owner')}>
            <MemberSelect initialName={programme?.ownerName} />
          </Form.Item>
        </Space>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <Input placeholder={t('honours.programmes.milestone')} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} style={{ marginBottom: 8 }}>
                    <DatePicker placeholder={t('honours.programmes.dueOn')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'doneOn']} style={{ marginBottom: 8 }}>
                    <DatePicker placeholder={t('honours.programmes.doneOn')} maxDate={today.day} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })}>
                {t('honours.programmes.addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
