import { Button, Result } from 'antd';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

/** The server cannot be reached: say so and offer to try again. Loaded only when it happens. */
export default function UnavailablePage() {
  const { refresh } = useSession();
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={t('error.network')}
      extra={
        <Button type="primary" onClick={() => void refresh()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
