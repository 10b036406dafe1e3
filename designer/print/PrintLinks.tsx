import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Links to an order's printable documents: the confirmation always, the handover once delivered. */
export function OrderPrintLinks({ orderId, delivered }: { orderId: string; delivered: boolean }) {
  const { t } = useTranslation();
  const base = `/print/orders/${encodeURIComponent(orderId)}`;
  return (
    <Space wrap>
      <Link to={base}>
        <Button icon={<PrinterOutlined />}>{t('print.printOrder')}</Button>
      </Link>
      {delivered && (
        <Link to={`${base}/handover`}>
          <Button icon={<PrinterOutlined />}>{t('print.printHandover')}</Button>
        </Link>
      )}
    </Space>
  );
}

/** The link to a work order's settlement sheet. */
export function SettlementPrintLink({ serviceOrderId }: { serviceOrderId: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/print/service-orders/${encodeURIComponent(serviceOrderId)}`}>
      <Button icon={<PrinterOutlined />}>{t('print.printSettlement')}</Button>
    </Link>
  );
}
