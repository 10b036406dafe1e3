import { Empty, Space, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.ts';
import { DueCell } from '../inbox/DueCell.tsx';

/** The open tasks of one flow instance the user may see, each linking to its task page. */
export function InstanceTasks({ instanceId }: { instanceId: string | null }) {
  const { t } = useTranslation();
  const { data, loading } = useApiQuery(instanceId ? '/api/tasks' : null, {
    params: {
      query: {
        scope: 'all',
        status: 'open',
        instanceId: instanceId ?? undefined,
      },
    },
  });
  const tasks = data?.items ?? [];
  if (!loading && tasks.length === 0) return <Empty description={t('afterSales.noOpenTasks')} />;
  return (
    <Spin spinning={loading}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {tasks.map((task) => (
          <li key={task.id} style={{ padding: '6px 0' }}>
            <Space wrap>
              <span>{task.name}</span>
              {task.assignee === null && <Tag>{t('inbox.candidate')}</Tag>}
              <DueCell dueAt={task.dueAt} now={new Date()} />
              <Link to={`/tasks/${task.id}`}>{t('orders.handle')}</Link>
            </Space>
          </li>
        ))}
      </ul>
    </Spin>
  );
}
