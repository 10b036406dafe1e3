/** The customer's orders, cars and service history on the profile (客户档案). */
import { Card, Col, Empty, List, Row, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatFen } from '../components/format.ts';
import { OrderStatusTag } from '../orders/order-columns.tsx';
import type { CustomerDetail } from './crm-types.ts';

type HistoryOrder = CustomerDetail['orders'][number];
type HistoryService = CustomerDetail['services'][number];

export function CustomerHistory({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={t('customers.orders')} size="small">
          <Table<HistoryOrder>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('customers.noOrders') }}
            dataSource={customer.orders}
            columns={[
              {
                title: t('orders.orderNo'),
                dataIndex: 'orderNo',
                render: (no: string, o) => <Link to={`/orders/${o.id}`}>{no}</Link>,
              },
              { title: t('orders.orderDate'), dataIndex: 'orderDate', render: formatDate },
              { title: t('orders.vehicle'), dataIndex: 'vehicle' },
              { title: t('orders.total'), dataIndex: 'total', align: 'right', render: formatFen },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (s: string) => <OrderStatusTag status={s} t={t} />,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('customers.cars')} size="small">
          {customer.cars.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noCars')} />
          ) : (
            <List
              size="small"
              dataSource={customer.cars}
              renderItem={(car) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${car.brand} ${car.model} / ${car.trim} / ${car.color}`}
                    description={`VIN ${car.vin}${car.deliveredAt ? ` · ${t('customers.deliveredOn', { date: formatDate(car.deliveredAt) })}` : ''}`}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('customers.services')} size="small">
          <Table<HistoryService>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('customers.noServices') }}
            dataSource={customer.services}
            columns={[
              {
                title: t('customers.serviceDate'),
                dataIndex: 'createdAt',
                render: (at: string, s) => (
                  <Link to={`/after-sales/service-orders/${s.id}`}>{formatDate(at)}</Link>
                ),
              },
              { title: 'VIN', dataIndex: 'vin' },
              {
                title: t('customers.serviceKind'),
                dataIndex: 'kind',
                render: (k: string) => t(`serviceKind.${k}`, k),
              },
              { title: t('customers.complaint'), dataIndex: 'complaint' },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (s: string) => <Tag>{t(`serviceStatus.${s}`, s)}</Tag>,
              },
              { title: t('customers.serviceAmount'), dataIndex: 'amount', align: 'right', render: formatFen },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
