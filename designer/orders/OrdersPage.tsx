import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../api/use-api-query.ts';
import { apiUrl, type Query } from '../api-client.ts';
import { ColumnChooser, useVisibleColumns } from '../components/ColumnChooser.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { hasAnyRole } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import { ORDER_CREATORS } from '../shell/nav-items.tsx';
import { orderColumns, sortParam } from './order-columns.tsx';
import { ORDER_STATUSES } from './order-status.ts';
import type { OrderSort, OrderSummary } from './order-types.ts';

interface Filters {
  status: string[];
  range: [Dayjs, Dayjs] | null;
  q: string;
}

function filterQuery(f: Filters): Query {
  return {
    status: f.status.join(','),
    dateFrom: f.range?.[0].format('YYYY-MM-DD'),
    dateTo: f.range?.[1].format('YYYY-MM-DD'),
    q: f.q,
  };
}

const COLUMN_KEYS = [
  'orderNo',
  'orderDate',
  'customer',
  'mobile',
  'vehicle',
  'total',
  'status',
  'progress',
  'consultant',
  'source',
];

/** `/orders` (订单管理表): server-side filters, sorting and paging, a column chooser and Excel export. */
export function OrdersPage() {
  const { t } = useTranslation();
  const { storeFilter } = useSession();
  const user = useUser();
  const [filters, setFilters] = useState<Filters>({ status: [], range: null, q: '' });
  const [sort, setSort] = useState<OrderSort>('-createdAt');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [visible, setVisible] = useVisibleColumns('dealerflow.orders.columns', COLUMN_KEYS);
  // `totalCapped`: more orders match than `total` (the server stops counting at 10,000).
  const list = useApiQuery('/api/orders', {
    params: {
      query: {
        ...filterQuery(filters),
        sort,
        ...paging,
      },
    },
  });

  const allColumns = orderColumns(t, sort);
  const columns = allColumns.filter((c) => visible.includes(String(c.key)));
  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const exportHref = apiUrl('/api/orders/export.xlsx', {
    ...filterQuery(filters),
    sort,
    storeId: storeFilter,
  });

  return (
    <Card
      title={<PageTitle>{t('orders.title')}</PageTitle>}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} href={exportHref}>
            {t('orders.export')}
          </Button>
          {hasAnyRole(user, ORDER_CREATORS) && (
            <Link to="/orders/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('orders.new')}
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('orders.searchPlaceholder')}
          aria-label={t('orders.searchPlaceholder')}
          onSearch={(q) => update({ q: q.trim() })}
          style={{ width: 240 }}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('common.status')}
          aria-label={t('common.status')}
          style={{ minWidth: 220 }}
          value={filters.status}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
          onChange={(status: string[]) => update({ status })}
        />
        <DatePicker.RangePicker
          value={filters.range}
          onChange={(range) => update({ range: range?.[0] && range[1] ? [range[0], range[1]] : null })}
        />
        <ColumnChooser
          columns={allColumns.map((c) => ({ key: String(c.key), title: String(c.title) }))}
          visible={visible}
          onChange={setVisible}
        />
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<OrderSummary>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (count) =>
            t('common.total', {
              count: list.data?.totalCapped ? `${count.toLocaleString('en-US')}+` : count,
            }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setSort(sortParam(s?.columnKey, s?.order));
          setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
        }}
      />
    </Card>
  );
}
