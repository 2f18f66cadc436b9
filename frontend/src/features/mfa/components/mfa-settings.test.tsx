import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, getSession, startSession } from '@/lib/session';
import { tokenPair } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { MfaSettings } from './mfa-settings';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const QR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><rect width="100%" height="100%" fill="#fff"/><path d="M4,4h1v1h-1z" fill="#000"/></svg>';
const CODES = Array.from({ length: 10 }, (_, i) => `abc${i}-defg-hjkm`);

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const wrongCode = {
  type: 'about:blank',
  title: 'Unprocessable Entity',
  status: 422,
  code: 'validation_failed',
  detail: '入力内容を確認してください。',
  errors: [
    {
      field: 'code',
      code: 'mismatch',
      message: '確認コードが正しくありません。認証アプリの最新のコードを入力してください。',
    },
  ],
};

/** The MFA endpoints of one account; `enabled` flips when activation or disabling succeeds. */
function fakeServer({ enabled = false, goodCode = '123456' } = {}) {
  const requests: { method: string; path: string; body: unknown }[] = [];
  let on = enabled;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const text = await request.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      requests.push({ method: request.method, path, body });
      const code = (body as { code?: string } | undefined)?.code;
      switch (`${request.method} ${path}`) {
        case 'POST /api/v1/me/mfa/enrolment':
          return json(200, { secret: SECRET, otpauth_uri: 'otpauth://totp/x', qr_svg: QR_SVG });
        case 'POST /api/v1/me/mfa/activation':
          if (code !== goodCode) return json(422, wrongCode);
          on = true;
          return json(200, { codes: CODES });
        case 'POST /api/v1/me/mfa/disable':
          if (code !== goodCode) return json(422, wrongCode);
          on = false;
          return json(204, undefined);
        case 'GET /api/v1/me':
          return json(200, { ...tokenPair(1, { login_id: 'admin', role: 'admin' }).user, mfa_enabled: on });
        default:
          return json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: 'なし' });
      }
    }),
  );
  return requests;
}

function signIn(mfaEnabled: boolean) {
  startSession(
    tokenPair(1, {
      login_id: 'admin',
      display_name: '事務局',
      role: 'admin',
      department: null,
      mfa_enabled: mfaEnabled,
    }),
  );
}

beforeEach(() => endSession({ expired: false }));

describe('MfaSettings: enrolment', () => {
  it('shows the QR code as an image, the secret in groups of 4, then the recovery codes once', async () => {
    const requests = fakeServer();
    signIn(false);
    renderWithApp(<MfaSettings />);

    expect(screen.getByText('無効')).toBeInTheDocument();
    expect(screen.getByText(/市の情報セキュリティポリシー/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '二要素認証の登録を始める' }));

    const qr = await screen.findByRole('img', { name: /二要素認証の登録用QRコード/ });
    expect(qr.getAttribute('src')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(QR_SVG)}`);
    // The SVG is never put into the page's own markup.
    expect(document.querySelector('svg')).toBeNull();
    expect(screen.getByTestId('mfa-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(screen.getByRole('heading', { name: /QRコードを読み取る/ })).toHaveFocus();

    const code = screen.getByLabelText(/^確認コード（6桁）/);
    await userEvent.type(code, '12345');
    await userEvent.click(screen.getByRole('button', { name: '確認して有効にする' }));
    expect(code).toHaveAccessibleDescription(expect.stringContaining('確認コードは半角数字6桁で入力してください。'));
    expect(requests.filter((r) => r.path.endsWith('/activation'))).toHaveLength(0);

    await userEvent.clear(code);
    await userEvent.type(code, '654321');
    await userEvent.click(screen.getByRole('button', { name: '確認して有効にする' }));
    await vi.waitFor(() =>
      expect(code).toHaveAccessibleDescription(expect.stringContaining('確認コードが正しくありません。')),
    );
    expect(code).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(code);
    await userEvent.type(code, '123 456');
    await userEvent.click(screen.getByRole('button', { name: '確認して有効にする' }));

    const list = await screen.findByRole('list', { name: '回復コードの一覧' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(CODES);
    expect(screen.getByText(/今回だけ表示されます/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '回復コード' })).toHaveFocus();
    expect(requests.find((r) => r.path.endsWith('/activation'))?.body).toEqual({ code: '654321' });
    expect(requests.filter((r) => r.path.endsWith('/activation')).at(-1)?.body).toEqual({ code: '123456' });
    // The session learnt that the factor is on (banners go), while the codes stay on screen.
    await vi.waitFor(() => expect(getSession()).toMatchObject({ status: 'signed-in', user: { mfa_enabled: true } }));
    expect(screen.getByRole('list', { name: '回復コードの一覧' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '保存しました' }));

    expect(screen.queryByRole('list', { name: '回復コードの一覧' })).not.toBeInTheDocument();
    expect(screen.queryByText(CODES[0]!)).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('二要素認証を有効にしました。');
    expect(screen.getByText('有効')).toBeInTheDocument();
    expect(screen.queryByText(/市の情報セキュリティポリシー/)).not.toBeInTheDocument();
  });

  it('copies the recovery codes for keeping', async () => {
    fakeServer();
    signIn(false);
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderWithApp(<MfaSettings />);

    await userEvent.click(screen.getByRole('button', { name: '二要素認証の登録を始める' }));
    await userEvent.type(await screen.findByLabelText(/^確認コード（6桁）/), '123456');
    await userEvent.click(screen.getByRole('button', { name: '確認して有効にする' }));
    await userEvent.click(await screen.findByRole('button', { name: 'コピー' }));

    expect(writeText).toHaveBeenCalledWith(expect.stringContaining(CODES.at(-1)!));
    expect(await screen.findByText(/回復コードをコピーしました/)).toBeInTheDocument();
  });

  it('can be left before confirming, and started again', async () => {
    const requests = fakeServer();
    signIn(false);
    renderWithApp(<MfaSettings />);

    await userEvent.click(screen.getByRole('button', { name: '二要素認証の登録を始める' }));
    await userEvent.click(await screen.findByRole('button', { name: '登録をやめる' }));

    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '二要素認証の登録を始める' }));
    await screen.findByRole('img', { name: /QRコード/ });
    expect(requests.filter((r) => r.path.endsWith('/enrolment'))).toHaveLength(2);
  });
});

describe('MfaSettings: switching off', () => {
  it('asks for a code and a confirmation, then shows the factor off', async () => {
    const requests = fakeServer({ enabled: true });
    signIn(true);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithApp(<MfaSettings />);

    expect(screen.getByText('有効')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '二要素認証を無効にする' }));
    expect(screen.getByLabelText(/確認コードまたは回復コード/)).toHaveAccessibleDescription(
      expect.stringContaining('確認コードまたは回復コードを入力してください。'),
    );
    expect(confirm).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText(/確認コードまたは回復コード/), '123456');
    await userEvent.click(screen.getByRole('button', { name: '二要素認証を無効にする' }));

    expect(await screen.findByText('二要素認証を無効にしました。')).toBeInTheDocument();
    expect(confirm).toHaveBeenCalled();
    expect(requests.find((r) => r.path.endsWith('/disable'))?.body).toEqual({ code: '123456' });
    expect(getSession()).toMatchObject({ user: { mfa_enabled: false } });
    expect(screen.getByRole('button', { name: '二要素認証の登録を始める' })).toBeInTheDocument();
  });
});
