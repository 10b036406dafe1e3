import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, text } from '../components/format.ts';
import { ResourceListPage } from '../components/ResourceListPage.tsx';

/** `/after-sales`: service orders (维修工单) over `/api/service-orders`. */
export function AfterSalesPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      title={t('afterSales.title')}
      path="/api/service-orders"
      searchPlaceholder={t('afterSales.searchPlaceholder')}
      columns={[
        { title: t('afterSales.customer'), dataIndex: 'customerName', render: text },
        { title: t('afterSales.vin'), dataIndex: 'vin', render: text },
        { title: t('afterSales.plate'), dataIndex: 'plate', render: text },
        { title: t('afterSales.kind'), dataIndex: 'kind', render: text },
        { title: t('afterSales.complaint'), dataIndex: 'complaint', render: text },
        { title: t('common.status'), dataIndex: 'status', render: (s: unknown) => <Tag>{text(s)}</Tag> },
        { title: t('afterSales.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
      ]}
    />
  );
}
