// React's view of the session (see session.ts): which user is signed in, and guards for routes.

import { useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { getSession, subscribeSession, type SessionState, type SessionUser } from './session';

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession);
}

/** The signed-in user; only for components below <RequireSignedIn>, which guarantees there is one. */
export function useUser(): SessionUser {
  const session = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser() outside <RequireSignedIn>');
  return session.user;
}

export function isAdmin(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** Where the login page sends the user back to after signing in. */
export type LoginRedirectState = { from?: string };

/** Renders its children for a signed-in user; sends anyone else to the login page, remembering the address. */
export function RequireSignedIn({ children, pending }: { children: ReactNode; pending: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return pending;
  if (session.status === 'signed-out') {
    const state: LoginRedirectState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}

/** Renders its children for admins only; others get the home page (the API would refuse them anyway). */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const user = useUser();
  return isAdmin(user) ? children : <Navigate to="/" replace />;
}
