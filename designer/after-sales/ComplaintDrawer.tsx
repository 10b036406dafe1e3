import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiBody } from '../api/client.ts';
import { api } from '../api/client.ts';
import { FormDrawer, useCreateSubmit } from '../components/FormDrawer.tsx';
import { mobileRule } from '../components/mobile-rule.ts';
import { StoreSelect } from '../components/StoreSelect.tsx';
import { isGroupUser } from '../session/roles.ts';
import { useSession, useUser } from '../session/session.tsx';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_LEVELS,
  type ComplaintView,
} from './after-sales-types.ts';

type NewComplaint = ApiBody<'/api/complaints', 'post'>;

interface Values {
  storeId?: string;
  customerName: string;
  mobile?: string;
  channel: NewComplaint['channel'];
  category: NewComplaint['category'];
  level: NewComplaint['level'];
  description: string;
}

/** Records a complaint (`POST /api/complaints`): its level sets the deadline and starts its flow. */
export function ComplaintDrawer(props: {
  open: boolean;
  onClose(): void;
  onCreated(c: ComplaintView): void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const { storeFilter } = useSession();
  const [form] = Form.useForm<Values>();

  const { busy, submit } = useCreateSubmit(form, {
    send: (v: Values) => api.post('/api/complaints', { body: { ...v, mobile: v.mobile || undefined } }),
    successMessage: t('complaints.created'),
    onCreated: props.onCreated,
  });

  const required = [{ required: true, message: t('newOrder.required') }];
  const options = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <FormDrawer title={t('complaints.new')} open={props.open} onClose={props.onClose} form={form} busy={busy}>
      <Form<Values>
        form={form}
        name="newComplaint"
        layout="vertical"
        initialValues={{
          channel: 'phone',
          category: 'repair',
          level: 'normal',
          storeId: storeFilter ?? undefined,
        }}
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
              rules={[mobileRule(t('newOrder.mobileInvalid'))]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="channel" label={t('complaints.channel')}>
              <Select options={options(COMPLAINT_CHANNELS, 'complaintChannel')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="category" label={t('complaints.category')}>
              <Select options={options(COMPLAINT_CATEGORIES, 'complaintCategory')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="level" label={t('complaints.level')}>
              <Select options={options(COMPLAINT_LEVELS, 'complaintLevel')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('complaints.description')} rules={required}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
