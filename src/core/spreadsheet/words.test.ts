import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DELIVERY_METHODS, EVENT_KINDS } from '../msel/msel.js';
import { FIELDS, SHEET_KINDS } from './fields.js';
import { fieldForLabel } from './header.js';
import { normaliseLabel } from './labels.js';
import { readBoolean, readTime } from './values.js';
import {
  DELIVERY_METHOD_WORDS,
  EVENT_KIND_WORDS,
  headerLabel,
  readableWords,
  SHEET_LANGUAGES,
  sheetLanguageOf,
  sheetLocalTime,
  sheetOffset,
  valueWord,
  YES_NO,
} from './words.js';

/**
 * What an export writes in Kazakh, Russian or English is what the import reads: each header is one
 * of its field's own synonyms (not a near miss that happens to contain one), each value word reads
 * back as its value.
 */

describe.each(SHEET_KINDS)('%s headers', (kind) => {
  const cases = FIELDS[kind].flatMap((f) => SHEET_LANGUAGES.map((lang) => [lang, f.key] as const));
  it.each(cases)('%s header of %s is an exact synonym of it and of nothing else', (lang, key) => {
    const field = FIELDS[kind].find((f) => f.key === key)!;
    const label = headerLabel(field, lang);
    const norm = normaliseLabel(label);
    const known = [field.label, ...field.synonyms].map(normaliseLabel);
    expect(known).toContain(norm);
    for (const other of FIELDS[kind])
      if (other !== field) expect([other.label, ...other.synonyms].map(normaliseLabel)).not.toContain(norm);
    expect(fieldForLabel(label, FIELDS[kind])?.key).toBe(key);
    expect(fieldForLabel(label.toUpperCase(), FIELDS[kind])?.key).toBe(key);
  });
});

describe.each(SHEET_LANGUAGES)('values written in %s', (lang) => {
  const ctx = {
    zone: 'Asia/Almaty',
    startex: new Date('2026-10-25T09:00:00+05:00'),
    startDay: { year: 2026, month: 10, day: 25 },
  };
  it('reads every kind and method back', () => {
    const kinds = readableWords(EVENT_KIND_WORDS);
    const methods = readableWords(DELIVERY_METHOD_WORDS);
    for (const k of EVENT_KINDS) {
      const word = valueWord(EVENT_KIND_WORDS, k, lang);
      expect(lang === 'en' ? word : kinds[normaliseLabel(word)]).toBe(k);
    }
    for (const m of DELIVERY_METHODS) {
      const word = valueWord(DELIVERY_METHOD_WORDS, m, lang);
      expect(lang === 'en' || word.toLowerCase() === m ? m : methods[normaliseLabel(word)]).toBe(m);
    }
  });
  it('reads yes, no, offsets and local times back', () => {
    expect(readBoolean(YES_NO[lang][0])).toBe(true);
    expect(readBoolean(YES_NO[lang][1])).toBe(false);
    for (const minutes of [0, 150, -10, 1500])
      expect(readTime(sheetOffset(minutes, lang), ctx)).toEqual({ minutes });
    expect(readTime(sheetLocalTime('2026-10-25 11:30', lang), ctx)).toEqual({ minutes: 150 });
  });
});

type Tree = { [key: string]: string | Tree };
const consoleWords = (lang: string) =>
  (
    JSON.parse(
      readFileSync(new URL(`../../../web/src/i18n/planning/${lang}.json`, import.meta.url), 'utf8'),
    ) as {
      planning: { eventKinds: Tree; methods: Tree };
    }
  ).planning;

describe.each(['kk', 'ru'] as const)('the %s sheet speaks as the console does', (lang) => {
  it('names kinds and methods with the console words', () => {
    const words = consoleWords(lang);
    for (const k of EVENT_KINDS) expect(EVENT_KIND_WORDS[k][lang]).toBe(words.eventKinds[k]);
    for (const m of DELIVERY_METHODS) expect(DELIVERY_METHOD_WORDS[m][lang]).toBe(words.methods[m]);
  });
});

it('takes the console language, else English', () => {
  expect(sheetLanguageOf('kk')).toBe('kk');
  expect(sheetLanguageOf('ru')).toBe('ru');
  expect(sheetLanguageOf('de')).toBe('en');
  expect(sheetLanguageOf(undefined)).toBe('en');
});
