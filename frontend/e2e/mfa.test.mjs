// @ts-check
// End-to-end test of two-factor authentication: an admin enrols an authenticator app in アカウント設定 (the test
// plays the app: it computes the codes from the secret the screen shows), logs out, logs in with password and
// code, and the secretariat resets the factor from 利用者.
//
// The test works on an admin of its own, created through the API: enrolling `admin` would break the other
// test files, which log in as `admin` with the password alone, at the same time.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  apiToken,
  baseUrl,
  login,
  postSession,
  screenshot,
  seriousA11yViolations,
  startBrowser,
  submitLogin,
} from './browser.mjs';

// --- TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as the authenticator app computes it ---------------

/** RFC 4648 base32 (A–Z, 2–7), padding and spaces ignored. */
function base32Decode(/** @type {string} */ text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  /** @type {number[]} */
  const bytes = [];
  for (const char of text.toUpperCase().replace(/[\s=]/g, '')) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The 6-digit code for the 30-second step that `unixSeconds` falls in (RFC 4226 dynamic truncation). */
function totp(/** @type {string} */ secretBase32, unixSeconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const hmac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = /** @type {number} */ (hmac[hmac.length - 1]) & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** A code that is certainly not valid around `unixSeconds` (the server accepts the steps before and after). */
function wrongCode(/** @type {string} */ secretBase32, unixSeconds = Date.now() / 1000) {
  const valid = new Set([-30, 0, 30, 60].map((d) => totp(secretBase32, unixSeconds + d)));
  for (let n = 0; ; n++) {
    const candidate = String((Number(totp(secretBase32, unixSeconds)) + 1 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

test('the TOTP of the test matches RFC 6238’s SHA-1 test vectors', () => {
  // RFC 6238 appendix B: the ASCII secret "12345678901234567890", 8 digits there; the last 6 are the 6-digit code.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(totp(secret, 59), '287082');
  assert.equal(totp(secret, 1111111109), '081804');
  assert.equal(totp(secret, 1234567890), '005924');
  assert.equal(totp(secret, 2000000000), '279037');
});

// --- The test's own admin -------------------------------------------------------------------------------------

/** @param {string} path @param {string} token @param {unknown} [body] @param {string} [method] */
async function apiCall(path, token, body, method = 'POST') {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/**
 * Signs in through the API; returns the status and the body (the tokens, or the problem).
 * @param {string} loginId
 * @param {string} password
 * @param {string} [otp]
 */
async function apiLogin(loginId, password, otp) {
  const response = await postSession({ login_id: loginId, password, ...(otp ? { otp } : {}) });
  return { status: response.status, body: await response.json() };
}

const loginId = `mfa-e2e-${randomBytes(3).toString('hex')}`;
const displayName = '二要素 確認用';
const password = `e2e-${randomBytes(9).toString('base64url')}`;

/** Creates the admin and replaces the initial password, as the person would at first login. */
async function createAdmin() {
  const admin = await apiToken('admin');
  const initial = `init-${randomBytes(9).toString('base64url')}`;
  await apiCall('/api/v1/users', admin, {
    login_id: loginId,
    display_name: displayName,
    role: 'admin',
    password: initial,
  });
  const { status, body } = await apiLogin(loginId, initial);
  assert.equal(status, 201);
  await apiCall('/api/v1/me/password', body.access_token, { current_password: initial, new_password: password }, 'PUT');
}

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
  await createAdmin();
});
after(async () => {
  await browser?.close();
});

describe('二要素認証', () => {
  /** The tab of the first two tests: one login for both (logins are throttled per address). */
  /** @type {import('playwright-core').Page} */
  let page;
  /** The secret as the screen showed it, and the recovery codes, for the later steps. */
  let secret = '';
  /** @type {string[]} */
  let recoveryCodes = [];

  test('an admin action refused for want of it (403 mfa_enrolment_required) leads to the enrolment screen', async () => {
    // The e2e server runs in development mode, where the factor is optional for admins; this is the answer a
    // production server (REQUIRE_ADMIN_MFA) gives, put in place of the users list.
    page = await browser.context.newPage();
    await page.route('**/api/v1/users?**', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          code: 'mfa_enrolment_required',
          detail: '管理者の操作には二要素認証の登録が必要です。「二要素認証」から登録してください。',
        }),
      }),
    );
    await login(page, loginId, password);
    await page.getByRole('link', { name: '利用者', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /管理者の操作には二要素認証の登録が必要です。/);
    const banner = page.getByRole('region', { name: '管理者の操作には二要素認証の登録が必要です' });
    await banner.waitFor();
    assert.match(await banner.innerText(), /市の情報セキュリティポリシー/);
    await screenshot(page, 'users-mfa-enrolment-required');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await alert.getByRole('link', { name: 'アカウント設定で二要素認証を登録する' }).click();
    await page.getByRole('heading', { name: 'アカウント設定', level: 1 }).waitFor();
    await page.unrouteAll();
  });

  test('an admin without it is led from ホーム to アカウント設定 and enrols an authenticator app', async () => {
    await page.getByRole('link', { name: 'ホーム', exact: true }).click();
    const prompt = page.getByRole('region', { name: '二要素認証を登録してください' });
    await prompt.waitFor();
    assert.match(await prompt.innerText(), /市の情報セキュリティポリシー/);
    assert.match(await prompt.innerText(), /事務局/);
    await screenshot(page, 'home-mfa-prompt');
    await prompt.getByRole('link', { name: 'アカウント設定で二要素認証を登録する' }).click();

    await page.getByRole('heading', { name: 'アカウント設定', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
    await screenshot(page, 'account');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('button', { name: '二要素認証の登録を始める' }).click();
    const qr = page.getByRole('img', { name: /二要素認証の登録用QRコード/ });
    await qr.waitFor();
    // The QR code is an <img> of a data: address, which the server's Content-Security-Policy allows: it loaded.
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml/);
    assert.ok(await qr.evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth > 0), 'QR code shown');
    const shown = await page.getByTestId('mfa-secret').innerText();
    assert.match(shown, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, 'the secret in groups of 4');
    secret = shown.replace(/\s/g, '');
    await screenshot(page, 'account-mfa-enrolment');
    assert.deepEqual(await seriousA11yViolations(page), []);

    const code = page.getByLabel('確認コード（6桁）');
    await code.fill(wrongCode(secret));
    await page.getByRole('button', { name: '確認して有効にする' }).click();
    await page.getByText('確認コードが正しくありません。').waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true');

    await code.fill(totp(secret));
    await page.getByRole('button', { name: '確認して有効にする' }).click();
    const list = page.getByRole('list', { name: '回復コードの一覧' });
    await list.waitFor();
    recoveryCodes = (await list.getByRole('listitem').allInnerTexts()).map((c) => c.trim());
    assert.equal(recoveryCodes.length, 10);
    for (const c of recoveryCodes) assert.match(c, /^[a-z2-9]{4}(-[a-z2-9]{4}){5}$/);
    await page.getByText('この回復コードは今回だけ表示されます。', { exact: false }).waitFor();
    await screenshot(page, 'account-recovery-codes');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('button', { name: '保存しました' }).click();
    await page.getByText('二要素認証を有効にしました。', { exact: false }).waitFor();
    assert.equal(await list.count(), 0, 'the codes are gone from the screen');
    assert.equal(await page.getByText(recoveryCodes[0] ?? '-').count(), 0);

    // ホーム no longer asks for it.
    await page.getByRole('link', { name: 'ホーム', exact: true }).click();
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    assert.equal(await page.getByRole('region', { name: '二要素認証を登録してください' }).count(), 0);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await page.close();
  });

  test('the login asks for the code after the password; a wrong code is refused in Japanese', async () => {
    assert.ok(secret, 'enrolled in the previous test');
    const page = await browser.context.newPage();
    await page.goto('/login');
    await page.getByLabel('ログインID').fill(loginId);
    await page.getByLabel('パスワード').fill(password);
    await submitLogin(page, page.getByRole('heading', { name: '二要素認証' }));
    await page.getByRole('heading', { name: '二要素認証' }).waitFor();
    const code = page.getByLabel('確認コード（6桁）');
    assert.ok(await code.evaluate((el) => el === document.activeElement), 'the code field has the focus');
    assert.equal(await page.getByLabel('パスワード').count(), 0, 'the password is not on the page any more');
    await screenshot(page, 'login-second-step');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await code.fill(wrongCode(secret));
    const alert = page.getByRole('alert');
    await submitLogin(page, alert, '確認してログイン');
    assert.match(await alert.innerText(), /確認コードが正しくありません。/);
    await screenshot(page, 'login-second-step-error');
    assert.deepEqual(await seriousA11yViolations(page), []);

    // The code of the next step: the one of the enrolment's step cannot be used twice, and the server accepts
    // one step ahead for clocks that differ a little.
    await code.fill(totp(secret, Date.now() / 1000 + 30));
    const shell = page.getByRole('navigation', { name: 'メインメニュー' });
    await submitLogin(page, shell, '確認してログイン');
    await shell.waitFor();
    await page.getByRole('link', { name: 'アカウント設定', exact: true }).click();
    await page.getByRole('heading', { name: 'アカウント設定', level: 1 }).waitFor();
    assert.match(await page.getByRole('region', { name: '二要素認証' }).innerText(), /有効/);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await page.close();
  });

  test('a recovery code works once in place of the app’s code', async () => {
    assert.equal(recoveryCodes.length, 10, 'enrolled in the first test');
    const recovery = /** @type {string} */ (recoveryCodes[3]);
    const page = await browser.context.newPage();
    await page.goto('/login');
    await page.getByLabel('ログインID').fill(loginId);
    await page.getByLabel('パスワード').fill(password);
    await submitLogin(page, page.getByRole('heading', { name: '二要素認証' }));
    await page.getByRole('button', { name: '回復コードを使う' }).click();
    await page.getByLabel('回復コード').fill(recovery);
    const shell = page.getByRole('navigation', { name: 'メインメニュー' });
    await submitLogin(page, shell, '確認してログイン');
    await shell.waitFor();
    await page.close();

    assert.equal((await apiLogin(loginId, password, recovery)).status, 401, 'used once');
  });

  test('the secretariat resets the factor in 利用者; then the password alone opens the account', async () => {
    const page = await browser.context.newPage();
    await login(page, 'admin');
    await page.getByRole('link', { name: '利用者', exact: true }).click();
    await page.getByRole('heading', { name: '利用者', level: 1 }).waitFor();
    // Users are listed by id, 50 a page: the new one is on the last page when there are several.
    await page.getByRole('rowheader', { name: 'admin', exact: true }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(loginId) });
    while ((await row.count()) === 0) {
      const next = page.getByRole('button', { name: '次のページ' });
      assert.ok((await next.count()) > 0 && (await next.isEnabled()), `${loginId} not found in the list`);
      await next.click();
      await page.waitForTimeout(300);
    }
    let confirmation = '';
    page.once('dialog', (dialog) => {
      confirmation = dialog.message();
      void dialog.accept();
    });
    await row.getByRole('button', { name: new RegExp(`^二要素認証をリセット\\s*（${displayName}）$`) }).click();
    await page.getByText(`「${displayName}」の二要素認証をリセットしました。`, { exact: false }).waitFor();
    assert.match(confirmation, /二要素認証をリセットしますか/);
    await screenshot(page, 'users-mfa-reset');
    await page.close();

    assert.equal((await apiLogin(loginId, password)).status, 201);
  });
});
