import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATALOGUE, catalogueBrands } from '../../dealer-rules/catalogue.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { apiUrl } from '../api-client.ts';
import { formatDate, formatFen } from '../components/format.ts';
import { QueryError } from '../components/QueryError.tsx';
import { hasAnyRole } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import { AGING_COLOR, STATUS_COLOR, VEHICLE_STATUSES, type VehicleView } from './inventory-types.ts';
import { ModelWarnings } from './ModelWarnings.tsx';
import { StockTakeDrawer } from './StockTakeDrawer.tsx';
import { VehicleActions } from './VehicleActions.tsx';
import { VehicleImport } from './VehicleImport.tsx';

/** Who may import, transfer, count and allocate vehicles (api/dealer/access.ts `writeVehicles`). */
const IMPORTERS = ['logistics', 'sales_manager', 'general_manager', 'admin'];
const BRANDS = catalogueBrands();

interface Filters {
  status?: string;
  brand?: string;
  model?: string;
  q?: string;
}

function useColumns(actions: ((v: VehicleView) => ReactNode) | null): TableColumnsType<VehicleView> {
  const { t } = useTranslation();
  const columns: TableColumnsType<VehicleView> = [
    { title: t('inventory.vin'), dataIndex: 'vin', fixed: 'left' },
    {
      title: t('inventory.vehicle'),
      key: 'vehicle',
      render: (_: unknown, v) => `${v.brand} ${v.model} / ${v.trim}`,
    },
    { title: t('inventory.color'), dataIndex: 'exteriorColor' },
    { title: t('inventory.productionDate'), dataIndex: 'productionDate', render: formatDate },
    {
      title: t('inventory.age'),
      dataIndex: 'ageDays',
      align: 'right',
      render: (days: number, v) => (
        <Tag color={AGING_COLOR[v.agingLevel]} title={t(`agingLevel.${v.agingLevel}`)}>
          {days}
        </Tag>
      ),
    },
    { title: t('inventory.listPrice'), dataIndex: 'listPrice', align: 'right', render: formatFen },
    { title: t('inventory.location'), dataIndex: 'location', render: (l: string | null) => l ?? '—' },
    { title: t('newOrder.store'), dataIndex: 'storeId', render: (s: string) => t(`stores.${s}`, s) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: string, v) => (
        <Tag color={STATUS_COLOR[s]}>
          {t(`vehicleStatus.${s}`, s)}
          {v.transferToStoreId ? ` → ${t(`stores.${v.transferToStoreId}`, v.transferToStoreId)}` : ''}
        </Tag>
      ),
    },
  ];
  if (actions)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, v) => actions(v),
    });
  return columns;
}

/**
 * `/inventory`: vehicles with status and aging colours, per-model stock warnings, export and import;
 * for inventory roles also transfer / receive / allocate per row and the stock-take drawer.
 */
export function InventoryPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { storeFilter } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useApiQuery('/api/vehicles', { params: { query: { ...filters, ...paging } } });
  const writer = hasAnyRole(user, IMPORTERS);
  const columns = useColumns(writer ? (v) => <VehicleActions vehicle={v} onChanged={list.reload} /> : null);
  const change = (next: Filters) => {
    setFilters((f) => ({ ...f, ...next }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const models = CATALOGUE.filter((m) => !filters.brand || m.brand === filters.brand);

  return (
    <Card
      title={t('inventory.title')}
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={apiUrl('/api/vehicles/export.xlsx', { ...filters, storeId: storeFilter })}
          >
            {t('orders.export')}
          </Button>
          {writer && <StockTakeDrawer onRecorded={list.reload} />}
          {writer && <VehicleImport onImported={list.reload} />}
        </Space>
      }
    >
      <ModelWarnings models={list.data?.models ?? []} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('inventory.searchPlaceholder')}
          placeholder={t('inventory.searchPlaceholder')}
          maxLength={17}
          style={{ width: 220 }}
          onSearch={(value) => change({ q: value.trim() || undefined })}
        />
        <Select
          allowClear
          id="inventory-filter-status"
          aria-label={t('common.status')}
          placeholder={t('common.status')}
          style={{ minWidth: 130 }}
          value={filters.status}
          options={VEHICLE_STATUSES.map((s) => ({ value: s, label: t(`vehicleStatus.${s}`) }))}
          onChange={(status: string | undefined) => change({ status })}
        />
        <Select
          allowClear
          id="inventory-filter-brand"
          aria-label={t('newOrder.brand')}
          placeholder={t('newOrder.brand')}
          style={{ minWidth: 140 }}
          value={filters.brand}
          options={BRANDS.map((b) => ({ value: b, label: b }))}
          onChange={(brand: string | undefined) => change({ brand, model: undefined })}
        />
        <Select
          allowClear
          id="inventory-filter-model"
          aria-label={t('inventory.model')}
          placeholder={t('inventory.model')}
          style={{ minWidth: 160 }}
          value={filters.model}
          options={models.map((m) => ({ value: m.model, label: m.model }))}
          onChange={(model: string | undefined) => change({ model })}
        />
      </Space>
      <QueryError error={list.error} onRetry={list.reload} />
      <Table<VehicleView>
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
          showTotal: (count) => t('common.total', { count }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Card>
  );
}
