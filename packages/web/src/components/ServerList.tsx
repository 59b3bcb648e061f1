/**
 * The one server-paginated list of the app. State lives in the URL search params
 * (page, pageSize, sort, order and the list's filters) so a list can be bookmarked,
 * shared and reloaded; the table asks the server for one page at a time, and the export
 * button downloads `<list url>/export?<the same filters and sort>`.
 */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { LIST_MAX_OFFSET } from '@hongyi/core';
import { Alert, App, Button, Flex, Input, Select, Table, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api, downloadFile, isAbortError, toQueryString } from '../api/client';
import { useErrorText } from '../api/hooks';
import type { Page } from '../api/types';
import { useI18n } from '../i18n';
import { OrgTreeSelect } from './OrgTreeSelect';
import { DatePicker } from './DatePicker';

export type SortOrder = 'asc' | 'desc';
const PAGE_SIZES = [10, 20, 50, 100];

export interface ServerListOptions {
  /** The list endpoint, e.g. '/api/v1/members'. */
  url: string;
  /** Names of the URL search params that are passed through to the server as filters. */
  filterKeys: readonly string[];
  defaultSort?: string;
  defaultOrder?: SortOrder;
  defaultPageSize?: number;
}

export interface ServerList<Row> {
  rows: Row[];
  total: number;
  loading: boolean;
  error: unknown;
  page: number;
  pageSize: number;
  sort: string | undefined;
  order: SortOrder | undefined;
  /** Current filter values from the URL ('' when unset). */
  filters: Record<string, string>;
  /** Sets filters (empty/undefined removes them) and goes back to page 1. */
  setFilters: (next: Record<string, string | number | null | undefined>) => void;
  setPaging: (page: number, pageSize: number) => void;
  setSort: (sort: string | undefined, order: SortOrder | undefined) => void;
  reload: () => void;
  exportUrl: string;
  /** Fields of the last page beside items and total (a list may say more about itself), once loaded. */
  extra: Record<string, unknown> | null;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function useServerList<Row>(options: ServerListOptions): ServerList<Row> {
  const { url, filterKeys, defaultSort, defaultOrder = 'asc', defaultPageSize = 20 } = options;
  const [searchParams, setSearchParams] = useSearchParams();
  const [data, setData] = useState<Page<Row>>({ items: [], total: 0 });
  const [extra, setExtra] = useState<Record<string, unknown> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const page = positiveInt(searchParams.get('page'), 1);
  const pageSize = Math.min(positiveInt(searchParams.get('pageSize'), defaultPageSize), 200);
  const sortParam = searchParams.get('sort');
  const sort = sortParam ?? defaultSort;
  const orderParam = searchParams.get('order');
  const order: SortOrder | undefined =
    orderParam === 'asc' || orderParam === 'desc' ? orderParam : sortParam ? 'asc' : defaultSort ? defaultOrder : undefined;

  const filterKeyList = filterKeys.join(',');
  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const key of filterKeyList.split(',')) if (key) out[key] = searchParams.get(key) ?? '';
    return out;
  }, [searchParams, filterKeyList]);

  const filterQuery = toQueryString({ ...filters, sort, order });
  const listUrl = `${url}${toQueryString({ page, pageSize, ...filters, sort, order })}`;
  const exportUrl = `${url}/export${filterQuery}`;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<Page<Row> & Record<string, unknown>>(listUrl, { signal: controller.signal })
      .then((result) => {
        setData({ items: result?.items ?? [], total: result?.total ?? 0 });
        if (result) {
          const { items: _items, total: _total, ...rest } = result;
          setExtra(rest);
        }
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (isAbortError(err)) return;
        setError(err);
        setData({ items: [], total: 0 });
        setLoading(false);
      });
    return () => controller.abort();
  }, [listUrl, generation]);

  const update = useCallback(
    (changes: Record<string, string | number | null | undefined>) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (next.get('page') === '1') next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setSearchParams],
  );

  const setFilters = useCallback((next: Record<string, string | number | null | undefined>) => update({ ...next, page: null }), [update]);
  const setPaging = useCallback(
    (nextPage: number, nextSize: number) =>
      update({ page: nextSize === pageSize ? nextPage : 1, pageSize: nextSize === defaultPageSize ? null : nextSize }),
    [update, pageSize, defaultPageSize],
  );
  const setSort = useCallback(
    (nextSort: string | undefined, nextOrder: SortOrder | undefined) =>
      update({ sort: nextSort ?? null, order: nextSort ? (nextOrder ?? 'asc') : null, page: null }),
    [update],
  );
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return {
    rows: data.items,
    total: data.total,
    loading,
    error,
    page,
    pageSize,
    sort,
    order,
    filters,
    setFilters,
    setPaging,
    setSort,
    reload,
    exportUrl,
    extra,
  };
}

export interface ServerTableProps<Row> {
  list: ServerList<Row>;
  /** Columns with `sorter: true` sort on the server by their `key`. */
  columns: ColumnsType<Row>;
  rowKey: keyof Row & string;
  expandable?: TableProps<Row>['expandable'];
  scrollX?: number | string;
  'data-testid'?: string;
}

