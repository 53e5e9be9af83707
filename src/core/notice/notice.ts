/**
 * A public notice about a drill: what residents will see and hear, where and when, what to do and
 * not do, in Kazakh, Russian and English. These are the shapes every layer shares; the rules that
 * act on them live beside this file.
 */

import { NOTICE_LANGUAGES, NOTICE_STATUSES } from '../../contract/enums.js';
export { NOTICE_LANGUAGES, NOTICE_STATUSES };

export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** One language's text. A language that was never written is absent, never filled from another. */
export interface NoticeText {
  title: string;
  /** One or two sentences: what is happening and that it is a drill. */
  summary: string;
  /** Sirens, armed units, smoke, helicopters, blocked streets. */
  seeAndHear: string;
  doList: string[];
  dontList: string[];
  contacts: string;
}

export type NoticeTexts = Partial<Record<NoticeLanguage, NoticeText>>;

export type AreaGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] };

/**
 * What residents read about one area or closure in one language. Written by the PIO for the public:
 * never the exercise's own zone name, which can say what players must not hear ("…for the hostage
 * convoy").
 */
export interface AreaText {
  /** "Yerubaev street near the central market". */
  name: string;
  /** For a closure, where from and to and what to use instead; for an area, what happens there. */
  description: string;
}

/** An area residents should know about or a road closure, each with its own time window. */
export interface NoticeArea {
  id: string;
  kind: 'area' | 'closure';
  /** Per language; a language without its text here cannot be published. */
  texts: Partial<Record<NoticeLanguage, AreaText>>;
  geometry: AreaGeometry;
  /** UTC ISO instants; null: the notice's own window. */
  startsAt: string | null;
  endsAt: string | null;
  /** The exercise zone its shape and times were taken from, if any. */
  zoneId: string | null;
}

/** What a publication froze: the public site, feeds and CAP are made from this alone. */
export interface NoticeSnapshot {
  id: string;
  slug: string;
  exerciseId: string | null;
  city: string | null;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  texts: NoticeTexts;
  areas: NoticeArea[];
}

/** A notice as the public site, feeds and e-mails see it: its newest revision and its history. */
export interface PublicNotice {
  id: string;
  slug: string;
  /** The newest published revision. */
  revision: number;
  kind: 'Alert' | 'Update' | 'Cancel';
  firstPublishedAt: string;
  publishedAt: string;
  capIdentifier: string;
  snapshot: NoticeSnapshot;
  /** Every publication, oldest first: what a correction changed stays visible. */
  history: {
    revision: number;
    kind: 'Alert' | 'Update' | 'Cancel';
    note: string | null;
    publishedAt: string;
  }[];
}

/** Where a notice stands for the public at a given moment. */
export type PublicState = 'upcoming' | 'now' | 'ended' | 'cancelled';
