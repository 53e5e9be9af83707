import { describe, expect, it } from 'vitest';
import { COLLISIONS, RESOURCES, type Tree } from './resources';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

/** Plural forms differ by language (ru has few/many, en does not), so keys compare by their base. */
const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, '');

const variables = (text: string): string[] =>
  [...text.matchAll(/{{\s*([\w.]+)\s*(?:,[^}]*)?}}/g)].map((m) => m[1] ?? '').sort();

const english = flatten(RESOURCES.en);
const englishBases = new Set([...english.keys()].map(baseKey));

describe('the strings files', () => {
  it('are all found, in every language', () => {
    for (const lng of ['en', 'kk', 'ru'] as const)
      expect(Object.keys(RESOURCES[lng]).length, lng).toBeGreaterThan(20);
  });

  it('never define the same key twice, so no string hides another', () => {
    expect(COLLISIONS).toEqual([]);
  });
});

describe.each(Object.keys(RESOURCES))('the %s strings', (lng) => {
  const strings = flatten(RESOURCES[lng as keyof typeof RESOURCES]);
  const bases = new Set([...strings.keys()].map(baseKey));

  it('have every key the English strings have, and no others', () => {
    expect(
      [...englishBases].filter((k) => !bases.has(k)),
      'missing',
    ).toEqual([]);
    expect(
      [...bases].filter((k) => !englishBases.has(k)),
      'unknown',
    ).toEqual([]);
  });

  it('are all non-empty text', () => {
    const bad = [...strings].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('use the same interpolation variables as English', () => {
    const differing = [...strings]
      .filter(([k]) => english.has(k) || english.has(`${baseKey(k)}_other`))
      .filter(([k, v]) => {
        const source = english.get(k) ?? english.get(`${baseKey(k)}_other`);
        return variables(String(v)).join() !== variables(String(source)).join();
      })
      .map(([k]) => k);
    expect(differing).toEqual([]);
  });

  it('give every plural key each form the language needs', () => {
    const needed = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
    const pluralBases = new Set([...strings.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map(baseKey));
    const missing = [...pluralBases].flatMap((base) =>
      needed.filter((form) => !strings.has(`${base}_${form}`)).map((form) => `${base}_${form}`),
    );
    expect(missing).toEqual([]);
  });
});
