import { Alert, type App, Flex, Form, Input, Typography } from 'antd';
import { useNewPasswordRules } from '../../components/ChangePasswordForm';
import { type Translate, useI18n } from '../../i18n';

/** The server's username rule (users and commission accounts: 3–32 letters, digits, '.', '_' or '-'). */
const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;

/** A new account's username field (unique on the platform; the server says so when taken). */
export function UsernameField() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="username"
      label={t('users.username')}
      extra={t('users.usernameHint')}
      rules={[
        { required: true, message: t('auth.usernameRequired') },
        { pattern: USERNAME, message: t('users.usernameInvalid') },
      ]}
    >
      <Input autoComplete="off" maxLength={32} />
    </Form.Item>
  );
}

/** A new account's initial password, to be changed at the first sign-in. */
export function InitialPasswordField({ label }: { label: string }) {
  const { t } = useI18n();
  const passwordRules = useNewPasswordRules();
  return (
    <Form.Item
      name="password"
      label={label}
      extra={t('users.passwordHint')}
      rules={[{ required: true, message: t('auth.passwordRequired') }, passwordRules.minLength]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}

/** Shows a one-time password once (copyable), with the note that it must be changed. */
export function showTemporaryPassword(modal: ReturnType<typeof App.useApp>['modal'], t: Translate, password: string): void {
  modal.success({
    title: t('users.temporaryPassword'),
    content: (
      <Flex vertical gap={12}>
        <Typography.Text copyable={{ text: password }} code strong style={{ fontSize: 18 }} data-testid="temporary-password">
          {password}
        </Typography.Text>
        <Alert type="warning" showIcon title={t('users.temporaryPasswordNote')} />
      </Flex>
    ),
  });
}
