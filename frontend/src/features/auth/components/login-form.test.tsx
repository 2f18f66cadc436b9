import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, getSession } from '@/lib/session';
import { tokenPair } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { LoginForm } from './login-form';

const response = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(response(status, body))),
  );
}

const problem = (status: number, code: string, detail: string) => ({
  type: 'about:blank',
  title: 'Unauthorized',
  status,
  code,
  detail,
});
const mfaRequired = problem(
  401,
  'mfa_required',
  '認証アプリに表示される6桁の確認コード（または回復コード）を入力してください。',
);
const invalidCredentials = problem(401, 'invalid_credentials', 'ログインIDまたはパスワードが正しくありません。');

/**
 * A login endpoint for an account with two-factor authentication: the right password without a code gets 401
 * `mfa_required`, with `goodOtp` a session, with any other code 401 `invalid_credentials`. Records the bodies.
 */
function mfaServer(goodOtp: string) {
  const bodies: { login_id: string; password: string; otp?: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const body = (await request.json()) as (typeof bodies)[number];
      bodies.push(body);
      if (body.password !== 'shinko-demo-2025') return response(401, invalidCredentials);
      if (!body.otp) return response(401, mfaRequired);
      return body.otp === goodOtp
        ? response(201, tokenPair(1, { login_id: 'admin', role: 'admin', mfa_enabled: true }))
        : response(401, invalidCredentials);
    }),
  );
  return bodies;
}

async function fillAndSubmit(loginId: string, password: string) {
  await userEvent.type(screen.getByLabelText(/ログインID/), loginId);
  await userEvent.type(screen.getByLabelText(/パスワード/), password);
  await userEvent.click(screen.getByRole('button', { name: 'ログイン' }));
}

beforeEach(() => endSession({ expired: false }));

describe('LoginForm', () => {
  it('starts the session and reports success', async () => {
    answer(201, tokenPair(1));
    const onSuccess = vi.fn();
    renderWithApp(<LoginForm onSuccess={onSuccess} />);

    await fillAndSubmit('editor01', 'shinko-demo-2025');

    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(getSession()).toMatchObject({ status: 'signed-in', user: { login_id: 'editor01' } });
  });

  it('shows the server’s Japanese message when the login is refused', async () => {
    answer(401, {
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      code: 'invalid_credentials',
      detail: 'ログインIDまたはパスワードが正しくありません。',
    });
    renderWithApp(<LoginForm onSuccess={vi.fn()} />);

    await fillAndSubmit('admin', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('ログインIDまたはパスワードが正しくありません。');
  });

  it('puts each field error next to its field', async () => {
    answer(422, {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'validation_failed',
      detail: '入力内容を確認してください。',
      errors: [{ field: 'login_id', code: 'too_long', message: 'ログインIDは64文字以内で入力してください。' }],
    });
    renderWithApp(<LoginForm onSuccess={vi.fn()} />);

    await fillAndSubmit('x', 'y');

    const field = await screen.findByLabelText(/ログインID/);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('ログインIDは64文字以内で入力してください。');
  });
});

describe('LoginForm, second step (two-factor authentication)', () => {
  it('asks for the app’s code after the password, and sends login ID, password and code together', async () => {
    const bodies = mfaServer('123456');
    const onSuccess = vi.fn();
    renderWithApp(<LoginForm onSuccess={onSuccess} />);

    await fillAndSubmit('admin', 'shinko-demo-2025');

    expect(await screen.findByRole('heading', { name: '二要素認証' })).toBeInTheDocument();
    // The 401 that leads to the second step is no error, and the password field is gone.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^パスワード/)).not.toBeInTheDocument();
    const code = screen.getByLabelText(/確認コード/);
    expect(code).toHaveFocus();
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(getSession()).toMatchObject({ status: 'signed-out' });

    await userEvent.type(code, '123 456');
    await userEvent.click(screen.getByRole('button', { name: '確認してログイン' }));

    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(bodies).toEqual([
      { login_id: 'admin', password: 'shinko-demo-2025' },
      { login_id: 'admin', password: 'shinko-demo-2025', otp: '123456' },
    ]);
    expect(getSession()).toMatchObject({ status: 'signed-in', user: { login_id: 'admin', mfa_enabled: true } });
  });

  it('checks the code’s form before sending it', async () => {
    const bodies = mfaServer('123456');
    renderWithApp(<LoginForm onSuccess={vi.fn()} />);
    await fillAndSubmit('admin', 'shinko-demo-2025');

    await userEvent.type(await screen.findByLabelText(/確認コード/), '12345');
    await userEvent.click(screen.getByRole('button', { name: '確認してログイン' }));

    expect(screen.getByLabelText(/確認コード/)).toHaveAccessibleDescription(
      expect.stringContaining('確認コードは半角数字6桁で入力してください。'),
    );
    expect(bodies).toHaveLength(1);
  });

  it('says in Japanese that a refused code is wrong, and lets the user try again', async () => {
    const bodies = mfaServer('123456');
    const onSuccess = vi.fn();
    renderWithApp(<LoginForm onSuccess={onSuccess} />);
    await fillAndSubmit('admin', 'shinko-demo-2025');

    const code = await screen.findByLabelText(/確認コード/);
    await userEvent.type(code, '654321');
    await userEvent.click(screen.getByRole('button', { name: '確認してログイン' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('確認コードが正しくありません。');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(getSession()).toMatchObject({ status: 'signed-out' });

    await userEvent.clear(code);
    await userEvent.type(code, '123456');
    await userEvent.click(screen.getByRole('button', { name: '確認してログイン' }));
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(bodies.map((b) => b.otp)).toEqual([undefined, '654321', '123456']);
  });

  it('takes a recovery code instead of the app’s code', async () => {
    const bodies = mfaServer('abcd-efgh-jkmn');
    const onSuccess = vi.fn();
    renderWithApp(<LoginForm onSuccess={onSuccess} />);
    await fillAndSubmit('admin', 'shinko-demo-2025');

    await userEvent.click(await screen.findByRole('button', { name: '回復コードを使う' }));
    expect(screen.queryByLabelText(/確認コード/)).not.toBeInTheDocument();
    const recovery = screen.getByLabelText(/回復コード/);
    expect(recovery).toHaveFocus();
    await userEvent.type(recovery, 'abcd-efgh-jkmn');
    await userEvent.click(screen.getByRole('button', { name: '確認してログイン' }));

    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(bodies[1]).toEqual({ login_id: 'admin', password: 'shinko-demo-2025', otp: 'abcd-efgh-jkmn' });
    expect(screen.getByRole('button', { name: '認証アプリの確認コードを使う' })).toBeInTheDocument();
  });

  it('goes back to an empty password form, forgetting the password', async () => {
    const bodies = mfaServer('123456');
    renderWithApp(<LoginForm onSuccess={vi.fn()} />);
    await fillAndSubmit('admin', 'shinko-demo-2025');

    await userEvent.click(await screen.findByRole('button', { name: 'ログインIDの入力に戻る' }));

    expect(screen.getByLabelText(/パスワード/)).toHaveValue('');
    expect(screen.queryByRole('heading', { name: '二要素認証' })).not.toBeInTheDocument();
    await fillAndSubmit('admin', 'wrong-password');
    expect(await screen.findByRole('alert')).toHaveTextContent('ログインIDまたはパスワードが正しくありません。');
    expect(bodies).toHaveLength(2);
  });
});
