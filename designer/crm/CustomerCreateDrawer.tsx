import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CATALOGUE, COLOURS } from '../../dealer-rules/catalogue.ts';
import type { JsonObject } from '../../engine/types.ts';
import type { ApiBody } from '../api/client.ts';
import { api } from '../api/client.ts';
import { FormDrawer, useCreateSubmit } from '../components/FormDrawer.tsx';
import { mobileRule } from '../components/mobile-rule.ts';
import { yuanToFen } from '../components/money.ts';
import { StoreSelect } from '../components/StoreSelect.tsx';
import { isGroupUser } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import {
  CUSTOMER_SOURCES,
  CUSTOMER_VALUES,
  type CustomerView,
  GRADES,
  INTENT_LEVELS,
  PURCHASE_TYPES,
} from './crm-types.ts';
import { useDuplicateMobile } from './use-duplicate-mobile.ts';

type NewCustomer = ApiBody<'/api/customers', 'post'>;

/** What the drawer's form holds (budget in 元). */
export interface NewCustomerValues {
  storeId?: string;
  name: string;
  mobile: string;
  email?: string;
  address?: string;
  grade?: NewCustomer['grade'];
  intentLevel?: NewCustomer['intentLevel'];
  source?: NewCustomer['source'];
  value?: NewCustomer['value'];
  purchaseType?: NewCustomer['purchaseType'];
  budgetMin?: number | null;
  budgetMax?: number | null;
  preferredModel?: string;
  preferredColor?: string;
  notes?: string;
}

/** The `POST /api/customers` body: fen amounts, preferences gathered, empty fields left out. */
export function toNewCustomer(v: NewCustomerValues): NewCustomer {
  // The same keys as the demo data and the server's other writers: models (a list), colour, notes.
  const preferences: JsonObject = {};
  if (v.preferredModel) preferences.models = [v.preferredModel];
  if (v.preferredColor) preferences.colour = v.preferredColor;
  if (v.notes) preferences.notes = v.notes;
  const fen = (yuan: number | null | undefined) => (typeof yuan === 'number' ? yuanToFen(yuan) : undefined);
  return {
    storeId: v.storeId,
    name: v.name.trim(),
    mobile: v.mobile.trim(),
    email: v.email || undefined,
    address: v.address || undefined,
    grade: v.grade,
    intentLevel: v.intentLevel,
    source: v.source,
    value: v.value,
    purchaseType: v.purchaseType,
    budgetMin: fen(v.budgetMin),
    budgetMax: fen(v.budgetMax),
    preferences,
  };
}

interface Props {
  open: boolean;
  onClose(): void;
  onCreated(customer: CustomerView): void;
}

/** The new-customer drawer: a duplicate mobile is caught while typing and on the server's 409. */
export function CustomerCreateDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const user = useUser();
  const { storeFilter } = useSession();
  const [form] = Form.useForm<NewCustomerValues>();
  const mobile = Form.useWatch('mobile', form);
  const storeId = Form.useWatch('storeId', form) ?? user.storeId ?? undefined;
  const duplicate = useDuplicateMobile(mobile, storeId);

  useEffect(() => {
    if (!duplicate) return;
    form.setFields([{ name: 'mobile', errors: [t('customers.duplicateMobile', { name: duplicate.name })] }]);
  }, [duplicate, form, t]);

  const { busy, submit } = useCreateSubmit(form, {
    send: (values: NewCustomerValues) => api.post('/api/customers', { body: toNewCustomer(values) }),
    successMessage: t('customers.created'),
    onCreated,
    onRefused: (e) => {
      if (e.status !== 409) return false;
      form.setFields([{ name: 'mobile', errors: [t('customers.duplicateMobileServer')] }]);
      return true;
    },
  });

  const options = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const required = [{ required: true, message: t('newOrder.required') }];

  return (
    <FormDrawer title={t('customers.new')} open={open} onClose={onClose} form={form} busy={busy} size={560}>
      <Form<NewCustomerValues>
        form={form}
        name="newCustomer"
        layout="vertical"
        initialValues={{ storeId: storeFilter ?? undefined, intentLevel: 'N', grade: 'potential' }}
        onFinish={(v) => void submit(v)}
      >
        {isGroupUser(user) && (
          <Form.Item name="storeId" label={t('newOrder.store')} rules={required}>
            <StoreSelect />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('customers.name')} rules={required}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="mobile"
              label={t('customers.mobile')}
              extra={
                duplicate && <Link to={`/customers/${duplicate.id}`}>{t('customers.openExisting')}</Link>
              }
              rules={[...required, mobileRule(t('newOrder.mobileInvalid'))]}
            >
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="grade" label={t('customers.grade')}>
              <Select options={options(GRADES, 'customerGrade')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="intentLevel" label={t('customers.intentLevel')}>
              <Select options={options(INTENT_LEVELS, 'intentLevel')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t('customers.source')}>
              <Select allowClear options={options(CUSTOMER_SOURCES, 'source')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="value" label={t('customers.value')}>
              <Select allowClear options={options(CUSTOMER_VALUES, 'customerValue')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="purchaseType" label={t('customers.purchaseType')}>
              <Select allowClear options={options(PURCHASE_TYPES, 'purchaseType')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('customers.email')} rules={[{ type: 'email' }]}>
              <Input type="email" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="budgetMin" label={t('customers.budgetMin')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="budgetMax" label={t('customers.budgetMax')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="preferredModel" label={t('customers.preferredModel')}>
              <Select
                allowClear
                showSearch
                options={CATALOGUE.map((m) => ({
                  value: `${m.brand} ${m.model}`,
                  label: `${m.brand} ${m.model}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="preferredColor" label={t('customers.preferredColor')}>
              <Select allowClear options={COLOURS.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('customers.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
