import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { hasAnyRole } from '../session/roles.ts';
import { useSession } from '../session/session.tsx';
import { ForbiddenPage } from './NotFoundPage.tsx';

/** The login URL that brings the user back to where they were. */
export function loginPath(returnTo: string): string {
  return returnTo && returnTo !== '/' ? `/login?from=${encodeURIComponent(returnTo)}` : '/login';
}

/**
 * Renders its children for a logged-in user (holding one of `roles`, if given); sends everyone
 * else to the login page with the return path kept. A 401 from any call lands here too, because
 * the session drops the user on every 401.
 */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: readonly string[] }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) {
    return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  }
  if (user === null) {
    return <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />;
  }
  if (roles && !hasAnyRole(user, roles)) return <ForbiddenPage />;
  return <>{children}</>;
}
