import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenPair } from '@/testing/fixtures';
import { api, publicApi, refreshSession, restoreSession, unwrap } from './api-client';
import { ApiError } from './api-error';
import { isMfaEnrolmentRequired } from './mfa-enrolment';
import { endSession, getAccessToken, getRefreshToken, getSession, startSession } from './session';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

const problem = (status: number, detail: string, errors?: { field: string; code: string; message: string }[]) =>
  json(status, { type: 'about:blank', title: 'Error', status, detail, code: 'x', errors }, 'application/problem+json');

const departmentsPage = json(200, { items: [], total: 0, page: 1, per_page: 50 });

/**
 * A fake server: answers each request with `respond`, after recording it. The refresh endpoint is answered by
 * `refresh`, which gets the presented refresh token.
 */
function fakeServer(respond: (request: Request) => Response, refresh: (token: string) => Response) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (request: Request) => {
    requests.push(request.clone());
    if (new URL(request.url).pathname === '/api/v1/sessions/refresh') {
      const body = (await request.json()) as { refresh_token: string };
      return refresh(body.refresh_token);
    }
    return respond(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  const refreshCalls = () => requests.filter((r) => r.url.endsWith('/api/v1/sessions/refresh')).length;
  return { requests, refreshCalls };
}

beforeEach(() => {
  endSession({ expired: false });
});

describe('authenticated requests', () => {
  it('carry the access token as a bearer token', async () => {
    startSession(tokenPair(1));
    const server = fakeServer(
      () => departmentsPage.clone(),
      () => problem(401, '無効'),
    );
    await unwrap(api.GET('/api/v1/departments'));
    expect(server.requests[0]!.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('renew the tokens once on 401 and repeat the request, body included, with the new token', async () => {
    startSession(tokenPair(1));
    const server = fakeServer(
      (request) =>
        request.headers.get('Authorization') === 'Bearer access-2'
          ? json(201, { id: 9, name: '新しい課', active: true, created_at: '', updated_at: '' })
          : problem(401, '期限切れ'),
      (token) => (token === 'refresh-1' ? json(200, tokenPair(2)) : problem(401, '使用済み')),
    );

    const created = await unwrap(api.POST('/api/v1/departments', { body: { name: '新しい課' } }));

    expect(created.name).toBe('新しい課');
    expect(server.refreshCalls()).toBe(1);
    expect(await server.requests.at(-1)!.json()).toEqual({ name: '新しい課' });
    expect(getAccessToken()).toBe('access-2');
    expect(getRefreshToken()).toBe('refresh-2');
  });

  it('share one renewal between requests that fail at the same time, since a refresh token works once', async () => {
    startSession(tokenPair(1));
    const server = fakeServer(
      (request) =>
        request.headers.get('Authorization') === 'Bearer access-2' ? departmentsPage.clone() : problem(401, '期限切れ'),
      (token) => (token === 'refresh-1' ? json(200, tokenPair(2)) : problem(401, '使用済み')),
    );

    await Promise.all([unwrap(api.GET('/api/v1/departments')), unwrap(api.GET('/api/v1/departments'))]);

    expect(server.refreshCalls()).toBe(1);
  });

  it('end the session as expired when the refresh token is refused, and fail with the server’s message', async () => {
    startSession(tokenPair(1));
    fakeServer(
      () => problem(401, 'ログインが必要です。'),
      () => problem(401, 'セッションは無効です。'),
    );

    const call = unwrap(api.GET('/api/v1/departments'));

    await expect(call).rejects.toMatchObject({ status: 401, message: 'ログインが必要です。' });
    expect(getSession()).toEqual({ status: 'signed-out', expired: true });
    expect(getRefreshToken()).toBeNull();
  });
});

describe('session requests', () => {
  it('never carry an access token, even while one is held', async () => {
    startSession(tokenPair(1));
    const server = fakeServer(
      () => json(201, tokenPair(5)),
      () => problem(401, '無効'),
    );
    await unwrap(publicApi.POST('/api/v1/sessions', { body: { login_id: 'admin', password: 'x' } }));
    expect(server.requests[0]!.headers.get('Authorization')).toBeNull();
  });

  it('restore a tab’s session from its refresh token', async () => {
    startSession(tokenPair(1));
    fakeServer(
      () => departmentsPage.clone(),
      () => json(200, tokenPair(2, { display_name: '再開' })),
    );

    await restoreSession();

    expect(getSession()).toMatchObject({ status: 'signed-in', user: { display_name: '再開' } });
  });

  it('keep the session when the server cannot be reached during a renewal', async () => {
    startSession(tokenPair(1));
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));

    expect(await refreshSession()).toBe(false);
    expect(getRefreshToken()).toBe('refresh-1');
  });
});

describe('unwrap', () => {
  it('turns an unreachable server into a Japanese network message', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await unwrap(publicApi.POST('/api/v1/sessions', { body: { login_id: 'a', password: 'b' } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect((error as ApiError).message).toMatch(/サーバーに接続できませんでした/);
  });

  it('carries the problem’s detail and its field errors', async () => {
    fakeServer(
      () =>
        problem(422, '入力内容を確認してください。', [
          { field: 'login_id', code: 'required', message: '入力してください。' },
        ]),
      () => problem(401, '無効'),
    );
    const error = (await unwrap(publicApi.POST('/api/v1/sessions', { body: { login_id: '', password: 'b' } })).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.message).toBe('入力内容を確認してください。');
    expect(error.fieldError('login_id')).toBe('入力してください。');
    expect(error.fieldError('password')).toBeUndefined();
  });

  it('shows a generic message for an answer that is not problem+json', async () => {
    fakeServer(
      () => new Response('<html>Bad Gateway</html>', { status: 502 }),
      () => problem(401, '無効'),
    );
    const error = (await unwrap(publicApi.GET('/api/v1/plans')).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/予期しないエラー/);
  });
});

describe('admin actions refused for want of a second factor', () => {
  const mfaRefusal = () =>
    json(
      403,
      {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        code: 'mfa_enrolment_required',
        detail: '管理者の操作には二要素認証の登録が必要です。',
      },
      'application/problem+json',
    );

  it('are noted for the banner, and the caller still gets the server’s message', async () => {
    startSession(tokenPair(1, { role: 'admin', mfa_enabled: false }));
    fakeServer(mfaRefusal, () => problem(401, '無効'));

    const error = await unwrap(api.GET('/api/v1/users')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('管理者の操作には二要素認証の登録が必要です。');
    await vi.waitFor(() => expect(isMfaEnrolmentRequired()).toBe(true));
  });

  it('stop counting once the account has the factor, or the session ends', async () => {
    startSession(tokenPair(1, { role: 'admin', mfa_enabled: false }));
    fakeServer(mfaRefusal, () => problem(401, '無効'));
    await unwrap(api.GET('/api/v1/users')).catch(() => undefined);
    await vi.waitFor(() => expect(isMfaEnrolmentRequired()).toBe(true));

    startSession(tokenPair(2, { role: 'admin', mfa_enabled: true }));
    expect(isMfaEnrolmentRequired()).toBe(false);
  });

  it('are not confused with other 403 answers', async () => {
    startSession(tokenPair(1));
    fakeServer(
      () => json(403, { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden', detail: '権限なし' }),
      () => problem(401, '無効'),
    );
    await unwrap(api.GET('/api/v1/users')).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(isMfaEnrolmentRequired()).toBe(false);
  });
});
