// @ts-check
// 変更履歴 and 事業の報告の推移 for everyone: a viewer reads a report's versions and the changes between two of them,
// and a row's reports of both periods side by side. Works on 健康課's 「広報活動」, which no other test file touches;
// its versions are written through the API with editor01's token first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiGet, apiToken, baseUrl, login, screenshot, seriousA11yViolations, startBrowser } from './browser.mjs';

/** @typedef {import('playwright-core').Page} Page */

const ROW = '広報活動';
const FIRST = '広報あきる野に相談窓口の案内を掲載した。';
const SECOND = '広報あきる野（9月号・3月号）に相談窓口の案内を掲載し、ホームページも更新した。';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * PUT /api/v1/reports/{id} on the version `etag` names; returns the new ETag.
 * @param {number} id
 * @param {string} etag
 * @param {object} body
 * @param {string} token
 */
async function save(id, etag, body, token) {
  const response = await fetch(new URL(`/api/v1/reports/${id}`, baseUrl), {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'If-Match': etag, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `PUT /reports/${id}: ${await response.clone().text()}`);
  return /** @type {string} */ (response.headers.get('ETag'));
}

describe('history and the row page for a viewer', () => {
  /** @type {{ id: number, row: { id: number } }} */
  let report;

  before(async () => {
    const token = await apiToken('editor01');
    const periods = await apiGet('/api/v1/plans/1/periods', token);
    const open = periods.find((/** @type {any} */ p) => p.state === 'open');
    const page = await apiGet(`/api/v1/periods/${open.id}/reports?per_page=100`, token);
    report = page.items.find((/** @type {any} */ r) => r.row.name === ROW);
    assert.ok(report, `the open period has the ${ROW} report`);
    // Two saves by 健康課: versions 2 and 3.
    let etag = `"${report.id}-1"`;
    etag = await save(report.id, etag, { progress: FIRST, remarks: '' }, token);
    await save(
      report.id,
      etag,
      { progress: SECOND, implementation_status: 'done', evaluation: 'A', remarks: '' },
      token,
    );
  });

  test('a viewer sees every version and the changes between two chosen with labelled selects', async () => {
    const page = await browser.context.newPage();
    await login(page, 'viewer');
    await page.goto(`/reports/${report.id}`);
    await page.getByRole('heading', { name: ROW, level: 1 }).waitFor();
    await page.getByText('閲覧者の権限では報告を編集できません。').waitFor();

    await page.getByRole('button', { name: '変更履歴を表示（全3版）' }).click();
    // The button now closes the history.
    const toggle = page.getByRole('button', { name: '変更履歴を閉じる' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const table = page.getByRole('table', { name: '版の一覧（新しい順）' });
    await table.waitFor();
    const rows = table.getByRole('row');
    assert.equal(await rows.count(), 4, 'a header and three versions');
    const newest = await rows.nth(1).innerText();
    assert.match(newest, /第3版（最新）/);
    assert.match(newest, /令和\d+年\d+月\d+日 \(\d{4}年\d+月\d+日\) \d\d:\d\d/);
    assert.match(newest, /保存/);
    assert.match(newest, /健康課 担当者/);
    assert.match(await rows.nth(3).innerText(), /第1版[\s\S]*作成/);

    // The two selects are labelled and default to the previous and the current version.
    const from = page.getByLabel('比較元の版（前）');
    const to = page.getByLabel('比較先の版（後）');
    assert.equal(await from.inputValue(), '2');
    assert.equal(await to.inputValue(), '3');
    await page.getByRole('heading', { name: '第2版から第3版への変更点' }).waitFor();
    // Insertions and deletions are marked in the markup and read out, not only coloured.
    const inserted = page.locator('ins').filter({ hasText: '9月号' });
    await inserted.first().waitFor();
    assert.match(await inserted.first().innerText(), /＋/);
    assert.match((await inserted.first().textContent()) ?? '', /［追加：/);
    await page.getByText('実施状況：（未入力） → 実施済').waitFor();
    await page.getByText('評価：（未入力） → A 目標値どおり').waitFor();
    await screenshot(page, 'report-history');
    assert.deepEqual(await seriousA11yViolations(page), []);

    // Another pair, chosen with the keyboard: focus the first select and pick the first version.
    // The options run newest first, so End picks 第1版.
    await from.focus();
    await page.keyboard.press('End');
    await page.getByRole('heading', { name: '第1版から第3版への変更点' }).waitFor();
    assert.equal(await page.locator('del').count(), 0, 'from the empty first version everything is added');
    assert.ok((await page.locator('ins').count()) >= 1);
  });

  test('the row page shows the 上半期 and 年間 reports side by side, linked from the report and the table', async () => {
    const page = await browser.context.newPage();
    await login(page, 'viewer');
    await page.goto(`/reports/${report.id}`);
    await page.getByRole('heading', { name: ROW, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'この事業の報告の推移' }).click();
    await page.waitForURL(`**/rows/${report.row.id}`);
    await page.getByRole('heading', { name: ROW, level: 1 }).waitFor();
    await page.getByText('健康課', { exact: true }).first().waitFor();

    const first = page.getByRole('region', { name: '令和7年度 9月末' });
    const second = page.getByRole('region', { name: '令和7年度 3月末' });
    await first.waitFor();
    await second.waitFor();
    await second.getByText(SECOND).waitFor();
    await first.getByText('承認済').waitFor();
    const wide = [await first.boundingBox(), await second.boundingBox()];
    assert.ok(wide[0] && wide[1] && wide[1].x >= wide[0].x + wide[0].width - 1, 'oldest first, side by side');
    assert.ok(wide[0] && wide[1] && Math.abs(wide[1].y - wide[0].y) < 2, 'on one line');
    assert.equal(
      await second.getByRole('link', { name: /^報告を開く\s*（令和7年度 3月末）$/ }).getAttribute('href'),
      `/reports/${report.id}`,
    );
    await screenshot(page, 'row-reports');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.setViewportSize({ width: 390, height: 844 });
    const narrow = [await first.boundingBox(), await second.boundingBox()];
    assert.ok(narrow[0] && narrow[1] && narrow[1].y >= narrow[0].y + narrow[0].height - 1, 'stacked');
    await screenshot(page, 'row-reports-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The approved report of the closed 上半期 has its history too.
    await first.getByRole('link', { name: /^報告を開く\s*（令和7年度 9月末）$/ }).click();
    await page.getByRole('button', { name: /^変更履歴を表示（全\d+版）$/ }).click();
    await page.getByRole('table', { name: '版の一覧（新しい順）' }).waitFor();

    // From the table: each row links to its row page.
    await page.goto('/table');
    const link = page.getByRole('link', { name: new RegExp(`^報告の推移\\s*（${ROW}）$`) });
    await link.first().click();
    await page.waitForURL(`**/rows/${report.row.id}`);
    await page.getByRole('region', { name: '令和7年度 9月末' }).waitFor();
  });
});
