import { DeleteOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { COMMISSION_KINDS } from '@hongyi/core';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Grid, Input, List, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiBody, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { applyFieldErrors } from '../../components/formErrors';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { InitialPasswordField, UsernameField, showTemporaryPassword } from './accountParts';

const URL = '/api/v1/commission-admin/commissions';
type Listing = ApiResult<'/api/v1/commission-admin/commissions'>;
type Commission = Listing['items'][number];
type NewCommission = ApiBody<'/api/v1/commission-admin/commissions', 'post'>;
type NewAccount = ApiBody<'/api/v1/commission-admin/commissions/{id}/accounts', 'post'>;
const CODE = /^[a-z0-9][a-z0-9_-]{1,39}$/;

/**
 * 委员会管理: the deployment operator's page (the operating unit's system administrators): the
 * commissions (卫健委, 教育工委), the units each groups and the accounts that read them.
 */
export default function CommissionsPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const phone = Grid.useBreakpoint().md === false;
  const list = useApiGet<Listing>(URL);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const opened = list.data?.items.find((c) => c.id === open) ?? null;

  const columns: ColumnsType<Commission> = [
    {
      key: 'name',
      title: t('commissionAdmin.name'),
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{c.name}</Typography.Text>
          <Space size={4} wrap>
            <Tag color={c.kind === 'health' ? 'red' : 'blue'}>{label('commissionKind', c.kind)}</Tag>
            <Typography.Text type="secondary">{c.code}</Typography.Text>
            <Typography.Text type="secondary">{c.officeName}</Typography.Text>
            {phone ? <Typography.Text type="secondary">{t('commissionAdmin.counts', { units: c.units.length, accounts: c.accounts.length })}</Typography.Text> : null}
          </Space>
        </Flex>
      ),
    },
    {
      key: 'units',
      title: t('commissionAdmin.units'),
      // On a phone the row holds the name and the action; the drawer lists units and accounts.
      responsive: ['md'],
      render: (_, c) =>
        c.units.length === 0 ? (
          <Typography.Text type="secondary">{t('commissionAdmin.noUnits')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {c.units.map((u) => (
              <Tag key={u.tenantId}>{u.name}</Tag>
            ))}
          </Space>
        ),
    },
    {
      key: 'accounts',
      title: t('commissionAdmin.accounts'),
      responsive: ['md'],
      render: (_, c) =>
        c.accounts.length === 0 ? (
          <Typography.Text type="secondary">{t('commissionAdmin.noAccounts')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {c.accounts.map((a) => (
              <Tag key={a.id} color={a.active ? undefined : 'default'} style={a.active ? undefined : { textDecoration: 'line-through' }}>
                {a.username}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, c) => (
        <Button size="small" onClick={() => setOpen(c.id)} data-testid={`commission-manage-${c.code}`}>
          {t('commissionAdmin.manage')}
        </Button>
      ),
    },
  ];

  return (
    <PageCard
      title={t('commissionAdmin.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="commission-create">
          {t('commissionAdmin.create')}
        </Button>
      }
    >
      <Flex vertical gap={16} data-testid="commissions-page">
        <Alert type="info" showIcon title={t('commissionAdmin.intro')} />
        {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
        <Table rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} pagination={false} scroll={phone ? undefined : { x: 640 }} data-testid="commission-table" />
      </Flex>
      {creating ? (
        <CreateCommission
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            list.reload();
            setOpen(c.id);
          }}
        />
      ) : null}
      {opened && list.data ? (
        <CommissionDrawer
          commission={opened}
          units={list.data.units}
          onClose={() => setOpen(null)}
          onChanged={list.reload}
          onDeleted={() => {
            setOpen(null);
            list.reload();
          }}
        />
      ) : null}
    </PageCard>
  );
}

function CreateCommission({ onClose, onCreated }: { onClose: () => void; onCreated: (c: Commission) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<NewCommission>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: NewCommission) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<Commission>(URL, { ...values, officeName: values.officeName?.trim() || undefined });
      void message.success(t('commissionAdmin.created'));
      onCreated(created);
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('commissionAdmin.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={busy} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<NewCommission> form={form} name="commission-create" layout="vertical" initialValues={{ kind: 'health' }} onFinish={submit} requiredMark={false} data-testid="commission-form">
        <Form.Item name="name" label={t('commissionAdmin.name')} rules={[{ required: true, whitespace: true, message: t('setup.required', { field: t('commissionAdmin.name') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('commissionAdmin.code')}
          extra={t('commissionAdmin.codeHint')}
          rules={[
            { required: true, message: t('setup.required', { field: t('commissionAdmin.code') }) },
            { pattern: CODE, message: t('commissionAdmin.codeInvalid') },
          ]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('commissionAdmin.kind')}>
          <Select data-testid="commission-kind" options={COMMISSION_KINDS.map((k) => ({ value: k, label: label('commissionKind', k) }))} />
        </Form.Item>
        <Form.Item name="officeName" label={t('commissionAdmin.officeName')} extra={t('commissionAdmin.officeNameHint')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One commission: its name and office, units (attach from the platform's units, detach), accounts (open, disable, reset); an empty one can be deleted. */
function CommissionDrawer({ commission: c, units, onClose, onChanged, onDeleted }: { commission: Commission; units: Listing['units']; onClose: () => void; onChanged: () => void; onDeleted: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const phone = Grid.useBreakpoint().md === false;
  const [error, setError] = useState<string | null>(null);
  const [nameForm] = Form.useForm<{ name: string; officeName?: string }>();
  const [unitForm] = Form.useForm<{ unitCode: string; joinedOn?: Dayjs }>();
  const [accountForm] = Form.useForm<NewAccount>();
  const attachedIds = new Set(c.units.map((u) => u.tenantId));

  /** Runs a change; field errors land on the form, others above it. */
  const run = async (form: Parameters<typeof applyFieldErrors>[0] | null, change: () => Promise<void>) => {
    setError(null);
    try {
      await change();
      onChanged();
    } catch (err) {
      if (!form || !applyFieldErrors(form, err)) setError(errorText(err));
    }
  };

  const rename = (v: { name: string; officeName?: string }) =>
    run(nameForm, async () => {
      const officeName = v.officeName?.trim();
      await api.patch(`${URL}/${c.id}`, { version: c.version, name: v.name, ...(officeName && officeName !== c.officeName ? { officeName } : {}) });
      nameForm.setFieldValue('officeName', undefined);
      void message.success(t('commissionAdmin.renamed'));
    });
  const setActive = (a: Commission['accounts'][number], active: boolean) =>
    run(null, async () => {
      await api.patch(`${URL}/${c.id}/accounts/${a.id}`, { active });
      void message.success(t(active ? 'commissionAdmin.accountEnabled' : 'commissionAdmin.accountDisabled', { username: a.username }));
    });
  const empty = c.units.length === 0 && c.accounts.length === 0;
  const remove = async () => {
    setError(null);
    try {
      await api.delete(`${URL}/${c.id}?version=${c.version}`);
      void message.success(t('commissionAdmin.deleted', { name: c.name }));
      onDeleted();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const attach = (v: { unitCode: string; joinedOn?: Dayjs }) =>
    run(unitForm, async () => {
      await api.post(`${URL}/${c.id}/units`, { unitCode: v.unitCode, ...(v.joinedOn ? { joinedOn: v.joinedOn.format('YYYY-MM-DD') } : {}) });
      unitForm.resetFields();
      void message.success(t('commissionAdmin.attached', { name: units.find((u) => u.code === v.unitCode)?.name ?? v.unitCode }));
    });
  const detach = (u: Commission['units'][number]) =>
    run(null, async () => {
      await api.delete(`${URL}/${c.id}/units/${u.tenantId}`);
      void message.success(t('commissionAdmin.detached', { name: u.name }));
    });
  const createAccount = (v: NewAccount) =>
    run(accountForm, async () => {
      await api.post(`${URL}/${c.id}/accounts`, v);
      accountForm.resetFields();
      void message.success(t('commissionAdmin.accountCreated'));
    });
  const reset = (a: Commission['accounts'][number]) =>
    modal.confirm({
      title: t('users.resetConfirmTitle'),
      content: t('commissionAdmin.resetConfirm', { username: a.username }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const result = await api.post<{ temporaryPassword: string }>(`${URL}/${c.id}/accounts/${a.id}/reset-password`, {});
          showTemporaryPassword(modal, t, result.temporaryPassword);
          onChanged();
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });

  return (
    <Drawer open title={t('commissionAdmin.drawerTitle', { name: c.name })} onClose={onClose} size={phone ? '100%' : 560} destroyOnHidden data-testid="commission-drawer">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="commission-error" /> : null}
      <Form form={nameForm} name="commission-rename" layout="vertical" initialValues={{ name: c.name }} onFinish={(v) => void rename(v)} requiredMark={false} data-testid="commission-rename">
        <Form.Item name="name" label={t('commissionAdmin.name')} rules={[{ required: true, whitespace: true, message: t('setup.required', { field: t('commissionAdmin.name') }) }]} style={{ marginBottom: 8 }}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="officeName" label={t('commissionAdmin.officeName')} extra={t('commissionAdmin.officeNameRenameHint')} style={{ marginBottom: 8 }}>
          <Input maxLength={100} placeholder={c.officeName} data-testid="commission-office-name" />
        </Form.Item>
        <Flex gap={8} justify="space-between" wrap>
          <Button htmlType="submit" data-testid="commission-rename-submit">
            {t('commissionAdmin.rename')}
          </Button>
          <Popconfirm title={t('commissionAdmin.deleteConfirm', { name: c.name })} okButtonProps={{ danger: true }} onConfirm={() => void remove()} disabled={!empty}>
            <Button danger icon={<DeleteOutlined />} disabled={!empty} title={empty ? undefined : t('commissionAdmin.deleteBlocked')} data-testid="commission-delete">
              {t('commissionAdmin.delete')}
            </Button>
          </Popconfirm>
        </Flex>
        {empty ? null : (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
            {t('commissionAdmin.deleteBlocked')}
          </Typography.Text>
        )}
      </Form>

      <Divider titlePlacement="start">{t('commissionAdmin.units')}</Divider>
      <List
        size="small"
        dataSource={c.units}
        locale={{ emptyText: t('commissionAdmin.noUnits') }}
        data-testid="commission-units"
        renderItem={(u) => (
          <List.Item
            actions={[
              <Popconfirm key="detach" title={t('commissionAdmin.detachConfirm', { name: u.name })} onConfirm={() => void detach(u)}>
                <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                  {t('commissionAdmin.detach')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta title={u.name} description={`${u.code} · ${t('commissionAdmin.joinedOn')} ${u.joinedOn}`} />
          </List.Item>
        )}
      />
      <Form form={unitForm} name="commission-attach" layout="vertical" onFinish={(v) => void attach(v)} requiredMark={false} style={{ marginTop: 12 }} data-testid="commission-attach">
        <Flex gap={8} wrap align="flex-end">
          <Form.Item name="unitCode" label={t('commissionAdmin.attach')} rules={[{ required: true, message: t('commissionAdmin.attachPick') }]} style={{ flex: 1, minWidth: 220, marginBottom: 8 }}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('commissionAdmin.attachPick')}
              options={units.filter((u) => !attachedIds.has(u.tenantId)).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
              data-testid="commission-unit-select"
            />
          </Form.Item>
          <Form.Item name="joinedOn" label={t('commissionAdmin.joinedOn')} style={{ marginBottom: 8 }}>
            <DatePicker />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button htmlType="submit" icon={<PlusOutlined />} data-testid="commission-attach-submit">
              {t('commissionAdmin.attach')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>

      <Divider titlePlacement="start">{t('commissionAdmin.accounts')}</Divider>
      <List
        size="small"
        dataSource={c.accounts}
        locale={{ emptyText: t('commissionAdmin.noAccounts') }}
        data-testid="commission-accounts"
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button key="reset" size="small" type="link" icon={<KeyOutlined />} onClick={() => reset(a)} disabled={!a.active}>
                {t('users.resetPassword')}
              </Button>,
              a.active ? (
                <Popconfirm key="disable" title={t('commissionAdmin.disableConfirm', { username: a.username })} okButtonProps={{ danger: true }} onConfirm={() => void setActive(a, false)}>
                  <Button size="small" type="link" danger icon={<StopOutlined />} data-testid={`commission-account-disable-${a.username}`}>
                    {t('commissionAdmin.disable')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button key="enable" size="small" type="link" icon={<CheckCircleOutlined />} onClick={() => void setActive(a, true)} data-testid={`commission-account-enable-${a.username}`}>
                  {t('commissionAdmin.enable')}
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={a.username}
              description={
                <Space size={4} wrap>
                  {a.name}
                  {a.active ? null : <Tag data-testid={`commission-account-disabled-${a.username}`}>{t('commissionAdmin.disabled')}</Tag>}
                  {a.mustChangePassword ? <Tag color="orange">{t('commissionAdmin.mustChange')}</Tag> : null}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Form<NewAccount> form={accountForm} name="commission-account" layout="vertical" onFinish={(v) => void createAccount(v)} requiredMark={false} style={{ marginTop: 12 }} data-testid="commission-account-form">
        <UsernameField />
        <Form.Item name="name" label={t('commissionAdmin.accountName')} rules={[{ required: true, whitespace: true, message: t('setup.required', { field: t('commissionAdmin.accountName') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <InitialPasswordField label={t('commissionAdmin.initialPassword')} />
        <Button htmlType="submit" type="primary" icon={<PlusOutlined />} data-testid="commission-account-submit">
          {t('commissionAdmin.createAccount')}
        </Button>
      </Form>
    </Drawer>
  );
}
