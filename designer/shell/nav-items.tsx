import {
  AppstoreOutlined,
  CalendarOutlined,
  CarOutlined,
  DashboardOutlined,
  InboxOutlined,
  MailOutlined,
  PartitionOutlined,
  PlusSquareOutlined,
  ProfileOutlined,
  SendOutlined,
  TeamOutlined,
  ToolOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { hasAnyRole } from '../session/roles.ts';

/** One entry of the side navigation; `roles` absent: everyone. */
export interface NavItem {
  path: string;
  labelKey: string;
  icon: ReactNode;
  roles?: readonly string[];
  children?: NavItem[];
}

// Mirrors the API's role lists (api/dealer/access.ts) so nobody is sent to a page that answers 403.
const SALES_DESK = ['admin', 'general_manager', 'sales_manager', 'sales_consultant', 'finance', 'logistics'];
const SALES_TEAM = ['admin', 'general_manager', 'sales_manager', 'sales_consultant'];
/** Who may create orders. */
export const ORDER_CREATORS = ['sales_consultant', 'sales_manager', 'admin'];

/** The whole navigation; `navItemsFor` keeps what a user may see. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/inbox', labelKey: 'nav.inbox', icon: <InboxOutlined /> },
  // 发起申请: every user; the server lists only the flows they may start.
  { path: '/start', labelKey: 'startCentre.nav', icon: <PlusSquareOutlined /> },
  { path: '/orders', labelKey: 'nav.orders', icon: <ProfileOutlined />, roles: SALES_DESK },
  { path: '/customers', labelKey: 'nav.customers', icon: <TeamOutlined />, roles: SALES_TEAM },
  { path: '/inventory', labelKey: 'nav.inventory', icon: <CarOutlined />, roles: SALES_DESK },
  {
    path: '/after-sales',
    labelKey: 'nav.afterSales',
    icon: <ToolOutlined />,
    roles: ['admin', 'general_manager', 'service_advisor'],
  },
  {
    path: '/dashboard',
    labelKey: 'nav.dashboard',
    icon: <DashboardOutlined />,
    // Consultants see their own figures (the server forces the scope).
    roles: ['admin', 'general_manager', 'sales_manager', 'sales_consultant'],
  },
  {
    path: '/designer',
    labelKey: 'nav.designer',
    icon: <AppstoreOutlined />,
    roles: ['admin'],
    children: [
      { path: '/designer/workflows', labelKey: 'nav.workflows', icon: <PartitionOutlined /> },
      { path: '/designer/forms', labelKey: 'nav.forms', icon: <ProfileOutlined /> },
      { path: '/designer/calendar', labelKey: 'calendar.nav', icon: <CalendarOutlined /> },
    ],
  },
  {
    path: '/admin',
    labelKey: 'messages.adminMenu',
    icon: <MailOutlined />,
    roles: ['admin'],
    children: [
      { path: '/admin/outbox', labelKey: 'messages.outboxMenu', icon: <SendOutlined /> },
      { path: '/admin/message-templates', labelKey: 'messages.templatesMenu', icon: <MailOutlined /> },
      { path: '/admin/users', labelKey: 'users.menu', icon: <UnlockOutlined /> },
    ],
  },
];

/**
 * The navigation entries a user with these roles may see.
 *
 * @example
 * navItemsFor(['service_advisor']).map((i) => i.path); // ['/inbox', '/start', '/after-sales']
 */
export function navItemsFor(roles: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || hasAnyRole({ roles }, item.roles));
}

/** The nav entry a location belongs to (longest matching prefix), for the selected menu key. */
export function selectedNavPath(pathname: string, items: readonly NavItem[]): string | undefined {
  const all = items.flatMap((i) => [i, ...(i.children ?? [])]);
  const matches = all.filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
  if (pathname.startsWith('/tasks/')) return '/inbox';
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.path;
}
