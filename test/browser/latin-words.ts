/**
 * What the languages walks count as a leak: a Latin word on a Kazakh or Russian screen that is
 * neither data people wrote (the demo's own English texts) nor a word the glossary keeps in Latin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { keptInLatin } from '../support/glossary.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Latin words on a Kazakh or Russian screen that are data, not the console's own words. */
export function allowedLatin(): Set<string> {
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
export async function latinOn(page: Page, allowed: Set<string>): Promise<string[]> {
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
export function latinIn(text: string, allowed: Set<string>): string[] {
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

/**
 * Opens each console screen in turn and lists, per screen, the Latin words it shows that are not
 * allowed; `after` sees each screen once it has loaded (for a screenshot).
 */
export async function leaksOnScreens(
  page: Page,
  baseUrl: string,
  screens: readonly string[],
  allowed: Set<string>,
  after?: (screen: string) => Promise<void>,
): Promise<string[]> {
  const leaks: string[] = [];
  for (const screen of screens) {
    await page.goto(`${baseUrl}/console/${screen}`);
    await page.waitForLoadState('networkidle');
    const words = await latinOn(page, allowed);
    if (words.length > 0) leaks.push(`/${screen}: ${words.join(' ')}`);
    await after?.(screen);
  }
  return leaks;
}
