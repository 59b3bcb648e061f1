import { Button, Result, type ResultProps } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n';

/** A page that cannot be shown (not allowed, not there): what happened, and the way back to the home page. */
export function BackHomeResult({ status, title, subTitle }: { status: ResultProps['status']; title: ReactNode; subTitle: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status={status}
      title={title}
      subTitle={subTitle}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
