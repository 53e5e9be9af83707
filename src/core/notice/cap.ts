import { buildCap } from '../../cap/build.js';
import { formatCapDateTime } from '../../cap/datetime.js';
import type { CapFinding } from '../../cap/finding.js';
import type { CapAlert, CapArea, CapInfo } from '../../cap/model.js';
import { DABYL_REGION_GEOCODE } from '../../cap/validate/profiles/dabyl.js';
import { KZ_REGIONS } from '../../cap/validate/profiles/kz-regions.js';
import { validateCap } from '../../cap/validate/validate.js';
import { zoneOffsetMinutes } from '../msel/time.js';
import {
  type AreaGeometry,
  type NoticeArea,
  type NoticeLanguage,
  type NoticeSnapshot,
  type NoticeText,
} from './notice.js';
import { completeLanguages } from './validate.js';
import { areaName } from './area.js';

/*
 * A published notice as a CAP 1.2 message.
 *
 * A notice *about* a drill is real information for the public — "on Sunday there will be sirens
 * and closed streets; it is a drill" — so its status is Actual, never Exercise: Exercise is for
 * the messages exchanged inside the drill's play, which the public must never act on and which
 * aggregators drop. The text says plainly, in every language, that what residents will see is a
 * drill; urgency Future, severity Minor, certainty Likely and responseType Monitor (None for a
 * cancellation) keep alerting systems from treating it as an emergency.
 */

export const CAP_LANGUAGE_TAGS: Readonly<Record<NoticeLanguage, string>> = {
  kk: 'kk-KZ',
  ru: 'ru-RU',
  en: 'en-US',
};

/** The fixed text of each language's <info>. */
export const CAP_PHRASES: Readonly<
  Record<
    NoticeLanguage,
    {
      event: string;
      drill: string;
      where: string;
      doHeading: string;
      dontHeading: string;
      cancelled: string;
      cancelledLine: string;
      updated: string;
    }
  >
> = {
  kk: {
    event: 'Жаттығу туралы хабарландыру',
    drill: 'Бұл — жоспарлы жаттығу, нақты төтенше жағдай емес.',
    where: 'Қай жерде және қашан',
    doHeading: 'Не істеу керек:',
    dontHeading: 'Не істеуге болмайды:',
    cancelled: 'Күшін жойды',
    cancelledLine: 'Бұл хабарландыру күшін жойды: жаттығу жарияланғандай өтпейді.',
    updated: 'Хабарландыру жаңартылды',
  },
  ru: {
    event: 'Уведомление об учениях',
    drill: 'Это плановые учения, а не настоящая чрезвычайная ситуация.',
    where: 'Где и когда',
    doHeading: 'Что делать:',
    dontHeading: 'Чего не делать:',
    cancelled: 'Отменено',
    cancelledLine: 'Это уведомление отменено: учения не пройдут так, как было объявлено.',
    updated: 'Уведомление обновлено',
  },
  en: {
    event: 'Drill notice',
    drill: 'This is a planned drill, not a real emergency.',
    where: 'Where and when',
    doHeading: 'Do:',
    dontHeading: 'Do not:',
    cancelled: 'Cancelled',
    cancelledLine: 'This notice is cancelled: the drill will not take place as announced.',
    updated: 'Notice updated',
  },
};

/** Half the width of the strip a closed road becomes: the road and its pavements. */
export const CLOSURE_HALF_WIDTH_M = 30;

const M_PER_DEG_LAT = 111_320;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** A ring of [lon, lat] positions as CAP's "lat,lon lat,lon …", closed, at most 6 decimals. */
export function capPolygon(ring: readonly (readonly number[])[]): string {
  const pts = ring.map((p) => `${round6(p[1]!)},${round6(p[0]!)}`);
  if (pts.length > 0 && pts[0] !== pts[pts.length - 1]) pts.push(pts[0]!);
  return pts.join(' ');
}

/**
 * A line as the narrow strip around it: one rectangle per segment, each reaching `halfWidthM`
 * past its ends so the strips overlap at every bend. Rectangles never cross themselves, whatever
 * the line does (a U-turn, a repeated point), and CAP reads several polygons as their union.
 */
