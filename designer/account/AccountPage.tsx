/**
 * 账户与安全 (from the user menu): change my password, see where I am signed in, end a session or
 * every other one.
 */
import { Button, Card, Form, Input, message, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ApiError } from '../api-client.ts';
import { showFieldErrors } from '../components/field-errors.ts';

interface SessionItem {
  id: string;
  createdAt: string;
  expiresAt: string;
  userAgent: string | null;
  clientAddress: string | null;
  current: boolean;
}

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const submit = async (values: PasswordForm) => {
    setSaving(true);
    try {
      const { revoked } = await api.post('/api/me/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      form.resetFields();
      void message.success(t('account.passwordChanged', { count: revoked }));
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) showFieldErrors(form, error.details);
      else void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('account.password')} style={{ maxWidth: 480 }}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[{ required: true }, { min: 8, message: t('account.tooShort') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const [items, setItems] = useState<SessionItem[]>([]);
  const [loading, setLoading] = useState(true);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await api.get('/api/me/sessions')).items);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const end = async (id: string) => {
    await api.delete('/api/me/sessions/{id}', { params: { path: { id } } });
    await load();
  };
  const endOthers = async () => {
    const { revoked } = await api.post('/api/me/sessions/revoke-others');
    void message.success(t('account.othersEnded', { count: revoked }));
    await load();
  };
  const when = (iso: string) => new Date(iso).toLocaleString();
  return (
    <Card
      title={t('account.sessions')}
      extra={
        <Button danger onClick={() => void endOthers()} disabled={items.length < 2}>
          {t('account.endOthers')}
        </Button>
      }
    >
      <Table<SessionItem>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: t('account.device'),
            render: (_v, s) => (
              <Space>
                <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                  {s.userAgent ?? '—'}
                </Typography.Text>
                {s.current && <Tag color="green">{t('account.thisSession')}</Tag>}
              </Space>
            ),
          },
          { title: t('account.address'), dataIndex: 'clientAddress', render: (v: string | null) => v ?? '—' },
          { title: t('account.signedIn'), dataIndex: 'createdAt', render: when },
          { title: t('account.expires'), dataIndex: 'expiresAt', render: when },
          {
            title: '',
            render: (_v, s) =>
              s.current ? null : (
                <Button size="small" onClick={() => void end(s.id)}>
                  {t('account.end')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** The account page at `/account`. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('account.title')}
      </Typography.Title>
      <PasswordCard />
      <SessionsCard />
    </Space>
  );
}
