// @ts-check
// End-to-end tests of several plans: the secretariat adds 健康増進計画 on 計画の管理, its structure and an open period
// are set up through the API (the structure editor is tested on its own), then 健康課 sees the open reports of both
// plans on ホーム, switches to the new plan in the header, and the table, 検索 and ダッシュボード show that plan only.
//
// Other test files run at the same time against the same data, and the plan each user works on is kept on the
// server: so the secretariat's part is played by an admin account of this file's own (the demo `admin` keeps
// working on the demo plan), and editor01 goes back to the demo plan at the end. The new plan's rows belong to
// 健康課, 高齢者支援課 and 福祉総務課, never to 障がい者支援課, whose ホーム another file counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  apiGet,
  apiSend,
  apiToken,
  japanDay,
  login,
  postSession,
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

async function newPage() {
  const page = await browser.context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

const PLAN = '健康増進計画';
const DEMO_PLAN = '第2次自殺対策推進計画';
const KENKO_ROW = '特定健康診査の受診勧奨';
const SEARCHED_ROW = '栄養相談会';

/** What the tests below share: set by the first ones, read by the later ones (node:test runs them in order). */
const state = { planId: 0, demoPlanId: 0, demoPeriodId: 0 };

/** The table's rows (one `th scope=row` each) once their number is `count`. @param {Page} page @param {number} count */
async function waitForRowCount(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('table th[scope=row]').length === n, count);
}

/** @type {[string, string] | null} */
let ownAdminLogin = null;

/**
 * An admin of this file's own (login id and password): the demo `admin` keeps working on the demo plan for the
 * other files, while this one switches to the new plan.
 * @returns {Promise<[string, string]>}
 */
async function ownAdmin() {
  if (ownAdminLogin) return ownAdminLogin;
  const token = await apiToken('admin');
  const loginId = `plans-admin-${Date.now()}`;
  const initial = 'plans-initial-2025';
  const password = 'plans-admin-pass-2025';
  await apiSend('POST', '/api/v1/users', token, {
    login_id: loginId,
    display_name: '計画 担当者',
    role: 'admin',
    password: initial,
  });
  const first = await postSession({ login_id: loginId, password: initial });
  assert.ok(first.ok, `login ${loginId}`);
  const own = (await first.json()).access_token;
  await apiSend('PUT', '/api/v1/me/password', own, { current_password: initial, new_password: password });
  ownAdminLogin = [loginId, password];
  return ownAdminLogin;
}