export function lineToStrips(
  line: readonly (readonly number[])[],
  halfWidthM = CLOSURE_HALF_WIDTH_M,
): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const [lon1, lat1] = line[i] as [number, number];
    const [lon2, lat2] = line[i + 1] as [number, number];
    const k = Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180) * M_PER_DEG_LAT;
    // Work in metres on a local plane; fine for a street.
    const dx = (lon2 - lon1) * k;
    const dy = (lat2 - lat1) * M_PER_DEG_LAT;
    const len = Math.hypot(dx, dy);
    if (len < 0.01) continue;
    const ux = dx / len;
    const uy = dy / len;
    const ax = -ux * halfWidthM;
    const ay = -uy * halfWidthM;
    const nx = -uy * halfWidthM;
    const ny = ux * halfWidthM;
    const at = (lon: number, lat: number, mx: number, my: number): [number, number] => [
      lon + mx / k,
      lat + my / M_PER_DEG_LAT,
    ];
    out.push(
      capPolygon([
        at(lon1, lat1, ax + nx, ay + ny),
        at(lon2, lat2, -ax + nx, -ay + ny),
        at(lon2, lat2, -ax - nx, -ay - ny),
        at(lon1, lat1, ax - nx, ay - ny),
      ]),
    );
  }
  if (out.length === 0 && line.length > 0) {
    // Every point the same: a square around it.
    const [lon, lat] = line[0] as [number, number];
    const k = Math.cos((lat * Math.PI) / 180) * M_PER_DEG_LAT;
    const dl = halfWidthM / k;
    const dp = halfWidthM / M_PER_DEG_LAT;
    out.push(
      capPolygon([
        [lon - dl, lat - dp],
        [lon + dl, lat - dp],
        [lon + dl, lat + dp],
        [lon - dl, lat + dp],
      ]),
    );
  }
  return out;
}

/** The CAP polygons of an area: outer rings of polygons, strips around lines. */
export function capPolygons(geometry: AreaGeometry): string[] {
  switch (geometry.type) {
    case 'Polygon':
      return [capPolygon(geometry.coordinates[0]!)];
    case 'MultiPolygon':
      return geometry.coordinates.map((p) => capPolygon(p[0]!));
    case 'LineString':
      return lineToStrips(geometry.coordinates);
    case 'MultiLineString':
      return geometry.coordinates.flatMap((l) => lineToStrips(l));
  }
}

/** Regional centres and other towns, by name as written in a notice, to their ISO 3166-2:KZ region. */
const TOWNS: Readonly<Record<string, string>> = {
  karaganda: 'KZ-35',
  qaraghandy: 'KZ-35',
  караганда: 'KZ-35',
  қарағанды: 'KZ-35',
  temirtau: 'KZ-35',
  pavlodar: 'KZ-55',
  павлодар: 'KZ-55',
  ekibastuz: 'KZ-55',
  kokshetau: 'KZ-11',
  кокшетау: 'KZ-11',
  көкшетау: 'KZ-11',
  baikonur: 'KZ-43',
  baykonur: 'KZ-43',
  байконур: 'KZ-43',
  байқоңыр: 'KZ-43',
  kyzylorda: 'KZ-43',
  кызылорда: 'KZ-43',
  aktobe: 'KZ-15',
  актобе: 'KZ-15',
  атырау: 'KZ-23',
  atyrau: 'KZ-23',
  oral: 'KZ-27',
  uralsk: 'KZ-27',
  уральск: 'KZ-27',
  taraz: 'KZ-31',
  тараз: 'KZ-31',
  taldykorgan: 'KZ-33',
  талдыкорган: 'KZ-33',
  kostanay: 'KZ-39',
  костанай: 'KZ-39',
  aktau: 'KZ-47',
  актау: 'KZ-47',
  petropavl: 'KZ-59',
  petropavlovsk: 'KZ-59',
  петропавловск: 'KZ-59',
  turkistan: 'KZ-61',
  туркестан: 'KZ-61',
  zhezkazgan: 'KZ-62',
  жезказган: 'KZ-62',
  oskemen: 'KZ-63',
  'ust-kamenogorsk': 'KZ-63',
  'усть-каменогорск': 'KZ-63',
  semey: 'KZ-10',
  семей: 'KZ-10',
  konaev: 'KZ-19',
  қонаев: 'KZ-19',
};

