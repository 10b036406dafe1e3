import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../api-client.ts';
import { formatFen } from '../components/format.ts';
import { StoreSelect } from '../components/StoreSelect.tsx';
import { pathSegments } from '../inbox/error-schema.ts';
import { isGroupUser } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import {
  CATALOGUE,
  COLORS,
  catalogueBrands,
  catalogueModels,
  ORDER_SOURCES,
  PAYMENT_METHODS,
  TRIMS,
} from './catalogue.ts';
import { type NewOrderValues, toNewOrder } from './new-order-body.ts';
import { previewTotal } from './order-preview.ts';
import { PricingFields } from './PricingFields.tsx';

/** Mainland mobile numbers, optionally with +86 (DOMAIN.md). */
export const MOBILE_PATTERN = /^(\+86)?1[3-9]\d{9}$/;

const INITIAL: Partial<NewOrderValues> = {
  paymentMethod: 'bank_transfer',
  source: 'walk_in',
  pricing: { accessories: [] },
};

/** `/orders/new`: the new-order form with a live (display-only) total; posts fen to `/api/orders`. */
export function NewOrderPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewOrderValues>();
  const user = useUser();
  const { storeFilter } = useSession();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const brand = Form.useWatch(['vehicle', 'brand'], form);
  const model = Form.useWatch(['vehicle', 'model'], form);
  const pricing = Form.useWatch('pricing', form);
  const paymentMethod = Form.useWatch('paymentMethod', form);
  const newEnergy = CATALOGUE.find((m) => m.brand === brand && m.model === model)?.newEnergy ?? false;
  const preview = previewTotal(pricing ?? {}, newEnergy);

  async function submit(values: NewOrderValues) {
    setBusy(true);
    setFailure(null);
    try {
      const created = await api.post<{ id: string }>('/api/orders', toNewOrder(values));
      void message.success(t('newOrder.created'));
      navigate(`/orders/${created.id}`);
    } catch (e) {
      setFailure((e as Error).message);
      if (e instanceof ApiError && e.details.length > 0) {
        // Server paths are the body's (`customer.mobile`, `pricing.accessories.0.price`): the form's names.
        const fields = e.details.map((d) => ({
          name: pathSegments(d.path).map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
          errors: [d.message],
        }));
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
      }
    } finally {
      setBusy(false);
    }
  }

  const options = (values: readonly string[], prefix?: string) =>
    values.map((v) => ({ value: v, label: prefix ? t(`${prefix}.${v}`) : v }));

  return (
    <Form<NewOrderValues>
      form={form}
      layout="vertical"
      initialValues={{ ...INITIAL, storeId: storeFilter ?? undefined }}
      onFinish={(v) => void submit(v)}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('newOrder.title')}
        </Typography.Title>
        <Card title={t('newOrder.customerSection')}>
          <Row gutter={16}>
            {isGroupUser(user) && (
              <Col xs={24} md={8}>
                <Form.Item
                  name="storeId"
                  label={t('newOrder.store')}
                  rules={[{ required: true, message: t('newOrder.required') }]}
                >
                  <StoreSelect />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item
                name={['customer', 'name']}
                label={t('newOrder.name')}
                rules={[{ required: true, whitespace: true, message: t('newOrder.required') }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['customer', 'mobile']}
                label={t('newOrder.mobile')}
                rules={[
                  { required: true, message: t('newOrder.required') },
                  { pattern: MOBILE_PATTERN, message: t('newOrder.mobileInvalid') },
                ]}
              >
                <Input inputMode="tel" maxLength={14} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('newOrder.vehicleSection')}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name={['vehicle', 'brand']}
                label={t('newOrder.brand')}
                rules={[{ required: true, message: t('newOrder.required') }]}
              >
                <Select
                  options={options(catalogueBrands())}
                  onChange={() => form.setFieldValue(['vehicle', 'model'], undefined)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name={['vehicle', 'model']}
                label={t('newOrder.model')}
                rules={[{ required: true, message: t('newOrder.required') }]}
              >
                <Select
                  options={options(catalogueModels(brand).map((m) => m.model))}
                  onChange={(m: string) => {
                    const found = catalogueModels(brand).find((x) => x.model === m);
                    if (found) form.setFieldValue(['pricing', 'msrp'], found.msrp);
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name={['vehicle', 'trim']}
                label={t('newOrder.trim')}
                rules={[{ required: true, message: t('newOrder.required') }]}
              >
                <Select options={options(TRIMS)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name={['vehicle', 'color']}
                label={t('newOrder.color')}
                rules={[{ required: true, message: t('newOrder.required') }]}
              >
                <Select options={options(COLORS)} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('newOrder.pricingSection')}>
          <PricingFields />
        </Card>
        <Card title={t('newOrder.paymentSection')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="paymentMethod" label={t('orders.paymentMethod')} rules={[{ required: true }]}>
                <Select options={options(PAYMENT_METHODS, 'paymentMethod')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="source" label={t('orders.source')} rules={[{ required: true }]}>
                <Select options={options(ORDER_SOURCES, 'source')} />
              </Form.Item>
            </Col>
          </Row>
          {paymentMethod === 'loan' && <LoanFields />}
        </Card>
        <Card>
          <Row gutter={16} align="middle">
            <Col flex="auto">
              <Statistic title={t('newOrder.preview')} value={formatFen(preview.total)} />
            </Col>
            <Col>
              <Space>
                <Button onClick={() => navigate('/orders')}>{t('common.cancel')}</Button>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('common.submit')}
                </Button>
              </Space>
            </Col>
          </Row>
          {failure && <Alert type="error" role="alert" showIcon title={failure} style={{ marginTop: 16 }} />}
        </Card>
      </Space>
    </Form>
  );
}

function LoanFields() {
  const { t } = useTranslation();
  const required = [{ required: true }];
  const yuan = { style: { width: '100%' }, min: 0, precision: 2, suffix: '元' } as const;
  return (
    <Row gutter={16}>
      <Col xs={24} md={6}>
        <Form.Item name={['loan', 'lender']} label={t('newOrder.lender')} rules={required}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={['loan', 'downPayment']} label={t('newOrder.downPayment')} rules={required}>
          <InputNumber<number> {...yuan} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={['loan', 'termMonths']} label={t('newOrder.termMonths')} rules={required}>
          <InputNumber<number> style={{ width: '100%' }} min={1} max={120} precision={0} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={['loan', 'monthlyPayment']} label={t('newOrder.monthlyPayment')} rules={required}>
          <InputNumber<number> {...yuan} />
        </Form.Item>
      </Col>
    </Row>
  );
}
