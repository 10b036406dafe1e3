/**
 * 消息记录 on the order page: what was sent to the customer, to which number or address, through
 * which channel, and whether it left (`GET /api/orders/:id/messages`).
 */
import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/use-api-query.ts';
import { QueryError } from '../components/QueryError.tsx';

interface CustomerMessage {
  id: string;
  template: string;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string | null;
  body: string;
  createdAt: string;
  status: 'pending' | 'delivered' | 'dead';
  deliveredAt: string | null;
}

const COLORS = { pending: 'processing', delivered: 'success', dead: 'error' } as const;

export function OrderMessages({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useApiQuery('/api/orders/{id}/messages', {
    params: { path: { id: orderId } },
  });
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Card title={t('messages.recordTitle')}>
      <QueryError error={error} onRetry={reload} />
      <Table<CustomerMessage>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('messages.recordEmpty') }}
        columns={[
          {
            title: t('messages.createdAt'),
            dataIndex: 'createdAt',
            render: (at: string) => time.format(new Date(at)),
          },
          {
            title: t('messages.channel'),
            dataIndex: 'channel',
            // On a phone: when, what, and whether it arrived.
            responsive: ['sm'],
            render: (c: string) => t(`messages.${c}`, c),
          },
          { title: t('messages.recipient'), dataIndex: 'recipient', responsive: ['sm'] },
          {
            title: t('messages.content'),
            key: 'body',
            render: (_, m) => (
              <Typography.Text ellipsis={{ tooltip: m.body }} style={{ maxWidth: 'min(260px, 40vw)' }}>
                {m.subject ? `${m.subject}：` : ''}
                {m.body}
              </Typography.Text>
            ),
          },
          {
            title: t('messages.status'),
            dataIndex: 'status',
            render: (s: CustomerMessage['status']) => <Tag color={COLORS[s]}>{t(`messages.${s}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
