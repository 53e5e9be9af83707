import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, MESSAGE_LANGS } from './messages.js';

/*
 * The server's words for coded values a person reads outside the console (the CLI's tables, the
 * sentences that name them) are the console's own: a planner never meets two names for one thing.
 */
type Tree = { [key: string]: string | Tree };
const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../web/src/i18n/${file}`, import.meta.url), 'utf8')) as Tree;

describe.each(MESSAGE_LANGS)('value words in %s', (lang) => {
  const main = read(`${lang}.json`);
  const words = CATALOGUES[lang].words;
  it('name roles, organisation kinds, exercise types and notice statuses as the console does', () => {
    expect(words.role).toEqual(main.roles);
    expect(words.organisationKind).toEqual((main.organisations as Tree).kinds);
    expect(words.exerciseType).toEqual((read(`planning/${lang}.json`).planning as Tree).types);
    expect(words.noticeStatus).toEqual((read(`notices/${lang}.json`).notices as Tree).status);
  });
});
