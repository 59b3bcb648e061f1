/** The organisation office's line about the unit's summary for its commissions: who reads it, as of when, and "summarise now". */
import { SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

type Summary = ApiResult<'/api/v1/unit-summary'>;

export function UnitSummaryBar() {
  const { can } = useSession();
  return can('statistics.write') ? <Bar /> : null;
}

function Bar() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { data, reload } = useApiGet<Summary>('/api/v1/unit-summary');
  const [busy, setBusy] = useState(false);
  if (!data || data.commissions.length === 0) return null;
  const refresh = () => {
    setBusy(true);
    api
      .post('/api/v1/unit-summary/refresh', {})
      .then(() => {
        void message.success(t('summary.refreshed'));
        reload();
      })
      .catch((e: unknown) => void message.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="unit-summary-bar"
      message={t('summary.line', { commissions: data.commissions.map((c) => c.name).join('、'), date: data.asOf ?? t('commission.noSummary') })}
      action={
        <Button size="small" icon={<SyncOutlined />} loading={busy} onClick={refresh} data-testid="unit-summary-refresh">
          {t('summary.refresh')}
        </Button>
      }
    />
  );
}
