// @ts-check
// End-to-end tests against the real server (started by scripts/e2e with the demo data): the built app in the
// system's Chromium, as a person would use it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { login, screenshot, seriousA11yViolations, startBrowser, submitLogin } from './browser.mjs';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

// Each test gets its own tab: the session lives in the tab (sessionStorage), so tabs do not share a login.
async function newPage() {
  return browser.context.newPage();
}

/** How many seed rows a department owns, counted from the customer's file the demo data comes from. */
async function seedRowCount(/** @type {string} */ department) {
  const seed = JSON.parse(await readFile(new URL('../../seed/plan-r7-h1.json', import.meta.url), 'utf8'));
  /** @type {{ departments: string[] }[]} */
  const rows = seed.measures.flatMap(
    (/** @type {{ initiatives?: any[], directions?: { initiatives: any[] }[] }} */ m) => [
      ...(m.initiatives ?? []),
      ...(m.directions ?? []).flatMap((d) => d.initiatives),
    ],
  );
  return rows.filter((r) => r.departments.includes(department)).length;
}

describe('login', () => {
  test('the login page has no serious accessibility problems', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await screenshot(page, 'login');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('a wrong password shows the server’s Japanese message', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.getByLabel('ログインID').fill('admin');
    await page.getByLabel('パスワード').fill('wrong-password');
    const alert = page.getByRole('alert');
    await submitLogin(page, alert);
    assert.match(await alert.innerText(), /ログインIDまたはパスワードが正しくありません。/);
    await screenshot(page, 'login-error');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('a reload keeps the session, and logging out ends it', async () => {
    const page = await newPage();
    await login(page, 'editor02');
    await page.reload();
    await page.getByRole('navigation', { name: 'メインメニュー' }).waitFor();
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await page.goto('/table');
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
  });
});

describe('ホーム', () => {
  test('an editor sees the rows of their department, with related rows marked', async () => {
    const page = await newPage();
    await login(page, 'editor02');
    await page.getByRole('heading', { name: /障がい者支援課の報告/ }).waitFor();
    const cards = page.getByRole('article');
    assert.equal(await cards.count(), await seedRowCount('障がい者支援課'));
    for (const text of await cards.allInnerTexts()) assert.match(text, /障がい者支援課/);
    await screenshot(page, 'home-editor02');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('a department whose 事業 appears under several measures sees 関連する事業', async () => {
    const page = await newPage();
    await login(page, 'editor01'); // 健康課: 健康相談 appears three times
    await page.getByRole('heading', { name: /健康課の報告/ }).waitFor();
    const related = page.getByRole('article').filter({ hasText: '関連する事業' });
    assert.ok((await related.count()) >= 3, 'the rows of 健康相談 point to each other');
  });
});

describe('進行管理表', () => {
  test('the admin sees the whole table: 70 rows under 13 directions, in the seed’s layout', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.getByRole('link', { name: '進行管理表', exact: true }).click();
    await page.getByRole('heading', { name: '基本施策1 地域におけるネットワークの強化' }).waitFor();
    assert.equal(await page.locator('table th[scope=row]').count(), 70);
    assert.equal(await page.locator('table th[scope=rowgroup]').count(), 13);
    await page.getByRole('table', { name: '基本施策4 自殺未遂者等への支援の充実' }).waitFor();
    await page.getByRole('columnheader', { name: '会議名' }).waitFor();
    assert.ok((await page.getByRole('cell', { name: '健康課／福祉総務課', exact: true }).count()) >= 1);
    await screenshot(page, 'plan-table');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('the table filters by department and by measure', async () => {
    const page = await newPage();
    await login(page, 'viewer');
    await page.goto('/table');
    await page.getByLabel('担当課').selectOption({ label: '障がい者支援課' });
    await page.getByText(`${await seedRowCount('障がい者支援課')}件の事業を表示しています。`).waitFor();
    await page.getByLabel('担当課').selectOption({ label: 'すべて' });
    await page.getByLabel('施策', { exact: true }).selectOption({ label: '重点施策1 高齢者の自殺対策の推進' });
    // The server filters: wait for its answer, then only that measure's table is left.
    await page.waitForFunction(() => document.querySelectorAll('table').length === 1);
    await page.getByRole('table', { name: '重点施策1 高齢者の自殺対策の推進' }).waitFor();
  });
});

describe('admin screens', () => {
  test('担当課 and 利用者 list what the demo data holds', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.getByRole('link', { name: '担当課', exact: true }).click();
    await page.getByRole('table', { name: '担当課の一覧' }).waitFor();
    assert.equal(await page.getByRole('table', { name: '担当課の一覧' }).locator('tbody tr').count(), 17);
    await screenshot(page, 'departments');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('link', { name: '利用者', exact: true }).click();
    await page.getByRole('table', { name: '利用者の一覧' }).waitFor();
    await page.getByRole('rowheader', { name: 'editor02' }).waitFor();
    await screenshot(page, 'users');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('a new user gets an initial password once and must replace it at first login', async () => {
    const admin = await newPage();
    await login(admin, 'admin');
    await admin.goto('/admin/users');
    const loginId = `e2e-${Date.now()}`;
    await admin.getByLabel('ログインID').fill(loginId);
    await admin.getByLabel('氏名').fill('試験 利用者');
    await admin.getByLabel('権限').selectOption('editor');
    await admin.getByLabel('担当課').selectOption({ label: '健康課' });
    await admin.getByRole('button', { name: '登録する' }).click();
    const initialPassword = await admin.getByRole('status').locator('code').innerText();
    assert.ok(initialPassword.length >= 10);

    const user = await newPage();
    await login(user, loginId, initialPassword);
    await user.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
    await screenshot(user, 'change-password');
    await user.getByLabel('現在のパスワード').fill(initialPassword);
    await user.locator('input[name=new_password]').fill('new-password-2025');
    await user.locator('input[name=confirm_password]').fill('new-password-2025');
    await user.getByRole('button', { name: 'パスワードを変更する' }).click();
    await user.getByRole('heading', { name: /健康課の報告/ }).waitFor();
  });

  test('計画の編集 changes a row’s 内容, and the table shows it', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.getByRole('link', { name: '計画の編集' }).click();
    await page.getByRole('heading', { name: '計画', exact: true }).waitFor();
    await page.getByText('基本施策1 地域におけるネットワークの強化').click();
    const form = page.getByRole('form', { name: /あきる野市自殺対策推進協議会/ });
    const content = '協議会を年2回開催し、市の自殺対策を検討します。';
    await form.getByLabel('内容').fill(content);
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
    await screenshot(page, 'plan-edit');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('link', { name: '進行管理表', exact: true }).click();
    await page.getByRole('cell', { name: content }).waitFor();
  });
});
