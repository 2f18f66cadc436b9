// @ts-check
// Shared set-up of the end-to-end tests: the system's Chromium driven by playwright-core (no browser download),
// logins, accessibility checks with axe-core and screenshots.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** @typedef {import('playwright-core').Page} Page */

export const baseUrl = process.env.E2E_BASE_URL ?? '';
if (!baseUrl) throw new Error('E2E_BASE_URL is not set; run the end-to-end tests through scripts/e2e');

export const DEMO_PASSWORD = 'shinko-demo-2025';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const resultsDir = new URL('../test-results/', import.meta.url);

// The flags keep Chromium off the network (updates, sync, QUIC probes, first-run pages): on a closed network
// those calls fail and slow every test down.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Chromium with a fresh profile directory.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, close: () => Promise<void> }>}
 */
export async function startBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'shinko-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: chromiumArgs,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 900 },
    baseURL: baseUrl,
  });
  // axe-core goes in as an init script (through the DevTools protocol): the app's Content-Security-Policy
  // (script-src 'self') rightly refuses inline scripts added to the page.
  await context.addInitScript({ content: axeSource });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Logs in through the login form and waits for the app shell.
 * @param {Page} page
 * @param {string} loginId
 * @param {string} [password]
 */
export async function login(page, loginId, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('navigation', { name: 'メインメニュー' }).waitFor();
}

/**
 * Runs axe-core in the page and returns the serious and critical violations, as "rule: target" lines.
 * @param {Page} page
 * @returns {Promise<string[]>}
 */
export async function seriousA11yViolations(page) {
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is the global that the injected script defines
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return /** @type {{ id: string, impact: string, help: string, nodes: { target: string[] }[] }[]} */ (
      result.violations
    );
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}`));
}

/**
 * Saves a full-page screenshot as test-results/NAME.png, for people to look at.
 * @param {Page} page
 * @param {string} name
 */
export async function screenshot(page, name) {
  await mkdir(resultsDir, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, resultsDir).pathname, fullPage: true });
}

/**
 * Signs in through the API (not the form) and returns the access token, for checks the screens do not show.
 * @param {string} loginId
 * @returns {Promise<string>}
 */
export async function apiToken(loginId) {
  const response = await fetch(new URL('/api/v1/sessions', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login_id: loginId, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${loginId}: ${response.status}`);
  return (await response.json()).access_token;
}

/**
 * GET an API path with a token and return the JSON body.
 * @param {string} path
 * @param {string} token
 */
export async function apiGet(path, token) {
  const response = await fetch(new URL(path, baseUrl), { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
}
