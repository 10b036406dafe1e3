/**
 * Where the order stands, in words ("待王强审批", "待财务收款（尾款 ¥182,000.00）", "车辆在途，预计
 * 12月12日 到店"), with who acts now and by when; on a draft, the button that submits it.
 */
import { Alert, App, Button, Descriptions, Space } from 'antd';
import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { formatDate, formatDateTime } from '../components/format.ts';
import type { OrderEditHandle } from './OrderEditForm.tsx';
import type { OrderDetail } from './order-types.ts';

export interface OrderProgressProps {
  order: OrderDetail;
  /** Whether the user may submit a draft (the server decides again). */
  maySubmit: boolean;
  /** The open edit form: unsaved changes are saved before submitting. */
  editor?: RefObject<OrderEditHandle | null>;
  onSubmitted(): void;
}

export function OrderProgress({ order, maySubmit, editor, onSubmitted }: OrderProgressProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { progress } = order;

  async function submit() {
    setBusy(true);
    setFailure(null);
    try {
      const form = editor?.current;
      if (form?.dirty() && !(await form.save())) return;
      await api.post('/api/orders/{id}/submit', { params: { path: { id: order.id } } });
      void message.success(t('orders.draftSubmitted'));
      onSubmitted();
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        className="df-order-progress"
        type={order.status === 'draft' ? 'warning' : 'info'}
        showIcon
        title={<strong>{progress.text}</strong>}
        description={
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            {progress.people.length > 0 && (
              <Descriptions.Item label={t('orders.nextPeople')}>
                {progress.people.join(t('common.listSeparator'))}
              </Descriptions.Item>
            )}
            {progress.dueAt && (
              <Descriptions.Item label={t('orders.due')}>{formatDateTime(progress.dueAt)}</Descriptions.Item>
            )}
            {order.eta && order.status === 'in_transit' && (
              <Descriptions.Item label={t('orders.eta')}>{formatDate(order.eta)}</Descriptions.Item>
            )}
            {order.status === 'draft' && <Descriptions.Item>{t('orders.draftHint')}</Descriptions.Item>}
          </Descriptions>
        }
        action={
          order.status === 'draft' && maySubmit ? (
            <Button type="primary" loading={busy} onClick={() => void submit()}>
              {t('orders.submitDraft')}
            </Button>
          ) : undefined
        }
      />
      {failure && <Alert type="error" role="alert" showIcon title={failure} />}
    </Space>
  );
}
