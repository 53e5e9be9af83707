import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RESOURCES, type Tree } from './resources';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const GLOSSARY = readFileSync(path.join(ROOT, 'docs/glossary.md'), 'utf8');

type Lang = 'kk' | 'ru';

/** The table's "avoid" columns, per language: stems no string of that language may use. */
function avoided(markdown: string): Record<Lang, string[]> {
  const out: Record<Lang, string[]> = { kk: [], ru: [] };
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | en | kk | ru | avoid kk | avoid ru | why |  → cells[0] and the last are empty
    if (cells.length < 8 || cells[1] === 'English' || cells[1]?.startsWith('---')) continue;
    out.kk.push(...split(cells[4]));
    out.ru.push(...split(cells[5]));
  }
  return out;
}

const split = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

function keptInLatin(markdown: string): Set<string> {
  const section = markdown.split('## Kept in Latin letters')[1] ?? '';
  // The lists are the paragraphs of bare words; the sentences around them end in a colon.
  const lists = section
    .split('\n\n')
    .filter((p) => p.trim() !== '' && !p.includes(':') && !p.startsWith('#'))
    .join(' ');
  return new Set(lists.split(/[\s,]+/).filter(Boolean));
}

function strings(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const at = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[at, value] as [string, string]] : strings(value, at);
  });
}

/** The server's text modules kept one language to a file (documents, public pages). */
function serverTexts(lang: Lang): [string, string][] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return walk(full);
      return e.name === `${lang}.ts` ? [full] : [];
    });
  return walk(path.join(ROOT, 'src')).map((f) => [path.relative(ROOT, f), readFileSync(f, 'utf8')]);
}

/** Words in Latin letters left once placeholders, addresses, variables and markup are taken out. */
function latinWords(text: string): string[] {
  const bare = text
    .replace(/{{[^}]*}}/g, ' ')
    .replace(/https?:\/\/\S+|\S+@\S+|<[^>]+>|\bDABYL_\w+/g, ' ')
    .replace(/\$\{[^}]*\}/g, ' ');
  return [...bare.matchAll(/[A-Za-z][A-Za-z]+/g)].map((m) => m[0]);
}

const wordStarts = (text: string, stem: string): boolean =>
  new RegExp(`(^|[^\\p{L}-])${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu').test(text);

describe('the glossary', () => {
  const avoid = avoided(GLOSSARY);

  it('is read: it names words to avoid in both languages', () => {
    expect(avoid.kk).toContain('контроллер');
    expect(avoid.ru).toContain('посредник');
  });

  it.each(['kk', 'ru'] as const)('is followed by every %s console string', (lang) => {
    const found = strings(RESOURCES[lang]).flatMap(([key, text]) =>
      avoid[lang].filter((stem) => wordStarts(text, stem)).map((stem) => `${key}: "${stem}" in ${text}`),
    );
    expect(found).toEqual([]);
  });

  it.each(['kk', 'ru'] as const)('is followed by the server’s %s text modules', (lang) => {
    const files = serverTexts(lang);
    expect(files.length).toBeGreaterThan(1);
    const found = files.flatMap(([file, text]) =>
      avoid[lang].filter((stem) => wordStarts(text, stem)).map((stem) => `${file}: "${stem}"`),
    );
    expect(found).toEqual([]);
  });

  it.each(['kk', 'ru'] as const)('leaves no English in the %s console strings', (lang) => {
    const allowed = keptInLatin(GLOSSARY);
    expect(allowed.has('MSEL')).toBe(true);
    expect(allowed.has('Actual')).toBe(true);
    expect(allowed.has('values')).toBe(false);
    const found = strings(RESOURCES[lang]).flatMap(([key, text]) =>
      latinWords(text)
        .filter((w) => !allowed.has(w))
        .map((w) => `${key}: ${w}`),
    );
    expect(found).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    expect(wordStarts('Жауапты посредник', 'посредник')).toBe(true);
    expect(wordStarts('Контроллерлер тізімі', 'контроллер')).toBe(true);
    // A stem inside a longer compound is not the word: "бақылаушы-қонақ" is not "қонақ".
    expect(wordStarts('Байқаушы-қонақ', 'қонақ')).toBe(false);
    expect(latinWords('Импорт {{name}} в MSEL, see https://x.kz and Export')).toEqual([
      'MSEL',
      'see',
      'and',
      'Export',
    ]);
  });
});
