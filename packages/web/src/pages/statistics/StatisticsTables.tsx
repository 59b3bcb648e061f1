/** The year-end tables as the paper forms lay them out: item and count, breakdown rows indented; a count may open its people. */
import { Button, Card, Col, Row, Table, Typography } from 'antd';
import type { ApiResult } from '../../api/contract';
import { useI18n } from '../../i18n';

export type StatsTable = ApiResult<'/api/v1/statistics'>['tables'][number];

export function StatisticsTables({ tables, onCell, printable = false }: { tables: readonly StatsTable[]; onCell?: (table: StatsTable, row: StatsTable['rows'][number]) => void; printable?: boolean }) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      {tables.map((table) => (
        <Col key={table.id} xs={24} lg={printable ? 24 : 12} xxl={printable ? 24 : 8}>
          <Card
            size="small"
            className="hy-stats-table"
            data-testid={`stats-table-${table.id}`}
            title={<Typography.Text strong style={{ whiteSpace: 'normal' }}>{table.title}</Typography.Text>}
            extra={<Typography.Text type="secondary">{t('statistics.unit', { unit: table.unit })}</Typography.Text>}
          >
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={table.rows}
              columns={[
                { title: t('statistics.item'), dataIndex: 'label', render: (label: string, r) => <span style={{ paddingLeft: r.indent * 16 }}>{label}</span> },
                {
                  title: t('statistics.count'),
                  dataIndex: 'count',
                  align: 'right',
                  width: 90,
                  render: (count: number, r) =>
                    onCell && r.drillable && count > 0 ? (
                      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onCell(table, r)} data-testid={`cell-${table.id}-${r.key}`}>
                        {count}
                      </Button>
                    ) : (
                      <span data-testid={`cell-${table.id}-${r.key}`}>{count}</span>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
