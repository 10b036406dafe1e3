import { Card, Col, Descriptions, Result, Row, Spin, Steps, Table, Typography } from 'antd';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.ts';
import { ApiError } from '../api-client.ts';
import { formatDate, formatFen } from '../components/format.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { OrderChanges } from '../inbox/decision/OrderDecisionSummary.tsx';
import { InstanceTimeline } from '../inbox/InstanceTimeline.tsx';
import { OrderPrintLinks } from '../print/PrintLinks.tsx';
import { hasAnyRole } from '../session/roles.ts';
import { useUser } from '../session/session.tsx';
import { OrderActivity } from './OrderActivity.tsx';
import { OrderEditForm, type OrderEditHandle } from './OrderEditForm.tsx';
import { OrderMessages } from './OrderMessages.tsx';
import { OrderPayments } from './OrderPayments.tsx';
import { OrderProgress } from './OrderProgress.tsx';
import { OrderTasks } from './OrderTasks.tsx';
import { OrderStatusTag } from './order-columns.tsx';
import { ORDER_STAGES, stageItems, stageProgress } from './order-status.ts';
import type { OrderDetail } from './order-types.ts';

const AMOUNTS = [
  'msrp',
  'discount',
  'dealPrice',
  'accessoriesTotal',
  'purchaseTax',
  'insurance',
  'registrationFee',
  'financeFee',
  'tradeInCredit',
  'deposit',
] as const;

/** The last of the six stages the order reached (for showing where a cancelled order stopped). */
function lastStage(order: OrderDetail): string | undefined {
  const stages: readonly string[] = ORDER_STAGES;
  return [...order.timeline].reverse().find((e) => stages.includes(e.to))?.to;
}

/**
 * `/orders/:id`: where the order stands in words and who acts next, the six-stage progress, customer
 * and vehicle, amount breakdown, payments received and 订单动态 (status changes and decisions).
 * A draft or a returned order is changed here; a draft is submitted here.
 */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  // A ref, not state: the form hands a new handle on every render.
  const editor = useRef<OrderEditHandle>(null);
  const { data: order, error, reload } = useApiQuery('/api/orders/{id}', { params: { path: { id } } });
  const approvalFlow = useApiQuery(order?.instanceId ? '/api/instances/{id}' : null, {
    params: { path: { id: order?.instanceId ?? '' } },
  });
  if (error) {
    const status = error instanceof ApiError ? error.status : 500;
    return (
      <Result status={status === 404 ? '404' : status === 403 ? '403' : 'error'} title={error.message} />
    );
  }
  if (!order) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  const progress = stageProgress(order.status, lastStage(order));
  // The server decides (PUT /api/orders/:id); this only offers the form to who may use it.
  const mayCorrect =
    (order.status === 'returned' || order.status === 'draft') &&
    (order.consultantId === user.id || hasAnyRole(user, ['sales_manager', 'admin']));
  const reached = order.timeline.map((e) => e.to);
  const amountLabel = (key: (typeof AMOUNTS)[number]) =>
    t(`orders.${key === 'accessoriesTotal' ? 'accessories' : key}`);

  return (
    <Space16>
      <Card
        title={
          <PageTitle>
            {t('orders.detail')} {order.orderNo} <OrderStatusTag status={order.status} t={t} />
          </PageTitle>
        }
        extra={<OrderPrintLinks orderId={order.id} delivered={order.status === 'delivered'} />}
      >
        <OrderProgress order={order} maySubmit={mayCorrect} editor={editor} onSubmitted={reload} />
        <Steps
          current={progress.current}
          status={progress.status}
          items={stageItems(reached, order.status, (s) => t(`orderStatus.${s}`), t('orders.stockCar'))}
          style={{ margin: '16px 0 24px' }}
        />
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('orders.orderDate')}>{formatDate(order.orderDate)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.customer')}>{order.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('orders.mobile')}>{order.customerMobile}</Descriptions.Item>
          <Descriptions.Item label={t('orders.vehicle')}>
            {`${order.brand} ${order.model} / ${order.trim} / ${order.color}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.vin')}>{order.vin ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('orders.consultant')}>{order.consultantName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('orders.paymentMethod')}>
            {t(`paymentMethod.${order.paymentMethod}`, order.paymentMethod)}
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.source')}>
            {t(`source.${order.source}`, order.source)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <OrderTasks flows={order.flows ?? []} />
      {order.approval && <OrderChanges approval={order.approval} />}
      {mayCorrect && <OrderEditForm key={order.status} ref={editor} order={order} onSaved={reload} />}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('orders.amounts')}>
            <Descriptions size="small" column={2} bordered>
              {AMOUNTS.map((key) => (
                <Descriptions.Item key={key} label={amountLabel(key)}>
                  {formatFen(order[key])}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('orders.total')}>
                <Typography.Text strong>{formatFen(order.total)}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            {order.accessories.length > 0 && (
              <Table
                style={{ marginTop: 16 }}
                size="small"
                pagination={false}
                dataSource={order.accessories.map((line, i) => ({ ...line, key: i }))}
                columns={[
                  { title: t('newOrder.accessoryName'), dataIndex: 'name' },
                  { title: t('orders.accessories'), dataIndex: 'price', align: 'right', render: formatFen },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <OrderPayments order={order} />
          <div style={{ marginTop: 16 }}>
            <OrderActivity order={order} />
          </div>
          {approvalFlow.data && (
            <Card title={t('task.history')} style={{ marginTop: 16 }}>
              <InstanceTimeline instance={approvalFlow.data} />
            </Card>
          )}
        </Col>
      </Row>
      <OrderMessages orderId={order.id} />
    </Space16>
  );
}

function Space16({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>{children}</div>;
}
