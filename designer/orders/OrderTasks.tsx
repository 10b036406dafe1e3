import { Card, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page, TaskView } from '../api-types.ts';
import { useApiQuery } from '../components/use-api-query.ts';
import { DueCell } from '../inbox/DueCell.tsx';

/** The open tasks of an order's workflow that the user may see, each linking to its task page. */
export function OrderTasks({ instanceId }: { instanceId: string }) {
  const { t } = useTranslation();
  const { data } = useApiQuery<Page<TaskView>>('/api/tasks', { scope: 'all', status: 'open', instanceId });
  const tasks = data?.items ?? [];
  if (tasks.length === 0) return null;
  return (
    <Card title={t('orders.openTasks')} size="small">
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {tasks.map((task) => (
          <li key={task.id} style={{ padding: '4px 0' }}>
            <Flex gap="middle" align="center">
              <span>{task.name}</span>
              {task.assignee === null && <Tag>{t('inbox.candidate')}</Tag>}
              <DueCell dueAt={task.dueAt} now={new Date()} />
              <Link to={`/tasks/${task.id}`}>{t('orders.handle')}</Link>
            </Flex>
          </li>
        ))}
      </ul>
    </Card>
  );
}
