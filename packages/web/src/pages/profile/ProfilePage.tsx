import { LANGUAGES } from '@hongyi/core';
import { App, Card, Col, Descriptions, Row, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../api/hooks';
import { ChangePasswordForm } from '../../components/ChangePasswordForm';
import { RoleTags } from '../../components/RoleTags';
import { isLanguage, useI18n } from '../../i18n';
import { useMe, useSession } from '../../session';

export default function ProfilePage() {
  const { t, language } = useI18n();
  const me = useMe();
  const { changeLanguage } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [saving, setSaving] = useState(false);

  const onLanguage = (value: string) => {
    if (!isLanguage(value)) return;
    setSaving(true);
    changeLanguage(value)
      .then(() => void message.success(t('lang.saved')))
      .catch((error: unknown) => void message.error(errorText(error)))
      .finally(() => setSaving(false));
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('profile.basic')} variant="borderless" style={{ marginBottom: 16 }}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'username', label: t('profile.username'), children: me.user.username },
              { key: 'name', label: t('profile.name'), children: me.user.name },
              { key: 'tenant', label: t('profile.tenant'), children: me.tenant.name },
              { key: 'roles', label: t('profile.roles'), children: me.roles.length ? <RoleTags roles={me.roles} /> : t('profile.noRoles') },
            ]}
          />
        </Card>
        <Card title={t('profile.language')} variant="borderless">
          <Segmented
            data-testid="profile-language"
            value={language}
            disabled={saving}
            options={LANGUAGES.map((code) => ({ value: code, label: t(`lang.${code}`) }))}
            onChange={(value) => onLanguage(String(value))}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('profile.languageHint')}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('profile.changePassword')} variant="borderless">
          <ChangePasswordForm />
        </Card>
      </Col>
    </Row>
  );
}
