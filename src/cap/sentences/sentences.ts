/**
 * The sentences the CAP reader and the feed reader speak in, in every console language. A refusal
 * or finding carries its sentence's key and values (`CapWords`), so each reader is told in their
 * own language; its `message` is the English sentence, for scripts and logs.
 */
import type { LOCALES } from '../../contract/enums.js';
import { en, type CapSentenceKey } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';

export type { CapSentenceKey } from './en.js';
export type CapSentences = Readonly<Record<CapSentenceKey, string>>;

type Lang = (typeof LOCALES)[number];

/** A value the sentence names: as written (element names, sizes), or in each language (a region's name). */
export type CapWordValue = string | number | Readonly<Record<Lang, string>>;

/** A sentence's key and the values it names (element names, sizes, line numbers). */
export interface CapWords {
  key: CapSentenceKey;
  params?: Readonly<Record<string, CapWordValue>>;
}

const BY_LANG: Readonly<Record<Lang, CapSentences>> = { en, kk, ru };

const valueIn = (lang: Lang, value: CapWordValue): string =>
  typeof value === 'object' ? value[lang] : String(value);

/** The sentence in `lang`, its `{name}` placeholders filled; a value it lacks stays as `{name}`. */
export function capSentence(lang: Lang, words: CapWords): string {
  const params = words.params ?? {};
  return BY_LANG[lang][words.key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? valueIn(lang, params[name]!) : whole,
  );
}

/**
 * The sentence in every language, as one value another sentence names: a key's label ("the trust
 * anchor …") or a whole problem inside a finding ("XML signature: …").
 */
export const inEveryLanguage = (words: CapWords): Readonly<Record<Lang, string>> => ({
  kk: capSentence('kk', words),
  ru: capSentence('ru', words),
  en: capSentence('en', words),
});

/** Values joined in each language (`separator` is punctuation, the same in all three). */
export const joinedInEveryLanguage = (
  values: readonly CapWordValue[],
  separator: string,
): Readonly<Record<Lang, string>> => ({
  kk: values.map((v) => valueIn('kk', v)).join(separator),
  ru: values.map((v) => valueIn('ru', v)).join(separator),
  en: values.map((v) => valueIn('en', v)).join(separator),
});

export const CAP_SENTENCES = BY_LANG;
