// @ts-check
// End-to-end tests of 計画の編集 as the plan's structure editor (as the demo `admin`, through the screens): a new row
// added, moved to another measure and given two 担当課 in order; a measure reordered with the keyboard; a seed row
// with reports retired (廃止) from the next period on, which keeps it in 上半期, its 公表版 and its reports but leaves
// it out of a period opened afterwards; and a seed row whose deletion is refused, with 廃止 offered in its place.
//
// This file changes data other files read (it publishes 上半期 if nobody did yet and opens 令和8年度 上半期), so the
// e2e script runs the files one after the other, this one after reporting.test.mjs; it also tolerates 上半期 being
// published already. The measure it reorders is put back in place.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  apiGet,
  apiSend,
  apiToken,
  japanDay,
  login,
  screenshot,
  seriousA11yViolations,
  startBrowser,
} from './browser.mjs';

/** @typedef {import('playwright-core').Page} Page */

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

/** Each page is its own tab and session; the confirmations it meets are accepted and kept in `dialogs`. */
async function newPage() {
  const page = await browser.context.newPage();
  /** @type {string[]} */
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  return { page, dialogs };
}

const DEMO_PLAN = '第2次自殺対策推進計画';
const NEW_ROW = '自殺対策相談窓口の周知（E2E）';
const RETIRED_ROW = '教育支援センター'; // 基本施策6 ①, 指導室: no other file touches it
const UNDELETABLE_ROW = 'スクールソーシャルワーカーの活用'; // 基本施策6 ②

const MEASURE_P1 = '高齢者の自殺対策の推進';
const MEASURE_P2 = '生活困窮者の自殺対策の推進';
const MEASURE_P3 = '勤務経営問題に関わる自殺対策の推進';
const MEASURE_B6 = '基本施策6 児童生徒のSOSの出し方に関する教育';

/** The demo plan's id and tree, read through the API (for checks the screens do not show). */
async function demoPlan(/** @type {string} */ token) {
  const plans = await apiGet('/api/v1/plans?per_page=100', token);
  const plan = plans.items.find((/** @type {any} */ p) => p.name === DEMO_PLAN);
  assert.ok(plan, 'the demo plan exists');
  return plan;
}

/**
 * Every row of a tree with its measure.
 * @param {any} tree
 * @returns {{ row: any, measure: any }[]}
 */
function treeRows(tree) {
  return tree.measures.flatMap((/** @type {any} */ node) =>
    [...node.rows, ...node.directions.flatMap((/** @type {any} */ d) => d.rows)].map((row) => ({
      row,
      measure: node.measure,
    })),
  );
}

/** Opens 計画の編集 from the menu. @param {Page} page */
async function openEditor(page) {
  await page.getByRole('link', { name: '計画の編集' }).click();
  await page.getByRole('heading', { name: '計画', exact: true }).waitFor();
}

/** A measure's box in the editor, opened. @param {Page} page @param {string} heading */
async function openMeasure(page, heading) {
  const region = page.getByRole('region', { name: heading, exact: true });
  const toggle = region.getByRole('button', { name: heading, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await region
    .getByRole('form', { name: /^「.+」を編集$/ })
    .first()
    .waitFor();
  return region;
}

/** Waits until the focus is on the element with this accessible name (aria-label). @param {Page} page @param {string} name */
async function waitForFocus(page, name) {
  await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-label') === n, name, {
    timeout: 5000,
  });
}

