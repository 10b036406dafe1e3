import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStores } from '../session/stores.ts';

/** Props of `StoreSelect`: what a `Form.Item` passes to its control. */
export interface StoreSelectProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** A store picker over `GET /api/stores`, for group users creating store-bound records. */
export function StoreSelect({ id, value, onChange }: StoreSelectProps) {
  const { t } = useTranslation();
  const stores = useStores();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={stores.map((s) => ({ value: s.id, label: t(`stores.${s.id}`, s.name) }))}
    />
  );
}
