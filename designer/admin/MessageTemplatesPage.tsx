/**
 * 客户消息模板 (admin): the customer's SMS and e-mail texts per stage, edited in the browser
 * (`GET /api/admin/message-templates`, `PUT /api/admin/message-templates/:key`). Placeholders such
 * as `{{customer.name}}` are filled from the order when the message is sent; unknown ones are refused.
 */
import { App, Button, Card, Collapse, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ApiError } from '../api-client.ts';
import { showFieldErrors } from '../components/field-errors.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';

interface MessageTemplate {
  key: string;
  sms: string;
  emailSubject: string;
  emailBody: string;
  stage: boolean;
  edited: boolean;
  updatedAt: string | null;
}

type Fields = Pick<MessageTemplate, 'sms' | 'emailSubject' | 'emailBody'>;
const FIELDS = ['sms', 'emailSubject', 'emailBody'] as const;

function TemplateForm({ template, onSaved }: { template: MessageTemplate; onSaved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();

  const save = async (values: Fields) => {
    try {
      await api.put('/api/admin/message-templates/{key}', {
        params: { path: { key: template.key } },
        body: values,
      });
      void message.success(t('messages.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        showFieldErrors(form, e.details);
      } else void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Form<Fields>
      form={form}
      layout="vertical"
      initialValues={{
        sms: template.sms,
        emailSubject: template.emailSubject,
        emailBody: template.emailBody,
      }}
      onFinish={(values) => void save(values)}
    >
      {FIELDS.map((name) => (
        <Form.Item key={name} name={name} label={t(`messages.${name}`)} rules={[{ required: true }]}>
          {name === 'emailSubject' ? <Input /> : <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />}
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit">
        {t('messages.save')}
      </Button>
    </Form>
  );
}

export function MessageTemplatesPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useApiQuery('/api/admin/message-templates');
  return (
    <Card title={<PageTitle>{t('messages.templatesTitle')}</PageTitle>}>
      <QueryError error={error} onRetry={reload} />
      {data && (
        <>
          <Typography.Paragraph type="secondary">
            {t('messages.templatesHint', { list: data.placeholders.map((p) => `{{${p}}}`).join('  ') })}
          </Typography.Paragraph>
          <Collapse
            defaultActiveKey={[data.items[0]?.key ?? '']}
            items={data.items.map((template) => ({
              key: template.key,
              label: (
                <Space>
                  <Typography.Text code>{template.key}</Typography.Text>
                  {template.stage && <Tag color="blue">{t('messages.orderStage')}</Tag>}
                  {template.edited && <Tag color="gold">{t('messages.edited')}</Tag>}
                </Space>
              ),
              children: <TemplateForm template={template} onSaved={reload} />,
            }))}
          />
        </>
      )}
    </Card>
  );
}
