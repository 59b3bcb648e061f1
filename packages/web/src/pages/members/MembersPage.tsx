import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { MemberList } from './MemberList';

// The form (and the ID-number rules it checks with) loads when someone adds a member, not with the list.
const MemberFormModal = lazy(() => import('./MemberForm').then((module) => ({ default: module.MemberFormModal })));

export default function MembersPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const writable = can('members.write');
  return (
    <PageCard
      title={t('members.title')}
      extra={
        writable ? (
          <>
            <Button icon={<UploadOutlined />} onClick={() => void navigate('/members/import')} style={{ marginRight: 8 }} data-testid="member-import-link">
              {t('members.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-new">
              {t('members.new')}
            </Button>
          </>
        ) : null
      }
    >
      <MemberList />
      {creating ? (
        <Suspense fallback={null}>
          <MemberFormModal onClose={() => setCreating(false)} onSaved={(id) => void navigate(`/members/${id}`)} />
        </Suspense>
      ) : null}
    </PageCard>
  );
}
