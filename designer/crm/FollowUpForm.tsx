import { App, Button, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiBody } from '../api/client.ts';
import { api } from '../api/client.ts';
import { FOLLOW_UP_CHANNELS, INTENT_LEVELS } from './crm-types.ts';

type NewFollowUp = ApiBody<'/api/customers/{id}/follow-ups', 'post'>;

interface FollowUpValues {
  channel: NewFollowUp['channel'];
  content: string;
  result?: string;
  nextAt?: Dayjs | null;
  intentLevel?: NewFollowUp['intentLevel'];
}

/** Records a follow-up (`POST /api/customers/:id/follow-ups`): channel, content, result, next date, level. */
export function FollowUpForm({ customerId, onSaved }: { customerId: string; onSaved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FollowUpValues>();
  const [busy, setBusy] = useState(false);

  async function submit(v: FollowUpValues) {
    setBusy(true);
    try {
      await api.post('/api/customers/{id}/follow-ups', {
        params: { path: { id: customerId } },
        body: {
          channel: v.channel,
          content: v.content,
          result: v.result || undefined,
          nextAt: v.nextAt ? v.nextAt.toISOString() : undefined,
          intentLevel: v.intentLevel,
        },
      });
      void message.success(t('customers.followUpSaved'));
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
    <Form<FollowUpValues>
      form={form}
      name="followUp"
      layout="vertical"
      initialValues={{ channel: 'call' }}
      onFinish={(v) => void submit(v)}
      aria-label={t('customers.addFollowUp')}
    >
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="channel" label={t('customers.channel')} rules={required}>
            <Select
              options={FOLLOW_UP_CHANNELS.map((c) => ({ value: c, label: t(`followUpChannel.${c}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="intentLevel" label={t('customers.levelChange')}>
            <Select
              allowClear
              options={INTENT_LEVELS.map((l) => ({ value: l, label: t(`intentLevel.${l}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="nextAt" label={t('customers.nextFollowUpAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="content" label={t('customers.content')} rules={required}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="result" label={t('customers.result')}>
        <Input maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('customers.addFollowUp')}
      </Button>
    </Form>
  );
}
