import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChoosableColumn {
  key: string;
  title: string;
}

/** Which columns a table shows, remembered per table in localStorage. */
export function useVisibleColumns(storageKey: string, all: readonly string[]) {
  const [visible, setVisible] = useState<string[]>(() => {
    const stored = globalThis.localStorage?.getItem(storageKey);
    if (!stored) return [...all];
    try {
      const parsed: unknown = JSON.parse(stored);
      return Array.isArray(parsed) ? all.filter((k) => parsed.includes(k)) : [...all];
    } catch {
      return [...all];
    }
  });
  function update(keys: string[]) {
    setVisible(keys);
    globalThis.localStorage?.setItem(storageKey, JSON.stringify(keys));
  }
  return [visible, update] as const;
}

/** A 列设置 button opening checkboxes for the table's columns. */
export function ColumnChooser(props: {
  columns: ChoosableColumn[];
  visible: string[];
  onChange(keys: string[]): void;
}) {
  const { t } = useTranslation();
  const content = (
    <Checkbox.Group
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      value={props.visible}
      options={props.columns.map((c) => ({ value: c.key, label: c.title }))}
      onChange={(keys) => props.onChange(keys.map(String))}
    />
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t('common.columns')}</Button>
    </Popover>
  );
}
