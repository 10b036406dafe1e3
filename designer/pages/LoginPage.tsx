import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api-client.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useSession } from '../session/session.tsx';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-app paths are followed after login, never another origin. */
function safeReturnPath(from: string | null): string {
  return from?.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/inbox';
}

/** `/login`: username and password, errors shown, demo accounts hinted. */
export function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const returnTo = safeReturnPath(params.get('from'));

  if (user) return <Navigate to={returnTo} replace />;

  async function submit({ username, password }: Credentials) {
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
      navigate(returnTo, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('login.failed') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 380 }} extra={<LanguageSwitch />} title={t('login.title')}>
        <Form<Credentials> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" role="alert" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
