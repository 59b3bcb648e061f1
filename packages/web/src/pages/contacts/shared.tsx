/**
 * What the contact-point pages share: the state tags, the visit form (a leader on a phone or the
 * office: the visit and its follow-ups in one go), a visit's card with its follow-ups, and the
 * dialogs that close, change or add follow-ups.
 */
import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { AgreementState, FollowUpState } from '@hongyi/core';
import { Alert, App, Button, Card, Flex, Form, Input, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';

export type Point = ApiResult<'/api/v1/contacts/points'>[number];
export type Visit = ApiItem<'/api/v1/contacts/visits'>;
export type FollowUp = Visit['followUps'][number];
export type Owner = ApiResult<'/api/v1/contacts/owners'>[number];
export type ContactsSettings = ApiResult<'/api/v1/contacts/settings'>;

const FOLLOW_UP_COLORS: Record<FollowUpState, string> = { open: 'processing', due_soon: 'warning', overdue: 'error', done: 'success' };
const AGREEMENT_COLORS: Record<AgreementState, string> = { active: 'green', expiring: 'orange', ended: 'default' };

export function FollowUpStateTag({ state }: { state: FollowUpState }) {
  const { label } = useI18n();
  return (
    <Tag color={FOLLOW_UP_COLORS[state]} data-testid={`followup-state-${state}`}>
      {label('contacts.followUpState', state)}
    </Tag>
  );
}

export function AgreementStateTag({ state }: { state: AgreementState }) {
  const { label } = useI18n();
  return <Tag color={AGREEMENT_COLORS[state]}>{label('contacts.agreementState', state)}</Tag>;
}

/** An owner as the picker shows them: name, and the branch they are secretary of or their role. */
export function useOwnerLabel(): (o: Owner) => string {
  const { t, label } = useI18n();
  return (o) => {
    const where = o.orgNames.length > 0 ? o.orgNames.join('、') : o.roles.map((r) => label('role', r)).join('、');
    return where ? t('contacts.ownerLabel', { name: o.name, where }) : o.name;
  };
}

interface FollowUpForm {
  text: string;
  ownerUserId: number;
  dueOn: Dayjs | null;
}

interface VisitForm {
  pointId: number;
  visitedOn: Dayjs;
  purpose?: string;
  participants?: string;
  notes: string;
  followUps?: FollowUpForm[];
}

/**
 * Records a visit with its follow-ups (or changes a visit). `points`: the contact points the caller
 * may record for; one point fixes it (a leader's card). Follow-ups without a due date get the
 * unit's default days after the visit (the server's rule).
 */
export function VisitModal({ points, visit, onClose, onSaved }: { points: Point[]; visit?: Visit; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useI18n();
  const today = useToday();
  const settings = useApiGet<ContactsSettings>('/api/v1/contacts/settings');
  const [form] = Form.useForm<VisitForm>();
  const pointId = Form.useWatch('pointId', form) ?? visit?.pointId ?? (points.length === 1 ? points[0]!.id : undefined);
  const point = points.find((p) => p.id === pointId);
  const owners = useApiGet<Owner[]>(point ? `/api/v1/contacts/owners?orgId=${point.orgId}` : null);
  const ownerLabel = useOwnerLabel();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const firstOwner = owners.data?.find((o) => o.ofBranch)?.id;
  const submit = async () => {
    const v = await form.validateFields();
    const body = { pointId: v.pointId, visitedOn: v.visitedOn.format('YYYY-MM-DD'), purpose: v.purpose ?? '', participants: v.participants ?? '', notes: v.notes };
    await save(async () => {
      if (visit) {
        await api.put(`/api/v1/contacts/visits/${visit.id}`, { ...body, version: visit.version });
        onSaved(visit.id);
      } else {
        const followUps = (v.followUps ?? []).map((f) => ({ text: f.text, ownerUserId: f.ownerUserId, dueOn: f.dueOn ? f.dueOn.format('YYYY-MM-DD') : null }));
        const created = await api.post<{ id: number }>('/api/v1/contacts/visits', { ...body, followUps });
        onSaved(created.id);
      }
    }, () => onClose());
  };
  const initial: Partial<VisitForm> = visit
    ? { pointId: visit.pointId, visitedOn: dayjs(visit.visitedOn), purpose: visit.purpose || undefined, participants: visit.participants, notes: visit.notes }
    : { pointId: points.length === 1 ? points[0]!.id : undefined, visitedOn: today.day, followUps: [] };
  return (
    <Modal
      open
      title={visit ? t('contacts.visit.edit') : t('contacts.visit.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'visit-save' }}
      width={680}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="visit-problem" /> : null}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="visit-form">
        <Form.Item name="pointId" label={t('contacts.col.point')} rules={[{ required: true }]} hidden={points.length === 1 && !visit}>
          <Select
            data-testid="visit-point"
            showSearch={{ optionFilterProp: 'label' }}
            options={points.map((p) => ({ value: p.id, label: `${p.leaderName} — ${p.orgName}` }))}
          />
        </Form.Item>
        {point && points.length === 1 && !visit ? (
          <Typography.Paragraph strong style={{ marginTop: 0 }}>
            {point.orgName}
          </Typography.Paragraph>
        ) : null}
        <Flex wrap gap={12}>
          <Form.Item name="visitedOn" label={t('contacts.col.visitedOn')} rules={[{ required: true }]}>
            <DatePicker maxDate={today.day} minDate={point ? dayjs(point.fromOn) : undefined} data-testid="visit-date" />
          </Form.Item>
          <Form.Item name="purpose" label={t('contacts.col.purpose')} style={{ minWidth: 180, flex: 1 }}>
            <Select allowClear data-testid="visit-purpose" options={(settings.data?.visitPurposes ?? []).map((p) => ({ value: p, label: p }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="participants" label={t('contacts.col.participants')}>
          <Input maxLength={500} placeholder={t('contacts.visit.participantsPlaceholder')} data-testid="visit-participants" />
        </Form.Item>
        <Form.Item name="notes" label={t('contacts.col.notes')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('contacts.visit.notesPlaceholder')} data-testid="visit-notes" />
        </Form.Item>
        {visit ? null : (
          <Form.List name="followUps">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <Typography.Text strong>{t('contacts.followUps')}</Typography.Text>
                {fields.map((field, i) => (
                  <Card key={field.key} size="small" data-testid={`followup-row-${i}`}>
                    <Flex vertical gap={8}>
                      <Flex gap={8} align="start">
                        <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true, message: t('contacts.followUp.textRequired') }]} style={{ flex: 1, marginBottom: 0 }}>
                          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('contacts.followUp.textPlaceholder')} data-testid={`followup-text-${i}`} />
                        </Form.Item>
                        <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('contacts.remove')} onClick={() => remove(field.name)} />
                      </Flex>
                      <Flex wrap gap={8}>
                        <Form.Item name={[field.name, 'ownerUserId']} rules={[{ required: true, message: t('contacts.followUp.ownerRequired') }]} style={{ flex: 1, minWidth: 200, marginBottom: 0 }}>
                          <Select
                            placeholder={t('contacts.col.owner')}
                            showSearch={{ optionFilterProp: 'label' }}
                            loading={owners.loading}
                            options={(owners.data ?? []).map((o) => ({ value: o.id, label: ownerLabel(o) }))}
                            data-testid={`followup-owner-${i}`}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'dueOn']} style={{ marginBottom: 0 }} extra={<span style={{ fontSize: 12 }}>{t('contacts.followUp.dueDefault', { days: settings.data?.followUpDays ?? 30 })}</span>}>
                          <DatePicker placeholder={t('contacts.col.due')} data-testid={`followup-due-${i}`} />
                        </Form.Item>
                      </Flex>
                    </Flex>
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '', ownerUserId: firstOwner, dueOn: null })} block data-testid="followup-add">
                  {t('contacts.followUp.add')}
                </Button>
              </Space>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}

/** Closes a follow-up with what was done (its owner, the leader or the office). */
export function CloseFollowUpModal({ followUp, onClose, onSaved }: { followUp: Pick<FollowUp, 'id' | 'text' | 'version'>; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const [form] = Form.useForm<{ note: string; doneOn: Dayjs }>();
  const { saving, problem, submit: save } = useFormSubmit(form, { savedText: t('contacts.followUp.closed') });
  const submit = async () => {
    const v = await form.validateFields();
    await save(() => api.post(`/api/v1/contacts/follow-ups/${followUp.id}/close`, { version: followUp.version, note: v.note, doneOn: v.doneOn.format('YYYY-MM-DD') }), () => {
      onSaved();
      onClose();
    });
  };
  return (
    <Modal open title={t('contacts.followUp.close')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('contacts.followUp.close')} okButtonProps={{ 'data-testid': 'followup-close-save' }} destroyOnHidden>
      <Typography.Paragraph>{followUp.text}</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ doneOn: today.day, note: '' }}>
        <Form.Item name="doneOn" label={t('contacts.col.doneOn')} rules={[{ required: true }]}>
          <DatePicker maxDate={today.day} />
        </Form.Item>
        <Form.Item name="note" label={t('contacts.col.doneNote')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('contacts.followUp.notePlaceholder')} data-testid="followup-close-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Adds follow-ups to a visit, or changes an open one (the office or the leader). */
export function FollowUpModal({ visit, followUp, onClose, onSaved }: { visit: Pick<Visit, 'id' | 'orgId' | 'visitedOn'>; followUp?: FollowUp; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const owners = useApiGet<Owner[]>(`/api/v1/contacts/owners?orgId=${visit.orgId}`);
  const ownerLabel = useOwnerLabel();
  const [form] = Form.useForm<FollowUpForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    const body = { text: v.text, ownerUserId: v.ownerUserId, dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null };
    await save(async () => {
      if (followUp) await api.put(`/api/v1/contacts/follow-ups/${followUp.id}`, { ...body, version: followUp.version });
      else await api.post(`/api/v1/contacts/visits/${visit.id}/follow-ups`, { followUps: [body] });
    }, () => {
      onSaved();
      onClose();
    });
  };
  const initial = followUp ? { text: followUp.text, ownerUserId: followUp.ownerUserId, dueOn: dayjs(followUp.dueOn) } : { text: '', dueOn: null };
  return (
    <Modal open title={followUp ? t('contacts.followUp.edit') : t('contacts.followUp.add')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} destroyOnHidden>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="text" label={t('contacts.col.followUp')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="ownerUserId" label={t('contacts.col.owner')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={owners.loading} options={(owners.data ?? []).map((o) => ({ value: o.id, label: ownerLabel(o) }))} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('contacts.col.due')} extra={followUp ? null : t('contacts.followUp.dueDefaultShort')}>
          <DatePicker minDate={dayjs(visit.visitedOn)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The follow-ups of a visit, each with its owner, due date and state, and what the caller may do with it. */
export function FollowUpLines({ visit, onChanged }: { visit: Visit; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [closing, setClosing] = useState<FollowUp | null>(null);
  const [editing, setEditing] = useState<FollowUp | 'new' | null>(null);
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <>
      {visit.followUps.length > 0 ? (
        <List
          size="small"
          dataSource={visit.followUps}
          data-testid={`visit-followups-${visit.id}`}
          renderItem={(f) => (
            <List.Item style={{ paddingInline: 0, alignItems: 'flex-start' }} data-testid={`followup-${f.id}`}>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex gap={6} wrap align="center">
                  <FollowUpStateTag state={f.state} />
                  <Typography.Text>{f.text}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('contacts.followUp.line', { owner: f.ownerName, due: f.dueOn })}
                  {f.doneOn ? ` · ${t('contacts.followUp.doneLine', { date: f.doneOn, note: f.doneNote })}` : ''}
                </Typography.Text>
                <Space size={0} wrap>
                  {f.canClose && f.status === 'open' ? (
                    <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setClosing(f)} data-testid={`followup-close-${f.id}`}>
                      {t('contacts.followUp.close')}
                    </Button>
                  ) : null}
                  {f.canEdit ? (
                    <Button type="link" size="small" style={{ paddingInline: 4 }} icon={<EditOutlined />} onClick={() => setEditing(f)}>
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {visit.canEdit ? (
                    <Popconfirm title={t('contacts.followUp.removeConfirm')} onConfirm={() => void act(() => api.delete(`/api/v1/contacts/follow-ups/${f.id}?version=${f.version}`))}>
                      <Button type="link" size="small" danger style={{ paddingInline: 4 }} icon={<DeleteOutlined />} aria-label={t('contacts.remove')} />
                    </Popconfirm>
                  ) : null}
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('contacts.followUp.none')}</Typography.Text>
      )}
      {visit.canEdit ? (
        <Button type="link" size="small" icon={<PlusOutlined />} style={{ paddingInline: 0 }} onClick={() => setEditing('new')}>
          {t('contacts.followUp.add')}
        </Button>
      ) : null}
      {closing ? <CloseFollowUpModal followUp={closing} onClose={() => setClosing(null)} onSaved={onChanged} /> : null}
      {editing ? <FollowUpModal visit={visit} followUp={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={onChanged} /> : null}
    </>
  );
}

/** A visit as a card (phone-friendly): date, purpose, branch and leader, notes, follow-ups. */
export function VisitCard({ visit, onEdit, onChanged }: { visit: Visit; onEdit?: (v: Visit) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const remove = async () => {
    try {
      await api.delete(`/api/v1/contacts/visits/${visit.id}?version=${visit.version}`);
      void message.success(t('contacts.visit.removed'));
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Card
      size="small"
      data-testid={`visit-${visit.id}`}
      title={
        <Flex gap={8} wrap align="center">
          <span>{visit.visitedOn}</span>
          {visit.purpose ? <Tag>{visit.purpose}</Tag> : null}
        </Flex>
      }
      extra={
        visit.canEdit && onEdit ? (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(visit)}>
              {t('common.edit')}
            </Button>
            <Popconfirm title={t('contacts.visit.removeConfirm')} onConfirm={() => void remove()}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('contacts.remove')} />
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('contacts.visit.who', { leader: visit.leaderName, org: visit.orgName })}</Typography.Text>
        {visit.participants ? <Typography.Text type="secondary">{t('contacts.visit.participantsLine', { participants: visit.participants })}</Typography.Text> : null}
        <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{visit.notes}</Typography.Paragraph>
        <FollowUpLines visit={visit} onChanged={onChanged} />
      </Space>
    </Card>
  );
}
