import { Card, Segmented, Statistic, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../components/format.ts';
import { QueryError } from '../components/QueryError.tsx';
import { useApiQuery } from '../components/use-api-query.ts';

const GROUPS = ['model', 'consultant', 'team', 'source', 'month'] as const;
type Group = (typeof GROUPS)[number];
const GROUP_LABEL: Record<Group, string> = {
  model: 'dashboard.byModel',
  consultant: 'dashboard.byConsultant',
  team: 'dashboard.byTeam',
  source: 'dashboard.bySource',
  month: 'dashboard.byMonth',
};

/** One row of `GET /api/analytics/sales` (amounts in fen, margin 0..1). */
export interface SalesRow {
  key: string;
  label: string;
  volume: number;
  revenue: number;
  grossProfit: number;
  grossMargin: number;
}
interface SalesReport {
  groupBy: string;
  rows: SalesRow[];
  totals?: Omit<SalesRow, 'key' | 'label'>;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** `/dashboard`: sales volume, revenue and gross profit by model, consultant, team, source or month. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<Group>('model');
  const report = useApiQuery<SalesReport>('/api/analytics/sales', { groupBy });
  const label = (row: SalesRow) =>
    groupBy === 'source' ? t(`source.${row.label}`, row.label) : row.label || '—';
  const columns: TableColumnsType<SalesRow> = [
    { title: t(GROUP_LABEL[groupBy]), key: 'label', render: (_: unknown, row) => label(row) },
    { title: t('dashboard.units'), dataIndex: 'volume', align: 'right' },
    { title: t('dashboard.revenue'), dataIndex: 'revenue', align: 'right', render: formatFen },
    { title: t('dashboard.grossProfit'), dataIndex: 'grossProfit', align: 'right', render: formatFen },
    { title: t('dashboard.grossMargin'), dataIndex: 'grossMargin', align: 'right', render: percent },
  ];
  const totals = report.data?.totals;
  return (
    <Card
      title={t('dashboard.title')}
      extra={
        <Segmented<Group>
          value={groupBy}
          options={GROUPS.map((g) => ({ value: g, label: t(GROUP_LABEL[g]) }))}
          onChange={setGroupBy}
        />
      }
    >
      {totals && (
        <div style={{ display: 'flex', gap: 48, marginBottom: 16 }}>
          <Statistic title={t('dashboard.units')} value={totals.volume} />
          <Statistic title={t('dashboard.revenue')} value={formatFen(totals.revenue)} />
          <Statistic title={t('dashboard.grossProfit')} value={formatFen(totals.grossProfit)} />
          <Statistic title={t('dashboard.grossMargin')} value={percent(totals.grossMargin)} />
        </div>
      )}
      <QueryError error={report.error} onRetry={report.reload} />
      <Table<SalesRow>
        rowKey="key"
        size="middle"
        loading={report.loading}
        columns={columns}
        dataSource={report.data?.rows ?? []}
        pagination={false}
      />
    </Card>
  );
}
