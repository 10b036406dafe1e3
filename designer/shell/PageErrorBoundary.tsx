import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';

interface BoundaryProps {
  children: ReactNode;
  fallback: ReactNode;
}

/** Class component because React only catches render errors in componentDidCatch/getDerivedStateFromError. */
class Boundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('page crashed', error);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The friendly message shown instead of a blank page when the routed page throws. */
export function PageCrashed() {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('app.crashTitle')}
      subTitle={t('app.crashHint')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </Button>
      }
    />
  );
}

/**
 * Catches render errors of the routed page; keyed by path so navigating elsewhere from the
 * crashed page (the menu stays usable) gives the next page a fresh chance.
 */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <Boundary key={pathname} fallback={<PageCrashed />}>
      {children}
    </Boundary>
  );
}
