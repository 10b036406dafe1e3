import { EditOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiBody } from '../api/client.ts';
import { api } from '../api/client.ts';
import { ApiError } from '../api-client.ts';
import { showFieldErrors } from '../components/field-errors.ts';
import { CUSTOMER_VALUES, type CustomerView, GRADES, INTENT_LEVELS, PURCHASE_TYPES } from './crm-types.ts';

type CustomerChange = ApiBody<'/api/customers/{id}', 'patch'>;

interface StageValues {
  grade: NonNullable<CustomerChange['grade']>;
  intentLevel: NonNullable<CustomerChange['intentLevel']>;
  value: NonNullable<CustomerChange['value']>;
  purchaseType: NonNullable<CustomerChange['purchaseType']>;
  lostReason?: string;
}

function currentValues(customer: CustomerView): StageValues {
  // The view answers these as plain strings; the server only ever stores the values PATCH takes.
  return {
    grade: customer.grade as StageValues['grade'],
    intentLevel: customer.intentLevel as StageValues['intentLevel'],
    value: customer.value as StageValues['value'],
    purchaseType: customer.purchaseType as StageValues['purchaseType'],
    lostReason: customer.lostReason ?? undefined,
  };
}

/** Changes a customer's stage, intent level, value and purchase type (`PATCH /api/customers/:id`); lost needs a reason. */
export function CustomerStageEditor({ customer, onSaved }: { customer: CustomerView; onSaved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<StageValues>();
  const grade = Form.useWatch('grade', form);

  async function submit(v: StageValues) {
    setBusy(true);
    try {
      await api.patch('/api/customers/{id}', {
        params: { path: { id: customer.id } },
        body: { ...v, lostReason: v.grade === 'lost' ? v.lostReason : undefined },
      });
      void message.success(t('customers.stageSaved'));
      setOpen(false);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) showFieldErrors(form, e.details);
      else void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const options = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <>
      <Button
        icon={<EditOutlined />}
        onClick={() => {
          // The customer may have changed since the form was first rendered.
          form.setFieldsValue(currentValues(customer));
          setOpen(true);
        }}
      >
        {t('customers.changeStage')}
      </Button>
      <Modal
        title={t('customers.changeStage')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        forceRender
      >
        <Form<StageValues>
          form={form}
          name="customerStage"
          layout="vertical"
          initialValues={currentValues(customer)}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="grade" label={t('customers.grade')}>
            <Select options={options(GRADES, 'customerGrade')} />
          </Form.Item>
          {grade === 'lost' && (
            <Form.Item
              name="lostReason"
              label={t('customers.lostReason')}
              rules={[{ required: true, whitespace: true, message: t('customers.lostReasonRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          <Form.Item name="intentLevel" label={t('customers.intentLevel')}>
            <Select options={options(INTENT_LEVELS, 'intentLevel')} />
          </Form.Item>
          <Form.Item name="value" label={t('customers.value')}>
            <Select options={options(CUSTOMER_VALUES, 'customerValue')} />
          </Form.Item>
          <Form.Item name="purchaseType" label={t('customers.purchaseType')}>
            <Select options={options(PURCHASE_TYPES, 'purchaseType')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
