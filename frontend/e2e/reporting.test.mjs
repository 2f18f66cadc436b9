// @ts-check
// End-to-end tests of the reporting cycle in the demo data (令和7年度 年間 受付中, 上半期 承認済): a department
// writes and submits, the secretariat returns and approves, two departments of a co-owned row save at the same
// time, and the secretariat's screens. Each scenario works on rows no other scenario touches.
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { apiGet, apiToken, login, screenshot, seriousA11yViolations, startBrowser } from './browser.mjs';

/** @typedef {import('playwright-core').Page} Page */

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

// Each page is its own tab and so its own session (sessionStorage). Confirmation dialogs are accepted.
async function newPage() {
  const page = await browser.context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/**
 * The open period and one of its reports, found through the API.
 * @param {string} token
 * @param {(r: any) => boolean} predicate
 */
async function findReport(token, predicate) {
  const periods = await apiGet('/api/v1/plans/1/periods', token);
  const open = periods.find((/** @type {any} */ p) => p.state === 'open');
  const page = await apiGet(`/api/v1/periods/${open.id}/reports?per_page=100`, token);
  const report = page.items.find(predicate);
  assert.ok(report, 'the demo data has the report');
  return { period: open, report };
}

/** The card of a row on ホーム. @param {Page} page @param {string} name */
const card = (page, name) => page.getByRole('article', { name, exact: true });

describe('a report from 障がい者支援課, returned once, then approved', () => {
  const row = '障がい者相談支援';
  const first = '障がい者基幹相談支援センターで相談に対応した（令和8年3月末まで）。';
  const fixed = '障がい者基幹相談支援センター及び市窓口で相談に延べ223件対応し、関係機関と連絡調整を行った。';
  const comment = '相談件数を記載してください。';

  test('editor02 writes and submits; admin returns; the editor fixes and resubmits; admin approves; the table and the Excel file show it', async () => {
    // The department writes its report and submits it.
    const editor = await newPage();
    await login(editor, 'editor02');
    await editor.getByRole('heading', { name: /障がい者支援課の報告/ }).waitFor();
    await screenshot(editor, 'home-editor02');
    await card(editor, row)
      .getByRole('link', { name: /報告を書く/ })
      .click();
    await editor.getByRole('heading', { name: row, level: 1 }).waitFor();
    await editor.getByText('前期の内容（令和7年度 9月末・承認済）').waitFor();
    await editor.getByLabel('取組進捗状況').fill(first);
    await editor.getByLabel('実施状況').selectOption({ label: '実施中' });
    await editor.getByLabel('評価').selectOption({ label: 'A 目標値どおり' });
    await editor.getByLabel('今後の方向性').selectOption({ label: '継続' });
    await editor.getByText(/保存しました \d\d:\d\d/).waitFor();
    await screenshot(editor, 'report-editor');
    assert.deepEqual(await seriousA11yViolations(editor), []);
    // Side by side on a wide screen; stacked on a narrow one.
    const wide = [
      await editor.getByRole('region', { name: /前期の内容/ }).boundingBox(),
      await editor.getByRole('region', { name: '今期の報告' }).boundingBox(),
    ];
    assert.ok(wide[0] && wide[1] && wide[1].x > wide[0].x + wide[0].width - 1, 'side by side');
    await editor.setViewportSize({ width: 390, height: 844 });
    const previous = await editor.getByRole('region', { name: /前期の内容/ }).boundingBox();
    const current = await editor.getByRole('region', { name: '今期の報告' }).boundingBox();
    assert.ok(previous && current && current.y > previous.y + previous.height - 1, 'stacked');
    await screenshot(editor, 'report-editor-narrow');
    await editor.setViewportSize({ width: 1280, height: 900 });
    await editor.getByRole('button', { name: '提出', exact: true }).click();
    await editor.getByRole('button', { name: '提出する' }).click();
    await editor.getByText('提出しました。事務局の確認をお待ちください。').waitFor();
    await editor.getByText('この報告は提出済みです。事務局の確認をお待ちください。').waitFor();

    // The secretariat sends it back with a comment.
    const admin = await newPage();
    await login(admin, 'admin');
    await admin.getByRole('link', { name: '確認待ち', exact: true }).click();
    const item = admin.getByRole('article', { name: row });
    await item.getByText(first).first().waitFor();
    await screenshot(admin, 'review');
    assert.deepEqual(await seriousA11yViolations(admin), []);
    await item.getByRole('button', { name: /^差戻し/ }).click();
    await item.getByLabel('差戻しの理由').fill(comment);
    await item.getByRole('button', { name: '差し戻す' }).click();
    await admin.getByText(`「${row}」を差し戻しました。`).waitFor();

    // The department sees the comment (on ホーム, in the notification, in the editor), fixes and resubmits.
    await editor.goto('/');
    await editor.getByRole('link', { name: /^通知\s*（未読1件）$/ }).waitFor();
    const returned = card(editor, row);
    await returned.getByText(comment).waitFor();
    assert.match(await returned.innerText(), /差戻し/);
    await returned.getByRole('link', { name: /報告を書く/ }).click();
    await editor.getByRole('heading', { name: '事務局からの差戻しコメント' }).waitFor();
    await editor.getByText(comment).waitFor();
    await editor.getByLabel('取組進捗状況').fill(fixed);
    await editor.getByRole('button', { name: '提出', exact: true }).click();
    await editor.getByRole('button', { name: '提出する' }).click();
    await editor.getByText('提出しました。事務局の確認をお待ちください。').waitFor();

    // The secretariat sees what changed since the return, and approves.
    await admin.getByRole('link', { name: '確認待ち', exact: true }).click();
    await admin.reload();
    const again = admin.getByRole('article', { name: row });
    await again.getByLabel('比較する版').waitFor();
    assert.match(await again.getByLabel('比較する版').inputValue(), /^\d+$/);
    await again.locator('ins').first().waitFor();
    await again.getByRole('button', { name: /^承認/ }).click();
    await admin.getByText(`「${row}」を承認しました。`).waitFor();

    // 進行管理表 of 年間 holds the approved text, and its Excel file downloads.
    await admin.getByRole('link', { name: '進行管理表', exact: true }).click();
    await admin.getByRole('cell', { name: fixed }).waitFor();
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Excelでダウンロード' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^施策別事業進行管理表_.*\.xlsx$/);
    const path = await download.path();
    assert.ok(path && (await stat(path)).size > 0, 'the Excel file is not empty');
    await admin.getByText(`「${download.suggestedFilename()}」をダウンロードしました。`).waitFor();

    await editor.goto('/');
    assert.match(await card(editor, row).innerText(), /承認済/);
  });
});

describe('two departments save the co-owned 健康相談 row at the same time', () => {
  test('the second sees both versions, keeps theirs on top, and the history holds both', async () => {
    const token = await apiToken('admin');
    const { report } = await findReport(
      token,
      (r) =>
        r.row.name === '健康相談' &&
        r.row.departments.map((/** @type {{ name: string }} */ d) => d.name).join('／') === '健康課／福祉総務課',
    );
    const kenkoText = '健康課：電話・来所による健康相談を実施した（延べ52件）。';
    const fukushiText = '福祉総務課：自殺未遂者の相談を受け、医療機関等につないだ（8件）。';

    const kenko = await newPage();
    const fukushi = await newPage();
    await login(kenko, 'editor01');
    await login(fukushi, 'editor07');
    await kenko.goto(`/reports/${report.id}`);
    await fukushi.goto(`/reports/${report.id}`);
    await kenko.getByLabel('取組進捗状況').waitFor();
    await fukushi.getByLabel('取組進捗状況').waitFor();
    // The first co-owned 健康相談 in table order is the one under 基本施策4.
    await kenko
      .getByText(/^基本施策4 /)
      .first()
      .waitFor();

    // Both type; 健康課 saves first.
    await kenko.getByLabel('取組進捗状況').fill(kenkoText);
    await fukushi.getByLabel('取組進捗状況').fill(fukushiText);
    await kenko.getByRole('button', { name: '保存', exact: true }).click();
    await kenko.getByText(/保存しました \d\d:\d\d/).waitFor();

    // 福祉総務課's save meets the newer version: both are on screen, nothing typed is lost. Its
    // autosave (2 s after typing) may meet it first on a slow machine, which disables 保存; then
    // the click has nothing to do.
    const conflict = fukushi.getByRole('heading', { name: '他の人が先にこの報告を保存しました' });
    if (!(await conflict.isVisible())) {
      await fukushi
        .getByRole('button', { name: '保存', exact: true })
        .click({ timeout: 5000 })
        .catch(() => undefined);
    }
    await conflict.waitFor();
    await fukushi
      .getByRole('region', { name: /相手の内容（健康課 担当者さん/ })
      .getByText(kenkoText)
      .waitFor();
    assert.equal(await fukushi.getByLabel('取組進捗状況').inputValue(), fukushiText);
    await screenshot(fukushi, 'report-conflict');
    assert.deepEqual(await seriousA11yViolations(fukushi), []);

    // They may still edit their text while both are visible, then save it on top.
    const merged = `${fukushiText}\n${kenkoText}`;
    await fukushi.getByLabel('取組進捗状況').fill(merged);
    await fukushi.getByRole('button', { name: '自分の内容で上書き保存' }).click();
    await fukushi.getByText(/保存しました \d\d:\d\d/).waitFor();
    assert.equal(await fukushi.getByRole('heading', { name: '他の人が先にこの報告を保存しました' }).count(), 0);

    // The history keeps both versions; a reload shows the merged text.
    const versions = await apiGet(`/api/v1/reports/${report.id}/versions`, token);
    const texts = versions.map((/** @type {{ progress: string }} */ v) => v.progress);
    assert.ok(texts.includes(kenkoText), '健康課’s version is in the history');
    assert.ok(texts.includes(merged), '福祉総務課’s version is in the history');
    await kenko.reload();
    await kenko.getByLabel('取組進捗状況').waitFor();
    assert.equal(await kenko.getByLabel('取組進捗状況').inputValue(), merged);
  });

  test('text typed while the server cannot be reached survives a reload', async () => {
    const token = await apiToken('admin');
    const { report } = await findReport(token, (r) => r.row.name === 'ゲートキーパー養成講座');
    const page = await newPage();
    await login(page, 'editor01');
    await page.goto(`/reports/${report.id}`);
    await page.getByLabel('取組進捗状況').waitFor();
    // The network drops: every save fails, so only the tab's storage holds the text.
    /** @param {import('playwright-core').Route} route */
    const dropSaves = (route) => (route.request().method() === 'PUT' ? route.abort() : route.continue());
    await page.route('**/api/v1/reports/*', dropSaves);
    const typed = '通信が切れている間に入力した文。';
    await page.getByLabel('取組進捗状況').fill(typed);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText(/保存できませんでした。/).waitFor();
    await page.reload();
    await page.getByLabel('取組進捗状況').waitFor();
    await page.unroute('**/api/v1/reports/*', dropSaves);

    // The reloaded page brings the text back and saves it.
    await page.getByText('前回保存されなかった入力を復元しました。このまま自動で保存します。').waitFor();
    assert.equal(await page.getByLabel('取組進捗状況').inputValue(), typed);
    await page.getByText(/保存しました \d\d:\d\d/).waitFor();
    const saved = await apiGet(`/api/v1/reports/${report.id}`, token);
    assert.equal(saved.progress, typed);
  });
});

describe('the secretariat’s screens', () => {
  test('ダッシュボード shows completion per department and sends reminders', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.getByRole('heading', { name: '事務局の作業' }).waitFor();
    await screenshot(page, 'home-admin');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.getByRole('link', { name: 'ダッシュボード', exact: true }).click();
    await page.getByRole('heading', { name: '担当課ごとの提出状況' }).waitFor();
    await page.getByRole('heading', { name: '施策ごとの実施状況' }).waitFor();
    await page.getByRole('heading', { name: '施策ごとの評価' }).waitFor();
    assert.equal(
      await page.getByRole('table', { name: '担当課ごとの事業数・状態別の件数・提出率' }).locator('tbody tr').count(),
      17,
    );
    await page.getByText('締切まであと14日').first().waitFor();
    await screenshot(page, 'dashboard');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.getByRole('button', { name: '督促を送る' }).click();
    await page.getByText(/課の\d+人に督促の通知を送りました/).waitFor();
  });

  test('進行管理表 compares with 上半期 and marks the changed rows', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto('/table');
    await page.getByLabel('比較する期間').selectOption({ label: '令和7年度 9月末（上半期）・締切' });
    await page.getByRole('columnheader', { name: '取組進捗状況（令和7年9月末まで）' }).first().waitFor();
    await page.getByText(/前の期間から変更された事業は\d+件です。/).waitFor();
    await page.getByLabel('状態').selectOption({ label: '承認済' });
    await page.getByText(/^\d+件の事業を表示しています。/).waitFor();
    await screenshot(page, 'table-compare');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('報告期間, 通知, APIトークン, 監査ログ and 取込 open without accessibility problems', async () => {
    const page = await newPage();
    await login(page, 'admin');

    await page.getByRole('link', { name: '報告期間', exact: true }).click();
    await page.getByRole('table', { name: '報告期間の一覧' }).waitFor();
    await screenshot(page, 'periods');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('link', { name: /^通知/ }).click();
    await page.getByRole('heading', { name: '通知', level: 1 }).waitFor();
    await screenshot(page, 'notifications');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('link', { name: 'APIトークン', exact: true }).click();
    await page.getByLabel('用途').fill('庁内ポータル連携');
    await page.getByRole('button', { name: '作成する' }).click();
    const secret = await page.getByTestId('api-token-secret').innerText();
    assert.ok(secret.length >= 20, 'the secret is shown once');
    await page.getByRole('rowheader', { name: '庁内ポータル連携' }).waitFor();
    await screenshot(page, 'api-tokens');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('link', { name: '監査ログ', exact: true }).click();
    await page.getByText(/件の記録があります。/).waitFor();
    await page.locator('details summary').first().click();
    await page.getByRole('columnheader', { name: '変更後' }).first().waitFor();
    await screenshot(page, 'audit');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('link', { name: '取込', exact: true }).click();
    await page.getByLabel('取り込むファイル').setInputFiles({
      name: 'table.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF施策,取組項目\r\n基本施策1,会議\r\n', 'utf8'),
    });
    await page.getByRole('button', { name: '内容を確認する' }).click();
    const problems = page.getByRole('table', { name: /ファイルの問題/ });
    await problems.waitFor();
    assert.deepEqual(await problems.getByRole('columnheader').allInnerTexts(), ['行', '列', '内容']);
    assert.equal(await page.getByRole('button', { name: '取り込む', exact: true }).isDisabled(), true);
    await screenshot(page, 'import-preview');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('publishing 上半期 makes its 公表版 readable without signing in', async () => {
    const admin = await newPage();
    await login(admin, 'admin');
    await admin.goto('/admin/periods');
    await admin.getByRole('button', { name: /^公表する/ }).click();
    await admin.getByText('「令和7年度 9月末（上半期）」を公表しました。').waitFor();
    const link = admin.getByRole('link', { name: '公表版 第1版' });
    const href = await link.getAttribute('href');
    assert.match(href ?? '', /^\/public\/editions\/\d+$/);

    // A new tab has no session: it is a visitor who never signed in.
    const visitor = await newPage();
    await visitor.goto(href ?? '');
    await visitor.getByRole('heading', { name: /施策別事業進行管理表（令和7年度9月末まで） 第1版/ }).waitFor();
    await visitor.getByRole('table', { name: '基本施策4 自殺未遂者等への支援の充実' }).waitFor();
    assert.equal(await visitor.getByRole('navigation', { name: 'メインメニュー' }).count(), 0);
    await screenshot(visitor, 'public-edition');
    assert.deepEqual(await seriousA11yViolations(visitor), []);
  });
});

describe('検索', () => {
  test('a viewer finds the rows about ゲートキーパー, with the match marked', async () => {
    const page = await newPage();
    await login(page, 'viewer');
    await page.getByRole('link', { name: '検索', exact: true }).click();
    await page.getByLabel('探す言葉').fill('ゲートキーパー');
    await page.getByRole('button', { name: '検索する' }).click();
    await page.getByRole('heading', { name: /「ゲートキーパー」を含む事業 \d+件/ }).waitFor();
    assert.ok((await page.getByRole('article').count()) >= 3);
    assert.equal(await page.locator('mark').first().innerText(), 'ゲートキーパー');
    await screenshot(page, 'search');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });
});
