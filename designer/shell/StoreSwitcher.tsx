import { ShopOutlined } from '@ant-design/icons';
import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isGroupUser } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import { useStores } from '../session/stores.ts';

const ALL = '__all__';

/** Group users pick a store to filter by (or all); others just see their store's name. */
export function StoreSwitcher() {
  const { t } = useTranslation();
  const user = useUser();
  const { storeFilter, setStoreFilter } = useSession();
  const stores = useStores(isGroupUser(user));
  if (!isGroupUser(user)) {
    return (
      <Space size={4}>
        <ShopOutlined />
        <Typography.Text>{user.storeId ? t(`stores.${user.storeId}`, user.storeId) : ''}</Typography.Text>
      </Space>
    );
  }
  return (
    <Select
      aria-label="store"
      size="small"
      prefix={<ShopOutlined />}
      value={storeFilter ?? ALL}
      style={{ minWidth: 150 }}
      options={[
        { value: ALL, label: t('app.allStores') },
        ...stores.map((s) => ({ value: s.id, label: t(`stores.${s.id}`, s.name) })),
      ]}
      onChange={(value: string) => setStoreFilter(value === ALL ? null : value)}
    />
  );
}
