import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { MemberFormModal } from './MemberForm';
import { MemberList } from './MemberList';

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
      {creating ? <MemberFormModal onClose={() => setCreating(false)} onSaved={(id) => void navigate(`/members/${id}`)} /> : null}
    </PageCard>
  );
}
