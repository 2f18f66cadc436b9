// @ts-check
// Autosave and Japanese input: while an IME composition is open the text area holds kana that is not converted
// yet (「そうだんけんすう」), and no save may store it as a version; once the composition is committed (「相談件数」)
// the committed text is saved. Works on 健康課's 「健康教育」 report of the open 年間 period, which no other test
// file touches.
//
// What Chromium does with the DevTools Protocol's input calls on a focused <textarea> (checked with an event log
// before this test was written):
// - Input.imeSetComposition { text: 'そうだんけんすう', selectionStart: 8, selectionEnd: 8 } fires compositionstart,
//   compositionupdate, beforeinput and input (isComposing: true); the value then holds the kana.
// - Input.insertText { text: '相談件数' } while that composition is open commits it: compositionupdate
//   ('相談件数'), beforeinput and input (isComposing: true, the value now 「…相談件数」), then compositionend
//   with data '相談件数'. So insertText alone ends the composition; no second imeSetComposition is needed.
// - Blurring the text area during a composition commits it too: compositionend comes before blur.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, apiToken, login, screenshot, startBrowser } from './browser.mjs';

const ROW = '健康教育';
const BEFORE = '前文。';
const KANA = 'そうだんけんすう';
const KANJI = '相談件数';
/** The autosave delay of the editor is 2 s: wait clearly longer. */
const LONGER_THAN_AUTOSAVE = 3500;

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every stored version's text, through the API with editor01's token.
 * @param {number} reportId
 * @param {string} token
 * @returns {Promise<{ version: number, progress: string }[]>}
 */
const versions = (reportId, token) => apiGet(`/api/v1/reports/${reportId}/versions`, token);

/**
 * Polls the versions until `done` holds for them (at most `timeout` ms).
 * @param {number} reportId
 * @param {string} token
 * @param {(v: { version: number, progress: string }[]) => boolean} done
 */
async function waitForVersions(reportId, token, done, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const list = await versions(reportId, token);
    if (done(list) || Date.now() > until) return list;
    await sleep(250);
  }
}

test('autosave waits while an IME composition is open and saves the committed text', async () => {
  // A token of editor01 (健康課), by POST /api/v1/sessions.
  const token = await apiToken('editor01');
  const periods = await apiGet('/api/v1/plans/1/periods', token);
  const open = periods.find((/** @type {any} */ p) => p.state === 'open');
  assert.ok(open, 'the demo data has an open period');
  const reports = await apiGet(`/api/v1/periods/${open.id}/reports?per_page=100`, token);
  const report = reports.items.find(
    (/** @type {any} */ r) =>
      r.row.name === ROW && r.row.departments.some((/** @type {any} */ d) => d.name === '健康課'),
  );
  assert.ok(report, `the open period has 健康課's ${ROW} report`);
  assert.equal(report.state, 'draft');

  const page = await browser.context.newPage();
  await login(page, 'editor01');
  await page.goto(`/reports/${report.id}`);
  await page.getByRole('heading', { name: ROW, level: 1 }).waitFor();
  const field = page.getByLabel('取組進捗状況');
  await field.click();
  await page.keyboard.type(BEFORE);
  await page.getByText(/保存しました \d\d:\d\d/).waitFor();
  const saved = await waitForVersions(report.id, token, (list) => list.at(-1)?.progress === BEFORE);
  assert.equal(saved.at(-1)?.progress, BEFORE, 'the text before the composition was saved');

  // An IME composition opens and stays open longer than the autosave delay.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: KANA, selectionStart: 8, selectionEnd: 8 });
  assert.equal(await field.inputValue(), BEFORE + KANA, 'the text area shows the kana being composed');
  await sleep(LONGER_THAN_AUTOSAVE);
  const during = await versions(report.id, token);
  assert.ok(
    during.every((v) => !v.progress.includes(KANA)),
    'no version holding the unconverted kana was stored while the composition was open',
  );
  assert.equal(during.length, saved.length, 'nothing was saved during the composition');
  await screenshot(page, 'report-editor-ime-composing');

  // The conversion is committed: the committed text is saved once.
  await cdp.send('Input.insertText', { text: KANJI });
  assert.equal(await field.inputValue(), BEFORE + KANJI);
  const afterCommit = await waitForVersions(report.id, token, (list) => list.at(-1)?.progress === BEFORE + KANJI);
  assert.equal(afterCommit.at(-1)?.progress, BEFORE + KANJI, 'the newest version holds the committed text');
  await page.getByText(/保存しました \d\d:\d\d/).waitFor();

  // No stored version ever held any of the kana.
  await sleep(LONGER_THAN_AUTOSAVE);
  const all = await versions(report.id, token);
  assert.ok(
    all.every((v) => !/[ぁ-ゖ]{2,}/.test(v.progress) && !v.progress.includes(KANA)),
    `no version holds kana: ${JSON.stringify(all.map((v) => v.progress))}`,
  );
  assert.equal(all.at(-1)?.progress, BEFORE + KANJI);
  await cdp.detach();
});
