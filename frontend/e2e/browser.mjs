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

// The server throttles logins per client address (30 a minute by default), and every test file signs in from the
// same address at the same time: a refused attempt waits the time the server names, then tries again.
const THROTTLED = /ログインの試行が多すぎます。(\d+)秒後/;
const MAX_ATTEMPTS = 4;

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Submits the login form (already filled) with `button` and waits for `done` or an alert to show; when the server
 * throttled the attempt, waits as it asks and submits again. Any other refusal is left for the caller to see.
 * @param {Page} page
 * @param {import('playwright-core').Locator} done
 * @param {string} [button]
 */
export async function submitLogin(page, done, button = 'ログイン') {
  const alert = page.getByRole('alert');
  for (let attempt = 1; ; attempt++) {
    const earlierAlert = (await alert.count()) > 0;
    await page.getByRole('button', { name: button, exact: true }).click();
    // The form drops the earlier answer's alert once the new attempt is under way: do not read that one again.
    if (earlierAlert) await alert.waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    await done.or(alert).first().waitFor();
    const throttled = (await alert.count()) > 0 ? THROTTLED.exec(await alert.innerText()) : null;
    if (!throttled || attempt >= MAX_ATTEMPTS) return;
    await sleep(Number(throttled[1]) * 1000 + 500);
  }
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
  // The signed-in app, or (with a temporary password) only the password change, which the server requires first.
  const shell = page
    .getByRole('navigation', { name: 'メインメニュー' })
    .or(page.getByRole('heading', { name: 'パスワードの変更' }));
  await submitLogin(page, shell);
  await shell.first().waitFor();
}

/**
 * POST /api/v1/sessions, waiting out the login throttle (429 with Retry-After) like `submitLogin`.
 * @param {{ login_id: string, password: string, otp?: string }} body
 * @returns {Promise<Response>}
 */
export async function postSession(body) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(new URL('/api/v1/sessions', baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 429 || attempt >= MAX_ATTEMPTS) return response;
    await sleep(Number(response.headers.get('Retry-After') ?? 5) * 1000 + 500);
  }
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
  const response = await postSession({ login_id: loginId, password: DEMO_PASSWORD });
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

/**
 * A write to the API with a token; returns the JSON answer (null for 204).
 * @param {'POST' | 'PUT' | 'PATCH'} method
 * @param {string} path
 * @param {string} token
 * @param {unknown} [body]
 */
export async function apiSend(method, path, token, body) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** A calendar day in Japan, `days` from today, as the API writes dates (2026-03-01). @param {number} [days] */
export function japanDay(days = 0) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return format.format(new Date(Date.now() + days * 86_400_000));
}
