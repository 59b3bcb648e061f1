import { DeleteOutlined, KeyOutlined, LinkOutlined, PlusOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { ORG_ROLES, TENANT_WIDE_ROLES, UNIT_ROLES, type Role } from '@hongyi/core';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import type { CreateUserRequest, ResetPasswordResponse, RoleGrantInput, UpdateUserRequest, UserRow } from '../../api/types';
import { applyFieldErrors } from '../../components/formErrors';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { RoleTags } from '../../components/RoleTags';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { InitialPasswordField, UsernameField, showTemporaryPassword } from './accountParts';
import { BulkAccountsDialog } from './BulkAccountsDialog';
import { MemberLinkDialog } from './MemberLinkDialog';

const USER_FILTERS = ['q'] as const;

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserRow } | { mode: 'link'; user: UserRow } | { mode: 'bulk' };

interface RoleRowValue {
  role?: Role;
  orgId?: number | null;
}

interface UserFormValues {
  username: string;
  name: string;
  password: string;
  active: boolean;
  roles: RoleRowValue[];
}

/** Tenant-wide roles and the 承办人 carry no org; the others cover an org's subtree (or, for members, their own branch). */
function needsOrg(role: Role | undefined): boolean {
  return role !== undefined && !TENANT_WIDE_ROLES.includes(role) && role !== 'task_owner';
}

function toGrants(rows: readonly RoleRowValue[]): RoleGrantInput[] {
  return rows
    .filter((row): row is RoleRowValue & { role: Role } => row.role !== undefined)
    .map((row) => ({ role: row.role, orgId: needsOrg(row.role) ? (row.orgId ?? null) : null }));
}

