import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, text } from '../components/format.ts';
import { ResourceListPage } from '../components/ResourceListPage.tsx';

/** Work-order statuses the after-sales flow sets. */
const STATUSES = [
  'open',
  'received',
  'diagnosing',
  'quoted',
  'repairing',
  'qc',
  'settled',
  'completed',
  'closed',
  'cancelled',
] as const;

/** `/after-sales`: service orders (维修工单) over `/api/service-orders`. */
export function AfterSalesPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      title={t('afterSales.title')}
      path="/api/service-orders"
      filters={[
        {
          param: 'status',
          placeholder: t('common.status'),
          options: STATUSES.map((s) => ({ value: s, label: t(`serviceStatus.${s}`) })),
        },
      ]}
      columns={[
        { title: t('afterSales.customer'), dataIndex: 'customerName', render: text },
        { title: t('afterSales.vin'), dataIndex: 'vin', render: text },
        { title: t('afterSales.plate'), dataIndex: 'plate', render: text },
        { title: t('afterSales.kind'), dataIndex: 'kind', render: text },
        { title: t('afterSales.complaint'), dataIndex: 'complaint', render: text },
        {
          title: t('common.status'),
          dataIndex: 'status',
          render: (s: unknown) => <Tag>{t(`serviceStatus.${text(s)}`, text(s))}</Tag>,
        },
        { title: t('afterSales.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
      ]}
    />
  );
}
