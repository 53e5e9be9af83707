import type { NoticeArea, NoticeText, PublicNotice } from '../../../core/notice/notice.js';
import { areaName } from '../../../core/notice/area.js';
import { publicState } from '../../../core/notice/state.js';
import { PLACES } from '../../../core/notice/places.js';
import { assetUrl } from '../assets.js';
import { html, join, raw, type Html } from '../html.js';
import { PORTAL_LANGS, texts, type PortalLang } from '../i18n.js';
import { pageUrl, renderLayout } from '../layout.js';
import { landShapes } from '../map/land.js';
import { renderMap } from '../map/svg-map.js';
import { cityName, cityPlace, formatInstant, formatWindow, zoneName } from './format.js';

export interface NoticePageInput {
  notice: PublicNotice;
  lang: PortalLang;
  now: Date;
  baseUrl: string;
  /** Sections rendered by others for this page (was it useful, comments), already escaped. */
  after?: string;
  /** A street basemap is configured: the page draws its areas over it too (`DABYL_BASEMAP`). */
  streetMap?: boolean;
}

const OG_LOCALE: Record<PortalLang, string> = { kk: 'kk_KZ', ru: 'ru_RU', en: 'en_GB' };

export const noticePath = (slug: string) => `/notices/${encodeURIComponent(slug)}`;

function areaList(lang: PortalLang, notice: PublicNotice): Html {
  const t = texts(lang).notice;
  const s = notice.snapshot;
  const items = s.areas.map((a: NoticeArea, i) => {
    const window = a.startsAt && a.endsAt ? formatWindow(lang, s.timeZone, a.startsAt, a.endsAt) : null;
    return html`<li>
      <strong>${i + 1}. ${a.kind === 'closure' ? t.closure : t.area}:</strong> ${areaName(a, lang) ?? ''}${
        a.texts[lang]?.description.trim() ? html`<br />${a.texts[lang]!.description}` : ''
      }${window ? html`<br /><span class="muted">${window}</span>` : ''}
    </li>`;
  });
  return html`<ol class="area-list" style="list-style:none;padding:0">
    ${items}
  </ol>`;
}

function list(items: string[]): Html {
  return html`<ul>
    ${items.map((i) => html`<li>${i}</li>`)}
  </ul>`;
}

function textSections(lang: PortalLang, text: NoticeText): Html {
  const t = texts(lang).notice;
  return html`<section aria-labelledby="see">
      <h2 id="see">${t.seeAndHear}</h2>
      <p style="white-space:pre-line">${text.seeAndHear}</p>
    </section>
    ${
      text.doList.length
        ? html`<section aria-labelledby="do">
            <h2 id="do">${t.do}</h2>
            ${list(text.doList)}
          </section>`
        : ''
    }
    ${
      text.dontList.length
        ? html`<section aria-labelledby="dont">
            <h2 id="dont">${t.dont}</h2>
            ${list(text.dontList)}
          </section>`
        : ''
    }
    <section aria-labelledby="contacts">
      <h2 id="contacts">${t.contacts}</h2>
      <p style="white-space:pre-line">${text.contacts}</p>
    </section>`;
}

function missingLanguage(lang: PortalLang, notice: PublicNotice): Html {
  const t = texts(lang).notice;
  const present = PORTAL_LANGS.filter((l) => notice.snapshot.texts[l]);
  return html`<div class="cancel-note" role="note">
    <p style="margin:0">${t.missing}</p>
    <p style="margin:0">
      ${t.readIn}
      ${join(
        present.map(
          (l) =>
            html`<a href="${pageUrl(l, noticePath(notice.slug))}" hreflang="${l}" lang="${l}"
              >${texts(lang).languageNames[l]}: ${notice.snapshot.texts[l]!.title}</a
            >`,
        ),
        ' · ',
      )}
    </p>
  </div>`;
}

/** The areas as GeoJSON with their list numbers, and the map's own words, for the street map. */
function streetMapData(lang: PortalLang, notice: PublicNotice, title: string): Record<string, unknown> {
  const t = texts(lang).notice.streetMap;
  const city = cityPlace(notice.snapshot.city);
  return {
    style: `/basemap/style.json?lang=${lang}`,
    label: t.label(title),
    ...(city ? { center: [city.lon, city.lat] } : {}),
    features: notice.snapshot.areas.map((a, i) => ({
      type: 'Feature',
      properties: { n: i + 1, kind: a.kind },
      geometry: a.geometry,
    })),
    locale: {
      'Map.Title': t.label(title),
      'NavigationControl.ZoomIn': t.zoomIn,
      'NavigationControl.ZoomOut': t.zoomOut,
      'NavigationControl.ResetBearing': t.resetBearing,
      'AttributionControl.ToggleAttribution': t.attribution,
      'CooperativeGesturesHandler.WindowsHelpText': t.gestureWindows,
      'CooperativeGesturesHandler.MacHelpText': t.gestureMac,
      'CooperativeGesturesHandler.MobileHelpText': t.gestureMobile,
    },
  };
}

