import type { PublicNotice, PublicState } from '../../../core/notice/notice.js';
import { publicState } from '../../../core/notice/state.js';
import { PLACES } from '../../../core/notice/places.js';
import { assetUrl } from '../assets.js';
import { html, type Html } from '../html.js';
import { PORTAL_LANGS, texts, type PortalLang } from '../i18n.js';
import { pageUrl, renderLayout } from '../layout.js';
import { landShapes } from '../map/land.js';
import { renderMap } from '../map/svg-map.js';
import type { LiveAlert } from './alerts.js';
import { cityName, formatWindow, noticeCentre } from './format.js';
import { noticePath } from './notice.page.js';

export interface HomePageInput {
  lang: PortalLang;
  notices: PublicNotice[];
  alerts: LiveAlert[];
  now: Date;
  baseUrl: string;
}

/** The live alerts banner: red, white text, the word ALERT and "not a drill" — nothing a drill notice looks like. */
export function alertBanner(lang: PortalLang, alerts: LiveAlert[]): Html {
  const t = texts(lang).home;
  const own = alerts.filter((a) => a.sender === null);
  const others = alerts.filter((a) => a.sender !== null);
  const banner = (a: LiveAlert, n: string) => {
    const headline = a.headline[lang] ?? PORTAL_LANGS.map((l) => a.headline[l]).find(Boolean) ?? '';
    const instruction = a.instruction[lang] ?? PORTAL_LANGS.map((l) => a.instruction[l]).find(Boolean);
    return html`<section class="alert-banner" role="alert" aria-labelledby="alert-${n}">
      <h2 id="alert-${n}">${t.alertLabel}: ${headline}</h2>
      ${instruction ? html`<p>${instruction}</p>` : ''}
      ${
        a.sender
          ? html`<p class="alert-sender">
              ${t.alertFrom}: ${a.sender}${a.verified ? '' : html` — ${t.alertUnverified}`}
            </p>`
          : ''
      }
      ${a.url ? html`<p><a href="${a.url}" rel="noopener noreferrer">${t.alertMore}</a></p>` : ''}
    </section>`;
  };
  // Another authority's alerts are shown apart, under their sender, never as Dabyl's own.
  return html`${own.map((a, i) => banner(a, `own-${i}`))}
  ${
    others.length
      ? html`<section class="alerts-other" aria-labelledby="alerts-other">
          <h2 id="alerts-other">${t.alertsOther}</h2>
          ${others.map((a, i) => banner(a, `other-${i}`))}
        </section>`
      : ''
  }`;
}

interface Numbered {
  n: number;
  notice: PublicNotice;
  state: PublicState;
}

function card(lang: PortalLang, item: Numbered): Html {
  const t = texts(lang);
  const s = item.notice.snapshot;
  const text = s.texts[lang];
  const centre = noticeCentre(s);
  const title = text?.title ?? PORTAL_LANGS.map((l) => s.texts[l]?.title).find(Boolean) ?? item.notice.slug;
  const titleLang = text ? lang : PORTAL_LANGS.find((l) => s.texts[l]);
  return html`<li
    class="card"
    data-lon="${centre ? centre[0].toFixed(5) : ''}"
    data-lat="${centre ? centre[1].toFixed(5) : ''}"
  >
    <h4 style="margin:0 0 .25rem;font-size:1.05rem">
      <span class="badge drill">${item.n}</span>
      <a href="${pageUrl(lang, noticePath(item.notice.slug))}" lang="${titleLang ?? lang}">${title}</a>
    </h4>
    <p>
      ${
        item.state === 'cancelled'
          ? html`<span class="badge cancelled">${t.notice.state.cancelled}</span> `
          : item.state === 'now'
            ? html`<span class="badge now">${t.notice.state.now}</span> `
            : ''
      }${formatWindow(lang, s.timeZone, s.startsAt, s.endsAt)}
    </p>
    ${text ? html`<p class="muted">${text.summary}</p>` : html`<p class="muted">${t.notice.missing}</p>`}
    <p class="distance muted" hidden></p>
  </li>`;
}

