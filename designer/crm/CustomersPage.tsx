import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ApiQuery } from '../api/client.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { CustomerCreateDrawer } from './CustomerCreateDrawer.tsx';
import { CUSTOMER_SOURCES, type CustomerView, GRADES, INTENT_LEVELS, LEVEL_COLOR } from './crm-types.ts';

type FilterKey = 'grade' | 'intentLevel' | 'source';

/** The next follow-up, with a red 逾期 badge when it is in the past. */
export function NextFollowUp({ customer }: { customer: Pick<CustomerView, 'nextFollowUpAt' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <span>{formatDateTime(customer.nextFollowUpAt)}</span>
      {customer.overdue && <Tag color="red">{t('customers.overdue')}</Tag>}
    </Space>
  );
}

function useColumns(): TableColumnsType<CustomerView> {
  const { t } = useTranslation();
  return [
    {
      title: t('customers.name'),
      dataIndex: 'name',
      render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
    },
    { title: t('customers.mobile'), dataIndex: 'mobile' },
    { title: t('customers.grade'), dataIndex: 'grade', render: (g: string) => t(`customerGrade.${g}`, g) },
    {
      title: t('customers.intentLevel'),
      dataIndex: 'intentLevel',
      render: (l: string) => <Tag color={LEVEL_COLOR[l]}>{t(`intentLevel.${l}`, l)}</Tag>,
    },
    { title: t('orders.source'), dataIndex: 'source', render: (s: string) => t(`source.${s}`, s) },
    { title: t('customers.value'), dataIndex: 'value', render: (v: string) => t(`customerValue.${v}`, v) },
    {
      title: t('customers.nextFollowUpAt'),
      key: 'next',
      render: (_: unknown, c) => <NextFollowUp customer={c} />,
    },
  ];
}

/** `/customers`: the CRM list, overdue follow-ups first (the server orders it), with filters and search. */
export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Pick<ApiQuery<'/api/customers'>, FilterKey>>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useApiQuery('/api/customers', { params: { query: { q, ...filters, ...paging } } });
  const columns = useColumns();

  const setFilter = (key: FilterKey, value: string | undefined) => {
    // The select offers only the route's own values for `key` (the options below).
    setFilters((f) => ({ ...f, [key]: value }) as typeof f);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const filterSelect = (key: FilterKey, options: { value: string; label: string }[]) => (
    <Select
      id={`customers-filter-${key}`}
      allowClear
      aria-label={t(`customers.${key === 'source' ? 'source' : key}`)}
      placeholder={t(`customers.${key === 'source' ? 'source' : key}`)}
      options={options}
      style={{ minWidth: 150 }}
      value={filters[key]}
      onChange={(value: string | undefined) => setFilter(key, value)}
    />
  );

  return (
    <Card
      title={<PageTitle>{t('customers.title')}</PageTitle>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('customers.new')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('customers.searchPlaceholder')}
          style={{ width: 220 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        {filterSelect(
          'grade',
          GRADES.map((g) => ({ value: g, label: t(`customerGrade.${g}`) })),
        )}
        {filterSelect(
          'intentLevel',
          INTENT_LEVELS.map((l) => ({ value: l, label: t(`intentLevel.${l}`) })),
        )}
        {filterSelect(
          'source',
          CUSTOMER_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) })),
        )}
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<CustomerView>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        rowClassName={(c) => (c.overdue ? 'row-overdue' : '')}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (count) => t('common.total', { count }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      <CustomerCreateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          navigate(`/customers/${created.id}`);
        }}
      />
    </Card>
  );
}
