/**
 * 用户与登录锁定 (admin): the users, and 解除锁定 for one whose logins or password changes were
 * throttled or locked after repeated wrong passwords (`GET /api/users`, `POST /api/users/:username/unlock`).
 */
import { App, Button, Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ApiSchema } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ApiError } from '../api-client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';

type User = ApiSchema<'User'>;

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const { data, error, loading, reload } = useApiQuery('/api/users', {
    params: { query: q.trim() ? { q: q.trim() } : {} },
  });

  const unlock = async (username: string) => {
    try {
      await api.post('/api/users/{username}/unlock', { params: { path: { username } } });
      void message.success(t('users.unlocked', { username }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) void message.info(t('users.notLocked', { username }));
      else void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card
      title={<PageTitle>{t('users.title')}</PageTitle>}
      extra={
        <Input.Search allowClear placeholder={t('users.search')} onSearch={setQ} style={{ width: 220 }} />
      }
    >
      <QueryError error={error} onRetry={reload} />
      <Table<User>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 160 },
          { title: t('users.name'), dataIndex: 'displayName', width: 160 },
          { title: t('users.store'), dataIndex: 'storeId', width: 100 },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (roles: string[]) => roles.map((r) => <Tag key={r}>{r}</Tag>),
          },
          {
            key: 'actions',
            width: 130,
            render: (_, u) => (
              <Button size="small" onClick={() => void unlock(u.username)}>
                {t('users.unlock')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
