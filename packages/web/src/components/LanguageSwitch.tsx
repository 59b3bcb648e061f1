import { GlobalOutlined } from '@ant-design/icons';
import { LANGUAGES } from '@hongyi/core';
import { App, Button, Dropdown } from 'antd';
import { useErrorText } from '../api/hooks';
import { isLanguage, useI18n } from '../i18n';
import { useSession } from '../session';

/** Language menu; for a signed-in user the choice is also saved on the server. */
export function LanguageSwitch({ onDark = false, compact = false }: { onDark?: boolean; compact?: boolean }) {
  const { language, t } = useI18n();
  const { changeLanguage } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: LANGUAGES.map((code) => ({
          key: code,
          label: <span data-testid={`language-option-${code}`}>{t(`lang.${code}`)}</span>,
        })),
        onClick: ({ key }) => {
          if (!isLanguage(key) || key === language) return;
          changeLanguage(key).catch((error: unknown) => void message.error(errorText(error)));
        },
      }}
    >
      <Button
        type="text"
        data-testid="language-switch"
        aria-label={t('lang.label')}
        icon={<GlobalOutlined />}
        style={onDark ? { color: '#fff' } : undefined}
      >
        {compact ? null : t(`lang.${language}`)}
      </Button>
    </Dropdown>
  );
}
