import { CarOutlined, ContactsOutlined } from '@ant-design/icons';
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
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  COLOURS,
  catalogueBrands,
  catalogueModels,
  isNewEnergy,
  TRIMS,
} from '../../dealer-rules/catalogue.ts';
import { PAYMENT_METHODS, SOURCES } from '../../dealer-rules/labels.ts';
import { api } from '../api/client.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ApiError, type Query } from '../api-client.ts';
import { showNestedFieldErrors } from '../components/field-errors.ts';
import { formatFen } from '../components/format.ts';
import { mobileRule } from '../components/mobile-rule.ts';
import { fenToYuan } from '../components/money.ts';
import { StoreSelect } from '../components/StoreSelect.tsx';
import { LookupSelect, type LookupSource } from '../components/widgets/LookupSelect.tsx';
import { CUSTOMERS, VEHICLES } from '../components/widgets/LookupWidgets.tsx';
import type { CustomerView } from '../crm/crm-types.ts';
import { useDuplicateMobile } from '../crm/use-duplicate-mobile.ts';
import type { VehicleView } from '../inventory/inventory-types.ts';
import { isGroupUser } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import { preferredVehicle } from './catalogue.ts';
import { type NewOrderValues, toNewOrder } from './new-order-body.ts';
import { previewTotal } from './order-preview.ts';
import { PricingFields } from './PricingFields.tsx';

const INITIAL: Partial<NewOrderValues> = {
  paymentMethod: 'bank_transfer',
  source: 'walk_in',
  pricing: { accessories: [] },
};

/**
 * `/orders/new`: the new-order form with a live (display-only) total; posts fen to `/api/orders`.
 * The customer is typed in or linked (search, a matching mobile, or `?customerId=`); the vehicle is
 * a stock vehicle (its VIN is sent and it is held for the order) or a model, trim and colour.
 */
