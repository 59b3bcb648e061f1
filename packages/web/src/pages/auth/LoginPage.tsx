import { BankOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import type { SetupStatus } from '../../api/types';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { AuthFrame } from './AuthFrame';

interface LoginValues {
  username: string;
  password: string;
  tenant?: string;
}

interface LoginState {
  from?: string;
  username?: string;
}

/** Only same-app paths are followed after login. */
function safeTarget(from: string | undefined): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export default function LoginPage() {
  const { t } = useI18n();
  const { status, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only names that several units shared before usernames became unique need the unit's code.
  const [askTenant, setAskTenant] = useState(false);

  // A fresh installation has no tenant yet: go to the first-run page instead.
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<SetupStatus>('/api/v1/setup/status', { signal: controller.signal, skipAuthRedirect: true })
      .then((result) => {
        if (result?.needsSetup) navigate('/setup', { replace: true });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [navigate]);

  if (status === 'authenticated') return <Navigate to={safeTarget(state.from)} replace />;

  const submit = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      const tenant = values.tenant?.trim();
      await api.post('/api/v1/auth/login', { username: values.username.trim(), password: values.password, ...(askTenant && tenant ? { tenant } : {}) }, { skipAuthRedirect: true });
      const me = await refresh();
      if (!me) throw new Error('session not established');
      navigate(safeTarget(state.from), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TENANT_REQUIRED') setAskTenant(true);
      const text = errorText(err);
      setError(text === t('error.unknown') ? t('auth.failed') : text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('auth.title')}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
      <Form<LoginValues>
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={{ username: state.username ?? '' }}
        data-testid="login-form"
      >
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
        </Form.Item>
        {askTenant ? (
          <Form.Item name="tenant" label={t('auth.tenant')} extra={t('auth.tenantHint')} rules={[{ required: true, whitespace: true, message: t('auth.tenantRequired') }]}>
            <Input prefix={<BankOutlined />} size="large" autoComplete="organization" data-testid="login-tenant" />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
          {t('auth.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }} data-testid="login-help">
        {t('auth.help')}
      </Typography.Paragraph>
    </AuthFrame>
  );
}
