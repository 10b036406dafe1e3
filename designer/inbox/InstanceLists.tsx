/**
 * The inbox's two instance lists: 我发起的 (instances I started, `GET /api/instances?startedBy=me`)
 * and 抄送我的 (`GET /api/cc`). Rows link to the order when the instance belongs to one the user may
 * open, else to the instance's task page.
 */
import { Badge, Button, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CcView, InstanceSummary, OpenTaskSummary, RecordLink } from '../api/types.ts';
import { formatDateTime } from '../components/format.ts';
import { hasAnyRole } from '../session/roles.ts';
import { useUser } from '../session/session.tsx';
import { NAV_ITEMS } from '../shell/nav-items.tsx';

const STATUS_COLOR: Record<string, string> = {
  active: 'blue',
  done: 'green',
  cancelled: 'default',
  error: 'red',
};

/** The page of each kind of business record an instance can be about (`record.type`). */
const RECORD_PAGES: Record<string, string> = {
  order: '/orders',
  serviceOrder: '/after-sales/service-orders',
};

/**
 * Where a row leads: its business record's page (for those who may open it), else the instance's page
 * (when the row names its instance), else a task of the instance.
 */
export function useDetailLink(): (row: {
  record: RecordLink | null;
  linkTaskId: string | null;
  instanceId?: string;
}) => string | null {
  const user = useUser();
  const mayOpen = (page: string) => {
    const roles = NAV_ITEMS.find((i) => page === i.path || page.startsWith(`${i.path}/`))?.roles;
    return roles === undefined || hasAnyRole(user, roles);
  };
  return (row) => {
    const page = row.record ? RECORD_PAGES[row.record.type] : undefined;
    if (row.record && page && mayOpen(page)) return `${page}/${row.record.id}`;
    if (row.instanceId) return `/instances/${row.instanceId}`;
    return row.linkTaskId ? `/tasks/${row.linkTaskId}` : null;
  };
}

/** Who has an open task: its assignee, else its candidate roles (to claim). */
function OpenTasks({ tasks }: { tasks: OpenTaskSummary[] }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <>—</>;
  return (
    <Space orientation="vertical" size={0}>
      {tasks.map((task) => (
        <span key={task.id}>
          {task.name}
          <Typography.Text type="secondary">
            {' · '}
            {task.assigneeName ??
              t('inbox.roleCandidates', {
                roles: task.candidateRoles.map((r) => t(`roles.${r}`, r)).join('、'),
              })}
          </Typography.Text>
        </span>
      ))}
    </Space>
  );
}

interface Paging {
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage(page: number, pageSize: number): void;
}

const orDash = (value: string | null) => value ?? '—';

function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`instanceStatus.${status}`, status)}</Tag>;
}

function pagination(p: Paging, totalLabel: (count: number) => string) {
  return {
    current: p.page,
    pageSize: p.pageSize,
    total: p.total,
    showSizeChanger: true,
    showTotal: totalLabel,
    onChange: p.onPage,
  };
}

/** 我发起的: workflow, business key, status, current step and who has it, started and updated. */
export function StartedTable(props: Paging & { items: InstanceSummary[] }) {
  const { t } = useTranslation();
  const linkOf = useDetailLink();
  const columns: TableColumnsType<InstanceSummary> = [
    {
      title: t('inbox.workflow'),
      dataIndex: 'workflowKey',
      render: (key: string, row) => {
        const name = t(`workflowName.${key}`, row.workflowName);
        const to = linkOf({ ...row, instanceId: row.id });
        return to ? <Link to={to}>{name}</Link> : name;
      },
    },
    { title: t('inbox.businessKey'), dataIndex: 'businessKey', render: orDash },
    {
      title: t('inbox.status'),
      dataIndex: 'status',
      render: (status: string) => <StatusTag status={status} />,
    },
    {
      title: t('inbox.currentStep'),
      key: 'openTasks',
      render: (_: unknown, row) => <OpenTasks tasks={row.openTasks} />,
    },
    { title: t('inbox.startedAt'), dataIndex: 'startedAt', render: formatDateTime },
    { title: t('inbox.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
  ];
  return (
    <Table<InstanceSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={props.items}
      loading={props.loading}
      pagination={pagination(props, (count) => t('common.total', { count }))}
    />
  );
}

/** 抄送我的: unread mark, workflow and business key, where it came from, who CC'd, the note, when. */
export function CcTable(props: Paging & { items: CcView[]; onRead(item: CcView): void }) {
  const { t } = useTranslation();
  const linkOf = useDetailLink();
  const columns: TableColumnsType<CcView> = [
    {
      title: t('inbox.workflow'),
      dataIndex: 'workflowKey',
      render: (key: string, row) => {
        const name = t(`workflowName.${key}`, row.workflowName);
        const to = linkOf(row);
        const label = row.readAt ? name : <Typography.Text strong>{name}</Typography.Text>;
        return (
          <Space>
            {!row.readAt && <Badge status="processing" text={t('inbox.unread')} />}
            {to ? (
              <Link to={to} onClick={() => !row.readAt && props.onRead(row)}>
                {label}
              </Link>
            ) : (
              label
            )}
          </Space>
        );
      },
    },
    { title: t('inbox.businessKey'), dataIndex: 'businessKey', render: orDash },
    {
      title: t('inbox.ccSource'),
      key: 'source',
      render: (_: unknown, row) => row.taskName ?? t('inbox.ccNode'),
    },
    { title: t('inbox.ccFrom'), dataIndex: 'ccByName', render: orDash },
    { title: t('inbox.ccComment'), dataIndex: 'comment', render: orDash },
    {
      title: t('inbox.status'),
      dataIndex: 'instanceStatus',
      render: (status: string) => <StatusTag status={status} />,
    },
    { title: t('inbox.ccAt'), dataIndex: 'createdAt', render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'read',
      render: (_: unknown, row) =>
        row.readAt ? null : (
          <Button size="small" onClick={() => props.onRead(row)}>
            {t('inbox.markRead')}
          </Button>
        ),
    },
  ];
  return (
    <Table<CcView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={props.items}
      loading={props.loading}
      pagination={pagination(props, (count) => t('common.total', { count }))}
    />
  );
}
