// The signed-in session, outside React so the API client can read and renew tokens.
//
// The access token lives only in memory: a script injected into the page could read sessionStorage, and
// the short-lived token is the one that opens the API. The single-use refresh token is kept in
// sessionStorage so a reload within the tab keeps the user signed in, while closing the tab forgets it.

import type { components } from '@/api/schema';
import { clearMfaEnrolmentRequired } from './mfa-enrolment';

type TokenPair = components['schemas']['TokenPair'];
export type SessionUser = components['schemas']['Me'];

export type SessionState =
  { status: 'restoring' } | { status: 'signed-out'; expired: boolean } | { status: 'signed-in'; user: SessionUser };

const REFRESH_TOKEN_KEY = 'shinko.refresh-token';

let accessToken: string | null = null;
let state: SessionState = { status: 'restoring' };
const listeners = new Set<() => void>();

function publish(next: SessionState) {
  state = next;
  // A refusal for want of a second factor no longer holds once the factor is on, or for the next person.
  if (next.status !== 'signed-in' || next.user.mfa_enabled) clearMfaEnrolmentRequired();
  for (const listener of listeners) listener();
}

export function getSession(): SessionState {
  return state;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function getRefreshToken(): string | null {
  return sessionStorage.getItem(REFRESH_TOKEN_KEY);
}

/** Starts (or continues, after a refresh or password change) a session with a new token pair. */
export function startSession(pair: TokenPair): void {
  accessToken = pair.access_token;
  sessionStorage.setItem(REFRESH_TOKEN_KEY, pair.refresh_token);
  publish({ status: 'signed-in', user: pair.user });
}

/**
 * Replaces the signed-in user's details (after switching two-factor authentication on or off), keeping the
 * tokens. Does nothing when nobody is signed in.
 */
export function updateSessionUser(user: SessionUser): void {
  if (state.status === 'signed-in') publish({ status: 'signed-in', user });
}

/** Forgets both tokens. `expired` tells the login page to say why the user is back there. */
export function endSession({ expired }: { expired: boolean }): void {
  accessToken = null;
  sessionStorage.removeItem(REFRESH_TOKEN_KEY);
  publish({ status: 'signed-out', expired });
}
