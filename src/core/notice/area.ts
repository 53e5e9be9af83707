import {
  NOTICE_LANGUAGES,
  type AreaText,
  type NoticeArea,
  type NoticeLanguage,
  type NoticeSnapshot,
} from './notice.js';

/**
 * Reads an area as stored. Areas saved before each language had its own text carried one `name`
 * (and a `road` for closures) that every language showed; they read as that same text in every
 * language, so a published history renders exactly as it was and a draft keeps what was typed.
 */
export function readArea(raw: unknown): NoticeArea {
  const a = raw as NoticeArea & { name?: unknown; road?: unknown };
  if (a.texts && typeof a.texts === 'object') return a;
  const name = typeof a.name === 'string' ? a.name : '';
  const road = typeof a.road === 'string' ? a.road : '';
  const text: AreaText = { name, description: road && road !== name ? road : '' };
  const { name: _n, road: _r, ...rest } = a;
  return { ...rest, texts: Object.fromEntries(NOTICE_LANGUAGES.map((l) => [l, { ...text }])) };
}

export const readAreas = (raw: unknown): NoticeArea[] => (Array.isArray(raw) ? raw.map(readArea) : []);

/** The area's public name in a language, if it has one. */
export function areaName(area: NoticeArea, lang: NoticeLanguage): string | null {
  const name = area.texts[lang]?.name.trim();
  return name ? name : null;
}

/** "name — description", or the name alone: one line for lists, CAP areaDesc and e-mails. */
export function areaLabel(area: NoticeArea, lang: NoticeLanguage): string {
  const t = area.texts[lang];
  if (!t) return '';
  const d = t.description.trim();
  return d ? `${t.name.trim()} — ${d}` : t.name.trim();
}

/**
 * What a language still lacks before it can be published with these areas: every area needs its
 * name, every closure its description (the road, from where to where), in each published language.
 */
export function missingAreaTexts(
  areas: readonly NoticeArea[],
  lang: NoticeLanguage,
): { index: number; field: 'name' | 'description' }[] {
  const out: { index: number; field: 'name' | 'description' }[] = [];
  areas.forEach((a, index) => {
    const t = a.texts?.[lang];
    if (!t?.name?.trim()) out.push({ index, field: 'name' });
    if (a.kind === 'closure' && !t?.description?.trim()) out.push({ index, field: 'description' });
  });
  return out;
}

/** A stored publication as it reads today, older snapshots' areas included. */
export function readSnapshot(json: string): NoticeSnapshot {
  const snap = JSON.parse(json) as NoticeSnapshot;
  return { ...snap, areas: readAreas(snap.areas) };
}
