import { type TableColumnType, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatFen } from '../components/format.ts';
import { isOrderStatus, ORDER_STATUS_COLOR } from './order-status.ts';
import type { OrderSort, OrderSummary } from './order-types.ts';

/** A status as a coloured tag with its label in the UI language. */
export function OrderStatusTag({ status, t }: { status: string; t: TFunction }) {
  return (
    <Tag color={isOrderStatus(status) ? ORDER_STATUS_COLOR[status] : 'default'}>
      {t(`orderStatus.${status}`, status)}
    </Tag>
  );
}

/** The antd sort order a column shows for the current `sort`. */
function sortOrderOf(sort: OrderSort, key: string): 'ascend' | 'descend' | null {
  if (sort === key) return 'ascend';
  return sort === `-${key}` ? 'descend' : null;
}

/** The 订单管理表's columns (docs/dealership.md), keyed for the column chooser. */
export function orderColumns(t: TFunction, sort: OrderSort): TableColumnType<OrderSummary>[] {
  return [
    {
      key: 'orderNo',
      title: t('orders.orderNo'),
      dataIndex: 'orderNo',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'orderNo'),
      render: (no: string, o) => <Link to={`/orders/${o.id}`}>{no}</Link>,
    },
    {
      key: 'orderDate',
      title: t('orders.orderDate'),
      dataIndex: 'orderDate',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'orderDate'),
      render: formatDate,
    },
    { key: 'customer', title: t('orders.customer'), dataIndex: 'customerName' },
    { key: 'mobile', title: t('orders.mobile'), dataIndex: 'customerMobile' },
    {
      key: 'vehicle',
      title: t('orders.vehicle'),
      render: (_: unknown, o) => `${o.brand} ${o.model} / ${o.trim} / ${o.color}`,
    },
    {
      key: 'total',
      title: t('orders.total'),
      dataIndex: 'total',
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'total'),
      render: formatFen,
    },
    {
      key: 'status',
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: string) => <OrderStatusTag status={status} t={t} />,
    },
    {
      key: 'progress',
      title: t('orders.progress'),
      render: (_: unknown, o) => (
        <span className="df-order-progress-cell">
          {o.progress.text}
          {o.progress.people.length > 0 && !o.progress.text.includes(o.progress.people[0] ?? '') && (
            <Typography.Text type="secondary">
              {' '}
              · {o.progress.people.join(t('common.listSeparator'))}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'consultant',
      title: t('orders.consultant'),
      dataIndex: 'consultantName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'source',
      title: t('orders.source'),
      dataIndex: 'source',
      render: (v: string) => t(`source.${v}`, v),
    },
  ];
}

/** The `sort` parameter for an antd sorter change; unknown columns fall back to newest first. */
export function sortParam(columnKey: unknown, order: 'ascend' | 'descend' | null | undefined): OrderSort {
  const keys = ['orderNo', 'orderDate', 'total'] as const;
  const key = keys.find((k) => k === columnKey);
  if (!key || !order) return '-createdAt';
  return order === 'ascend' ? key : `-${key}`;
}