/**
 * The region a notice's city lies in, for the CAP area's geocode: "Karaganda (Қарағанды)" →
 * KZ-35, "Astana (Астана)" → KZ-71. Null when the city is not known.
 */
export function regionCodeOf(city: string | null): string | null {
  if (!city) return null;
  const words = city
    .toLowerCase()
    .split(/[\s()/,;]+/)
    .filter(Boolean);
  for (const r of KZ_REGIONS) {
    if (r.kind !== 'city') continue;
    if ([r.en, r.ru, r.kk].some((n) => words.includes(n.toLowerCase()))) return r.code;
  }
  for (const w of words) if (TOWNS[w]) return TOWNS[w];
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock parts of an instant in a zone. */
function local(at: string, zone: string): { date: string; time: string } {
  const d = new Date(at);
  const l = new Date(d.getTime() + zoneOffsetMinutes(zone, d) * 60_000);
  return {
    date: `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}`,
    time: `${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`,
  };
}

/** "2026-10-25 09:00–13:00" or "2026-10-26 09:00 – 2026-10-29 17:00", local time. */
export function localWindow(startsAt: string, endsAt: string, zone: string): string {
  const s = local(startsAt, zone);
  const e = local(endsAt, zone);
  return s.date === e.date ? `${s.date} ${s.time}–${e.time}` : `${s.date} ${s.time} – ${e.date} ${e.time}`;
}

/** "Bukhar-Zhyrau avenue (2026-10-25 08:30–13:00): closed from … to …" in the info's language. */
function areaLine(a: NoticeArea, snap: NoticeSnapshot, lang: NoticeLanguage): string {
  const window = localWindow(a.startsAt ?? snap.startsAt, a.endsAt ?? snap.endsAt, snap.timeZone);
  const description = a.texts[lang]?.description.trim();
  return `${areaName(a, lang) ?? ''} (${window})${description ? `: ${description}` : ''}`;
}

/** What a CAP message for one publication needs besides the notice itself. */
export interface NoticeCapInput {
  snapshot: NoticeSnapshot;
  kind: 'Alert' | 'Update' | 'Cancel';
  revision: number;
  identifier: string;
  sender: string;
  senderName?: string | undefined;
  sent: Date;
  /** What a correction changed, or why it was cancelled. */
  note: string | null;
  /** Every earlier revision of this notice, oldest first. */
  references: readonly { sender: string; identifier: string; sent: string }[];
  /** The public site's base URL, without a trailing slash. */
  publicUrl: string;
}

export const noticeUrl = (publicUrl: string, lang: NoticeLanguage, slug: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/${lang}/notices/${slug}`;

/** A CAP identifier for a revision: unique per install, notice and revision; no spaces or commas. */
export function capIdentifierFor(sender: string, noticeId: string, revision: number): string {
  return `${sender.replace(/[\s,<&]/g, '_')}:notice:${noticeId}:${revision}`;
}

function info(input: NoticeCapInput, lang: NoticeLanguage, text: NoticeText): CapInfo {
  const { snapshot: snap, kind } = input;
  const ph = CAP_PHRASES[lang];
  const cancel = kind === 'Cancel';
  const offset = zoneOffsetMinutes(snap.timeZone, new Date(snap.startsAt));
  const region = regionCodeOf(snap.city);
  const paragraphs = [
    cancel ? ph.cancelledLine : null,
    ph.drill,
    text.summary.trim(),
    text.seeAndHear.trim(),
    snap.areas.length > 0
      ? `${ph.where}:\n${snap.areas.map((a) => `- ${areaLine(a, snap, lang)}`).join('\n')}`
      : null,
  ].filter((p): p is string => p !== null && p !== '');
  const instruction = [
    text.doList.length > 0 ? `${ph.doHeading}\n${text.doList.map((i) => `- ${i}`).join('\n')}` : null,
    text.dontList.length > 0 ? `${ph.dontHeading}\n${text.dontList.map((i) => `- ${i}`).join('\n')}` : null,
  ]
    .filter((p): p is string => p !== null)
    .join('\n');
  const areas: CapArea[] = snap.areas.map((a) => ({
    areaDesc: areaLine(a, snap, lang),
    polygon: capPolygons(a.geometry),
    circle: [],
    geocode: region ? [{ valueName: DABYL_REGION_GEOCODE, value: region }] : [],
  }));
  return {
    language: CAP_LANGUAGE_TAGS[lang],
    category: ['Safety'],
    event: `${ph.event}: ${text.title.trim()}`,
    responseType: [cancel ? 'None' : 'Monitor'],
    urgency: 'Future',
    severity: 'Minor',
    certainty: 'Likely',
    eventCode: [],
    onset: formatCapDateTime(new Date(snap.startsAt), offset),
    expires: formatCapDateTime(
      new Date(snap.endsAt),
      zoneOffsetMinutes(snap.timeZone, new Date(snap.endsAt)),
    ),
    ...(input.senderName ? { senderName: input.senderName } : {}),
    headline: (cancel ? `${ph.cancelled}: ${text.title.trim()}` : text.title.trim()).slice(0, 160),
    description: paragraphs.join('\n\n'),
    ...(instruction ? { instruction } : {}),
    web: noticeUrl(input.publicUrl, lang, snap.slug),
    ...(text.contacts.trim() ? { contact: text.contacts.trim() } : {}),
    parameter: [],
    resource: [],
    area: areas,
  };
}

/** The notice as a CAP model: one <info> per complete language, kk, ru, en in that order. */
export function noticeToCap(input: NoticeCapInput): CapAlert {
  const { snapshot: snap, kind } = input;
  const sentOffset = zoneOffsetMinutes(snap.timeZone, input.sent);
  const langs = completeLanguages(snap.texts);
  const note =
    input.note?.trim() ||
    (kind === 'Update' ? CAP_PHRASES.en.updated : kind === 'Cancel' ? CAP_PHRASES.en.cancelled : undefined);
  return {
    identifier: input.identifier,
    sender: input.sender,
    sent: formatCapDateTime(input.sent, sentOffset),
    status: 'Actual',
    msgType: kind,
    scope: 'Public',
    code: [],
    ...(note ? { note } : {}),
    ...(kind !== 'Alert' && input.references.length > 0
      ? { references: input.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ') }
      : {}),
    info: langs.map((l) => info(input, l, snap.texts[l]!)),
  };
}

/**
 * Findings of the project's CAP validator (core and the Dabyl profile) that a notice may carry on
 * purpose: a language that was not written stays missing rather than filled from another, and a
 * city the region table does not know has no geocode. Everything else at error level is a bug.
 */
export const TOLERATED_CAP_RULES: ReadonlySet<string> = new Set(['dabyl.languages', 'dabyl.region']);

export class NoticeCapError extends Error {
  constructor(readonly findings: CapFinding[]) {
    super(
      `The notice's CAP message is not valid: ${findings.map((f) => `${f.path} ${f.message}`).join('; ')}`,
    );
    this.name = 'NoticeCapError';
  }
}

/** The CAP XML of a publication, validated; throws {@link NoticeCapError} on any error finding. */
export function noticeCapXml(input: NoticeCapInput): {
  xml: string;
  alert: CapAlert;
  findings: CapFinding[];
} {
  const alert = noticeToCap(input);
  const findings = validateCap(alert, { profiles: ['dabyl'], now: input.sent });
  const errors = findings.filter((f) => f.severity === 'error' && !TOLERATED_CAP_RULES.has(f.rule));
  if (errors.length > 0) throw new NoticeCapError(errors);
  return { xml: buildCap(alert), alert, findings };
}
