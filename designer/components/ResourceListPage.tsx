import { Card, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page, Row } from '../api-types.ts';
import { QueryError } from './QueryError.tsx';
import { useApiQuery } from './use-api-query.ts';

export interface ResourceFilter {
  /** Query parameter the chosen value is sent as. */
  param: string;
  placeholder: string;
  options: { value: string; label: string }[];
}

export interface ResourceListPageProps {
  title: string;
  path: string;
  columns: TableColumnsType<Row>;
  searchPlaceholder?: string;
  filters?: ResourceFilter[];
  extra?: ReactNode;
}

/** A plain server-paginated list over an API resource, with a search box and select filters. */
export function ResourceListPage({
  title,
  path,
  columns,
  searchPlaceholder,
  filters = [],
  extra,
}: ResourceListPageProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Record<string, string | undefined>>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useApiQuery<Page<Row>>(path, { q, ...chosen, ...paging });
  const reset = () => setPaging((p) => ({ ...p, page: 1 }));

  return (
    <Card title={title} extra={extra}>
      <Space wrap style={{ marginBottom: 16 }}>
        {searchPlaceholder && (
          <Input.Search
            allowClear
            placeholder={searchPlaceholder}
            style={{ width: 240 }}
            onSearch={(value) => {
              setQ(value.trim());
              reset();
            }}
          />
        )}
        {filters.map((f) => (
          <Select
            key={f.param}
            allowClear
            placeholder={f.placeholder}
            options={f.options}
            style={{ minWidth: 160 }}
            value={chosen[f.param]}
            onChange={(value: string | undefined) => {
              setChosen((c) => ({ ...c, [f.param]: value }));
              reset();
            }}
          />
        ))}
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<Row>
        rowKey={(row) => String(row.id ?? row.vin ?? JSON.stringify(row))}
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
          showTotal: (count) => t('common.total', { count }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Card>
  );
}
