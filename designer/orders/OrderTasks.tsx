import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.ts';
import { DueCell } from '../inbox/DueCell.tsx';
import type { OrderDetail } from './order-types.ts';

type Flow = OrderDetail['flows'][number];

/** One flow's open tasks that the user may see, each linking to its task page. */
function FlowTasks({ flow }: { flow: Flow }) {
  const { t } = useTranslation();
  const { data } = useApiQuery(flow.status === 'active' ? '/api/tasks' : null, {
    params: {
      query: {
        scope: 'all',
        status: 'open',
        instanceId: flow.instanceId,
      },
    },
  });
  const tasks = data?.items ?? [];
  return (
    <li style={{ padding: '4px 0' }}>
      <Flex gap="middle" align="center" wrap>
        <Tag color={flow.status === 'active' ? 'processing' : 'default'}>
          {t(`workflowName.${flow.workflowKey}`, flow.workflowKey)}
        </Tag>
        {flow.status !== 'active' && (
          <Typography.Text type="secondary">
            {t(`instanceStatus.${flow.status}`, flow.status)}
          </Typography.Text>
        )}
        {tasks.map((task) => (
          <Flex key={task.id} gap="small" align="center">
            <span>{task.name}</span>
            {task.assignee === null && <Tag>{t('inbox.candidate')}</Tag>}
            <DueCell dueAt={task.dueAt} now={new Date()} />
            <Link to={`/tasks/${task.id}`}>{t('orders.handle')}</Link>
          </Flex>
        ))}
      </Flex>
    </li>
  );
}

/** The order's flows (approval, payment, delivery) with the open tasks of the running ones. */
export function OrderTasks({ flows }: { flows: Flow[] }) {
  const { t } = useTranslation();
  if (flows.length === 0) return null;
  return (
    <Card title={t('orders.openTasks')} size="small">
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {flows.map((flow) => (
          <FlowTasks key={flow.instanceId} flow={flow} />
        ))}
      </ul>
    </Card>
  );
}
