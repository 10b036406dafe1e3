import { lazy, type ReactElement, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AccountPage } from './account/AccountPage.tsx';
import { MessageTemplatesPage } from './admin/MessageTemplatesPage.tsx';
import { OutboxPage } from './admin/OutboxPage.tsx';
import { UsersPage } from './admin/UsersPage.tsx';
import { AfterSalesPage } from './after-sales/AfterSalesPage.tsx';
import { ServiceOrderDetailPage } from './after-sales/ServiceOrderDetailPage.tsx';
import { CustomerProfilePage } from './crm/CustomerProfilePage.tsx';
import { CustomersPage } from './crm/CustomersPage.tsx';
import { InboxPage } from './inbox/InboxPage.tsx';
import { InventoryPage } from './inventory/InventoryPage.tsx';
import { NewOrderPage } from './orders/NewOrderPage.tsx';
import { OrderDetailPage } from './orders/OrderDetailPage.tsx';
import { OrdersPage } from './orders/OrdersPage.tsx';
import { CalendarPage } from './pages/CalendarPage.tsx';
import { FormListPage, WorkflowListPage } from './pages/DefinitionListPages.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { AppShell } from './shell/AppShell.tsx';
import { FlowDesignerRoute, FormBuilderRoute } from './shell/designer-pages.tsx';
import { NotFoundPage } from './shell/NotFoundPage.tsx';
import { NAV_ITEMS, ORDER_CREATORS } from './shell/nav-items.tsx';
import { RequireAuth } from './shell/RequireAuth.tsx';
import { StartPage } from './start/StartPage.tsx';

// The task page carries rjsf and ajv: loaded when first opened, not with the shell.
const TaskPage = lazy(async () => ({ default: (await import('./inbox/TaskPage.tsx')).TaskPage }));
// The start form and the instance page carry rjsf / React Flow like the task page.
const StartFormPage = lazy(async () => ({
  default: (await import('./start/StartFormPage.tsx')).StartFormPage,
}));
const InstancePage = lazy(async () => ({
  default: (await import('./start/InstancePage.tsx')).InstancePage,
}));
// Printable documents: opened from an order or a work order, rendered without the shell.
const printPage = (name: 'OrderPrintPage' | 'HandoverPrintPage' | 'SettlementPrintPage') =>
  lazy(async () => ({ default: (await import('./print/PrintPages.tsx'))[name] }));
const OrderPrintPage = printPage('OrderPrintPage');
const HandoverPrintPage = printPage('HandoverPrintPage');
const SettlementPrintPage = printPage('SettlementPrintPage');
// The dashboard carries ECharts: loaded only by those who open it.
const DashboardPage = lazy(async () => ({
  default: (await import('./dashboard/DashboardPage.tsx')).DashboardPage,
}));

/** The roles of a top-level nav entry, so a typed-in URL is guarded like the menu. */
function rolesOf(path: string): readonly string[] | undefined {
  return NAV_ITEMS.find((i) => i.path === path)?.roles;
}

function guarded(path: string, element: ReactElement) {
  return <RequireAuth roles={rolesOf(path)}>{element}</RequireAuth>;
}

/** Every browser route. Wrapped in a router by main.tsx, or a MemoryRouter in tests. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {(
        [
          ['/print/orders/:id', <OrderPrintPage key="order" />],
          ['/print/orders/:id/handover', <HandoverPrintPage key="handover" />],
          ['/print/service-orders/:id', <SettlementPrintPage key="settlement" />],
        ] as const
      ).map(([path, page]) => (
        <Route
          key={path}
          path={path}
          element={
            <RequireAuth>
              <Suspense fallback={null}>{page}</Suspense>
            </RequireAuth>
          }
        />
      ))}
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/inbox" replace />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route
          path="/tasks/:id"
          element={
            <Suspense fallback={null}>
              <TaskPage />
            </Suspense>
          }
        />
        <Route path="/start" element={<StartPage />} />
        <Route
          path="/start/:key"
          element={
            <Suspense fallback={null}>
              <StartFormPage />
            </Suspense>
          }
        />
        <Route
          path="/instances/:id"
          element={
            <Suspense fallback={null}>
              <InstancePage />
            </Suspense>
          }
        />
        <Route path="/orders" element={guarded('/orders', <OrdersPage />)} />
        <Route
          path="/orders/new"
          element={
            <RequireAuth roles={ORDER_CREATORS}>
              <NewOrderPage />
            </RequireAuth>
          }
        />
        <Route path="/orders/:id" element={guarded('/orders', <OrderDetailPage />)} />
        <Route path="/customers" element={guarded('/customers', <CustomersPage />)} />
        <Route path="/customers/:id" element={guarded('/customers', <CustomerProfilePage />)} />
        <Route path="/inventory" element={guarded('/inventory', <InventoryPage />)} />
        <Route path="/after-sales" element={guarded('/after-sales', <AfterSalesPage />)} />
        <Route
          path="/after-sales/service-orders/:id"
          element={guarded('/after-sales', <ServiceOrderDetailPage />)}
        />
        <Route
          path="/dashboard"
          element={guarded(
            '/dashboard',
            <Suspense fallback={null}>
              <DashboardPage />
            </Suspense>,
          )}
        />
        <Route path="/designer" element={<Navigate to="/designer/workflows" replace />} />
        <Route path="/designer/workflows" element={guarded('/designer', <WorkflowListPage />)} />
        <Route path="/designer/workflows/:key" element={guarded('/designer', <FlowDesignerRoute />)} />
        <Route path="/designer/forms" element={guarded('/designer', <FormListPage />)} />
        <Route path="/designer/forms/:key" element={guarded('/designer', <FormBuilderRoute />)} />
        <Route path="/admin/outbox" element={guarded('/admin', <OutboxPage />)} />
        <Route path="/admin/message-templates" element={guarded('/admin', <MessageTemplatesPage />)} />
        <Route path="/admin/users" element={guarded('/admin', <UsersPage />)} />
        <Route path="/designer/calendar" element={guarded('/designer', <CalendarPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