describe('several plans', () => {
  test('the secretariat adds 健康増進計画 on 計画の管理, with its 計画期間 in 和暦', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.getByRole('navigation', { name: '管理メニュー' }).getByRole('link', { name: '計画の管理' }).click();
    await page.getByRole('heading', { name: '計画の管理', level: 1 }).waitFor();
    const list = page.getByRole('table', { name: '計画の一覧' });
    await list.getByRole('rowheader', { name: DEMO_PLAN }).waitFor();

    // The server's messages stand next to the fields they name.
    const form = page.getByRole('form', { name: '計画を追加' });
    await form.getByRole('button', { name: '追加する' }).click();
    await form.getByRole('alert').waitFor();
    assert.equal(await form.getByLabel('自治体').getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByLabel('計画名').getAttribute('aria-invalid'), 'true');

    await form.getByLabel('自治体').fill('あきる野市');
    await form.getByLabel('計画名').fill(PLAN);
    await form.getByLabel('計画期間（初年度）').selectOption({ label: '令和6年度（2024年度）' });
    await form.getByLabel('計画期間（最終年度）').selectOption({ label: '令和10年度（2028年度）' });
    await form.getByRole('button', { name: '追加する' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `計画「${PLAN}」を追加しました。` })
      .waitFor();
    const row = list.getByRole('row', { name: new RegExp(PLAN) });
    await row.waitFor();
    assert.match(await row.innerText(), /あきる野市\s+令和6〜10年度\s+利用中/);
    await screenshot(page, 'plans');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('its two measures and three rows are built in 計画の編集; its period opens', async () => {
    const token = await apiToken('admin');
    const plans = (await apiGet('/api/v1/plans?per_page=100', token)).items;
    const plan = plans.find((/** @type {any} */ p) => p.name === PLAN);
    const demo = plans.find((/** @type {any} */ p) => p.name === DEMO_PLAN);
    assert.ok(plan && demo, 'both plans are listed');
    assert.equal(plan.first_fiscal_year, 2024);
    assert.equal(plan.last_fiscal_year, 2028);
    state.planId = plan.id;
    state.demoPlanId = demo.id;
    const demoPeriods = await apiGet(`/api/v1/plans/${demo.id}/periods`, token);
    state.demoPeriodId = demoPeriods.find((/** @type {any} */ p) => p.state !== 'open').id;

    // The structure through the screens, as this file's own admin working on the new plan.
    const page = await newPage();
    await login(page, ...(await ownAdmin()));
    await page.getByLabel('計画', { exact: true }).selectOption({ label: PLAN });
    await page.getByRole('button', { name: '切り替える' }).click();
    await page.getByRole('link', { name: '計画の編集' }).click();
    await page.getByRole('heading', { name: '計画', exact: true }).waitFor();
    const measures = [
      {
        title: '生活習慣病の予防',
        rows: [
          [KENKO_ROW, '健康課'],
          [SEARCHED_ROW, '高齢者支援課'],
        ],
      },
      { title: 'こころの健康づくり', rows: [['睡眠と休養の講座', '福祉総務課']] },
    ];
    for (const [i, measure] of measures.entries()) {
      const form = page.getByRole('form', { name: '基本施策を追加' });
      // The <details> stays open after an addition: open it only when it is closed.
      if (!(await form.isVisible())) await page.locator('summary', { hasText: '基本施策を追加' }).click();
      await form.waitFor();
      await form.getByLabel('見出し').fill(measure.title);
      await form.getByRole('button', { name: '追加する', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `「基本施策${i + 1}」を追加しました。` })
        .waitFor();
      const region = page.getByRole('region', { name: `基本施策${i + 1} ${measure.title}`, exact: true });
      // The new measure opens by itself (opened here should it not have).
      const toggle = region.getByRole('button', { name: `基本施策${i + 1} ${measure.title}`, exact: true });
      await toggle.waitFor();
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      const addRow = region.locator('summary', { hasText: '事業を追加' });
      await addRow.waitFor();
      for (const [name, department] of measure.rows) {
        const rowForm = region.getByRole('form', { name: '事業を追加' });
        if (!(await rowForm.isVisible())) await addRow.click();
        await rowForm.waitFor();
        await rowForm.getByLabel('取組項目').fill(name);
        await rowForm.getByLabel('内容').fill(`${name}を実施する。`);
        await rowForm.getByLabel('追加する担当課').selectOption({ label: department });
        await rowForm.getByRole('button', { name: '担当課を追加' }).click();
        await rowForm.getByRole('button', { name: '追加する', exact: true }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `「${name}」を追加しました。` })
          .waitFor();
        await region.getByRole('article', { name }).waitFor();
      }
    }
    await screenshot(page, 'plan-structure-new-plan');
    assert.deepEqual(await seriousA11yViolations(page), []);
    const tree = await apiGet(`/api/v1/plans/${plan.id}/tree`, token);
    assert.deepEqual(
      tree.measures.map((/** @type {any} */ m) => [m.measure.title, m.rows.length]),
      [
        ['生活習慣病の予防', 2],
        ['こころの健康づくり', 1],
      ],
    );

    const period = await apiSend('POST', `/api/v1/plans/${plan.id}/periods`, token, {
      fiscal_year: 2025,
      kind: 'full_year',
      opens_on: japanDay(),
      deadline: japanDay(30),
    });
    await apiSend('POST', `/api/v1/periods/${period.id}/open`, token);
    const reports = await apiGet(`/api/v1/periods/${period.id}/reports?per_page=100`, token);
    assert.equal(reports.total, 3, 'every row got its report');
  });

  test('健康課 sees the open reports of both plans on ホーム, by plan, and opens the new plan’s one', async () => {
    const page = await newPage();
    await login(page, 'editor01');
    await page.getByRole('heading', { name: '健康課の報告', level: 2 }).waitFor();

    // The plan being worked on (the demo plan: none chosen yet) comes first, marked as such.
    const demo = page.getByRole('region', { name: DEMO_PLAN, exact: true });
    const plan = page.getByRole('region', { name: PLAN, exact: true });
    await plan.getByRole('article').first().waitFor();
    await demo.getByRole('article').first().waitFor();
    assert.ok((await demo.getByRole('article').count()) >= 3, 'the demo plan’s rows of 健康課');
    assert.match(await demo.innerText(), /選択中の計画/);
    assert.deepEqual(
      await page.getByRole('heading', { level: 3 }).allInnerTexts(),
      [DEMO_PLAN, PLAN],
      'one heading per plan, the chosen one first',
    );

    // The new plan: its one row of 健康課, under its period with the deadline in 和暦.
    const articles = plan.getByRole('article');
    assert.equal(await articles.count(), 1);
    assert.deepEqual(await articles.getByRole('heading').allInnerTexts(), [KENKO_ROW]);
    await plan.getByRole('heading', { name: /^令和7年度 3月末/, level: 4 }).waitFor();
    assert.match(await plan.innerText(), /締切 令和\d+年\d+月\d+日 \(\d{4}年\d+月\d+日\)/);
    await plan.getByText('締切まであと30日').waitFor();
    await screenshot(page, 'home-plans');
    assert.deepEqual(await seriousA11yViolations(page), []);

    // On a phone-sized screen the header's choice of plan stays usable and nothing runs off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.getByLabel('計画', { exact: true }).isVisible());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await screenshot(page, 'home-plans-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });

    // A report of a plan other than the chosen one opens like any other.
    await plan.getByRole('link', { name: new RegExp(`報告を書く\\s*（${KENKO_ROW}）`) }).click();
    await page.getByRole('heading', { name: KENKO_ROW, level: 1 }).waitFor();
    await page.getByLabel('取組進捗状況').waitFor();
  });

  test('switching to 健康増進計画 in the header: the table, 検索 and a reload show that plan only', async () => {
    const page = await newPage();
    await login(page, 'editor01');

    // The table of the demo plan, on one of its periods named in the address.
    await page.goto(`/table?period=${state.demoPeriodId}`);
    await page.getByRole('heading', { name: '基本施策1 地域におけるネットワークの強化' }).waitFor();

    // The switch, by keyboard: the choice alone changes nothing, 切り替える applies it.
    const switcher = page.getByLabel('計画', { exact: true });
    await switcher.focus();
    await switcher.selectOption({ label: PLAN });
    assert.equal(new URL(page.url()).searchParams.get('period'), String(state.demoPeriodId));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // Only the new plan's 3 rows, on its own period; the demo plan's period left the address.
    await waitForRowCount(page, 3);
    await page.getByRole('heading', { name: '基本施策1 生活習慣病の予防' }).waitFor();
    assert.equal(await page.getByText('あきる野市自殺対策推進協議会').count(), 0);
    assert.equal(new URL(page.url()).searchParams.get('period'), null);
    assert.equal(
      await page.getByLabel('報告期間', { exact: true }).locator('option:checked').innerText(),
      '令和7年度 3月末（年間）・受付中',
    );
    assert.equal(await page.getByLabel('報告期間', { exact: true }).locator('option').count(), 1);
    await screenshot(page, 'table-plan-switched');
    assert.deepEqual(await seriousA11yViolations(page), []);

    // The server keeps the choice: a reload (and another device) opens the same plan.
    await page.reload();
    await waitForRowCount(page, 3);
    assert.equal(await page.getByLabel('計画', { exact: true }).inputValue(), String(state.planId));

    // 検索 looks in the chosen plan only: 相談 is in many rows of the demo plan, in one of this plan.
    await page.getByRole('link', { name: '検索', exact: true }).click();
    await page.getByLabel('探す言葉').fill('相談');
    await page.getByRole('button', { name: '検索する' }).click();
    await page.getByRole('heading', { name: /「相談」を含む事業 1件/ }).waitFor();
    assert.deepEqual(await page.getByRole('article').getByRole('heading').allInnerTexts(), [SEARCHED_ROW]);
  });

  test('the secretariat’s ダッシュボード on 健康増進計画 shows that plan’s period only', async () => {
    // This file's own admin, already on 健康増進計画 since it built the plan's structure.
    const page = await newPage();
    await login(page, ...(await ownAdmin()));
    await page.getByRole('link', { name: 'ダッシュボード', exact: true }).click();
    const summary = page.getByRole('region', { name: '全体の状況' });
    await summary.getByText('締切まであと30日').waitFor();
    const periods = page.getByLabel('報告期間', { exact: true }).locator('option');
    assert.deepEqual(await periods.allInnerTexts(), ['令和7年度 3月末（年間）・受付中']);
    assert.match(await summary.innerText(), /事業数\s+3件/);
    await page.getByRole('heading', { name: '施策ごとの実施状況' }).waitFor();
    assert.ok((await page.getByText('基本施策1 生活習慣病の予防').count()) >= 1);
    assert.equal(await page.getByText('地域におけるネットワークの強化').count(), 0);
    await screenshot(page, 'dashboard-plan');
  });
});

after(async () => {
  // editor01 goes back to the demo plan, as the other files expect of the demo data.
  if (!state.demoPlanId) return;
  const token = await apiToken('editor01');
  await apiSend('PUT', '/api/v1/me/plan', token, { plan_id: state.demoPlanId });
});
