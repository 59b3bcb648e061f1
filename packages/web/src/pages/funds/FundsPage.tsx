/**
 * Party-work funds (党建经费): the requests queue (a branch asks for itself; the office approves,
 * returns or records the payment), the budget lines by org with their balance, the expenses, and
 * the 三优先 report by quarter. A year at a time; one workbook to export. A branch secretary sees
 * and asks for their own branch only (the server scopes every answer); the leader and the
 * inspector read.
 */
import { SettingOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { toQueryString } from '../../api/client';
import { useApiGet, useUrlParams } from '../../api/hooks';
import { can } from '../../access';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';
import { ExpensesTab } from './ExpensesTab';
import { LinesTab } from './LinesTab';
import { PriorityTab } from './PriorityTab';
import { RequestsTab } from './RequestsTab';
import { SettingsModal } from './SettingsModal';
import type { FundsSettings } from './shared';

const TABS = ['requests', 'lines', 'expenses', 'priority'] as const;
type Tab = (typeof TABS)[number];

export default function FundsPage() {
  const { t } = useI18n();
  const me = useMe();
  const today = useToday();
  const [params, setParams] = useUrlParams();
  const [, setSearch] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'requests';
  const year = Number(params.get('year')) || today.year;
  const years = Array.from({ length: 5 }, (_, i) => today.year + 1 - i);
  const settings = useApiGet<FundsSettings>('/api/v1/funds/settings');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const orgId = params.get('orgId');
  return (
    <PageCard
      title={t('funds.title')}
      extra={
        <Flex gap={8} wrap>
          <Select
            value={year}
            style={{ width: 110 }}
            onChange={(v) => setParams('year', v === today.year ? null : v)}
            options={years.map((y) => ({ value: y, label: t('funds.year', { year: y }) }))}
            data-testid="funds-year"
          />
          <ExportButton url={`/api/v1/funds/export${toQueryString({ year, orgId })}`} />
          <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="funds-settings">
            {can(me, 'settings.manage') ? t('funds.settings.edit') : t('funds.settings.view')}
          </Button>
        </Flex>
      }
    >
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) =>
          // Each tab is its own list: its page and status filter do not carry over.
          setSearch((current) => {
            const next = new URLSearchParams(current);
            for (const name of ['page', 'pageSize', 'status', 'budgetLineId']) next.delete(name);
            if (key === 'requests') next.delete('tab');
            else next.set('tab', key);
            return next;
          })
        }
        items={[
          { key: 'requests', label: t('funds.tab.requests'), children: <RequestsTab settings={settings.data} /> },
          { key: 'lines', label: t('funds.tab.lines'), children: <LinesTab year={year} settings={settings.data} /> },
          { key: 'expenses', label: t('funds.tab.expenses'), children: <ExpensesTab year={year} /> },
          { key: 'priority', label: t('funds.tab.priority'), children: <PriorityTab year={year} /> },
        ]}
      />
      {settingsOpen && settings.data ? <SettingsModal settings={settings.data} editable={can(me, 'settings.manage')} onClose={() => setSettingsOpen(false)} onSaved={settings.reload} /> : null}
    </PageCard>
  );
}
