import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { DueCell } from '../inbox/DueCell.tsx';
import { hasAnyRole } from '../session/roles.ts';
import { useUser } from '../session/session.tsx';
import {
  COMPLAINT_LEVEL_COLOR,
  type ComplaintView,
  SERVICE_ORDER_CREATORS,
  SERVICE_STATUSES,
  type ServiceOrderView,
} from './after-sales-types.ts';
import { ComplaintDrawer } from './ComplaintDrawer.tsx';
import { InstanceTasks } from './InstanceTasks.tsx';
import { MaintenanceReminders } from './MaintenanceReminders.tsx';
import { ReturnVisits } from './ReturnVisits.tsx';
import { ServiceOrderDrawer } from './ServiceOrderDrawer.tsx';

/** A list's page and page size, and the table's pagination for a list of `total` rows. */
function usePaging() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const pagination = (total: number | undefined) => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    onChange: (page: number, pageSize: number) => setPaging({ page, pageSize }),
  });
  return { paging, pagination };
}

function ServiceOrders() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useUser();
  const [status, setStatus] = useState<string>();
  const [creating, setCreating] = useState(false);
  const paged = usePaging();
  const list = useApiQuery('/api/service-orders', { params: { query: { status, ...paged.paging } } });
  const pagination = paged.pagination(list.data?.total);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('common.status')}
          placeholder={t('common.status')}
          style={{ minWidth: 140 }}
          value={status}
          options={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`serviceStatus.${s}`) }))}
          onChange={(s: string | undefined) => setStatus(s)}
        />
        {hasAnyRole(user, SERVICE_ORDER_CREATORS) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('afterSales.new')}
          </Button>
        )}
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<ServiceOrderView>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination}
        columns={[
          {
            title: t('afterSales.serviceNo'),
            dataIndex: 'serviceNo',
            render: (no: string, s) => <Link to={`/after-sales/service-orders/${s.id}`}>{no}</Link>,
          },
          {
            title: t('afterSales.customer'),
            dataIndex: 'customerName',
            render: (name: string, s) => <Link to={`/after-sales/service-orders/${s.id}`}>{name}</Link>,
          },
          { title: t('afterSales.vin'), dataIndex: 'vin' },
          { title: t('afterSales.plate'), dataIndex: 'plate', render: (p: string | null) => p ?? '—' },
          { title: t('afterSales.kind'), dataIndex: 'kind', render: (k: string) => t(`serviceKind.${k}`, k) },
          { title: t('afterSales.complaint'), dataIndex: 'complaint', ellipsis: true },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{t(`serviceStatus.${s}`, s)}</Tag>,
          },
          { title: t('afterSales.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
        ]}
      />
      <ServiceOrderDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false);
          navigate(`/after-sales/service-orders/${s.id}`);
        }}
      />
    </>
  );
}

const CLOSED_COMPLAINT = ['resolved', 'closed', 'cancelled'];

function Complaints() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const paged = usePaging();
  const list = useApiQuery('/api/complaints', { params: { query: paged.paging } });
  const pagination = paged.pagination(list.data?.total);
  const now = new Date();
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setCreating(true)}
        style={{ marginBottom: 16 }}
      >
        {t('complaints.new')}
      </Button>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<ComplaintView>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination}
        expandable={{ expandedRowRender: (c) => <InstanceTasks instanceId={c.instanceId} /> }}
        columns={[
          { title: t('complaints.complaintNo'), dataIndex: 'complaintNo' },
          { title: t('afterSales.customer'), dataIndex: 'customerName' },
          {
            title: t('complaints.channel'),
            dataIndex: 'channel',
            render: (c: string) => t(`complaintChannel.${c}`, c),
          },
          {
            title: t('complaints.category'),
            dataIndex: 'category',
            render: (c: string) => t(`complaintCategory.${c}`, c),
          },
          {
            title: t('complaints.level'),
            dataIndex: 'level',
            render: (l: string) => <Tag color={COMPLAINT_LEVEL_COLOR[l]}>{t(`complaintLevel.${l}`, l)}</Tag>,
          },
          { title: t('complaints.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{t(`complaintStatus.${s}`, s)}</Tag>,
          },
          {
            title: t('inbox.due'),
            dataIndex: 'dueAt',
            render: (d: string | null, c) =>
              CLOSED_COMPLAINT.includes(c.status) ? '—' : <DueCell dueAt={d} now={now} />,
          },
        ]}
      />
      <ComplaintDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          list.reload();
        }}
      />
    </>
  );
}

/** `/after-sales`: work orders (open one: starts its flow), return visits due, complaints. */
export function AfterSalesPage() {
  const { t } = useTranslation();
  return (
    <Card title={<PageTitle>{t('afterSales.title')}</PageTitle>}>
      <Tabs
        items={[
          { key: 'service', label: t('afterSales.serviceOrders'), children: <ServiceOrders /> },
          { key: 'visits', label: t('afterSales.returnVisits'), children: <ReturnVisits /> },
          { key: 'complaints', label: t('afterSales.complaints'), children: <Complaints /> },
          { key: 'reminders', label: t('reminders.tab'), children: <MaintenanceReminders /> },
        ]}
      />
    </Card>
  );
}