function noticeMap(lang: PortalLang, notice: PublicNotice, title: string, streetMap: boolean): Html {
  const t = texts(lang).notice;
  const s = notice.snapshot;
  const city = cityPlace(s.city);
  const areas = s.areas.filter((a) => a.kind === 'area').length;
  return renderMap({
    title: t.mapTitle(title),
    description: t.mapDescription(areas, s.areas.length - areas),
    shapes: s.areas.map((a, i) => ({ number: i + 1, kind: a.kind, geometry: a.geometry })),
    places: PLACES.map((p) => ({ name: p.names[lang], at: [p.lon, p.lat] as const })),
    land: landShapes(),
    minKm: 4,
    include: s.areas.length === 0 && city ? [[city.lon, city.lat]] : [],
    legend: {
      ...(areas > 0 ? { area: t.legendArea } : {}),
      ...(s.areas.length > areas ? { closure: t.legendClosure } : {}),
      place: t.legendPlace,
    },
    scaleLabel: t.scale,
    ...(streetMap ? { streetMap: streetMapData(lang, notice, title) } : {}),
  });
}

function history(lang: PortalLang, notice: PublicNotice): Html {
  const t = texts(lang).notice;
  return html`<section aria-labelledby="history">
    <h2 id="history">${t.history}</h2>
    <ol style="padding-left:1.2rem">
      ${notice.history.map(
        (h) =>
          html`<li>
            <strong>${t.historyKind[h.kind]}</strong>,
            ${formatInstant(lang, notice.snapshot.timeZone, h.publishedAt)}
            (${t.revision(h.revision)})${h.note ? html`: ${h.note}` : ''}
          </li>`,
      )}
    </ol>
  </section>`;
}

/** A notice's page in one language: everything a resident needs, readable and printable without JavaScript. */
export function renderNoticePage(input: NoticePageInput): string {
  const { notice, lang, now, baseUrl } = input;
  const t = texts(lang);
  const s = notice.snapshot;
  const text = s.texts[lang];
  const state = publicState(notice, now);
  const anyTitle = text?.title ?? PORTAL_LANGS.map((l) => s.texts[l]?.title).find(Boolean) ?? notice.slug;
  const title = text?.title ?? t.notice.missing;
  const path = noticePath(notice.slug);
  const url = pageUrl(lang, path, baseUrl);
  const description = text?.summary ?? t.notice.missing;
  const city = cityName(lang, s.city);
  const head = html`<meta property="og:type" content="article" />
    <meta property="og:site_name" content="${t.siteName}" />
    <meta property="og:title" content="${title}" />
    <meta property="og:description" content="${description}" />
    <meta property="og:url" content="${url}" />
    <meta property="og:locale" content="${OG_LOCALE[lang]}" />
    ${PORTAL_LANGS.filter((l) => l !== lang).map(
      (l) => html`<meta property="og:locale:alternate" content="${OG_LOCALE[l]}" />`,
    )}
    <meta property="article:published_time" content="${notice.firstPublishedAt}" />
    <meta property="article:modified_time" content="${notice.publishedAt}" />
    <meta name="twitter:card" content="summary" />
    <meta name="twitter:title" content="${title}" />
    <meta name="twitter:description" content="${description}" />
    <link rel="alternate" type="application/cap+xml" href="/notices/${notice.id}.cap" />`;
  const body = html`<p>
      <span class="badge drill">${t.notice.drill}</span>
      <span class="badge ${state === 'cancelled' ? 'cancelled' : state === 'now' ? 'now' : ''}"
        >${t.notice.state[state]}</span
      >
    </p>
    <h1>${text ? text.title : anyTitle}</h1>
    ${
      state === 'cancelled'
        ? html`<p class="cancel-note" role="note">${t.notice.cancelledNote}</p>`
        : html`<p class="drill-note" role="note">${t.notice.drillNote}</p>`
    }
    ${text ? html`<p class="summary">${text.summary}</p>` : missingLanguage(lang, notice)}
    <dl class="facts">
      <dt>${t.notice.when}</dt>
      <dd>
        ${formatWindow(lang, s.timeZone, s.startsAt, s.endsAt)}<br /><span class="muted"
          >${t.notice.timesIn(zoneName(s.timeZone, s.startsAt, lang))}</span
        >
      </dd>
      ${
        city
          ? html`<dt>${t.notice.where}</dt>
              <dd>${city}</dd>`
          : ''
      }
    </dl>
    ${noticeMap(lang, notice, anyTitle, input.streetMap === true)}
    ${
      s.areas.length
        ? html`<section aria-labelledby="areas">
            <h2 id="areas">${t.notice.areas}</h2>
            ${areaList(lang, notice)}
          </section>`
        : ''
    }
    ${text ? textSections(lang, text) : ''} ${history(lang, notice)}
    <section aria-labelledby="links" class="no-print">
      <h2 id="links">${t.notice.links}</h2>
      <ul>
        <li><a href="/notices/${notice.id}.ics" type="text/calendar">${t.notice.calendar}</a></li>
        <li><a href="/notices/${notice.id}.cap" type="application/cap+xml">${t.notice.cap}</a></li>
        <li><a href="/${lang}/">${t.notice.backHome}</a></li>
      </ul>
    </section>
    ${raw(input.after ?? '')}`;
  const streetMap = input.streetMap
    ? {
        head: html`${head} <link rel="stylesheet" href="${assetUrl('maplibre-gl.css')}" />`,
        scripts: [assetUrl('maplibre-gl.js'), assetUrl('street-map.js')],
      }
    : { head };
  return renderLayout({ lang, title: anyTitle, path, body, description, baseUrl, ...streetMap });
}
