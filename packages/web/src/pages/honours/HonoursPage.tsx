import { HONOUR_HOLDERS } from '@hongyi/core';
import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { ApiBody, ApiItem, ApiResult } from '../../api/contract';
import { useApiGet } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { NewButton } from '../../components/NewButton';
import { type FilterDef, ListToolbar, ServerTable, useServerList } from '../../components/ServerList';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { MemberSelect } from '../../components/MemberSelect';
import { useHonoursSettings } from './shared';

type HonourRow = ApiItem<'/api/v1/honours'>;
type HonourDetail = ApiResult<'/api/v1/honours/{id}'>;
type HonourBody = ApiBody<'/api/v1/honours', 'post'>;
const FILTERS = ['orgId', 'level', 'type', 'holder', 'year'] as const;

/** Honours of orgs and members in the caller's scope; each with its evidence. */
export default function HonoursPage() {
  const { t, label } = useI18n();
  const settings = useHonoursSettings();
  const list = useServerList<HonourRow>({ url: '/api/v1/honours', filterKeys: FILTERS });
  const [editing, setEditing] = useState<HonourDetail | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'org', name: 'orgId', placeholder: t('honours.col.org') },
      { kind: 'select', name: 'level', placeholder: t('honours.col.level'), options: (settings.data?.levels ?? []).map((v) => ({ value: v, label: v })) },
      { kind: 'select', name: 'type', placeholder: t('honours.col.type'), options: (settings.data?.types ?? []).map((v) => ({ value: v, label: v })) },
      { kind: 'select', name: 'holder', placeholder: t('honours.col.holder'), options: HONOUR_HOLDERS.map((h) => ({ value: h, label: label('honours.holder', h) })) },
    ],
    [t, label, settings.data],
  );
  const columns = useMemo<ColumnsType<HonourRow>>(
    () => [
      { key: 'awardedOn', dataIndex: 'awardedOn', title: t('honours.col.awardedOn'), width: 110 },
      { key: 'level', title: t('honours.col.level'), width: 90, render: (_, h) => <Tag color="red">{h.level}</Tag> },
      { key: 'type', title: t('honours.col.type'), render: (_, h) => <a onClick={() => setOpen(h.id)}>{h.type}</a> },
      { key: 'title', dataIndex: 'title', title: t('honours.col.title'), ellipsis: true },
      { key: 'holder', title: t('honours.col.holder'), render: (_, h) => (h.memberName ? `${h.memberName}（${h.orgName}）` : h.orgName) },
      { key: 'issuer', dataIndex: 'issuer', title: t('honours.col.issuer') },
      { key: 'files', dataIndex: 'files', title: t('honours.col.files'), width: 80, align: 'right' },
    ],
    [t],
  );
  return (
    <PageCard title={t('honours.title')}>
      <ListToolbar
        list={list}
        filters={filters}
        extra={
          <NewButton permission="honours.write" onClick={() => setEditing('new')} testId="new-honour">
            {t('honours.new')}
          </NewButton>
        }
      />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="honours" />
      {open !== null ? <HonourDrawer id={open} onClose={() => setOpen(null)} onEdit={(h) => (setOpen(null), setEditing(h))} onChanged={list.reload} /> : null}
      {editing ? <HonourModal honour={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={list.reload} /> : null}
    </PageCard>
  );
}

function HonourDrawer({ id, onClose, onEdit, onChanged }: { id: number; onClose: () => void; onEdit: (h: HonourDetail) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { data, reload } = useApiGet<HonourDetail>(`/api/v1/honours/${id}`);
  return (
    <Drawer open onClose={onClose} size="large" title={data ? `${data.level} · ${data.type}` : ''} extra={data?.canEdit ? <Button onClick={() => onEdit(data)}>{t('common.edit')}</Button> : null}>
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('honours.col.holder')}>{data.memberName ? `${data.memberName}（${data.orgName}）` : data.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('honours.col.level')}>{data.level}</Descriptions.Item>
            <Descriptions.Item label={t('honours.col.type')}>{data.type}</Descriptions.Item>
            <Descriptions.Item label={t('honours.col.title')}>{data.title || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('honours.col.issuer')}>{data.issuer || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('honours.col.awardedOn')}>{data.awardedOn}</Descriptions.Item>
            {data.programmeId ? <Descriptions.Item label={t('honours.fromProgramme')}>{t('honours.fromProgrammeText')}</Descriptions.Item> : null}
          </Descriptions>
          <EvidenceFiles
            files={data.evidence}
            canUpload={data.canEdit}
            canWithdraw={data.canEdit}
            url={`/api/v1/honours/${id}/files`}
            uploadLabel={t('honours.evidenceUpload')}
            emptyText={t('honours.evidenceNone')}
            testId="honour-evidence"
            onChanged={() => (reload(), onChanged())}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

interface HonourForm extends Omit<HonourBody, 'awardedOn'> {
  awardedOn: Dayjs;
}

function HonourModal({ honour, onClose, onSaved }: { honour: HonourDetail | null; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const today = useToday();
  const settings = useHonoursSettings();
  const [form] = Form.useForm<HonourForm>();
  const holder = Form.useWatch('holder', form);
  const { saving, problem, submit: save } = useFormSubmit(form);
  const initial: Partial<HonourForm> = honour
    ? { ...honour, holder: honour.memberId ? 'member' : 'org', awardedOn: dayjs(honour.awardedOn) }
    : { holder: 'org', awardedOn: today.day, title: '', issuer: '', note: '' };
  const submit = async () => {
    const v = await form.validateFields();
    const body = { ...v, awardedOn: v.awardedOn.format('YYYY-MM-DD'), orgId: v.holder === 'org' ? v.orgId : null, memberId: v.holder === 'member' ? v.memberId : null };
    await save(async () => {
      if (honour) await api.put(`/api/v1/honours/${honour.id}`, { ...body, version: honour.version });
      else await api.post('/api/v1/honours', body);
    }, () => {
      onSaved();
      onClose();
    });
  };
  return (
    <Modal open title={honour ? t('honours.edit') : t('honours.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="holder" label={t('honours.col.holder')}>
          <Radio.Group options={HONOUR_HOLDERS.map((h) => ({ value: h, label: label('honours.holder', h) }))} optionType="button" />
        </Form.Item>
        {holder === 'member' ? (
          <Form.Item name="memberId" label={t('honours.member')} rules={[{ required: true }]}>
            <MemberSelect initialName={honour?.memberName ?? undefined} />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label={t('honours.col.org')} rules={[{ required: true }]}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="level" label={t('honours.col.level')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={(settings.data?.levels ?? []).map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="type" label={t('honours.col.type')} rules={[{ required: true }]}>
            <Select style={{ width: 260 }} showSearch={{ optionFilterProp: 'label' }} options={(settings.data?.types ?? []).map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('honours.col.title')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="issuer" label={t('honours.col.issuer')}>
            <Input maxLength={100} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="awardedOn" label={t('honours.col.awardedOn')} rules={[{ required: true }]}>
            <DatePicker maxDate={today.day} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
