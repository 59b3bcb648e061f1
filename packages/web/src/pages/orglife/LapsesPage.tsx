import { LAPSE_RULES } from '@hongyi/core';
import { Alert, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { can } from '../../access';
import type { ApiItem } from '../../api/contract';
import { PageCard } from '../../components/PageCard';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { LEVEL_COLORS, useLapseLevelText, yuan } from '../dues/types';
import { MonthStrip } from './shared';

type LapseRow = ApiItem<'/api/v1/orglife/lapses'>;

/**
 * Members flagged under 党章 第九条 (core LAPSE_RULES: months without organisational life),
 * with their dues arrears beside them: the article names both.
 */
export default function LapsesPage() {
  const { t, label } = useI18n();
  const levelText = useLapseLevelText();
  const me = useMe();
  const list = useServerList<LapseRow>({ url: '/api/v1/orglife/lapses', filterKeys: ['orgId', 'minMonths'] });
  // The server adds dues only for callers who may read them (it says so in `duesShown` too).
  const duesShown = can(me, 'dues.read');
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'org', name: 'orgId', placeholder: t('orglife.col.org') },
      { kind: 'select', name: 'minMonths', placeholder: t('orglife.lapses.minMonths'), options: [1, LAPSE_RULES.remindAtMonths, LAPSE_RULES.warnAtMonths, LAPSE_RULES.reportAtMonths].map((n) => ({ value: String(n), label: t('orglife.lapses.atLeast', { months: n }) })) },
    ],
    [t],
  );
  const columns = useMemo<ColumnsType<LapseRow>>(
    () => [
      { key: 'name', dataIndex: 'name', title: t('members.col.name'), render: (v: string, r) => <Link to={`/members/${r.id}`}>{v}</Link> },
      { key: 'orgName', dataIndex: 'orgName', title: t('orglife.col.org') },
      { key: 'months', dataIndex: 'months', title: t('orglife.lapses.months'), width: 100, align: 'center' },
      { key: 'level', dataIndex: 'level', title: t('orglife.lapses.level'), render: (v: LapseRow['level']) => <Tag color={LEVEL_COLORS[v]}>{levelText(v)}</Tag> },
      { key: 'recent', title: t('orglife.lapses.recent'), render: (_: unknown, r) => <MonthStrip recent={r.recent} testId={`lapse-recent-${r.id}`} /> },
      {
        key: 'notAttended',
        title: t('orglife.lapses.notAttended'),
        render: (_: unknown, r) =>
          r.monthsNotAttended > 0 ? (
            <span data-testid={`lapse-not-attended-${r.id}`}>
              {t('orglife.lapses.notAttendedMonths', { months: r.monthsNotAttended })}
              {r.excusedMonths > 0 ? (
                <>
                  <br />
                  <Typography.Text type="warning">{t('orglife.lapses.ofWhichExcused', { months: r.excusedMonths })}</Typography.Text>
                </>
              ) : null}
            </span>
          ) : (
            t('common.none')
          ),
      },
      { key: 'lastAttendedMonth', dataIndex: 'lastAttendedMonth', title: t('orglife.lapses.lastAttended'), render: (v: string | null) => v ?? t('common.none') },
      ...(duesShown
        ? ([
            {
              key: 'dues',
              title: t('orglife.lapses.dues'),
              render: (_: unknown, r: LapseRow) =>
                r.dues && r.dues.consecutiveUnpaidMonths > 0 ? (
                  <span data-testid={`lapse-dues-${r.id}`}>
                    <Tag color={LEVEL_COLORS[r.dues.level]}>{t('orglife.lapses.duesMonths', { months: r.dues.consecutiveUnpaidMonths })}</Tag>
                    <Typography.Text type="secondary">{t('orglife.lapses.outstanding', { amount: yuan(r.dues.outstandingCents) })}</Typography.Text>
                  </span>
                ) : r.dues ? (
                  <Typography.Text type="secondary">{t('orglife.lapses.duesPaid', { month: r.dues.paidThrough ?? t('common.none') })}</Typography.Text>
                ) : (
                  t('common.none')
                ),
            },
          ] satisfies ColumnsType<LapseRow>)
        : []),
    ],
    [t, label, duesShown],
  );
  return (
    <PageCard title={t('orglife.lapses.title')}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('orglife.lapses.rule')} description={t('orglife.lapses.legend')} />
      <ListToolbar list={list} filters={filters} />
      {list.total === 0 && !list.loading ? (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('orglife.lapses.empty', { months: list.filters.minMonths || 3 })} data-testid="lapses-empty" />
      ) : null}
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="orglife-lapses" />
    </PageCard>
  );
}
