import { describe, expect, it } from 'vitest';
import { keptInLatin } from '../../../test/support/glossary.js';
import { CHAIN_SENTENCES, type ChainSentence } from './chain.js';
import { CHAIN_PROBLEMS } from './chain-words.js';

const KEYS = Object.keys(CHAIN_SENTENCES) as ChainSentence[];
const unique = (names: readonly string[]) => [...new Set(names)].sort();
const placeholders = (text: string) => unique([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));

describe('the audit chain’s problems in Kazakh and Russian', () => {
  it.each(['kk', 'ru'] as const)('%s names exactly the values each problem carries', (lang) => {
    const differ = KEYS.filter(
      (key) => placeholders(CHAIN_PROBLEMS[lang][key]).join() !== unique(CHAIN_SENTENCES[key]).join(),
    );
    expect(differ).toEqual([]);
  });

  it.each(['kk', 'ru'] as const)('%s leaves no English but the flag a person types', (lang) => {
    const kept = keptInLatin();
    const found = KEYS.flatMap((key) =>
      [...CHAIN_PROBLEMS[lang][key].replace(/\{\w+\}|--[a-z-]+/g, ' ').matchAll(/[A-Za-z][A-Za-z]+/g)]
        .map((m) => m[0])
        .filter((w) => !kept.has(w))
        .map((w) => `${key}: ${w}`),
    );
    expect(found).toEqual([]);
  });
});
