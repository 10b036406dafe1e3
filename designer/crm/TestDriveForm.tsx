import { App, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATALOGUE } from '../../dealer-rules/catalogue.ts';
import { api } from '../api/client.ts';
import { useApiQuery } from '../api/use-api-query.ts';

interface TestDriveValues {
  at: Dayjs;
  model: string;
  vehicleId?: string;
  licenceChecked: boolean;
  odometerOut?: number | null;
  feedback?: string;
}

/**
 * Schedules a test drive (`POST /api/customers/:id/test-drives`): model, demo car, time; the driving
 * licence must have been checked.
 */
export function TestDriveForm({ customerId, onSaved }: { customerId: string; onSaved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TestDriveValues>();
  const [busy, setBusy] = useState(false);
  const model = Form.useWatch('model', form);
  const cars = useApiQuery(model ? '/api/vehicles' : null, {
    params: {
      query: {
        model,
        status: 'in_stock',
        pageSize: 50,
      },
    },
  });

  async function submit(v: TestDriveValues) {
    setBusy(true);
    try {
      await api.post('/api/customers/{id}/test-drives', {
        params: { path: { id: customerId } },
        body: {
          at: v.at.toISOString(),
          model: v.model,
          vehicleId: v.vehicleId,
          licenceChecked: v.licenceChecked,
          odometerOut: v.odometerOut ?? undefined,
          feedback: v.feedback || undefined,
        },
      });
      void message.success(t('customers.testDriveSaved'));
      form.resetFields();
      onSaved();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, message: t('newOrder.required') }];
  return (
    <Form<TestDriveValues>
      form={form}
      name="testDrive"
      layout="vertical"
      initialValues={{ licenceChecked: false }}
      onFinish={(v) => void submit(v)}
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="model" label={t('customers.testDriveModel')} rules={required}>
            <Select
              showSearch
              options={CATALOGUE.map((m) => ({ value: m.model, label: `${m.brand} ${m.model}` }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="vehicleId" label={t('customers.demoCar')}>
            <Select
              allowClear
              loading={cars.loading && model !== undefined}
              options={(cars.data?.items ?? []).map((v) => ({
                value: v.id,
                label: `${v.vin} ${v.exteriorColor}`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="at" label={t('customers.testDriveAt')} rules={required}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="odometerOut" label={t('customers.odometerOut')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="licenceChecked"
        valuePropName="checked"
        rules={[
          {
            validator: (_, checked: boolean) =>
              checked ? Promise.resolve() : Promise.reject(new Error(t('customers.licenceRequired'))),
          },
        ]}
      >
        <Checkbox>{t('customers.licenceChecked')}</Checkbox>
      </Form.Item>
      <Form.Item name="feedback" label={t('customers.feedback')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('customers.scheduleTestDrive')}
      </Button>
    </Form>
  );
}
