import { useI18n } from '../../i18n';
import { BackHomeResult } from './BackHomeResult';

export default function NotFoundPage() {
  const { t } = useI18n();
  return <BackHomeResult status="404" title={t('notFound.title')} subTitle={t('notFound.subtitle')} />;
}
