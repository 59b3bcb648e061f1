import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { ArrearsTab } from './ArrearsTab';
import { BasesTab } from './BasesTab';
import { CollectTab } from './CollectTab';
import { PayrollTab } from './PayrollTab';
import { ReportsTab } from './ReportsTab';

const TABS = ['collect', 'bases', 'payroll', 'arrears', 'reports'] as const;
type Tab = (typeof TABS)[number];

/** 党费: what a branch's dues collector and the organisation office work with, one tab each. */
export default function DuesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'collect';
  const content: Record<Tab, React.ReactNode> = {
    collect: <CollectTab />,
    bases: <BasesTab />,
    payroll: <PayrollTab />,
    arrears: <ArrearsTab />,
    reports: <ReportsTab />,
  };
  return (
    <PageCard title={t('dues.title')}>
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
