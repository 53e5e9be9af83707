/**
 * Shared pieces of the browser tests: a console build that is never stale, Debian's Chromium,
 * signing in, axe checks and screenshots a person can look at afterwards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BUILT = path.join(ROOT, 'dist/web/index.html');
const LOCK = path.join(ROOT, 'dist/.console-build.lock');
const SCREENSHOTS = path.join(ROOT, 'screenshots');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

const isStale = (): boolean =>
  !existsSync(BUILT) || statSync(BUILT).mtimeMs < newestChange(path.join(ROOT, 'web'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the console when dist/web is missing or older than web/. Test files run in parallel, so a
 * lock directory (mkdir is atomic) lets one build while the others wait for it.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (!isStale()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than any sane build was left by a killed run.
      if (waited > 120_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (isStale()) {
      execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const problems = new WeakMap<Page, string[]>();

/**
 * A fresh page with its own cookies and storage, in English unless the test picks a language. Script errors and CSP refusals are collected so a
 * test can assert there were none; failed requests are not, as a refused screen is expected to log one.
 */
export async function newPage(browser: Browser, { csp = false, serviceWorkers = false } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    // Service workers (the console's offline keeper, the public site's push worker) run only in
    // the tests of them, so every other test sees the network as the page asks it.
    serviceWorkers: serviceWorkers ? 'allow' : 'block',
    // axe is injected as a script tag, which the server's CSP rightly refuses; the test that
    // proves the console runs under that CSP asks for it to be enforced.
    bypassCSP: !csp,
  });
  const page = await context.newPage();
  // Fail on the missing element, with its name, before the test's own timeout; long enough for a
  // first page load on a shared machine under the whole suite's load (10 s was not, twice).
  page.setDefaultTimeout(30_000);
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('pageerror', (err) => seen.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) seen.push(msg.text());
  });
  return page;
}

/** What went wrong on the page so far (script errors, CSP refusals), for a test that expects some. */
export const pageProblems = (page: Page): string[] => [...(problems.get(page) ?? [])];

export function expectNoPageProblems(page: Page): void {
  expect(problems.get(page) ?? []).toEqual([]);
}

/**
 * Signs in through the form. The language is picked on the sign-in page first, so the console keeps
 * it instead of switching to the user's saved language, and the test knows what text to expect.
 * Fields are found by name so the helper works whatever language the page is in.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  language = 'English',
) {
  await page.goto(`${baseUrl}/console/`);
  await page.getByRole('button', { name: language }).click();
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** The whole page to screenshots/<name>.png, or only `part` of it (one panel of a long page). */
export async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await (part ? part.screenshot({ path: file }) : page.screenshot({ path: file, fullPage: true }));
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page and fails on any serious or critical violation, naming the elements. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // A menu that was just used closes with a transition and leaves the page when it has; audited
  // meanwhile, its half-gone items fail axe. Wait for it to go; a menu a test left open on purpose
  // is still there after the wait and is audited as it is.
  await page
    .waitForFunction(() => document.querySelector('[role="menu"]') === null, undefined, { timeout: 5_000 })
    .catch(() => undefined);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate<Violation[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      })),
    )
  `);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking, `axe on ${screen}`).toEqual([]);
}