export function NewOrderPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<NewOrderValues>();
  const user = useUser();
  const group = isGroupUser(user);
  const { storeFilter } = useSession();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'submit' | 'draft' | null>(null);
  const [prefilled, setPrefilled] = useState(false);
  // Which button sent the form: 保存草稿 or 提交.
  const asDraft = useRef(false);
  const brand = Form.useWatch(['vehicle', 'brand'], form);
  const model = Form.useWatch(['vehicle', 'model'], form);
  const vin = Form.useWatch(['vehicle', 'vin'], form);
  const customerId = Form.useWatch(['customer', 'id'], form);
  const mobile = Form.useWatch(['customer', 'mobile'], form);
  const chosenStore = Form.useWatch('storeId', form);
  const pricing = Form.useWatch('pricing', form);
  const paymentMethod = Form.useWatch('paymentMethod', form);
  const newEnergy = isNewEnergy(brand ?? '', model ?? '');
  const preview = previewTotal(pricing ?? {}, newEnergy);
  const storeId = group ? chosenStore : (user.storeId ?? undefined);
  // The linked records' stores: a group user's change of store drops links to another store's.
  const linkedStores = useRef<{ customer?: string; vehicle?: string }>({});
  const [linkedCustomer, setLinkedCustomer] = useState<CustomerView>();
  const linkedItems = useMemo(() => (linkedCustomer ? [linkedCustomer] : undefined), [linkedCustomer]);

  const duplicate = useDuplicateMobile(customerId ? undefined : mobile, storeId);
  const presetId = params.get('customerId');
  const preset = useApiQuery(presetId ? '/api/customers/{id}' : null, {
    params: { path: { id: presetId ?? '' } },
  });

  /** The customer's preferred model and colour, and their address, where the form is still empty. */
  function prefillFrom(c: CustomerView) {
    const wanted = preferredVehicle(c.preferences);
    const filled: string[] = [];
    if (c.address && !form.getFieldValue(['customer', 'address'])) {
      form.setFieldValue(['customer', 'address'], c.address);
      filled.push('address');
    }
    if (form.getFieldValue(['vehicle', 'vin'])) return setPrefilled(filled.length > 0);
    if (wanted.model && !form.getFieldValue(['vehicle', 'model'])) {
      form.setFieldValue(['vehicle', 'brand'], wanted.model.brand);
      form.setFieldValue(['vehicle', 'model'], wanted.model.model);
      form.setFieldValue(['pricing', 'msrp'], fenToYuan(wanted.model.msrp));
      filled.push('model');
    }
    if (wanted.color && !form.getFieldValue(['vehicle', 'color'])) {
      form.setFieldValue(['vehicle', 'color'], wanted.color);
      filled.push('color');
    }
    setPrefilled(filled.length > 0);
  }

  function linkCustomer(c: CustomerView) {
    form.setFieldValue(['customer', 'id'], c.id);
    form.setFieldValue(['customer', 'name'], c.name);
    form.setFieldValue(['customer', 'mobile'], c.mobile);
    prefillFrom(c);
    form.setFields([
      { name: ['customer', 'name'], errors: [] },
      { name: ['customer', 'mobile'], errors: [] },
    ]);
    linkedStores.current.customer = c.storeId;
    setLinkedCustomer(c);
    if (group && c.storeId !== form.getFieldValue('storeId')) form.setFieldValue('storeId', c.storeId);
  }

  function unlinkCustomer() {
    setPrefilled(false);
    form.setFieldValue(['customer', 'id'], undefined);
    form.setFieldValue(['customer', 'name'], undefined);
    form.setFieldValue(['customer', 'mobile'], undefined);
    linkedStores.current.customer = undefined;
    setLinkedCustomer(undefined);
  }

  function chooseVehicle(v: VehicleView) {
    form.setFieldValue(['vehicle', 'brand'], v.brand);
    form.setFieldValue(['vehicle', 'model'], v.model);
    form.setFieldValue(['vehicle', 'trim'], v.trim);
    form.setFieldValue(['vehicle', 'color'], v.exteriorColor);
    if (typeof v.listPrice === 'number' && v.listPrice > 0) {
      form.setFieldValue(['pricing', 'msrp'], v.listPrice / 100);
    }
    linkedStores.current.vehicle = v.storeId;
    if (group && v.storeId !== form.getFieldValue('storeId')) form.setFieldValue('storeId', v.storeId);
  }

  // `?customerId=` (the customer profile's 下单): the customer is linked once read.
  const presetCustomer = preset.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: link once per customer read, not per render.
  useEffect(() => {
    if (presetCustomer) linkCustomer(presetCustomer);
  }, [presetCustomer]);
  // Not (or no longer) a customer one may see: the order is for a new customer then.
  useEffect(() => {
    if (preset.error) form.setFieldValue(['customer', 'id'], undefined);
  }, [preset.error, form]);

  const stockSource = useMemo<LookupSource<VehicleView>>(
    () => ({
      ...VEHICLES,
      toOption: (v) => ({
        value: v.vin,
        label: [
          v.vin,
          `${v.model} ${v.trim}`,
          v.exteriorColor,
          t('newOrder.stockAge', { days: v.ageDays }),
        ].join(' · '),
      }),
    }),
    [t],
  );
  const storeQuery: Query = group && chosenStore ? { storeId: chosenStore } : {};
  // Chosen by hand, the brand and model narrow the stock search.
  const stockQuery: Query = {
    ...storeQuery,
    status: 'in_stock',
    ...(!vin && brand ? { brand } : {}),
    ...(!vin && model ? { model } : {}),
  };

  async function submit(values: NewOrderValues) {
    const draft = asDraft.current;
    setBusy(draft ? 'draft' : 'submit');
    setFailure(null);
    try {
      const body = { ...toNewOrder(values), ...(draft ? { draft: true } : {}) };
      const created = await api.post('/api/orders', { body });
      void message.success(t(draft ? 'newOrder.draftSaved' : 'newOrder.created'));
      navigate(`/orders/${created.id}`);
    } catch (e) {
      setFailure((e as Error).message);
      // Server paths are the body's (`/customer/mobile`, `/pricing/accessories/0/price`): the form's names.
      if (e instanceof ApiError && e.details.length > 0) showNestedFieldErrors(form, e.details);
    } finally {
      setBusy(null);
    }
  }

  const options = (values: readonly string[], prefix?: string) =>
    values.map((v) => ({ value: v, label: prefix ? t(`${prefix}.${v}`) : v }));
  // From state set in the same handler as the fields (a watched value arrives a render later).
  const linked = linkedCustomer !== undefined;
  const fromStock = Boolean(vin);

  return (
    <Form<NewOrderValues>
      form={form}
      layout="vertical"
      initialValues={{
        ...INITIAL,
        storeId: storeFilter ?? undefined,
        customer: presetId ? { id: presetId } : undefined,
      }}
      onValuesChange={(changed: Partial<NewOrderValues>) => {
        if (!('storeId' in changed)) return;
        const links = linkedStores.current;
        if (links.customer && links.customer !== changed.storeId) unlinkCustomer();
        if (links.vehicle && links.vehicle !== changed.storeId) {
          form.setFieldValue(['vehicle', 'vin'], undefined);
          links.vehicle = undefined;
        }
      }}
      onFinish={(v) => void submit(v)}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('newOrder.title')}
        </Typography.Title>
        <Card title={t('newOrder.customerSection')}>
          <Row gutter={16}>
            {group && (
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
            <Col xs={24} md={16}>
              <Form.Item name={['customer', 'id']} label={t('newOrder.findCustomer')}>
                <LookupSelect<CustomerView>
                  onChange={(_id, c) => (c ? linkCustomer(c) : unlinkCustomer())}
                  source={CUSTOMERS}
                  items={linkedItems}
                  query={storeQuery}
                  icon={<ContactsOutlined />}
                  placeholder={t('formWidgets.searchCustomer')}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name={['customer', 'name']}
                label={t('newOrder.name')}
                rules={[{ required: true, whitespace: true, message: t('newOrder.required') }]}
              >
                <Input maxLength={100} readOnly={linked} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['customer', 'mobile']}
                label={t('newOrder.mobile')}
                rules={[
                  { required: true, message: t('newOrder.required') },
                  mobileRule(t('newOrder.mobileInvalid')),
                ]}
              >
                <Input inputMode="tel" maxLength={20} readOnly={linked} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['customer', 'address']} label={t('newOrder.address')}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
          </Row>
          {linked && (
            <Alert
              type="info"
              showIcon
              title={t('newOrder.linkedCustomer')}
              description={prefilled ? t('newOrder.prefilled') : undefined}
              action={
                <Button size="small" onClick={unlinkCustomer}>
                  {t('newOrder.unlinkCustomer')}
                </Button>
              }
            />
          )}
          {!linked && duplicate && (
            <Alert
              type="warning"
              showIcon
              title={t('newOrder.existingMobile', { name: duplicate.name })}
              action={
                <Button size="small" type="primary" onClick={() => linkCustomer(duplicate)}>
                  {t('newOrder.linkExisting')}
                </Button>
              }
            />
          )}
        </Card>
        <Card title={t('newOrder.vehicleSection')}>
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item
                name={['vehicle', 'vin']}
                label={t('newOrder.fromStock')}
                extra={fromStock ? t('newOrder.linkedVehicle') : undefined}
              >
                <LookupSelect<VehicleView>
                  onChange={(_vin, v) => {
                    if (v) chooseVehicle(v);
                    else linkedStores.current.vehicle = undefined;
                  }}
                  source={stockSource}
                  query={stockQuery}
                  icon={<CarOutlined />}
                  placeholder={t('newOrder.fromStockPlaceholder')}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name={['vehicle', 'brand']}
                label={t('newOrder.brand')}
                rules={[{ required: true, message: t('newOrder.required') }]}
              >
                <Select
                  disabled={fromStock}
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
                  disabled={fromStock}
                  options={options(catalogueModels(brand).map((m) => m.model))}
                  onChange={(m: string) => {
                    const found = catalogueModels(brand).find((x) => x.model === m);
                    if (found) form.setFieldValue(['pricing', 'msrp'], fenToYuan(found.msrp));
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
                <Select disabled={fromStock} options={options(TRIMS)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name={['vehicle', 'color']}
                label={t('newOrder.color')}
                rules={[{ required: true, message: t('newOrder.required') }]}
              >
                <Select disabled={fromStock} options={options(COLOURS)} />
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
                <Select options={options(SOURCES, 'source')} />
              </Form.Item>
            </Col>
          </Row>
          {paymentMethod === 'loan' && <LoanFields />}
        </Card>
        <Card>
          <Row gutter={16} align="middle">
            <Col flex="auto">
              <Statistic title={t('newOrder.preview')} value={formatFen(preview?.total)} />
            </Col>
            <Col>
              <Space>
                <Button onClick={() => navigate('/orders')}>{t('common.cancel')}</Button>
                <Button
                  htmlType="submit"
                  loading={busy === 'draft'}
                  disabled={busy === 'submit'}
                  onClick={() => {
                    asDraft.current = true;
                  }}
                >
                  {t('newOrder.saveDraft')}
                </Button>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={busy === 'submit'}
                  disabled={busy === 'draft'}
                  onClick={() => {
                    asDraft.current = false;
                  }}
                >
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

export function LoanFields() {
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
