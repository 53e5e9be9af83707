import { describe, expect, it } from 'vitest';
import commentsEn from './comments/en.json';
import commentsKk from './comments/kk.json';
import commentsRu from './comments/ru.json';
import conductEn from './conduct/en.json';
import conductKk from './conduct/kk.json';
import conductRu from './conduct/ru.json';
import liveEn from './live/en.json';
import liveKk from './live/kk.json';
import liveRu from './live/ru.json';
import en from './en.json';
import kk from './kk.json';
import ru from './ru.json';
import planningEn from './planning/en.json';
import planningKk from './planning/kk.json';
import planningRu from './planning/ru.json';
import mapEn from './map/en.json';
import mapKk from './map/kk.json';
import mapRu from './map/ru.json';
import sharingEn from './sharing/en.json';
import sharingKk from './sharing/kk.json';
import sharingRu from './sharing/ru.json';
import importsEn from './imports/en.json';
import importsKk from './imports/kk.json';
import importsRu from './imports/ru.json';
import noticesEn from './notices/en.json';
import noticesKk from './notices/kk.json';
import noticesRu from './notices/ru.json';
import outboxEn from './outbox/en.json';
import outboxKk from './outbox/kk.json';
import outboxRu from './outbox/ru.json';
import fanoutsEn from './fanouts/en.json';
import fanoutsKk from './fanouts/kk.json';
import fanoutsRu from './fanouts/ru.json';

type Tree = { [key: string]: string | Tree };
// Each feature's strings live in their own folder and are merged at the top level, as i18n.ts does.
const RESOURCES: Record<string, Tree> = {
  en: { ...en, ...mapEn, ...planningEn, ...importsEn, ...sharingEn, ...noticesEn },
  kk: { ...kk, ...mapKk, ...planningKk, ...importsKk, ...sharingKk, ...noticesKk },
  ru: { ...ru, ...mapRu, ...planningRu, ...importsRu, ...sharingRu, ...noticesRu },
};
Object.assign(RESOURCES.en!, commentsEn);
Object.assign(RESOURCES.kk!, commentsKk);
Object.assign(RESOURCES.ru!, commentsRu);
for (const [lang, bundles] of [
  ['en', [outboxEn, fanoutsEn, conductEn]],
  ['kk', [outboxKk, fanoutsKk, conductKk]],
  ['ru', [outboxRu, fanoutsRu, conductRu]],
] as const)
  for (const bundle of bundles) Object.assign(RESOURCES[lang]!, bundle);
Object.assign(RESOURCES.en!, liveEn);
Object.assign(RESOURCES.kk!, liveKk);
Object.assign(RESOURCES.ru!, liveRu);
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

const english = flatten(RESOURCES.en ?? {});
const englishBases = new Set([...english.keys()].map(baseKey));

describe.each(Object.keys(RESOURCES))('the %s strings', (lng) => {
  const strings = flatten(RESOURCES[lng] ?? {});
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