describe('計画の編集: the plan’s structure', () => {
  test('a new row is added to a measure, moved to another one and given two 担当課 in order', async () => {
    const token = await apiToken('admin');
    const plan = await demoPlan(token);
    const { page, dialogs } = await newPage();
    await login(page, 'admin');
    await openEditor(page);

    // Add it to 重点施策2.
    const p2 = await openMeasure(page, `重点施策2 ${MEASURE_P2}`);
    await p2.locator('summary', { hasText: '事業を追加' }).click();
    const form = p2.getByRole('form', { name: '事業を追加' });
    await form.getByLabel('取組項目').fill(NEW_ROW);
    await form.getByLabel('内容').fill('相談窓口の一覧を配布し、周知します。');
    await form.getByLabel('追加する担当課').selectOption({ label: '健康課' });
    await form.getByRole('button', { name: '担当課を追加' }).click();
    await form.getByRole('button', { name: '追加する', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `「${NEW_ROW}」を追加しました。` })
      .waitFor();
    await p2.getByRole('article', { name: NEW_ROW }).waitFor();

    // The open period does not include it by itself: adding it there is offered as a step of its own.
    const offer = p2.getByRole('button', { name: '受付中の報告期間（令和7年度 3月末（年間））にも追加する' });
    await offer.waitFor();
    await p2.getByRole('button', { name: '今は追加しない' }).click();
    assert.equal(await offer.count(), 0);
    assert.ok(!dialogs.some((d) => d.includes(NEW_ROW)), 'nothing was asked to be confirmed yet');

    // Move it to 重点施策3: it goes to the end there, the measure opens and the focus follows the row.
    await p2.getByRole('button', { name: `${NEW_ROW}の配置・移動` }).click();
    await p2.getByLabel('移動先').selectOption({ label: `重点施策3 ${MEASURE_P3} ＞ 施策の直下（取組の方向なし）` });
    await p2.getByRole('button', { name: '移動する' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `「${NEW_ROW}」を「重点施策3 ${MEASURE_P3}」に移動しました。` })
      .waitFor();
    const p3 = page.getByRole('region', { name: `重点施策3 ${MEASURE_P3}`, exact: true });
    const moved = p3.getByRole('article', { name: NEW_ROW });
    await moved.waitFor();
    assert.equal(await p2.getByRole('article', { name: NEW_ROW }).count(), 0);
    const p3Rows = await p3
      .getByRole('article')
      .evaluateAll((articles) => articles.map((a) => a.querySelector('h5, h6')?.textContent));
    assert.equal(p3Rows.at(-1), NEW_ROW, 'the moved row is the last of 重点施策3');
    await waitForFocus(page, `${NEW_ROW}の配置・移動`);

    // Two 担当課: 福祉総務課 added, then put first with the keyboard.
    await moved.getByRole('button', { name: `${NEW_ROW}の担当課` }).click();
    const departments = moved.getByRole('form', { name: `${NEW_ROW} 担当課（表の表示順）` });
    await departments.getByLabel('追加する担当課').selectOption({ label: '福祉総務課' });
    await departments.getByRole('button', { name: '担当課を追加' }).click();
    const chosen = departments.getByRole('list', { name: '担当課（表の表示順）' }).getByRole('listitem');
    await chosen.nth(1).getByText('福祉総務課').waitFor();
    await departments.getByRole('button', { name: '福祉総務課を上へ移動' }).focus();
    await page.keyboard.press('Enter');
    assert.match(await chosen.nth(0).innerText(), /福祉総務課/);
    assert.match(await chosen.nth(1).innerText(), /健康課/);
    await departments.getByRole('button', { name: '保存' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `「${NEW_ROW}」の担当課を保存しました。` })
      .waitFor();
    await moved.getByTestId('row-departments').getByText('福祉総務課／健康課', { exact: true }).waitFor();
    await screenshot(page, 'plan-structure-row');
    assert.deepEqual(await seriousA11yViolations(page), []);

    // The server has it so: under 重点施策3, 福祉総務課 first.
    const tree = await apiGet(`/api/v1/plans/${plan.id}/tree`, token);
    const placed = treeRows(tree).find((p) => p.row.name === NEW_ROW);
    assert.ok(placed);
    assert.equal(placed.measure.title, MEASURE_P3);
    assert.deepEqual(
      placed.row.departments.map((/** @type {{ name: string }} */ d) => d.name),
      ['福祉総務課', '健康課'],
    );

    // It has no reports, so it can be deleted, after a confirmation.
    await moved.getByRole('button', { name: `「${NEW_ROW}」を削除` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `「${NEW_ROW}」を削除しました。` })
      .waitFor();
    assert.ok(
      dialogs.some((d) => d.startsWith(`「${NEW_ROW}」を削除しますか。`)),
      'the deletion was confirmed',
    );
    assert.equal(await page.getByRole('article', { name: NEW_ROW }).count(), 0);
  });

  test('a measure is reordered with the keyboard; the editor and the table show the new numbers', async () => {
    const { page } = await newPage();
    await login(page, 'admin');
    await openEditor(page);

    // Enter on 「重点施策1を下へ移動」: it becomes 重点施策2, and the focus stays on its button.
    const saved = page.waitForResponse((r) => r.url().endsWith('/measure-order') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: '重点施策1を下へ移動' }).focus();
    await page.keyboard.press('Enter');
    await waitForFocus(page, '重点施策2を下へ移動');
    await page
      .getByRole('status')
      .filter({ hasText: '「重点施策1」を4件中2番目に移動しました（重点施策2になりました）。' })
      .waitFor();
    assert.ok((await saved).ok(), 'the new order is saved');
    await page.getByRole('region', { name: `重点施策2 ${MEASURE_P1}`, exact: true }).waitFor();
    await page.getByRole('region', { name: `重点施策1 ${MEASURE_P2}`, exact: true }).waitFor();
    await screenshot(page, 'plan-structure-reordered');

    await page.getByRole('link', { name: '進行管理表', exact: true }).click();
    await page.getByRole('table', { name: `重点施策1 ${MEASURE_P2}` }).waitFor();
    await page.getByRole('table', { name: `重点施策2 ${MEASURE_P1}` }).waitFor();

    // Space on 「重点施策2を上へ移動」 puts it back.
    await openEditor(page);
    const back = page.waitForResponse((r) => r.url().endsWith('/measure-order') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: '重点施策2を上へ移動' }).focus();
    await page.keyboard.press(' ');
    await waitForFocus(page, '重点施策1を上へ移動');
    assert.ok((await back).ok(), 'the old order is saved again');
    await page.getByRole('region', { name: `重点施策1 ${MEASURE_P1}`, exact: true }).waitFor();
    await page.getByRole('link', { name: '進行管理表', exact: true }).click();
    await page.getByRole('table', { name: `重点施策1 ${MEASURE_P1}` }).waitFor();
  });

  test('a seed row with reports is retired from the next period: 上半期, its 公表版 and its reports keep it, a new period leaves it out', async () => {
    const token = await apiToken('admin');
    const plan = await demoPlan(token);
    const periods = await apiGet(`/api/v1/plans/${plan.id}/periods`, token);
    const firstHalf = periods.find((/** @type {any} */ p) => p.fiscal_year === 2025 && p.kind === 'first_half');
    const fullYear = periods.find((/** @type {any} */ p) => p.fiscal_year === 2025 && p.kind === 'full_year');
    assert.ok(firstHalf && fullYear);

    // 上半期 is closed with every report approved: publishing it makes edition 1 (unless another file did already).
    if (firstHalf.state === 'closed') await apiSend('POST', `/api/v1/periods/${firstHalf.id}/publish`, token);
    const editions = await apiGet(`/api/v1/periods/${firstHalf.id}/editions`, token);
    const edition = editions.find((/** @type {any} */ e) => e.number === 1);
    assert.ok(edition, '上半期 has its edition 1');

    const { page } = await newPage();
    await login(page, 'admin');
    await openEditor(page);
    const measure = await openMeasure(page, MEASURE_B6);
    const row = measure.getByRole('article', { name: RETIRED_ROW });
    await row.getByRole('button', { name: `「${RETIRED_ROW}」の廃止` }).click();
    const retire = row.getByRole('form', { name: `「${RETIRED_ROW}」の廃止` });
    const when = retire.getByLabel('廃止する時期');
    await when.waitFor();
    // It has reports up to 年間 (令和7年度 3月末), so the only choice is 「次の報告期間から」.
    const options = await when.locator('option').allInnerTexts();
    assert.deepEqual(options, ['次の報告期間から（基準日が令和8年4月1日以降の報告期間）']);
    await when.selectOption({ label: options[0] ?? '' });
    await retire.getByRole('button', { name: '廃止する' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `「${RETIRED_ROW}」を廃止しました。` })
      .waitFor();
    await row.getByText('令和8年度以降 廃止').waitFor();
    const unretire = row.getByRole('button', { name: `「${RETIRED_ROW}」の廃止を取り消す` });
    await unretire.waitFor();
    await waitForFocus(page, `「${RETIRED_ROW}」の廃止を取り消す`);
    await screenshot(page, 'plan-structure-retired');
    assert.deepEqual(await seriousA11yViolations(page), []);

    // 上半期's table and its 公表版 still show the row.
    await page.goto(`/table?period=${firstHalf.id}`);
    await page.getByRole('rowheader', { name: RETIRED_ROW }).first().waitFor();
    const published = await apiGet(`/api/v1/public/editions/${edition.id}`, token);
    assert.ok(JSON.stringify(published).includes(RETIRED_ROW), 'the edition keeps the row');

    // A period opened afterwards (令和8年度 上半期) leaves it out.
    const next = await apiSend('POST', `/api/v1/plans/${plan.id}/periods`, token, {
      fiscal_year: 2026,
      kind: 'first_half',
      opens_on: japanDay(),
      deadline: japanDay(30),
    });
    await apiSend('POST', `/api/v1/periods/${next.id}/open`, token);
    await page.goto(`/table?period=${next.id}`);
    await page.getByRole('rowheader', { name: 'いじめ防止に対する各種事業' }).first().waitFor();
    assert.equal(await page.getByRole('rowheader', { name: RETIRED_ROW }).count(), 0);

    // No report was deleted: 上半期 and 年間 are still there.
    const retiredRow = treeRows(await apiGet(`/api/v1/plans/${plan.id}/tree`, token)).find(
      (p) => p.row.name === RETIRED_ROW,
    );
    assert.ok(retiredRow);
    assert.equal(retiredRow.row.retired_from, '2026-04-01');
    const reports = await apiGet(`/api/v1/rows/${retiredRow.row.id}/reports`, token);
    const reportPeriods = reports.map((/** @type {{ period_id: number }} */ r) => r.period_id);
    assert.ok(reportPeriods.includes(firstHalf.id), 'the 上半期 report is kept');
    assert.ok(reportPeriods.includes(fullYear.id), 'the 年間 report is kept');
  });

  test('deleting a seed row with reports is refused, with 廃止 offered right there', async () => {
    const { page, dialogs } = await newPage();
    await login(page, 'admin');
    await openEditor(page);
    const measure = await openMeasure(page, MEASURE_B6);
    const row = measure.getByRole('article', { name: UNDELETABLE_ROW });
    await row.getByRole('button', { name: `「${UNDELETABLE_ROW}」を削除` }).click();
    const alert = row.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /報告があるため削除できません。「廃止」にすると/);
    // No confirmation for something that cannot be deleted; the 廃止 choice is under the message, with the focus.
    assert.ok(!dialogs.some((d) => d.includes(UNDELETABLE_ROW)));
    const retire = row.getByRole('form', { name: `「${UNDELETABLE_ROW}」の廃止` });
    await retire.getByLabel('廃止する時期').waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'SELECT');
    await retire.getByRole('button', { name: '廃止する' }).waitFor();
    await measure.getByRole('article', { name: UNDELETABLE_ROW }).waitFor(); // still there
    await screenshot(page, 'plan-structure-delete-refused');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });
});
