import { Alert, Button, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useApiGet } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { ArrearsTab } from './ArrearsTab';
import { BasesTab } from './BasesTab';
import { CollectTab } from './CollectTab';
import { PayrollTab } from './PayrollTab';
import { ReportsTab } from './ReportsTab';
import type { BaseSummary } from './types';

const TABS = ['collect', 'bases', 'payroll', 'arrears', 'reports'] as const;
type Tab = (typeof TABS)[number];

/** 党费: what a branch's dues collector and the organisation office work with, one tab each. */
export default function DuesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'collect';
  // Members whose dues are a share of a base but have none: the month close charges them nothing.
  const summary = useApiGet<BaseSummary>('/api/v1/dues/bases/summary');
  const missing = summary.data?.missing ?? 0;
  const content: Record<Tab, React.ReactNode> = {
    collect: <CollectTab />,
    bases: <BasesTab onBaseSet={summary.reload} />,
    payroll: <PayrollTab />,
    arrears: <ArrearsTab />,
    reports: <ReportsTab />,
  };
  const showingMissing = tab === 'bases' && params.get('status') === 'missing';
  return (
    <PageCard title={t('dues.title')}>
      {missing > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="dues-missing-bases"
          title={t('dues.base.missingCount', { count: missing, year: summary.data!.year })}
          action={
            showingMissing ? null : (
              <Button size="small" onClick={() => setParams({ tab: 'bases', status: 'missing', year: String(summary.data!.year) })} data-testid="dues-missing-bases-link">
                {t('dues.base.missingList')}
              </Button>
            )
          }
        />
      ) : null}
      <Tabs
        activeKey={tab}
        // Each tab has its own filters in the URL: switching starts from a clean query.
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={TABS.map((key) => ({ key, label: t(`dues.tab.${key}`), children: content[key] }))}
      />
    </PageCard>
  );
}
