import { LOCALES } from '../../contract/enums.js';
import { formatOffset } from '../msel/time.js';
import type { FieldSpec, SheetKind } from './fields.js';
import { normaliseLabel } from './labels.js';
import type { ValueWords } from './value-words.js';

export {
  DELIVERY_METHOD_WORDS,
  EVENT_KIND_WORDS,
  EXERCISE_ROLE_WORDS,
  VENUE_KIND_WORDS,
} from './value-words.js';

/**
 * The words a sheet is written in, per language, and the ones the import reads back. An export
 * writes the console's own word for a kind or a method ("Вводная", "Қосымшада"); the import
 * reads those, the English codes and the other spellings planners use. One table serves both, so
 * a sheet exported in any language imports back unchanged.
 */

export const SHEET_LANGUAGES = LOCALES;
export type SheetLanguage = (typeof SHEET_LANGUAGES)[number];

/** A user's console language as a sheet language; English for anything else. */
export const sheetLanguageOf = (locale: string | null | undefined): SheetLanguage =>
  (SHEET_LANGUAGES as readonly string[]).includes(locale ?? '') ? (locale as SheetLanguage) : 'en';

/** Normalised word → value, for the import. */
export function readableWords<T extends string>(table: Readonly<Record<T, ValueWords>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [value, w] of Object.entries(table) as [T, ValueWords][])
    for (const word of [w.kk, w.ru, ...w.also]) out[normaliseLabel(word)] = value;
  return out;
}

/** The word an export writes for `value`: the code itself in English. */
export const valueWord = <T extends string>(
  table: Readonly<Record<T, ValueWords>>,
  value: T,
  lang: SheetLanguage,
): string => (lang === 'en' ? value : table[value][lang]);

/** Yes and no as an export writes them; the import's readBoolean reads each. */
export const YES_NO: Readonly<Record<SheetLanguage, readonly [yes: string, no: string]>> = {
  en: ['yes', 'no'],
  ru: ['да', 'нет'],
  kk: ['иә', 'жоқ'],
};

/** A column's header in the export's language. */
export const headerLabel = (field: FieldSpec, lang: SheetLanguage): string =>
  lang === 'en' ? field.label : field.labels[lang];

/** The worksheet's name; the import finds the table by its header, whatever the sheet is called. */
export const SHEET_NAMES: Readonly<Record<SheetKind, Readonly<Record<SheetLanguage, string>>>> = {
  msel: { en: 'MSEL', ru: 'Перечень вводных', kk: 'Кіріспелер жоспары' },
  participants: { en: 'Participants', ru: 'Участники', kk: 'Қатысушылар' },
  venues: { en: 'Venues', ru: 'Объекты', kk: 'Нысандар' },
};

/** H+02:30, Ч+02:30 (час), С+02:30 (сағат): the letters the import reads as an offset. */
export const sheetOffset = (minutes: number, lang: SheetLanguage): string =>
  formatOffset(minutes).replace(/^H/, { en: 'H', ru: 'Ч', kk: 'С' }[lang]);

/**
 * A local "YYYY-MM-DD HH:MM" as the language writes dates: 25.10.2026 09:30 in Kazakh and Russian.
 */
export const sheetLocalTime = (iso: string, lang: SheetLanguage): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(iso);
  return lang === 'en' || !m ? iso : `${m[3]}.${m[2]}.${m[1]} ${m[4]}`;
};
