/** The payments received on an order (定金, 尾款, 按揭放款, 退款) with receipts, and what is still owed. */
import { Card, Descriptions, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatFen } from '../components/format.ts';
import type { OrderDetail } from './order-types.ts';

type Payment = OrderDetail['payments'][number];

export function OrderPayments({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('orders.payments')} size="small">
      <Descriptions size="small" column={2} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('orders.paidTotal')}>{formatFen(order.paid)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.outstanding')}>
          {formatFen(Math.max(0, order.total - order.paid))}
        </Descriptions.Item>
      </Descriptions>
      <Table<Payment & { key: number }>
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('orders.noPayments') }}
        dataSource={order.payments.map((p, i) => ({ ...p, key: i }))}
        columns={[
          {
            title: t('orders.paymentKind'),
            dataIndex: 'kind',
            render: (kind: string) => t(`paymentKind.${kind}`, kind),
          },
          {
            title: t('orders.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (fen: number, p) => formatFen(p.kind === 'refund' ? -fen : fen),
          },
          {
            title: t('orders.paymentMethod'),
            dataIndex: 'method',
            render: (m: string) => t(`paymentMethod.${m}`, m),
          },
          { title: t('orders.paidOn'), render: (_: unknown, p) => formatDate(p.paidOn ?? p.at) },
          { title: t('orders.receiptNo'), dataIndex: 'receiptNo', render: (v: string | null) => v ?? '—' },
          {
            title: t('orders.recordedBy'),
            dataIndex: 'recordedByName',
            render: (v: string | null) => v ?? '—',
          },
        ]}
      />
    </Card>
  );
}
