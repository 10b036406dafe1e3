import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiBody } from '../api/client.ts';
import { api } from '../api/client.ts';
import { FormDrawer, useCreateSubmit } from '../components/FormDrawer.tsx';
import { mobileRule } from '../components/mobile-rule.ts';
import { StoreSelect } from '../components/StoreSelect.tsx';
import { vinRule } from '../components/vin-rule.ts';
import { isGroupUser } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import { SERVICE_KINDS, type ServiceOrderView, type SoldCar } from './after-sales-types.ts';
import { SoldCarLookup } from './SoldCarLookup.tsx';

interface Values {
  storeId?: string;
  customerName: string;
  mobile: string;
  vin: string;
  plate?: string;
  mileage?: number | null;
  complaint: string;
  kind: ApiBody<'/api/service-orders', 'post'>['kind'];
}

/**
 * Opens a work order (`POST /api/service-orders`), which starts its after-sales flow. The car is
 * looked up first (plate, VIN or mobile) and fills the customer and vehicle fields; the VIN is checked
 * as the server checks it (check digit included).
 */
export function ServiceOrderDrawer(props: {
  open: boolean;
  onClose(): void;
  onCreated(s: ServiceOrderView): void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const { storeFilter } = useSession();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const storeId = Form.useWatch('storeId', form);

  function pick(car: SoldCar) {
    form.setFieldsValue({
      customerName: car.customerName,
      mobile: car.mobile,
      vin: car.vin,
      plate: car.plate ?? undefined,
      mileage: car.lastMileage,
    });
    void form.validateFields(['vin', 'mobile']);
    void message.success(t('afterSales.lookupPicked', { name: car.customerName, model: car.model }));
  }

  const { busy, submit } = useCreateSubmit(form, {
    send: (v: Values) =>
      api.post('/api/service-orders', {
        body: {
          ...v,
          vin: v.vin.trim().toUpperCase(),
          plate: v.plate || undefined,
          mileage: v.mileage ?? undefined,
        },
      }),
    successMessage: t('afterSales.created'),
    onCreated: props.onCreated,
  });

  const required = [{ required: true, message: t('newOrder.required') }];
  return (
    <FormDrawer title={t('afterSales.new')} open={props.open} onClose={props.onClose} form={form} busy={busy}>
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
        <SoldCarLookup storeId={storeId} onPick={pick} />
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
              rules={[...required, mobileRule(t('newOrder.mobileInvalid'))]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="vin"
              label={t('afterSales.vin')}
              rules={[
                ...required,
                vinRule({
                  length: t('afterSales.vinLength'),
                  'forbidden-letter': t('afterSales.vinForbidden'),
                  'invalid-character': t('afterSales.vinInvalid'),
                  'check-digit': t('afterSales.vinCheckDigit'),
                }),
              ]}
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
    </FormDrawer>
  );
}
