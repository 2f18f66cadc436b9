import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, getSession } from '@/lib/session';
import { tokenPair } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { LoginForm } from './login-form';

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })),
  );
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