export function ServerTable<Row extends object>({ list, columns, rowKey, expandable, scrollX, ...rest }: ServerTableProps<Row>) {
  const { t } = useI18n();
  const errorText = useErrorText();

  const controlledColumns = useMemo(
    () =>
      columns.map((column) => {
        if (!column.sorter || column.key === undefined) return column;
        const active = list.sort === String(column.key);
        return { ...column, sortOrder: active ? (list.order === 'desc' ? 'descend' : 'ascend') : null } as typeof column;
      }),
    [columns, list.sort, list.order],
  );

  const onChange: TableProps<Row>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const single = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Row> | undefined;
      const key = single?.order ? single.columnKey : undefined;
      list.setSort(key === undefined ? undefined : String(key), single?.order === 'descend' ? 'desc' : 'asc');
      return;
    }
    if (extra.action === 'paginate') list.setPaging(pagination.current ?? 1, pagination.pageSize ?? list.pageSize);
  };

  return (
    <>
      {list.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('error.loadFailed')}
          description={errorText(list.error)}
          action={
            <Button size="small" onClick={list.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : null}
      <Table<Row>
        data-testid={rest['data-testid']}
        size="small"
        rowKey={rowKey}
        columns={controlledColumns}
        dataSource={list.rows}
        loading={list.loading}
        expandable={expandable}
        scroll={{ x: scrollX ?? 'max-content' }}
        onChange={onChange}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          // The server pages no deeper than LIST_MAX_OFFSET rows (and counts long lists only that
          // far): the pager offers no page it would refuse.
          total: Math.min(list.total, LIST_MAX_OFFSET),
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          // A total of exactly LIST_MAX_OFFSET is a count the server stopped at (audit trail, ledger).
          showTotal: () => (list.total === LIST_MAX_OFFSET ? t('common.totalAtLeast', { total: LIST_MAX_OFFSET.toLocaleString() }) : t('common.total', { total: list.total })),
        }}
      />
    </>
  );
}

export type FilterDef =
  | { kind: 'search'; name: string; placeholder: string; width?: number }
  | { kind: 'select'; name: string; placeholder: string; options: { value: string; label: string }[]; width?: number }
  | { kind: 'org'; name: string; placeholder: string; width?: number }
  | { kind: 'dateRange'; name: string; toName: string; width?: number };

/** Filter controls bound to the list's URL params, plus refresh and export. */
export function ListToolbar<Row>({
  list,
  filters,
  exportable = false,
  extra,
}: {
  list: ServerList<Row>;
  filters: readonly FilterDef[];
  exportable?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const hasFilter = filters.some((f) => list.filters[f.name] || (f.kind === 'dateRange' && list.filters[f.toName]));
  return (
    <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
      <Flex wrap gap={8} align="center">
        {filters.map((filter) => (
          <FilterControl key={filter.name} list={list} filter={filter} />
        ))}
        {hasFilter ? (
          <Button
            type="link"
            onClick={() =>
              list.setFilters(Object.fromEntries(filters.flatMap((f) => (f.kind === 'dateRange' ? [f.name, f.toName] : [f.name])).map((name) => [name, null])))
            }
          >
            {t('common.reset')}
          </Button>
        ) : null}
      </Flex>
      <Flex wrap gap={8} align="center">
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={list.reload} />
        </Tooltip>
        {exportable ? <ExportButton url={list.exportUrl} /> : null}
        {extra}
      </Flex>
    </Flex>
  );
}

function FilterControl<Row>({ list, filter }: { list: ServerList<Row>; filter: FilterDef }) {
  const { t } = useI18n();
  const value = list.filters[filter.name] ?? '';
  switch (filter.kind) {
    case 'search':
      return (
        <Input.Search
          // Re-mount when the URL changes (back button, reset) so the box shows the URL's value.
          key={value}
          defaultValue={value}
          allowClear
          placeholder={filter.placeholder}
          aria-label={filter.placeholder}
          style={{ width: filter.width ?? 240 }}
          onSearch={(text) => list.setFilters({ [filter.name]: text.trim() })}
        />
      );
    case 'select':
      return (
        <Select
          allowClear
          value={value || undefined}
          placeholder={filter.placeholder}
          aria-label={filter.placeholder}
          options={filter.options}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: filter.width ?? 160 }}
          onChange={(next: string | undefined) => list.setFilters({ [filter.name]: next })}
        />
      );
    case 'org':
      return (
        <OrgTreeSelect
          value={value ? Number(value) : null}
          placeholder={filter.placeholder}
          style={{ width: filter.width ?? 220 }}
          onChange={(next) => list.setFilters({ [filter.name]: next })}
        />
      );
    case 'dateRange': {
      const to = list.filters[filter.toName] ?? '';
      return (
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[value ? dayjs(value) : null, to ? dayjs(to) : null]}
          placeholder={[t('list.dateFrom'), t('list.dateTo')]}
          style={{ width: filter.width ?? 260 }}
          onChange={(dates) =>
            list.setFilters({
              [filter.name]: dates?.[0]?.format('YYYY-MM-DD'),
              [filter.toName]: dates?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
      );
    }
  }
}

/** Downloads a server file (the list's Excel export, or a document such as the dues ledger in Word), saying when it is done or what failed. */
export function ExportButton({
  url,
  fileName,
  icon = <DownloadOutlined />,
  label,
  testId = 'export-button',
}: {
  url: string;
  fileName?: string;
  icon?: ReactNode;
  label?: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={icon}
      loading={busy}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        downloadFile(url, fileName)
          .then(() => void message.success(t('list.exportDone')))
          .catch((error: unknown) => void message.error(errorText(error)))
          .finally(() => setBusy(false));
      }}
    >
      {label ?? t('list.export')}
    </Button>
  );
}
