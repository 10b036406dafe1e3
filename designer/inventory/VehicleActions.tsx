import { App, Button, Form, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { isGroupUser } from '../session/roles.ts';
import { useUser } from '../session/session.tsx';
import { useStores } from '../session/stores.ts';
import type { VehicleView } from './inventory-types.ts';

type Dialog = 'transfer' | 'allocate' | null;

/** Sends a request, shows the outcome and refreshes the list on success. */
function useAction(onDone: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    async run(send: () => Promise<unknown>, success: string): Promise<boolean> {
      setBusy(true);
      try {
        await send();
        void message.success(t(success));
        onDone();
        return true;
      } catch (e) {
        void message.error((e as Error).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

function TransferModal({
  vehicle,
  onClose,
  onDone,
}: {
  vehicle: VehicleView;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const stores = useStores().filter((s) => s.id !== vehicle.storeId);
  const [target, setTarget] = useState<string>();
  const action = useAction(onDone);
  const submit = async () => {
    if (!target) return;
    if (
      await action.run(
        () =>
          api.post('/api/vehicles/{id}/transfer', {
            params: { path: { id: vehicle.id } },
            body: { toStoreId: target },
          }),
        'inventory.transferSent',
      )
    )
      onClose();
  };
  return (
    <Modal
      open
      title={t('inventory.transferTitle', { vin: vehicle.vin })}
      okText={t('inventory.transfer')}
      okButtonProps={{ disabled: !target, loading: action.busy }}
      onOk={submit}
      onCancel={onClose}
    >
      <Form layout="vertical">
        <Form.Item label={t('inventory.targetStore')}>
          <Select
            id="transfer-target"
            aria-label={t('inventory.targetStore')}
            value={target}
            onChange={setTarget}
            options={stores.map((s) => ({ value: s.id, label: t(`stores.${s.id}`, s.name) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AllocateModal({
  vehicle,
  onClose,
  onDone,
}: {
  vehicle: VehicleView;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const list = useApiQuery('/api/orders', {
    params: {
      query: {
        status: 'approved,paid',
        model: vehicle.model,
        pageSize: 100,
      },
    },
  });
  // Only orders still waiting for a vehicle can take this one.
  const open = (list.data?.items ?? []).filter((o) => o.vin === null);
  const [orderId, setOrderId] = useState<string>();
  const action = useAction(onDone);
  const submit = async () => {
    if (!orderId) return;
    if (
      await action.run(
        () =>
          api.post('/api/orders/{id}/allocate', {
            params: { path: { id: orderId } },
            body: { vin: vehicle.vin },
          }),
        'inventory.allocated',
      )
    )
      onClose();
  };
  return (
    <Modal
      open
      title={t('inventory.allocateTitle', { vin: vehicle.vin })}
      okText={t('inventory.allocate')}
      okButtonProps={{ disabled: !orderId, loading: action.busy }}
      onOk={submit}
      onCancel={onClose}
    >
      <Form layout="vertical">
        <Form.Item label={t('inventory.chooseOrder')}>
          <Select
            id="allocate-order"
            aria-label={t('inventory.chooseOrder')}
            loading={list.loading}
            value={orderId}
            onChange={setOrderId}
            notFoundContent={t('inventory.noOpenOrders')}
            options={open.map((o) => ({
              value: o.id,
              label: `${o.orderNo} · ${o.customerName} · ${o.model} ${o.color}`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The row actions of a vehicle for inventory roles: transfer an in-stock car to another store,
 * receive one sent to the user's store, allocate an in-stock car to an order without a vehicle.
 */
export function VehicleActions({ vehicle, onChanged }: { vehicle: VehicleView; onChanged(): void }) {
  const { t } = useTranslation();
  const user = useUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const receive = useAction(onChanged);
  const free = vehicle.status === 'in_stock' && vehicle.reservedOrderId === null;
  const incoming =
    vehicle.status === 'transferring' &&
    vehicle.transferToStoreId !== null &&
    (isGroupUser(user) || user.storeId === vehicle.transferToStoreId);
  const close = () => setDialog(null);
  return (
    <Space size={0}>
      {free && (
        <Button type="link" size="small" onClick={() => setDialog('transfer')}>
          {t('inventory.transfer')}
        </Button>
      )}
      {free && (
        <Button type="link" size="small" onClick={() => setDialog('allocate')}>
          {t('inventory.allocate')}
        </Button>
      )}
      {incoming && (
        <Button
          type="link"
          size="small"
          loading={receive.busy}
          onClick={() =>
            void receive.run(
              () => api.post('/api/vehicles/{id}/receive', { params: { path: { id: vehicle.id } } }),
              'inventory.received',
            )
          }
        >
          {t('inventory.receive')}
        </Button>
      )}
      {dialog === 'transfer' && <TransferModal vehicle={vehicle} onClose={close} onDone={onChanged} />}
      {dialog === 'allocate' && <AllocateModal vehicle={vehicle} onClose={close} onDone={onChanged} />}
    </Space>
  );
}
