import { TERM_RULES } from '@hongyi/core';
import { Alert, App, Form, type FormInstance, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { flattenOrgs, useApiGet, useErrorText, useOrgTree } from '../../api/hooks';
import type { OrgType } from '../../api/types';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { SaveError, childTypesOf, isElectedType, problemText, saveErrorOf } from './shared';
import type { OrgDetail } from './types';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';
import type { ApiResult } from '../../api/contract';

const UNIT_SITUATIONS = ['same_as_parent', 'legal_entity', 'joint'] as const;

interface OrgFormValues {
  type?: OrgType;
  name: string;
  shortName?: string;
  campusId?: number | null;
  establishedOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  contactName?: string;
  contactPhone?: string;
  unitSituation?: string;
  unitNature?: string;
  termYears?: number | null;
  termDelayedUntil?: Dayjs | null;
  departmentIds?: number[];
}

const day = (value: Dayjs | null | undefined): string | null => (value ? value.format('YYYY-MM-DD') : null);
const parsed = (value: string | null | undefined): Dayjs | null => (value ? dayjs(value) : null);

/** The departments list, also the source of the campus options (a campus is named where its departments are). */
export function useDepartments() {
  const { data, loading, error, reload } = useApiGet<ApiResult<'/api/v1/departments'>>('/api/v1/departments');
  const campuses = useMemo(() => {
    const seen = new Map<number, string>();
    for (const d of data?.items ?? []) if (d.campusId !== null && d.campusName) seen.set(d.campusId, d.campusName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [data]);
  return { departments: data?.items ?? [], campuses, loading, error, reload };
}

/** Create an organisation under `parent`, or edit `org` (with its version: a concurrent edit gets 409). */
export function OrgFormDialog(
  props: ({ mode: 'create'; parent: OrgDetail } | { mode: 'edit'; org: OrgDetail }) & { onClose: () => void; onDone: (id: number) => void },
) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const { departments, campuses, loading } = useDepartments();
  const org = props.mode === 'edit' ? props.org : null;
  const typeOptions = props.mode === 'create' ? childTypesOf(props.parent.type) : [];
  const type = Form.useWatch('type', form) ?? org?.type;

  const initialValues: Partial<OrgFormValues> = org
    ? {
        name: org.name,
        shortName: org.shortName ?? '',
        campusId: org.campusId,
        establishedOn: parsed(org.establishedOn),
        endsOn: parsed(org.endsOn),
        contactName: org.contactName ?? '',
        contactPhone: org.contactPhone ?? '',
        unitSituation: org.unitSituation ?? undefined,
        unitNature: org.unitNature ?? '',
        termYears: org.termYears,
        termDelayedUntil: parsed(org.termDelayedUntil),
        departmentIds: org.departments.map((d) => d.id),
      }
    : { type: typeOptions.includes('branch') ? 'branch' : typeOptions[0], campusId: props.mode === 'create' ? props.parent.campusId : null, unitSituation: 'same_as_parent' };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const fields = {
      name: v.name,
      shortName: v.shortName ?? '',
      campusId: v.campusId ?? null,
      establishedOn: day(v.establishedOn),
      endsOn: day(v.endsOn),
      contactName: v.contactName ?? '',
      contactPhone: v.contactPhone ?? '',
      unitSituation: (v.unitSituation ?? 'same_as_parent') as (typeof UNIT_SITUATIONS)[number],
      unitNature: v.unitNature ?? '',
      ...(type && isElectedType(type) ? { termYears: v.termYears ?? null, termDelayedUntil: day(v.termDelayedUntil) } : {}),
      departmentIds: v.departmentIds ?? [],
    };
    try {
      if (props.mode === 'create') {
        const res = await api.post<ApiResult<'/api/v1/orgs', 'post'>>('/api/v1/orgs', { parentId: props.parent.id, type: v.type, ...fields });
        void message.success(t('orgs.created'));
        props.onDone(res.id);
      } else {
        await api.patch(`/api/v1/orgs/${props.org.id}`, { version: props.org.version, ...fields });
        void message.success(t('common.saved'));
        props.onDone(props.org.id);
      }
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(saveErrorOf(err, errorText));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={props.mode === 'create' ? t('orgs.createUnder', { name: props.parent.name }) : t('orgs.editTitle', { name: props.org.name })}
      okText={t('common.save')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <SaveError error={error} testId="org-form-error" onReload={() => props.onDone(props.mode === 'edit' ? props.org.id : props.parent.id)} />
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid="org-form" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', columnGap: 16 }}>
        {props.mode === 'create' ? (
          <Form.Item name="type" label={t('orgs.field.type')} rules={[{ required: true }]}>
            <Select options={typeOptions.map((value) => ({ value, label: label('orgType', value) }))} data-testid="org-form-type" />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t('orgs.field.name')} rules={[{ required: true, min: 2, max: 100, message: t('orgs.nameRule') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('orgs.field.shortName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="campusId" label={t('orgs.field.campus')}>
          <Select allowClear options={campuses} loading={loading} />
        </Form.Item>
        <Form.Item name="establishedOn" label={t('orgs.field.establishedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {type === 'temporary_branch' ? (
          <Form.Item name="endsOn" label={t('orgs.field.endsOn')} rules={[{ required: true, message: t('orgs.endsOnRule') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="contactName" label={t('orgs.field.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('orgs.field.contactPhone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="unitSituation" label={t('orgs.field.unitSituation')}>
          <Select options={UNIT_SITUATIONS.map((value) => ({ value, label: label('orgs.unitSituation', value) }))} />
        </Form.Item>
        <Form.Item name="unitNature" label={t('orgs.field.unitNature')}>
          <Input maxLength={50} />
        </Form.Item>
        {type && isElectedType(type) ? (
          <>
            <Form.Item name="termYears" label={t('orgs.field.termYears')} extra={t('orgs.termYearsHint')}>
              <InputNumber min={TERM_RULES.minYears} max={TERM_RULES.maxYears} style={{ width: '100%' }} />
            </Form.Item>
            {org ? (
              <Form.Item name="termDelayedUntil" label={t('orgs.field.termDelayedUntil')} extra={t('orgs.termDelayHint')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="departmentIds" label={t('orgs.field.departments')} style={{ gridColumn: '1 / -1' }}>
          <Select
            mode="multiple"
            allowClear
            loading={loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.map((d) => ({ value: d.id, label: d.campusName ? `${d.name}（${d.campusName}）` : d.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The frame of a move, merge or dissolve: the refusal on top, the form with the event's date
 * (today by default: the day the 党委 decided it), and what follows from it below.
 */
function OrgActionModal<V>({
  title,
  okText,
  danger = false,
  okDisabled = false,
  form,
  action: { busy, error, submit },
  onClose,
  hint,
  children,
  consequence,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  okDisabled?: boolean;
  form: FormInstance<V>;
  /** The dialog's save (useOrgAction). */
  action: { busy: boolean; error: string | null; submit: () => Promise<void> };
  onClose: () => void;
  hint?: ReactNode;
  children?: ReactNode;
  consequence?: ReactNode;
}) {
  const { t } = useI18n();
  const today = useToday();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={danger || okDisabled ? { danger, disabled: okDisabled } : undefined}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {hint}
      <Form form={form} layout="vertical" initialValues={{ onDate: today.day }}>
        {children}
        <Form.Item name="onDate" label={t('orgs.onDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {consequence}
    </Modal>
  );
}

function useOrgName(): (id: number | null | undefined) => string {
  const { data } = useOrgTree();
  const all = useMemo(() => flattenOrgs(data ?? []), [data]);
  return (id) => all.find((o) => o.id === id)?.name ?? '';
}

/** The save of a move, merge or dissolve dialog: busy while it runs, the server's reason on failure, its success message. */
function useOrgAction<V>(form: FormInstance<V>, onDone: () => void, run: (values: V) => Promise<string>) {
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      void message.success(await run(values));
      onDone();
    } catch (err) {
      setError(problemText(err, errorText));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

export function MoveDialog({ org, onClose, onDone }: { org: OrgDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ parentId: number | null; onDate: Dayjs }>();
  const action = useOrgAction(form, onDone, async (v) => {
    await api.post(`/api/v1/orgs/${org.id}/move`, { version: org.version, parentId: v.parentId, onDate: day(v.onDate) });
    return t('orgs.moved');
  });
  return (
    <OrgActionModal
      title={t('orgs.moveTitle', { name: org.name })}
      okText={t('orgs.move')}
      form={form}
      action={action}
      onClose={onClose}
      hint={<Typography.Paragraph type="secondary">{t('orgs.moveHint', { parent: org.parentName ?? t('common.none') })}</Typography.Paragraph>}
    >
      <Form.Item name="parentId" label={t('orgs.newParent')} rules={[{ required: true, message: t('orgs.pickOrg') }]}>
        <OrgTreeSelect />
      </Form.Item>
    </OrgActionModal>
  );
}

export function MergeDialog({ org, onClose, onDone }: { org: OrgDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const nameOf = useOrgName();
  const [form] = Form.useForm<{ intoId: number | null; onDate: Dayjs }>();
  const intoId = Form.useWatch('intoId', form);
  const action = useOrgAction(form, onDone, async (v) => {
    const res = await api.post<ApiResult<'/api/v1/orgs/{id}/merge', 'post'>>(`/api/v1/orgs/${org.id}/merge`, { version: org.version, intoId: v.intoId, onDate: day(v.onDate) });
    return t('orgs.mergedResult', { members: res.members, children: res.children, target: nameOf(v.intoId) });
  });
  return (
    <OrgActionModal
      title={t('orgs.mergeTitle', { name: org.name })}
      okText={t('orgs.mergeConfirm')}
      danger
      okDisabled={!intoId}
      form={form}
      action={action}
      onClose={onClose}
      consequence={
        <Alert
          type="warning"
          showIcon
          data-testid="merge-consequence"
          title={
            org.type === 'party_group'
              ? // The server keeps a merged party group's members in their branch (outside any group).
                t('orgs.dissolveGroupConsequence', { members: org.memberCount, branch: org.parentName ?? '' })
              : intoId
              ? t('orgs.mergeConsequence', { name: org.name, members: org.memberCount, children: org.children.length, target: nameOf(intoId) })
              : t('orgs.mergePickFirst')
          }
        />
      }
    >
      <Form.Item name="intoId" label={t('orgs.mergeInto')} rules={[{ required: true, message: t('orgs.pickOrg') }]}>
        <OrgTreeSelect />
      </Form.Item>
    </OrgActionModal>
  );
}

export function DissolveDialog({ org, onClose, onDone }: { org: OrgDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const nameOf = useOrgName();
  const [form] = Form.useForm<{ membersToId: number | null; onDate: Dayjs }>();
  const membersToId = Form.useWatch('membersToId', form);
  const action = useOrgAction(form, onDone, async (v) => {
    await api.post(`/api/v1/orgs/${org.id}/dissolve`, { version: org.version, onDate: day(v.onDate), ...(v.membersToId ? { membersToId: v.membersToId } : {}) });
    return t('orgs.dissolved');
  });
  const isGroup = org.type === 'party_group';
  const hasPeople = org.memberCount > 0 || org.children.length > 0;
  // A party group's members stay in its branch; anything else with members or child orgs needs a destination.
  const needsTarget = hasPeople && !isGroup;
  const consequence = isGroup
    ? t('orgs.dissolveGroupConsequence', { members: org.memberCount, branch: org.parentName ?? '' })
    : !hasPeople
      ? t('orgs.dissolveEmptyConsequence')
      : membersToId
        ? t('orgs.dissolveConsequence', { members: org.memberCount, children: org.children.length, target: nameOf(membersToId) })
        : t('orgs.dissolvePickFirst', { members: org.memberCount, children: org.children.length });
  return (
    <OrgActionModal
      title={t('orgs.dissolveTitle', { name: org.name })}
      okText={t('orgs.dissolveConfirm')}
      danger
      okDisabled={needsTarget && !membersToId}
      form={form}
      action={action}
      onClose={onClose}
      consequence={<Alert type="warning" showIcon data-testid="dissolve-consequence" title={consequence} description={t('orgs.historyKept')} />}
    >
      {needsTarget ? (
        <Form.Item name="membersToId" label={t('orgs.membersTo')} rules={[{ required: true, message: t('orgs.pickOrg') }]}>
          <OrgTreeSelect />
        </Form.Item>
      ) : null}
    </OrgActionModal>
  );
}
