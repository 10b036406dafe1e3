import { SearchOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { formatDate } from '../components/format.ts';
import type { SoldCar } from './after-sales-types.ts';

/**
 * The first thing a new work order asks: which car? Typed plate, VIN or mobile number finds the cars
 * this store sold (`GET /api/service-orders/sold-cars`); 选用 fills the work order from the one chosen.
 */
export function SoldCarLookup(props: { storeId?: string | undefined; onPick(car: SoldCar): void }) {
  const { t } = useTranslation();
  const [found, setFound] = useState<SoldCar[] | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  async function search(typed: string) {
    const q = typed.trim();
    if (q.length < 2) return;
    setBusy(true);
    try {
      const page = await api.get('/api/service-orders/sold-cars', {
        params: { query: { q, ...(props.storeId ? { storeId: props.storeId } : {}) } },
      });
      setFound(page.items);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form.Item label={t('afterSales.lookup')} extra={t('afterSales.lookupHint')}>
      <Input.Search
        aria-label={t('afterSales.lookup')}
        placeholder={t('afterSales.lookupPlaceholder')}
        enterButton={<SearchOutlined />}
        loading={busy}
        allowClear
        onSearch={(v) => void search(v)}
      />
      {found && (
        <List<SoldCar>
          size="small"
          data-testid="sold-cars"
          style={{ marginTop: 8 }}
          locale={{ emptyText: t('afterSales.lookupNone') }}
          dataSource={found}
          renderItem={(car) => (
            <List.Item
              actions={[
                <Button key="pick" size="small" type="link" onClick={() => props.onPick(car)}>
                  {t('afterSales.lookupPick')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={`${car.customerName} · ${car.brand} ${car.model} ${car.trim} · ${car.color}`}
                description={
                  <Typography.Text type="secondary">
                    {[
                      car.vin,
                      car.plate,
                      car.deliveredAt ? t('afterSales.soldOn', { date: formatDate(car.deliveredAt) }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Form.Item>
  );
}
