import { lazy, type ReactElement, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { InboxPage } from './inbox/InboxPage.tsx';
import { NewOrderPage } from './orders/NewOrderPage.tsx';
import { OrderDetailPage } from './orders/OrderDetailPage.tsx';
import { OrdersPage } from './orders/OrdersPage.tsx';
import { AfterSalesPage } from './pages/AfterSalesPage.tsx';
import { CustomersPage } from './pages/CustomersPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { FormListPage, WorkflowListPage } from './pages/DefinitionListPages.tsx';
import { InventoryPage } from './pages/InventoryPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { AppShell } from './shell/AppShell.tsx';
import { FlowDesignerRoute, FormBuilderRoute } from './shell/designer-pages.tsx';
import { NotFoundPage } from './shell/NotFoundPage.tsx';
import { NAV_ITEMS, ORDER_CREATORS } from './shell/nav-items.tsx';
import { RequireAuth } from './shell/RequireAuth.tsx';

// The task page carries rjsf and ajv: loaded when first opened, not with the shell.
const TaskPage = lazy(async () => ({ default: (await import('./inbox/TaskPage.tsx')).TaskPage }));

/** The roles of a top-level nav entry, so a typed-in URL is guarded like the menu. */
function rolesOf(path: string): readonly string[] | undefined {
  return NAV_ITEMS.find((i) => i.path === path)?.roles;
}

function guarded(path: string, element: ReactElement) {
  return <RequireAuth roles={rolesOf(path)}>{element}</RequireAuth>;
}

/** Every browser route (DESIGN.md §6). Wrapped in a router by main.tsx, or a MemoryRouter in tests. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/inbox" replace />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route
          path="/tasks/:id"
          element={
            <Suspense fallback={null}>
              <TaskPage />
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
        <Route path="/inventory" element={guarded('/inventory', <InventoryPage />)} />
        <Route path="/after-sales" element={guarded('/after-sales', <AfterSalesPage />)} />
        <Route path="/dashboard" element={guarded('/dashboard', <DashboardPage />)} />
        <Route path="/designer" element={<Navigate to="/designer/workflows" replace />} />
        <Route path="/designer/workflows" element={guarded('/designer', <WorkflowListPage />)} />
        <Route path="/designer/workflows/:key" element={guarded('/designer', <FlowDesignerRoute />)} />
        <Route path="/designer/forms" element={guarded('/designer', <FormListPage />)} />
        <Route path="/designer/forms/:key" element={guarded('/designer', <FormBuilderRoute />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
