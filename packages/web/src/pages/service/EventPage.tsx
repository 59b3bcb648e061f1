import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { PARTICIPANT_KINDS } from '@hongyi/core';
import { Alert, App, AutoComplete, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { ApiBody, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';
import { MemberSelect } from '../../components/MemberSelect';
import { useServiceSettings } from './shared';

type EventDetail = ApiResult<'/api/v1/service/events/{id}'>;
type EventBody = ApiBody<'/api/v1/service/events', 'post'>;
type Series = ApiResult<'/api/v1/service/series'>;
type ThemeDays = ApiResult<'/api/v1/service/theme-days'>;

interface FormValues extends Omit<EventBody, 'heldOn' | 'participants'> {
  heldOn: Dayjs;
  participants: Array<{ kind: (typeof PARTICIPANT_KINDS)[number]; memberId?: number | null; name?: string; hours: number }>;
}

/** One service event: read as a description list, or recorded / changed in a form (participants with their hours). */
export default function EventPage() {
  const { id } = useParams();
  // A new event, once saved, opens as its own page: a fresh state (not the form still open).
  return <EventPageOf key={id} id={id ?? ''} />;
}

function EventPageOf({ id }: { id: string }) {
  const isNew = id === 'new';
  const { data, error, reload } = useApiGet<EventDetail>(isNew ? null : `/api/v1/service/events/${id}`);
  const [editing, setEditing] = useState(isNew);
  const { t } = useI18n();
  const errorText = useErrorText();
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!isNew && !data) return <Card loading />;
  if (editing) return <EventForm event={data ?? null} onDone={() => (isNew ? undefined : (setEditing(false), reload()))} />;
  const e = data!;
  return (
    <PageCard
      title={e.title}
      extra={
        e.canEdit ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-service-event">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      <EventView event={e} onChanged={reload} />
    </PageCard>
  );
}

function EventView({ event: e, onChanged }: { event: EventDetail; onChanged: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const remove = async () => {
    try {
      await api.delete(`/api/v1/service/events/${e.id}?version=${e.version}`);
      void message.success(t('service.deleted'));
      navigate('/service/events');
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="service-event-view">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('service.col.heldOn')}>{e.heldOn}</Descriptions.Item>
        <Descriptions.Item label={t('service.col.kind')}>
          <Tag color="red">{e.kind}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('service.col.org')}>{e.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('service.col.series')}>{e.seriesId ? <Link to={`/service/series/${e.seriesId}`}>{t('service.issueOf', { series: e.seriesName ?? '', issue: e.issueNo ?? 0 })}</Link> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('service.col.placeType')}>{e.placeType || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('service.col.place')}>{[e.place, e.region].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('service.figure.beneficiaries')}>{e.beneficiaries}</Descriptions.Item>
        <Descriptions.Item label={t('service.figure.trained')}>{e.trained}</Descriptions.Item>
        <Descriptions.Item label={t('service.figure.classHours')}>{e.classHours}</Descriptions.Item>
        <Descriptions.Item label={t('service.figure.mediaReach')}>{e.mediaReach ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('service.figure.participations')}>{e.participants}</Descriptions.Item>
        <Descriptions.Item label={t('service.figure.hours')}>{e.hours}</Descriptions.Item>
        <Descriptions.Item label={t('service.themeDay')} span={2}>
          {e.orglifeRecord ? <Link to={`/orglife/records/${e.orglifeRecord.id}`}>{t('service.themeDayLink', { date: e.orglifeRecord.heldOn })}</Link> : t('service.themeDayNone')}
        </Descriptions.Item>
        {e.note ? <Descriptions.Item label={t('service.col.note')} span={2}>{e.note}</Descriptions.Item> : null}
      </Descriptions>
      <Card size="small" title={t('service.participants')}>
        <Table
          size="small"
          rowKey={(p) => `${p.kind}:${p.memberId ?? p.name}`}
          pagination={false}
          dataSource={e.people}
          data-testid="service-participants"
          columns={[
            { key: 'name', dataIndex: 'name', title: t('service.col.name') },
            { key: 'kind', title: t('service.col.participantKind'), render: (_, p) => label('service.participant', p.kind) },
            { key: 'hours', dataIndex: 'hours', title: t('service.figure.hours'), align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" title={t('service.photos')}>
        <EvidenceFiles
          files={e.photos}
          canUpload={e.canEdit}
          canWithdraw={e.canEdit}
          url={`/api/v1/service/events/${e.id}/photos`}
          uploadLabel={t('service.photoUpload')}
          emptyText={t('service.photosNone')}
          testId="service-photos"
          kinds="photos"
          onChanged={onChanged}
        />
      </Card>
      {e.canEdit ? (
        <Popconfirm title={t('service.deleteConfirm')} onConfirm={() => void remove()}>
          <Button danger icon={<DeleteOutlined />}>
            {t('service.delete')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}

function EventForm({ event, onDone }: { event: EventDetail | null; onDone: () => void }) {
  const { t, label } = useI18n();
  const today = useToday();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const settings = useServiceSettings();
  const series = useApiGet<Series>('/api/v1/service/series');
  const orgId = Form.useWatch('orgId', form);
  const themeDays = useApiGet<ThemeDays>(orgId ? `/api/v1/service/theme-days?orgId=${orgId}` : null);
  const recordId = Form.useWatch('orglifeRecordId', form);

  useEffect(() => {
    // Held as a 主题党日: its date is the record's (the server takes it from there as well).
    const record = themeDays.data?.find((r) => r.id === recordId);
    if (record) form.setFieldValue('heldOn', dayjs(record.heldOn));
  }, [recordId, themeDays.data, form]);

  const initial: Partial<FormValues> = event
    ? {
        ...event,
        heldOn: dayjs(event.heldOn),
        participants: event.people.map((p) => ({ kind: p.kind, memberId: p.memberId, name: p.name, hours: p.hours })),
      }
    : // A branch secretary records for their own branch: it is the organiser unless they choose another.
      { orgId: me.roles.find((r) => r.orgId !== null)?.orgId ?? undefined, heldOn: today.day, placeType: '', place: '', region: '', beneficiaries: 0, trained: 0, classHours: 0, participants: [], note: '' };

  const submit = async (values: FormValues) => {
    setSaving(true);
    setProblem(null);
    const body = {
      ...values,
      heldOn: values.heldOn.format('YYYY-MM-DD'),
      placeType: values.placeType ?? '',
      region: values.region ?? '',
      seriesId: values.seriesId ?? null,
      orglifeRecordId: values.orglifeRecordId ?? null,
      mediaReach: values.mediaReach ?? null,
      participants: (values.participants ?? []).map((p) => (p.kind === 'member' ? { kind: p.kind, memberId: p.memberId ?? null, hours: p.hours ?? 0 } : { kind: p.kind, name: p.name ?? '', hours: p.hours ?? 0 })),
    };
    try {
      if (event) {
        await api.put(`/api/v1/service/events/${event.id}`, { ...body, version: event.version });
        void message.success(t('common.saved'));
        onDone();
      } else {
        const created = await api.post<{ id: number }>('/api/v1/service/events', body);
        void message.success(t('common.saved'));
        navigate(`/service/events/${created.id}`, { replace: true });
      }
    } catch (err) {
      if (!applyFieldErrors(form, err)) setProblem(errorText(err));
      else setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard title={event ? t('service.events.edit') : t('service.events.new')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="service-form-error" /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid="service-event-form" style={{ maxWidth: 880 }}>
        <Space wrap size="middle" align="start">
          <Form.Item name="orgId" label={t('service.col.org')} rules={[{ required: true, message: t('service.required.org') }]}>
            <OrgTreeSelect style={{ width: 280 }} data-testid="service-org" />
          </Form.Item>
          <Form.Item name="kind" label={t('service.col.kind')} rules={[{ required: true, message: t('service.required.kind') }]}>
            <Select style={{ width: 180 }} options={(settings.data?.eventKinds ?? []).map((k) => ({ value: k, label: k }))} data-testid="service-kind" />
          </Form.Item>
          <Form.Item name="heldOn" label={t('service.col.heldOn')} rules={[{ required: true }]}>
            <DatePicker disabled={Boolean(recordId)} maxDate={today.day} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('service.col.title')} rules={[{ required: true, message: t('service.required.title') }]}>
          <Input maxLength={200} data-testid="service-title" />
        </Form.Item>
        <Space wrap size="middle" align="start">
          <Form.Item name="seriesId" label={t('service.col.series')} extra={event ? null : t('service.seriesHint')}>
            <Select allowClear disabled={Boolean(event)} style={{ width: 340 }} options={(series.data ?? []).map((s) => ({ value: s.id, label: t('service.seriesNext', { series: s.name, issue: s.lastIssue + 1 }) }))} data-testid="service-series" />
          </Form.Item>
          <Form.Item name="orglifeRecordId" label={t('service.themeDay')} extra={t('service.themeDayHint')}>
            <Select
              allowClear
              style={{ width: 240 }}
              options={(themeDays.data ?? []).filter((r) => r.eventId === null || r.eventId === event?.id).map((r) => ({ value: r.id, label: t('service.themeDayLink', { date: r.heldOn }) }))}
              data-testid="service-theme-day"
            />
          </Form.Item>
        </Space>
        <Space wrap size="middle" align="start">
          <Form.Item name="placeType" label={t('service.col.placeType')}>
            <Select allowClear style={{ width: 160 }} options={(settings.data?.placeTypes ?? []).map((k) => ({ value: k, label: k }))} data-testid="service-place-type" />
          </Form.Item>
          <Form.Item name="place" label={t('service.col.place')}>
            <Input maxLength={200} style={{ width: 240 }} data-testid="service-place" />
          </Form.Item>
          <Form.Item name="region" label={t('service.col.region')}>
            <AutoComplete style={{ width: 140 }} options={(settings.data?.regions ?? []).map((r) => ({ value: r }))} />
          </Form.Item>
        </Space>
        <Space wrap size="middle" align="start">
          <Form.Item name="beneficiaries" label={t('service.figure.beneficiaries')}>
            <InputNumber min={0} precision={0} data-testid="service-beneficiaries" />
          </Form.Item>
          <Form.Item name="trained" label={t('service.figure.trained')}>
            <InputNumber min={0} precision={0} data-testid="service-trained" />
          </Form.Item>
          <Form.Item name="classHours" label={t('service.figure.classHours')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="mediaReach" label={t('service.figure.mediaReach')} extra={t('service.optional')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
        <Card size="small" title={t('service.participants')} style={{ marginBottom: 16 }}>
          <Form.List name="participants">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <ParticipantRow key={field.key} index={i} name={field.name} form={form} onRemove={() => remove(field.name)} initialName={event?.people[i]?.name} kindLabel={(k) => label('service.participant', k)} />
                ))}
                <Space style={{ display: 'flex', marginTop: 4 }}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'member', hours: 2 })} data-testid="add-participant">
                    {t('service.addMember')}
                  </Button>
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'student', name: '', hours: 2 })} data-testid="add-non-member">
                    {t('service.addNonMember')}
                  </Button>
                </Space>
              </>
            )}
          </Form.List>
        </Card>
        <Form.Item name="note" label={t('service.col.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-service-event">
            {t('common.save')}
          </Button>
          <Button onClick={() => (event ? onDone() : navigate('/service/events'))}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageCard>
  );
}

function ParticipantRow({ index, name, form, onRemove, initialName, kindLabel }: { index: number; name: number; form: ReturnType<typeof Form.useForm<FormValues>>[0]; onRemove: () => void; initialName?: string | undefined; kindLabel: (k: string) => string }) {
  const { t } = useI18n();
  const kind = Form.useWatch(['participants', name, 'kind'], form);
  return (
    <Space wrap align="baseline" style={{ display: 'flex' }} data-testid={`participant-${index}`}>
      <Form.Item name={[name, 'kind']} style={{ marginBottom: 8 }}>
        <Select style={{ width: 110 }} options={PARTICIPANT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} />
      </Form.Item>
      {kind === 'member' ? (
        <Form.Item name={[name, 'memberId']} style={{ marginBottom: 8 }} rules={[{ required: true, message: t('service.required.member') }]}>
          <MemberSelect initialName={initialName} placeholder={t('service.col.member')} testId={`participant-member-${index}`} />
        </Form.Item>
      ) : (
        <Form.Item name={[name, 'name']} style={{ marginBottom: 8 }} rules={[{ required: true, message: t('service.required.name') }]}>
          <Input placeholder={t('service.col.name')} maxLength={50} style={{ width: 160 }} data-testid={`participant-name-${index}`} />
        </Form.Item>
      )}
      <Form.Item name={[name, 'hours']} style={{ marginBottom: 8 }}>
        <InputNumber min={0} max={2000} step={0.5} precision={1} suffix={t('service.hoursUnit')} data-testid={`participant-hours-${index}`} />
      </Form.Item>
      <MinusCircleOutlined onClick={onRemove} />
    </Space>
  );
}
