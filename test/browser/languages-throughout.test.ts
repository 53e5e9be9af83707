import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXERCISE_TABS } from '../../web/src/pages/exercises/tabs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allowedLatin, latinIn, leaksOnScreens } from './latin-words.js';
import { ensureConsoleBuilt, launchBrowser, newPage, signIn } from './support.js';

/** Every console screen an administrator reaches from the menu. */
const SCREENS = [
  '',
  'users',
  'organisations',
  'roles',
  'audit',
  'tokens',
  'comments',
  'exercises',
  'lessons',
  'catalogue',
  'notices',
  'alerts',
  'sirens',
  'feeds',
  'boundaries',
  'improvement',
  'deliveries',
];

/*
 * Every screen of the console, with the demo data, in Kazakh and in Russian: no English sentence,
 * no raw code (a status, a kind, a subject, a time zone's IANA name) where a word belongs. Data
 * people wrote is shown as written, so the demo's own English is allowed, and nothing else.
 */
describe('Kazakh and Russian throughout the console', () => {
  let server: TestServer;
  let browser: Browser;
  let allowed: Set<string>;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    allowed = allowedLatin();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['Қазақша', 'kk'],
    ['Русский', 'ru'],
  ])(
    'shows no English and no raw code on any screen in %s',
    async (language) => {
      const page = await newPage(browser);
      await signIn(page, server.url, server.admin.username, server.admin.password, language);
      await page.getByRole('navigation').waitFor();
      const list = async (api: string) =>
        page.evaluate(async (url) => {
          const res = await fetch(url, { credentials: 'include' });
          return ((await res.json()) as { items: { id: string; name?: string }[] }).items;
        }, api);
      // The full-scale exercise has the most in it: a control room, observations, findings, a report.
      const exercise = (await list('/api/v1/exercises')).find((e) => /full-scale/i.test(e.name ?? ''))!;
      const notice = (await list('/api/v1/notices'))[0]!;
      const screens = [
        ...SCREENS,
        ...EXERCISE_TABS.map((tab) => `exercises/${exercise.id}/${tab}`),
        `notices/${notice.id}`,
      ];
      expect(await leaksOnScreens(page, server.url, screens, allowed)).toEqual([]);
      await page.close();
    },
    300_000,
  );

  it.each(['kk', 'ru'])('shows residents no English on the public site in %s', async (lang) => {
    const text = async (url: string) => {
      const res = await fetch(`${server.url}${url}`);
      expect(res.status, url).toBe(200);
      return res.text();
    };
    const home = await text(`/${lang}/`);
    const pages = [
      `/${lang}/`,
      ...new Set([...home.matchAll(new RegExp(`href="(/${lang}/[^"#?]+)"`, 'g'))].map((m) => m[1]!)),
    ];
    const leaks: string[] = [];
    for (const url of pages) {
      const words = (await text(url))
        .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&[a-z]+;|&#\d+;/g, ' ');
      const found = latinIn(words, allowed);
      if (found.length > 0) leaks.push(`${url}: ${found.join(' ')}`);
    }
    expect(pages.length).toBeGreaterThan(3);
    expect(leaks).toEqual([]);
  });
});