export default function UsersPage() {
  const { t, label } = useI18n();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const list = useServerList<UserRow>({ url: '/api/v1/users', filterKeys: USER_FILTERS });
  const [editing, setEditing] = useState<Editing | null>(null);

  const filters = useMemo<FilterDef[]>(() => [{ kind: 'search', name: 'q', placeholder: t('users.searchPlaceholder') }], [t]);

  const resetPassword = (user: UserRow) => {
    modal.confirm({
      title: t('users.resetConfirmTitle'),
      content: t('users.resetConfirm', { name: user.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const result = await api.post<ResetPasswordResponse>(`/api/v1/users/${user.id}/reset-password`, {});
          showTemporaryPassword(modal, t, result.temporaryPassword);
          list.reload();
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });
  };

  const columns: ColumnsType<UserRow> = [
    { key: 'username', dataIndex: 'username', title: t('users.col.username') },
    { key: 'name', dataIndex: 'name', title: t('users.col.name') },
    { key: 'roles', dataIndex: 'roles', title: t('users.col.roles'), render: (_, user) => <RoleTags roles={user.roles} /> },
    {
      key: 'member',
      dataIndex: 'memberName',
      title: t('users.col.member'),
      render: (name: string | null) => (name ? name : <Typography.Text type="secondary">{t('users.link.none')}</Typography.Text>),
    },
    {
      key: 'active',
      dataIndex: 'active',
      title: t('users.col.active'),
      width: 88,
      render: (active: boolean) => (active ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
    { key: 'language', dataIndex: 'language', title: t('users.col.language'), width: 110, render: (v: string) => label('lang', v) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 270,
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', user })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" icon={<LinkOutlined />} onClick={() => setEditing({ mode: 'link', user })} data-testid={`link-member-${user.username}`}>
            {t('users.link.action')}
          </Button>
          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => resetPassword(user)}>
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <PageCard title={t('users.title')}>
      <ListToolbar
        list={list}
        filters={filters}
        extra={
          <Space wrap>
            <Button icon={<UsergroupAddOutlined />} onClick={() => setEditing({ mode: 'bulk' })} data-testid="bulk-accounts">
              {t('users.bulk.open')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="create-user">
              {t('users.create')}
            </Button>
          </Space>
        }
      />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="user-table" />
      {editing?.mode === 'link' ? (
        <MemberLinkDialog
          user={editing.user}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : editing?.mode === 'bulk' ? (
        <BulkAccountsDialog onClose={() => setEditing(null)} onCreated={list.reload} />
      ) : editing ? (
        <UserEditor
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
    </PageCard>
  );
}

function UserEditor({ editing, onClose, onSaved }: { editing: Extract<Editing, { mode: 'create' | 'edit' }>; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<UserFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isCreate = editing.mode === 'create';

  const initialValues: Partial<UserFormValues> =
    editing.mode === 'edit'
      ? { name: editing.user.name, active: editing.user.active, roles: editing.user.roles.map((r) => ({ role: r.role, orgId: r.orgId })) }
      : { active: true, roles: [{ role: 'member', orgId: null }] };

  const submit = async (values: UserFormValues) => {
    setBusy(true);
    setError(null);
    const roles = toGrants(values.roles ?? []);
    try {
      if (editing.mode === 'create') {
        const body: CreateUserRequest = { username: values.username.trim(), name: values.name.trim(), password: values.password, roles };
        await api.post('/api/v1/users', body);
        void message.success(t('users.created'));
      } else {
        const body: UpdateUserRequest = { version: editing.user.version, name: values.name.trim(), active: values.active, roles };
        await api.patch(`/api/v1/users/${editing.user.id}`, body);
        void message.success(t('common.saved'));
      }
      onSaved();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={isCreate ? t('users.create') : t('users.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      width={640}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" /> : null}
      <Form<UserFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark={false} data-testid="user-form">
        {isCreate ? (
          <UsernameField />
        ) : (
          <Form.Item label={t('users.username')}>
            <Typography.Text strong>{editing.user.username}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('setup.required', { field: t('users.name') }) }]}>
          <Input maxLength={64} />
        </Form.Item>
        {isCreate ? (
          <InitialPasswordField label={t('users.password')} />
        ) : (
          <Form.Item name="active" label={t('users.activeLabel')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <RoleGrantsField />
      </Form>
    </Modal>
  );
}

/** Form.List of role grants: a role, and an org for the roles that need one. */
function RoleGrantsField() {
  const { t } = useI18n();
  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_, rows: RoleRowValue[] | undefined) => {
            if (!rows || rows.length === 0) throw new Error(t('users.rolesRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('users.roles')} required>
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <RoleGrantRow key={field.key} name={field.name} onRemove={() => remove(field.name)} />
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: undefined, orgId: null })} style={{ alignSelf: 'flex-start' }}>
              {t('users.addRole')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  );
}

function RoleGrantRow({ name, onRemove }: { name: number; onRemove: () => void }) {
  const { t, label } = useI18n();
  const form = Form.useFormInstance<UserFormValues>();
  const role = Form.useWatch(['roles', name, 'role'], form) as Role | undefined;
  const orgNeeded = needsOrg(role);
  const roleOptions = useMemo(() => UNIT_ROLES.map((value) => ({ value, label: label('role', value) })), [label]);

  return (
    <Flex gap={8} align="flex-start" wrap>
      <Form.Item name={[name, 'role']} rules={[{ required: true, message: t('users.roleRequired') }]} style={{ marginBottom: 0, width: 200 }}>
        <Select options={roleOptions} placeholder={t('users.role')} aria-label={t('users.role')} />
      </Form.Item>
      {orgNeeded ? (
        <Form.Item
          name={[name, 'orgId']}
          rules={role !== undefined && ORG_ROLES.includes(role) ? [{ required: true, message: t('users.orgRequired') }] : []}
          style={{ marginBottom: 0, flex: 1, minWidth: 220 }}
        >
          <OrgTreeSelect placeholder={t('users.orgForRole')} style={{ width: '100%' }} />
        </Form.Item>
      ) : (
        <Flex align="center" style={{ flex: 1, minWidth: 220, height: 32 }}>
          <Typography.Text type="secondary">{role ? t('users.orgTenantWide') : ''}</Typography.Text>
        </Flex>
      )}
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('users.removeRole')} onClick={onRemove} />
    </Flex>
  );
}
