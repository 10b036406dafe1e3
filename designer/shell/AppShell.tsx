import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, type MenuProps, Popover, Space, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { usePhone } from '../components/use-phone.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { LiveTasksProvider } from '../inbox/live-tasks.tsx';
import { useSession, useUser } from '../session/session.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { type NavItem, navItemsFor, selectedNavPath } from './nav-items.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { StoreSwitcher } from './StoreSwitcher.tsx';

type MenuItem = Required<MenuProps>['items'][number];

function toMenuItem(item: NavItem, t: (key: string) => string): MenuItem {
  return {
    key: item.path,
    icon: item.icon,
    label: t(item.labelKey),
    children: item.children?.map((child) => toMenuItem(child, t)),
  };
}

/** Below antd's `lg` breakpoint (992 px) at first render: folded from the start, no sliding away on load. */
const belowLg = () =>
  typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 991.98px)').matches;

/** The logged-in frame: side navigation by role, header with store, user, language and logout. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = useMemo(() => navItemsFor(user.roles), [user.roles]);
  const selected = selectedNavPath(pathname, items);
  // Below antd's `lg` breakpoint (tablets) the menu folds away behind the header's menu button.
  const [narrow, setNarrow] = useState(belowLg);
  const [collapsed, setCollapsed] = useState(belowLg);
  // On a phone the header folds: store, user, language and logout go behind one account button.
  const phone = usePhone();
  const account: ReactNode = (
    <>
      <StoreSwitcher />
      <Button
        type="text"
        icon={<UserOutlined />}
        title={t('account.menu')}
        onClick={() => navigate('/account')}
      >
        <Typography.Text data-testid="current-user">{user.displayName}</Typography.Text>
      </Button>
      <LanguageSwitch />
      <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()}>
        {t('app.logout')}
      </Button>
    </>
  );

  return (
    <LiveTasksProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider
          breakpoint="lg"
          collapsedWidth={0}
          collapsible
          collapsed={collapsed}
          trigger={null}
          onBreakpoint={(below) => {
            setNarrow(below);
            setCollapsed(below);
          }}
          theme="light"
          width={200}
        >
          <Typography.Title level={5} style={{ padding: '16px 20px', margin: 0 }}>
            Dealerflow
          </Typography.Title>
          <nav aria-label="main">
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              defaultOpenKeys={['/designer']}
              items={items.map((i) => toMenuItem(i, t))}
              onClick={({ key }) => {
                navigate(key);
                if (narrow) setCollapsed(true);
              }}
            />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              padding: phone ? '0 8px' : '0 24px',
              display: 'flex',
              alignItems: 'center',
              gap: phone ? 4 : 16,
            }}
          >
            <Button
              type="text"
              aria-label={t(collapsed ? 'app.menuOpen' : 'app.menuClose')}
              aria-expanded={!collapsed}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
            />
            <span style={{ flex: 1 }} />
            <NotificationBell />
            {phone ? (
              <Popover
                trigger="click"
                placement="bottomRight"
                content={<Space orientation="vertical">{account}</Space>}
              >
                <Button type="text" icon={<UserOutlined />} aria-label={t('app.account')} />
              </Popover>
            ) : (
              <Space size="large">{account}</Space>
            )}
          </Layout.Header>
          <Layout.Content style={{ margin: phone ? 8 : 24 }}>
            <PageErrorBoundary>
              <Outlet />
            </PageErrorBoundary>
          </Layout.Content>
        </Layout>
      </Layout>
    </LiveTasksProvider>
  );
}
