import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../components/format.ts';
import { dueState } from './due.ts';

/** A task's due time with a red 已超时 or orange 即将到期 badge. */
export function DueCell({ dueAt, now }: { dueAt: string | null; now: Date }) {
  const { t } = useTranslation();
  const state = dueState(dueAt, now);
  if (state === 'none') return <>—</>;
  return (
    <Space size={4}>
      <span>{formatDateTime(dueAt)}</span>
      {state === 'overdue' && <Tag color="red">{t('inbox.overdue')}</Tag>}
      {state === 'soon' && <Tag color="orange">{t('inbox.dueSoon')}</Tag>}
    </Space>
  );
}
