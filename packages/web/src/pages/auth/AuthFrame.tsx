import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { LogoMark } from '../../components/LogoMark';
import { useI18n } from '../../i18n';

/** The red full-page frame shared by the login and first-run pages. */
export function AuthFrame({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="hy-auth-page">
      <div className="hy-auth-lang">
        <LanguageSwitch onDark />
      </div>
      <Card className={wide ? 'hy-auth-card wide' : 'hy-auth-card'} variant="borderless">
        <Flex vertical align="center" gap={6} style={{ marginBottom: 20 }}>
          <LogoMark size={52} />
          <Typography.Title level={3} style={{ margin: '8px 0 0', letterSpacing: 2 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('auth.subtitle')}</Typography.Text>
        </Flex>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
      <div className="hy-auth-footer">{t('auth.footer')}</div>
    </div>
  );
}
