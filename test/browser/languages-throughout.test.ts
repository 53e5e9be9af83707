import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXERCISE_TABS } from '../../web/src/pages/exercises/tabs.js';
import { keptInLatin } from '../support/glossary.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ensureConsoleBuilt, launchBrowser, newPage, signIn } from './support.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

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

/** Latin words on a Kazakh or Russian screen that are data, not the console's own words. */
function allowedLatin(): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const m of text.matchAll(/[A-Za-z][A-Za-z_.-]+/g))
      for (const part of m[0].toLowerCase().split(/[-_.]+/)) if (part) words.add(part);
  };
  // The demo data set is written in English, as a planner might write theirs: names, places, texts.
  // Only its texts count (a literal with a capital, a space or an address's dot or @), not its codes ('police', 'public'),
  // which the console must word, nor its identifiers (a zone's 'Asia/Almaty', a topic), nor its source.
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
        for (const m of readFileSync(full, 'utf8').matchAll(/'((?:[^'\\\n]|\\.)*)'|`([^`]*)`|"([^"\n]*)"/g)) {
          const literal = m[1] ?? m[2] ?? m[3] ?? '';
          if (/[A-Z\s.@]/.test(literal) && !literal.includes('/')) add(literal);
        }
    }
  };
  walk(path.join(ROOT, 'src/services/demo'));
  // Abbreviations, formats and names kept in Latin letters in every language (docs/glossary.md).
  add([...keptInLatin()].join(' '));
  // The first administrator's own name, and the map data's attribution as its licensors require it.
  add('admin Administrator Natural Earth GeoNames CC BY');
  return words;
}

/** The Latin words of the page's main part, leaving out code shown as code (a permission's id). */
async function latinOn(page: Page, allowed: Set<string>): Promise<string[]> {
  const text = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return '';
    let all = main.innerText;
    for (const code of Array.from(main.querySelectorAll('code'))) all = all.replace(code.innerText, ' ');
    // An id shortened on screen ("demo-app…") is the start of a record's id, not a word.
    return all.replace(/\S+…/g, ' ');
  });
  return latinIn(text, allowed);
}

/** The Latin words of a text that are neither data nor kept in Latin letters. */
function latinIn(text: string, allowed: Set<string>): string[] {
  const found = [...text.matchAll(/[A-Za-z][A-Za-z_.-]+/g)].map((m) => m[0]);
  // Compared part by part, in any case: a slug or an address made from data ("…-in-pavlodar-chp-3",
  // "patrol@police.kz"), and data a style writes in capitals, are data too.
  const isData = (w: string) =>
    w
      .toLowerCase()
      .split(/[-_.]+/)
      .every((part) => part === '' || allowed.has(part) || /^[a-f0-9]+$/.test(part));
  return [...new Set(found.filter((w) => !/^DABYL_[A-Z_]+$/.test(w) && !isData(w)))];
}

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
      const leaks: string[] = [];
      for (const screen of screens) {
        await page.goto(`${server.url}/console/${screen}`);
        await page.waitForLoadState('networkidle');
        const words = await latinOn(page, allowed);
        if (words.length > 0) leaks.push(`/${screen}: ${words.join(' ')}`);
      }
      expect(leaks).toEqual([]);
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
