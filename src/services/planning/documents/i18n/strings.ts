import { en } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';

/** The languages a document can be written in: the console's locales. */
export const DOCUMENT_LANGS = ['kk', 'ru', 'en'] as const;
export type DocumentLang = (typeof DOCUMENT_LANGS)[number];

/**
 * Every fixed word of the generated documents, one module per language. The exercise's own data
 * (names, narrative, objectives, notes) is printed as entered; only these strings and the names
 * of fixed choices (exercise types, roles, venue kinds…) are translated.
 */
export interface DocumentStrings {
  /** Document kinds, audiences and subtitles. */
  explan: { kind: string; subtitle: string; audience: string };
  sitman: { kind: string; subtitle: string; audience: string };
  handbook: { kind: string; subtitle: string; audience: string };
  /** The marking printed when the exercise sets none. */
  defaultMarking: string;
  /** The product's name as the file's author ("Дабыл"). */
  product: string;
  page: string;
  of: string;
  overview: {
    heading: string;
    exercise: string;
    type: string;
    startex: string;
    endex: string;
    city: string;
    threat: string;
    sponsor: string;
    leadOrganisation: string;
    pointOfContact: string;
  };
  scope: { heading: string; text: (type: string) => string };
  objectives: {
    heading: string;
    none: string;
    objective: (n: number) => string;
    criticalTask: (text: string) => string;
  };
  participants: {
    heading: string;
    organisation: string;
    extentOfPlay: string;
    notes: string;
    none: string;
    teams: string;
    team: string;
  };
  schedule: {
    heading: string;
    when: string;
    what: string;
    startex: string;
    endex: string;
    roadClosed: (road: string) => string;
    allTimes: (zone: string) => string;
  };
  venues: {
    heading: string;
    venue: string;
    kind: string;
    address: string;
    position: string;
    none: string;
    zone: string;
    road: string;
    notes: string;
  };
  safety: {
    heading: string;
    notice: string;
    rules: string[];
    controller: string;
    contact: string;
    atBriefing: string;
  };
  rules: { heading: string; notice: string; items: string[] };
  modules: {
    heading: string;
    none: string;
    module: (n: number, title: string) => string;
    questions: string;
  };
  staff: { heading: string; name: string; role: string; team: string; contact: string; none: string };
  scenario: { heading: string; none: string };
  msel: {
    heading: string;
    none: string;
    approval: (status: string, zone: string) => string;
    header: [string, string, string, string, string, string, string, string, string, string];
    contingency: string;
    allPlayers: string;
  };
  /** Names of fixed choices; a value missing here is printed as stored. */
  terms: Record<string, string>;
}

const STRINGS: Record<DocumentLang, DocumentStrings> = { kk, ru, en };

export const isDocumentLang = (v: string): v is DocumentLang =>
  (DOCUMENT_LANGS as readonly string[]).includes(v);

export const stringsFor = (lang: DocumentLang): DocumentStrings => STRINGS[lang];

/** The name of a fixed choice (exercise type, role, venue kind…) in the document's language. */
export const term = (s: DocumentStrings, value: string): string => s.terms[value] ?? value;
