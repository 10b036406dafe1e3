import { Card, Segmented, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiQueryResult } from '../api/use-api-query.ts';
import { formatFen } from '../components/format.ts';
import { QueryError } from '../components/QueryError.tsx';
import { salesOption } from './chart-options.ts';
import {
  SALES_GROUPS,
  SALES_METRICS,
  type SalesGroup,
  type SalesMetric,
  type SalesReport,
  type SalesRow,
} from './dashboard-types.ts';
import { EChart } from './EChart.tsx';

/** A 0..1 ratio as a percentage with one decimal. */
export const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

interface Props {
  report: ApiQueryResult<SalesReport>;
  groupBy: SalesGroup;
  onGroupBy(group: SalesGroup): void;
}

/** Volume, revenue, gross profit and margin by month, model, consultant, team or source: chart and table. */
export function SalesPanel({ report, groupBy, onGroupBy }: Props) {
  const { t } = useTranslation();
  const [metric, setMetric] = useState<SalesMetric>('volume');
  const rows = report.data?.rows ?? [];
  const label = (row: SalesRow) =>
    groupBy === 'source' ? t(`source.${row.label}`, row.label) : row.label || '—';
  const metricName = t(`dashboard.metric.${metric}`);
  const columns: TableColumnsType<SalesRow> = [
    { title: t(`dashboard.group.${groupBy}`), key: 'label', render: (_: unknown, row) => label(row) },
    { title: t('dashboard.units'), dataIndex: 'volume', align: 'right' },
    { title: t('dashboard.revenue'), dataIndex: 'revenue', align: 'right', render: formatFen },
    { title: t('dashboard.grossProfit'), dataIndex: 'grossProfit', align: 'right', render: formatFen },
    { title: t('dashboard.grossMargin'), dataIndex: 'grossMargin', align: 'right', render: percent },
  ];
  return (
    <Card title={t('dashboard.sales')} size="small">
      {/* In the body, not the header: at tablet width the switches wrap instead of hiding the title. */}
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<SalesGroup>
          aria-label={t('dashboard.groupBy')}
          value={groupBy}
          options={SALES_GROUPS.map((g) => ({ value: g, label: t(`dashboard.group.${g}`) }))}
          onChange={onGroupBy}
        />
        <Segmented<SalesMetric>
          aria-label={t('dashboard.metricLabel')}
          value={metric}
          options={SALES_METRICS.map((m) => ({ value: m, label: t(`dashboard.metric.${m}`) }))}
          onChange={setMetric}
        />
      </Space>
      <QueryError error={report.error} onRetry={report.reload} />
      <EChart
        label={`${t('dashboard.sales')} · ${t(`dashboard.group.${groupBy}`)} · ${metricName}`}
        option={salesOption(rows, metric, metricName, label, groupBy === 'month')}
      />
      <Table<SalesRow>
        rowKey="key"
        size="small"
        loading={report.loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content', y: 240 }}
      />
    </Card>
  );
}
