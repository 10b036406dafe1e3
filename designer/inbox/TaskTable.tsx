import { Button, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TaskView } from '../api/types.ts';
import { formatDateTime } from '../components/format.ts';
import { usePhone } from '../components/use-phone.ts';
import { canBatchApprove } from './batch-approve.ts';
import { DueCell } from './DueCell.tsx';

export type InboxTab = 'mine' | 'candidate' | 'completed';

export interface TaskTableProps {
  tab: InboxTab;
  tasks: TaskView[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  now: Date;
  claiming: string | null;
  onPage(page: number, pageSize: number): void;
  onClaim(task: TaskView): void;
  /** Ids of rows ticked for batch approval; rows can be ticked only when `onSelect` is given. */
  selected?: string[];
  onSelect?(ids: string[]): void;
}

/** The inbox table: task, business key, workflow, created, due (with badges), and claim for candidates. */
export function TaskTable(props: TaskTableProps) {
  const { t } = useTranslation();
  const phone = usePhone();
  const flowTag = (task: TaskView) => (
    <Tag>{t(`workflowName.${task.workflowKey}`, task.workflowName ?? task.workflowKey)}</Tag>
  );
  // On a phone a row is one cell: the task, then what it is about and when it is due, stacked.
  const phoneColumns: TableColumnsType<TaskView> = [
    {
      title: t('inbox.name'),
      key: 'task',
      render: (_: unknown, task) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/tasks/${task.id}`}>{task.name}</Link>
          <Typography.Text type="secondary">{task.businessKey ?? '—'}</Typography.Text>
          <Space size={4} wrap>
            {flowTag(task)}
            {props.tab === 'completed' ? (
              formatDateTime(task.completedAt)
            ) : (
              <DueCell dueAt={task.dueAt} now={props.now} />
            )}
          </Space>
        </Space>
      ),
    },
  ];
  const columns: TableColumnsType<TaskView> = [
    {
      title: t('inbox.name'),
      dataIndex: 'name',
      render: (name: string, task) => <Link to={`/tasks/${task.id}`}>{name}</Link>,
    },
    { title: t('inbox.businessKey'), dataIndex: 'businessKey', render: (v: string | null) => v ?? '—' },
    {
      title: t('inbox.workflow'),
      dataIndex: 'workflowKey',
      render: (_: string, task) => flowTag(task),
    },
    { title: t('inbox.created'), dataIndex: 'createdAt', render: formatDateTime },
    props.tab === 'completed'
      ? { title: t('inbox.completedAt'), dataIndex: 'completedAt', render: formatDateTime }
      : {
          title: t('inbox.due'),
          dataIndex: 'dueAt',
          render: (v: string | null) => <DueCell dueAt={v} now={props.now} />,
        },
  ];
  const shown = phone ? phoneColumns : columns;
  if (props.tab === 'completed') {
    shown.push({
      title: t('inbox.outcome'),
      dataIndex: 'outcome',
      render: (v: string | null) => (v ? t(`outcome.${v}`, v) : '—'),
    });
  }
  if (props.tab === 'candidate') {
    shown.push({
      title: t('common.actions'),
      key: 'claim',
      render: (_: unknown, task) => (
        <Button
          size="small"
          type="primary"
          loading={props.claiming === task.id}
          onClick={() => props.onClaim(task)}
        >
          {t('inbox.claim')}
        </Button>
      ),
    });
  }
  return (
    <Table<TaskView>
      rowKey="id"
      size={phone ? 'small' : 'middle'}
      columns={shown}
      dataSource={props.tasks}
      loading={props.loading}
      rowSelection={
        props.onSelect && props.tab !== 'completed'
          ? {
              selectedRowKeys: props.selected ?? [],
              onChange: (keys) => props.onSelect?.(keys.map(String)),
              // Only tasks that can simply be approved; others need their own page.
              getCheckboxProps: (task) => ({ disabled: !canBatchApprove(task), 'aria-label': task.name }),
            }
          : undefined
      }
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        showTotal: (count) => t('common.total', { count }),
        onChange: props.onPage,
      }}
    />
  );
}
