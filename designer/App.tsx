import type { ReactNode } from 'react';
import { AppRoutes } from './AppRoutes.tsx';
import { LocaleProvider } from './i18n/LocaleProvider.tsx';
import { SessionProvider } from './session/session.tsx';

/** Providers around the routes; the router comes from outside (browser, or memory in tests). */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <LocaleProvider>
      <SessionProvider>{children}</SessionProvider>
    </LocaleProvider>
  );
}

/** The whole app inside a router. */
export function App() {
  return (
    <AppProviders>
      <AppRoutes />
    </AppProviders>
  );
}
