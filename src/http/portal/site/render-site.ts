import type { PublicNotice } from '../../../core/notice/notice.js';
import { renderAtom } from '../feeds/atom.js';
import { renderIcs } from '../feeds/ics.js';
import { renderNoticesJson } from '../feeds/json.js';
import { html } from '../html.js';
import { PORTAL_LANGS, texts, type PortalLang } from '../i18n.js';
import { renderLayout } from '../layout.js';
import type { LiveAlert } from '../pages/alerts.js';
import { renderHomePage } from '../pages/home.page.js';
import { noticePath, renderNoticePage } from '../pages/notice.page.js';

/** What the public site is made from: read once per change of the portal generation. */
export interface PortalContent {
  generation: number;
  notices: PublicNotice[];
  /** The newest revision's CAP XML per notice id, as stored when it was published. */
  caps: Map<string, string>;
  alerts: LiveAlert[];
  /** Extra sections under a notice (was it useful, comments), per notice id and language. */
  noticeSections?: (notice: PublicNotice, lang: PortalLang) => string;
}

export interface SiteFile {
  type: string;
  body: string;
  status?: number;
}

export const HTML = 'text/html; charset=utf-8';
export const ATOM = 'application/atom+xml; charset=utf-8';
export const ICS = 'text/calendar; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const CAP = 'application/cap+xml; charset=utf-8';

/** The path a language's "not found" page is kept under; never linked, served with 404. */
export const notFoundKey = (lang: PortalLang) => `/${lang}/404`;

function notFoundPage(lang: PortalLang, baseUrl: string): string {
  const t = texts(lang).notice;
  return renderLayout({
    lang,
    title: t.notFound,
    path: '/',
    body: html`<h1>${t.notFound}</h1>
      <p><a href="/${lang}/">${t.backHome}</a></p>`,
    baseUrl,
  });
}

/** A notice's title in the first language it is written in (the slug is an address, never a name). */
const noticeTitle = (notice: PublicNotice): string =>
  PORTAL_LANGS.map((l) => notice.snapshot.texts[l]?.title).find(Boolean) ?? texts('kk').notices;

/**
 * Every public page and feed, by the path it is served at. The same bytes are served from memory
 * by the server and written to disk by `dabyl portal export`.
 */
export function renderSite(
  content: PortalContent,
  now: Date,
  baseUrl: string,
  options: { streetMap?: boolean } = {},
): Map<string, SiteFile> {
  const files = new Map<string, SiteFile>();
  const { notices } = content;
  for (const lang of PORTAL_LANGS) {
    files.set(`/${lang}/`, {
      type: HTML,
      body: renderHomePage({ lang, notices, alerts: content.alerts, now, baseUrl }),
    });
    for (const notice of notices) {
      const after = content.noticeSections?.(notice, lang);
      files.set(`/${lang}${noticePath(notice.slug)}`, {
        type: HTML,
        body: renderNoticePage({
          notice,
          lang,
          now,
          baseUrl,
          ...(after ? { after } : {}),
          ...(options.streetMap ? { streetMap: true } : {}),
        }),
      });
    }
    files.set(notFoundKey(lang), { type: HTML, body: notFoundPage(lang, baseUrl), status: 404 });
  }
  // The feeds' own clocks are the content's: re-rendering later must give the same bytes.
  const changedAt = new Date(
    notices.reduce((max, n) => (n.publishedAt > max ? n.publishedAt : max), '2000-01-01T00:00:00.000Z'),
  );
  files.set('/notices.atom', { type: ATOM, body: renderAtom(notices, baseUrl) });
  files.set('/notices.json', { type: JSON_TYPE, body: renderNoticesJson(notices, baseUrl, now) });
  files.set('/notices.ics', {
    type: ICS,
    // One feed for every reader: named in Kazakh, the site's first language, as the Atom feed is.
    body: renderIcs(notices, baseUrl, `${texts('kk').siteName} — ${texts('kk').notices}`, changedAt),
  });
  for (const notice of notices) {
    files.set(`/notices/${notice.id}.ics`, {
      type: ICS,
      body: renderIcs([notice], baseUrl, noticeTitle(notice), changedAt),
    });
    const cap = content.caps.get(notice.id);
    if (cap) files.set(`/notices/${notice.id}.cap`, { type: CAP, body: cap });
  }
  return files;
}

/**
 * The next moment a page changes by itself (a drill starts or ends, an area's window opens or
 * closes): when the rendered site must be made again even though nothing was published.
 */
export function nextChange(
  notices: PublicNotice[],
  now: Date,
  alerts: readonly LiveAlert[] = [],
): Date | null {
  const t = now.getTime();
  let next = Infinity;
  // An alert leaves the home page when it expires.
  for (const a of alerts) {
    const ms = a.expiresAt ? Date.parse(a.expiresAt) : NaN;
    if (ms > t && ms < next) next = ms;
  }
  for (const n of notices) {
    const times = [
      n.snapshot.startsAt,
      n.snapshot.endsAt,
      ...n.snapshot.areas.flatMap((a) => [a.startsAt, a.endsAt]),
    ];
    for (const iso of times) {
      const ms = iso ? Date.parse(iso) : NaN;
      if (ms > t && ms < next) next = ms;
    }
  }
  return next === Infinity ? null : new Date(next);
}
