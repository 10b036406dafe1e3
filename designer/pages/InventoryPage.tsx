import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Row } from '../api-types.ts';
import { formatDate, formatFen, text } from '../components/format.ts';
import { ResourceListPage } from '../components/ResourceListPage.tsx';

const STATUSES = ['in_transit', 'in_stock', 'reserved', 'sold', 'transferring'] as const;
const STATUS_COLOR: Record<string, string> = {
  in_stock: 'green',
  reserved: 'orange',
  sold: 'default',
  in_transit: 'blue',
  transferring: 'purple',
};

/** Aging levels (DOMAIN.md: warn 61–90, alert 91–180, critical > 180 days). */
const AGING_COLOR: Record<string, string> = { ok: 'green', warn: 'gold', alert: 'orange', critical: 'red' };

/** `/inventory`: vehicles in stock and in transit over `/api/vehicles`. */
export function InventoryPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      title={t('inventory.title')}
      path="/api/vehicles"
      searchPlaceholder={t('inventory.searchPlaceholder')}
      filters={[
        {
          param: 'status',
          placeholder: t('common.status'),
          options: STATUSES.map((s) => ({ value: s, label: t(`vehicleStatus.${s}`) })),
        },
      ]}
      columns={[
        { title: t('inventory.vin'), dataIndex: 'vin', render: text },
        {
          title: t('inventory.vehicle'),
          render: (_: unknown, v: Row) => `${text(v.brand)} ${text(v.model)} / ${text(v.trim)}`,
        },
        { title: t('inventory.color'), dataIndex: 'exteriorColor', render: text },
        { title: t('inventory.productionDate'), dataIndex: 'productionDate', render: formatDate },
        {
          title: t('inventory.age'),
          dataIndex: 'ageDays',
          render: (days: unknown, v: Row) => (
            <Tag color={AGING_COLOR[text(v.agingLevel)] ?? 'default'}>{text(days)}</Tag>
          ),
        },
        { title: t('inventory.listPrice'), dataIndex: 'listPrice', align: 'right', render: formatFen },
        { title: t('inventory.location'), dataIndex: 'location', render: text },
        {
          title: t('common.status'),
          dataIndex: 'status',
          render: (s: unknown) => (
            <Tag color={STATUS_COLOR[text(s)]}>{t(`vehicleStatus.${text(s)}`, text(s))}</Tag>
          ),
        },
      ]}
    />
  );
}
