/**
 * The header's bell: the unread count of the message centre (消息中心), kept current by the live
 * event stream (a new entry, a task arriving), and a drawer listing the newest entries; opening one
 * marks it read and goes to its task or instance.
 */
import { BellOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { ApiSchema } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { useLiveTasks } from '../inbox/live-tasks.tsx';

/** One entry as `GET /api/notifications` answers it. */
export type NotificationItem = ApiSchema<'Notification'>;
type NotificationPage = ApiSchema<'NotificationPage'>;

const EMPTY: NotificationPage = { items: [], total: 0, unread: 0 };

/** While the live stream is down the count is refreshed this often. */
const POLL_MS = 60_000;

/** Where an entry leads: its own link, else its task, else its instance. */
export function targetOf(item: NotificationItem): string | null {
  if (item.link?.startsWith('/')) return item.link;
  if (item.taskId) return `/tasks/${item.taskId}`;
  if (item.instanceId) return `/instances/${item.instanceId}`;
  return null;
}

/** The bell with its drawer. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { data, error, reload } = useApiQuery('/api/notifications', { params: { query: { pageSize: 20 } } });
  const page = data ?? EMPTY;

  const live = useLiveTasks(reload);
  useEffect(() => {
    if (live) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [live, reload]);

  const openItem = async (item: NotificationItem) => {
    if (!item.readAt)
      await api
        .post('/api/notifications/{id}/read', { params: { path: { id: item.id } } })
        .catch(() => undefined);
    setOpen(false);
    reload();
    const target = targetOf(item);
    if (target) navigate(target);
  };

  const readAll = async () => {
    await api.post('/api/notifications/read-all').catch(() => undefined);
    reload();
  };

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <Badge count={page.unread} size="small" overflowCount={99}>
        <Button
          type="text"
          data-testid="notification-bell"
          icon={<BellOutlined />}
          aria-label={page.unread > 0 ? t('messages.bellUnread', { count: page.unread }) : t('messages.bell')}
          onClick={() => {
            setOpen(true);
            reload();
          }}
        />
      </Badge>
      <Drawer
        title={t('messages.title')}
        rootClassName="notification-drawer"
        open={open}
        onClose={() => setOpen(false)}
        extra={
          <Button size="small" disabled={page.unread === 0} onClick={() => void readAll()}>
            {t('messages.readAll')}
          </Button>
        }
      >
        {error && (
          <Alert type="error" showIcon title={t('messages.loadFailed', { message: error.message })} />
        )}
        <List
          dataSource={page.items}
          locale={{ emptyText: t('messages.empty') }}
          renderItem={(item) => (
            <List.Item
              key={item.id}
              style={{ cursor: 'pointer' }}
              onClick={() => void openItem(item)}
              data-testid="notification"
            >
              <List.Item.Meta
                avatar={<Badge status={item.readAt ? 'default' : 'processing'} />}
                title={
                  <Typography.Text strong={!item.readAt}>
                    <a href={targetOf(item) ?? undefined} onClick={(e) => e.preventDefault()}>
                      {item.title}
                    </a>
                  </Typography.Text>
                }
                description={
                  <>
                    {item.body && <div>{item.body}</div>}
                    <Typography.Text type="secondary">
                      {time.format(new Date(item.createdAt))}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
