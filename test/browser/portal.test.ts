import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicNotice } from '../../src/core/notice/notice.js';
import { buildNotice, storePublished } from '../portal/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectAccessible, expectNoPageProblems, launchBrowser, newPage, screenshot } from './support.js';

const LANGS = ['kk', 'ru', 'en'] as const;
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** Notices around the moment the test runs: one under way, one tomorrow in Russian only, one cancelled. */
function notices(): PublicNotice[] {
  return [
    buildNotice({
      id: 'b-now',
      slug: 'expo-drill',
      snapshot: { startsAt: hours(-1), endsAt: hours(4) } as PublicNotice['snapshot'],
    }),
    buildNotice({
      id: 'b-next',
      slug: 'karaganda-school',
      langs: ['ru'],
      snapshot: {
        city: 'Karaganda',
        startsAt: hours(20),
        endsAt: hours(26),
        areas: [],
      } as unknown as PublicNotice['snapshot'],
    }),
    buildNotice({
      id: 'b-cancel',
      slug: 'pavlodar-plant',
      kind: 'Cancel',
      snapshot: {
        city: 'Pavlodar',
        startsAt: hours(30),
        endsAt: hours(34),
        areas: [],
      } as unknown as PublicNotice['snapshot'],
    }),
  ];
}

describe('public site in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  const pages: { name: string; path: string }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ demo: false });
    for (const n of notices()) await storePublished(server.server.runtime.ctx, n);
    browser = await launchBrowser();
    for (const lang of LANGS) {
      pages.push({ name: `home-${lang}`, path: `/${lang}/` });
      pages.push({ name: `notice-${lang}`, path: `/${lang}/notices/expo-drill` });
      pages.push({ name: `notice-missing-${lang}`, path: `/${lang}/notices/karaganda-school` });
      pages.push({ name: `notice-cancelled-${lang}`, path: `/${lang}/notices/pavlodar-plant` });
      // Pages others build on the same layout, checked once they exist.
      for (const other of ['comment-policy', 'subscribe']) {
        const res = await fetch(`${server.url}/${lang}/${other}`);
        if (res.status === 200) pages.push({ name: `${other}-${lang}`, path: `/${lang}/${other}` });
      }
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has no serious or critical axe violation on any public page, in every language', async () => {
    const page = await newPage(browser);
    for (const p of pages) {
      await page.goto(server.url + p.path);
      await expectAccessible(page, p.name);
    }
    expectNoPageProblems(page);
  }, 120_000);

  it('fits a 320-px-wide phone without sideways scrolling', async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const p of pages) {
      await page.goto(server.url + p.path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, p.name).toBeLessThanOrEqual(0);
    }
    await page.goto(`${server.url}/ru/notices/expo-drill`);
    await screenshot(page, 'portal-notice-ru-320');
    await page.goto(`${server.url}/ru/`);
    // The phone's own drawing of the map: its names and numbers keep a readable size on screen.
    expect(await page.locator('figure.map svg.map-narrow').isVisible()).toBe(true);
    const smallest = await page.evaluate(() =>
      Math.min(
        ...Array.from(
          document.querySelectorAll('figure.map svg.map-narrow text'),
          (t) => t.getBoundingClientRect().height,
        ),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(11);
    await screenshot(page, 'portal-home-ru-320');
  }, 120_000);

  it('shows keyboard focus and lets a reader skip to the content', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/en/notices/expo-drill`);
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip');
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(next.tag).toBe('A');
    expect(next.outline).not.toBe('none');
  });

  it('sends a notice page in under 60 KB: HTML, CSS and scripts, no tiles', async () => {
    const page = await newPage(browser);
    let bytes = 0;
    const done: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      done.push(
        request.sizes().then((s) => {
          bytes += s.responseBodySize + s.responseHeadersSize;
        }),
      );
    });
    await page.goto(`${server.url}/ru/notices/expo-drill`, { waitUntil: 'networkidle' });
    await Promise.all(done);
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(60 * 1024);
    await screenshot(page, 'portal-notice-ru');
  });

  it('reads a notice with JavaScript off, the map drawn on the server', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
    const page: Page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(page.url()).toBe(`${server.url}/ru/`);
    await screenshot(page, 'portal-home-ru');
    await page.getByRole('link', { name: 'Учения у EXPO' }).first().click();
    await expect.poll(() => page.url()).toBe(`${server.url}/ru/notices/expo-drill`);
    // One drawing shows at a time: the wide one here, the narrow one on a phone.
    await expect.poll(() => page.locator('figure.map svg[role="img"]:visible').count()).toBe(1);
    expect(await page.locator('figure.map svg.map-wide').isVisible()).toBe(true);
    expect(await page.getByText('Mangilik El avenue').count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/en/notices/karaganda-school`);
    expect(await page.getByText('This notice has not been published in English.').count()).toBe(1);
    await page.goto(`${server.url}/en/notices/pavlodar-plant`);
    expect(await page.getByText('This drill has been cancelled').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'portal-notice-cancelled-en-print');
    await context.close();
  });

  it('sorts the notices by distance from the reader, who is never asked to send it anywhere', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      geolocation: { latitude: 49.8, longitude: 73.1 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' || r.url().includes('49.8')) sent.push(r.url());
    });
    await page.goto(`${server.url}/en/`);
    await page.getByRole('button', { name: 'Sort by distance from me' }).click();
    await expect
      .poll(() => page.locator('#near-me-status').textContent())
      .toBe('Sorted by distance from you.');
    expect(await page.locator('.card .distance:not([hidden])').count()).toBeGreaterThan(0);
    expect(sent).toEqual([]);
    await context.close();
  });
});
