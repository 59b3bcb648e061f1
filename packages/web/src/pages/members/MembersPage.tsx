import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { MemberList } from './MemberList';

export default function MembersPage() {
  const { t } = useI18n();
  return (
    <PageCard title={t('members.title')}>
      <MemberList />
    </PageCard>
  );
}
