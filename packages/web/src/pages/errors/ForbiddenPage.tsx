import { useI18n } from '../../i18n';
import { BackHomeResult } from './BackHomeResult';

export default function ForbiddenPage() {
  const { t } = useI18n();
  return <BackHomeResult status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />;
}
