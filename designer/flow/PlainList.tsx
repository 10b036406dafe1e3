/**
 * A plain list (antd's List is deprecated in v6): optional header, an empty text, one row per item.
 */
import { Typography } from 'antd';
import type { ReactNode } from 'react';

export interface PlainListProps<T> {
  items: readonly T[];
  renderItem: (item: T, index: number) => ReactNode;
  itemKey: (item: T, index: number) => string;
  header?: ReactNode;
  empty?: ReactNode;
  label?: string;
}

const ROW = {
  padding: '6px 0',
  borderBottom: '1px solid #f0f0f0',
  display: 'flex',
  gap: 8,
  alignItems: 'center',
  flexWrap: 'wrap',
} as const;

/** Renders `items` as a `<ul>`. */
export function PlainList<T>({ items, renderItem, itemKey, header, empty, label }: PlainListProps<T>) {
  return (
    <section aria-label={label}>
      {header && <Typography.Text strong>{header}</Typography.Text>}
      {items.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{empty ?? '—'}</Typography.Text>
        </div>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item, i) => (
            <li key={itemKey(item, i)} style={ROW}>
              {renderItem(item, i)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
