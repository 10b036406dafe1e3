/**
 * Correcting a returned order (已退回) instead of retyping it: the new-order form's customer,
 * vehicle and pricing pieces, prefilled from the order, validated like a new order in the browser
 * and again by the server (`PUT /api/orders/:id`), which records what changed for the approver.
 * Used by the resubmit task page and the order page while the order is returned.
 */
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Statistic } from 'antd';
import { type Ref, useImperativeHandle, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATALOGUE, COLOURS, catalogueBrands, catalogueModels, TRIMS } from '../../dealer-rules/catalogue.ts';
import { PAYMENT_METHODS, SOURCES } from '../../dealer-rules/labels.ts';
import { api } from '../api/client.ts';
import { ApiError } from '../api-client.ts';
import { showNestedFieldErrors } from '../components/field-errors.ts';
import { formatFen } from '../components/format.ts';
import { mobileRule } from '../components/mobile-rule.ts';
import { LoanFields } from './NewOrderPage.tsx';
import { type OrderEditValues, toEditValues, toOrderChange } from './order-change-body.ts';
import { previewTotal } from './order-preview.ts';
import type { OrderDetail } from './order-types.ts';
import { PricingFields } from './PricingFields.tsx';

/** What a page holding the form may ask of it. */
export interface OrderEditHandle {
  /** Whether there are unsaved changes. */
  dirty(): boolean;
  /** Saves unsaved changes; false when the browser or the server refused them (errors shown). */
  save(): Promise<boolean>;
}

export interface OrderEditFormProps {
  order: OrderDetail;
  onSaved(order: OrderDetail): void;
  ref?: Ref<OrderEditHandle>;
}

export function OrderEditForm({ order, onSaved, ref }: OrderEditFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrderEditValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const brand = Form.useWatch(['vehicle', 'brand'], form);
  const model = Form.useWatch(['vehicle', 'model'], form);
  const pricing = Form.useWatch('pricing', form);
  const paymentMethod = Form.useWatch('paymentMethod', form);
  const newEnergy =
    CATALOGUE.find((m) => m.brand === brand && m.model === model)?.newEnergy ?? order.newEnergy;
  const preview = previewTotal(pricing ?? {}, newEnergy);

  async function save(): Promise<boolean> {
    setFailure(null);
    try {
      await form.validateFields();
    } catch {
      return false;
    }
    setBusy(true);
    try {
      // All values, also the accessory lines' charged amounts the form does not show.
      const values = form.getFieldsValue(true) as OrderEditValues;
      const saved = await api.put('/api/orders/{id}', {
        params: { path: { id: order.id } },
        body: toOrderChange(values),
      });
      form.resetFields();
      form.setFieldsValue(toEditValues(saved));
      void message.success(t('decision.orderSaved'));
      onSaved(saved);
      return true;
    } catch (e) {
      setFailure((e as Error).message);
      // Server paths are the body's (`/customer/mobile`, `/pricing/accessories/0/price`): the form's names.
      if (e instanceof ApiError && e.details.length > 0) showNestedFieldErrors(form, e.details);
      return false;
    } finally {
      setBusy(false);
    }
  }

  useImperativeHandle(ref, () => ({ dirty: () => form.isFieldsTouched(), save }));

  const options = (values: readonly string[], prefix?: string) =>
    values.map((v) => ({ value: v, label: prefix ? t(`${prefix}.${v}`) : v }));
  const required = [{ required: true, message: t('newOrder.required') }];
  return (
    <Card title={t('decision.editOrder')} size="small" className="df-order-edit df-no-print">
      <Alert
        type="info"
        role="note"
        showIcon
        title={t('decision.orderEditHint')}
        style={{ marginBottom: 12 }}
      />
      <Form<OrderEditValues> form={form} layout="vertical" initialValues={toEditValues(order)}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name={['customer', 'name']}
              label={t('newOrder.name')}
              rules={[{ ...required[0], whitespace: true }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['customer', 'mobile']}
              label={t('newOrder.mobile')}
              rules={[...required, mobileRule(t('newOrder.mobileInvalid'))]}
            >
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name={['vehicle', 'brand']} label={t('newOrder.brand')} rules={required}>
              <Select
                options={options(catalogueBrands())}
                onChange={() => form.setFieldValue(['vehicle', 'model'], undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['vehicle', 'model']} label={t('newOrder.model')} rules={required}>
              <Select options={options(catalogueModels(brand).map((m) => m.model))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['vehicle', 'trim']} label={t('newOrder.trim')} rules={required}>
              <Select options={options(TRIMS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['vehicle', 'color']} label={t('newOrder.color')} rules={required}>
              <Select options={options(COLOURS)} />
            </Form.Item>
          </Col>
        </Row>
        <PricingFields />
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={12} md={8}>
            <Form.Item name="paymentMethod" label={t('orders.paymentMethod')} rules={required}>
              <Select options={options(PAYMENT_METHODS, 'paymentMethod')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="source" label={t('orders.source')} rules={required}>
              <Select options={options(SOURCES, 'source')} />
            </Form.Item>
          </Col>
        </Row>
        {paymentMethod === 'loan' && <LoanFields />}
      </Form>
      <Row align="middle" gutter={16}>
        <Col flex="auto">
          <Statistic title={t('newOrder.preview')} value={formatFen(preview?.total)} />
        </Col>
        <Col>
          <Space>
            <Button onClick={() => form.resetFields()} disabled={busy}>
              {t('common.reset')}
            </Button>
            <Button type="primary" ghost loading={busy} onClick={() => void save()}>
              {t('decision.saveOrder')}
            </Button>
          </Space>
        </Col>
      </Row>
      {failure && <Alert type="error" role="alert" showIcon title={failure} style={{ marginTop: 12 }} />}
    </Card>
  );
}
