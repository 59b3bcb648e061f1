import { App, Alert, Button, Divider, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import type { SetupRequest, SetupStatus } from '../../api/types';
import { useNewPasswordRules } from '../../components/ChangePasswordForm';
import { applyFieldErrors } from '../../components/formErrors';
import { FullPageSpin } from '../../components/RequireAuth';
import { useI18n } from '../../i18n';
import { AuthFrame } from './AuthFrame';

type SetupValues = SetupRequest & { confirmPassword: string };

const TENANT_CODE = /^[a-z0-9][a-z0-9-]*$/;

/** First run: creates the first tenant and its system administrator (`POST /api/v1/setup`). */
export default function SetupPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const passwordRules = useNewPasswordRules();
  const [form] = Form.useForm<SetupValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = useApiGet<SetupStatus>('/api/v1/setup/status');

  useEffect(() => {
    if (status.data && !status.data.needsSetup) navigate('/login', { replace: true });
  }, [status.data, navigate]);

  if (status.loading) return <FullPageSpin />;

  const required = (field: string) => ({ required: true, whitespace: true, message: t('setup.required', { field }) });

  const submit = async ({ confirmPassword: _confirm, ...values }: SetupValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/setup', { ...values, tenantName: values.tenantName.trim(), adminName: values.adminName.trim() }, { skipAuthRedirect: true });
      void message.success(t('setup.done'));
      navigate('/login', { replace: true, state: { username: values.adminUsername } });
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('setup.title')} wide>
      <Alert type="info" showIcon title={t('setup.intro')} style={{ marginBottom: 16 }} />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<SetupValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} data-testid="setup-form">
        <Divider titlePlacement="start" plain>
          {t('setup.tenantSection')}
        </Divider>
        <Form.Item name="tenantName" label={t('setup.tenantName')} rules={[required(t('setup.tenantName'))]}>
          <Input placeholder={t('setup.tenantNamePlaceholder')} maxLength={100} data-testid="setup-tenant-name" />
        </Form.Item>
        <Form.Item
          name="tenantCode"
          label={t('setup.tenantCode')}
          extra={t('setup.tenantCodeHint')}
          rules={[required(t('setup.tenantCode')), { pattern: TENANT_CODE, message: t('setup.tenantCodeInvalid') }]}
        >
          <Input maxLength={32} data-testid="setup-tenant-code" />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('setup.adminSection')}
        </Divider>
        <Form.Item name="adminUsername" label={t('setup.adminUsername')} rules={[required(t('setup.adminUsername'))]}>
          <Input autoComplete="username" maxLength={64} data-testid="setup-admin-username" />
        </Form.Item>
        <Form.Item name="adminName" label={t('setup.adminName')} rules={[required(t('setup.adminName'))]}>
          <Input maxLength={64} data-testid="setup-admin-name" />
        </Form.Item>
        <Form.Item
          name="adminPassword"
          label={t('setup.adminPassword')}
          rules={[required(t('setup.adminPassword')), passwordRules.minLength]}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-admin-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('setup.confirmPassword')}
          dependencies={['adminPassword']}
          rules={[required(t('setup.confirmPassword')), passwordRules.repeats('adminPassword')]}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
