import { App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api-client.ts';
import { showFieldErrors } from '../components/field-errors.ts';
import { StoreSelect } from '../components/StoreSelect.tsx';
import { normalizeMobile } from '../crm/mobile.ts';
import { isGroupUser } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import { SERVICE_KINDS, type ServiceOrderView } from './after-sales-types.ts';

interface Values {
  storeId?: string;
  customerName: string;
  mobile: string;
  vin: string;
  plate?: string;
  mileage?: number | null;
  complaint: string;
  kind: string;
}

/** Opens a work order (`POST /api/service-orders`), which starts its after-sales flow. */
export function ServiceOrderDrawer(props: {
  open: boolean;
  onClose(): void;
  onCreated(s: ServiceOrderView): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const { storeFilter } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const created = await api.post<ServiceOrderView>('/api/service-orders', {
        ...v,
        vin: v.vin.trim().toUpperCase(),
        plate: v.plate || undefined,
        mileage: v.mileage ?? undefined,
      });
      void message.success(t('afterSales.created'));
      form.resetFields();
      props.onCreated(created);
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        showFieldErrors(form, e.details);
      } else void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, message: t('newOrder.required') }];
  return (
    <Drawer
      title={t('afterSales.new')}
      open={props.open}
      onClose={props.onClose}
      size={520}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        name="newServiceOrder"
        layout="vertical"
        initialValues={{ kind: 'repair', storeId: storeFilter ?? undefined }}
        onFinish={(v) => void submit(v)}
      >
        {isGroupUser(user) && (
          <Form.Item name="storeId" label={t('newOrder.store')} rules={required}>
            <StoreSelect />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="customerName" label={t('afterSales.customer')} rules={required}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="mobile"
              label={t('customers.mobile')}
              rules={[
                ...required,
                {
                  validator: (_, value: string | undefined) =>
                    !value || normalizeMobile(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('newOrder.mobileInvalid'))),
                },
              ]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="vin"
              label={t('afterSales.vin')}
              rules={[...required, { len: 17, message: t('afterSales.vinLength') }]}
            >
              <Input maxLength={17} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="plate" label={t('afterSales.plate')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="mileage" label={t('afterSales.mileage')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('afterSales.kind')}>
              <Select options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`serviceKind.${k}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="complaint" label={t('afterSales.complaint')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
