// The one API client: typed by the generated schema (src/api/schema.d.ts), authenticated with the session's
// access token, renewing it once on a 401 with the refresh token.

import createClient from 'openapi-fetch';
import type { paths } from '@/api/schema';
import { ApiError, responseError } from './api-error';
import { messages } from './messages';
import { MFA_ENROLMENT_REQUIRED, noteMfaEnrolmentRequired } from './mfa-enrolment';
import { endSession, getAccessToken, getRefreshToken, startSession, updateSessionUser } from './session';

function withToken(request: Request, token: string): Request {
  const authorized = new Request(request);
  authorized.headers.set('Authorization', `Bearer ${token}`);
  return authorized;
}

// Notes a 403 `mfa_enrolment_required` (an admin action refused until the account has a second factor), so the
// app can lead to the enrolment screen from wherever it happened. Reads a copy: the caller still gets the body.
function watchForMfaEnrolment(response: Response): Response {
  if (response.status === 403) {
    response
      .clone()
      .json()
      .then((body: unknown) => {
        if ((body as { code?: unknown } | null)?.code === MFA_ENROLMENT_REQUIRED) noteMfaEnrolmentRequired();
      })
      .catch(() => undefined);
  }
  return response;
}

// Sends the request with the access token; on 401 renews the tokens once and repeats the request.
async function authFetch(request: Request): Promise<Response> {
  const token = getAccessToken();
  if (!token) return fetch(request);
  const retry = request.clone(); // a body can be read once; keep a copy for the second attempt
  const response = await fetch(withToken(request, token));
  if (response.status !== 401) return watchForMfaEnrolment(response);
  // Another request may have renewed the tokens while this one was under way: then just use the new token.
  if (getAccessToken() === token && !(await refreshSession())) return response;
  const renewed = getAccessToken();
  return renewed ? watchForMfaEnrolment(await fetch(withToken(retry, renewed))) : response;
}

// An absolute base, because Request (unlike fetch) rejects relative URLs outside a browser page. Both clients
// look up the global fetch at call time (openapi-fetch would keep the one present at creation), so tests can
// replace it.
const baseUrl = globalThis.location?.origin ?? '';

/** For every call made by a signed-in user. */
export const api = createClient<paths>({ baseUrl, fetch: authFetch });

/**
 * For the calls that open a session (login, refresh): they must never carry an old access token, nor answer a
 * 401 with a refresh, which would wait for itself.
 */
export const publicApi = createClient<paths>({ baseUrl, fetch: (request) => fetch(request) });

let refreshing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for a new pair. Concurrent callers share one exchange: each refresh token
 * works once, and the server ends the whole session when a used one comes back. Resolves false (and ends
 * the session) when the server refuses the token; a network failure resolves false and keeps the session.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= exchangeRefreshToken().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function exchangeRefreshToken(): Promise<boolean> {
  const refreshToken = getRefreshToken();
  if (!refreshToken) {
    endSession({ expired: true });
    return false;
  }
  try {
    const { data } = await publicApi.POST('/api/v1/sessions/refresh', { body: { refresh_token: refreshToken } });
    if (!data) {
      endSession({ expired: true });
      return false;
    }
    startSession(data);
    return true;
  } catch {
    return false;
  }
}

/** At start-up: continue the tab's session if it kept a refresh token, otherwise show the login page. */
export async function restoreSession(): Promise<void> {
  if (!getRefreshToken()) {
    endSession({ expired: false });
    return;
  }
  if (!(await refreshSession())) endSession({ expired: true });
}

/** Reads the signed-in user again (GET /api/v1/me), e.g. after two-factor authentication was switched on. */
export async function reloadSessionUser(): Promise<void> {
  updateSessionUser(await unwrap(api.GET('/api/v1/me')));
}

type Result<D> = { data?: D; error?: unknown; response: Response };

/**
 * The data of a successful call, or an ApiError for a failed one, as TanStack Query expects from its query and
 * mutation functions: `unwrap(api.GET('/api/v1/plans'))`.
 */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, null, messages.errors.network);
  }
  if (!result.response.ok) throw responseError(result.response, result.error);
  return result.data as D;
}
