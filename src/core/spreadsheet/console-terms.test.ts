import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields.js';
import { fieldForLabel } from './header.js';
import { normaliseLabel } from './labels.js';
import {
  DELIVERY_METHOD_WORDS,
  EVENT_KIND_WORDS,
  EXERCISE_ROLE_WORDS,
  readableWords,
  VENUE_KIND_WORDS,
} from './words.js';
import type { ValueWords } from './value-words.js';

/**
 * A planner who copies the console's own words into a sheet's header row gets the columns mapped
 * without a hand-made mapping: every label the console shows for an MSEL field, in Kazakh, Russian
 * and English, names that field.
 */

type Tree = { [key: string]: string | Tree };
const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../web/src/i18n/${file}`, import.meta.url), 'utf8')) as Tree;
const at = (tree: Tree, path: string[]) => path.reduce<Tree>((t, k) => t[k] as Tree, tree);

/** The grid's and the event form's names (planning.msel.fields) against the sheet's fields. */
const EVENT_FIELD: Record<string, string> = {
  number: 'number',
  kind: 'kind',
  offsetMinutes: 'offset',
  scenarioTime: 'scenarioTime',
  from: 'from',
  toTeamIds: 'to',
  toText: 'toText',
  method: 'method',
  title: 'title',
  content: 'content',
  expectedAction: 'expectedAction',
  objectiveIds: 'objectives',
  criticalTaskIds: 'criticalTasks',
  responsibleControllerId: 'controller',
  contingency: 'contingency',
  controllerNotes: 'notes',
};

describe.each(['kk', 'ru', 'en'])('console terms in %s as column headers', (lang) => {
  const imports = at(read(`imports/${lang}.json`), ['imports', 'field', 'msel']);
  const event = at(read(`planning/${lang}.json`), ['planning', 'msel', 'fields']);
  const cases = [
    ...Object.entries(imports).map(([field, label]) => [String(label), field] as const),
    // "Branching" names a change on a re-import; in a sheet it spans four columns of its own.
    ...Object.entries(event)
      .filter(([key]) => key !== 'branching')
      .map(([key, label]) => [String(label), EVENT_FIELD[key]!] as const),
  ];
  it.each(cases)('"%s" → %s', (label, field) => {
    expect(fieldForLabel(label, FIELDS.msel)?.key).toBe(field);
    expect(fieldForLabel(label.toUpperCase(), FIELDS.msel)?.key).toBe(field);
  });
});

describe.each(['kk', 'ru', 'en'])('participants and venues headers in %s', (lang) => {
  const imports = at(read(`imports/${lang}.json`), ['imports', 'field']);
  const cases = (['participants', 'venues'] as const).flatMap((kind) =>
    Object.entries(at(imports, [kind])).map(([field, label]) => [kind, String(label), field] as const),
  );
  it.each(cases)('%s: "%s" → %s', (kind, label, field) => {
    expect(fieldForLabel(label, FIELDS[kind])?.key).toBe(field);
  });
});

/*
 * A sheet's coded values (a kind, a method, a role, a venue kind) are written by an export in the
 * console's own words, and read back from them: a Kazakh planner who types "Бақылаушы" means the
 * controller, as the console says, never the observer ("Байқаушы").
 */
describe.each(['kk', 'ru'] as const)('console words for coded values in %s', (lang) => {
  const planning = at(read(`planning/${lang}.json`), ['planning']);
  const tables: [string, Readonly<Record<string, ValueWords>>][] = [
    ['eventKinds', EVENT_KIND_WORDS],
    ['methods', DELIVERY_METHOD_WORDS],
    ['exerciseRoles', EXERCISE_ROLE_WORDS],
    ['venueKinds', VENUE_KIND_WORDS],
  ];
  it.each(tables)('%s: the export writes the console word, and the import reads it back', (key, table) => {
    const console = at(planning, [key]);
    const words = readableWords(table);
    expect(Object.keys(table).sort()).toEqual(Object.keys(console).sort());
    for (const [code, word] of Object.entries(console)) {
      expect(table[code]![lang], code).toBe(word);
      expect(words[normaliseLabel(String(word))], String(word)).toBe(code);
    }
  });
  it.each(tables)('%s: no word reads as two values', (_key, table) => {
    const seen = new Map<string, string>();
    for (const [code, w] of Object.entries(table))
      for (const word of [w.kk, w.ru, ...w.also]) {
        const other = seen.get(normaliseLabel(word));
        expect(other === undefined || other === code, `"${word}" reads as both ${other} and ${code}`).toBe(
          true,
        );
        seen.set(normaliseLabel(word), code);
      }
  });
});
