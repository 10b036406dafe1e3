import { Card, Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Row } from '../api-types.ts';
import { formatFen, text } from '../components/format.ts';
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

/** Amount columns hold fen; everything else is shown as it comes. */
const isMoneyKey = (key: string) => /revenue|profit|amount|total|price/i.test(key);

/** The report's rows, whether the API answers an array, `{ items }` or `{ rows }`. */
export function reportRows(data: unknown): Row[] {
  if (Array.isArray(data)) return data as Row[];
  if (typeof data === 'object' && data !== null) {
    const { items, rows } = data as { items?: unknown; rows?: unknown };
    if (Array.isArray(items)) return items as Row[];
    if (Array.isArray(rows)) return rows as Row[];
  }
  return [];
}

/** `/dashboard`: sales by model, consultant, team, source or month from `/api/analytics/sales`. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<Group>('model');
  const report = useApiQuery<unknown>('/api/analytics/sales', { groupBy });
  const rows = reportRows(report.data);
  const keys = Object.keys(rows[0] ?? {});
  const columns: TableColumnsType<Row> = keys.map((key) => ({
    key,
    title: t(`dashboard.${key}`, key),
    dataIndex: key,
    align: isMoneyKey(key) ? 'right' : undefined,
    render: (v: unknown) => (isMoneyKey(key) ? formatFen(v) : text(v)),
  }));
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
      <Table<Row>
        rowKey={(r) => JSON.stringify(r)}
        size="middle"
        loading={report.loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
      />
    </Card>
  );
}
