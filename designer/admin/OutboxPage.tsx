/**
 * 消息投递 (admin): the outbox's messages — pending, delivered, dead — with each one's attempts and
 * last error, and 重新发送 for a dead one (`GET /api/admin/outbox`, `POST /api/admin/outbox/:id/retry`).
 */
import { App, Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ApiSchema } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';

/** One outbox message as the API answers it. */
export type OutboxMessage = ApiSchema<'OutboxMessage'>;

type Filter = 'all' | OutboxMessage['status'];
const COLORS = { pending: 'processing', delivered: 'success', dead: 'error' } as const;
const PAGE_SIZE = 20;

/** A short line of what a message carries (recipient, title or URL). */
function summaryOf(m: OutboxMessage): string {
  const p = m.payload;
  const pick = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : undefined);
  return pick('title') ?? pick('to') ?? pick('url') ?? pick('event') ?? pick('topic') ?? '';
}

export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('dead');
  const [page, setPage] = useState(1);
  const query = { page, pageSize: PAGE_SIZE, ...(filter === 'all' ? {} : { status: filter }) };
  const { data, error, loading, reload } = useApiQuery('/api/admin/outbox', { params: { query: query } });
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });

  const retry = async (id: number) => {
    try {
      await api.post('/api/admin/outbox/{id}/retry', { params: { path: { id } } });
      void message.success(t('messages.retried'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
    reload();
  };

  return (
    <Card
      title={<PageTitle>{t('messages.outboxTitle')}</PageTitle>}
      extra={
        <Segmented<Filter>
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setPage(1);
          }}
          options={(['dead', 'pending', 'delivered', 'all'] as const).map((value) => ({
            value,
            label: t(`messages.${value}`),
          }))}
        />
      }
    >
      <QueryError error={error} onRetry={reload} />
      <Table<OutboxMessage>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 80 },
          { title: t('messages.topic'), dataIndex: 'topic', width: 140 },
          {
            title: t('messages.content'),
            key: 'summary',
            render: (_, m) => <Typography.Text ellipsis>{summaryOf(m)}</Typography.Text>,
          },
          {
            title: t('messages.status'),
            dataIndex: 'status',
            width: 100,
            render: (status: OutboxMessage['status']) => (
              <Tag color={COLORS[status]}>{t(`messages.${status}`)}</Tag>
            ),
          },
          { title: t('messages.attempts'), dataIndex: 'attempts', width: 90 },
          {
            title: t('messages.lastError'),
            dataIndex: 'lastError',
            render: (text: string | null) => (
              <Typography.Text type="danger" ellipsis={{ tooltip: text }}>
                {text}
              </Typography.Text>
            ),
          },
          {
            title: t('messages.createdAt'),
            dataIndex: 'createdAt',
            width: 170,
            render: (at: string) => time.format(new Date(at)),
          },
          {
            key: 'actions',
            width: 110,
            render: (_, m) =>
              m.status === 'dead' ? (
                <Button size="small" onClick={() => void retry(m.id)}>
                  {t('messages.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
