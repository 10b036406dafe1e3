import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStores } from '../session/stores.ts';

/** Props of `StoreSelect`: what a `Form.Item` passes to its control. */
export interface StoreSelectProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Offer clearing (e.g. back to all stores), showing `placeholder` when empty. */
  allowClear?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}

/** A store picker over `GET /api/stores`, for group users creating store-bound records. */
export function StoreSelect({ id, value, onChange, allowClear, placeholder, ...rest }: StoreSelectProps) {
  const { t } = useTranslation();
  const stores = useStores();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder={placeholder}
      aria-label={rest['aria-label']}
      style={{ minWidth: 160 }}
      options={stores.map((s) => ({ value: s.id, label: t(`stores.${s.id}`, s.name) }))}
    />
  );
}
