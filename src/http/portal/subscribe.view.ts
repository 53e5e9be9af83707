import { PLACES } from '../../core/notice/places.js';
import type { SubscriberData } from '../../services/subscriptions/subscriptions.service.js';
import { assetUrl } from './assets.js';
import { html, type Html } from './html.js';
import { PORTAL_LANGS, texts, type PortalLang } from './i18n.js';
import { renderLayout } from './layout.js';
import { subscribeTexts } from './subscribe.texts.js';

/** What the subscribe form was given, to show it again beside what was wrong with it. */
export interface SubscribeForm {
  email: string;
  name: string;
  language: string;
  mode: string;
  placeId: string;
  lat: string;
  lon: string;
  radiusKm: string;
}

export const emptyForm = (lang: PortalLang): SubscribeForm => ({
  email: '',
  name: '',
  language: lang,
  mode: 'named',
  placeId: '',
  lat: '',
  lon: '',
  radiusKm: '2',
});

function page(
  lang: PortalLang,
  path: string,
  title: string,
  body: Html,
  baseUrl: string,
  scripts?: string[],
) {
  return renderLayout({
    lang,
    title,
    path,
    body,
    baseUrl,
    head: html`<link rel="stylesheet" href="${assetUrl('subscribe.css')}" />`,
    ...(scripts ? { scripts } : {}),
  });
}

function placeOptions(lang: PortalLang, selected: string): Html {
  const t = subscribeTexts(lang);
  const option = (id: string, name: string) =>
    html`<option value="${id}" ${id === selected ? html`selected` : ''}>${name}</option>`;
  const cities = PLACES.filter((p) => p.kind === 'city');
  const groups = ['astana', 'almaty'].map((cityId) => {
    const city = cities.find((c) => c.id === cityId)!;
    return html`<optgroup label="${t.districtsOf(city.names[lang])}">
      ${PLACES.filter((p) => p.city === cityId).map((p) => option(p.id, p.names[lang]))}
    </optgroup>`;
  });
  return html`<option value="">${t.choose}</option>
    <optgroup label="${t.cities}">${cities.map((c) => option(c.id, c.names[lang]))}</optgroup>
    ${groups}`;
}