function byCity(lang: PortalLang, items: Numbered[], headingId: string): Html {
  const groups = new Map<string, Numbered[]>();
  for (const item of items) {
    const city = cityName(lang, item.notice.snapshot.city) ?? texts(lang).home.otherPlaces;
    groups.set(city, [...(groups.get(city) ?? []), item]);
  }
  return html`${[...groups].map(
    ([city, list], i) =>
      html`<section class="city-group" aria-labelledby="${headingId}-${i}">
        <h3 id="${headingId}-${i}">${city}</h3>
        <ul class="cards near-sortable">
          ${list.map((item) => card(lang, item))}
        </ul>
      </section>`,
  )}`;
}

/** The home page: live alerts first, then what is on now and next by city, a map, and "near me". */
export function renderHomePage(input: HomePageInput): string {
  const { lang, now, baseUrl } = input;
  const t = texts(lang);
  let n = 0;
  const all = input.notices.map((notice) => ({ notice, state: publicState(notice, now) }));
  const pick = (state: PublicState) =>
    all.filter((x) => x.state === state).map((x) => ({ ...x, n: state === 'ended' ? 0 : ++n }));
  const current = pick('now');
  const upcoming = pick('upcoming');
  const cancelled = all
    .filter((x) => x.state === 'cancelled' && Date.parse(x.notice.snapshot.endsAt) > now.getTime())
    .map((x) => ({ ...x, n: ++n }));
  const past = all
    .filter((x) => x.state === 'ended')
    .sort((a, b) => (a.notice.snapshot.endsAt < b.notice.snapshot.endsAt ? 1 : -1))
    .slice(0, 10);
  const markers = [...current, ...upcoming].flatMap((x) => {
    const at = noticeCentre(x.notice.snapshot);
    return at ? [{ number: x.n, at, current: x.state === 'now' }] : [];
  });
  const cities = PLACES.filter((p) => p.kind === 'city');
  const map = renderMap({
    title: t.home.mapTitle,
    description: t.home.mapDescription(markers.length),
    markers,
    places: cities.map((p) => ({ name: p.names[lang], at: [p.lon, p.lat] as const })),
    land: landShapes(),
    minKm: 1000,
    // The whole country, so a reader sees where each drill is in it.
    include: cities.map((p) => [p.lon, p.lat] as const),
    legend: { current: t.home.legendNow, upcoming: t.home.legendNext },
    scaleLabel: t.notice.scale,
  });
  const body = html`${alertBanner(lang, input.alerts)}
    <h1>${t.home.title}</h1>
    <p>${t.home.lead}</p>
    <div class="near-me no-print" hidden>
      <button
        type="button"
        id="near-me"
        data-working="${t.home.nearMeWorking}"
        data-done="${t.home.nearMeDone}"
        data-failed="${t.home.nearMeFailed}"
        data-km="${t.home.km('{km}')}"
        data-locale="${t.locale}"
      >
        ${t.home.nearMe}
      </button>
      <p class="muted" id="near-me-status" role="status">${t.home.nearMeHint}</p>
    </div>
    <section aria-labelledby="now">
      <h2 id="now">${t.home.now}</h2>
      ${current.length ? byCity(lang, current, 'now-city') : html`<p>${t.home.nothingNow}</p>`}
    </section>
    <section aria-labelledby="next">
      <h2 id="next">${t.home.next}</h2>
      ${upcoming.length ? byCity(lang, upcoming, 'next-city') : html`<p>${t.home.nothingNext}</p>`}
    </section>
    ${map}
    ${
      cancelled.length
        ? html`<section aria-labelledby="cancelled">
            <h2 id="cancelled">${t.home.cancelled}</h2>
            ${byCity(lang, cancelled, 'cancelled-city')}
          </section>`
        : ''
    }
    ${
      past.length
        ? html`<section aria-labelledby="past">
            <h2 id="past">${t.home.past}</h2>
            <ul>
              ${past.map(({ notice }) => {
                const s = notice.snapshot;
                const title =
                  s.texts[lang]?.title ?? PORTAL_LANGS.map((l) => s.texts[l]?.title).find(Boolean);
                return html`<li>
                  <a href="${pageUrl(lang, noticePath(notice.slug))}">${title ?? notice.slug}</a>
                  <span class="muted">— ${formatWindow(lang, s.timeZone, s.startsAt, s.endsAt)}</span>
                </li>`;
              })}
            </ul>
          </section>`
        : ''
    }`;
  return renderLayout({
    lang,
    title: t.home.title,
    path: '/',
    body,
    description: t.home.lead,
    scripts: [assetUrl('near-me.js')],
    baseUrl,
  });
}
