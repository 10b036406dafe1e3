import { WarningOutlined } from '@ant-design/icons';
import { Collapse, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ModelStock } from './inventory-types.ts';

const WARNING_COLOR: Record<string, string> = { low_stock: 'blue', stock_high: 'gold', overstock: 'red' };

/** Models with a stock warning (low stock, high stock coefficient, overstock); nothing when all is well. */
export function ModelWarnings({ models }: { models: readonly ModelStock[] }) {
  const { t } = useTranslation();
  const warned = models.filter((m) => m.warnings.length > 0);
  if (warned.length === 0) return null;
  const count = (w: string) => warned.filter((m) => m.warnings.some((x) => x === w)).length;
  return (
    <section aria-label={t('inventory.modelWarnings')} style={{ marginBottom: 16 }}>
      {/* Folded by default so the vehicle list stays in view on a laptop screen. */}
      <Collapse
        size="small"
        items={[
          {
            key: 'warnings',
            forceRender: true,
            label: (
              <Space>
                <WarningOutlined style={{ color: '#faad14' }} />
                {t('inventory.modelWarningsSummary', {
                  low: count('low_stock'),
                  high: count('stock_high'),
                  over: count('overstock'),
                })}
              </Space>
            ),
            children: <WarningTable models={warned} />,
          },
        ]}
      />
    </section>
  );
}

function WarningTable({ models }: { models: ModelStock[] }) {
  const { t } = useTranslation();
  return (
    <Table<ModelStock>
      rowKey={(m) => `${m.storeId}|${m.brand}|${m.model}`}
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={models}
      columns={[
        { title: t('newOrder.store'), dataIndex: 'storeId', render: (s: string) => t(`stores.${s}`, s) },
        { title: t('inventory.model'), key: 'model', render: (_: unknown, m) => `${m.brand} ${m.model}` },
        { title: t('inventory.stock'), dataIndex: 'stock', align: 'right' },
        { title: t('inventory.monthlySales'), dataIndex: 'monthlySales', align: 'right' },
        {
          title: t('inventory.coefficient'),
          dataIndex: 'coefficient',
          align: 'right',
          render: (c: number | null) => (c === null ? '—' : c.toFixed(2)),
        },
        {
          title: t('inventory.warnings'),
          dataIndex: 'warnings',
          render: (ws: string[]) => (
            <Space size={4} wrap>
              {ws.map((w) => (
                <Tag key={w} color={WARNING_COLOR[w]}>
                  {t(`stockWarning.${w}`, w)}
                </Tag>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
