import { PASSWORD_MIN_LENGTH } from '@hongyi/core';
import { App, Button, Form, Input, type FormRule } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useErrorText } from '../api/hooks';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { applyFieldErrors } from './formErrors';

/** The rules every new password is asked with: long enough, and its confirmation repeats it (the setup's and the change's). */
export function useNewPasswordRules() {
  const { t } = useI18n();
  const minLength: FormRule = { min: PASSWORD_MIN_LENGTH, message: t('password.minLength', { min: PASSWORD_MIN_LENGTH }) };
  const repeats =
    (field: string): FormRule =>
    ({ getFieldValue }) => ({
      validator: (_, value: string | undefined) => (!value || value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
    });
  return { minLength, repeats };
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** `POST /api/v1/auth/password {currentPassword, newPassword}`; re-reads `me` afterwards. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const errorText = useErrorText();
  const passwordRules = useNewPasswordRules();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      await api.post('/api/v1/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(t('password.changed'));
      form.resetFields();
      await refresh();
      onDone?.();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 400 }}>
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" data-testid="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('auth.passwordRequired') },
          passwordRules.minLength,
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value && value === getFieldValue('currentPassword') ? Promise.reject(new Error(t('password.sameAsCurrent'))) : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[{ required: true, message: t('auth.passwordRequired') }, passwordRules.repeats('newPassword')]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
