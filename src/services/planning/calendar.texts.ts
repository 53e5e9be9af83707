import type { DocumentLang } from './documents/i18n/strings.js';

/**
 * The fixed words of an exercise's calendar feed, per language. The exercise's own data (its name,
 * city, venues, roads, marking) goes in as entered; the type and zone kinds are named by the
 * documents' terms (documents/i18n).
 */
export interface CalendarTexts {
  /** The exercise's event: "Exercise: …". */
  summary: (name: string) => string;
  /** The first line of its description: what kind of exercise, where, and that it is one. */
  about: (type: string, city: string | null) => string;
  venues: (list: string) => string;
  handling: (marking: string) => string;
  /** The description of a zone's or road closure's own event. */
  partOf: (name: string) => string;
}

const en: CalendarTexts = {
  summary: (name) => `Exercise: ${name}`,
  about: (type, city) => `${type} exercise${city ? ` in ${city}` : ''} — this is an exercise.`,
  venues: (list) => `Venues: ${list}`,
  handling: (marking) => `Handling: ${marking}`,
  partOf: (name) => `Part of the exercise "${name}".`,
};

const kk: CalendarTexts = {
  summary: (name) => `Оқу-жаттығу: ${name}`,
  about: (type, city) =>
    `Түрі: ${type}${city ? `; қала: ${city}` : ''}. Бұл — оқу-жаттығу, нақты оқиға емес.`,
  venues: (list) => `Нысандар: ${list}`,
  handling: (marking) => `Құжат белгісі: ${marking}`,
  partOf: (name) => `«${name}» оқу-жаттығуының бөлігі.`,
};

const ru: CalendarTexts = {
  summary: (name) => `Учения: ${name}`,
  about: (type, city) =>
    `Вид: ${type}${city ? `; город: ${city}` : ''}. Это учения, а не реальное происшествие.`,
  venues: (list) => `Объекты: ${list}`,
  handling: (marking) => `Гриф: ${marking}`,
  partOf: (name) => `Часть учений «${name}».`,
};

export const CALENDAR_TEXTS: Readonly<Record<DocumentLang, CalendarTexts>> = { kk, ru, en };
