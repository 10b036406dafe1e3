/**
 * The top of an order task's decision page: who buys which car at what price, the discount as a
 * percentage, the gross profit, the accessories, why this approval is needed (computed by the
 * server from the store's approval rules), and after a return what the consultant changed and why.
 */
import { Alert, Card, Descriptions, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../components/format.ts';
import type { OrderDetail } from '../../orders/order-types.ts';
import { formatPercent } from './ReadonlyFields.tsx';

type Change = OrderDetail['approval']['changes'][number];

const FIELD_LABELS: Record<string, string> = {
  '/customer/name': 'newOrder.name',
  '/customer/mobile': 'newOrder.mobile',
  '/customer/email': 'decision.customer',
  '/customer/address': 'decision.customer',
  '/vehicle/brand': 'newOrder.brand',
  '/vehicle/model': 'newOrder.model',
  '/vehicle/trim': 'newOrder.trim',
  '/vehicle/color': 'newOrder.color',
  '/vehicle/vin': 'orders.vin',
  '/pricing/accessoriesTotal': 'orders.accessories',
  '/pricing/total': 'orders.total',
  '/paymentMethod': 'orders.paymentMethod',
  '/source': 'orders.source',
};

/** A changed field's label: `/pricing/discount` → 优惠. */
export function changeLabel(path: string, t: TFunction): string {
  const key = FIELD_LABELS[path] ?? `orders.${path.split('/').pop() ?? path}`;
  return t(key, path);
}

/** A changed value as people read it: fen as ¥, codes as labels. */
export function changeValue(change: Change, which: 'from' | 'to', t: TFunction): string {
  const value = change[which];
  if (value === null || value === '') return '—';
  if (typeof value === 'number' && change.path.startsWith('/pricing/')) return formatFen(value);
  if (change.path === '/paymentMethod') return t(`paymentMethod.${String(value)}`, String(value));
  if (change.path === '/source') return t(`source.${String(value)}`, String(value));
  return String(value);
}

export function OrderChanges({ approval }: { approval: OrderDetail['approval'] }) {
  const { t } = useTranslation();
  if (approval.changes.length === 0 && !approval.changeNote) return null;
  return (
    <Card
      size="small"
      className="df-order-changes"
      title={t('decision.changes')}
      style={{ borderColor: '#faad14' }}
    >
      {approval.changes.length > 0 ? (
        <Table
          size="small"
          pagination={false}
          rowKey="path"
          dataSource={approval.changes}
          columns={[
            { key: 'field', title: '', render: (_, c: Change) => changeLabel(c.path, t) },
            {
              key: 'from',
              title: '→',
              render: (_, c: Change) => <Typography.Text delete>{changeValue(c, 'from', t)}</Typography.Text>,
            },
            {
              key: 'to',
              title: '',
              render: (_, c: Change) => <Typography.Text strong>{changeValue(c, 'to', t)}</Typography.Text>,
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('decision.noChanges')}</Typography.Text>
      )}
      {approval.changeNote && (
        <Descriptions
          size="small"
          style={{ marginTop: 8 }}
          items={[{ key: 'note', label: t('decision.changeNote'), children: approval.changeNote }]}
        />
      )}
    </Card>
  );
}

export function OrderDecisionSummary({ order, showChanges }: { order: OrderDetail; showChanges: boolean }) {
  const { t } = useTranslation();
  const { approval } = order;
  const accessories =
    order.accessories.length === 0
      ? t('decision.noAccessories')
      : order.accessories
          .map(
            (a) =>
              `${a.name} ${formatFen(a.charged ?? a.price)}${a.charged !== undefined && a.charged < a.price ? `（原价 ${formatFen(a.price)}）` : ''}`,
          )
          .join('、');
  const needsGm = approval.level === 'general_manager';
  return (
    <div className="df-decision-summary" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'customer',
            label: t('decision.customer'),
            children: `${order.customerName} ${order.customerMobile}`,
          },
          {
            key: 'vehicle',
            label: t('decision.vehicle'),
            children: `${order.brand} ${order.model} · ${order.trim} · ${order.color}`,
          },
          { key: 'vin', label: t('decision.vin'), children: order.vin ?? t('decision.vinPending') },
          { key: 'msrp', label: t('decision.msrp'), children: formatFen(order.msrp) },
          { key: 'dealPrice', label: t('decision.dealPrice'), children: formatFen(order.dealPrice) },
          {
            key: 'discount',
            label: t('decision.discount'),
            children: (
              <Typography.Text strong type={needsGm ? 'danger' : undefined}>
                {t('decision.discountOf', {
                  amount: formatFen(order.concession),
                  percent: formatPercent(approval.concessionRate),
                })}
              </Typography.Text>
            ),
          },
          ...(order.grossProfit !== null
            ? [
                {
                  key: 'grossProfit',
                  label: t('decision.grossProfit'),
                  children: (
                    <Typography.Text type={order.grossProfit < 0 ? 'danger' : undefined}>
                      {formatFen(order.grossProfit)}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          { key: 'accessories', label: t('decision.accessories'), children: accessories },
          {
            key: 'total',
            label: t('decision.total'),
            children: <Typography.Text strong>{formatFen(order.total)}</Typography.Text>,
          },
          { key: 'consultant', label: t('decision.consultant'), children: order.consultantName ?? '—' },
        ]}
      />
      <Alert
        className="df-approval-why"
        role="note"
        type={needsGm ? 'warning' : 'info'}
        showIcon
        title={t('decision.why')}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {approval.reasons.map((r) => (
              <li key={r.code}>{r.text}</li>
            ))}
          </ul>
        }
      />
      {showChanges && <OrderChanges approval={approval} />}
    </div>
  );
}
