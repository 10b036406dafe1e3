import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiQuery } from '../api/client.ts';
import type { TaskView } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDateTime } from '../components/format.ts';
import { QueryError } from '../components/QueryError.tsx';
import { DueCell } from '../inbox/DueCell.tsx';

/** Whether a task is a flow's return-visit step (after-sales survey or complaint follow-up call). */
export function isReturnVisit(task: Pick<TaskView, 'state'>): boolean {
  return task.state === 'returnVisit' || task.state.endsWith('.returnVisit');
}

const query = (workflowKey: string): ApiQuery<'/api/tasks'> => ({
  scope: 'all',
  status: 'open',
  workflowKey,
  page: 1,
  pageSize: 200,
});

/**
 * Return visits due: the open `returnVisit` tasks of the after-sales and complaint flows (the
 * satisfaction survey is filled in on the task page).
 */
export function ReturnVisits() {
  const { t } = useTranslation();
  const service = useApiQuery('/api/tasks', { params: { query: query('after-sales') } });
  const complaint = useApiQuery('/api/tasks', { params: { query: query('complaint') } });
  const tasks = [...(service.data?.items ?? []), ...(complaint.data?.items ?? [])].filter(isReturnVisit);
  const now = new Date();
  return (
    <>
      <QueryError
        error={service.error ?? complaint.error}
        onRetry={() => {
          service.reload();
          complaint.reload();
        }}
      />
      <Table<TaskView>
        rowKey="id"
        size="middle"
        loading={service.loading || complaint.loading}
        dataSource={tasks}
        scroll={{ x: 'max-content' }}
        pagination={false}
        columns={[
          { title: t('inbox.name'), dataIndex: 'name' },
          {
            title: t('inbox.workflow'),
            dataIndex: 'workflowKey',
            render: (k: string) => t(`workflowName.${k}`, k),
          },
          { title: t('inbox.businessKey'), dataIndex: 'businessKey', render: (b: string | null) => b ?? '—' },
          { title: t('inbox.created'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('inbox.due'),
            dataIndex: 'dueAt',
            render: (d: string | null) => <DueCell dueAt={d} now={now} />,
          },
          {
            title: t('common.actions'),
            key: 'open',
            render: (_: unknown, task) => <Link to={`/tasks/${task.id}`}>{t('orders.handle')}</Link>,
          },
        ]}
      />
    </>
  );
}