export function subscribePage(
  lang: PortalLang,
  baseUrl: string,
  form: SubscribeForm,
  errors: string[],
  pushKey: string | null = null,
): string {
  const t = subscribeTexts(lang);
  const names = texts(lang).languageNames;
  const checked = (on: boolean) => (on ? html`checked` : '');
  const body = html`<h1>${t.title}</h1>
    <p>${t.lead}</p>
    ${
      errors.length
        ? html`<div class="form-errors" role="alert" tabindex="-1" id="errors">
            <h2>${t.errorsTitle}</h2>
            <ul>
              ${errors.map((e) => html`<li>${e}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <form class="subscribe" method="post" action="/${lang}/subscribe" novalidate>
      <p>
        <label for="email">${t.email}</label>
        <input id="email" name="email" type="email" autocomplete="email" required value="${form.email}" />
      </p>
      <p>
        <label for="name">${t.name}</label>
        <input id="name" name="name" type="text" autocomplete="name" maxlength="100" value="${form.name}" />
      </p>
      <p>
        <label for="language">${t.language}</label>
        <select id="language" name="language">
          ${PORTAL_LANGS.map(
            (l) =>
              html`<option value="${l}" lang="${l}" ${l === form.language ? html`selected` : ''}>
                ${names[l]}
              </option>`,
          )}
        </select>
      </p>
      <fieldset>
        <legend>${t.placeLegend}</legend>
        <p>
          <input type="radio" id="mode-named" name="mode" value="named" ${checked(form.mode !== 'point')} />
          <label for="mode-named">${t.byName}</label>
        </p>
        <p class="indent">
          <label for="placeId" class="visually-hidden">${t.byName}</label>
          <select id="placeId" name="placeId">
            ${placeOptions(lang, form.placeId)}
          </select>
        </p>
        <p>
          <input type="radio" id="mode-point" name="mode" value="point" ${checked(form.mode === 'point')} />
          <label for="mode-point">${t.byPoint}</label>
        </p>
        <div class="indent point-fields">
          <p>
            <label for="lat">${t.lat}</label>
            <input id="lat" name="lat" inputmode="decimal" value="${form.lat}" />
          </p>
          <p>
            <label for="lon">${t.lon}</label>
            <input id="lon" name="lon" inputmode="decimal" value="${form.lon}" />
          </p>
          <p>
            <label for="radiusKm">${t.radiusKm}</label>
            <input
              id="radiusKm"
              name="radiusKm"
              inputmode="decimal"
              value="${form.radiusKm}"
              aria-describedby="radius-hint"
            />
            <small id="radius-hint" class="muted">${t.radiusHint}</small>
          </p>
          <p class="locate" hidden>
            <button
              type="button"
              class="secondary"
              id="use-location"
              data-locating="${t.locating}"
              data-failed="${t.locationFailed}"
            >
              ${t.useLocation}
            </button>
            <small class="muted">${t.locationHint}</small>
            <span id="location-status" role="status"></span>
          </p>
        </div>
      </fieldset>
      <p class="muted">${t.privacy}</p>
      <p><button type="submit">${t.submit}</button></p>
    </form>
    ${pushKey ? deviceSection(lang, pushKey) : ''}`;
  const scripts = [assetUrl('subscribe.js'), ...(pushKey ? [assetUrl('push.js')] : [])];
  return page(lang, '/subscribe', t.title, body, baseUrl, scripts);
}

/**
 * "Get alerts on this device": an area and a button per area. It works only with JavaScript (a
 * push subscription is made by the browser), so it stays hidden until push.js finds the browser
 * able; its words ride along as data attributes.
 */
function deviceSection(lang: PortalLang, pushKey: string): Html {
  const t = subscribeTexts(lang);
  return html`<section
    class="device-alerts"
    id="device-alerts"
    aria-labelledby="device-alerts-title"
    hidden
    data-key="${pushKey}"
    data-lang="${lang}"
    data-done="${t.pushDone}"
    data-stopped="${t.pushStopped}"
    data-denied="${t.pushDenied}"
    data-unsupported="${t.pushUnsupported}"
    data-failed="${t.pushFailed}"
    data-choose="${t.pushChooseArea}"
    data-asking="${t.pushAsking}"
    data-stop="${t.pushStop}"
  >
    <h2 id="device-alerts-title">${t.pushTitle}</h2>
    <p>${t.pushLead}</p>
    <p>
      <label for="push-place">${t.pushArea}</label>
      <select id="push-place">
        ${placeOptions(lang, '')}
      </select>
    </p>
    <p><button type="button" id="push-subscribe">${t.pushButton}</button></p>
    <p id="push-status" role="status" aria-live="polite"></p>
    <div id="push-following" hidden>
      <p>${t.pushFollowing}</p>
      <ul id="push-places"></ul>
      <p><button type="button" class="secondary" id="push-stop-all">${t.pushStopAll}</button></p>
    </div>
  </section>`;
}

/** A page with a heading, a sentence and optionally one button that posts `token` to `action`. */
export function messagePage(
  lang: PortalLang,
  baseUrl: string,
  path: string,
  title: string,
  lead: string,
  extra: Html | string = '',
): string {
  return page(
    lang,
    path,
    title,
    html`<h1>${title}</h1>
      <p>${lead}</p>
      ${extra}`,
    baseUrl,
  );
}

/** A form whose only field is the token and whose only control is the button: what GET pages offer. */
export const tokenButton = (action: string, token: string, label: string, secondary = false): Html =>
  html`<form method="post" action="${action}">
    <input type="hidden" name="token" value="${token}" />
    <button type="submit" ${secondary ? html`class="secondary"` : ''}>${label}</button>
  </form>`;

function when(lang: PortalLang, iso: string | null): string {
  if (!iso) return subscribeTexts(lang).none;
  return new Intl.DateTimeFormat(texts(lang).locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Almaty',
  }).format(new Date(iso));
}

export function dataPage(lang: PortalLang, baseUrl: string, token: string, data: SubscriberData): string {
  const t = subscribeTexts(lang);
  const names = texts(lang).languageNames;
  const km = (m: number) => (m / 1000).toLocaleString(texts(lang).locale, { maximumFractionDigits: 1 });
  const body = html`<h1>${t.dataTitle}</h1>
    <p>${t.dataLead}</p>
    <dl class="facts">
      <dt>${t.email}</dt>
      <dd>${data.email ?? t.deviceOnly}</dd>
      <dt>${t.name}</dt>
      <dd>${data.name ?? t.none}</dd>
      <dt>${t.language}</dt>
      <dd>${names[data.language as PortalLang] ?? data.language}</dd>
      <dt>${t.status}</dt>
      <dd>${t.statuses[data.status] ?? data.status}</dd>
      <dt>${t.channels}</dt>
      <dd>${data.channels.join(', ')}</dd>
      <dt>${t.places}</dt>
      <dd>
        <ul>
          ${data.places.map(
            (p) =>
              html`<li>
                ${p.label} — ${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}, ${t.radius} ${km(p.radiusM)} km
              </li>`,
          )}
        </ul>
      </dd>
      <dt>${t.created}</dt>
      <dd>${when(lang, data.createdAt)}</dd>
      <dt>${t.confirmedAt}</dt>
      <dd>${when(lang, data.confirmedAt)}</dd>
      <dt>${t.updated}</dt>
      <dd>${when(lang, data.updatedAt)}</dd>
    </dl>
    <h2>${t.deliveries}</h2>
    ${
      data.deliveries.length
        ? html`<ul>
            ${data.deliveries.map(
              (d) =>
                html`<li>
                  <a href="/${lang}/notices/${encodeURIComponent(d.noticeSlug)}">${d.noticeSlug}</a>,
                  ${t.deliveryRevision} ${d.revision} — ${d.status}, ${when(lang, d.sentAt ?? d.createdAt)}
                </li>`,
            )}
          </ul>`
        : html`<p>${t.noDeliveries}</p>`
    }
    ${data.status !== 'unsubscribed' ? tokenButton('/unsubscribe', token, t.unsubscribeButton, true) : ''}
    <h2>${t.eraseTitle}</h2>
    <p>${t.eraseLead}</p>
    ${tokenButton(`/${lang}/subscription/erase`, token, t.eraseButton)}`;
  return page(lang, '/subscription', t.dataTitle, body, baseUrl);
}
