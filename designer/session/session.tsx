/**
 * Who is logged in, and the group user's store filter. The session itself is the server's HttpOnly
 * cookie; this only mirrors `GET /api/auth/me` and drops the user on any 401.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import type { SessionUser } from '../api/types.ts';
import { onUnauthorized, setStoreFilter as sendStoreFilter } from '../api-client.ts';
import { isGroupUser } from './roles.ts';

export interface SessionValue {
  /** `undefined` while the first `/api/auth/me` is in flight; null when logged out. */
  user: SessionUser | null | undefined;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): Promise<void>;
  /** Group users' store filter (sent as `storeId`); null: all stores. */
  storeFilter: string | null;
  setStoreFilter(storeId: string | null): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Provides the session to the app; loads the current user once. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [storeFilter, setFilter] = useState<string | null>(null);

  useEffect(() => onUnauthorized(() => setUser(null)), []);
  useEffect(() => {
    let live = true;
    api.get('/api/auth/me').then(
      (me) => live && setUser(me),
      // Any failure (401 or the server away) means nobody is logged in as far as the UI knows.
      () => live && setUser(null),
    );
    return () => {
      live = false;
    };
  }, []);

  const setStoreFilter = useCallback((storeId: string | null) => {
    sendStoreFilter(storeId);
    setFilter(storeId);
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await api.post('/api/auth/login', {
        body: {
          username,
          password,
        },
      });
      if (!isGroupUser(result.user)) setStoreFilter(null);
      setUser(result.user);
      return result.user;
    },
    [setStoreFilter],
  );

  const logout = useCallback(async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setStoreFilter(null);
    setUser(null);
  }, [setStoreFilter]);

  const value = useMemo(
    () => ({ user, login, logout, storeFilter, setStoreFilter }),
    [user, login, logout, storeFilter, setStoreFilter],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session; throws outside `SessionProvider`. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** The logged-in user; only for components under `RequireAuth`. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser needs a logged-in user (RequireAuth)');
  return user;
}
